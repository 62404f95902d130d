// activate(): wires the providers and commands; nothing else. No parsing here: the parser WASM is
// loaded on first use (the first hover, CodeLens or diagnostics pass), so activation stays cheap.
import * as vscode from 'vscode';
import { AnalysisService } from './editor/documents';
import { ScheduleHoverProvider } from './editor/hover';
import { ScheduleCodeLensProvider } from './editor/codelens';
import { ScheduleDiagnostics, ScheduleCodeActions } from './editor/diagnostics';
import { registerCommands } from './editor/commands';
import { PreviewManager } from './editor/previewPanel';
import { setTranslator } from './schedulers/l10n';

/** Python files and notebook cells (a `{ language: 'python' }` selector covers both). */
const PYTHON: vscode.DocumentSelector = [{ language: 'python' }];

export function activate(context: vscode.ExtensionContext): void {
  // The engine's step explanations and event labels (chart tooltips, markers) in the display language.
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const service = new AnalysisService(context.extensionUri);
  const previews = new PreviewManager(
    context,
    async (doc) => {
      const a = await service.analyzeAsync(doc);
      return a ? { calls: a.calls, supplied: a.supplied } : undefined;
    },
    { settings: () => service.settings() },
  );
  const diagnostics = new ScheduleDiagnostics(service);
  const lenses = new ScheduleCodeLensProvider(service);
  context.subscriptions.push(
    service,
    previews,
    diagnostics,
    lenses,
    vscode.languages.registerHoverProvider(PYTHON, new ScheduleHoverProvider(service)),
    vscode.languages.registerCodeLensProvider(PYTHON, lenses),
    vscode.languages.registerCodeActionsProvider(PYTHON, new ScheduleCodeActions(diagnostics), ScheduleCodeActions.metadata),
    ...registerCommands(service, () => previews),
  );
  // Diagnostics for the documents already open, once activation has returned.
  const t = setTimeout(() => diagnostics.refreshAll(), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(t) });
}

export function deactivate(): void {
  // everything else is disposed through context.subscriptions
  setTranslator(undefined);
}
