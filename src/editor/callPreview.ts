// One detected call → what the surfaces show: the values used (written, default, supplied or
// assumed), the number of steps previewed and where it comes from, and the engine's Schedule.
// Pure (no vscode): the hover, CodeLens, diagnostics and commands all read a CallPreview, so they
// agree on every number. Never throws.
import { findEntry, type SchedulerEntry } from '../schedulers/catalog';
import { simulate, parseDefault } from '../schedulers/simulate';
import { PyError, repr, type PyValue } from '../schedulers/pyvalue';
import type { Schedule, ScheduleError } from '../schedulers/types';
import { toSchedulerRef, missingValues, isStepFunction, type SchedulerCall, type Missing, type SchedulerOverrides } from '../python/analyze';
import { naturalLength } from './naturalLength';
import { previewMetrics } from './chartModel';
import { isTrainerCall, scheduleArgsOf, trainerField } from './trainerArgs';

/** Longest run the editor simulates on its own (the preview's steps control can ask for more). */
export const EDITOR_MAX_STEPS = 200_000;

export interface PreviewSettings {
  /** Steps to preview when neither the file nor the scheduler's own parameters say. */
  defaultSteps: number;
  /** Batches per epoch when known (setting); 0 = unknown. */
  stepsPerEpoch?: number;
}

export const DEFAULT_SETTINGS: PreviewSettings = { defaultSteps: 100, stepsPerEpoch: 0 };

/** A value the preview had to assume because the file does not define it statically. */
export interface Assumption {
  param: string;
  /** The source text in the call (`len(train_loader) * epochs`). */
  source: string;
  /** Why it is not known (from the reader). */
  reason: string;
  /** What was used instead, as Python source (`100`, `1.0`). */
  used: string;
  /** Where the assumed value comes from, for the user. */
  basis: 'default' | 'defaultSteps' | 'optimizerLr' | 'unitLr' | 'stepsPerEpoch';
}

/** Values the user supplied (the "Supply value" command), per document. */
export interface Supplied {
  /** Names not defined statically (`train_loader`, `EPOCHS`) → values; fed to the reader. */
  names?: Record<string, PyValue>;
  /** `${scheduler}:${param}:${source}` → value (see suppliedKey). */
  args?: Record<string, PyValue>;
  /** Base LR(s) when the optimizer is not known. */
  lr?: number[];
}

export function suppliedKey(scheduler: string, param: string, source: string): string {
  return `${scheduler}:${param}:${source.replace(/\s+/g, '')}`;
}

export interface CallPreview {
  call: SchedulerCall;
  entry: SchedulerEntry | undefined;
  steps: number;
  stepsFrom: 'file' | 'shape' | 'setting';
  /**
   * The values the simulation used (explicit, supplied, assumed), by parameter; defaults omitted.
   * For a `TrainingArguments(...)` call (`call.trainer`): the config's fields.
   */
  args: Record<string, PyValue>;
  /**
   * The schedule function's own arguments (num_warmup_steps, num_training_steps, …): `args` for a
   * scheduler call; for a trainer call, what `get_scheduler` passes it (from `toSchedulerRef`).
   */
  scheduleArgs?: Record<string, PyValue>;
  assumptions: Assumption[];
  /** Still unknown: nothing could be assumed (a lambda over an unknown name, a child's argument). */
  missing: Missing[];
  /** Values the user supplied that this call used. */
  supplied: string[];
  /** The simulation; null when values are missing. */
  schedule: Schedule | null;
  /** PyTorch's error: the binding TypeError, or the schedule's error. */
  error: ScheduleError | null;
  /** Base LR per group handed over by the optimizer (null = unknown), and whether it was assumed. */
  baseLrs: (number | null)[];
  baseLrAssumed: boolean;
}

const LENGTH_PARAMS = new Set(['T_max', 'total_steps', 'num_training_steps', 'total_iters', 'max_steps', 'num_decay_steps']);

function isAssumable(a: Missing, entry: SchedulerEntry | undefined, s: PreviewSettings, baseLr: number | null, trainer = false): { used: string; basis: Assumption['basis'] } | null {
  // a trainer call's unknowns are config fields (their TrainingArguments default) or num_training_steps
  const p = (trainer ? trainerField(a.param) : undefined) ?? entry?.params.find((x) => x.name === a.param);
  if (!p) return null;
  if (p.default !== undefined && p.default !== 'None') return { used: p.default, basis: 'default' };
  const steps = Math.max(1, Math.floor(s.defaultSteps || 100));
  if (p.unit === 'steps' || p.unit === 'batches' || p.unit === 'epochs' || /int/.test(p.type) && /step|iters|T_/.test(p.name)) {
    if (p.type.startsWith('list')) return null;
    if (p.unit === 'epochs' && s.stepsPerEpoch && s.stepsPerEpoch > 0) return { used: String(Math.max(1, Math.ceil(steps / s.stepsPerEpoch))), basis: 'defaultSteps' };
    const v = LENGTH_PARAMS.has(p.name) ? steps : Math.max(1, Math.round(steps / 10));
    return { used: String(v), basis: 'defaultSteps' };
  }
  if (p.unit === 'LR' && /float/.test(p.type)) {
    return baseLr !== null ? { used: repr({ t: 'float', v: baseLr }), basis: 'optimizerLr' } : { used: '0.1', basis: 'unitLr' };
  }
  return null;
}

function numArg(args: Record<string, PyValue>, k: string): number | undefined {
  const v = args[k];
  return v && (v.t === 'int' || v.t === 'float') ? v.v : undefined;
}

/** Steps to preview for a call: the loop's count when the file shows it, else its natural length, else the setting. */
export function previewSteps(call: SchedulerCall, s: PreviewSettings, assumed: Record<string, PyValue> = {}): { steps: number; from: CallPreview['stepsFrom'] } {
  const cap = (n: number) => Math.max(1, Math.min(EDITOR_MAX_STEPS, Math.floor(n)));
  if (call.stepping.steps !== undefined && call.stepping.steps > 0) return { steps: cap(call.stepping.steps), from: 'file' };
  let natural: number | undefined;
  try {
    natural = naturalLength(call);
  } catch {
    natural = undefined;
  }
  if (natural === undefined) {
    // assumed lengths count too (an unresolved T_max assumed = defaultSteps previews 2·T_max)
    const t = numArg(assumed, 'T_max') ?? numArg(assumed, 'total_steps');
    if (t !== undefined) natural = call.name === 'CosineAnnealingLR' ? 2 * t : t;
  }
  if (natural !== undefined && natural > 0) return { steps: cap(natural), from: 'shape' };
  return { steps: cap(s.defaultSteps || 100), from: 'setting' };
}

function parseSource(src: string): PyValue {
  try {
    return parseDefault(src);
  } catch {
    return { t: 'opaque', source: src };
  }
}

/** Builds the preview of a call. `steps` forces the step count (the preview panel's control). */
export function previewCall(call: SchedulerCall, settings: PreviewSettings = DEFAULT_SETTINGS, supplied: Supplied = {}, steps?: number): CallPreview {
  const entry = findEntry(call.name);
  const assumptions: Assumption[] = [];
  const used: string[] = [];
  const overrideArgs: Record<string, PyValue> = {};
  const written: Record<string, PyValue> = {};
  for (const [k, a] of Object.entries(call.given ?? {})) if ('value' in a) written[k] = a.value;
  const optLrs = call.optimizer?.lrs ?? [];
  const trainer = isTrainerCall(call);
  // a trainer call's optimizer is the AdamW the Trainer builds from learning_rate
  let baseLrs: (number | null)[] = call.optimizer?.ref || trainer ? optLrs.slice() : [];
  let baseLrAssumed = false;
  // Keras / Optax schedules have no optimizer: their own starting LR is the base LR.
  if (isStepFunction(call)) {
    const v = ['initial_learning_rate', 'init_value', 'value', 'peak_value'].map((k) => written[k]).find((x) => x && (x.t === 'int' || x.t === 'float'));
    const vs = written.values;
    const first = vs && (vs.t === 'list' || vs.t === 'tuple') ? vs.items[0] : undefined;
    const b = v ?? (first && (first.t === 'int' || first.t === 'float') ? first : undefined);
    baseLrs = [b ? (b.v as number) : null];
  }
  const overrides: SchedulerOverrides = {};
  const firstLr = baseLrs.find((x): x is number => typeof x === 'number') ?? null;
  try {
    for (const m of missingValues(call)) {
      if (m.scheduler !== call.name) continue;
      if (m.param === 'optimizer') {
        if (supplied.lr && supplied.lr.length) {
          overrides.lr = supplied.lr.length === 1 ? supplied.lr[0] : supplied.lr;
          baseLrs = supplied.lr.slice();
          used.push('optimizer');
        } else {
          overrides.lr = 1.0;
          baseLrs = [1.0];
          baseLrAssumed = true;
          assumptions.push({ param: 'optimizer', source: m.source, reason: m.reason, used: 'lr=1.0', basis: 'unitLr' });
        }
        continue;
      }
      const key = suppliedKey(call.name, m.param, m.source);
      const sv = supplied.args?.[key];
      if (sv) {
        overrideArgs[m.param] = sv;
        used.push(m.param);
        continue;
      }
      if (trainer && m.param === 'num_training_steps') {
        // the Trainer counts steps from len(train_dataloader): supplied (the reader's `needs`), or the setting
        const bpe = supplied.names?.batches_per_epoch;
        if (bpe && (bpe.t === 'int' || bpe.t === 'float')) {
          overrideArgs.batches_per_epoch = bpe;
          used.push('batches_per_epoch');
          continue;
        }
        if (settings.stepsPerEpoch && settings.stepsPerEpoch > 0) {
          overrideArgs.batches_per_epoch = { t: 'int', v: Math.floor(settings.stepsPerEpoch) };
          assumptions.push({ param: m.param, source: m.source, reason: m.reason, used: `batches_per_epoch=${Math.floor(settings.stepsPerEpoch)}`, basis: 'stepsPerEpoch' });
          continue;
        }
      }
      const guess = isAssumable(m, entry, settings, firstLr, trainer);
      if (guess) {
        overrideArgs[m.param] = parseSource(guess.used);
        assumptions.push({ param: m.param, source: m.source, reason: m.reason, ...guess });
      }
    }
  } catch {
    // missingValues never throws in practice; a failure leaves the call unsimulated below
  }
  if (Object.keys(overrideArgs).length) overrides.args = overrideArgs;
  const args: Record<string, PyValue> = { ...written, ...overrideArgs };
  const chosen: { steps: number; from: CallPreview['stepsFrom'] } =
    steps !== undefined ? { steps: Math.max(0, Math.floor(steps)), from: 'setting' } : previewSteps(call, settings, overrideArgs);
  let missing: Missing[] = [];
  let scheduleArgs: Record<string, PyValue> | undefined = trainer ? {} : args;
  let schedule: Schedule | null = null;
  let error: ScheduleError | null = call.bindError ? { ...call.bindError, at: 'construct' } : null;
  try {
    missing = missingValues(call, overrides);
  } catch {
    missing = [];
  }
  if (!error && !missing.length) {
    try {
      const ref = toSchedulerRef(call, overrides);
      if (trainer) scheduleArgs = scheduleArgsOf(ref);
      else if (ref.optimizer && args.optimizer === undefined) args.optimizer = { t: 'optimizer', spec: ref.optimizer };
      else if (ref.args.optimizer) args.optimizer = ref.args.optimizer;
      // a trainer call whose step count comes from batches per epoch previews the Trainer's num_training_steps
      const total = scheduleArgs.num_training_steps;
      if (trainer && steps === undefined && chosen.from !== 'file' && overrideArgs.batches_per_epoch && total && total.t === 'int' && total.v > 0) {
        chosen.steps = Math.min(EDITOR_MAX_STEPS, total.v);
        chosen.from = 'shape';
      }
      // a metric-driven schedule (ReduceLROnPlateau) runs on an example metric that plateaus
      schedule = simulate(ref, { steps: chosen.steps, order: call.stepping.order, metrics: previewMetrics(ref, chosen.steps) });
      error = schedule.error;
    } catch (e) {
      schedule = null;
      // what the library itself raises while building the scheduler (an edited TrainingArguments field)
      if (e instanceof PyError) error = { type: e.type, message: e.message, at: 'construct' };
    }
  }
  return {
    call, entry, steps: chosen.steps, stepsFrom: chosen.from, args, scheduleArgs, assumptions, missing, supplied: used,
    schedule, error, baseLrs, baseLrAssumed,
  };
}
