// Keras 3 learning-rate schedules (`keras.optimizers.schedules`, also `tf.keras.optimizers.schedules`
// and `...schedules.learning_rate_schedule`), transcribed from keras/src/optimizers/schedules/
// learning_rate_schedule.py (Keras 3.15.1): the constructors' own checks and messages, and each
// __call__(step) in Keras' order of float32 operations (`ops.cast(x, dtype)` = float32 of a Python
// number, Python-side `1 - self.alpha` rounded once to float32, `ops.cond` / `ops.where` branches).
// These are functions of the step with no optimizer: see stepfn.ts for how they run in simulate().
import { PyError, PyValue, isNumber, toNumber, typeName, repr } from './pyvalue';
import * as torch from './torch';
import type { SimOptimizer } from './optimizer';
import { registerEntries, entries as catalogEntries, type SchedulerEntry } from './catalog';
import type { ParamSpec, StepReason } from './types';
import { bindCall, factory, operand } from './hfcommon';
import { StepFnSchedule, f32, cos32, log32, pow32, PI32, fmt, type Ev } from './stepfn';
import { t } from './l10n';

type A = Record<string, PyValue>;

/** A Python number argument (Keras converts it with ops.cast / convert_to_tensor when called). */
function num(v: PyValue, name: string): number {
  if (isNumber(v)) return toNumber(v);
  throw new PyError('TypeError', `${name} must be a number, got ${typeName(v)}`);
}
const truthy = (v: PyValue): boolean => (v.t === 'bool' || v.t === 'int' || v.t === 'float' ? !!v.v : v.t !== 'none');

/** `if self.<k> <= 0: raise ValueError(...)` of the constructors. */
function positiveSteps(a: A, k: string): number {
  const v = a[k];
  if (operand(v, '<=', 'int', true) <= 0) throw new PyError('ValueError', `Argument \`${k}\` must be > 0. Received: ${k}=${repr(v)}`);
  return toNumber(v);
}

abstract class KerasSchedule extends StepFnSchedule {
  readonly baseLr: number;
  readonly lr0: number;
  constructor(sink: torch.WarningSink, a: A) {
    super(sink);
    this.baseLr = num(a.initial_learning_rate, 'initial_learning_rate');
    this.lr0 = f32(this.baseLr); // ops.convert_to_tensor(initial_learning_rate): float32
  }
}

/**
 * ExponentialDecay and InverseTimeDecay: the same arguments and checks, and the same decay
 * progress p = step / decay_steps (floored with staircase=True), in float32.
 */
abstract class RateDecay extends KerasSchedule {
  ds: number; rate: number; stair: boolean; dsRaw: number; rateRaw: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: A) {
    super(sink, a);
    this.dsRaw = positiveSteps(a, 'decay_steps');
    this.ds = f32(this.dsRaw);
    this.rateRaw = num(a.decay_rate, 'decay_rate');
    this.rate = f32(this.rateRaw);
    this.stair = truthy(a.staircase);
    this.start(opt);
  }
  protected progress(step: number): number {
    const p = f32(f32(step) / this.ds);
    return this.stair ? Math.floor(p) : p;
  }
}

class ExponentialDecay extends RateDecay {
  readonly name = 'ExponentialDecay';
  value(step: number): number {
    return f32(this.lr0 * pow32(this.rate, this.progress(step)));
  }
  explain(i: number): StepReason {
    const p = i / this.dsRaw;
    const e = this.stair ? Math.floor(p) : p;
    const args = [i, fmt(this.dsRaw), fmt(this.baseLr), fmt(this.rateRaw), fmt(e)];
    return this.stair
      ? { phase: t('decay {0}', Math.floor(p)), text: t('initial_learning_rate × decay_rate^(⌊{0}/{1}⌋) = {2} × {3}^{4}', ...args) }
      : { phase: t('exponential'), text: t('initial_learning_rate × decay_rate^({0}/{1}) = {2} × {3}^{4}', ...args) };
  }
  override events(steps: number): Ev[] {
    if (!this.stair) return [];
    const out: Ev[] = [];
    for (let s = this.dsRaw, k = 1; s < steps && out.length < 400; s += this.dsRaw, k++) out.push({ step: Math.ceil(s), kind: 'milestone', label: t('× decay_rate ({0}^{1})', fmt(this.rateRaw), k) });
    return out;
  }
}

class PiecewiseConstantDecay extends StepFnSchedule {
  readonly name = 'PiecewiseConstantDecay';
  readonly baseLr: number;
  bounds: number[]; values: number[];
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: A) {
    super(sink);
    const len = (v: PyValue) => {
      if (v.t === 'list' || v.t === 'tuple') return v.items.length;
      throw new PyError('TypeError', `object of type '${typeName(v)}' has no len()`);
    };
    const nb = len(a.boundaries), nv = len(a.values);
    if (nb !== nv - 1) {
      throw new PyError('ValueError', `The length of boundaries should be 1 less than the length of values. Received: boundaries=${repr(a.boundaries)} of length ${nb}, and values=${repr(a.values)} of length ${nv}.`);
    }
    const items = (v: PyValue) => (v as { items: PyValue[] }).items;
    // boundaries are cast to the step's dtype (int32): a float boundary is truncated
    this.bounds = items(a.boundaries).map((b) => Math.trunc(num(b, 'boundaries')));
    this.values = items(a.values).map((v) => f32(num(v, 'values')));
    this.baseLr = nv ? num(items(a.values)[0], 'values') : NaN;
    this.start(opt);
  }
  value(step: number): number {
    const b = this.bounds, v = this.values;
    if (!b.length) throw new PyError('IndexError', 'list index out of range'); // boundaries[0]
    let r = 0;
    r = f32(r + (step <= b[0] ? 1 : 0) * v[0]);
    r = f32(r + (step > b[b.length - 1] ? 1 : 0) * v[v.length - 1]);
    for (let k = 0; k + 1 < b.length; k++) r = f32(r + (step > b[k] && step <= b[k + 1] ? 1 : 0) * v[k + 1]);
    return r;
  }
  private index(i: number): number {
    let k = 0;
    while (k < this.bounds.length && i > this.bounds[k]) k++;
    return k;
  }
  explain(i: number): StepReason {
    const k = this.index(i);
    const v = fmt(this.values[k]);
    const text = k === 0
      ? t('step ≤ {0}: values[{1}] = {2} (a boundary step still uses the value before it)', this.bounds[0], k, v)
      : k === this.bounds.length
        ? t('step > {0}: values[{1}] = {2} (a boundary step still uses the value before it)', this.bounds[k - 1], k, v)
        : t('{0} < step ≤ {1}: values[{2}] = {3} (a boundary step still uses the value before it)', this.bounds[k - 1], this.bounds[k], k, v);
    return { phase: t('piece {0}', k + 1), text };
  }
  override events(steps: number): Ev[] {
    return this.bounds.filter((b) => b + 1 > 0 && b + 1 < steps).slice(0, 400).map((b) => ({ step: b + 1, kind: 'milestone' as const, label: t('boundary {0} passed: next value from step {1}', b, b + 1) }));
  }
}

class PolynomialDecay extends KerasSchedule {
  readonly name = 'PolynomialDecay';
  dsRaw: number; ds: number; end: number; power: number; cycle: boolean; endRaw: number; powerRaw: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: A) {
    super(sink, a);
    this.dsRaw = positiveSteps(a, 'decay_steps');
    this.ds = f32(this.dsRaw);
    this.endRaw = num(a.end_learning_rate, 'end_learning_rate');
    this.end = f32(this.endRaw);
    this.powerRaw = num(a.power, 'power');
    this.power = f32(this.powerRaw);
    this.cycle = truthy(a.cycle);
    this.start(opt);
  }
  value(step: number): number {
    let g = f32(step);
    let ds = this.ds;
    if (this.cycle) {
      const mult = g === 0 ? 1.0 : Math.ceil(f32(g / f32(this.dsRaw)));
      ds = f32(ds * mult);
    } else g = Math.min(g, ds);
    const p = f32(g / ds);
    return f32(f32(f32(this.lr0 - this.end) * pow32(f32(1 - p), this.power)) + this.end);
  }
  explain(i: number): StepReason {
    if (!this.cycle && i >= this.dsRaw) return { phase: t('end'), text: t('past decay_steps={0}: end_learning_rate = {1}, held', fmt(this.dsRaw), fmt(this.endRaw)) };
    const D = this.cycle ? this.dsRaw * (i === 0 ? 1 : Math.ceil(i / this.dsRaw)) : this.dsRaw;
    const rem = 1 - i / D;
    const args = [i, fmt(D), fmt(this.powerRaw), fmt(this.baseLr), fmt(this.endRaw), fmt(rem)];
    return this.cycle
      ? { phase: t('cycle {0}', Math.max(1, Math.ceil(i / this.dsRaw))), text: t('(initial − end) × (1 − {0}/{1})^{2} + end = ({3} − {4}) × {5}^{2} + {4} (cycle=True: decay_steps grows to the next multiple)', ...args) }
      : { phase: t('polynomial decay'), text: t('(initial − end) × (1 − {0}/{1})^{2} + end = ({3} − {4}) × {5}^{2} + {4}', ...args) };
  }
  override events(steps: number): Ev[] {
    if (!this.cycle) return this.dsRaw < steps ? [{ step: Math.ceil(this.dsRaw), kind: 'end', label: t('decay_steps={0}: end_learning_rate reached', fmt(this.dsRaw)) }] : [];
    const out: Ev[] = [];
    for (let s = this.dsRaw + 1; s < steps && out.length < 400; s += this.dsRaw) out.push({ step: Math.ceil(s), kind: 'restart', label: t('cycle: decay_steps doubles back up (LR jumps up)') });
    return out;
  }
}

class InverseTimeDecay extends RateDecay {
  readonly name = 'InverseTimeDecay';
  value(step: number): number {
    return f32(this.lr0 / f32(1 + f32(this.rate * this.progress(step))));
  }
  explain(i: number): StepReason {
    const p = this.stair ? Math.floor(i / this.dsRaw) : i / this.dsRaw;
    const args = [fmt(this.baseLr), fmt(this.rateRaw), fmt(p)];
    return {
      phase: t('inverse time'),
      text: this.stair ? t('initial / (1 + decay_rate × ⌊step / decay_steps⌋) = {0} / (1 + {1} × {2})', ...args) : t('initial / (1 + decay_rate × step / decay_steps) = {0} / (1 + {1} × {2})', ...args),
    };
  }
}

class CosineDecay extends KerasSchedule {
  readonly name = 'CosineDecay';
  dsRaw: number; ds: number; alpha: number; warm: boolean; wt = 0; ws = 0; wtRaw = 0; wsRaw = 0;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: A) {
    super(sink, a);
    this.dsRaw = positiveSteps(a, 'decay_steps');
    this.ds = f32(this.dsRaw);
    this.alpha = num(a.alpha, 'alpha');
    this.warm = a.warmup_target.t !== 'none';
    if (this.warm) {
      this.wtRaw = num(a.warmup_target, 'warmup_target');
      this.wsRaw = num(a.warmup_steps, 'warmup_steps');
      this.wt = f32(this.wtRaw);
      this.ws = f32(this.wsRaw);
    }
    this.start(opt);
  }
  private decay(step: number, from: number): number {
    const c = f32(step / this.ds);
    const cosd = f32(0.5 * f32(1.0 + cos32(f32(PI32 * c))));
    const decayed = f32(f32(f32(1 - this.alpha) * cosd) + f32(this.alpha));
    return f32(from * decayed);
  }
  value(step: number): number {
    let g = f32(step);
    if (!this.warm) return this.decay(Math.min(g, this.ds), this.lr0);
    g = Math.min(g, f32(this.ds + this.ws));
    if (g < this.ws) {
      const c = f32(g / this.ws);
      return f32(f32(f32(this.wt - this.lr0) * c) + this.lr0);
    }
    return this.decay(f32(g - this.ws), this.wt);
  }
  explain(i: number): StepReason {
    const W = this.warm ? this.wsRaw : 0;
    const peak = this.warm ? this.wtRaw : this.baseLr;
    if (i < W) return { phase: t('warmup'), text: t('linear warmup {0}/{1} from initial_learning_rate {2} to warmup_target {3}', i, fmt(W), fmt(this.baseLr), fmt(peak)) };
    const at = Math.min(i - W, this.dsRaw);
    const f = 0.5 * (1 + Math.cos((Math.PI * at) / this.dsRaw));
    const args = [fmt(at), fmt(this.dsRaw), fmt(peak), fmt(f), fmt(peak * this.alpha)];
    const text = i - W < this.dsRaw
      ? t('cosine decay {0}/{1}: {2} × ((1 − alpha) × {3} + alpha)', ...args)
      : this.warm
        ? t('cosine decay {0}/{1}: {2} × ((1 − alpha) × {3} + alpha) — past decay_steps: held at {4} (alpha × warmup_target)', ...args)
        : t('cosine decay {0}/{1}: {2} × ((1 − alpha) × {3} + alpha) — past decay_steps: held at {4} (alpha × initial)', ...args);
    return { phase: t('cosine'), text };
  }
  override events(steps: number): Ev[] {
    const out: Ev[] = [];
    const W = this.warm ? this.wsRaw : 0;
    if (W > 0 && W < steps) out.push({ step: Math.ceil(W), kind: 'phase', label: t('warmup done: warmup_target {0}', fmt(this.wtRaw)) });
    if (W + this.dsRaw < steps) out.push({ step: Math.ceil(W + this.dsRaw), kind: 'end', label: t('decay done: alpha × peak, held') });
    return out;
  }
}

class CosineDecayRestarts extends KerasSchedule {
  readonly name = 'CosineDecayRestarts';
  fdsRaw: number; fds: number; alpha: number; tmul: number; mmul: number; tmulRaw: number; mmulRaw: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: A) {
    super(sink, a);
    this.fdsRaw = positiveSteps(a, 'first_decay_steps');
    this.fds = f32(this.fdsRaw);
    this.alpha = f32(num(a.alpha, 'alpha'));
    this.tmulRaw = num(a.t_mul, 't_mul');
    this.mmulRaw = num(a.m_mul, 'm_mul');
    this.tmul = f32(this.tmulRaw);
    this.mmul = f32(this.mmulRaw);
    this.start(opt);
  }
  /** [i_restart, completed fraction of that period], in Keras' float32 ops. */
  private split(step: number): [number, number] {
    let cf = f32(f32(step) / this.fds);
    let i: number;
    if (this.tmul === 1.0) {
      i = Math.floor(cf);
      cf = f32(cf - i);
    } else {
      const t = this.tmul;
      i = Math.floor(f32(log32(f32(1.0 - f32(cf * f32(1.0 - t)))) / log32(t)));
      const ti = pow32(t, i);
      const sumR = f32(f32(1.0 - ti) / f32(1.0 - t));
      cf = f32(f32(cf - sumR) / ti);
    }
    return [i, cf];
  }
  value(step: number): number {
    const [i, cf] = this.split(step);
    const mfac = pow32(this.mmul, i);
    const cosd = f32(f32(0.5 * mfac) * f32(1.0 + cos32(f32(PI32 * cf))));
    const decayed = f32(f32(f32(1 - this.alpha) * cosd) + this.alpha);
    return f32(this.lr0 * decayed);
  }
  explain(i: number): StepReason {
    const [k, cf] = this.split(i);
    const len = this.fdsRaw * Math.pow(this.tmulRaw, k);
    return { phase: t('period {0}', k + 1), text: t('restart period {0} ({1} steps = first_decay_steps × t_mul^{2}), {3}% through; peak m_mul^{2} = {4} × initial', k + 1, fmt(len), k, Math.round(cf * 1000) / 10, fmt(Math.pow(this.mmulRaw, k))) };
  }
  override events(steps: number): Ev[] {
    const out: Ev[] = [];
    let s = this.fdsRaw, len = this.fdsRaw;
    for (let k = 1; s < steps && out.length < 400 && len > 0; k++) {
      out.push({ step: Math.ceil(s), kind: 'restart', label: t('warm restart {0}: back to {1} × initial', k, fmt(Math.pow(this.mmulRaw, k))) });
      len *= this.tmulRaw;
      s += len;
    }
    return out;
  }
}

// ---- The catalog ---------------------------------------------------------------------------------

const MODULES = [
  'keras.optimizers.schedules',
  'keras.optimizers.schedules.learning_rate_schedule',
  'keras.src.optimizers.schedules.learning_rate_schedule',
  'tensorflow.keras.optimizers.schedules',
  'tensorflow.keras.optimizers.schedules.learning_rate_schedule',
];
const qn = (cls: string) => MODULES.map((m) => `${m}.${cls}`);

const ILR = (doc = 'The learning rate at step 0 (a Python float; Keras computes in its float32).'): ParamSpec => ({ name: 'initial_learning_rate', position: 0, type: 'float', unit: 'LR', range: '> 0', doc });
const NAME = (position: number, def: string): ParamSpec => ({ name: 'name', position, default: `'${def}'`, type: 'str', doc: 'Name of the operation; it does not change the schedule.' });
const DECAY_STEPS = (doc: string): ParamSpec => ({ name: 'decay_steps', position: 1, type: 'int', unit: 'steps', range: '> 0', doc });
const STEP_NOTE = 'The step is the optimizer’s iteration count (optimizer.iterations): one per batch (per train_on_batch / gradient update), not per epoch.';
const COMMON_PITFALLS = [STEP_NOTE];
const cls = (c: (sink: torch.WarningSink, opt: SimOptimizer, a: A) => torch.LRScheduler, name: string, params: ParamSpec[]) =>
  factory((s, o, given) => c(s, o, bindCall(`${name}.__init__`, params, given).args));

function entry(e: Omit<SchedulerEntry, 'framework' | 'qualifiedNames' | 'typicalStepping' | 'ctor'>, make: (sink: torch.WarningSink, opt: SimOptimizer, a: A) => torch.LRScheduler): SchedulerEntry {
  return { ...e, framework: 'keras', qualifiedNames: qn(e.name), typicalStepping: 'per-batch', stepFunction: true, ctor: cls(make, e.name, e.params) };
}

export const KERAS_ENTRIES: SchedulerEntry[] = [
  entry({
    name: 'ExponentialDecay',
    summary: 'Multiplies the initial learning rate by `decay_rate` every `decay_steps` steps, smoothly (or in steps with `staircase=True`).',
    formula: 'lr(t) = initial_learning_rate × decay_rate^(t / decay_steps)   (⌊t / decay_steps⌋ with staircase)',
    params: [
      ILR(),
      DECAY_STEPS('Steps over which the LR is multiplied once by decay_rate: 0.96 with decay_steps=100000 loses 4% per 100k steps.'),
      { name: 'decay_rate', position: 2, type: 'float', unit: '× per decay_steps', range: '0 < decay_rate < 1 to decay', doc: 'Factor per decay_steps steps: 0.5 halves the LR every decay_steps; above 1 it grows without bound.' },
      { name: 'staircase', position: 3, default: 'False', type: 'bool', doc: 'True: the exponent is ⌊step / decay_steps⌋, so the LR drops in discrete jumps every decay_steps; False: a smooth exponential.' },
      NAME(4, 'ExponentialDecay'),
    ],
    checks: ['decay_steps must be > 0 ("Argument `decay_steps` must be > 0. Received: decay_steps=…").'],
    pitfalls: [...COMMON_PITFALLS, 'decay_steps is not the length of the decay: the LR keeps shrinking forever (no floor), reaching 0 in float32 eventually.'],
  }, (s, o, a) => new ExponentialDecay(s, o, a)),
  entry({
    name: 'PiecewiseConstantDecay',
    summary: 'A constant LR per interval: `values[0]` up to and including step `boundaries[0]`, `values[1]` up to `boundaries[1]`, …, `values[-1]` after.',
    formula: 'lr(t) = values[k] for boundaries[k−1] < t ≤ boundaries[k]',
    params: [
      { name: 'boundaries', position: 0, type: 'list[int]', unit: 'steps', range: 'strictly increasing', doc: 'Steps where the LR changes; the LR switches after a boundary: step boundaries[0] still uses values[0], step boundaries[0] + 1 uses values[1].' },
      { name: 'values', position: 1, type: 'list[float]', unit: 'LR', range: 'one more than boundaries', doc: 'The LR of each interval (absolute LRs, not factors); one more value than boundaries.' },
      NAME(2, 'PiecewiseConstant'),
    ],
    checks: ['len(boundaries) must be len(values) − 1 ("The length of boundaries should be 1 less than the length of values. …").', 'Empty boundaries fail at the first call (IndexError).'],
    pitfalls: [...COMMON_PITFALLS, 'Boundaries are inclusive on the left piece: with boundaries=[100] the new value starts at step 101, not 100.'],
  }, (s, o, a) => new PiecewiseConstantDecay(s, o, a)),
  entry({
    name: 'PolynomialDecay',
    summary: 'Decays from `initial_learning_rate` to `end_learning_rate` over `decay_steps` along (1 − t/decay_steps)^power, then holds (or restarts with `cycle=True`).',
    formula: 'lr(t) = (initial − end) × (1 − min(t, decay_steps)/decay_steps)^power + end',
    params: [
      ILR(),
      DECAY_STEPS('Steps the decay takes; from then on the LR stays at end_learning_rate (unless cycle=True).'),
      { name: 'end_learning_rate', position: 2, default: '0.0001', type: 'float', unit: 'LR', doc: 'The LR reached at decay_steps and held after (an absolute LR, default 1e-4 — not 0).' },
      { name: 'power', position: 3, default: '1.0', type: 'float', range: '> 0', doc: 'Shape of the decay: 1.0 linear, 2.0 drops fast then flattens, 0.5 stays high longer.' },
      { name: 'cycle', position: 4, default: 'False', type: 'bool', doc: 'True: past decay_steps the decay length grows to the next multiple of decay_steps above the step, so the LR jumps up at each multiple and decays again, more slowly each time.' },
      NAME(5, 'PolynomialDecay'),
    ],
    checks: ['decay_steps must be > 0.'],
    pitfalls: [...COMMON_PITFALLS, 'end_learning_rate defaults to 1e-4, not 0: with a small initial LR the “decay” may even rise.'],
  }, (s, o, a) => new PolynomialDecay(s, o, a)),
  entry({
    name: 'InverseTimeDecay',
    summary: 'Divides the initial LR by 1 + decay_rate × step / decay_steps (1/t decay).',
    formula: 'lr(t) = initial_learning_rate / (1 + decay_rate × t / decay_steps)   (⌊t / decay_steps⌋ with staircase)',
    params: [
      ILR(),
      DECAY_STEPS('Steps per unit of decay: after decay_steps steps the LR is initial / (1 + decay_rate).'),
      { name: 'decay_rate', position: 2, type: 'float', range: '≥ 0', doc: 'How fast the LR falls: after k × decay_steps steps it is initial / (1 + k × decay_rate).' },
      { name: 'staircase', position: 3, default: 'False', type: 'bool', doc: 'True: use ⌊step / decay_steps⌋, so the LR changes only every decay_steps steps.' },
      NAME(4, 'InverseTimeDecay'),
    ],
    checks: ['decay_steps must be > 0.'],
    pitfalls: [...COMMON_PITFALLS],
  }, (s, o, a) => new InverseTimeDecay(s, o, a)),
  entry({
    name: 'CosineDecay',
    summary: 'Optional linear warmup from `initial_learning_rate` to `warmup_target`, then a half cosine over `decay_steps` down to alpha × that peak, held after.',
    formula: 'warmup: initial + (target − initial) × t / warmup_steps; decay: peak × ((1 − alpha) × ½(1 + cos(π × min(t − W, decay_steps) / decay_steps)) + alpha)',
    params: [
      ILR('The LR at step 0: the start of the warmup when warmup_target is given, otherwise the peak the cosine starts from.'),
      DECAY_STEPS('Length of the cosine in steps (after the warmup); the LR then stays at alpha × peak.'),
      { name: 'alpha', position: 2, default: '0.0', type: 'float', unit: '× peak', range: '[0, 1]', doc: 'Floor of the decay as a fraction of the peak (warmup_target, or initial_learning_rate without warmup): 0.1 ends at a tenth of the peak.' },
      NAME(3, 'CosineDecay'),
      { name: 'warmup_target', position: 4, default: 'None', type: 'float | None', unit: 'LR', doc: 'Peak LR reached at the end of the warmup; None (default) means no warmup — the cosine starts at initial_learning_rate.' },
      { name: 'warmup_steps', position: 5, default: '0', type: 'int', unit: 'steps', range: '≥ 0', doc: 'Length of the linear warmup from initial_learning_rate to warmup_target; ignored when warmup_target is None.' },
    ],
    checks: ['decay_steps must be > 0.'],
    pitfalls: [...COMMON_PITFALLS, 'warmup_steps does nothing without warmup_target.', 'decay_steps counts after the warmup: the schedule ends at warmup_steps + decay_steps (Keras 3; Keras 2 had no warmup).'],
  }, (s, o, a) => new CosineDecay(s, o, a)),
  entry({
    name: 'CosineDecayRestarts',
    summary: 'Cosine decay with warm restarts (SGDR): periods of first_decay_steps × t_mul^k steps, each starting at m_mul^k × initial_learning_rate.',
    formula: 'lr = initial × ((1 − alpha) × m_mul^k × ½(1 + cos(π × fraction of period k)) + alpha)',
    params: [
      ILR(),
      { name: 'first_decay_steps', position: 1, type: 'int', unit: 'steps', range: '> 0', doc: 'Length of the first cosine period; the first restart happens here.' },
      { name: 't_mul', position: 2, default: '2.0', type: 'float', range: '≥ 1', doc: 'Each period is t_mul times longer than the previous: 2.0 gives periods of 10, 20, 40, … steps; 1.0 repeats the same length.' },
      { name: 'm_mul', position: 3, default: '1.0', type: 'float', range: '(0, 1]', doc: 'Each restart peaks at m_mul times the previous peak: 0.5 halves the restart LR each time; 1.0 restarts at the initial LR.' },
      { name: 'alpha', position: 4, default: '0.0', type: 'float', unit: '× initial', doc: 'Floor as a fraction of initial_learning_rate (not of the period’s peak).' },
      NAME(5, 'SGDRDecay'),
    ],
    checks: ['first_decay_steps must be > 0 ("Argument `first_decay_steps` must be > 0. …").'],
    pitfalls: [...COMMON_PITFALLS, 'The default t_mul=2.0 doubles every period: restarts at 10, 30, 70, 150 … steps for first_decay_steps=10 — set t_mul=1.0 for equal periods.'],
  }, (s, o, a) => new CosineDecayRestarts(s, o, a)),
];

let registered = false;
/** Adds the Keras entries to the engine's catalog (idempotent). */
export function registerKeras(): void {
  if (registered || catalogEntries.some((e) => e.framework === 'keras')) {
    registered = true;
    return;
  }
  registered = true;
  registerEntries(KERAS_ENTRIES);
}
