#!/usr/bin/env node
// A real VS Code (code-server, VS Code 1.100.3) for the in-editor tests and `npm start`, offline.
//
//   node scripts/code-server.mjs install                 install into .cache/code-server/ (idempotent)
//   node scripts/code-server.mjs start [folder] [--vsix file.vsix] [--port N] [--locale ko]
//                                                         start it and print its URL (Ctrl-C stops it);
//                                                         --locale installs a stand-in language pack when
//                                                         none is installed (standInLanguagePack)
//
// As a library: ensureCodeServer(), startCodeServer({ folder, vsix, settings }).
//
// Facts this relies on (see ../shared/TESTING.md):
// - code-server@4.100.3 is the newest that runs on Node 20.
// - its @vscode/ripgrep downloads `rg` from GitHub at install time: we seed that download cache
//   with Debian's `rg`, so nothing leaves the machine except npm registry traffic.
// - its native addons compile from source: kerberos needs libkrb5-dev (gssapi.h); node-pty's
//   postinstall runs `npx node-gyp`, which waits for a TTY unless npm_config_yes=true.
// - under `npm test`, the outer npm exports npm_config_user_agent; code-server's postinstall reads
//   it and refuses, so the inner install runs without it.
// Every write stays under .cache/code-server/ (install) or a fresh scratch dir (each run).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import {
  existsSync, mkdirSync, mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync, copyFileSync, chmodSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = path.join(REPO, '.cache', 'code-server');
export const INSTALL_DIR = path.join(CACHE, CODE_SERVER_VERSION);
const ENTRY = path.join(INSTALL_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const MARKER = path.join(INSTALL_DIR, '.installed');

// @vscode/ripgrep's postinstall looks for this file in os.tmpdir() before downloading.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_VERSION = 'v13.0.0-10';

const log = (...a) => console.error('[code-server]', ...a);

/** Debian packages the install and the tests need. Installs the missing ones (apt-get). */
export function ensureDebianPackages(pkgs = ['ripgrep', 'chromium', 'libkrb5-dev']) {
  const missing = pkgs.filter((p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true);
  if (!missing.length) return;
  if (spawnSync('which', ['apt-get']).status !== 0) {
    throw new Error(`missing system packages ${missing.join(' ')} and no apt-get to install them`);
  }
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args) => spawnSync(sudo[0] ?? args[0], sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), {
    stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status;
  log(`apt-get install ${missing.join(' ')}`);
  if (run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]) !== 0) {
    log('apt-get install failed; running apt-get update first');
    if (run(['apt-get', 'update']) !== 0 || run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]) !== 0) {
      throw new Error(`could not install ${missing.join(' ')} with apt-get`);
    }
  }
}

function ripgrepTarget() {
  const arch = { x64: 'x86_64', arm64: 'aarch64' }[process.arch];
  if (!arch) throw new Error(`no ripgrep seed for arch ${process.arch}`);
  return arch === 'x86_64' ? 'x86_64-unknown-linux-musl' : 'aarch64-unknown-linux-musl';
}

/** Put Debian's rg where @vscode/ripgrep's postinstall looks before it downloads. */
function seedRipgrepCache(tmpdir) {
  const rg = spawnSync('which', ['rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('rg not found (apt-get install ripgrep)');
  const dir = path.join(tmpdir, RIPGREP_CACHE);
  mkdirSync(dir, { recursive: true });
  const tarball = path.join(dir, `ripgrep-${RIPGREP_VERSION}-${ripgrepTarget()}.tar.gz`);
  if (existsSync(tarball)) return;
  const stage = mkdtempSync(path.join(tmpdir, 'rg-'));
  copyFileSync(rg, path.join(stage, 'rg'));
  chmodSync(path.join(stage, 'rg'), 0o755);
  execFileSync('tar', ['-czf', tarball, '-C', stage, 'rg']);
  rmSync(stage, { recursive: true, force: true });
}

export function isInstalled() {
  return existsSync(MARKER) && existsSync(ENTRY);
}

/** Install code-server into .cache/code-server/<version>/ unless it is already there. Returns entry.js. */
export function ensureCodeServer({ quiet = false } = {}) {
  ensureDebianPackages();
  if (isInstalled()) return ENTRY;
  const t0 = Date.now();
  log(`installing code-server@${CODE_SERVER_VERSION} into ${path.relative(REPO, INSTALL_DIR)} (once; ~80 s)`);
  rmSync(INSTALL_DIR, { recursive: true, force: true });
  const tmp = path.join(CACHE, 'tmp');
  const home = path.join(CACHE, 'home');
  mkdirSync(INSTALL_DIR, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  mkdirSync(home, { recursive: true });
  seedRipgrepCache(tmp);
  writeFileSync(path.join(INSTALL_DIR, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2));
  const env = { ...process.env, npm_config_yes: 'true', TMPDIR: tmp, npm_config_cache: path.join(CACHE, 'npm-cache') };
  // The outer npm (npm test) exports these; code-server's postinstall reads the user agent and refuses.
  for (const k of Object.keys(env)) {
    if (/^npm_(config_user_agent|node_execpath|execpath|lifecycle_|package_)/i.test(k)) delete env[k];
  }
  delete env.npm_command; delete env.INIT_CWD;
  // As root, its postinstall asks for unsafe-perm (npm 11 ignores the flag; the script reads the env).
  env.npm_config_unsafe_perm = 'true';
  // Node-gyp must not try to download headers: the machine's ~/.npmrc may set nodedir; else use the
  // running Node's own prefix when it ships headers (Debian/NodeSource/official tarballs do).
  const headers = path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node', 'node_api.h');
  if (!env.npm_config_nodedir && existsSync(headers)) env.npm_config_nodedir = path.dirname(path.dirname(process.execPath));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--no-save', '--no-package-lock',
    '--loglevel', quiet ? 'error' : 'warn', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: INSTALL_DIR, env, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
  });
  if (r.status !== 0 || !existsSync(ENTRY)) {
    throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${r.status})`);
  }
  writeFileSync(MARKER, new Date().toISOString() + '\n');
  // Keep the cache folder lean (CI caches it): the npm download cache and the seed are not needed.
  for (const d of [tmp, home, env.npm_config_cache]) rmSync(d, { recursive: true, force: true });
  log(`installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return ENTRY;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Writes <user-data>/languagepacks.json for the language packs installed in `extensionsDir` (what
 * VS Code's language pack service writes when it runs; `--install-extension` alone does not). The
 * server resolves `--locale` through this file: without an entry for the locale the display
 * language (and `vscode.env.language` in extensions) stays English.
 */
export function writeLanguagePacks(userData, extensionsDir) {
  const packs = {};
  for (const d of existsSync(extensionsDir) ? readdirSync(extensionsDir) : []) {
    const pj = path.join(extensionsDir, d, 'package.json');
    if (!existsSync(pj)) continue;
    let m;
    try { m = JSON.parse(readFileSync(pj, 'utf8')); } catch { continue; }
    const id = `${m.publisher}.${m.name}`.toLowerCase();
    for (const loc of m.contributes?.localizations ?? []) {
      const translations = Object.fromEntries((loc.translations ?? []).map((t) => [t.id, path.join(extensionsDir, d, t.path)]));
      if (!translations.vscode) continue;
      packs[String(loc.languageId).toLowerCase()] = {
        hash: createHash('md5').update(`${id}@${m.version}`).digest('hex'),
        extensions: [{ extensionIdentifier: { id }, version: m.version }],
        translations,
        label: loc.localizedLanguageName ?? loc.languageName ?? loc.languageId,
      };
    }
  }
  if (Object.keys(packs).length) writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(packs, null, 2));
  return packs;
}

/**
 * A minimal language pack for `locale` with no translations of VS Code's own UI, packaged as a
 * .vsix into `${dir}.vsix`. VS Code (and code-server) switch the display language — what
 * `vscode.env.language` reports to extensions and which `l10n/bundle.l10n.<lang>.json` they load —
 * only to a locale that has a language pack; the marketplace's packs (MS-CEINTL.*) cannot be
 * downloaded offline, and extensions' own strings do not need them.
 */
export function standInLanguagePack(locale, dir) {
  const vsix = `${dir}.vsix`;
  if (existsSync(vsix)) return vsix;
  const id = locale.toLowerCase();
  mkdirSync(path.join(dir, 'translations'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: `lrsp-stand-in-language-pack-${id}`, displayName: `Language pack stand-in (${id})`, description: 'tests only',
    publisher: 'lrsp-test', version: '0.0.1', license: 'MIT', engines: { vscode: '^1.91.0' }, categories: ['Language Packs'],
    contributes: { localizations: [{ languageId: id, languageName: id, localizedLanguageName: id,
      translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }] },
  }, null, 2));
  writeFileSync(path.join(dir, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(path.join(dir, 'README.md'), `# ${id} language pack stand-in (tests only)\n`);
  writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  const vsce = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`packaging the ${id} language pack stand-in failed:\n${r.stdout}${r.stderr}`);
  return vsix;
}

export const DEFAULT_SETTINGS = {
  'workbench.colorTheme': 'Default Light Modern',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 100,
  'editor.fontSize': 14,
  'window.commandCenter': false,
  'files.autoSave': 'off',
};

async function waitHealthy(url, proc, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode}`);
    try {
      const res = await fetch(new URL('/healthz', url));
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) { last = e.cause?.code ?? e.message; }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server not healthy after ${timeoutMs} ms (${last})`);
}

/**
 * Start code-server on a free 127.0.0.1 port with scratch HOME/XDG/TMPDIR.
 * Returns { url, port, scratch, env, proc, stop() }. `env` is the scratch env for other processes
 * (Chromium) that should write nowhere else.
 */
export async function startCodeServer({
  folder, vsix, vsixes = [], settings = {}, port, scratch, locale, keepScratch = false, verbose = false, install = true,
} = {}) {
  const entry = install ? ensureCodeServer() : ENTRY;
  scratch ??= mkdtempSync(path.join(os.tmpdir(), 'lrsp-vscode-'));
  const dirs = {
    home: path.join(scratch, 'home'), tmp: path.join(scratch, 'tmp'), config: path.join(scratch, 'config'),
    data: path.join(scratch, 'data'), cache: path.join(scratch, 'cache'),
    userData: path.join(scratch, 'user-data'), extensions: path.join(scratch, 'extensions'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  if (locale) writeFileSync(path.join(dirs.userData, 'User', 'argv.json'), JSON.stringify({ locale }));
  const env = {
    ...process.env, HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data, XDG_CACHE_HOME: dirs.cache,
  };
  for (const k of Object.keys(env)) if (/^(npm_|VSCODE_)/i.test(k) || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  for (const file of [vsix, ...vsixes].filter(Boolean)) {
    const r = spawnSync(process.execPath, [entry, ...common, '--install-extension', path.resolve(file), '--force'], {
      env, encoding: 'utf8',
    });
    if (r.status !== 0 || !/successfully installed|already installed/i.test(r.stdout + r.stderr)) {
      throw new Error(`installing ${file} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    }
  }
  if (locale && !/^en\b/i.test(locale)) {
    // The display language switches only to a locale with a language pack: install a stand-in
    // (no UI translations) when none is installed, so `--locale` reaches extensions.
    if (!writeLanguagePacks(dirs.userData, dirs.extensions)[locale.toLowerCase()]) {
      const pack = standInLanguagePack(locale, path.join(scratch, `language-pack-${locale}`));
      const r = spawnSync(process.execPath, [entry, ...common, '--install-extension', pack, '--force'], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`installing the ${locale} language pack stand-in failed:\n${r.stdout}${r.stderr}`);
      writeLanguagePacks(dirs.userData, dirs.extensions);
    }
  }
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const args = [entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...(locale ? ['--locale', locale] : []), ...common];
  if (folder) args.push(path.resolve(folder));
  const logFile = path.join(scratch, 'code-server.log');
  const out = (await import('node:fs')).openSync(logFile, 'a');
  const proc = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', verbose ? 'inherit' : out, verbose ? 'inherit' : out] });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ }
    // Give it a moment, then make sure nothing of the group survives.
    const t = Date.now();
    while (Date.now() - t < 1500) {
      try { process.kill(-proc.pid, 0); } catch { break; }
      spawnSync('sleep', ['0.1']);
    }
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* gone */ }
    if (!keepScratch) rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('exit', stop);
  try {
    await waitHealthy(url, proc, 30_000);
  } catch (e) {
    const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    stop();
    throw new Error(`${e.message}\n${tail}`);
  }
  return { url, port, scratch, dirs, env, proc, logFile, stop };
}

// ---- CLI ----
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd = 'install', ...rest] = process.argv.slice(2);
  if (cmd === 'install') {
    const t0 = Date.now();
    ensureCodeServer();
    log(`ready: ${path.relative(REPO, ENTRY)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } else if (cmd === 'start') {
    const opt = { folder: undefined, vsixes: [] };
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--vsix') opt.vsixes.push(rest[++i]);
      else if (rest[i] === '--port') opt.port = Number(rest[++i]);
      else if (rest[i] === '--locale') opt.locale = rest[++i];
      else opt.folder = rest[i];
    }
    const cs = await startCodeServer(opt);
    console.log(`code-server ${CODE_SERVER_VERSION} (VS Code 1.100.3) at ${cs.url}  (Ctrl-C to stop)`);
    const quit = () => { cs.stop(); process.exit(0); };
    process.on('SIGINT', quit);
    process.on('SIGTERM', quit);
    cs.proc.on('exit', (c) => { log(`exited with ${c}`); cs.stop(); process.exit(c ?? 1); });
  } else {
    console.error('usage: node scripts/code-server.mjs install | start [folder] [--vsix f.vsix] [--port N] [--locale ko]');
    process.exit(2);
  }
}
