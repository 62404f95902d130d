// CodeLens above each detected scheduler call: a one-line summary (codelensText.ts) and "Preview".
import * as vscode from 'vscode';
import type { AnalysisService } from './documents';
import { codeLensTitle } from './codelensText';
import { toVsRange } from './hover';

export class ScheduleCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly service: AnalysisService) {
    this.sub = vscode.Disposable.from(
      service.onDidChange(() => this.emitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('lrSchedulePreview.codeLens.enabled')) this.emitter.fire();
      }),
    );
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    try {
      if (!vscode.workspace.getConfiguration('lrSchedulePreview', doc).get('codeLens.enabled', true)) return [];
      const analysis = this.service.analyze(doc) ?? (await this.service.analyzeAsync(doc));
      if (!analysis) return [];
      const lenses: vscode.CodeLens[] = [];
      const t = vscode.l10n.t;
      analysis.calls.forEach((call, index) => {
        // one lens line per call; nested calls (inside SequentialLR) get theirs on their own line only
        const range = toVsRange(call.nameRange);
        let title: string;
        try {
          title = codeLensTitle(analysis.preview(call), t);
        } catch {
          title = call.name;
        }
        const link = { uri: doc.uri.toString(), line: call.nameRange.start.line, character: call.nameRange.start.column };
        lenses.push(new vscode.CodeLens(range, { title: `$(graph-line) ${title}`, command: 'lrSchedulePreview.previewAtCursor', arguments: [link], tooltip: t('Open the LR schedule preview') }));
        lenses.push(new vscode.CodeLens(range, { title: t('Preview'), command: 'lrSchedulePreview.previewAtCursor', arguments: [link] }));
        void index;
      });
      return lenses;
    } catch {
      return [];
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
