// The analysis every surface reads: one Python reader per document (incremental re-parse, cached
// until the text changes), notebook cells analysed together (names from earlier cells resolve),
// the values the user supplied, and a CallPreview per call (simulated on first use, then cached).
// The parser WASM is loaded on first use, never at activation.
import * as vscode from 'vscode';
import { initPython, isPythonReady } from '../python/parser';
import { PythonDocument, PythonNotebook, type AnalysisResult, type SchedulerCall } from '../python/analyze';
import { previewCall, type CallPreview, type PreviewSettings, type Supplied } from './callPreview';

export const SECTION = 'lrSchedulePreview';

export function readSettings(scope?: vscode.ConfigurationScope): PreviewSettings & { logScale: boolean } {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const steps = Number(c.get('defaultSteps', 100));
  const spe = Number(c.get('stepsPerEpoch', 0));
  return {
    defaultSteps: Number.isFinite(steps) && steps >= 1 ? Math.floor(steps) : 100,
    stepsPerEpoch: Number.isFinite(spe) && spe > 0 ? Math.floor(spe) : 0,
    logScale: !!c.get('logScale', false),
  };
}

/** One document's analysis (for a notebook cell: the calls of that cell, ranges relative to it). */
export interface DocAnalysis {
  /** The text the ranges refer to. */
  text: string;
  result: AnalysisResult;
  /** Calls in this document (cell), in source order. */
  calls: SchedulerCall[];
  supplied: Supplied;
  preview(call: SchedulerCall): CallPreview;
}

interface Entry {
  key: string;
  py?: PythonDocument;
  analysis?: DocAnalysis;
  analysisKey?: string;
}

function isNotebookCell(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'vscode-notebook-cell';
}

function cellsOf(doc: vscode.TextDocument): { notebook: vscode.NotebookDocument; cells: vscode.TextDocument[]; index: number } | undefined {
  for (const nb of vscode.workspace.notebookDocuments) {
    const cells = nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python').map((c) => c.document);
    const index = cells.findIndex((d) => d.uri.toString() === doc.uri.toString());
    if (index >= 0) return { notebook: nb, cells, index };
  }
  return undefined;
}

export class AnalysisService implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  /** One reader per notebook: every cell's analysis comes from the same joined document. */
  private readonly notebooks = new Map<string, PythonNotebook>();
  private readonly supplied = new Map<string, Supplied>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  /** Fires when results change without a text edit (supplied values, settings). */
  readonly onDidChange = this.changed.event;
  private init: Promise<void> | undefined;
  private settingsCache: ReturnType<typeof readSettings> | undefined;
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidCloseNotebookDocument((nb) => {
        this.notebooks.get(nb.uri.toString())?.dispose();
        this.notebooks.delete(nb.uri.toString());
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.settingsCache = undefined;
        this.generation++;
        this.changed.fire(undefined);
      }),
    );
  }

  settings(): ReturnType<typeof readSettings> {
    return (this.settingsCache ??= readSettings());
  }

  /** Loads the parser (once). The WASM files ship in dist/ next to the bundle. */
  ready(): Promise<void> {
    if (isPythonReady()) return Promise.resolve();
    if (!this.init) {
      const read = (name: string) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', name));
      this.init = (async () => {
        const [treeSitterWasm, pythonWasm] = await Promise.all([read('tree-sitter.wasm'), read('tree-sitter-python.wasm')]);
        await initPython({ treeSitterWasm, pythonWasm });
      })();
      this.init.catch(() => {
        this.init = undefined;
      });
    }
    return this.init;
  }

  isReady(): boolean {
    return isPythonReady();
  }

  suppliedFor(doc: vscode.TextDocument): Supplied {
    return this.supplied.get(this.keyOf(doc)) ?? {};
  }

  /** Records values the user supplied and re-analyses. */
  supply(doc: vscode.TextDocument, change: Supplied): void {
    const key = this.keyOf(doc);
    const cur = this.supplied.get(key) ?? {};
    const next: Supplied = {
      names: change.names ? { ...cur.names, ...change.names } : cur.names,
      args: change.args ? { ...cur.args, ...change.args } : cur.args,
      lr: change.lr ?? cur.lr,
    };
    this.supplied.set(key, next);
    this.generation++;
    this.changed.fire(doc.uri);
  }

  /** Analysis of a document; waits for the parser the first time. Undefined for non-Python documents. */
  async analyzeAsync(doc: vscode.TextDocument): Promise<DocAnalysis | undefined> {
    if (doc.languageId !== 'python') return undefined;
    await this.ready();
    return this.analyze(doc);
  }

  /** Synchronous analysis (undefined until the parser is loaded). Never throws. */
  analyze(doc: vscode.TextDocument): DocAnalysis | undefined {
    if (doc.languageId !== 'python' || !isPythonReady()) return undefined;
    try {
      return isNotebookCell(doc) ? this.analyzeCell(doc) : this.analyzeFile(doc);
    } catch {
      return undefined;
    }
  }

  private keyOf(doc: vscode.TextDocument): string {
    if (isNotebookCell(doc)) {
      const nb = cellsOf(doc);
      if (nb) return nb.notebook.uri.toString();
    }
    return doc.uri.toString();
  }

  private analyzeFile(doc: vscode.TextDocument): DocAnalysis {
    const key = doc.uri.toString();
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { key }));
    const aKey = `${doc.version}:${this.generation}`;
    if (e.analysis && e.analysisKey === aKey) return e.analysis;
    const text = doc.getText();
    const opened = !e.py;
    if (!e.py) e.py = new PythonDocument(text);
    else e.py.update(text);
    const supplied = this.supplied.get(key) ?? {};
    const result = e.py.analyze({ names: supplied.names });
    // The first analysis of a long file may come from its skeleton; the whole tree is parsed when
    // idle, so the first keystroke re-parses incrementally.
    if (opened) {
      const py = e.py;
      setTimeout(() => { if (e.py === py && !py.isDisposed) py.prepare(); }, 50);
    }
    e.analysis = this.wrap(text, result, result.schedulers, supplied);
    e.analysisKey = aKey;
    return e.analysis;
  }

  private analyzeCell(doc: vscode.TextDocument): DocAnalysis | undefined {
    const nb = cellsOf(doc);
    if (!nb) return this.analyzeFile(doc);
    const nbKey = nb.notebook.uri.toString();
    const key = `${doc.uri.toString()}`;
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { key }));
    const aKey = `${nb.cells.map((c) => `${c.uri.fragment}@${c.version}`).join(',')}:${this.generation}`;
    if (e.analysis && e.analysisKey === aKey) return e.analysis;
    const supplied = this.supplied.get(nbKey) ?? {};
    let reader = this.notebooks.get(nbKey);
    if (!reader) this.notebooks.set(nbKey, (reader = new PythonNotebook()));
    const result = reader.analyze(nb.cells.map((c) => c.getText()), { names: supplied.names });
    const calls = result.schedulers.filter((s) => (s.range.cell ?? 0) === nb.index);
    const mine: AnalysisResult = { ...result, diagnostics: result.diagnostics.filter((d) => (d.range.cell ?? 0) === nb.index), getLrCalls: result.getLrCalls.filter((r) => (r.cell ?? 0) === nb.index), schedulers: calls };
    e.analysis = this.wrap(doc.getText(), mine, calls, supplied);
    e.analysisKey = aKey;
    return e.analysis;
  }

  private wrap(text: string, result: AnalysisResult, calls: SchedulerCall[], supplied: Supplied): DocAnalysis {
    const cache = new Map<SchedulerCall, CallPreview>();
    const settings = this.settings();
    const sorted = [...calls].sort((a, b) => a.range.startIndex - b.range.startIndex);
    return {
      text,
      result,
      calls: sorted,
      supplied,
      preview(call) {
        let p = cache.get(call);
        if (!p) cache.set(call, (p = previewCall(call, settings, supplied)));
        return p;
      },
    };
  }

  private forget(doc: vscode.TextDocument): void {
    const e = this.entries.get(doc.uri.toString());
    if (!e) return;
    e.py?.dispose();
    this.entries.delete(doc.uri.toString());
  }

  dispose(): void {
    for (const e of this.entries.values()) e.py?.dispose();
    this.entries.clear();
    for (const n of this.notebooks.values()) n.dispose();
    this.notebooks.clear();
    for (const d of this.disposables) d.dispose();
  }
}
