#!/usr/bin/env node
// `npm run package`: the marketplace .vsix.
//   1. node esbuild.mjs --production   (minified bundles, no source maps)
//   2. drops stale *.map files a development build left in dist/ (never packed anyway)
//   3. vsce package --no-dependencies  -> lr-schedule-preview-<version>.vsix in the repo root
// .vscodeignore decides the contents; test/package/vsix.test.mjs checks them and the size budget.
//
//   node scripts/package.mjs [--out file.vsix] [--quiet]
// As a library: packageVsix({ out, quiet }) -> { vsix, bytes, ms }.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Marketplace budget for the .vsix, bytes. */
export const VSIX_BUDGET = 1_200_000;

export function defaultVsixPath() {
  const { name, version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  return path.join(REPO, `${name}-${version}.vsix`);
}

function removeMaps(dir) {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) removeMaps(p);
    else if (e.name.endsWith('.map')) rmSync(p);
  }
}

export function packageVsix({ out = defaultVsixPath(), quiet = false } = {}) {
  const t0 = Date.now();
  const stdio = ['ignore', quiet ? 'pipe' : 'inherit', 'pipe'];
  const b = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: REPO, stdio, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`production build failed:\n${b.stdout ?? ''}${b.stderr ?? ''}`);
  removeMaps(path.join(REPO, 'dist'));
  const vsce = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
  rmSync(out, { force: true });
  const p = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], {
    cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8',
  });
  if (p.status !== 0 || !existsSync(out)) throw new Error(`vsce package failed (exit ${p.status}):\n${p.stdout}${p.stderr}`);
  if (!quiet) process.stderr.write(p.stderr ?? '');
  return { vsix: out, bytes: statSync(out).size, ms: Date.now() - t0 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--out');
  try {
    const r = packageVsix({ out: i >= 0 ? path.resolve(argv[i + 1]) : undefined, quiet: argv.includes('--quiet') });
    const kb = (r.bytes / 1024).toFixed(0);
    console.log(`packaged ${path.relative(process.cwd(), r.vsix) || r.vsix}: ${kb} KB (budget ${(VSIX_BUDGET / 1e6).toFixed(1)} MB) in ${(r.ms / 1000).toFixed(1)} s`);
    if (r.bytes > VSIX_BUDGET) { console.error(`over budget by ${r.bytes - VSIX_BUDGET} bytes`); process.exit(1); }
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
