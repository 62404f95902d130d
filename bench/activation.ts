// `npm run bench`, activation section: what installing the extension costs every VS Code window that
// opens a Python file. Times `require(extension.js)` + `activate(context)` of the production bundle
// (minified, as packed in the .vsix) in fresh Node processes with a minimal mocked `vscode` module,
// best of N; and checks that activation does not load the parser WASM (loaded lazily on first use):
// no `.wasm` read through fs or `vscode.workspace.fs`, no WebAssembly compile/instantiate.
// Goal: activation ≤ 30 ms.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = 9;
const GOAL_MS = 30;

/** Runs in each fresh process: installs the `vscode` mock, requires the bundle, activates, reports JSON. */
const CHILD = String.raw`
const { performance } = require('node:perf_hooks');
const fs = require('node:fs');
const Module = require('node:module');
const bundle = process.env.LRSP_BUNDLE;
const extRoot = process.env.LRSP_EXT_ROOT;
const wasm = [];
const isWasm = (p) => /\.wasm$/i.test(String(p && (p.path || p.fsPath || p)));
for (const name of ['readFileSync', 'readFile', 'createReadStream', 'openSync']) {
  const orig = fs[name];
  fs[name] = function (p, ...rest) { if (isWasm(p)) wasm.push('fs.' + name + ' ' + p); return orig.call(this, p, ...rest); };
}
const origPromisesRead = fs.promises.readFile;
fs.promises.readFile = function (p, ...rest) { if (isWasm(p)) wasm.push('fs.promises.readFile ' + p); return origPromisesRead.call(this, p, ...rest); };
for (const name of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
  const orig = WebAssembly[name];
  if (orig) WebAssembly[name] = function (...a) { wasm.push('WebAssembly.' + name); return orig.apply(this, a); };
}
const OrigModule = WebAssembly.Module;
WebAssembly.Module = function (...a) { wasm.push('new WebAssembly.Module'); return new OrigModule(...a); };

// ---- a minimal vscode API: every registration returns a disposable, every event is subscribable.
const calls = {};
const count = (k) => { calls[k] = (calls[k] || 0) + 1; };
const disposable = () => ({ dispose() {} });
const event = (name) => () => { count(name); return disposable(); };
class Uri {
  constructor(scheme, p) { this.scheme = scheme; this.path = p; this.fsPath = p; }
  static file(p) { return new Uri('file', p); }
  static parse(s) { return new Uri(s.split(':')[0], s.replace(/^\w+:\/\//, '')); }
  static joinPath(u, ...parts) { return new Uri(u.scheme, [u.path, ...parts].join('/')); }
  with(c) { return Object.assign(new Uri(this.scheme, this.path), c); }
  toString() { return this.scheme + '://' + this.path; }
}
class EventEmitter { constructor() { this.event = event('EventEmitter.event'); } fire() {} dispose() {} }
class Disposable { constructor(f) { this.f = f; } static from(...d) { return new Disposable(() => d.forEach((x) => x.dispose())); } dispose() { this.f && this.f(); } }
class Position { constructor(l, c) { this.line = l; this.character = c; } }
class Range { constructor(a, b, c, d) { this.start = typeof a === 'number' ? new Position(a, b) : a; this.end = typeof a === 'number' ? new Position(c, d) : b; } }
class Selection extends Range {}
class Plain { constructor(...a) { this.args = a; } }
const CodeActionKind = { QuickFix: { value: 'quickfix', append() { return this; } }, Refactor: { value: 'refactor', append() { return this; } } };
const register = (name) => (...a) => { count(name); return disposable(); };
const vscode = {
  Uri, EventEmitter, Disposable, Position, Range, Selection,
  Hover: Plain, MarkdownString: class { constructor(v) { this.value = v || ''; } appendMarkdown(s) { this.value += s; return this; } appendText(s) { this.value += s; return this; } },
  CodeLens: Plain, CodeAction: Plain, Diagnostic: Plain, DiagnosticRelatedInformation: Plain, Location: Plain, WorkspaceEdit: class { replace() {} insert() {} },
  ThemeIcon: Plain, ThemeColor: Plain, CodeActionKind,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  ColorThemeKind: { Light: 1, Dark: 2, HighContrast: 3, HighContrastLight: 4 },
  NotebookCellKind: { Markup: 1, Code: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  env: { language: 'en', clipboard: { writeText: async () => {} }, uiKind: 1 },
  l10n: { t: (m, ...a) => (typeof m === 'string' ? m.replace(/\{(\d+)\}/g, (_, i) => String(a[i])) : m.message), bundle: undefined, uri: undefined },
  languages: {
    registerHoverProvider: register('registerHoverProvider'), registerCodeLensProvider: register('registerCodeLensProvider'),
    registerCodeActionsProvider: register('registerCodeActionsProvider'), registerCompletionItemProvider: register('registerCompletionItemProvider'),
    createDiagnosticCollection: () => { count('createDiagnosticCollection'); return { set() {}, delete() {}, clear() {}, dispose() {}, get() { return []; } }; },
    onDidChangeDiagnostics: event('onDidChangeDiagnostics'), match: () => 0,
  },
  commands: { registerCommand: register('registerCommand'), registerTextEditorCommand: register('registerTextEditorCommand'), executeCommand: async () => undefined },
  window: {
    activeTextEditor: undefined, visibleTextEditors: [], activeColorTheme: { kind: 1 }, tabGroups: { all: [], onDidChangeTabs: event('onDidChangeTabs') },
    registerWebviewPanelSerializer: register('registerWebviewPanelSerializer'), registerWebviewViewProvider: register('registerWebviewViewProvider'),
    createWebviewPanel: () => { throw new Error('no panel at activation'); },
    createOutputChannel: () => ({ appendLine() {}, append() {}, show() {}, dispose() {} }),
    createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
    onDidChangeActiveTextEditor: event('onDidChangeActiveTextEditor'), onDidChangeVisibleTextEditors: event('onDidChangeVisibleTextEditors'),
    onDidChangeTextEditorSelection: event('onDidChangeTextEditorSelection'), onDidChangeActiveColorTheme: event('onDidChangeActiveColorTheme'),
    onDidChangeActiveNotebookEditor: event('onDidChangeActiveNotebookEditor'),
    showInformationMessage: async () => undefined, showWarningMessage: async () => undefined, showErrorMessage: async () => undefined,
  },
  workspace: {
    textDocuments: [], notebookDocuments: [], workspaceFolders: undefined, isTrusted: true,
    getConfiguration: () => ({ get: (_k, d) => d, has: () => false, inspect: () => undefined, update: async () => {} }),
    onDidChangeTextDocument: event('onDidChangeTextDocument'), onDidOpenTextDocument: event('onDidOpenTextDocument'),
    onDidCloseTextDocument: event('onDidCloseTextDocument'), onDidChangeConfiguration: event('onDidChangeConfiguration'),
    onDidOpenNotebookDocument: event('onDidOpenNotebookDocument'), onDidCloseNotebookDocument: event('onDidCloseNotebookDocument'),
    onDidChangeNotebookDocument: event('onDidChangeNotebookDocument'), onDidSaveTextDocument: event('onDidSaveTextDocument'),
    onDidGrantWorkspaceTrust: event('onDidGrantWorkspaceTrust'),
    fs: { readFile: async (u) => { if (isWasm(u)) wasm.push('workspace.fs.readFile ' + u.path); return fs.readFileSync(u.fsPath || u.path); } },
    openTextDocument: async () => { throw new Error('no documents at activation'); },
    applyEdit: async () => true,
  },
};
const origLoad = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : origLoad.call(this, request, ...rest); };

const context = {
  subscriptions: [], extensionUri: Uri.file(extRoot), extensionPath: extRoot,
  asAbsolutePath: (p) => extRoot + '/' + p,
  globalState: { get: (_k, d) => d, update: async () => {}, keys: () => [], setKeysForSync() {} },
  workspaceState: { get: (_k, d) => d, update: async () => {}, keys: () => [] },
  environmentVariableCollection: {}, extensionMode: 1, storageUri: undefined, globalStorageUri: Uri.file(extRoot + '/.global'),
  logUri: Uri.file(extRoot + '/.log'), secrets: { get: async () => undefined, store: async () => {}, onDidChange: event('secrets') },
  extension: { id: 'lr-schedule-preview.lr-schedule-preview', packageJSON: {} },
};

const t0 = performance.now();
const ext = require(bundle);
const t1 = performance.now();
ext.activate(context);
const t2 = performance.now();
// The deferred first diagnostics pass (setTimeout 0 in activate) must not load the parser either
// when no Python document is open.
setTimeout(() => {
  process.stdout.write(JSON.stringify({ require: t1 - t0, activate: t2 - t1, wasm, calls, subscriptions: context.subscriptions.length }));
  process.exit(0);
}, 30);
`;

interface Run {
  require: number;
  activate: number;
  wasm: string[];
  calls: Record<string, number>;
  subscriptions: number;
}

/** The production bundle of src/extension.ts (as `npm run package` builds it) in a scratch extension folder. */
function buildProductionBundle(dir: string): string | { error: string } {
  const out = path.join(dir, 'dist', 'extension.js');
  const script = `require('esbuild').buildSync({ entryPoints: ['src/extension.ts'], bundle: true, platform: 'node', target: 'node18',
    format: 'cjs', minify: true, sourcemap: false, external: ['vscode'], logLevel: 'error', outfile: ${JSON.stringify(out)} });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) return { error: `${r.stdout}${r.stderr}`.trim() };
  // The parser WASM next to it, exactly where the extension would find it (it must not read it).
  for (const [from, to] of [['node_modules/web-tree-sitter/tree-sitter.wasm', 'tree-sitter.wasm'], ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm']]) {
    if (existsSync(from)) copyFileSync(from, path.join(dir, 'dist', to));
  }
  return out;
}

export async function benchActivation(printTable: (rows: string[][]) => void): Promise<void> {
  console.log(`\n# Activation: require(dist/extension.js) + activate() in a fresh Node process (production bundle, mocked vscode; best of ${RUNS}, ms)`);
  if (!existsSync('src/extension.ts')) {
    console.log('(src/extension.ts not there: skipped)');
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lrsp-activation-'));
  try {
    mkdirSync(path.join(dir, 'dist'), { recursive: true });
    const bundle = buildProductionBundle(dir);
    if (typeof bundle !== 'string') {
      console.log(`building the production bundle failed:\n${bundle.error}`);
      return;
    }
    const child = path.join(dir, 'activate-child.cjs');
    writeFileSync(child, CHILD);
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = spawnSync(process.execPath, [child], { encoding: 'utf8', env: { ...process.env, LRSP_BUNDLE: bundle, LRSP_EXT_ROOT: dir } });
      if (r.status !== 0 || !r.stdout) {
        console.log(`activation failed in the mock (exit ${r.status}):\n${(r.stderr || r.stdout).split('\n').slice(0, 12).join('\n')}`);
        return;
      }
      runs.push(JSON.parse(r.stdout) as Run);
    }
    const best = (f: (r: Run) => number) => Math.min(...runs.map(f));
    const median = (f: (r: Run) => number) => runs.map(f).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
    const rows: string[][] = [['phase', 'best ms', 'median ms']];
    rows.push(['require(extension.js)', best((r) => r.require).toFixed(1), median((r) => r.require).toFixed(1)]);
    rows.push(['activate(context)', best((r) => r.activate).toFixed(1), median((r) => r.activate).toFixed(1)]);
    rows.push(['total', best((r) => r.require + r.activate).toFixed(1), median((r) => r.require + r.activate).toFixed(1)]);
    printTable(rows);
    const total = best((r) => r.require + r.activate);
    const wasm = [...new Set(runs.flatMap((r) => r.wasm))];
    const c = runs[0].calls;
    console.log(`registered: ${c.registerHoverProvider ?? 0} hover, ${c.registerCodeLensProvider ?? 0} CodeLens, ${c.registerCodeActionsProvider ?? 0} code-action providers, ${c.registerCommand ?? 0} commands; ${runs[0].subscriptions} subscriptions`);
    console.log(`parser WASM during activation: ${wasm.length ? `LOADED (${wasm.join('; ')})` : 'not loaded (lazy, on first use)'}`);
    console.log(`activation: ${total.toFixed(1)} ms best of ${RUNS} (goal ≤ ${GOAL_MS} ms)${total > GOAL_MS ? '  OVER GOAL' : ''}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
