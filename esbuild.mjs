// Build script. Bundles:
//   dist/extension.js  the VS Code extension (Node extension host)
//   dist/cli.js        the `lr-preview` command line
//   dist/web/extension.js  the browser build (vscode.dev / github.dev, web-worker extension host):
//                      platform browser, no Node APIs; web-tree-sitter's Node-only branches
//                      (`require("fs")`, never taken in a worker) resolve to an empty module.
//                      dist/web/meta.json is its metafile (test/unit/web-bundle.test.ts reads it).
//   --web-tests        test/web/suite/index.ts -> dist-test/web/suite.js (the in-editor mocha suite)
//   --tests            test/unit/*.test.ts -> dist-test/ (plain `node --test`)
//   --bench            bench/bench.ts -> dist-test/bench/bench.js
// Flags: --production (minify, no maps), --watch.
import * as esbuild from 'esbuild';
import { readdirSync, mkdirSync, copyFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';

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

/** Node built-ins reached only from web-tree-sitter's Node branch: an empty module in the browser build. */
const NODE_ONLY = /^(node:)?(fs|fs\/promises|path|module|url|crypto|worker_threads)$/;
const emptyNodeBuiltins = {
  name: 'empty-node-builtins',
  setup(b) {
    b.onResolve({ filter: NODE_ONLY }, (a) => {
      // Only the parser runtime may touch them; anything of ours importing Node fails the build.
      if (!/node_modules[\\/]web-tree-sitter[\\/]/.test(a.importer)) {
        return { errors: [{ text: `${a.path} imported by ${a.importer}: no Node APIs in the browser build` }] };
      }
      return { path: a.path, namespace: 'empty-node-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'empty-node-builtin' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

const webCommon = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  format: 'cjs',
  mainFields: ['browser', 'module', 'main'],
  conditions: ['require'],
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  plugins: [emptyNodeBuiltins],
};

const builds = [];
if (args.has('--tests')) {
  // A fresh folder: a stale bundle of a deleted test would otherwise still run.
  rmSync('dist-test', { recursive: true, force: true });
  const entries = readdirSync('test/unit').filter((f) => f.endsWith('.test.ts')).map((f) => `test/unit/${f}`);
  // esbuild itself stays external: test/unit/web-bundle.test.ts builds the browser entry with its API
  builds.push({ ...common, entryPoints: entries, outdir: 'dist-test', sourcemap: 'inline', external: [...common.external, 'esbuild'] });
  copyRuntimeAssets('dist-test');
} else if (args.has('--web-tests')) {
  // the in-editor suite, for @vscode/test-web (web worker) and @vscode/test-electron (Node)
  builds.push({ ...webCommon, entryPoints: { suite: 'test/web/suite/index.ts' }, outdir: 'dist-test/web', sourcemap: 'inline', minify: false, plugins: [] });
  builds.push({ ...common, entryPoints: { 'suite.node': 'test/web/suite/index.node.ts' }, outdir: 'dist-test/web', sourcemap: 'inline', external: ['vscode', 'mocha'] });
} else if (args.has('--bench')) {
  builds.push({ ...common, entryPoints: ['bench/bench.ts'], outdir: 'dist-test/bench', sourcemap: false });
  copyRuntimeAssets('dist-test/bench');
} else {
  const extra = existsSync('src/extension.ts') ? ['src/extension.ts'] : [];
  builds.push({ ...common, entryPoints: extra, outdir: 'dist' });
  // The CLI is an npm `bin`: it needs a shebang line to run as `lr-preview`.
  builds.push({ ...common, entryPoints: ['src/cli.ts'], outdir: 'dist', banner: { js: '#!/usr/bin/env node' } });
  if (existsSync('media/preview.ts')) {
    builds.push({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['media/preview.ts'], outdir: 'dist/media' });
  }
  if (existsSync('src/web/extension.ts')) {
    builds.push({ ...webCommon, entryPoints: { extension: 'src/web/extension.ts' }, outdir: 'dist/web', metafile: true, sourcemap: false });
  }
  copyRuntimeAssets('dist');
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  builds.forEach((b, i) => {
    if (b.metafile && results[i].metafile) writeFileSync(`${b.outdir}/meta.json`, JSON.stringify(results[i].metafile));
  });
}
