// The commands (category "LR Schedule"): preview at cursor, all in file, new preview, export CSV,
// copy CSV (hover link), supply a value the file does not define statically.
import * as vscode from 'vscode';
import { entries } from '../schedulers/catalog';
import type { PyValue } from '../schedulers/pyvalue';
import type { SchedulerCall } from '../python/analyze';
import type { AnalysisService, DocAnalysis } from './documents';
import type { PreviewManager } from './previewPanel';
import { parsePyLiteral, scheduleToCsv } from './chartModel';
import { suppliedKey } from './callPreview';
import { callAtOffset, type CallLink } from './hoverText';

export const COMMANDS = {
  previewAtCursor: 'lrSchedulePreview.previewAtCursor',
  previewAllInFile: 'lrSchedulePreview.previewAllInFile',
  newPreview: 'lrSchedulePreview.newPreview',
  exportCsv: 'lrSchedulePreview.exportCsv',
  copyCsv: 'lrSchedulePreview.copyCsv',
  supplyValue: 'lrSchedulePreview.supplyValue',
} as const;

interface SupplyArgs extends Partial<CallLink> {
  param?: string;
  source?: string;
  scheduler?: string;
}

function isLink(x: unknown): x is CallLink {
  const o = x as CallLink;
  return !!o && typeof o === 'object' && typeof o.uri === 'string' && Number.isInteger(o.line) && Number.isInteger(o.character) && o.line >= 0 && o.character >= 0;
}

async function documentFor(uri: string): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (open) return open;
  try {
    return await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  } catch {
    return undefined;
  }
}

interface Located { doc: vscode.TextDocument; analysis: DocAnalysis; call: SchedulerCall; index: number }

export function registerCommands(service: AnalysisService, previews: () => PreviewManager): vscode.Disposable[] {
  const t = vscode.l10n.t;

  /** The call a command is about: the link's call, else the one under the cursor (else the only/nearest one). */
  async function locate(arg: unknown, quiet = false): Promise<Located | undefined> {
    let doc: vscode.TextDocument | undefined;
    let offset: number | undefined;
    if (isLink(arg)) {
      doc = await documentFor(arg.uri);
      if (doc) offset = doc.offsetAt(new vscode.Position(arg.line, arg.character));
    } else {
      const ed = vscode.window.activeTextEditor;
      doc = ed?.document;
      if (ed) offset = ed.document.offsetAt(ed.selection.active);
    }
    if (!doc || doc.languageId !== 'python') {
      if (!quiet) void vscode.window.showInformationMessage(t('LR Schedule Preview: open a Python file with a learning-rate scheduler first.'));
      return undefined;
    }
    const analysis = await service.analyzeAsync(doc);
    if (!analysis || !analysis.calls.length) {
      if (!quiet) void vscode.window.showInformationMessage(t('LR Schedule Preview: no PyTorch scheduler found in this file.'));
      return undefined;
    }
    let call = offset !== undefined ? callAtOffset(analysis.calls, offset) : undefined;
    if (!call && offset !== undefined) {
      // the nearest call on the cursor's line, else the next one below, else the last one above
      const line = doc.positionAt(offset).line;
      call = analysis.calls.find((c) => c.range.start.line <= line && c.range.end.line >= line)
        ?? analysis.calls.find((c) => c.range.start.line > line) ?? analysis.calls[analysis.calls.length - 1];
    }
    call ??= analysis.calls[0];
    return { doc, analysis, call, index: analysis.calls.indexOf(call) };
  }

  const previewAtCursor = async (arg?: unknown) => {
    const at = await locate(arg);
    if (at) await previews().showForCall(at.doc, at.index);
  };

  const previewAllInFile = async () => {
    const ed = vscode.window.activeTextEditor;
    if (!ed || ed.document.languageId !== 'python') {
      void vscode.window.showInformationMessage(t('LR Schedule Preview: open a Python file with a learning-rate scheduler first.'));
      return;
    }
    await previews().showAllInFile(ed.document);
  };

  const newPreview = async () => {
    const items = entries.map((e) => ({ label: e.name, description: e.framework === 'torch' ? 'torch.optim.lr_scheduler' : e.framework, detail: e.summary.replace(/`/g, '') }));
    const pick = await vscode.window.showQuickPick(items, { title: t('New LR schedule preview'), placeHolder: t('Pick a scheduler; set its parameters in the preview'), matchOnDescription: true, matchOnDetail: true });
    if (pick) await previews().showNew(pick.label);
  };

  const exportCsv = async () => {
    await previews().exportCsv();
  };

  const copyCsv = async (arg?: unknown) => {
    const at = await locate(arg);
    if (!at) return;
    const p = at.analysis.preview(at.call);
    if (!p.schedule || p.schedule.steps === 0) {
      void vscode.window.showWarningMessage(p.error ? `${p.error.type}: ${p.error.message}` : t('LR Schedule Preview: this call cannot be simulated until its unknown values are supplied.'));
      return;
    }
    const spe = service.settings().stepsPerEpoch;
    await vscode.env.clipboard.writeText(scheduleToCsv(p.schedule, spe && spe > 0 ? spe : null));
    void vscode.window.showInformationMessage(t('Copied {0} steps of {1} as CSV.', p.schedule.steps, at.call.name));
  };

  const askValue = async (prompt: string, placeHolder: string, validate: (s: string) => string | undefined) =>
    vscode.window.showInputBox({ title: t('LR Schedule Preview: supply a value'), prompt, placeHolder, validateInput: (s) => validate(s) ?? null, ignoreFocusOut: true });

  const literal = (s: string): PyValue | undefined => {
    try {
      return parsePyLiteral(s.trim());
    } catch {
      return undefined;
    }
  };

  const supplyValue = async (arg?: unknown) => {
    const a = (arg ?? {}) as SupplyArgs;
    const at = await locate(isLink(a) ? a : undefined);
    if (!at) return;
    let call = at.call;
    if (a.scheduler && a.scheduler !== call.name) call = at.analysis.calls.find((c) => c.name === a.scheduler && callContains(at.call, c)) ?? call;
    const p = at.analysis.preview(call);
    let param = a.param;
    let source = a.source;
    if (!param) {
      const choices = [
        ...p.missing.map((m) => ({ label: `${m.param}=${m.source}`, description: m.reason, param: m.param, source: m.source })),
        ...p.assumptions.map((x) => ({ label: `${x.param}=${x.source}`, description: t('assumed {0}', x.used), param: x.param, source: x.source })),
      ];
      if (!choices.length) {
        void vscode.window.showInformationMessage(t('Every value of {0} is known; nothing to supply.', call.name));
        return;
      }
      const pick = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: t('Which value?') });
      if (!pick) return;
      param = pick.param;
      source = pick.source;
    }
    if (param === 'optimizer') {
      const v = await askValue(t('Base LR of the optimizer (one number, or one per param group separated by commas)'), '0.1', (s) =>
        s.split(',').every((x) => x.trim() !== '' && Number.isFinite(Number(x))) ? undefined : t('Numbers such as 0.1 or 0.1, 0.01'));
      if (v === undefined) return;
      service.supply(at.doc, { lr: v.split(',').map((x) => Number(x)) });
      return;
    }
    const given = call.given[param] ?? call.args[param];
    const needs = given && 'unresolved' in given ? given.needs ?? [] : [];
    if (needs.length) {
      const names: Record<string, PyValue> = {};
      for (const n of needs) {
        const v = await askValue(t('Value of {0} (used by {1}={2})', n, param, source ?? ''), t('a Python literal, e.g. 100 or 0.1'), (s) => (literal(s) ? undefined : t('A number, string, list or tuple literal')));
        if (v === undefined) return;
        names[n] = literal(v)!;
      }
      service.supply(at.doc, { names });
      return;
    }
    const v = await askValue(t('Value for {0}={1}', param, source ?? ''), t('a Python literal, e.g. 100 or 0.1'), (s) => (literal(s) ? undefined : t('A number, string, list or tuple literal')));
    if (v === undefined) return;
    service.supply(at.doc, { args: { [suppliedKey(call.name, param, source ?? '')]: literal(v)! } });
  };

  return [
    vscode.commands.registerCommand(COMMANDS.previewAtCursor, previewAtCursor),
    vscode.commands.registerCommand(COMMANDS.previewAllInFile, previewAllInFile),
    vscode.commands.registerCommand(COMMANDS.newPreview, newPreview),
    vscode.commands.registerCommand(COMMANDS.exportCsv, exportCsv),
    vscode.commands.registerCommand(COMMANDS.copyCsv, copyCsv),
    vscode.commands.registerCommand(COMMANDS.supplyValue, supplyValue),
  ];
}

function callContains(outer: SchedulerCall, inner: SchedulerCall): boolean {
  return inner.range.startIndex >= outer.range.startIndex && inner.range.endIndex <= outer.range.endIndex;
}
