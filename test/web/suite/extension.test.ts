// The API-level in-editor suite. The same file runs in the web-worker extension host
// (@vscode/test-web, `npm run test:web`) and in desktop VS Code (@vscode/test-electron,
// `npm run test:electron`, machines with internet). It talks to the extension only through the
// VS Code API: hover / CodeLens providers, diagnostics, registered commands, webview tabs.
import * as assert from './assert';
import * as vscode from 'vscode';

// suite / test / suiteSetup: mocha's TDD globals (set up by index.ts or index.node.ts)

const EXTENSION_ID = 'lr-schedule-preview.lr-schedule-preview';
const COMMANDS = [
  'lrSchedulePreview.previewAtCursor',
  'lrSchedulePreview.previewAllInFile',
  'lrSchedulePreview.newPreview',
  'lrSchedulePreview.exportCsv',
  'lrSchedulePreview.copyCsv',
  'lrSchedulePreview.supplyValue',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `fn` until it returns a truthy value (the parser WASM loads on first use). */
async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(250);
  }
}

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (test/web/fixtures) is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(fixture(name));
  await vscode.window.showTextDocument(doc);
  assert.strictEqual(doc.languageId, 'python');
  return doc;
}

function positionOf(doc: vscode.TextDocument, word: string): vscode.Position {
  const i = doc.getText().lastIndexOf(word);
  assert.ok(i >= 0, `${word} in ${doc.uri.path}`);
  return doc.positionAt(i + 2);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('LR Schedule Preview (API)', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await ext.activate();
  });

  test('the commands are registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of COMMANDS) assert.ok(all.has(c), `${c} registered`);
  });

  test('hover on CosineAnnealingWarmRestarts shows the restarts at 10, 30, 70', async () => {
    const doc = await open('cawr.py');
    const pos = positionOf(doc, 'CosineAnnealingWarmRestarts(');
    const text = await until('a hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      const t = hoverText(hovers ?? []);
      return t.includes('CosineAnnealingWarmRestarts') ? t : undefined;
    });
    assert.match(text, /10, 30, 70/, text);
  });

  test('hover on T_mult=2 explains it with this call\u2019s numbers', async () => {
    const doc = await open('cawr.py');
    const pos = positionOf(doc, 'T_mult=2');
    const text = await until('an argument hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      const t = hoverText(hovers ?? []);
      return t.includes('T_mult') ? t : undefined;
    });
    assert.match(text, /10, 30, 70/, text);
  });

  test('the hover speaks the display language (English by default, Korean with --locale ko)', async () => {
    const doc = await open('cawr.py');
    const text = await until('a hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'T_0=10'));
      const t = hoverText(hovers ?? []);
      return t.includes('T_0') ? t : undefined;
    });
    if (/^ko\b/i.test(vscode.env.language)) {
      assert.match(text, /최저점을 찍는 첫 주기/, text);
      assert.match(text, /미리보기 열기/, text);
    } else {
      assert.match(text, /Length of the first cycle in steps/, text);
      assert.match(text, /Open preview/, text);
    }
    console.log(`    (display language: ${vscode.env.language})`);
  });

  test('a CodeLens above the call', async () => {
    const doc = await open('cawr.py');
    const lenses = await until('CodeLenses', async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      return ls && ls.length ? ls : undefined;
    });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.some((t) => t.includes('CosineAnnealingWarmRestarts')), titles.join(' | '));
    assert.ok(lenses.every((l) => l.range.start.line === 5), 'on the scheduler line');
  });

  test('PyTorch\u2019s own error as a diagnostic for T_mult=0', async () => {
    const doc = await open('invalid.py');
    const diags = await until('diagnostics', () => {
      const ds = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'LR Schedule Preview');
      return ds.length ? ds : undefined;
    });
    const d = diags.find((x) => x.message.includes('Expected integer T_mult >= 1, but got 0'));
    assert.ok(d, diags.map((x) => x.message).join(' | '));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(doc.getText(d.range), 'T_mult=0');
  });

  test('Preview Scheduler at Cursor opens the preview webview', async () => {
    const doc = await open('cawr.py');
    const ed = vscode.window.activeTextEditor!;
    ed.selection = new vscode.Selection(positionOf(doc, 'CosineAnnealingWarmRestarts('), positionOf(doc, 'CosineAnnealingWarmRestarts('));
    await vscode.commands.executeCommand('lrSchedulePreview.previewAtCursor');
    const tab = await until('the preview tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('lrSchedulePreview.preview')),
    );
    assert.ok(tab.label.length > 0);
  });
});
