#!/usr/bin/env node
// In-editor tests: the packaged extension inside a real VS Code (code-server 4.100.3 = VS Code
// 1.100.3) driven by headless Chromium. `npm run test:vscode`.
//
//   node test/vscode/run.mjs [--grep regex] [--no-build] [--keep] [--verbose] [--extension dir]
//   (--extension packages another extension folder instead of this repo: to check the harness
//    against a stand-in extension)
//
// 1. builds and packages the .vsix exactly as `npm run package` does (scripts/package.mjs: production
//    build, vsce package --no-dependencies, the repository's .vscodeignore) into a tmp dir;
// 2. starts code-server (installed once into .cache/code-server/) with that .vsix installed, on a
//    copy of test/vscode/workspace/ in the same tmp dir, scratch HOME/XDG/TMPDIR;
// 3. runs the cases of test/vscode/*.test.mjs in file order, in one workbench;
// 4. prints `N pending` (cases waiting for features not built yet) and finally
//    `N passed, N failed`; exits 1 on any failure.
// Screenshots land in docs/screenshots/; failure screenshots in .cache/vscode-test-results/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCodeServer, startCodeServer, REPO } from '../../scripts/code-server.mjs';
import { openWorkbench } from './harness.mjs';
import { packageVsix } from '../../scripts/package.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : undefined);
const grep = opt('--grep');
const verbose = flag('--verbose');
const CASE_TIMEOUT = Number(process.env.VSCODE_TEST_CASE_TIMEOUT ?? 90_000);
const FAILURES = path.join(REPO, '.cache', 'vscode-test-results');

const T0 = Date.now();
const secs = (t = T0) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const say = (...a) => console.log(...a);

export class Pending extends Error {}

// ---------------------------------------------------------------- build + package
function run(cmd, args, { input, env, cwd = REPO } = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', input, env: env ?? process.env, maxBuffer: 64 << 20 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, status: r.status };
}

/** A manifest string with its `%key%` resolved through package.nls.json (English, as the tests run). */
function nls(value, root = REPO) {
  const m = /^%(.+)%$/.exec(value ?? '');
  if (!m) return value;
  const file = path.join(root, 'package.nls.json');
  const table = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const v = table[m[1]];
  return typeof v === 'string' ? v : v?.message ?? value;
}

/** What the packaged extension offers, from its manifest; decides which cases can run. */
function describeExtension(manifest, packaged, root = REPO) {
  const commands = (manifest.contributes?.commands ?? []).map((c) => ({
    id: c.command, title: `${c.category ? `${nls(c.category, root)}: ` : ''}${nls(c.title, root)}`,
  }));
  return { packaged, manifest, commands, hasCommand: (t) => commands.some((c) => c.title.endsWith(t) || c.id === t) };
}

function buildAndPackage(tmp, root = REPO) {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (root === REPO && !existsSync(path.join(REPO, 'src', 'extension.ts'))) {
    return { ext: describeExtension(manifest, false), why: 'the extension is not there yet (src/extension.ts missing)' };
  }
  const t = Date.now();
  if (root === REPO) {
    // The very .vsix `npm run package` ships: production build, the repository's .vscodeignore.
    try {
      const { vsix, bytes } = packageVsix({ out: path.join(tmp, `${manifest.name}-${manifest.version}.vsix`), quiet: true });
      say(`built and packaged ${path.basename(vsix)} (${(bytes / 1024).toFixed(0)} KB, npm run package) in ${secs(t)}`);
      return { ext: describeExtension(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')), true), vsix };
    } catch (e) {
      return { ext: describeExtension(manifest, false), error: e.message };
    }
  }
  const b = manifest.scripts?.build ? run('npm', ['run', '--silent', 'build'], { cwd: root }) : { ok: true };
  if (!b.ok) return { ext: describeExtension(manifest, false), error: `npm run build failed:\n${b.out}` };
  // vsce takes .vscodeignore; add what must never be packed from a working tree (scratch caches).
  const own = existsSync(path.join(root, '.vscodeignore')) ? readFileSync(path.join(root, '.vscodeignore'), 'utf8') : [
    'src/**', 'test/**', 'bench/**', 'scripts/**', 'docs/**', 'examples/**', '.ci/**', 'dist-test/**', '**/*.map',
    '**/*.ts', 'tsconfig.json', 'esbuild.mjs', '.gitignore',
  ].join('\n');
  const ignore = path.join(tmp, 'vscodeignore');
  writeFileSync(ignore, `${own}\n.cache/**\nnode_modules/**\ntest-results/**\n*.vsix\n.git/**\n`);
  const vsix = path.join(tmp, 'lr-schedule-preview.vsix');
  const vsce = path.join(REPO, 'node_modules', '.bin', 'vsce');
  const p = run(existsSync(vsce) ? vsce : 'npx', [...(existsSync(vsce) ? [] : ['vsce']), 'package', '--no-dependencies',
    '--skip-license', '--allow-missing-repository', '--ignoreFile', ignore, '-o', vsix], { input: 'y\ny\ny\n', cwd: root });
  if (!p.ok || !existsSync(vsix)) return { ext: describeExtension(manifest, false), error: `vsce package failed:\n${p.out}` };
  const built = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  say(`built and packaged ${path.basename(vsix)} in ${secs(t)}`);
  return { ext: describeExtension(built, true, root), vsix };
}

// ---------------------------------------------------------------- cases
async function loadCases() {
  const files = readdirSync(HERE).filter((f) => f.endsWith('.test.mjs')).sort();
  const cases = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(HERE, f)).href);
    for (const c of mod.default ?? mod.cases ?? []) cases.push({ ...c, file: f });
  }
  return grep ? cases.filter((c) => new RegExp(grep, 'i').test(c.name)) : cases;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]);
}

// ---------------------------------------------------------------- main
async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'lrsp-vscode-test-'));
  const results = [];
  const record = (name, status, detail = '', ms = 0) => {
    results.push({ name, status, detail });
    const mark = { pass: 'ok  ', fail: 'FAIL', pending: 'PEND' }[status];
    say(`${mark} ${name}${ms ? ` (${(ms / 1000).toFixed(1)} s)` : ''}${detail ? `\n     ${detail.split('\n').join('\n     ')}` : ''}`);
  };
  let cs;
  let wb;
  // Servers / workbenches a case started with ctx.startWorkbench (stopped when the case ends).
  const extra = [];
  const closeExtra = async () => {
    for (const x of extra.splice(0).reverse()) await (x.stop ? Promise.resolve(x.stop()) : x.close()).catch(() => {});
  };
  // Ctrl-C or a hung run must not leave code-server (its own process group) or Chromium behind.
  const abort = (why, code) => {
    say(`\n${why}: stopping code-server`);
    for (const x of extra) if (x.stop) x.stop();
    cs?.stop();
    wb?.context.browser()?.close().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
    say(`0 passed, 1 failed`);
    process.exit(code);
  };
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  const budget = Number(process.env.VSCODE_TEST_BUDGET ?? 15 * 60_000);
  setTimeout(() => abort(`the whole run took longer than ${budget / 1000} s`, 1), budget).unref();
  try {
    // Install (cached) code-server first: the slowest step on a fresh machine, independent of the build.
    let t = Date.now();
    ensureCodeServer();
    say(`code-server ready in ${secs(t)}`);

    const { ext, vsix, why, error } = flag('--no-build')
      ? { ext: describeExtension(JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')), false), why: 'not built (--no-build)' }
      : buildAndPackage(tmp, opt('--extension') ? path.resolve(opt('--extension')) : REPO);
    if (error) record('build and package the .vsix', 'fail', error.slice(-3000));
    const unavailable = why ?? (error ? 'the .vsix could not be built' : undefined);

    const workspace = path.join(tmp, 'workspace');
    cpSync(path.join(HERE, 'workspace'), workspace, { recursive: true });

    t = Date.now();
    cs = await startCodeServer({ folder: workspace, vsix, scratch: path.join(tmp, 'vscode'), verbose, keepScratch: true });
    say(`code-server up at ${cs.url} in ${secs(t)}${vsix ? ' with the .vsix installed' : ' (no extension installed)'}`);

    t = Date.now();
    wb = await openWorkbench({ url: cs.url, env: cs.env, scratch: tmp });
    // Screenshots of a stand-in extension must not land in docs/.
    if (opt('--extension')) wb.screenshotDir = path.join(tmp, 'screenshots');
    say(`workbench loaded in ${secs(t)}`);

    const cases = await loadCases();
    const ctx = {
      wb, ext, workspace, cs, tmp,
      pending: (msg) => { throw new Pending(msg); },
      /**
       * A second code-server (same .vsix, a fresh copy of the workspace) with other start options,
       * e.g. { locale: 'ko' }, and a workbench on it. Closed by the runner when the case ends.
       */
      startWorkbench: async (opts = {}) => {
        const dir = mkdtempSync(path.join(tmp, 'extra-'));
        const ws = path.join(dir, 'workspace');
        cpSync(path.join(HERE, 'workspace'), ws, { recursive: true });
        const t1 = Date.now();
        const cs2 = await startCodeServer({ folder: ws, vsix, scratch: path.join(dir, 'vscode'), verbose, keepScratch: true, ...opts });
        extra.push(cs2);
        const wb2 = await openWorkbench({ url: cs2.url, env: cs2.env, scratch: dir });
        wb2.screenshotDir = wb.screenshotDir;
        extra.push(wb2);
        say(`     (second code-server ${JSON.stringify(opts)} at ${cs2.url}, workbench in ${secs(t1)})`);
        return { wb: wb2, cs: cs2, workspace: ws };
      },
    };
    for (const c of cases) {
      // Cases that need the extension (or one of its commands) wait for it instead of failing.
      if (c.needs && !ext.packaged) { record(c.name, 'pending', `pending: ${unavailable}`); continue; }
      const cmd = [].concat(c.needsCommand ?? []).find((title) => !ext.hasCommand(title));
      if (cmd) { record(c.name, 'pending', `pending: the extension does not contribute the command "${cmd}" yet`); continue; }
      const tc = Date.now();
      try {
        await withTimeout(Promise.resolve().then(() => c.run(ctx)), c.timeout ?? CASE_TIMEOUT, c.name);
        record(c.name, 'pass', '', Date.now() - tc);
      } catch (e) {
        if (e instanceof Pending) { record(c.name, 'pending', `pending: ${e.message}`, Date.now() - tc); continue; }
        let shot = '';
        try {
          mkdirSync(FAILURES, { recursive: true });
          shot = path.join(FAILURES, `${c.name.replace(/[^\w.-]+/g, '_').slice(0, 80)}.png`);
          await wb.page.screenshot({ path: shot });
        } catch { shot = ''; }
        record(c.name, 'fail', `${e.stack ?? e}${shot ? `\nscreenshot: ${path.relative(REPO, shot)}` : ''}`, Date.now() - tc);
      }
      await closeExtra();
      // Leave no quick input / hover / notification behind for the next case.
      await wb.escape(2).catch(() => {});
    }
    if (wb.pageErrors.length && verbose) say(`page errors:\n  ${wb.pageErrors.join('\n  ')}`);
  } catch (e) {
    record('harness', 'fail', String(e.stack ?? e));
  } finally {
    await closeExtra();
    await wb?.close();
    cs?.stop();
    if (flag('--keep')) say(`kept scratch dir ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
  const n = (s) => results.filter((r) => r.status === s).length;
  say(`\nin-editor tests took ${secs()}`);
  if (n('pending')) say(`${n('pending')} pending`);
  say(`${n('pass')} passed, ${n('fail')} failed`);
  return n('fail') ? 1 : 0;
}

const code = await main();
process.exit(code);
