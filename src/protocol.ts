// Messages between the extension host (src/editor/previewPanel.ts) and the preview webview
// (media/preview.ts), and the serialisable chart model the host sends. No engine code and no
// `vscode` here: the webview bundle imports this file. The host validates every message from the
// webview with validateWebviewMessage before acting on it.

export const PROTOCOL_VERSION = 1;

// ---- the chart model (host → webview) ------------------------------------------------------------

export type EventKind = 'restart' | 'milestone' | 'phase' | 'reduce' | 'switch' | 'end';

/** One line on the chart: LR (or momentum) of one param group of one schedule. */
export interface ChartSeries {
  /** Which schedule it belongs to: 'main' or an overlay id. */
  scheduleId: string;
  label: string;
  /** 'lr' = left axis; 'momentum' = right axis (momentum or beta1). */
  axis: 'lr' | 'momentum';
  group: number;
  /** Palette slot (the webview maps it to a theme colour). */
  color: number;
  dashed: boolean;
  /** Steps of the kept points (increasing). */
  x: number[];
  /** Values at those steps; null where not finite. */
  y: (number | null)[];
}

export interface ChartEvent {
  step: number;
  kind: EventKind;
  label: string;
}

/** A parameter row in the panel. */
export interface ParamRow {
  name: string;
  /** Value as Python source: the call's text, the panel's edit, or the default. */
  source: string;
  /** The value as the code has it (undefined = not given in the call). */
  codeSource?: string;
  /** 'code' = given in the call; 'default' = signature default; 'edited' = changed in the panel. */
  origin: 'code' | 'default' | 'edited' | 'required';
  doc: string;
  type: string;
  default?: string;
  range?: string;
  unit?: string;
  /** "Effect here" text (same as the editor hover). */
  effect?: string;
  /** Why the value is not known statically (the assumption used is `source`). */
  unresolved?: string;
  /** How the panel edits it. */
  editor: 'int' | 'float' | 'choice' | 'bool' | 'text' | 'none';
  choices?: string[];
  slider?: { min: number; max: number; step: number; log?: boolean };
  /** True when the value can be written back into the source. */
  canApply: boolean;
}

export interface ChartStats {
  start: number | null;
  peak: { value: number; step: number } | null;
  min: { value: number; step: number } | null;
  last: number | null;
}

export interface OverlayChoice {
  id: string;
  label: string;
  checked: boolean;
}

export interface ChartModel {
  /** 'main' schedule's title, e.g. "lr_sched = CosineAnnealingWarmRestarts(…) · line 7". */
  title: string;
  schedulerName: string;
  summary?: string;
  /** Simulated (recorded) steps of the main schedule. */
  steps: number;
  /** Requested steps. */
  requestedSteps: number;
  stepsPerEpoch: number | null;
  /** What one step is: "scheduler.step() call (usually once per epoch)". */
  stepUnit: string;
  series: ChartSeries[];
  /** explanations[scheduleId][k] explains the k-th kept point of that schedule's series. */
  explanations: Record<string, string[]>;
  events: ChartEvent[];
  momentumLabel: string | null;
  stats: ChartStats;
  /** PyTorch's own error, when the call raises (construct) or a step raises. */
  error: { type: string; message: string; at: 'construct' | number } | null;
  warnings: string[];
  notes: string[];
  params: ParamRow[];
  overlays: OverlayChoice[];
  /** Other calls in the same file, to switch the main one. */
  calls: { id: string; label: string }[];
  currentCallId: string | null;
  /** Points before decimation (= steps) and after. */
  decimated: { from: number; to: number } | null;
  /** True for a "New Preview" panel (no source to write back to). */
  standalone: boolean;
}

/** What the host needs to restore a panel after a reload; the webview keeps it in its state. */
export interface RestoreState {
  uri?: string;
  callId?: string;
  entryName?: string;
  steps?: number;
  stepsPerEpoch?: number | null;
  overlays?: string[];
  edits?: Record<string, string>;
}

// ---- the webview's own words (host → webview) ----------------------------------------------------

/**
 * Every static string of the preview webview (labels, tooltips, chart axis titles). The host fills
 * it with vscode.l10n.t (src/editor/uiStrings.ts) in the display language and sends it in the
 * page (`data-l10n` on <body>, for the first layout) and in each `render` message; `{0}`, `{1}`
 * are filled by the webview. UI_STRINGS_EN is the webview's fallback.
 */
export interface UiStrings {
  title: string;
  schedulerCall: string;
  showInEditor: string;
  goToCode: string;
  chartControls: string;
  steps: string;
  stepsPerEpochTitle: string;
  stepsPerEpoch: string;
  xAxis: string;
  unitSteps: string;
  unitEpochs: string;
  logScale: string;
  exportPngTitle: string;
  exportPng: string;
  exportCsvTitle: string;
  exportCsv: string;
  chartRegion: string;
  chartLabel: string;
  parameters: string;
  compareWith: string;
  axisLr: string;
  axisMomentum: string;
  chartSummary: string;
  ttStep: string;
  ttEpoch: string;
  applyTitle: string;
  applyToCode: string;
  resetTitle: string;
  resetLabel: string;
  required: string;
  badgeCode: string;
  badgeEdited: string;
  badgeDefault: string;
  badgeAssumed: string;
  assumedTitle: string;
  factType: string;
  factDefault: string;
  factRequired: string;
  factRange: string;
  factUnit: string;
  effectHere: string;
  unresolvedTip: string;
  raisedByConstructor: string;
  raisedByStep: string;
  cannotSimulate: string;
  unknownHelp: string;
  pytorchMessage: string;
  statStart: string;
  statPeak: string;
  statMin: string;
  statLast: string;
  statSteps: string;
  pointsDrawn: string;
  evRestart: string;
  evMilestone: string;
  evPhase: string;
  evReduce: string;
  evSwitch: string;
  evEnd: string;
  applyFailed: string;
}

export const UI_STRINGS_EN: UiStrings = {
  title: 'LR Schedule Preview',
  schedulerCall: 'Scheduler call',
  showInEditor: 'Show the call in the editor',
  goToCode: 'Go to code',
  chartControls: 'Chart controls',
  steps: 'Steps',
  stepsPerEpochTitle: 'Batches per epoch: maps steps to epochs',
  stepsPerEpoch: 'Steps/epoch',
  xAxis: 'X axis',
  unitSteps: 'steps',
  unitEpochs: 'epochs',
  logScale: 'Log scale',
  exportPngTitle: 'Save the chart as a PNG image',
  exportPng: 'Export PNG',
  exportCsvTitle: 'Save every step as CSV',
  exportCsv: 'Export CSV',
  chartRegion: 'Learning rate chart',
  chartLabel: 'Learning rate by step',
  parameters: 'Parameters',
  compareWith: 'Compare with',
  axisLr: 'learning rate',
  axisMomentum: 'momentum',
  chartSummary: '{0}: learning rate over {1} steps; start {2}, peak {3}, minimum {4}, last {5}',
  ttStep: 'step {0}',
  ttEpoch: 'epoch {0}',
  applyTitle: 'Write {0}=… into the source',
  applyToCode: 'Apply to code',
  resetTitle: 'Back to the value in the code',
  resetLabel: 'Reset {0}',
  required: '(required)',
  badgeCode: 'code: {0}',
  badgeEdited: 'edited',
  badgeDefault: 'default',
  badgeAssumed: 'assumed',
  assumedTitle: 'Not known statically: {0}. The preview assumes {1}.',
  factType: 'type',
  factDefault: 'default',
  factRequired: 'required',
  factRange: 'range',
  factUnit: 'unit',
  effectHere: 'Effect here: ',
  unresolvedTip: 'Not known statically ({0}); the preview assumes {1}.',
  raisedByConstructor: 'raised by the constructor',
  raisedByStep: 'raised by step() call {0} (the chart stops at step {1})',
  cannotSimulate: 'Cannot simulate: ',
  unknownHelp: 'The file does not define these values statically: set them in the panel on the right.',
  pytorchMessage: 'PyTorch’s own message, {0}. Change the value in the code or in the panel.',
  statStart: 'start',
  statPeak: 'peak',
  statMin: 'min',
  statLast: 'last',
  statSteps: 'steps',
  pointsDrawn: '{0} points drawn',
  evRestart: 'restarts at {0}',
  evMilestone: 'milestones at {0}',
  evPhase: 'phase boundaries at {0}',
  evReduce: 'reductions at {0}',
  evSwitch: 'switches at {0}',
  evEnd: 'end at {0}',
  applyFailed: 'Could not write the value into the source.',
};

/** Fills `{0}`, `{1}`, … (the same rule as vscode.l10n.t). */
export function fillString(s: string, ...args: (string | number)[]): string {
  return s.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** A string table from the host, checked key by key (anything missing or malformed: English). */
export function validateUiStrings(x: unknown): UiStrings {
  const out: UiStrings = { ...UI_STRINGS_EN };
  if (!isObj(x)) return out;
  for (const k of Object.keys(UI_STRINGS_EN) as (keyof UiStrings)[]) {
    const v = x[k];
    if (typeof v === 'string' && v.length <= 500) out[k] = v;
  }
  return out;
}

// ---- host → webview ------------------------------------------------------------------------------

export type HostMessage =
  | { type: 'render'; model: ChartModel; restore: RestoreState; strings?: UiStrings }
  | { type: 'error'; message: string }
  | { type: 'theme'; kind: 'light' | 'dark' | 'highContrast' | 'highContrastLight' }
  | { type: 'applied'; name: string; ok: boolean; message?: string }
  /** Ask the webview for a PNG (the Export PNG command); it answers with exportPng. */
  | { type: 'requestPng' };

// ---- webview → host ------------------------------------------------------------------------------

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'setParam'; name: string; value: string }
  | { type: 'resetParam'; name: string }
  | { type: 'applyToCode'; name: string; valueSource: string }
  | { type: 'exportCsv' }
  | { type: 'exportPng'; dataUrl: string }
  | { type: 'setSteps'; steps: number }
  | { type: 'setStepsPerEpoch'; value: number | null }
  | { type: 'toggleOverlay'; id: string; on: boolean }
  | { type: 'selectCall'; id: string }
  | { type: 'revealCall' };

export const LIMITS = {
  maxSteps: 5_000_000,
  maxStepsPerEpoch: 10_000_000,
  /** A parameter value as Python source. */
  maxValueLength: 200,
  maxIdLength: 200,
  /** A PNG data URL (about 22 MB of base64). */
  maxDataUrlLength: 30_000_000,
};

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const PNG_PREFIX = 'data:image/png;base64,';

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function shortString(x: unknown, max: number): x is string {
  return typeof x === 'string' && x.length <= max && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(x);
}
function ident(x: unknown): x is string {
  return typeof x === 'string' && IDENT.test(x);
}
function onlyKeys(o: Record<string, unknown>, keys: string[]): boolean {
  return Object.keys(o).every((k) => keys.includes(k));
}
function isIntIn(x: unknown, min: number, max: number): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
}

/**
 * Returns the message as a typed WebviewMessage, or undefined when it is malformed: unknown type,
 * wrong field types, extra fields, names that are not identifiers, strings that are too long,
 * step counts out of range, a data URL that is not a base64 PNG.
 */
export function validateWebviewMessage(x: unknown): WebviewMessage | undefined {
  if (!isObj(x) || typeof x.type !== 'string') return undefined;
  const m = x;
  switch (m.type) {
    case 'ready':
    case 'exportCsv':
    case 'revealCall':
      return onlyKeys(m, ['type']) ? { type: m.type } : undefined;
    case 'setParam':
      if (!onlyKeys(m, ['type', 'name', 'value']) || !ident(m.name) || !shortString(m.value, LIMITS.maxValueLength)) return undefined;
      if (m.value.trim() === '') return undefined;
      return { type: 'setParam', name: m.name, value: m.value };
    case 'resetParam':
      if (!onlyKeys(m, ['type', 'name']) || !ident(m.name)) return undefined;
      return { type: 'resetParam', name: m.name };
    case 'applyToCode':
      if (!onlyKeys(m, ['type', 'name', 'valueSource']) || !ident(m.name) || !shortString(m.valueSource, LIMITS.maxValueLength)) return undefined;
      if (m.valueSource.trim() === '' || /[\r\n]/.test(m.valueSource)) return undefined;
      return { type: 'applyToCode', name: m.name, valueSource: m.valueSource };
    case 'exportPng': {
      if (!onlyKeys(m, ['type', 'dataUrl']) || typeof m.dataUrl !== 'string') return undefined;
      const d = m.dataUrl;
      if (d.length > LIMITS.maxDataUrlLength || !d.startsWith(PNG_PREFIX)) return undefined;
      const body = d.slice(PNG_PREFIX.length);
      if (body.length === 0 || body.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
      return { type: 'exportPng', dataUrl: d };
    }
    case 'setSteps':
      if (!onlyKeys(m, ['type', 'steps']) || !isIntIn(m.steps, 1, LIMITS.maxSteps)) return undefined;
      return { type: 'setSteps', steps: m.steps };
    case 'setStepsPerEpoch':
      if (!onlyKeys(m, ['type', 'value'])) return undefined;
      if (m.value === null) return { type: 'setStepsPerEpoch', value: null };
      if (!isIntIn(m.value, 1, LIMITS.maxStepsPerEpoch)) return undefined;
      return { type: 'setStepsPerEpoch', value: m.value };
    case 'toggleOverlay':
      if (!onlyKeys(m, ['type', 'id', 'on']) || !shortString(m.id, LIMITS.maxIdLength) || typeof m.on !== 'boolean') return undefined;
      return { type: 'toggleOverlay', id: m.id, on: m.on };
    case 'selectCall':
      if (!onlyKeys(m, ['type', 'id']) || !shortString(m.id, LIMITS.maxIdLength)) return undefined;
      return { type: 'selectCall', id: m.id };
    default:
      return undefined;
  }
}

/** Validates the state the webview persisted (it comes back through the serializer). */
export function validateRestoreState(x: unknown): RestoreState {
  const out: RestoreState = {};
  if (!isObj(x)) return out;
  const r = isObj(x.restore) ? x.restore : x;
  if (shortString(r.uri, 4096)) out.uri = r.uri;
  if (shortString(r.callId, LIMITS.maxIdLength)) out.callId = r.callId;
  if (ident(r.entryName)) out.entryName = r.entryName;
  if (isIntIn(r.steps, 1, LIMITS.maxSteps)) out.steps = r.steps;
  if (r.stepsPerEpoch === null || isIntIn(r.stepsPerEpoch, 1, LIMITS.maxStepsPerEpoch)) out.stepsPerEpoch = r.stepsPerEpoch as number | null;
  if (Array.isArray(r.overlays)) out.overlays = r.overlays.filter((o): o is string => shortString(o, LIMITS.maxIdLength)).slice(0, 50);
  if (isObj(r.edits)) {
    const edits: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.edits).slice(0, 50)) if (ident(k) && shortString(v, LIMITS.maxValueLength) && v.trim()) edits[k] = v;
    out.edits = edits;
  }
  return out;
}
