// What the Hugging Face schedule modules (transformers.ts, diffusers.ts) share: the Python semantics
// their transcribed lambdas need (`float(x)`, `int(s)`, `max(a, b)`, operand TypeErrors), the
// LambdaLR subclasses that explain each step of the common shapes (constant, warmup, linear, cosine,
// hard restarts, polynomial) and Python's function-call binding. The lambdas themselves are not
// shared: each library's module transcribes its own source, in its own order of operations, and
// hands the lambda to these classes.
import { PyError, PyValue, PyFunction, isNumber, toNumber, typeName, pyStr, repr, none, float, int, str } from './pyvalue';
import * as torch from './torch';
import { SimOptimizer } from './optimizer';
import type { TorchCtor } from './catalog';
import type { ParamSpec, StepReason } from './types';
import { t } from './l10n';

// ---- Python helpers ------------------------------------------------------------------------------

/** Python's two-argument max(): the first argument unless the second is strictly greater. */
export const pyMax = (a: number, b: number): number => (b > a ? b : a);
export const isNone = (v: PyValue | undefined): boolean => !v || v.t === 'none';

const DIGITS = String.raw`\d(?:_?\d)*`;
const FLOAT_LITERAL = new RegExp(String.raw`^[+-]?(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?$`);
const INT_LITERAL = new RegExp(String.raw`^[+-]?${DIGITS}$`);

/** Python's float(x): numbers, and strings in Python's float syntax (underscores, inf, nan, surrounding spaces). */
export function pyFloat(v: PyValue): number {
  if (isNumber(v)) return toNumber(v);
  if (v.t === 'str') {
    const s = v.v.trim();
    if (FLOAT_LITERAL.test(s)) return Number(s.replace(/_/g, ''));
    const m = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
    if (m) return m[2].toLowerCase() === 'nan' ? NaN : m[1] === '-' ? -Infinity : Infinity;
    throw new PyError('ValueError', `could not convert string to float: ${repr(v)}`);
  }
  throw new PyError('TypeError', `float() argument must be a string or a real number, not '${typeName(v)}'`);
}

/** Python's int(s) of a string (base 10). */
export function pyIntOfStr(s: string): number {
  const t = s.trim();
  if (INT_LITERAL.test(t)) return Number(t.replace(/_/g, ''));
  throw new PyError('ValueError', `invalid literal for int() with base 10: ${repr(str(s))}`);
}

/** A number operand of a binary operation; Python's TypeError when it is not one. */
export function operand(v: PyValue, op: string, other: string, left: boolean): number {
  if (isNumber(v)) return toNumber(v);
  const [a, b] = left ? [typeName(v), other] : [other, typeName(v)];
  if (op === '<' || op === '>' || op === '<=' || op === '>=') throw new PyError('TypeError', `'${op}' not supported between instances of '${a}' and '${b}'`);
  throw new PyError('TypeError', `unsupported operand type(s) for ${op}: '${a}' and '${b}'`);
}
export const pySqrt = (x: number): number => {
  if (x < 0) throw new PyError('ValueError', 'math domain error');
  return Math.sqrt(x);
};
export function isTruthy(v: PyValue): boolean {
  if (v.t === 'none') return false;
  if (v.t === 'bool') return v.v;
  if (v.t === 'int' || v.t === 'float') return v.v !== 0;
  if (v.t === 'str') return v.v !== '';
  if (v.t === 'list' || v.t === 'tuple') return v.items.length > 0;
  if (v.t === 'dict') return v.entries.length > 0;
  return true;
}
export const PI = Math.PI;
export const fmt = (x: number): string =>
  x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? Number(x.toPrecision(4)).toString() : x.toExponential(3).replace(/\.?0+e/, 'e');
export const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** An `lr_lambda` the engine's LambdaLR can call: `functools.partial(_lambda, **kw)` (transformers). */
export function lambdaFn(name: string, f: (step: number) => number): PyFunction {
  return closureFn(`functools.partial(${name})`, f);
}
/** An `lr_lambda` that is a closure or a lambda of the schedule function (diffusers). */
export function closureFn(name: string, f: (step: number) => number): PyFunction {
  return { t: 'func', name, call: (args) => ({ t: 'float', v: f(toNumber(args[0])) }) };
}

// ---- LambdaLR with an explanation of each step ---------------------------------------------------

export type Ev = ReturnType<torch.LRScheduler['events']>[number];
export type Lambda = (step: number) => number;

/** A Hugging Face schedule: PyTorch's LambdaLR with the schedule's own explanation of each step. */
export abstract class HfLambdaLR extends torch.LambdaLR {
  /** The schedule function that built it. */
  abstract readonly hfName: string;
  /** Warmup length as given (may be a float: a ratio passed by mistake). */
  warmup = 0;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, lrLambda: PyFunction, lastEpoch: PyValue) {
    super(sink, opt, { lr_lambda: lrLambda, last_epoch: lastEpoch });
  }
  protected warmupReason(i: number, from = 0): StepReason {
    const w = this.warmup;
    const frac = i / Math.max(1, w);
    return {
      phase: t('warmup'),
      text:
        from === 0
          ? t('linear warmup, step {0} of {1}: LR = base LR × {0}/{2} = {3} × base LR (warmup starts at LR 0)', i, fmt(w), fmt(Math.max(1, w)), fmt(frac))
          : t('linear warmup, step {0} of {1}: from {2} × base LR up to the base LR', i, fmt(w), fmt(from)),
    };
  }
  protected warmupEvents(steps: number): Ev[] {
    return this.warmup > 0 && this.warmup < steps ? [{ step: Math.ceil(this.warmup), kind: 'phase', label: t('warmup done: base LR reached (num_warmup_steps={0})', fmt(this.warmup)) }] : [];
  }
}

/** get_constant_schedule: factor 1. */
export class HfConstant extends HfLambdaLR {
  readonly hfName = 'get_constant_schedule';
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>, lrLambda: PyFunction) {
    super(sink, opt, lrLambda, a.last_epoch);
  }
  override explain(): StepReason {
    return { phase: t('constant'), text: t('constant: LR = base LR (the optimizer’s lr)') };
  }
}

/** get_constant_schedule_with_warmup: linear warmup from 0, then factor 1. */
export class HfConstantWarmup extends HfLambdaLR {
  readonly hfName = 'get_constant_schedule_with_warmup';
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>, lrLambda: PyFunction) {
    super(sink, opt, lrLambda, a.last_epoch);
    this.warmup = isNumber(a.num_warmup_steps) ? toNumber(a.num_warmup_steps) : 0;
  }
  override explain(i: number): StepReason {
    return i < this.warmup ? this.warmupReason(i) : { phase: t('constant'), text: t('after warmup: LR = base LR, constant') };
  }
  override events(steps: number): Ev[] {
    return this.warmupEvents(steps);
  }
}

/** get_linear_schedule_with_warmup: linear warmup from 0, linear decay to 0 at num_training_steps. */
export class HfLinear extends HfLambdaLR {
  readonly hfName = 'get_linear_schedule_with_warmup';
  total: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>, lrLambda: PyFunction) {
    super(sink, opt, lrLambda, a.last_epoch);
    this.warmup = isNumber(a.num_warmup_steps) ? toNumber(a.num_warmup_steps) : 0;
    this.total = isNumber(a.num_training_steps) ? toNumber(a.num_training_steps) : NaN;
  }
  override explain(i: number): StepReason {
    if (i < this.warmup) return this.warmupReason(i);
    const T = this.total;
    if (i >= T) return { phase: t('end'), text: t('at or past num_training_steps={0}: LR = 0', fmt(T)) };
    const f = (T - i) / Math.max(1, T - this.warmup);
    return { phase: t('linear decay'), text: t('linear decay to 0 at step {0}: {1} of {2} decay steps left = {3} × base LR', fmt(T), fmt(T - i), fmt(T - this.warmup), fmt(f)) };
  }
  override events(steps: number): Ev[] {
    const out = this.warmupEvents(steps);
    if (this.total > 0 && this.total < steps) out.push({ step: this.total, kind: 'end', label: t('num_training_steps={0}: LR reaches 0', fmt(this.total)) });
    return out;
  }
}

/** get_cosine_schedule_with_warmup (and transformers' min-LR variant): warmup, then a cosine of num_cycles waves. */
export class HfCosine extends HfLambdaLR {
  hfName = 'get_cosine_schedule_with_warmup';
  total: number;
  cycles: number;
  minRate: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>, lrLambda: PyFunction, minLrRate = 0.0) {
    super(sink, opt, lrLambda, a.last_epoch);
    this.warmup = isNumber(a.num_warmup_steps) ? toNumber(a.num_warmup_steps) : 0;
    this.total = isNumber(a.num_training_steps) ? toNumber(a.num_training_steps) : NaN;
    this.cycles = isNumber(a.num_cycles) ? toNumber(a.num_cycles) : 0.5;
    this.minRate = minLrRate;
  }
  override explain(i: number): StepReason {
    if (i < this.warmup) return this.warmupReason(i);
    const p = (i - this.warmup) / Math.max(1, this.total - this.warmup);
    const f = Math.max(0, 0.5 * (1 + Math.cos(Math.PI * this.cycles * 2 * p)) * (1 - this.minRate) + this.minRate);
    const [prog, span, cycles, factor] = [pct(p), fmt(this.total - this.warmup), fmt(this.cycles), fmt(f)];
    const where = this.minRate
      ? t('cosine decay, progress {0} of {1} steps (num_cycles={2}): factor {3} × base LR, floor {4} × base LR (min_lr_rate)', prog, span, cycles, factor, fmt(this.minRate))
      : t('cosine decay, progress {0} of {1} steps (num_cycles={2}): factor {3} × base LR', prog, span, cycles, factor);
    return { phase: t('cosine'), text: p > 1 ? t('{0} — past num_training_steps={1}: the cosine keeps going', where, fmt(this.total)) : where };
  }
  override events(steps: number): Ev[] {
    const out = this.warmupEvents(steps);
    if (this.total > 0 && this.total < steps) out.push({ step: this.total, kind: 'end', label: t('num_training_steps={0}', fmt(this.total)) });
    return out;
  }
}

/** get_cosine_with_hard_restarts_schedule_with_warmup: warmup, then num_cycles cosines each restarting at the base LR. */
export class HfCosineRestarts extends HfLambdaLR {
  readonly hfName = 'get_cosine_with_hard_restarts_schedule_with_warmup';
  total: number;
  cycles: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>, lrLambda: PyFunction) {
    super(sink, opt, lrLambda, a.last_epoch);
    this.warmup = isNumber(a.num_warmup_steps) ? toNumber(a.num_warmup_steps) : 0;
    this.total = isNumber(a.num_training_steps) ? toNumber(a.num_training_steps) : NaN;
    this.cycles = isNumber(a.num_cycles) ? toNumber(a.num_cycles) : 1;
  }
  override explain(i: number): StepReason {
    if (i < this.warmup) return this.warmupReason(i);
    const p = (i - this.warmup) / Math.max(1, this.total - this.warmup);
    if (p >= 1) return { phase: t('end'), text: t('at or past num_training_steps={0}: LR = 0', fmt(this.total)) };
    const x = (this.cycles * p) % 1;
    const k = Math.floor(this.cycles * p) + 1;
    const f = Math.max(0, 0.5 * (1 + Math.cos(Math.PI * x)));
    const [n, through, factor] = [fmt(this.cycles), pct(x), fmt(f)];
    const text =
      this.cycles === 1
        ? t('cosine cycle {0} of {1}, {2} through it: factor {3} × base LR; each cycle restarts at the base LR — num_cycles=1: a single cosine, no restart', k, n, through, factor)
        : t('cosine cycle {0} of {1}, {2} through it: factor {3} × base LR; each cycle restarts at the base LR', k, n, through, factor);
    return { phase: t('cycle {0} of {1}', k, n), text };
  }
  override events(steps: number): Ev[] {
    const out = this.warmupEvents(steps);
    const span = this.total - this.warmup;
    if (this.cycles > 0 && span > 0) {
      for (let k = 1; k < this.cycles && out.length < 400; k++) {
        const s = Math.ceil(this.warmup + (k * span) / this.cycles);
        if (s < steps) out.push({ step: s, kind: 'restart', label: t('hard restart {0}: back to base LR', k) });
      }
    }
    if (this.total > 0 && this.total < steps) out.push({ step: this.total, kind: 'end', label: t('num_training_steps={0}: LR 0', fmt(this.total)) });
    return out;
  }
}

/**
 * The check get_polynomial_decay_schedule_with_warmup makes before building its LambdaLR (the same
 * statements in transformers and diffusers): `lr_init = optimizer.defaults["lr"]`;
 * `if not (lr_init > lr_end): raise ValueError(...)`. Returns [lr_init, lr_end].
 */
export function polynomialEnds(opt: SimOptimizer, lrEndV: PyValue): [number, number] {
  const lrInitV = opt.defaults.lr ?? none;
  const lr_init = operand(lrInitV, '>', typeName(lrEndV), true);
  const lr_end = operand(lrEndV, '>', typeName(lrInitV), false);
  if (!(lr_init > lr_end)) throw new PyError('ValueError', `lr_end (${pyStr(lrEndV)}) must be smaller than initial lr (${pyStr(lrInitV)})`);
  return [lr_init, lr_end];
}

/** get_polynomial_decay_schedule_with_warmup: warmup, then (lr − lr_end)·remaining^power + lr_end, held after. */
export class HfPolynomial extends HfLambdaLR {
  readonly hfName = 'get_polynomial_decay_schedule_with_warmup';
  total: number;
  lrEnd: number;
  power: number;
  lrInit: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>, lrLambda: PyFunction, lrInit: number, lrEnd: number) {
    super(sink, opt, lrLambda, a.last_epoch);
    this.warmup = isNumber(a.num_warmup_steps) ? toNumber(a.num_warmup_steps) : 0;
    this.total = isNumber(a.num_training_steps) ? toNumber(a.num_training_steps) : NaN;
    this.lrEnd = lrEnd;
    this.lrInit = lrInit;
    this.power = isNumber(a.power) ? toNumber(a.power) : 1;
  }
  override explain(i: number): StepReason {
    if (i < this.warmup) return this.warmupReason(i);
    if (i > this.total) return { phase: t('end'), text: t('past num_training_steps={0}: LR = lr_end = {1} (scaled by each group’s LR / optimizer.defaults["lr"])', fmt(this.total), fmt(this.lrEnd)) };
    const rem = 1 - (i - this.warmup) / (this.total - this.warmup);
    return {
      phase: t('polynomial decay'),
      text: t('polynomial decay (power {0}) from lr={1} to lr_end={2}: {3} of the decay remaining → (lr − lr_end) × {4}^{0} + lr_end', fmt(this.power), fmt(this.lrInit), fmt(this.lrEnd), pct(rem), fmt(rem)),
    };
  }
  override events(steps: number): Ev[] {
    const out = this.warmupEvents(steps);
    if (this.total > 0 && this.total < steps) out.push({ step: this.total, kind: 'end', label: t('num_training_steps={0}: lr_end reached', fmt(this.total)) });
    return out;
  }
}

// ---- Argument binding (Python function-call semantics) ------------------------------------------

/** Python's default-value source → PyValue (the few forms used here). */
export function defaultValue(src: string): PyValue {
  const s = src.trim();
  if (s === 'None') return none;
  if (s === 'True' || s === 'False') return { t: 'bool', v: s === 'True' };
  if (/^'.*'$|^".*"$/.test(s)) return str(s.slice(1, -1));
  const div = /^(.+?)\s*\/\s*(.+)$/.exec(s);
  if (div) return float(Number(div[1]) / Number(div[2]));
  if (/^-?[\d_]+$/.test(s)) return int(Number(s.replace(/_/g, '')));
  return float(Number(s));
}

/**
 * Binds keyword arguments to a function signature as Python does: unexpected names and missing
 * required arguments are the TypeErrors Python 3.11 prints for `label()`.
 */
export function bindCall(label: string, params: ParamSpec[], given: Record<string, PyValue>, varKw = false): { args: Record<string, PyValue>; extra: Record<string, PyValue> } {
  const args: Record<string, PyValue> = {};
  const extra: Record<string, PyValue> = {};
  for (const [k, v] of Object.entries(given)) {
    if (params.some((p) => p.name === k)) args[k] = v;
    else if (varKw) extra[k] = v;
    else throw new PyError('TypeError', `${label}() got an unexpected keyword argument '${k}'`);
  }
  const missing: string[] = [];
  for (const p of params) {
    if (p.name in args) continue;
    if (p.default !== undefined) args[p.name] = defaultValue(p.default);
    else if (p.name !== 'optimizer') missing.push(p.name);
  }
  if (missing.length) {
    const q = missing.map((m) => `'${m}'`);
    const list = q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
    throw new PyError('TypeError', `${label}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`);
  }
  return { args, extra };
}

export type Builder = (sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>) => torch.LRScheduler;

/** An entry's `ctor`: a factory used with `new` (a constructor returning an object yields that object). */
export function factory(build: Builder): TorchCtor {
  return function (this: unknown, sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>) {
    return build(sink, opt, a);
  } as unknown as TorchCtor;
}

// ---- Catalog pieces ------------------------------------------------------------------------------

/** The `optimizer` parameter of a schedule function. */
export const HF_OPT: ParamSpec = {
  name: 'optimizer',
  position: 0,
  type: 'torch.optim.Optimizer',
  doc: 'The optimizer whose param groups are scheduled; each group’s `lr` at construction is the base LR the schedule multiplies (its peak).',
};

/** The `last_epoch` parameter of a schedule function. */
export const HF_LAST_EPOCH = (position: number): ParamSpec => ({
  name: 'last_epoch',
  position,
  default: '-1',
  type: 'int',
  unit: 'steps',
  range: 'integer ≥ −1',
  doc: 'Index of the last step already taken, for resuming; −1 starts fresh (other values need `initial_lr` in every param group, i.e. a loaded optimizer state).',
});

/** A library's SchedulerType enum: [MEMBER, value, schedule function] per member, in declaration order. */
export type SchedulerTypeTable = [string, string, string][];

/**
 * `SchedulerType(v)` for a value, or `SchedulerType.X` spelled out (an opaque source): the member,
 * `{ unknownMember: 'X' }` for a spelled-out name the enum lacks, or null (the library's ValueError).
 */
export function lookupSchedulerType(table: SchedulerTypeTable, v: PyValue): { member: string; value: string; fn: string } | { unknownMember: string } | null {
  if (v.t === 'str') {
    const t = table.find((x) => x[1] === v.v);
    if (t) return { member: t[0], value: t[1], fn: t[2] };
  }
  if (v.t === 'opaque') {
    const m = /^(?:[\w.]*\.)?SchedulerType\.(\w+)$/.exec(v.source.trim());
    const t = m && table.find((x) => x[0] === m[1]);
    if (t) return { member: t[0], value: t[1], fn: t[2] };
    if (m) return { unknownMember: m[1] };
  }
  return null;
}
