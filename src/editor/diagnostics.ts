// Diagnostics (PyTorch's own errors and the pitfalls, from diagnosticRules.ts) and the quick fixes
// (remove `verbose=`, `.get_lr()` → `.get_last_lr()`). Re-computed on open and (debounced) on edit.
import * as vscode from 'vscode';
import type { AnalysisService } from './documents';
import { allDiagnostics, type QuickFix, type RuleDiagnostic } from './diagnosticRules';
import { toVsRange } from './hover';

const SOURCE = 'LR Schedule Preview';
const SEV: Record<RuleDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

interface Fixable { range: vscode.Range; message: string; code: string; fix: QuickFix }

export class ScheduleDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('lrSchedulePreview');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Quick fixes by document (diagnostics come back to code actions as copies, without extra fields). */
  private readonly fixes = new Map<string, Fixable[]>();

  constructor(private readonly service: AnalysisService, private readonly delayMs = 300) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.collection.delete(d.uri);
        this.fixes.delete(d.uri.toString());
        this.cancel(d.uri.toString());
      }),
      service.onDidChange(() => this.refreshAll()),
    );
  }

  /** Computes diagnostics for every open Python document (after activation, not during it). */
  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private cancel(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  schedule(doc: vscode.TextDocument, delay = this.delayMs): void {
    if (doc.languageId !== 'python') return;
    const key = doc.uri.toString();
    this.cancel(key);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.update(doc);
    }, delay));
  }

  async update(doc: vscode.TextDocument): Promise<void> {
    try {
      if (doc.isClosed) return;
      if (!vscode.workspace.getConfiguration('lrSchedulePreview', doc).get('diagnostics.enabled', true)) {
        this.collection.delete(doc.uri);
        return;
      }
      const analysis = this.service.analyze(doc) ?? (await this.service.analyzeAsync(doc));
      if (!analysis) return;
      const rules = allDiagnostics(analysis.result, analysis.calls.map((c) => analysis.preview(c)), analysis.text, vscode.l10n.t);
      const fixes: Fixable[] = [];
      const out = rules.map((r) => {
        const d = new vscode.Diagnostic(toVsRange(r.range), r.message, SEV[r.severity]);
        d.source = SOURCE;
        d.code = r.code;
        if (r.fix) fixes.push({ range: d.range, message: r.message, code: r.code, fix: r.fix });
        return d;
      });
      this.fixes.set(doc.uri.toString(), fixes);
      this.collection.set(doc.uri, out);
    } catch {
      // diagnostics are best effort; never disturb the editor
    }
  }

  /** The quick fix of a diagnostic this collection published. */
  fixFor(doc: vscode.TextDocument, d: vscode.Diagnostic): QuickFix | undefined {
    const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
    return this.fixes.get(doc.uri.toString())?.find((f) => f.code === code && f.message === d.message && f.range.isEqual(d.range))?.fix;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

export class ScheduleCodeActions implements vscode.CodeActionProvider {
  constructor(private readonly diagnostics: ScheduleDiagnostics) {}

  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const out: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== SOURCE) continue;
      const fix = this.diagnostics.fixFor(doc, d);
      if (!fix) continue;
      const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      const edit = new vscode.WorkspaceEdit();
      for (const e of fix.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.startIndex), doc.positionAt(e.endIndex)), e.newText);
      a.edit = edit;
      a.diagnostics = [d];
      a.isPreferred = fix.preferred;
      out.push(a);
    }
    return out;
  }
}
