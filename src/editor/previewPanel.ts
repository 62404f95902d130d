// The preview's host side: one WebviewPanel per source file (reused), a "New Preview" panel per
// scheduler picked from the catalog, a serializer so panels survive a window reload, live updates
// (debounced) while the source changes, "Apply to code" as a WorkspaceEdit on the exact argument,
// CSV / PNG export. Every message from the webview is validated (src/protocol.ts) before use.
//
// Wiring (extension.ts):
//   const previews = new PreviewManager(context, (doc) => ({ calls: analyzeDocument(doc).schedulers }));
import * as vscode from 'vscode';
import { findEntry, type SchedulerEntry } from '../schedulers/catalog';
import { simulate, parseDefault } from '../schedulers/simulate';
import type { PyValue } from '../schedulers/pyvalue';
import type { Schedule } from '../schedulers/types';
import type { SchedulerCall } from '../python/analyze';
import { previewCall, DEFAULT_SETTINGS, type PreviewSettings, type Supplied, type CallPreview } from './callPreview';
import {
  buildChartModel,
  buildParamRows,
  previewMetrics,
  literalOf,
  newPreviewRef,
  parsePyLiteral,
  scheduleToCsv,
  applyPanelEdits,
  isEditableParam,
  type ArgInfo,
} from './chartModel';
import { panelEntry } from './trainerArgs';
import { trainerFieldEffect } from './hoverText';
import { validateWebviewMessage, validateRestoreState, LIMITS, type ChartModel, type HostMessage, type RestoreState, type WebviewMessage } from '../protocol';
import { uiStrings } from './uiStrings';
import { plainT, type Translate } from './text';

export const VIEW_TYPE = 'lrSchedulePreview.preview';

/** What the reader found in a document. */
export interface PreviewAnalysis {
  calls: SchedulerCall[];
  /** Values the user supplied for names the file does not define (shared with the hover). */
  supplied?: Supplied;
}
/** Injected: reads a document (the Python reader of src/python/). */
export type Analyzer = (document: vscode.TextDocument) => PreviewAnalysis | undefined | Promise<PreviewAnalysis | undefined>;

export interface PreviewManagerOptions {
  /** Settings read at each render (default steps, steps per epoch). */
  settings?: () => PreviewSettings;
  /** Debounce for live updates while typing, ms. */
  debounceMs?: number;
}

/** Steps simulated in the panel at most (the engine caps at 5M; the chart decimates). */
const PANEL_MAX_STEPS = LIMITS.maxSteps;

interface Session {
  panel: vscode.WebviewPanel;
  kind: 'file' | 'new';
  uri?: string;
  entryName?: string;
  callId?: string;
  steps?: number;
  stepsPerEpoch?: number | null;
  overlays: Set<string>;
  edits: Map<string, string>;
  ready: boolean;
  timer?: ReturnType<typeof setTimeout>;
  /** The last full-resolution schedule (CSV export) and what the webview shows. */
  last?: { schedule: Schedule; stepsPerEpoch: number | null; name: string };
  /** Last call previewed (for Apply to code / reveal). */
  call?: SchedulerCall;
  disposables: vscode.Disposable[];
}

/** Stable id of a call: name and its ordinal among calls of that name (survives line shifts). */
export function callIds(calls: SchedulerCall[]): string[] {
  const seen = new Map<string, number>();
  return calls.map((c) => {
    const k = seen.get(c.name) ?? 0;
    seen.set(c.name, k + 1);
    return `${c.name}#${k}`;
  });
}
/** `TrainingArguments → get_cosine_schedule_with_warmup` for a trainer call, else the scheduler's name. */
function callName(c: SchedulerCall): string {
  return c.trainer ? `${c.trainer.config} → ${c.name}` : c.name;
}
function callLabel(c: SchedulerCall): string {
  return `${c.variable ? `${c.variable} = ` : ''}${callName(c)} · line ${c.range.start.line + 1}`;
}

/** vscode.l10n.t, or plainT where the API has none (the unit tests' mock). */
const l10n: { t: Translate } = {
  t: (message, ...args) => (vscode.l10n?.t ? vscode.l10n.t(message, ...args) : plainT(message, ...args)),
};
function displayLanguage(): string {
  return vscode.env?.language ?? 'en';
}

/** Escapes text for an HTML attribute value in double quotes. */
function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  const bytes = new Uint8Array(32);
  const c = (globalThis as { crypto?: { getRandomValues?(a: Uint8Array): Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  for (const b of bytes) out += chars[b % chars.length];
  return out;
}

/** Decodes base64 without Buffer (the web extension host has none). */
function base64ToBytes(b64: string): Uint8Array {
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const map = new Int16Array(128).fill(-1);
  for (let i = 0; i < A.length; i++) map[A.charCodeAt(i)] = i;
  const clean = b64.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => (i + k < clean.length ? map[clean.charCodeAt(i + k)] : 0));
    if (n.some((x) => x < 0)) throw new Error('invalid base64');
    const v = (n[0] << 18) | (n[1] << 12) | (n[2] << 6) | n[3];
    if (o < out.length) out[o++] = (v >> 16) & 255;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

function themeKind(): Extract<HostMessage, { type: 'theme' }>['kind'] {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'highContrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'highContrastLight';
    default:
      return 'dark';
  }
}

export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly sessions = new Set<Session>();
  private active: Session | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly analyze: Analyzer,
    private readonly options: PreviewManagerOptions = {},
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, this),
      vscode.workspace.onDidChangeTextDocument((e) => this.onDocumentChanged(e.document)),
      vscode.window.onDidChangeActiveColorTheme(() => {
        for (const s of this.sessions) this.post(s, { type: 'theme', kind: themeKind() });
      }),
    );
  }

  // ---- public API ------------------------------------------------------------------------------

  /** Opens (or reuses) the panel of `document` showing its `callIndex`-th scheduler call. */
  async showForCall(document: vscode.TextDocument, callIndex: number): Promise<void> {
    const analysis = await this.safeAnalyze(document);
    const calls = analysis?.calls ?? [];
    const ids = callIds(calls);
    const s = this.fileSession(document.uri.toString());
    s.callId = ids[Math.max(0, Math.min(callIndex, ids.length - 1))];
    s.panel.reveal(s.panel.viewColumn ?? vscode.ViewColumn.Beside, false);
    await this.render(s);
  }

  /** Opens the file's panel with its first call and every other call overlaid. */
  async showAllInFile(document: vscode.TextDocument): Promise<void> {
    const analysis = await this.safeAnalyze(document);
    const ids = callIds(analysis?.calls ?? []);
    const s = this.fileSession(document.uri.toString());
    s.callId = ids[0];
    s.overlays = new Set(ids.slice(1));
    s.panel.reveal(s.panel.viewColumn ?? vscode.ViewColumn.Beside, false);
    await this.render(s);
  }

  /** A panel for a scheduler picked by name, with catalog defaults, editable in the panel. */
  async showNew(entryName: string): Promise<void> {
    const entry = findEntry(entryName);
    if (!entry) {
      void vscode.window.showErrorMessage(`LR Schedule Preview: unknown scheduler ${entryName}`);
      return;
    }
    let s = [...this.sessions].find((x) => x.kind === 'new' && x.entryName === entry.name);
    if (!s) s = this.createSession(this.createPanel(`LR: ${entry.name}`), { entryName: entry.name });
    s.panel.reveal(s.panel.viewColumn ?? vscode.ViewColumn.Active, false);
    await this.render(s);
  }

  /** Exports the focused (or last used) preview's full schedule as CSV. */
  async exportCsv(): Promise<void> {
    const s = this.active ?? [...this.sessions].pop();
    if (!s?.last) {
      void vscode.window.showInformationMessage('LR Schedule Preview: open a preview first (LR Schedule: Preview Scheduler at Cursor).');
      return;
    }
    const csv = scheduleToCsv(s.last.schedule, s.last.stepsPerEpoch);
    const target = await vscode.window.showSaveDialog({
      defaultUri: this.defaultExportUri(s, 'csv'),
      filters: { CSV: ['csv'] },
      saveLabel: 'Export CSV',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
    void vscode.window.showInformationMessage(`LR schedule saved to ${vscode.workspace.asRelativePath(target)}`);
  }

  /** Asks the focused preview for a PNG of its chart (saved when the webview answers). */
  exportPng(): void {
    const s = this.active ?? [...this.sessions].pop();
    if (s) this.post(s, { type: 'requestPng' });
  }

  dispose(): void {
    for (const s of [...this.sessions]) s.panel.dispose();
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
  }

  /** WebviewPanelSerializer: a panel restored after a window reload. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const r = validateRestoreState(state);
    this.configurePanel(panel);
    if (r.uri) {
      const s = this.createSession(panel, { uri: r.uri }, r);
      await this.render(s);
    } else if (r.entryName && findEntry(r.entryName)) {
      const s = this.createSession(panel, { entryName: r.entryName }, r);
      await this.render(s);
    } else {
      panel.webview.html = this.html(panel.webview);
      this.post(this.createSession(panel, {}, r), { type: 'error', message: l10n.t('Nothing to preview: run "LR Schedule: Preview Scheduler at Cursor".') });
    }
  }

  // ---- panels ----------------------------------------------------------------------------------

  private fileSession(uri: string): Session {
    const found = [...this.sessions].find((s) => s.kind === 'file' && s.uri === uri);
    if (found) return found;
    const name = uri.split('/').pop() ?? uri;
    return this.createSession(this.createPanel(`LR: ${decodeURIComponent(name)}`), { uri });
  }

  private createPanel(title: string): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    this.configurePanel(panel);
    return panel;
  }

  private configurePanel(panel: vscode.WebviewPanel): void {
    const root = this.context.extensionUri;
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist', 'media'), vscode.Uri.joinPath(root, 'media')],
    };
  }

  private createSession(panel: vscode.WebviewPanel, what: { uri?: string; entryName?: string }, r: RestoreState = {}): Session {
    const s: Session = {
      panel,
      kind: what.uri ? 'file' : 'new',
      uri: what.uri,
      entryName: what.entryName,
      callId: r.callId,
      steps: r.steps,
      stepsPerEpoch: r.stepsPerEpoch,
      overlays: new Set(r.overlays ?? []),
      edits: new Map(Object.entries(r.edits ?? {})),
      ready: false,
      disposables: [],
    };
    panel.webview.html = this.html(panel.webview);
    s.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => {
        const msg = validateWebviewMessage(raw);
        if (!msg) return; // malformed: ignored
        void this.onMessage(s, msg).catch((e) => this.post(s, { type: 'error', message: `LR Schedule Preview: ${e instanceof Error ? e.message : String(e)}` }));
      }),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) this.active = s;
      }),
      panel.onDidDispose(() => {
        if (s.timer) clearTimeout(s.timer);
        for (const d of s.disposables) d.dispose();
        this.sessions.delete(s);
        if (this.active === s) this.active = undefined;
      }),
    );
    this.sessions.add(s);
    this.active = s;
    return s;
  }

  private html(webview: vscode.Webview): string {
    const n = nonce();
    const root = this.context.extensionUri;
    const script = webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'media', 'preview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(root, 'media', 'preview.css'));
    const csp = `default-src 'none'; script-src 'nonce-${n}'; style-src ${webview.cspSource}; img-src ${webview.cspSource} data:;`;
    return `<!DOCTYPE html>
<html lang="${escapeAttr(displayLanguage() || 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>LR Schedule Preview</title>
</head>
<body data-l10n="${escapeAttr(JSON.stringify(uiStrings(l10n.t)))}">
<script nonce="${n}" src="${script}"></script>
</body>
</html>`;
  }

  private post(s: Session, msg: HostMessage): void {
    if (s.ready || msg.type === 'render' || msg.type === 'error') void s.panel.webview.postMessage(msg);
  }

  // ---- messages --------------------------------------------------------------------------------

  private async onMessage(s: Session, msg: WebviewMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        s.ready = true;
        return this.render(s);
      case 'setParam': {
        if (!parsePyLiteral(msg.value)) {
          this.post(s, { type: 'applied', name: msg.name, ok: false, message: l10n.t('{0} is not a Python literal the preview can use', msg.value) });
          return;
        }
        s.edits.set(msg.name, msg.value.trim());
        return this.render(s);
      }
      case 'resetParam':
        s.edits.delete(msg.name);
        return this.render(s);
      case 'setSteps':
        s.steps = Math.min(msg.steps, PANEL_MAX_STEPS);
        return this.render(s);
      case 'setStepsPerEpoch':
        s.stepsPerEpoch = msg.value;
        return this.render(s);
      case 'toggleOverlay':
        if (msg.on) s.overlays.add(msg.id);
        else s.overlays.delete(msg.id);
        return this.render(s);
      case 'selectCall':
        s.callId = msg.id;
        s.overlays.delete(msg.id);
        return this.render(s);
      case 'applyToCode':
        return this.applyToCode(s, msg.name, msg.valueSource);
      case 'exportCsv':
        this.active = s;
        return this.exportCsv();
      case 'exportPng':
        return this.savePng(s, msg.dataUrl);
      case 'revealCall':
        return this.reveal(s);
    }
  }

  private defaultExportUri(s: Session, ext: string): vscode.Uri | undefined {
    const name = (s.last?.name ?? 'lr-schedule').replace(/[^\w.-]+/g, '_');
    if (s.uri) {
      const u = vscode.Uri.parse(s.uri);
      const dir = vscode.Uri.joinPath(u, '..');
      const base = (u.path.split('/').pop() ?? 'schedule').replace(/\.[^.]+$/, '');
      return vscode.Uri.joinPath(dir, `${base}-${name}.${ext}`);
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, `${name}.${ext}`) : undefined;
  }

  private async savePng(s: Session, dataUrl: string): Promise<void> {
    const bytes = base64ToBytes(dataUrl.slice(dataUrl.indexOf(',') + 1));
    // A PNG starts with its 8-byte signature; refuse anything else.
    const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    if (bytes.length < 8 || sig.some((b, i) => bytes[i] !== b)) return;
    const target = await vscode.window.showSaveDialog({ defaultUri: this.defaultExportUri(s, 'png'), filters: { 'PNG image': ['png'] }, saveLabel: 'Export PNG' });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Chart saved to ${vscode.workspace.asRelativePath(target)}`);
  }

  private async document(s: Session): Promise<vscode.TextDocument | undefined> {
    if (!s.uri) return undefined;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === s.uri);
    if (open) return open;
    try {
      return await vscode.workspace.openTextDocument(vscode.Uri.parse(s.uri));
    } catch {
      return undefined;
    }
  }

  private async reveal(s: Session): Promise<void> {
    const doc = await this.document(s);
    if (!doc || !s.call) return;
    const r = s.call.range;
    const range = new vscode.Range(doc.positionAt(r.startIndex), doc.positionAt(r.endIndex));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range, preserveFocus: false });
  }

  /**
   * Writes the panel's value of `name` into the call: replaces the argument's value text, or adds
   * `name=value` before the closing parenthesis. Only a value the panel holds as an edit (a parsed
   * literal) is written — the webview cannot make the host write arbitrary text.
   */
  private async applyToCode(s: Session, name: string, valueSource: string): Promise<void> {
    const edit = s.edits.get(name);
    const fail = (message: string) => this.post(s, { type: 'applied', name, ok: false, message });
    if (s.kind !== 'file') return fail('A new preview has no source to write to.');
    if (edit === undefined || edit !== valueSource.trim() || !parsePyLiteral(edit)) return fail('Change the value in the panel first.');
    const doc = await this.document(s);
    const call = s.call;
    if (!doc || !call) return fail('The call is no longer in the file.');
    // TrainingArguments(...): the panel's names are the config's fields (`warmup_steps=`), never the schedule function's
    if (!isEditableParam(call, name)) return fail(`${name} is not an argument of ${call.trainer ? call.trainer.config : call.name}.`);
    const text = doc.getText();
    const we = new vscode.WorkspaceEdit();
    const arg = call.argRanges.find((a) => a.param === name);
    if (arg) {
      const r = arg.valueRange;
      if (text.slice(r.startIndex, r.endIndex) !== arg.source) return fail('The source changed; try again.');
      we.replace(doc.uri, new vscode.Range(doc.positionAt(r.startIndex), doc.positionAt(r.endIndex)), edit);
    } else {
      const end = call.range.endIndex;
      if (text[end - 1] !== ')') return fail('Could not find the end of the call.');
      const inside = text.slice(call.nameRange.endIndex, end - 1);
      const before = inside.replace(/\s+$/, '');
      const hasArgs = before.replace(/^\s*\(/, '').trim().length > 0;
      const sep = !hasArgs ? '' : before.endsWith(',') ? ' ' : ', ';
      const at = call.nameRange.endIndex + before.length;
      we.insert(doc.uri, doc.positionAt(at), `${sep}${name}=${edit}`);
    }
    const ok = await vscode.workspace.applyEdit(we);
    if (!ok) return fail('VS Code refused the edit.');
    s.edits.delete(name);
    this.post(s, { type: 'applied', name, ok: true });
    await this.render(s);
  }

  // ---- live updates ----------------------------------------------------------------------------

  private onDocumentChanged(doc: vscode.TextDocument): void {
    const uri = doc.uri.toString();
    for (const s of this.sessions) {
      if (s.kind !== 'file' || s.uri !== uri) continue;
      if (s.timer) clearTimeout(s.timer);
      s.timer = setTimeout(() => {
        s.timer = undefined;
        void this.render(s);
      }, this.options.debounceMs ?? 250);
    }
  }

  private async safeAnalyze(doc: vscode.TextDocument): Promise<PreviewAnalysis | undefined> {
    try {
      return await this.analyze(doc);
    } catch {
      return undefined;
    }
  }

  private settings(): PreviewSettings {
    try {
      return this.options.settings?.() ?? DEFAULT_SETTINGS;
    } catch {
      return DEFAULT_SETTINGS;
    }
  }

  // ---- rendering -------------------------------------------------------------------------------

  private async render(s: Session): Promise<void> {
    try {
      const model = s.kind === 'new' ? this.renderNew(s) : await this.renderFile(s);
      if (!model) return;
      const restore: RestoreState = {
        uri: s.uri,
        callId: s.callId,
        entryName: s.entryName,
        steps: s.steps,
        stepsPerEpoch: s.stepsPerEpoch,
        overlays: [...s.overlays],
        edits: Object.fromEntries(s.edits),
      };
      s.panel.title = s.kind === 'new' ? `LR: ${model.schedulerName} (new)` : `LR: ${model.schedulerName} — ${decodeURIComponent((s.uri ?? '').split('/').pop() ?? '')}`;
      this.post(s, { type: 'render', model, restore, strings: uiStrings(l10n.t) });
    } catch (e) {
      this.post(s, { type: 'error', message: `LR Schedule Preview failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  private stepsPerEpoch(s: Session): number | null {
    if (s.stepsPerEpoch !== undefined) return s.stepsPerEpoch;
    const set = this.settings().stepsPerEpoch;
    return set && set > 0 ? set : null;
  }

  private renderNew(s: Session): ChartModel | undefined {
    const entry = findEntry(s.entryName ?? '');
    if (!entry) return undefined;
    const sample = newPreviewRef(entry);
    const values: Record<string, PyValue> = { ...sample.ref.args };
    for (const [k, src] of s.edits) {
      const v = parsePyLiteral(src);
      if (v && entry.params.some((p) => p.name === k)) values[k] = v;
    }
    const ref = { ...sample.ref, args: values };
    const steps = s.steps ?? sample.steps;
    const schedule = simulate(ref, { steps, metrics: previewMetrics(ref, steps) });
    const args: ArgInfo[] = Object.entries(sample.given).map(([name, v]) => ({ name, source: literalOf(v), canApply: false }));
    args.unshift({ name: 'optimizer', source: 'SGD(lr=0.1, momentum=0.9)', canApply: false });
    const spe = this.stepsPerEpoch(s);
    s.last = { schedule, stepsPerEpoch: spe, name: entry.name };
    return buildChartModel({
      title: l10n.t('new preview — SGD(lr=0.1, momentum=0.9); edit the parameters on the right'),
      schedule,
      entry,
      requestedSteps: steps,
      stepsPerEpoch: spe,
      params: buildParamRows({ entry, args, values, edits: Object.fromEntries(s.edits), schedule, requestedSteps: steps, canInsert: false, t: l10n.t, lang: displayLanguage() }),
      standalone: true,
      t: l10n.t,
      lang: displayLanguage(),
    });
  }

  /** The call with the panel's edits in place of its written values (a TrainingArguments call: its fields). */
  private editedCall(call: SchedulerCall, edits: Map<string, string>): SchedulerCall {
    return applyPanelEdits(call, edits);
  }

  private preview(call: SchedulerCall, supplied: Supplied | undefined, steps: number | undefined): CallPreview {
    return previewCall(call, this.settings(), supplied ?? {}, steps);
  }

  private async renderFile(s: Session): Promise<ChartModel | undefined> {
    const doc = await this.document(s);
    if (!doc) {
      this.post(s, { type: 'error', message: l10n.t('Cannot open {0}.', s.uri ?? '') });
      return undefined;
    }
    const analysis = await this.safeAnalyze(doc);
    const calls = analysis?.calls ?? [];
    const ids = callIds(calls);
    if (!calls.length) {
      s.call = undefined;
      this.post(s, { type: 'error', message: l10n.t('No learning-rate scheduler call found in {0}.', vscode.workspace.asRelativePath(doc.uri)) });
      return undefined;
    }
    let k = s.callId ? ids.indexOf(s.callId) : 0;
    if (k < 0) k = 0;
    s.callId = ids[k];
    const call = calls[k];
    s.call = call;
    // the schedule function's entry (ReduceLROnPlateau's metrics), and what the panel lists: the
    // schedule's parameters, or for TrainingArguments(...) the config's fields
    const entry: SchedulerEntry | undefined = findEntry(call.name);
    const fieldsEntry: SchedulerEntry | undefined = panelEntry(call);
    const p = this.preview(this.editedCall(call, s.edits), analysis?.supplied, s.steps);
    const steps = p.steps;
    let simulated = p.schedule;
    // (the preview simulates metric-driven schedules with an example metric: see previewMetrics)
    const finalSchedule = simulated ?? missingSchedule(call.name, p);
    const spe = this.stepsPerEpoch(s);
    s.last = { schedule: finalSchedule, stepsPerEpoch: spe, name: call.name };

    // overlays: the other calls of the file, with the same number of steps
    const overlays = calls
      .map((c, i) => ({ c, id: ids[i] }))
      .filter((o) => o.id !== s.callId)
      .map((o) => {
        const checked = s.overlays.has(o.id);
        let sched: Schedule | undefined;
        if (checked) {
          try {
            sched = this.preview(o.c, analysis?.supplied, steps).schedule ?? undefined;
          } catch {
            sched = undefined;
          }
        }
        return { id: o.id, label: callLabel(o.c), checked, schedule: sched };
      });

    const assumed = new Map(p.assumptions.map((a) => [a.param, a]));
    const args: ArgInfo[] = call.argRanges
      .filter((a): a is typeof a & { param: string } => !!a.param)
      .map((a) => {
        const given = call.given[a.param];
        const as = assumed.get(a.param);
        const unresolved = given && 'unresolved' in given ? `${given.reason}${as ? `; assumed ${as.used}` : ''}` : undefined;
        return { name: a.param, source: a.source, unresolved, canApply: true };
      });
    // TrainingArguments(**cfg): fields the splat passes (a keyword next to it would pass the field twice)
    if (call.trainer) {
      for (const [k, g] of Object.entries(call.given)) {
        if (args.some((a) => a.name === k) || !g.source?.startsWith('**')) continue;
        args.push({ name: k, source: 'value' in g ? literalOf(g.value) : g.source, unresolved: 'unresolved' in g ? g.reason : undefined, canApply: false });
      }
    }
    const values: Record<string, PyValue> = {};
    for (const param of fieldsEntry?.params ?? []) {
      const v = p.args[param.name];
      if (v) values[param.name] = v;
      else if (param.default !== undefined) {
        try {
          values[param.name] = parseDefault(param.default);
        } catch {
          /* no value */
        }
      }
    }
    const effectFor = call.trainer ? (param: string) => trainerFieldEffect(p, param, l10n.t) : undefined;
    const rows = fieldsEntry
      ? buildParamRows({ entry: fieldsEntry, args, values, edits: Object.fromEntries(s.edits), schedule: finalSchedule, requestedSteps: steps, canInsert: !call.trainer?.parsed, t: l10n.t, lang: displayLanguage(), effectFor })
      : [];
    // Assumed values show what was used.
    for (const r of rows) {
      const a = assumed.get(r.name);
      if (a && r.origin !== 'edited') r.source = a.used;
    }
    const model = buildChartModel({
      title: `${call.variable ? `${call.variable} = ` : ''}${call.trainer ? `${call.trainer.config}(…) → ${call.name}` : `${call.name}(…)`} · ${vscode.workspace.asRelativePath(doc.uri)}:${call.range.start.line + 1}`,
      schedule: finalSchedule,
      entry: fieldsEntry,
      requestedSteps: steps,
      stepsPerEpoch: spe,
      params: rows,
      overlays,
      calls: calls.map((c, i) => ({ id: ids[i], label: callLabel(c) })),
      currentCallId: s.callId,
      t: l10n.t,
      lang: displayLanguage(),
    });
    const t = l10n.t;
    if (p.missing.length) model.notes.unshift(t('Not known statically: {0}. Set the value in the panel.', p.missing.map((m) => `${m.param}=${m.source} (${m.reason})`).join('; ')));
    for (const a of p.assumptions) model.notes.push(t('Assumed {0} = {1} for {2} ({3}).', a.param, a.used, a.source, a.reason));
    return model;
  }

}

/** A Schedule standing for a call that cannot be simulated (values missing): the reason as its error. */
function missingSchedule(name: string, p: CallPreview): Schedule {
  const error = p.error ?? {
    type: 'Unknown',
    message: p.missing.length ? `not known statically: ${p.missing.map((m) => `${m.param}=${m.source}`).join(', ')}` : 'this call cannot be simulated',
    at: 'construct' as const,
  };
  return {
    name,
    steps: 0,
    lrs: [],
    momentum: null,
    momentumKey: null,
    columns: [],
    finalLrs: null,
    error,
    warnings: [],
    events: [],
    notes: [],
    explain: () => ({ phase: '', text: '' }),
  };
}
