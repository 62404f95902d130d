// Engine output → the serialisable chart model the preview webview draws (src/protocol.ts).
// Pure (no vscode): one series per param group, momentum on a second axis when it cycles, the
// schedule's events as markers, an explanation per kept point, decimation for long runs, the
// parameter panel rows, and CSV text.
import type { SchedulerEntry } from '../schedulers/catalog';
import type { ParamSpec, Schedule } from '../schedulers/types';
import { repr, type PyValue, type SchedulerRef, type OptimizerRef } from '../schedulers/pyvalue';
import type { ChartEvent, ChartModel, ChartSeries, ChartStats, OverlayChoice, ParamRow } from '../protocol';
import { effectHere, fmtNum } from './effects';
import { parseDefault } from '../schedulers/simulate';
import { localizedDoc, localizedSummary } from '../schedulers/catalog.ko';
import { plainT, type Translate } from './text';
import type { SchedulerCall } from '../python/analyze';
import { findEntry } from '../schedulers/catalog';
import { isTrainerCall, trainerField } from './trainerArgs';

export { panelEntry } from './trainerArgs';

/** Default cap on points per schedule sent to the webview. */
export const DEFAULT_MAX_POINTS = 3000;

/**
 * Indices to keep from n points so a line drawn through them looks like the full one: the first
 * and last point, every `keep` index (events and the point before each), and per bucket the
 * first, last, minimum and maximum of every column. All indices when n ≤ maxPoints.
 * The result is sorted, unique, and at most maxPoints + 2·keep.length long.
 */
export function decimate(columns: ArrayLike<number>[], n: number, keep: number[] = [], maxPoints = DEFAULT_MAX_POINTS): number[] {
  if (n <= 0) return [];
  if (n <= Math.max(2, maxPoints)) return Array.from({ length: n }, (_, i) => i);
  const set = new Set<number>([0, n - 1]);
  for (const k of keep) {
    if (Number.isInteger(k) && k >= 0 && k < n) set.add(k);
  }
  const perBucket = 2 + 2 * Math.max(1, columns.length);
  const budget = Math.max(perBucket, maxPoints - set.size);
  const buckets = Math.max(1, Math.floor(budget / perBucket));
  const width = Math.ceil(n / buckets);
  for (let start = 0; start < n; start += width) {
    const end = Math.min(n, start + width);
    set.add(start);
    set.add(end - 1);
    for (const col of columns) {
      let lo = -1;
      let hi = -1;
      for (let i = start; i < end; i++) {
        const v = col[i];
        if (!Number.isFinite(v)) {
          set.add(i); // a gap or an overflow must show
          continue;
        }
        if (lo < 0 || v < col[lo]) lo = i;
        if (hi < 0 || v > col[hi]) hi = i;
      }
      if (lo >= 0) set.add(lo);
      if (hi >= 0) set.add(hi);
    }
  }
  return [...set].sort((a, b) => a - b);
}

/** The indices to keep for a schedule (all its columns, events and the step before each). */
export function decimateSchedule(schedule: Schedule, maxPoints = DEFAULT_MAX_POINTS): number[] {
  const cols: ArrayLike<number>[] = [...schedule.columns];
  const n = schedule.columns[0]?.length ?? 0;
  if (n > maxPoints && schedule.momentum) {
    // momentum rows are built lazily by the engine; only read them for long runs being decimated
    const m = schedule.momentum;
    for (let g = 0; g < (m[0]?.length ?? 0); g++) cols.push(Float64Array.from(m, (row) => row[g]));
  }
  const keep: number[] = [];
  for (const e of schedule.events) keep.push(e.step - 1, e.step);
  return decimate(cols, n, keep, maxPoints);
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function computeStats(col: ArrayLike<number> | undefined): ChartStats {
  if (!col || col.length === 0) return { start: null, peak: null, min: null, last: null };
  let hi = -1;
  let lo = -1;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (!Number.isFinite(v)) continue;
    if (hi < 0 || v > col[hi]) hi = i;
    if (lo < 0 || v < col[lo]) lo = i;
  }
  return {
    start: finite(col[0]),
    peak: hi >= 0 ? { value: col[hi], step: hi } : null,
    min: lo >= 0 ? { value: col[lo], step: lo } : null,
    last: finite(col[col.length - 1]),
  };
}

/** What one step on the x axis is, for the axis title and tooltips. */
export function stepUnit(entry: SchedulerEntry | undefined, t: Translate = plainT): string {
  switch (entry?.typicalStepping) {
    case 'per-batch':
      return t('scheduler.step() calls (usually one per batch)');
    case 'per-metric':
      return t('scheduler.step(metric) calls (usually one per epoch)');
    default:
      return t('scheduler.step() calls (usually one per epoch)');
  }
}

/**
 * A loss that improves, then plateaus (so ReduceLROnPlateau reduces): the preview's default metric.
 * mode 'max' (an accuracy) gets the mirror image: rising, then flat.
 */
export function defaultPlateauMetrics(steps: number, mode: 'min' | 'max' = 'min'): number[] {
  const n = Math.max(0, Math.min(Math.floor(steps), 5_000_000));
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = 0.5 + 1 / (1 + i / 5) + (i % 7 === 3 ? 0.002 : 0);
  // from a quarter of the run on, the loss stops improving
  const flat = Math.floor(n / 4);
  for (let i = flat; i < n; i++) out[i] = out[flat] + (i % 3) * 1e-3;
  if (mode === 'max') for (let i = 0; i < n; i++) out[i] = 2 - out[i];
  return out;
}

/**
 * The example metric for a schedule stepped with one (the file has no metric values), else
 * undefined: ReduceLROnPlateau and the schedules built on it (transformers, timm), in their mode.
 */
export function previewMetrics(ref: SchedulerRef, steps: number): number[] | undefined {
  const a = ref.args;
  const str = (v: PyValue | undefined) => (v && v.t === 'str' ? v.v : undefined);
  const plateau = ['ReduceLROnPlateau', 'get_reduce_on_plateau_schedule', 'PlateauLRScheduler'].includes(ref.name)
    || (ref.name === 'get_scheduler' && str(a.name) === 'reduce_lr_on_plateau')
    || (ref.name === 'create_scheduler_v2' && str(a.sched) === 'plateau');
  if (!plateau) return undefined;
  const modeParam = ref.name === 'create_scheduler_v2' ? 'plateau_mode' : 'mode';
  const given = str(a[modeParam]);
  const def = findEntry(ref.name)?.params.find((p) => p.name === modeParam)?.default?.replace(/['"]/g, '');
  return defaultPlateauMetrics(steps, (given ?? def) === 'max' ? 'max' : 'min');
}

/** Explanation of step i for a tooltip: the engine's sentence (its phase when it has none). */
export function explainStep(schedule: Schedule, i: number): string {
  try {
    const r = schedule.explain(i);
    return (r.text || r.phase || '').slice(0, 400);
  } catch {
    return '';
  }
}

export interface SeriesSource {
  id: string;
  label: string;
  schedule: Schedule;
}

/** Series (and per-point explanations) for one schedule. */
export function scheduleSeries(
  src: SeriesSource,
  opts: { colorBase: number; dashed: boolean; maxPoints?: number; groupLabel?: (g: number, n: number) => string },
): { series: ChartSeries[]; why: string[]; kept: number } {
  const { schedule } = src;
  const idx = decimateSchedule(schedule, opts.maxPoints ?? DEFAULT_MAX_POINTS);
  const x = idx.slice();
  const nGroups = schedule.columns.length;
  const series: ChartSeries[] = [];
  const label = opts.groupLabel ?? ((g: number, n: number) => (n > 1 ? `${src.label} · group ${g}` : src.label));
  for (let g = 0; g < nGroups; g++) {
    const col = schedule.columns[g];
    series.push({ scheduleId: src.id, label: label(g, nGroups), axis: 'lr', group: g, color: opts.colorBase + g, dashed: opts.dashed, x, y: idx.map((i) => finite(col[i])) });
  }
  const mom = schedule.momentum;
  if (mom && mom.length) {
    const key = schedule.momentumKey === 'betas[0]' ? 'beta1' : 'momentum';
    for (let g = 0; g < (mom[0]?.length ?? 0); g++) {
      series.push({
        scheduleId: src.id,
        label: nGroups > 1 ? `${key} · group ${g}` : key,
        axis: 'momentum',
        group: g,
        color: opts.colorBase + nGroups + g,
        dashed: true,
        x,
        y: idx.map((i) => finite(mom[i]?.[g] ?? NaN)),
      });
    }
  }
  const why = idx.map((i) => explainStep(schedule, i));
  return { series, why, kept: idx.length };
}

export interface ChartInput {
  title: string;
  schedule: Schedule;
  entry?: SchedulerEntry;
  requestedSteps: number;
  stepsPerEpoch?: number | null;
  maxPoints?: number;
  params?: ParamRow[];
  /** Other schedules to draw (only the checked ones need a schedule). */
  overlays?: { id: string; label: string; checked: boolean; schedule?: Schedule }[];
  calls?: { id: string; label: string }[];
  currentCallId?: string | null;
  standalone?: boolean;
  /** Translation and display language (the extension: vscode.l10n.t, vscode.env.language). */
  t?: Translate;
  lang?: string;
}

/** Builds the model the webview draws. */
export function buildChartModel(input: ChartInput): ChartModel {
  const { schedule } = input;
  const main = scheduleSeries({ id: 'main', label: 'LR', schedule }, { colorBase: 0, dashed: false, maxPoints: input.maxPoints });
  const series = [...main.series];
  const explanations: Record<string, string[]> = { main: main.why };
  let color = series.length;
  const overlays: OverlayChoice[] = [];
  for (const o of input.overlays ?? []) {
    overlays.push({ id: o.id, label: o.label, checked: o.checked });
    if (!o.checked || !o.schedule || !o.schedule.columns.length) continue;
    const s = scheduleSeries({ id: o.id, label: o.label, schedule: o.schedule }, { colorBase: color, dashed: true, maxPoints: input.maxPoints });
    // overlays: LR lines only (momentum of other schedules would crowd the chart)
    const lrOnly = s.series.filter((x) => x.axis === 'lr');
    series.push(...lrOnly);
    explanations[o.id] = s.why;
    color += lrOnly.length;
  }
  const events: ChartEvent[] = schedule.events
    .filter((e) => e.step >= 0 && e.step < Math.max(schedule.steps, 1))
    .map((e) => ({ step: e.step, kind: e.kind, label: e.label }));
  const n = schedule.columns[0]?.length ?? 0;
  const warnings = schedule.warnings.map((w) => `${w.category}: ${w.message}${w.count > 1 ? ` (×${w.count})` : ''}`);
  return {
    title: input.title,
    schedulerName: schedule.name,
    summary: input.entry ? localizedSummary(input.entry.name, input.lang) ?? input.entry.summary : undefined,
    steps: schedule.steps,
    requestedSteps: input.requestedSteps,
    stepsPerEpoch: input.stepsPerEpoch && input.stepsPerEpoch > 0 ? input.stepsPerEpoch : null,
    stepUnit: stepUnit(input.entry, input.t),
    series,
    explanations,
    events,
    momentumLabel: schedule.momentum ? (schedule.momentumKey === 'betas[0]' ? 'beta1 (betas[0])' : 'momentum') : null,
    stats: computeStats(schedule.columns[0]),
    error: schedule.error ? { type: schedule.error.type, message: schedule.error.message, at: schedule.error.at } : null,
    warnings,
    notes: [...schedule.notes],
    params: input.params ?? [],
    overlays,
    calls: input.calls ?? [],
    currentCallId: input.currentCallId ?? null,
    decimated: main.kept < n ? { from: n, to: main.kept } : null,
    standalone: !!input.standalone,
  };
}

// ---- the parameter panel -----------------------------------------------------------------------

/** One argument of the call as the reader found it. */
export interface ArgInfo {
  name: string;
  /** Python source of the value in the call. */
  source: string;
  /** Why the value is not known statically (the engine used an assumption). */
  unresolved?: string;
  /** Whether the host can replace this argument's text. */
  canApply?: boolean;
}

export interface ParamRowsInput {
  entry: SchedulerEntry;
  /** Arguments written in the call. */
  args: ArgInfo[];
  /** The values simulated, by parameter name (after the panel's edits). */
  values: Record<string, PyValue>;
  /** The panel's edits (Python source by name). */
  edits?: Record<string, string>;
  schedule?: Schedule;
  requestedSteps: number;
  /** A new keyword argument can be inserted into the call (a source file, not a new preview). */
  canInsert?: boolean;
  /** Translation (effect texts) and display language (catalog docs). */
  t?: Translate;
  lang?: string;
  /**
   * The effect text of a parameter, instead of effects.ts's for `entry` (a `TrainingArguments(...)`
   * call's panel lists the config's fields, whose effect is on the schedule function it builds).
   */
  effectFor?: (param: string) => string | undefined;
}

const CHOICE_RE = /^'[^']*'(\s*\|\s*'[^']*')+$/;

function choicesOf(p: ParamSpec): string[] | undefined {
  for (const t of [p.type, p.range ?? '']) {
    if (CHOICE_RE.test(t.trim())) return t.split('|').map((s) => s.trim());
  }
  return undefined;
}

function numericValue(v: PyValue | undefined): number | undefined {
  if (!v) return undefined;
  if (v.t === 'int' || v.t === 'float') return v.v;
  return undefined;
}

function editorFor(p: ParamSpec, v: PyValue | undefined): ParamRow['editor'] {
  if (p.name === 'optimizer' || p.name === 'last_epoch') return 'none';
  const t = p.type;
  if (/Callable|Scheduler|Optimizer|Sequence\[LR/.test(t)) return 'none';
  if (choicesOf(p)) return 'choice';
  if (t === 'bool') return 'bool';
  if (/^list\[(int|float)\]$/.test(t)) return 'text';
  if (v && (v.t === 'list' || v.t === 'tuple')) return 'text';
  if (/\bint\b/.test(t) && !/\bfloat\b/.test(t)) return 'int';
  if (/\bfloat\b/.test(t)) return 'float';
  return 'none';
}

function sliderFor(p: ParamSpec, editor: ParamRow['editor'], v: number | undefined, ctx: { steps: number; maxLr?: number }): ParamRow['slider'] {
  if (v === undefined || !Number.isFinite(v)) return undefined;
  if (editor === 'int') {
    if (p.unit === 'steps' || p.unit === 'batches' || p.unit === 'epochs') {
      const min = /≥ 1|>= 1|positive/.test(p.range ?? '') || /^T_|step_size/.test(p.name) ? 1 : 0;
      const max = Math.max(v * 2, Math.min(ctx.steps, 100_000), 10);
      return { min, max, step: 1 };
    }
    if (p.name === 'T_mult') return { min: 1, max: Math.max(4, v), step: 1 };
    return undefined;
  }
  if (editor !== 'float') return undefined;
  const unitFactor = p.unit?.startsWith('×') || /factor|gamma|pct_start|momentum/.test(p.name);
  if (unitFactor && v >= 0 && v <= 1) return { min: 0, max: 1, step: 0.01 };
  if (p.unit === 'LR') {
    if (v > 0) return { min: v / 100, max: v * 100, step: 0, log: true };
    const top = ctx.maxLr && ctx.maxLr > 0 ? ctx.maxLr : 0.1;
    return { min: 0, max: top, step: top / 100 };
  }
  if (v > 0) return { min: v / 10, max: v * 10, step: 0, log: true };
  return undefined;
}

function defaultValue(p: ParamSpec): PyValue | undefined {
  if (p.default === undefined) return undefined;
  try {
    return parseDefault(p.default);
  } catch {
    return undefined;
  }
}

/** The parameter panel: every parameter of the signature with its doc, default, range, effect. */
export function buildParamRows(input: ParamRowsInput): ParamRow[] {
  const { entry, schedule } = input;
  const edits = input.edits ?? {};
  const maxLr = schedule ? computeStats(schedule.columns[0]).peak?.value : undefined;
  const rows: ParamRow[] = [];
  for (const p of entry.params) {
    const arg = input.args.find((a) => a.name === p.name);
    const edit = edits[p.name];
    const value = input.values[p.name] ?? defaultValue(p);
    const source = edit ?? arg?.source ?? p.default ?? '';
    const origin: ParamRow['origin'] = edit !== undefined ? 'edited' : arg ? 'code' : p.default !== undefined ? 'default' : 'required';
    const editor = editorFor(p, value);
    let effect: string | undefined;
    try {
      effect = input.effectFor ? input.effectFor(p.name) : effectHere(entry.name, p.name, input.values, schedule, input.t);
    } catch {
      effect = undefined;
    }
    rows.push({
      name: p.name,
      source: source.slice(0, 200),
      codeSource: arg?.source,
      origin,
      doc: localizedDoc(entry.name, p.name, input.lang) ?? p.doc,
      type: p.type,
      default: p.default,
      range: p.range,
      unit: p.unit,
      effect,
      unresolved: arg?.unresolved,
      editor,
      choices: editor === 'choice' ? choicesOf(p) : undefined,
      slider: sliderFor(p, editor, numericValue(value), { steps: input.requestedSteps, maxLr }),
      canApply: editor !== 'none' && (arg ? arg.canApply !== false : !!input.canInsert),
    });
  }
  return rows;
}

// ---- the panel's edits -------------------------------------------------------------------------

/** Whether the panel may set `name` on this call: a parameter of its schedule, or a field of its TrainingArguments. */
export function isEditableParam(call: SchedulerCall, name: string): boolean {
  if (isTrainerCall(call)) return !!trainerField(name);
  const entry = findEntry(call.name);
  return !entry || entry.params.some((p) => p.name === name);
}

/**
 * The call with the panel's edits (Python literals by name) in place of its written values, for
 * re-simulation through previewCall / toSchedulerRef. For a `TrainingArguments(...)` call the
 * names are the config's fields (`warmup_steps`, `learning_rate`, ...): toSchedulerRef maps them to
 * the schedule the Trainer builds. Names that are not parameters and values that do not parse are skipped.
 */
export function applyPanelEdits(call: SchedulerCall, edits: Map<string, string> | Record<string, string>): SchedulerCall {
  const list = edits instanceof Map ? [...edits] : Object.entries(edits);
  if (!list.length) return call;
  const given = { ...call.given };
  const args = { ...call.args };
  let changed = false;
  for (const [k, src] of list) {
    const v = parsePyLiteral(src);
    if (!v || !isEditableParam(call, k)) continue;
    given[k] = { value: v, source: src };
    args[k] = { value: v, source: src };
    changed = true;
  }
  if (!changed) return call;
  const out: SchedulerCall = { ...call, given, args };
  // the reader's own verdicts on the written values no longer hold once a field is edited
  if (isTrainerCall(call)) {
    out.bindError = undefined;
    // max_steps edited to a positive value: the step count is known
    const ms = given.max_steps;
    const msEdited = list.some(([k]) => k === 'max_steps');
    if (msEdited && ms && 'value' in ms) {
      const n = ms.value.t === 'int' ? ms.value.v : -1;
      const { steps: _old, ...stepping } = call.stepping;
      out.stepping = n > 0 ? { ...stepping, steps: n } : stepping;
      if (n > 0 && given.num_training_steps && 'unresolved' in given.num_training_steps) delete given.num_training_steps;
    }
  }
  Object.defineProperty(out, 'node', { value: call.node, enumerable: false });
  return out;
}

// ---- CSV -----------------------------------------------------------------------------------------

/** The full (not decimated) schedule as CSV: step[, epoch], one LR column per group, momentum. */
export function scheduleToCsv(schedule: Schedule, stepsPerEpoch?: number | null): string {
  const cols = schedule.columns;
  const n = cols[0]?.length ?? 0;
  const spe = stepsPerEpoch && stepsPerEpoch > 0 ? stepsPerEpoch : null;
  const header = ['step'];
  if (spe) header.push('epoch');
  cols.forEach((_, g) => header.push(cols.length > 1 ? `lr_group${g}` : 'lr'));
  const mom = schedule.momentum;
  const key = schedule.momentumKey === 'betas[0]' ? 'beta1' : 'momentum';
  const mg = mom ? mom[0]?.length ?? 0 : 0;
  for (let g = 0; g < mg; g++) header.push(mg > 1 ? `${key}_group${g}` : key);
  const lines = [header.join(',')];
  for (let i = 0; i < n; i++) {
    const row: (string | number)[] = [i];
    if (spe) row.push(i / spe);
    for (const c of cols) row.push(c[i]);
    for (let g = 0; g < mg; g++) row.push(mom![i][g]);
    lines.push(row.join(','));
  }
  if (schedule.error) lines.push(`# ${schedule.error.type}: ${schedule.error.message.replace(/[\r\n]+/g, ' ')}`);
  return lines.join('\n') + '\n';
}

export { fmtNum };

// ---- values typed in the panel -------------------------------------------------------------------

/**
 * Parses a Python literal typed in the panel: numbers (int vs float kept apart), True/False/None,
 * quoted strings without escapes, lists/tuples of those. Anything else (names, calls, operators)
 * is undefined: the panel edits values, it never evaluates code.
 */
export function parsePyLiteral(src: string): PyValue | undefined {
  if (typeof src !== 'string' || src.length > 200) return undefined;
  let i = 0;
  const s = src;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const value = (depth: number): PyValue | undefined => {
    ws();
    if (depth > 3 || i >= s.length) return undefined;
    const c = s[i];
    if (c === '[' || c === '(') {
      const close = c === '[' ? ']' : ')';
      i++;
      const items: PyValue[] = [];
      let trailingComma = false;
      for (;;) {
        ws();
        if (s[i] === close) {
          i++;
          break;
        }
        const v = value(depth + 1);
        if (!v) return undefined;
        items.push(v);
        ws();
        if (s[i] === ',') {
          i++;
          trailingComma = true;
          continue;
        }
        trailingComma = false;
        if (s[i] === close) {
          i++;
          break;
        }
        return undefined;
      }
      if (c === '(' && items.length === 1 && !trailingComma) return items[0];
      return c === '[' ? { t: 'list', items } : { t: 'tuple', items };
    }
    if (c === "'" || c === '"') {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return undefined;
      const body = s.slice(i + 1, end);
      if (/[\\\n\r]/.test(body)) return undefined;
      i = end + 1;
      return { t: 'str', v: body };
    }
    const word = /^[A-Za-z_]\w*/.exec(s.slice(i));
    if (word) {
      i += word[0].length;
      if (word[0] === 'True' || word[0] === 'False') return { t: 'bool', v: word[0] === 'True' };
      if (word[0] === 'None') return { t: 'none' };
      return undefined;
    }
    const num = /^[-+]?(?:\d[\d_]*\.?[\d_]*(?:[eE][-+]?\d+)?|\.\d[\d_]*(?:[eE][-+]?\d+)?)/.exec(s.slice(i));
    if (num) {
      const text = num[0].replace(/_/g, '');
      i += num[0].length;
      const isFloat = /[.eE]/.test(text);
      const v = Number(text);
      if (!Number.isFinite(v)) return undefined;
      return isFloat ? { t: 'float', v } : { t: 'int', v };
    }
    return undefined;
  };
  const v = value(0);
  ws();
  return v && i === s.length ? v : undefined;
}

/** A Python literal for a sample value (what the panel shows). */
export function literalOf(v: PyValue): string {
  switch (v.t) {
    case 'func':
      return v.name;
    case 'scheduler':
      return `${v.spec.name}(…)`;
    case 'list':
      return `[${v.items.map(literalOf).join(', ')}]`;
    default:
      return repr(v);
  }
}

const SAMPLE_OPTIMIZER = (): OptimizerRef => ({ name: 'SGD', id: 1, groups: [{ lr: { t: 'float', v: 0.1 } }], defaults: { momentum: { t: 'float', v: 0.9 } } });

function lambdaDecay(): PyValue {
  return {
    t: 'func',
    name: 'lambda step: 0.95 ** step',
    call: (a: PyValue[]) => {
      const x = a[0];
      const n = x && (x.t === 'int' || x.t === 'float') ? x.v : 0;
      return { t: 'float', v: Math.pow(0.95, n) };
    },
  };
}

/** Sample values of Keras / Optax parameters that have no usable default (a 100-step preview). */
function stepFunctionSample(name: string): PyValue | undefined {
  const i = (v: number): PyValue => ({ t: 'int', v });
  const f = (v: number): PyValue => ({ t: 'float', v });
  const call = (fn: string, args: Record<string, PyValue>): PyValue => ({ t: 'scheduler', spec: { name: `optax.${fn}`, args, optimizer: null } });
  const kw = (o: Record<string, PyValue>): PyValue => ({ t: 'dict', entries: Object.entries(o).map(([k, v]) => [{ t: 'str', v: k }, v]) });
  switch (name) {
    case 'boundaries': return { t: 'list', items: [i(30), i(60)] };
    case 'values': return { t: 'list', items: [f(0.1), f(0.01), f(0.001)] };
    case 'decay_rate': return f(0.9);
    case 'power': return f(2.0);
    case 'interpolate_type': return { t: 'str', v: 'cosine' };
    case 'schedules': return { t: 'list', items: [call('linear_schedule', { init_value: f(0), end_value: f(0.1), transition_steps: i(10) }), call('cosine_decay_schedule', { init_value: f(0.1), decay_steps: i(90) })] };
    case 'cosine_kwargs': return { t: 'list', items: [0, 1].map((k) => kw({ init_value: f(0), peak_value: f(0.1 / (k + 1)), warmup_steps: i(5), decay_steps: i(50) })) };
    default: return undefined;
  }
}

/**
 * A "New Preview" (no code): the scheduler with its catalog defaults, plus sample values for the
 * parameters that have none (a 100-step run unless the defaults need more). The optimizer is an
 * SGD with lr=0.1 and momentum=0.9.
 */
export function newPreviewRef(entry: SchedulerEntry): { ref: SchedulerRef; given: Record<string, PyValue>; steps: number } {
  const opt = SAMPLE_OPTIMIZER();
  const child = (name: string, args: Record<string, PyValue>): PyValue => ({ t: 'scheduler', spec: { name, args: { optimizer: { t: 'optimizer', spec: opt }, ...args }, optimizer: opt } });
  const i = (v: number): PyValue => ({ t: 'int', v });
  const f = (v: number): PyValue => ({ t: 'float', v });
  const given: Record<string, PyValue> = {};
  let steps = 100;
  for (const p of entry.params) {
    if (p.name === 'optimizer') continue;
    // parameters whose None default the scheduler refuses without another one
    const noneButNeeded =
      (entry.name === 'OneCycleLR' && p.name === 'total_steps') ||
      (p.default === 'None' && (p.name === 'num_training_steps' || p.name === 'num_warmup_steps' || p.name === 'min_lr_rate'));
    if (p.default !== undefined && !noneButNeeded) continue;
    if (p.name === 'min_lr_rate') {
      given[p.name] = f(0.1);
      continue;
    }
    if (p.name === 'name' && /str/.test(p.type)) {
      given[p.name] = { t: 'str', v: 'cosine' };
      continue;
    }
    if (entry.stepFunction) {
      const v = stepFunctionSample(p.name);
      if (v) {
        given[p.name] = v;
        continue;
      }
    }
    if (p.name === 'schedulers') {
      given.schedulers = entry.name === 'SequentialLR'
        ? { t: 'list', items: [child('LinearLR', { start_factor: f(0.1), total_iters: i(5) }), child('CosineAnnealingLR', { T_max: i(95) })] }
        : { t: 'list', items: [child('LinearLR', {}), child('ExponentialLR', { gamma: f(0.95) })] };
    } else if (p.name === 'milestones') given.milestones = entry.name === 'SequentialLR' ? { t: 'list', items: [i(5)] } : { t: 'list', items: [i(30), i(60), i(90)] };
    else if (/Callable/.test(p.type)) given[p.name] = lambdaDecay();
    else if (p.name === 'step_rules') given[p.name] = { t: 'str', v: '1:30,0.1:60,0.01' }; // diffusers' piecewise_constant
    else if (p.name === 'base_lr') given[p.name] = f(0.001);
    else if (entry.framework === 'timm' && p.name === 'decay_t') given[p.name] = /list/.test(p.type) ? { t: 'list', items: [i(30), i(60), i(90)] } : i(30);
    else if (entry.framework === 'timm' && p.name === 'args') given[p.name] = { t: 'dict', entries: [[{ t: 'str', v: 'sched' }, { t: 'str', v: 'cosine' }], [{ t: 'str', v: 'epochs' }, i(100)]] }; // create_scheduler's namespace
    else if (p.name === 'swa_lr') given[p.name] = f(0.05);
    else if (p.unit === 'LR' || /lr$/.test(p.name)) given[p.name] = f(0.1);
    else if (p.name === 'T_0') given[p.name] = i(10);
    else if (p.name === 'step_size') given[p.name] = i(30);
    else if (/int/.test(p.type)) given[p.name] = i(/T_max|total|training/.test(p.name) ? 100 : /decay/.test(p.name) ? 20 : 10);
    else if (p.name === 'gamma') given[p.name] = f(0.95);
    else if (/float/.test(p.type)) given[p.name] = f(0.1);
  }
  if (entry.name === 'CyclicLR') {
    const up = entry.params.find((p) => p.name === 'step_size_up')?.default;
    const n = up ? Number(up) : 2000;
    if (Number.isFinite(n) && n > 0) steps = Math.min(4 * n, 100_000); // two full cycles
  }
  if (entry.name === 'ChainedScheduler') return { ref: { name: entry.name, args: { ...given }, optimizer: opt }, given, steps };
  return { ref: { name: entry.name, args: { optimizer: { t: 'optimizer', spec: opt }, ...given }, optimizer: opt }, given, steps };
}
