// Build script. Bundles:
//   dist/extension.js  the VS Code extension (Node extension host)
//   dist/cli.js        the `lr-preview` command line
//   --tests            test/unit/*.test.ts -> dist-test/ (plain `node --test`)
//   --bench            bench/bench.ts -> dist-test/bench/bench.js
// Flags: --production (minify, no maps), --watch.
import * as esbuild from 'esbuild';
import { readdirSync, mkdirSync, copyFileSync, existsSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  external: ['vscode'],
};

/** Files the bundles load at run time (parser WASM), copied next to them. */
function copyRuntimeAssets(dir) {
  mkdirSync(dir, { recursive: true });
  const assets = [
    ['node_modules/web-tree-sitter/tree-sitter.wasm', 'tree-sitter.wasm'],
    ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
  ];
  for (const [from, to] of assets) if (existsSync(from)) copyFileSync(from, `${dir}/${to}`);
}

const builds = [];
if (args.has('--tests')) {
  const entries = readdirSync('test/unit').filter((f) => f.endsWith('.test.ts')).map((f) => `test/unit/${f}`);
  builds.push({ ...common, entryPoints: entries, outdir: 'dist-test', sourcemap: 'inline' });
  copyRuntimeAssets('dist-test');
} else if (args.has('--bench')) {
  builds.push({ ...common, entryPoints: ['bench/bench.ts'], outdir: 'dist-test/bench', sourcemap: false });
  copyRuntimeAssets('dist-test/bench');
} else {
  const extra = existsSync('src/extension.ts') ? ['src/extension.ts'] : [];
  builds.push({ ...common, entryPoints: [...extra, 'src/cli.ts'], outdir: 'dist' });
  if (existsSync('media/preview.ts')) {
    builds.push({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['media/preview.ts'], outdir: 'dist/media' });
  }
  copyRuntimeAssets('dist');
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
