// Hugging Face transformers' learning-rate schedules (transformers.optimization), transcribed
// statement for statement from huggingface/transformers src/transformers/optimization.py
// (commit 005edacb) — same order of floating-point operations, Python semantics (`float(x)`,
// `max(1, n)`, `%` on floats) — and run on the engine's torch LambdaLR / ReduceLROnPlateau,
// exactly as transformers runs them on PyTorch's.
//
// Also: `get_scheduler(name, ...)` with every SchedulerType (trainer_utils.py) and its errors as
// Python 3.11 prints them, and `trainerSchedulerRef()`, which maps resolved `TrainingArguments(...)`
// keyword values to the `get_scheduler(...)` call `Trainer.create_scheduler` makes.
//
// The lambdas are transformers' own; the LambdaLR classes that explain each step, the Python helpers
// and the call binding are shared with diffusers.ts (hfcommon.ts). Registering these entries also
// registers diffusers' (every importer of this module gets both).
import { PyError, PyValue, SchedulerRef, OptimizerRef, isNumber, toNumber, typeName, pyStr, none, float, int, str } from './pyvalue';
import { pyMod, pyDiv, pyPow, pyCos } from './pymath';
import * as torch from './torch';
import { SimOptimizer } from './optimizer';
import { entries as catalogEntries, findEntry, registerEntries, type SchedulerEntry } from './catalog';
import type { ParamSpec, StepReason } from './types';
import { t } from './l10n';
import {
  pyMax, isNone, pyFloat, operand, pySqrt, isTruthy, PI, fmt, pct, lambdaFn, type Ev, type Lambda, type Builder,
  HfLambdaLR, HfConstant, HfConstantWarmup, HfLinear, HfCosine, HfCosineRestarts, HfPolynomial, polynomialEnds,
  bindCall, factory, HF_OPT as OPT, HF_LAST_EPOCH as LAST_EPOCH, lookupSchedulerType, type SchedulerTypeTable,
} from './hfcommon';
import { registerDiffusers } from './diffusers';
import { registerTimm } from './timm';

// ---- SchedulerType (trainer_utils.py) ------------------------------------------------------------

/** SchedulerType members in declaration order: [MEMBER, value, schedule function]. */
export const SCHEDULER_TYPES: SchedulerTypeTable = [
  ['LINEAR', 'linear', 'get_linear_schedule_with_warmup'],
  ['COSINE', 'cosine', 'get_cosine_schedule_with_warmup'],
  ['COSINE_WITH_RESTARTS', 'cosine_with_restarts', 'get_cosine_with_hard_restarts_schedule_with_warmup'],
  ['POLYNOMIAL', 'polynomial', 'get_polynomial_decay_schedule_with_warmup'],
  ['CONSTANT', 'constant', 'get_constant_schedule'],
  ['CONSTANT_WITH_WARMUP', 'constant_with_warmup', 'get_constant_schedule_with_warmup'],
  ['INVERSE_SQRT', 'inverse_sqrt', 'get_inverse_sqrt_schedule'],
  ['REDUCE_ON_PLATEAU', 'reduce_lr_on_plateau', 'get_reduce_on_plateau_schedule'],
  ['COSINE_WITH_MIN_LR', 'cosine_with_min_lr', 'get_cosine_with_min_lr_schedule_with_warmup'],
  ['COSINE_WARMUP_WITH_MIN_LR', 'cosine_warmup_with_min_lr', 'get_cosine_with_min_lr_schedule_with_warmup_lr_rate'],
  ['WARMUP_STABLE_DECAY', 'warmup_stable_decay', 'get_wsd_schedule'],
];

/** `SchedulerType(value)`: the member, or ExplicitEnum's ValueError. Accepts `SchedulerType.X` spelled out. */
export function schedulerType(v: PyValue): { member: string; value: string; fn: string } {
  const t = lookupSchedulerType(SCHEDULER_TYPES, v);
  if (t && 'unknownMember' in t) throw new PyError('AttributeError', `type object 'SchedulerType' has no attribute '${t.unknownMember}'`);
  if (t) return t;
  const choices = `[${SCHEDULER_TYPES.map((x) => `'${x[1]}'`).join(', ')}]`;
  throw new PyError('ValueError', `${pyStr(v)} is not a valid SchedulerType, please select one of ${choices}`);
}

// ---- The lambdas (transformers' own statements), run by the shared LambdaLR classes --------------

/** `_get_constant_schedule_with_warmup_lr_lambda`. */
function constantWarmupLambda(nws: PyValue): Lambda {
  return (current_step) => {
    const w = operand(nws, '<', 'int', false);
    if (current_step < w) return current_step / pyMax(1.0, w);
    return 1.0;
  };
}

/** `_get_linear_schedule_with_warmup_lr_lambda`. */
function linearLambda(nws: PyValue, nts: PyValue): Lambda {
  return (current_step) => {
    const w = operand(nws, '<', 'int', false);
    if (current_step < w) return current_step / pyMax(1, w);
    const t = operand(nts, '-', 'int', true);
    return pyMax(0.0, (t - current_step) / pyMax(1, t - w));
  };
}

/** `_get_cosine_schedule_with_warmup_lr_lambda` — the second definition in optimization.py (with `min_lr_rate`), which is the one every caller gets. */
function cosineLambda(nws: PyValue, nts: PyValue, numCycles: PyValue, minLrRate: number): Lambda {
  return (current_step) => {
    const w = operand(nws, '<', 'int', false);
    if (current_step < w) return current_step / pyMax(1, w);
    const t = operand(nts, '-', 'int', true);
    const progress = (current_step - w) / pyMax(1, t - w);
    let factor = 0.5 * (1.0 + pyCos(PI * pyFloat(numCycles) * 2.0 * progress));
    factor = factor * (1 - minLrRate) + minLrRate;
    return pyMax(0, factor);
  };
}

class HfCosineMinLr extends HfCosine {
  override hfName = 'get_cosine_with_min_lr_schedule_with_warmup';
}

/** `_get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda`. */
function restartsLambda(nws: PyValue, nts: PyValue, nc: PyValue): Lambda {
  return (current_step) => {
    const w = operand(nws, '<', 'int', false);
    if (current_step < w) return current_step / pyMax(1, w);
    const t = operand(nts, '-', 'int', true);
    const progress = (current_step - w) / pyMax(1, t - w);
    if (progress >= 1.0) return 0.0;
    return pyMax(0.0, 0.5 * (1.0 + pyCos(PI * pyMod(pyFloat(nc) * progress, 1.0, false))));
  };
}

/** `_get_polynomial_decay_schedule_with_warmup_lr_lambda`, after `polynomialEnds` checked lr_end < lr. */
function polynomialLambda(nws: PyValue, nts: PyValue, power: PyValue, lr_init: number, lr_end: number): Lambda {
  return (current_step) => {
    const w = operand(nws, '<', 'int', false);
    if (current_step < w) return current_step / pyMax(1, w);
    const t = operand(nts, '>', 'int', false);
    if (current_step > t) return pyDiv(lr_end, lr_init, false); // as LambdaLR multiplies by lr_init
    const lr_range = lr_init - lr_end;
    const decay_steps = t - w;
    const pct_remaining = 1 - pyDiv(current_step - w, decay_steps, Number.isInteger(current_step - w) && Number.isInteger(decay_steps) && lrIntLike(nws, nts));
    const decay = lr_range * pyPow(pct_remaining, operand(power, '**', 'float', false), false) + lr_end;
    return pyDiv(decay, lr_init, false); // as LambdaLR multiplies by lr_init
  };
}

const lrIntLike = (a: PyValue, b: PyValue) => (a.t === 'int' || a.t === 'bool') && (b.t === 'int' || b.t === 'bool');

class HfInverseSqrt extends HfLambdaLR {
  readonly hfName = 'get_inverse_sqrt_schedule';
  timescale: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>) {
    const nws = a.num_warmup_steps;
    let timescale = a.timescale;
    if (isNone(timescale)) timescale = isTruthy(nws) ? nws : int(10_000);
    const ts = timescale;
    super(sink, opt, lambdaFn('_get_inverse_sqrt_schedule_lr_lambda', (current_step) => {
      const w = operand(nws, '<', 'int', false);
      if (current_step < w) return current_step / pyMax(1, w);
      const tsv = operand(ts, '-', typeName(nws), true);
      const shift = tsv - w;
      const ints = (ts.t === 'int' || ts.t === 'bool') && (nws.t === 'int' || nws.t === 'bool');
      const decay = pyDiv(1.0, pySqrt(pyDiv(current_step + shift, tsv, ints)), false);
      return decay;
    }), a.last_epoch);
    this.warmup = isNumber(nws) ? toNumber(nws) : 0;
    this.timescale = isNumber(ts) ? toNumber(ts) : NaN;
  }
  override explain(i: number): StepReason {
    if (i < this.warmup) return this.warmupReason(i);
    const f = 1 / Math.sqrt((i + this.timescale - this.warmup) / this.timescale);
    return {
      phase: t('inverse sqrt'),
      text: t('inverse square root decay: factor 1/√((step + {0}) / {1}) = {2} × base LR (timescale={1}); never reaches 0', fmt(this.timescale - this.warmup), fmt(this.timescale), fmt(f)),
    };
  }
  override events(steps: number): Ev[] {
    return this.warmupEvents(steps);
  }
}
/** min_lr / min_lr_rate resolution shared by both cosine-with-min-lr functions. */
function minLrRate(opt: SimOptimizer, a: Record<string, PyValue>): number {
  const minLr = a.min_lr;
  const rate = a.min_lr_rate;
  if (!isNone(minLr) && !isNone(rate)) throw new PyError('ValueError', 'Only one of min_lr or min_lr_rate should be set');
  if (!isNone(minLr)) {
    const lr = opt.defaults.lr ?? none;
    return pyDiv(operand(minLr, '/', typeName(lr), true), operand(lr, '/', typeName(minLr), false), false);
  }
  if (isNone(rate)) throw new PyError('ValueError', 'One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`');
  return operand(rate, '*', 'float', false);
}

class HfCosineWarmupMinLr extends HfLambdaLR {
  readonly hfName = 'get_cosine_with_min_lr_schedule_with_warmup_lr_rate';
  total: number;
  cycles: number;
  minRate: number;
  warmupRate: number | null;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>) {
    const min_lr_rate = minLrRate(opt, a);
    const nwsV = a.num_warmup_steps;
    const ntsV = a.num_training_steps;
    const ncV = a.num_cycles;
    const wlr = a.warmup_lr_rate;
    super(sink, opt, lambdaFn('_get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda', (step) => {
      const current_step = step;
      const num_warmup_steps = pyFloat(nwsV);
      const num_training_steps = pyFloat(ntsV);
      if (current_step < num_warmup_steps) {
        if (isNone(wlr)) return (current_step + 1) / pyMax(1, num_warmup_steps);
        const warmup_lr_rate = pyFloat(wlr);
        return warmup_lr_rate + pyDiv((1.0 - warmup_lr_rate) * current_step, pyMax(1, num_warmup_steps - 1), false);
      }
      const progress = pyDiv(current_step - num_warmup_steps + 1, pyMax(1, num_training_steps - num_warmup_steps), false);
      let factor = 0.5 * (1.0 + pyCos(PI * operand(ncV, '*', 'float', false) * 2.0 * progress));
      factor = factor * (1 - min_lr_rate) + min_lr_rate;
      return pyMax(0, factor);
    }), a.last_epoch);
    this.warmup = isNumber(nwsV) ? toNumber(nwsV) : 0;
    this.total = isNumber(ntsV) ? toNumber(ntsV) : NaN;
    this.cycles = isNumber(ncV) ? toNumber(ncV) : 0.5;
    this.minRate = min_lr_rate;
    this.warmupRate = isNumber(wlr) ? toNumber(wlr) : null;
  }
  override explain(i: number): StepReason {
    if (i < this.warmup) {
      const f = this.warmupRate === null ? (i + 1) / Math.max(1, this.warmup) : this.warmupRate + ((1 - this.warmupRate) * i) / Math.max(1, this.warmup - 1);
      const text =
        this.warmupRate === null
          ? t('linear warmup from 1/{0} (not 0: this schedule counts step {1} as {2}) × base LR: step {1} of {0} → {3} × base LR', fmt(this.warmup), i, i + 1, fmt(f))
          : t('linear warmup from warmup_lr_rate={0} × base LR: step {1} of {2} → {3} × base LR', fmt(this.warmupRate), i, fmt(this.warmup), fmt(f));
      return { phase: t('warmup'), text };
    }
    const p = (i - this.warmup + 1) / Math.max(1, this.total - this.warmup);
    const f = Math.max(0, 0.5 * (1 + Math.cos(Math.PI * this.cycles * 2 * p)) * (1 - this.minRate) + this.minRate);
    return { phase: t('cosine'), text: t('cosine decay to min_lr_rate={0} × base LR, progress {1} (counted from step {2} as 1): factor {3}', fmt(this.minRate), pct(p), fmt(this.warmup), fmt(f)) };
  }
  override events(steps: number): Ev[] {
    const out = this.warmupEvents(steps);
    if (this.total > 0 && this.total < steps) out.push({ step: this.total, kind: 'end', label: t('num_training_steps={0}', fmt(this.total)) });
    return out;
  }
}

const WSD_TYPES = ['linear', 'cosine', '1-sqrt'];

class HfWsd extends HfLambdaLR {
  readonly hfName = 'get_wsd_schedule';
  stable: number;
  decay: number;
  warmupType: string;
  decayType: string;
  minRatio: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>) {
    const nts = a.num_training_steps;
    let nss = a.num_stable_steps;
    if (isNone(nts) && isNone(nss)) throw new PyError('ValueError', 'Either num_training_steps or num_stable_steps must be specified.');
    if (!isNone(nts) && !isNone(nss)) sink.warn('Both num_training_steps and num_stable_steps are specified. num_stable_steps will be used.');
    const wt = a.warmup_type;
    const dt = a.decay_type;
    if (!(wt.t === 'str' && WSD_TYPES.includes(wt.v))) throw new PyError('ValueError', `Unknown warmup type: ${pyStr(wt)}, expected 'linear', 'cosine' or '1-sqrt'`);
    if (!(dt.t === 'str' && WSD_TYPES.includes(dt.v))) throw new PyError('ValueError', `Unknown decay type: ${pyStr(dt)}, expected 'linear', 'cosine' or '1-sqrt'`);
    const nwsV = a.num_warmup_steps;
    const ndsV = a.num_decay_steps;
    if (isNone(nss)) {
      const t = operand(nts, '-', typeName(nwsV), true);
      const w = operand(nwsV, '-', typeName(nts), false);
      const d = operand(ndsV, '-', 'int', false);
      nss = { t: nts.t === 'float' || nwsV.t === 'float' || ndsV.t === 'float' ? 'float' : 'int', v: t - w - d } as PyValue;
    }
    const nssV = nss;
    const warmup_type = wt.v;
    const decay_type = dt.v;
    const mlr = a.min_lr_ratio;
    const ncV = a.num_cycles;
    super(sink, opt, lambdaFn('_get_wsd_scheduler_lambda', (current_step) => {
      const num_warmup_steps = operand(nwsV, '<', 'int', false);
      const min_lr_ratio = operand(mlr, '-', 'float', false);
      if (current_step < num_warmup_steps) {
        const progress = current_step / pyMax(1, num_warmup_steps);
        let factor: number;
        if (warmup_type === 'linear') factor = progress;
        else if (warmup_type === 'cosine') factor = 0.5 * (1.0 - pyCos(PI * progress));
        else factor = 1.0 - pySqrt(1.0 - progress);
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio;
        return pyMax(0.0, factor);
      }
      const num_stable_steps = operand(nssV, '+', 'int', false);
      if (current_step < num_warmup_steps + num_stable_steps) return 1.0;
      const num_decay_steps = operand(ndsV, '+', 'int', false);
      if (current_step < num_warmup_steps + num_stable_steps + num_decay_steps) {
        const progress = (current_step - num_warmup_steps - num_stable_steps) / pyMax(1, num_decay_steps);
        let factor: number;
        if (decay_type === 'linear') factor = 1.0 - progress;
        else if (decay_type === 'cosine') factor = 0.5 * (1.0 + pyCos(PI * pyFloat(ncV) * 2.0 * progress));
        else factor = 1.0 - pySqrt(progress);
        factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio;
        return pyMax(0.0, factor);
      }
      return min_lr_ratio;
    }), a.last_epoch);
    this.warmup = isNumber(nwsV) ? toNumber(nwsV) : 0;
    this.stable = isNumber(nssV) ? toNumber(nssV) : 0;
    this.decay = isNumber(ndsV) ? toNumber(ndsV) : 0;
    this.warmupType = warmup_type;
    this.decayType = decay_type;
    this.minRatio = isNumber(mlr) ? toNumber(mlr) : 0;
  }
  override explain(i: number): StepReason {
    const w = this.warmup;
    const s = this.stable;
    const d = this.decay;
    const floor = this.minRatio ? t('{0} × base LR (min_lr_ratio)', fmt(this.minRatio)) : '0';
    if (i < w) {
      const p = i / Math.max(1, w);
      return { phase: t('warmup'), text: t('warmup ({0}), step {1} of {2} ({3}): from {4} up to the base LR', this.warmupType, i, fmt(w), pct(p), floor) };
    }
    if (i < w + s) return { phase: t('stable'), text: t('stable phase, steps {0}–{1}: LR = base LR', fmt(w), fmt(w + s - 1)) };
    if (i < w + s + d) {
      const p = (i - w - s) / Math.max(1, d);
      return { phase: t('decay'), text: t('decay ({0}), {1} of {2} decay steps: from the base LR down to {3}', this.decayType, pct(p), fmt(d), floor) };
    }
    return { phase: t('end'), text: t('after warmup + stable + decay ({0} steps): LR = {1}', fmt(w + s + d), floor) };
  }
  override events(steps: number): Ev[] {
    const out: Ev[] = [];
    const w = this.warmup;
    const s = this.stable;
    const d = this.decay;
    if (w > 0 && w < steps) out.push({ step: Math.ceil(w), kind: 'phase', label: t('stable phase starts (base LR)') });
    if (s > 0 && w + s < steps) out.push({ step: Math.ceil(w + s), kind: 'phase', label: t('decay phase starts ({0})', this.decayType) });
    if (w + s + d > 0 && w + s + d < steps) out.push({ step: Math.ceil(w + s + d), kind: 'end', label: t('decay done: min_lr_ratio × base LR') });
    return out;
  }
}

// ---- Calling the functions ----------------------------------------------------------------------

const BUILDERS: Record<string, Builder> = {
  get_constant_schedule: (s, o, a) => new HfConstant(s, o, a, lambdaFn('_get_constant_lambda', () => 1)),
  get_constant_schedule_with_warmup: (s, o, a) =>
    new HfConstantWarmup(s, o, a, lambdaFn('_get_constant_schedule_with_warmup_lr_lambda', constantWarmupLambda(a.num_warmup_steps))),
  get_linear_schedule_with_warmup: (s, o, a) =>
    new HfLinear(s, o, a, lambdaFn('_get_linear_schedule_with_warmup_lr_lambda', linearLambda(a.num_warmup_steps, a.num_training_steps))),
  get_cosine_schedule_with_warmup: (s, o, a) =>
    new HfCosine(s, o, a, lambdaFn('_get_cosine_schedule_with_warmup_lr_lambda', cosineLambda(a.num_warmup_steps, a.num_training_steps, a.num_cycles, 0.0))),
  get_cosine_with_hard_restarts_schedule_with_warmup: (s, o, a) =>
    new HfCosineRestarts(s, o, a, lambdaFn('_get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda', restartsLambda(a.num_warmup_steps, a.num_training_steps, a.num_cycles))),
  get_polynomial_decay_schedule_with_warmup: (s, o, a) => {
    const [lrInit, lrEnd] = polynomialEnds(o, a.lr_end);
    const f = polynomialLambda(a.num_warmup_steps, a.num_training_steps, a.power, lrInit, lrEnd);
    return new HfPolynomial(s, o, a, lambdaFn('_get_polynomial_decay_schedule_with_warmup_lr_lambda', f), lrInit, lrEnd);
  },
  get_inverse_sqrt_schedule: (s, o, a) => new HfInverseSqrt(s, o, a),
  get_cosine_with_min_lr_schedule_with_warmup: (s, o, a) => {
    const rate = minLrRate(o, a);
    const f = cosineLambda(a.num_warmup_steps, a.num_training_steps, a.num_cycles, rate);
    return new HfCosineMinLr(s, o, a, lambdaFn('_get_cosine_schedule_with_warmup_lr_lambda', f), rate);
  },
  get_cosine_with_min_lr_schedule_with_warmup_lr_rate: (s, o, a) => new HfCosineWarmupMinLr(s, o, a),
  get_wsd_schedule: (s, o, a) => new HfWsd(s, o, a),
  get_reduce_on_plateau_schedule: (s, o, a) => buildPlateau(s, o, a),
};

/** `ReduceLROnPlateau(optimizer, **kwargs)`: binds the kwargs to torch's signature. */
function buildPlateau(sink: torch.WarningSink, opt: SimOptimizer, kwargs: Record<string, PyValue>): torch.LRScheduler {
  const torchEntry = findEntry('ReduceLROnPlateau')!;
  const { args } = bindCall('ReduceLROnPlateau.__init__', torchEntry.params.filter((p) => !p.removedIn), kwargs);
  return new torch.ReduceLROnPlateau(sink, opt, args);
}

/** Calls transformers function `fn` with keyword arguments, as Python would. */
export function callScheduleFunction(fn: string, sink: torch.WarningSink, opt: SimOptimizer, given: Record<string, PyValue>): torch.LRScheduler {
  const entry = HF_ENTRIES.find((e) => e.name === fn);
  const build = BUILDERS[fn];
  if (!entry || !build) throw new PyError('NameError', `name '${fn}' is not defined`);
  const plateau = fn === 'get_reduce_on_plateau_schedule';
  if (plateau) {
    // def get_reduce_on_plateau_schedule(optimizer, **kwargs): the kwargs go to ReduceLROnPlateau.
    const kw: Record<string, PyValue> = {};
    for (const [k, v] of Object.entries(given)) if (k !== 'optimizer') kw[k] = v;
    return build(sink, opt, kw);
  }
  const { args } = bindCall(fn, entry.params, given);
  return build(sink, opt, args);
}

/** `get_scheduler(name, optimizer, num_warmup_steps=None, num_training_steps=None, scheduler_specific_kwargs=None)`. */
function getScheduler(sink: torch.WarningSink, opt: SimOptimizer, given: Record<string, PyValue>): torch.LRScheduler {
  const { args: a } = bindCall('get_scheduler', HF_ENTRIES.find((e) => e.name === 'get_scheduler')!.params, given);
  const t = schedulerType(a.name);
  const nws = a.num_warmup_steps;
  const nts = a.num_training_steps;
  const member = `SchedulerType.${t.member}`; // f"{name}" of a str-mixin Enum on Python 3.11
  if (t.value === 'constant') return callScheduleFunction(t.fn, sink, opt, {});
  let kwargs = a.scheduler_specific_kwargs;
  if (isNone(kwargs)) kwargs = { t: 'dict', entries: [] };
  const kw = kwargsOf(t.fn, kwargs);
  if (t.value === 'reduce_lr_on_plateau') return callScheduleFunction(t.fn, sink, opt, kw);
  if (isNone(nws)) throw new PyError('ValueError', `${member} requires \`num_warmup_steps\`, please provide that argument.`);
  if (t.value === 'constant_with_warmup' || t.value === 'inverse_sqrt') return callScheduleFunction(t.fn, sink, opt, { num_warmup_steps: nws });
  const call = (): torch.LRScheduler => {
    for (const k of Object.keys(kw)) {
      if (k === 'num_warmup_steps' || k === 'num_training_steps') throw new PyError('TypeError', `transformers.optimization.${t.fn}() got multiple values for keyword argument '${k}'`);
    }
    return callScheduleFunction(t.fn, sink, opt, { num_warmup_steps: nws, num_training_steps: nts, ...kw });
  };
  if (t.value === 'warmup_stable_decay') return call();
  if (isNone(nts)) throw new PyError('ValueError', `${member} requires \`num_training_steps\`, please provide that argument.`);
  return call();
}

function kwargsOf(fn: string, v: PyValue): Record<string, PyValue> {
  if (v.t !== 'dict') throw new PyError('TypeError', `transformers.optimization.${fn}() argument after ** must be a mapping, not ${typeName(v)}`);
  const out: Record<string, PyValue> = {};
  for (const [k, x] of v.entries) {
    if (k.t !== 'str') throw new PyError('TypeError', 'keywords must be strings');
    out[k.v] = x;
  }
  return out;
}

// ---- The catalog ---------------------------------------------------------------------------------

const HF = 'transformers';
const qn = (name: string) => [`${HF}.${name}`, `${HF}.optimization.${name}`];

const WARMUP: ParamSpec = {
  name: 'num_warmup_steps',
  position: 1,
  type: 'int',
  unit: 'optimizer steps',
  range: 'integer ≥ 0',
  doc: 'Length of the linear warmup in optimizer updates: the LR climbs from 0 at step 0 to the base LR at this step; 0 skips the warmup. A float like 0.1 is NOT a ratio here — it means a warmup of less than one step.',
};
const TRAINING = (position: number): ParamSpec => ({
  name: 'num_training_steps',
  position,
  type: 'int',
  unit: 'optimizer steps',
  range: 'integer > num_warmup_steps',
  doc: 'Total optimizer updates the schedule spans (len(dataloader) × epochs ÷ gradient_accumulation_steps); the decay ends here, so overestimating it leaves the LR high when training stops.',
});
const NUM_CYCLES_COS = (position: number): ParamSpec => ({
  name: 'num_cycles',
  position,
  default: '0.5',
  type: 'float',
  unit: 'cosine waves',
  range: '> 0',
  doc: 'Number of full cosine waves over the decay: 0.5 (default) is one half-cosine from the base LR to 0; 1.0 goes down and back up to the base LR; larger values oscillate.',
});

const WARMUP_PITFALLS = [
  'Warmup starts at LR 0: step 0 trains with LR 0 (the first update does nothing) and the base LR is reached only at step num_warmup_steps.',
  'num_training_steps must count optimizer updates, not batches: with gradient_accumulation_steps=k, divide len(dataloader) × epochs by k, or the schedule is stretched k× and the LR never finishes decaying.',
  'get_scheduler / Trainer: TrainingArguments(warmup_ratio=...) is deprecated in transformers v5 in favour of a float warmup_steps (< 1 = ratio); passing 0.1 directly as num_warmup_steps is not a ratio.',
];

const RLRP = () => (findEntry('ReduceLROnPlateau')?.params ?? []).filter((p) => p.name !== 'optimizer' && !p.removedIn).map((p) => ({ ...p, position: undefined, doc: `Passed on to torch ReduceLROnPlateau: ${p.doc}` }));

export const HF_ENTRIES: SchedulerEntry[] = [
  {
    name: 'get_constant_schedule',
    framework: 'transformers',
    qualifiedNames: qn('get_constant_schedule'),
    summary: 'Keeps the optimizer’s learning rate constant (a LambdaLR whose factor is always 1).',
    formula: 'lr(t) = base_lr',
    params: [OPT, LAST_EPOCH(1)],
    checks: [],
    pitfalls: ['No warmup and no decay: Trainer with lr_scheduler_type="constant" ignores warmup_steps (use "constant_with_warmup").'],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callScheduleFunction('get_constant_schedule', s, o, a)),
  },
  {
    name: 'get_constant_schedule_with_warmup',
    framework: 'transformers',
    qualifiedNames: qn('get_constant_schedule_with_warmup'),
    summary: 'Linear warmup from 0 to the optimizer’s LR over `num_warmup_steps`, then constant.',
    formula: 'lr(t) = base_lr × t / max(1, W) for t < W, base_lr after',
    params: [OPT, WARMUP, LAST_EPOCH(2)],
    checks: [],
    pitfalls: [WARMUP_PITFALLS[0]],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callScheduleFunction('get_constant_schedule_with_warmup', s, o, a)),
  },
  {
    name: 'get_linear_schedule_with_warmup',
    framework: 'transformers',
    qualifiedNames: qn('get_linear_schedule_with_warmup'),
    summary: 'Linear warmup from 0 to the optimizer’s LR, then linear decay to 0 at `num_training_steps` (and 0 after).',
    formula: 'lr(t) = base_lr × t / max(1, W) for t < W; base_lr × max(0, (T − t) / max(1, T − W)) after',
    params: [OPT, WARMUP, TRAINING(2), LAST_EPOCH(3)],
    checks: ['A non-integer num_warmup_steps is accepted silently (0.1 means a warmup shorter than one step).'],
    pitfalls: [...WARMUP_PITFALLS, 'The LR is exactly 0 from num_training_steps on: steps past it do not learn.'],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callScheduleFunction('get_linear_schedule_with_warmup', s, o, a)),
  },
  {
    name: 'get_cosine_schedule_with_warmup',
    framework: 'transformers',
    qualifiedNames: qn('get_cosine_schedule_with_warmup'),
    summary: 'Linear warmup from 0, then a cosine from the optimizer’s LR down to 0 at `num_training_steps` (half a wave by default).',
    formula: 'lr(t) = base_lr × t / max(1, W) for t < W; base_lr × max(0, ½(1 + cos(2π · num_cycles · p))), p = (t − W) / max(1, T − W)',
    params: [OPT, WARMUP, TRAINING(2), NUM_CYCLES_COS(3), LAST_EPOCH(4)],
    checks: [],
    pitfalls: [...WARMUP_PITFALLS, 'Past num_training_steps the cosine keeps going (it rises again); it does not stop at 0.'],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callScheduleFunction('get_cosine_schedule_with_warmup', s, o, a)),
  },
  {
    name: 'get_cosine_with_hard_restarts_schedule_with_warmup',
    framework: 'transformers',
    qualifiedNames: qn('get_cosine_with_hard_restarts_schedule_with_warmup'),
    summary: 'Linear warmup from 0, then `num_cycles` cosine decays to 0, each restarting at the optimizer’s LR; 0 from `num_training_steps` on.',
    formula: 'lr(t) = base_lr × ½(1 + cos(π · ((num_cycles · p) mod 1))), p = (t − W) / max(1, T − W); 0 once p ≥ 1',
    params: [
      OPT, WARMUP, TRAINING(2),
      { name: 'num_cycles', position: 3, default: '1', type: 'int', unit: 'cycles', range: 'integer ≥ 1', doc: 'Number of cosine decays between warmup and num_training_steps; each one restarts at the base LR. The default 1 has no restart at all — it is the plain cosine schedule.' },
      LAST_EPOCH(4),
    ],
    checks: [],
    pitfalls: ['With the default num_cycles=1 ("cosine_with_restarts" without scheduler_specific_kwargs / lr_scheduler_kwargs={"num_cycles": n}) there is no restart: it is the plain cosine schedule, which ends at 0.', ...WARMUP_PITFALLS],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callScheduleFunction('get_cosine_with_hard_restarts_schedule_with_warmup', s, o, a)),
  },
  {
    name: 'get_polynomial_decay_schedule_with_warmup',
    framework: 'transformers',
    qualifiedNames: qn('get_polynomial_decay_schedule_with_warmup'),
    summary: 'Linear warmup from 0, then a polynomial decay from the optimizer’s LR to `lr_end` at `num_training_steps`, held after.',
    formula: 'lr(t) = (lr_init − lr_end) × (1 − (t − W)/(T − W))^power + lr_end, scaled per group by group_lr / lr_init',
    params: [
      OPT, WARMUP, TRAINING(2),
      { name: 'lr_end', position: 3, default: '1e-7', type: 'float', unit: 'LR', range: '< optimizer lr', doc: 'The absolute LR reached at num_training_steps and held afterwards; must be below the optimizer’s default lr or the call raises ValueError.' },
      { name: 'power', position: 4, default: '1.0', type: 'float', range: '> 0', doc: 'Shape of the decay: 1.0 is linear, 2.0 drops quickly then flattens, 0.5 stays high longer and drops late.' },
      LAST_EPOCH(5),
    ],
    checks: ['lr_end must be smaller than optimizer.defaults["lr"] ("lr_end (…) must be smaller than initial lr (…)").', 'num_training_steps == num_warmup_steps divides by zero at that step.'],
    pitfalls: ['It reads optimizer.defaults["lr"] (the lr= keyword of the optimizer), not each param group’s LR: a group with its own lr decays to lr_end × group_lr / default_lr.', ...WARMUP_PITFALLS],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callScheduleFunction('get_polynomial_decay_schedule_with_warmup', s, o, a)),
  },
  {
    name: 'get_inverse_sqrt_schedule',
    framework: 'transformers',
    qualifiedNames: qn('get_inverse_sqrt_schedule'),
    summary: 'Linear warmup from 0, then an inverse-square-root decay 1/√((t + timescale − W)/timescale) that never reaches 0.',
    formula: 'lr(t) = base_lr / √((t + timescale − W) / timescale) for t ≥ W',
    params: [
      OPT, WARMUP,
      { name: 'timescale', position: 2, default: 'None', type: 'int | None', unit: 'steps', range: 'integer > 0', doc: 'Decay time scale in optimizer steps: the LR is the base LR at the end of warmup and base LR / √2 exactly timescale steps later; None uses num_warmup_steps (or 10 000 when that is 0). Larger values decay more slowly.' },
      LAST_EPOCH(3),
    ],
    checks: [],
    pitfalls: ['There is no num_training_steps: the LR keeps falling slowly for as long as you train.', WARMUP_PITFALLS[0]],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callScheduleFunction('get_inverse_sqrt_schedule', s, o, a)),
  },
  {
    name: 'get_reduce_on_plateau_schedule',
    framework: 'transformers',
    qualifiedNames: qn('get_reduce_on_plateau_schedule'),
    summary: 'torch’s ReduceLROnPlateau: cuts the LR by `factor` when the metric stops improving (keyword arguments are passed straight through).',
    params: [OPT, ...RLRP()],
    checks: ['Any ReduceLROnPlateau keyword; an unknown one is ReduceLROnPlateau’s TypeError.'],
    pitfalls: ['Trainer steps it with the evaluation metric (metric_for_best_model, default "loss") after each evaluation, so it needs eval_strategy other than "no".', 'num_warmup_steps / num_training_steps are ignored by get_scheduler for this type.'],
    typicalStepping: 'per-metric',
    ctor: factory((s, o, a) => callScheduleFunction('get_reduce_on_plateau_schedule', s, o, a)),
  },
  {
    name: 'get_cosine_with_min_lr_schedule_with_warmup',
    framework: 'transformers',
    qualifiedNames: qn('get_cosine_with_min_lr_schedule_with_warmup'),
    summary: 'Linear warmup from 0, then a cosine from the optimizer’s LR down to a floor given as `min_lr` or `min_lr_rate`.',
    formula: 'factor = ½(1 + cos(2π · num_cycles · p)) × (1 − min_lr_rate) + min_lr_rate',
    params: [
      OPT, WARMUP, TRAINING(2), NUM_CYCLES_COS(3), LAST_EPOCH(4),
      { name: 'min_lr', position: 5, default: 'None', type: 'float | None', unit: 'LR', doc: 'Absolute floor LR reached at the end of the cosine; converted to a ratio of optimizer.defaults["lr"]. Give this or min_lr_rate, not both.' },
      { name: 'min_lr_rate', position: 6, default: 'None', type: 'float | None', unit: '× base LR', range: '[0, 1]', doc: 'Floor as a fraction of each group’s base LR (0.1 ends at a tenth of the peak). Give this or min_lr, not both.' },
    ],
    checks: ['Exactly one of min_lr / min_lr_rate ("Only one of min_lr or min_lr_rate should be set"; "One of min_lr or min_lr_rate should be set through the `lr_scheduler_kwargs`").'],
    pitfalls: ['min_lr is divided by optimizer.defaults["lr"], not by each group’s LR: groups with their own lr end at min_lr × group_lr / default_lr.', ...WARMUP_PITFALLS],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callScheduleFunction('get_cosine_with_min_lr_schedule_with_warmup', s, o, a)),
  },
  {
    name: 'get_cosine_with_min_lr_schedule_with_warmup_lr_rate',
    framework: 'transformers',
    qualifiedNames: qn('get_cosine_with_min_lr_schedule_with_warmup_lr_rate'),
    summary: 'Warmup that starts above 0 (1/W, or `warmup_lr_rate`), then a cosine down to a floor given as `min_lr` or `min_lr_rate`.',
    formula: 'warmup: (t + 1)/max(1, W) or r + (1 − r)·t/max(1, W − 1); then p = (t − W + 1)/max(1, T − W), factor = ½(1 + cos(2π · num_cycles · p)) × (1 − m) + m',
    params: [
      OPT, WARMUP, TRAINING(2), NUM_CYCLES_COS(3), LAST_EPOCH(4),
      { name: 'min_lr', position: 5, default: 'None', type: 'float | None', unit: 'LR', doc: 'Absolute floor LR at the end of the cosine, converted to a ratio of optimizer.defaults["lr"]. Give this or min_lr_rate, not both.' },
      { name: 'min_lr_rate', position: 6, default: 'None', type: 'float | None', unit: '× base LR', range: '[0, 1]', doc: 'Floor as a fraction of each group’s base LR. Give this or min_lr, not both.' },
      { name: 'warmup_lr_rate', position: 7, default: 'None', type: 'float | None', unit: '× base LR', range: '[0, 1)', doc: 'Fraction of the base LR the warmup starts from at step 0; None starts at 1/num_warmup_steps (so step 0 already trains).' },
    ],
    checks: ['Exactly one of min_lr / min_lr_rate.'],
    pitfalls: ['Unlike the other warmups, this one does not start at 0: step 0 uses 1/num_warmup_steps of the base LR (or warmup_lr_rate).', 'Its cosine is one step ahead of cosine_with_min_lr: progress counts from 1 at the first step after warmup.', 'min_lr is divided by optimizer.defaults["lr"].'],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callScheduleFunction('get_cosine_with_min_lr_schedule_with_warmup_lr_rate', s, o, a)),
  },
  {
    name: 'get_wsd_schedule',
    framework: 'transformers',
    qualifiedNames: qn('get_wsd_schedule'),
    summary: 'Warmup–stable–decay: warms up to the optimizer’s LR, holds it, then decays to `min_lr_ratio` × LR over `num_decay_steps`.',
    formula: 'warmup (linear | cosine | 1-sqrt) → stable (base_lr) → decay (linear | cosine | 1-sqrt) → min_lr_ratio × base_lr',
    params: [
      OPT, WARMUP,
      { name: 'num_decay_steps', position: 2, type: 'int', unit: 'optimizer steps', range: 'integer ≥ 0', doc: 'Length of the final decay phase in optimizer updates; the LR reaches min_lr_ratio × base LR at its end.' },
      { name: 'num_training_steps', position: 3, default: 'None', type: 'int | None', unit: 'optimizer steps', doc: 'Total optimizer updates; the stable phase fills whatever warmup and decay leave (T − W − D). Give this or num_stable_steps.' },
      { name: 'num_stable_steps', position: 4, default: 'None', type: 'int | None', unit: 'optimizer steps', doc: 'Length of the constant phase at the base LR; wins over num_training_steps when both are given (with a warning).' },
      { name: 'warmup_type', position: 5, default: '"linear"', type: "'linear' | 'cosine' | '1-sqrt'", range: "'linear' | 'cosine' | '1-sqrt'", doc: "Shape of the warmup: 'linear' ramps evenly, 'cosine' starts and ends gently, '1-sqrt' rises fast then slowly." },
      { name: 'decay_type', position: 6, default: '"cosine"', type: "'linear' | 'cosine' | '1-sqrt'", range: "'linear' | 'cosine' | '1-sqrt'", doc: "Shape of the decay: 'cosine' (default) is gentle at both ends, 'linear' even, '1-sqrt' drops fast at the start of the decay." },
      { name: 'min_lr_ratio', position: 7, default: '0', type: 'float', unit: '× base LR', range: '[0, 1]', doc: 'Where warmup starts and decay ends, as a fraction of the base LR: 0.1 starts the warmup at a tenth of the peak (not 0) and ends there.' },
      NUM_CYCLES_COS(8),
      LAST_EPOCH(9),
    ],
    checks: ['num_training_steps or num_stable_steps ("Either num_training_steps or num_stable_steps must be specified.").', "warmup_type / decay_type in 'linear', 'cosine', '1-sqrt'.", 'Both given: UserWarning, num_stable_steps wins.'],
    pitfalls: ['With min_lr_ratio > 0 the warmup starts at min_lr_ratio × base LR, not 0.', 'Steps after warmup + stable + decay stay at min_lr_ratio × base LR (0 by default).', WARMUP_PITFALLS[1]],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callScheduleFunction('get_wsd_schedule', s, o, a)),
  },
  {
    name: 'get_scheduler',
    framework: 'transformers',
    qualifiedNames: qn('get_scheduler'),
    summary: 'Builds the schedule named by a SchedulerType string ("linear", "cosine", …) — what Trainer and accelerate-style loops call.',
    params: [
      { name: 'name', position: 0, type: 'str | SchedulerType', range: SCHEDULER_TYPES.map((x) => `'${x[1]}'`).join(' | '), doc: `Which schedule: ${SCHEDULER_TYPES.map((x) => `"${x[1]}" = ${x[2]}`).join('; ')}. Lower-case, exact spelling.` },
      { ...OPT, position: 1 },
      { name: 'num_warmup_steps', position: 2, default: 'None', type: 'int | None', unit: 'optimizer steps', doc: 'Warmup length in optimizer updates (0 at step 0, base LR at this step); required by every type except "constant" and "reduce_lr_on_plateau", which ignore it. Not a ratio: 0.1 means < 1 step.' },
      { name: 'num_training_steps', position: 3, default: 'None', type: 'int | None', unit: 'optimizer steps', doc: 'Total optimizer updates (divide batches by gradient_accumulation_steps); required by the decaying types, ignored by constant, constant_with_warmup, inverse_sqrt and reduce_lr_on_plateau.' },
      { name: 'scheduler_specific_kwargs', position: 4, default: 'None', type: 'dict | None', doc: 'Extra keyword arguments for the chosen function (num_cycles, lr_end, power, min_lr, num_decay_steps…); one it does not take is a TypeError — but constant, constant_with_warmup and inverse_sqrt silently ignore them.' },
    ],
    checks: [
      'name must be a SchedulerType value ("… is not a valid SchedulerType, please select one of [...]").',
      'num_warmup_steps is required except for constant / reduce_lr_on_plateau ("SchedulerType.X requires `num_warmup_steps`, please provide that argument.").',
      'num_training_steps is required for linear, cosine, cosine_with_restarts, polynomial and the min_lr cosines ("SchedulerType.X requires `num_training_steps`, …").',
    ],
    pitfalls: [
      ...WARMUP_PITFALLS,
      '"cosine_with_restarts" without scheduler_specific_kwargs={"num_cycles": n} has num_cycles=1: no restart, the same curve as "cosine".',
      'get_scheduler silently drops arguments some schedules do not take: "constant" ignores everything, "constant_with_warmup" and "inverse_sqrt" ignore num_training_steps and scheduler_specific_kwargs.',
    ],
    typicalStepping: 'per-batch',
    ctor: factory(getScheduler),
  },
];

let registered = false;
/**
 * Adds the transformers entries to the engine's catalog, then diffusers' (diffusers.ts), which every
 * importer of this module gets too (idempotent).
 */
export function registerTransformers(): void {
  if (!registered && !catalogEntries.some((e) => e.name === 'get_scheduler')) registerEntries(HF_ENTRIES);
  registered = true;
  registerDiffusers();
  registerTimm();
}
registerTransformers();

/** The schedule function a `get_scheduler(name, ...)` call dispatches to, or null for an invalid name. */
export function dispatchTarget(name: PyValue): string | null {
  try {
    return schedulerType(name).fn;
  } catch {
    return null;
  }
}

// ---- TrainingArguments → Trainer.create_scheduler ------------------------------------------------

/** What a Trainer needs beyond TrainingArguments to know the number of optimizer updates. */
export interface TrainerContext {
  /** len(train_dataloader): batches per epoch per process (before gradient accumulation). */
  batchesPerEpoch?: number;
  /** The optimizer the Trainer steps; default: the AdamW Trainer builds from learning_rate, weight_decay, adam_*. */
  optimizer?: OptimizerRef;
  /** Id for the default optimizer. */
  optimizerId?: number;
}

export interface TrainerSchedule {
  /** `get_scheduler(lr_scheduler_type, optimizer=..., num_warmup_steps=..., num_training_steps=..., scheduler_specific_kwargs=...)`. */
  ref: SchedulerRef;
  /** max_steps as Trainer computes it: the scheduler's num_training_steps. */
  numTrainingSteps: number;
  /** args.get_warmup_steps(num_training_steps). */
  numWarmupSteps: number;
  /** transformers' logger warnings TrainingArguments would print (warmup_ratio deprecation). */
  warnings: string[];
  /** How the numbers were derived, for a hover. */
  explanation: string[];
}

export const TA_DEFAULTS: Record<string, PyValue> = {
  learning_rate: float(5e-5),
  weight_decay: float(0.0),
  adam_beta1: float(0.9),
  adam_beta2: float(0.999),
  adam_epsilon: float(1e-8),
  lr_scheduler_type: str('linear'),
  lr_scheduler_kwargs: none,
  warmup_steps: int(0),
  warmup_ratio: none,
  max_steps: int(-1),
  num_train_epochs: float(3.0),
  gradient_accumulation_steps: int(1),
  eval_strategy: str('no'),
};

/** transformers' _convert_str_dict for `lr_scheduler_kwargs` given as a JSON string. */
function convertStrDict(x: unknown): PyValue {
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    return { t: 'dict', entries: Object.entries(x as Record<string, unknown>).map(([k, v]) => [str(k), convertStrDict(v)] as [PyValue, PyValue]) };
  }
  if (typeof x === 'string') {
    if (x.toLowerCase() === 'true' || x.toLowerCase() === 'false') return { t: 'bool', v: x.toLowerCase() === 'true' };
    if (/^[0-9]+$/.test(x)) return int(Number(x));
    if (/^[0-9]*\.?[0-9]*$/.test(x) && /[0-9]/.test(x) && x.replace('.', '').length === x.length - 1) return float(Number(x));
    return str(x);
  }
  if (typeof x === 'number') return Number.isInteger(x) && !String(x).includes('.') ? int(x) : float(x);
  if (typeof x === 'boolean') return { t: 'bool', v: x };
  if (x === null) return none;
  if (Array.isArray(x)) return { t: 'list', items: x.map(convertStrDict) };
  return { t: 'opaque', source: String(x) };
}

/**
 * Maps resolved `TrainingArguments(...)` keyword values to the scheduler `Trainer.create_scheduler`
 * builds: `get_scheduler(args.lr_scheduler_type, optimizer, num_warmup_steps=args.get_warmup_steps(max_steps),
 * num_training_steps=max_steps, scheduler_specific_kwargs=args.lr_scheduler_kwargs)`.
 * Throws PyError for what TrainingArguments itself rejects (unknown scheduler type, negative warmup,
 * reduce_lr_on_plateau without an eval strategy, no way to know the number of steps).
 */
export function trainerSchedulerRef(kwargs: Record<string, PyValue>, ctx: TrainerContext = {}): TrainerSchedule {
  const a: Record<string, PyValue> = { ...TA_DEFAULTS, ...kwargs };
  const warnings: string[] = [];
  const explanation: string[] = [];
  // __post_init__: lr_scheduler_kwargs given as a JSON string.
  let lrKw = a.lr_scheduler_kwargs;
  if (lrKw.t === 'str' && lrKw.v.startsWith('{')) lrKw = convertStrDict(JSON.parse(lrKw.v));
  // warmup_ratio (deprecated in v5) overrides warmup_steps.
  let warmup = a.warmup_steps;
  if (!isNone(a.warmup_ratio)) {
    warnings.push('warmup_ratio is deprecated and will be removed in v5.2. Use `warmup_steps` instead.');
    warmup = a.warmup_ratio;
    explanation.push(`warmup_ratio=${pyStr(a.warmup_ratio)} replaces warmup_steps (deprecated in transformers v5: pass warmup_steps=${pyStr(a.warmup_ratio)} instead).`);
  }
  const type = schedulerType(a.lr_scheduler_type); // SchedulerType(self.lr_scheduler_type)
  if (type.value === 'reduce_lr_on_plateau') {
    const es = a.eval_strategy;
    if (es.t === 'str' && es.v === 'no') throw new PyError('ValueError', 'lr_scheduler_type reduce_lr_on_plateau requires an eval strategy');
  }
  const w = operand(warmup, '<', 'int', true);
  if (w < 0) throw new PyError('ValueError', 'warmup_steps must be an integer or a float');

  // Trainer.set_initial_training_values: max_steps, else ceil(epochs × updates per epoch).
  const maxSteps = operand(a.max_steps, '>', 'int', true);
  const gas = operand(a.gradient_accumulation_steps, '//', 'int', false);
  let numTrainingSteps: number;
  if (maxSteps > 0) {
    numTrainingSteps = maxSteps;
    explanation.push(`num_training_steps = max_steps = ${maxSteps}`);
  } else {
    const len = ctx.batchesPerEpoch;
    if (len === undefined || !(len >= 0)) {
      throw new PyError('ValueError', `args.max_steps must be set to a positive value if dataloader does not have a length, was ${pyStr(a.max_steps)}`);
    }
    if (gas === 0) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero');
    const perEpoch = Math.max(Math.floor(len / gas) + (len % gas > 0 ? 1 : 0), 1);
    const epochs = operand(a.num_train_epochs, '*', 'int', true);
    numTrainingSteps = Math.ceil(epochs * perEpoch);
    explanation.push(
      `num_training_steps = ceil(num_train_epochs × ceil(len(train_dataloader) / gradient_accumulation_steps)) = ceil(${fmt(epochs)} × ceil(${len} / ${gas})) = ${numTrainingSteps}`,
    );
  }
  // args.get_warmup_steps(num_training_steps)
  const numWarmupSteps = w >= 1 ? Math.trunc(w) : Math.ceil(numTrainingSteps * w);
  explanation.push(
    w >= 1 ? `num_warmup_steps = int(warmup_steps) = ${numWarmupSteps}` : `num_warmup_steps = ceil(num_training_steps × ${fmt(w)}) = ${numWarmupSteps} (warmup_steps < 1 is a ratio)`,
  );
  const optimizer: OptimizerRef = ctx.optimizer ?? {
    name: 'AdamW',
    id: ctx.optimizerId ?? 0,
    groups: [],
    defaults: {
      lr: a.learning_rate,
      betas: { t: 'tuple', items: [a.adam_beta1, a.adam_beta2] },
      eps: a.adam_epsilon,
      weight_decay: a.weight_decay,
    },
  };
  const ref: SchedulerRef = {
    name: 'get_scheduler',
    args: {
      name: str(type.value),
      num_warmup_steps: int(numWarmupSteps),
      num_training_steps: int(numTrainingSteps),
      scheduler_specific_kwargs: lrKw,
    },
    optimizer,
  };
  return { ref, numTrainingSteps, numWarmupSteps, warnings, explanation };
}
