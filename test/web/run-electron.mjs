#!/usr/bin/env node
// `npm run test:electron`: the same in-editor suite (test/web/suite/) in desktop VS Code via
// @vscode/test-electron (Node extension host, dist/extension.js). It downloads VS Code from
// update.code.visualstudio.com, so it needs internet: on an offline machine it fails at once with
// ENOTFOUND — that is expected, and why `npm test` runs the suite under test-web and code-server.
// Prints a closing "electron: PASS|FAIL" line.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
for (const args of [['esbuild.mjs'], ['esbuild.mjs', '--web-tests']]) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.log('electron: FAIL (build)');
    process.exit(1);
  }
}
const { runTests } = require('@vscode/test-electron');
const scratch = path.join(root, '.cache', 'vscode-test-electron');
mkdirSync(scratch, { recursive: true });
try {
  await runTests({
    version: process.env.LR_PREVIEW_VSCODE_VERSION ?? '1.91.1',
    cachePath: path.join(scratch, 'builds'),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist-test/web/suite.node.js'),
    launchArgs: [path.join(root, 'test/web/fixtures'), '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${path.join(scratch, 'user-data')}`, ...(process.env.LR_PREVIEW_LOCALE ? [`--locale=${process.env.LR_PREVIEW_LOCALE}`] : [])],
  });
  console.log('electron: PASS');
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  console.log('electron: FAIL');
  process.exit(1);
}
