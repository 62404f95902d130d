// The browser build (package.json "browser": dist/web/extension.js) must not reach Node APIs:
// build src/web/extension.ts the way esbuild.mjs does (platform browser) and read its metafile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const root = process.cwd();
const NODE_BUILTINS = /^(node:)?(fs|fs\/promises|path|os|child_process|crypto|module|url|util|worker_threads|net|http|https|zlib|stream)$/;

test('the browser entry pulls in no Node API (only web-tree-sitter’s untaken Node branch names fs/path)', async () => {
  const r = await esbuild.build({
    entryPoints: [path.join(root, 'src/web/extension.ts')],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    conditions: ['require'],
    external: ['vscode', 'fs', 'fs/promises', 'path', 'module', 'url', 'crypto', 'worker_threads', 'node:*'],
    logLevel: 'silent',
  });
  const inputs = r.metafile.inputs;
  const names = Object.keys(inputs);
  assert.ok(names.some((n) => n.endsWith('src/extension.ts')), 'the same activate() as the desktop build');
  assert.ok(!names.some((n) => n.endsWith('src/cli.ts')), 'src/cli.ts (node:fs) is not in the browser bundle');
  for (const [file, info] of Object.entries(inputs)) {
    for (const imp of info.imports) {
      if (!NODE_BUILTINS.test(imp.path)) continue;
      assert.match(file, /node_modules\/web-tree-sitter\//, `${file} imports ${imp.path}`);
    }
  }
});

test('package.json points the web extension host at dist/web/extension.js', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { browser?: string; main?: string };
  assert.equal(pkg.browser, './dist/web/extension.js');
  assert.equal(pkg.main, './dist/extension.js');
});
