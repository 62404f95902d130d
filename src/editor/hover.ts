// The hover: on a scheduler call (its name or anywhere in it) and on each of its arguments.
// Thin: finds what is under the mouse and hands the CallPreview to hoverText.ts. Never throws;
// reads the per-document cache, so it stays fast while typing.
import * as vscode from 'vscode';
import type { AnalysisService } from './documents';
import { HOVER_COMMANDS, argHoverMarkdown, callHoverMarkdown, hoverTarget, type CallLink } from './hoverText';
import { optimizerHover } from './optimizerHover';

export function toVsRange(r: { start: { line: number; column: number }; end: { line: number; column: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
}

export function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.supportHtml = false;
  return md;
}

export class ScheduleHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: AnalysisService) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    try {
      if (!vscode.workspace.getConfiguration('lrSchedulePreview', doc).get('hover.enabled', true)) return undefined;
      const analysis = this.service.analyze(doc) ?? (await this.service.analyzeAsync(doc));
      if (!analysis) return undefined;
      const offset = doc.offsetAt(position);
      const target = hoverTarget(analysis.calls, offset);
      const t = vscode.l10n.t;
      if (!target) {
        const opt = optimizerHover(analysis, offset, t, vscode.env.language);
        return opt ? new vscode.Hover(markdown(opt.markdown), toVsRange(opt.range)) : undefined;
      }
      const p = analysis.preview(target.call);
      const link: CallLink = { uri: doc.uri.toString(), line: target.call.nameRange.start.line, character: target.call.nameRange.start.column };
      const opts = { t, link, logScale: this.service.settings().logScale, lang: vscode.env.language };
      const text = target.kind === 'arg' ? argHoverMarkdown(p, target.param, opts) : callHoverMarkdown(p, opts);
      return new vscode.Hover(markdown(text), toVsRange(target.range));
    } catch {
      return undefined;
    }
  }
}
