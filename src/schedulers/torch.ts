// PyTorch's torch.optim.lr_scheduler (and swa_utils.SWALR), transcribed class for class from the
// newest upstream source, so the numbers come out of the same recurrence in the same order of
// floating-point operations. Keep expressions in PyTorch's order: (a * b) / c is not a * (b / c).
import { PyError, PyValue, isInt, isNumber, repr, toNumber, typeName, pyStr } from './pyvalue';
import { pyMod, pyFloorDiv, pyDiv, pyPow, pyLog, pyIntOf, pyFloor, pyCos } from './pymath';
import { SimOptimizer, Group, setFloat } from './optimizer';
import type { StepReason } from './types';
import { t } from './l10n';

export const EPOCH_DEPRECATION_WARNING =
  'The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. ' +
  'Please use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different ' +
  'from None, the closed form is used instead of the new chainable form, where available. Please open ' +
  'an issue if you are unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.';

export const STEP_ORDER_WARNING =
  'Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should ' +
  'call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will ' +
  'result in PyTorch skipping the first value of the learning rate schedule. See more details at ' +
  'https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate';

/** Collects Python warnings the way the golden files report them: deduplicated, counted. */
export class WarningSink {
  at: 'construct' | number = 'construct';
  readonly list: { category: string; message: string; count: number; first_at: 'construct' | number | 'after_loop' }[] = [];
  warn(message: string, category = 'UserWarning'): void {
    const w = this.list.find((x) => x.message === message && x.category === category);
    if (w) w.count++;
    else this.list.push({ category, message, count: 1, first_at: this.at });
  }
}

/** Where a fast loop records: one column per group (LR, and momentum / beta1 when traced). */
export interface Trace {
  cols: Float64Array[];
  mcols: Float64Array[] | null;
  beta1: boolean;
  /** ReduceLROnPlateau's metric for iteration i: metrics[min(i, length − 1)]; NaN when none. */
  metrics?: number[];
}

/** Bound constructor arguments: what the call passed, else the signature default. */
export type Args = Record<string, PyValue>;

// ---- small Python helpers --------------------------------------------------------------------

const num = (v: PyValue, what = 'value'): number => {
  if (isNumber(v)) return toNumber(v);
  throw new PyError('TypeError', `must be real number, not ${typeName(v)} (${what})`);
};
/** Python's `a OP b` for the comparisons PyTorch's checks make; TypeError for non-numbers. */
function cmp(op: '<' | '<=' | '>' | '>=', a: PyValue, b: number, bIsFloat = false): boolean {
  if (!isNumber(a)) {
    const bt = bIsFloat ? 'float' : 'int';
    throw new PyError('TypeError', `'${op}' not supported between instances of '${typeName(a)}' and '${bt}'`);
  }
  const x = toNumber(a);
  return op === '<' ? x < b : op === '<=' ? x <= b : op === '>' ? x > b : x >= b;
}
const isSeq = (v: PyValue): v is { t: 'list' | 'tuple'; items: PyValue[] } => v.t === 'list' || v.t === 'tuple';
const isNone = (v: PyValue | undefined) => !v || v.t === 'none';
const pyFloat = (v: PyValue): number => {
  if (isNumber(v)) return toNumber(v);
  if (v.t === 'str') {
    const x = Number(v.v.trim());
    if (v.v.trim() !== '' && !Number.isNaN(x)) return x;
    throw new PyError('ValueError', `could not convert string to float: ${repr(v)}`);
  }
  throw new PyError('TypeError', `float() argument must be a string or a real number, not '${typeName(v)}'`);
};
/** Python's `base * factor` where factor came from user code (a lambda's return value). */
function mulFactor(base: number, factor: PyValue): number {
  return base * factorValue(factor);
}
/** The number `base * factor` multiplies by; TypeError for a non-number. */
function factorValue(factor: PyValue): number {
  if (isNumber(factor)) return toNumber(factor);
  throw new PyError('TypeError', `unsupported operand type(s) for *: 'float' and '${typeName(factor)}'`);
}
function callFn(fn: PyValue, arg: number): PyValue {
  if (fn.t !== 'func') throw new PyError('TypeError', `'${typeName(fn)}' object is not callable`);
  return fn.call([Number.isInteger(arg) ? { t: 'int', v: arg } : { t: 'float', v: arg }]);
}

/** torch's _format_param: one value per param group. */
function formatParam(name: string, opt: SimOptimizer, param: PyValue): number[] {
  if (isSeq(param)) {
    if (param.items.length !== opt.groups.length) {
      throw new PyError(
        'ValueError',
        `${name} must have the same length as optimizer.param_groups. ${name} has ${param.items.length} values, param_groups has ${opt.groups.length}.`,
      );
    }
    return param.items.map((x) => num(x, name));
  }
  return opt.groups.map(() => num(param, name));
}

// ---- the base class --------------------------------------------------------------------------

export abstract class LRScheduler {
  abstract readonly name: string;
  optimizer!: SimOptimizer;
  base_lrs: number[] = [];
  last_epoch = -1;
  _step_count = 0;
  protected isInitial = false;
  /** get_last_lr(): PyTorch snapshots it after each step; the groups hold the same numbers, so read them. */
  get lastLr(): number[] {
    return this.optimizer.groups.map((g) => g.lr);
  }
  /** Momentum / beta1 cycles (CyclicLR, OneCycleLR with cycle_momentum). */
  cyclesMomentum = false;
  useBeta1 = false;

  constructor(protected sink: WarningSink) {}

  /** LRScheduler.__init__ */
  protected init(optimizer: SimOptimizer, lastEpochV: PyValue): void {
    this.optimizer = optimizer;
    const lastEpoch = num(lastEpochV, 'last_epoch');
    if (lastEpoch === -1) {
      for (const g of optimizer.groups) {
        if (!('initial_lr' in g)) {
          g.initial_lr = g.lr;
          if (g.__ints.has('lr')) g.__ints.add('initial_lr');
        }
      }
    } else {
      optimizer.groups.forEach((g, i) => {
        if (!('initial_lr' in g)) {
          throw new PyError(
            'KeyError',
            pyStrRepr(
              `param 'initial_lr' is not specified in param_groups[${i}] when resuming scheduler with last_epoch >= 0.\n` +
                'This typically happens when:\n' +
                "1. You're trying to resume training from a checkpoint but haven't properly loaded the optimizer state\n" +
                '2. You\'re using last_epoch >= 0 for a fresh training run (not recommended)',
            ),
          );
        }
      });
    }
    this.base_lrs = optimizer.groups.map((g) => g.initial_lr);
    this.last_epoch = lastEpoch;
    this.initialStep();
  }

  initialStep(): void {
    this._step_count = 0;
    this.isInitial = true;
    try {
      this.step();
    } finally {
      this.isInitial = false;
    }
  }

  /** Reused result buffer: getLr() results are consumed at once, so no array is allocated per step. */
  private buf: number[] = [];
  /** The reused buffer, sized once (setting an array's length every step is slow). */
  private buffer(n: number): number[] {
    return this.buf.length === n ? this.buf : (this.buf = new Array<number>(n).fill(0));
  }
  /** Computes one value per param group into the reused buffer. */
  protected perGroup(f: (g: Group, i: number) => number): number[] {
    const gs = this.optimizer.groups;
    const out = this.buffer(gs.length);
    for (let i = 0; i < gs.length; i++) out[i] = f(gs[i], i);
    return out;
  }
  // Closure-free forms of the common cases (the hot path of long simulations).
  /** Every group keeps its LR. */
  protected same(): number[] {
    const gs = this.optimizer.groups;
    const out = this.buffer(gs.length);
    for (let i = 0; i < gs.length; i++) out[i] = gs[i].lr;
    return out;
  }
  /** group lr × f. */
  protected scaled(f: number): number[] {
    const gs = this.optimizer.groups;
    const out = this.buffer(gs.length);
    for (let i = 0; i < gs.length; i++) out[i] = gs[i].lr * f;
    return out;
  }
  /** ratio × (group lr − eta) + eta. */
  protected affine(ratio: number, eta: number): number[] {
    const gs = this.optimizer.groups;
    const out = this.buffer(gs.length);
    for (let i = 0; i < gs.length; i++) out[i] = cosRatioLr(ratio, gs[i].lr, eta);
    return out;
  }
  /** eta + ((base − eta) × c) / 2, the cosine closed form. */
  protected cosineOfBase(eta: number, c: number): number[] {
    const bs = this.base_lrs;
    const out = this.buffer(bs.length);
    for (let i = 0; i < bs.length; i++) out[i] = cosBaseLr(eta, bs[i], c);
    return out;
  }
  /** Same, over base_lrs. */
  protected perBase(f: (b: number, i: number) => number): number[] {
    const bs = this.base_lrs;
    const out = this.buffer(bs.length);
    for (let i = 0; i < bs.length; i++) out[i] = f(bs[i], i);
    return out;
  }

  /** Chainable form; writes nothing. */
  abstract getLr(): number[];

  // ---- fast plain stepping ------------------------------------------------------------------
  // A long preview is `record the LRs; step()` a million times. Each class below also has a loop
  // that does exactly that — the same expressions, in the same order, on the same numbers — with
  // no per-step dispatch or allocation. It stops before any step it cannot vouch for (one that
  // raises, warns or takes a special branch) and returns; simulate() runs that step through step().
  // test/unit/engine-fastpath.test.ts checks both paths give the same bits. The loops themselves
  // are module functions below ("the fast loops"); fastForward() prepares their inputs.

  /**
   * Records iterations i..end-1 (group LRs, momentum when traced) and performs the plain step()
   * after each. Returns the iteration reached (i = "nothing done here"), or -1 when the class has
   * no fast loop. Called only once the optimizer has stepped (no step-order warning can fire).
   */
  fastForward(i: number, end: number, t: Trace): number {
    const factor = this.scaleFactor();
    return factor ? this.scaleLoop(i, end, t, factor) : -1;
  }
  /**
   * The chainable "group LR × factor" schedulers (StepLR, ExponentialLR, …): factor(e) is the step's
   * factor for last_epoch = e (1 where PyTorch keeps the LR: x × 1 is x, bit for bit); it throws
   * where step() raises. Asked for e = last_epoch + 1, + 2, … in turn (it may count), once each.
   * Null: not such a scheduler, or not for the state it is in.
   */
  scaleFactor(): ((e: number) => number) | null {
    return null;
  }
  /** The groups' LRs, copied into a typed array the fast loop works on. */
  protected loadLrs(): Float64Array {
    const gs = this.optimizer.groups;
    const lr = new Float64Array(gs.length);
    for (let g = 0; g < gs.length; g++) lr[g] = gs[g].lr;
    return lr;
  }
  /** The fast loop of the scaleFactor() schedulers. A factor that raises stops it before that step, which step() then runs (and raises). */
  protected scaleLoop(i: number, end: number, t: Trace, factor: (e: number) => number): number {
    const lr = this.loadLrs();
    const k = lr.length === 1 ? scaleLoop1(t.cols[0], lr, i, end, this.last_epoch, factor) : scaleLoopN(t.cols, lr, i, end, this.last_epoch, factor);
    this.commitFast(lr, i, k - i, t);
    return k;
  }
  /**
   * Writes back after `n` fast steps from iteration i0: the LRs, the step counters step() would
   * have advanced and, for a scheduler that leaves momentum alone, the (unchanged) momentum trace.
   */
  protected commitFast(lr: Float64Array, i0: number, n: number, t: Trace, lastEpoch = this.last_epoch + n, stepCount = this._step_count + n): void {
    if (n <= 0) return;
    const gs = this.optimizer.groups;
    for (let g = 0; g < gs.length; g++) gs[g].lr = lr[g];
    this.last_epoch = lastEpoch;
    this._step_count = stepCount;
    if (t.mcols && !this.cyclesMomentum) {
      for (let g = 0; g < gs.length; g++) t.mcols[g].fill(t.beta1 ? gs[g].betas[0] : gs[g].momentum, i0, i0 + n);
    }
  }
  /** Closed form used when step(epoch) receives an epoch; null where PyTorch has none. */
  closedForm(): number[] | null {
    return null;
  }

  step(epoch?: number | null, _metric?: number): void {
    if (this._step_count === 1 && !this.optimizer.optCalled) this.sink.warn(STEP_ORDER_WARNING);
    this._step_count += 1;
    if (epoch !== undefined && epoch !== null) this.sink.warn(EPOCH_DEPRECATION_WARNING);
    this.updateLr(epoch);
  }

  updateLr(epoch?: number | null): void {
    let values: number[];
    if (epoch === undefined || epoch === null) {
      this.last_epoch += 1;
      values = this.getLr();
    } else {
      this.last_epoch = epoch;
      values = this.closedForm() ?? this.getLr();
    }
    const groups = this.optimizer.groups;
    for (let i = 0; i < groups.length && i < values.length; i++) groups[i].lr = values[i];
  }

  /** Why the LR at iteration i (last_epoch = i under plain stepping) is what it is. */
  abstract explain(i: number): StepReason;
  /** Steps where something happens, under plain stepping, up to `steps`. */
  events(_steps: number): { step: number; kind: 'restart' | 'milestone' | 'phase' | 'reduce' | 'switch' | 'end'; label: string }[] {
    return [];
  }
}

/** Python's repr() of a str, as KeyError prints its message. */
function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}

// ---- per-group formulas ----------------------------------------------------------------------
// Each written once, in PyTorch's order, and used by getLr() and by the fast loops (one group or several).

/** CosineAnnealingLR's chainable step: ratio × (lr − η_min) + η_min. */
const cosRatioLr = (ratio: number, lr: number, eta: number): number => ratio * (lr - eta) + eta;
/** CosineAnnealingLR where (e − 1 − T) mod 2T = 0: lr + ((base − η_min) × c) / 2, c = 1 − cos(π/T). */
const cosBumpLr = (lr: number, base: number, eta: number, c: number): number => lr + ((base - eta) * c) / 2;
/** The cosine closed form η_min + ((base − η_min) × c) / 2, c = 1 + cos(…) (CosineAnnealingWarmRestarts, …). */
const cosBaseLr = (eta: number, base: number, c: number): number => eta + ((base - eta) * c) / 2;
/** OneCycleLR's _annealing_cos, given cos_out = cos(π·pct) + 1. */
const annealCos = (start: number, end: number, cosOut: number): number => end + ((start - end) / 2.0) * cosOut;
/** OneCycleLR's _annealing_linear. */
const annealLinear = (start: number, end: number, pct: number): number => (end - start) * pct + start;
/** CyclicLR's LR: base + (max − base) × scale × scale_fn(…). */
const cyclicLr = (base: number, max: number, scale: number, s: number): number => base + (max - base) * scale * s;
/** CyclicLR's momentum: max_m − (max_m − base_m) × scale × scale_fn(…). */
const cyclicMomentum = (maxM: number, baseM: number, scale: number, s: number): number => maxM - (maxM - baseM) * scale * s;
/** SWALR's anneal_func: cosine or linear. */
const swaAnneal = (t: number, cos: boolean): number => (cos ? (1 - pyCos(Math.PI * t)) / 2 : t);
/** SWALR's step from lr, given the previous and the new alpha (1 − prevAlpha is 0 only when prevAlpha is 1). */
function swaLr(lr: number, swa: number, prevAlpha: number, alpha: number): number {
  const prev = prevAlpha === 1 ? swa : pyDiv(lr - prevAlpha * swa, 1 - prevAlpha, false);
  return swa * alpha + prev * (1 - alpha);
}
/** ReduceLROnPlateau's reduced LR: max(lr × factor, min_lr) (applied when old − new > eps). */
const plateauLr = (lr: number, factor: number, minLr: number): number => Math.max(lr * factor, minLr);
/** ReduceLROnPlateau.is_better(a, best). */
function plateauBetter(a: number, best: number, min: boolean, rel: boolean, threshold: number): boolean {
  if (min && rel) return a < best * (1.0 - threshold);
  if (min) return a < best - threshold;
  if (rel) return a > best * (threshold + 1.0);
  return a > best + threshold;
}

// ---- the fast loops --------------------------------------------------------------------------
// Module functions, not methods: each compiles small and fast (a preview is often one run in a
// fresh extension host, where a big method's optimizing compile would outlast the loop).
// One param group (most optimizers): its LR (and momentum) live in locals, not in a typed array,
// which takes a store/load round trip out of the step-to-step dependency; several groups: arrays.
// Both use the per-group formulas above. RARE PATHS (a restart, a reduction) go through the arrays
// whatever the group count: a loop-carried number handed to a call the compiler does not inline
// (a rarely taken branch's) is boxed on every step.

/** A fast loop's record of iteration k: each group's LR. */
function record(cols: Float64Array[], lr: Float64Array, k: number): void {
  for (let g = 0; g < lr.length; g++) cols[g][k] = lr[g];
}

/**
 * scaleLoop for one param group. Same expression as for several: lr × f. A factor that raises stops
 * the loop before that step; lr[0] then holds the LR reached.
 */
function scaleLoop1(col: Float64Array, lr: Float64Array, i: number, end: number, e: number, factor: (e: number) => number): number {
  let x = lr[0];
  let k = i;
  try {
    for (; k < end; k++) {
      col[k] = x;
      x = x * factor(e + 1);
      e += 1;
    }
  } catch {
    // step k raises: step() redoes it
  }
  lr[0] = x;
  return k;
}
/** scaleLoop for several param groups. */
function scaleLoopN(cols: Float64Array[], lr: Float64Array, i: number, end: number, e: number, factor: (e: number) => number): number {
  let k = i;
  try {
    for (; k < end; k++) {
      record(cols, lr, k);
      const f = factor(e + 1);
      for (let g = 0; g < lr.length; g++) lr[g] = lr[g] * f;
      e += 1;
    }
  } catch {
    // step k raises: step() redoes it
  }
  return k;
}

/** A user function's exact numeric entry (PyFunction.callNumber, where the evaluator compiled one). */
type NumberEntry = (x: number) => number;
function numberEntry(fn: PyValue): NumberEntry | null {
  const f = fn.t === 'func' ? fn.callNumber : undefined; // a getter: read once
  return typeof f === 'function' ? f : null;
}
/**
 * One group's lr_lambda(e) as the number the step multiplies by, for a fast loop: through callNumber
 * while it answers (it throws when it cannot vouch for a result; from then on this loop uses
 * call()), else through call() and mulFactor()'s check, which raise Python's errors themselves.
 */
class LambdaFactor {
  private num: NumberEntry | null;
  constructor(
    private readonly fn: PyValue,
    integerEpochs: boolean,
  ) {
    this.num = integerEpochs ? numberEntry(fn) : null; // callNumber takes the integer epoch
  }
  at(e: number): number {
    const cn = this.num;
    if (cn !== null) {
      try {
        return cn(e);
      } catch {
        this.num = null;
      }
    }
    return factorValue(callFn(this.fn, e));
  }
}
/** LambdaLR (base × f) and MultiplicativeLR (lr × f, `chains`) from last_epoch = e. */
function lambdaLoop(cols: Float64Array[], lr: Float64Array, bs: Float64Array, fns: PyValue[], i: number, end: number, e: number, chains: boolean): number {
  const n = lr.length;
  const one = n === 1;
  const c0 = cols[0];
  const b0 = bs[0];
  let x = lr[0];
  const next = new Float64Array(n);
  const fs = fns.map((f) => new LambdaFactor(f, Number.isInteger(e)));
  const f0 = fs[0];
  let k = i;
  try {
    for (; k < end; k++) {
      if (one) c0[k] = x;
      else record(cols, lr, k);
      const e1 = e + 1;
      if (one) x = (chains ? x : b0) * f0.at(e1);
      else {
        // all groups' factors first: one that raises leaves the step undone
        for (let g = 0; g < n; g++) next[g] = (chains ? lr[g] : bs[g]) * fs[g].at(e1);
        lr.set(next);
      }
      e = e1;
    }
  } catch {
    // step k raises (the user's lambda, a non-number): step() redoes it and reports it
  }
  if (one) lr[0] = x;
  return k;
}

/**
 * CosineAnnealingLR's chainable steps from last_epoch = e: records iterations i..end-1 and leaves the
 * LRs in lr; returns the iteration reached (a step that raises is left to step()).
 */
function cosineAnnealingLoop(cols: Float64Array[], lr: Float64Array, bs: Float64Array, i: number, end: number, e: number, T: number, eta: number, ints: boolean): number {
  const one = lr.length === 1;
  const c0 = cols[0];
  let x = lr[0];
  // cos(π·e/T) of this step is the next step's cos(π·(e−1)/T): remembered with its exact argument.
  let memo = false;
  let memoE = 0;
  let memoC = 0;
  let k = i;
  // (e − 1 − T) mod 2T, kept by counting when everything is an integer (pyMod otherwise)
  const counting = ints && Number.isInteger(e) && T > 0;
  try {
    let phase = counting ? pyMod(e - 1 - T, 2 * T, true) : 0; // the step before the first
    for (; k < end; k++) {
      if (one) c0[k] = x;
      else record(cols, lr, k);
      const e1 = e + 1;
      if (counting && ++phase === 2 * T) phase = 0;
      if ((counting ? phase : pyMod(e1 - 1 - T, 2 * T, ints && Number.isInteger(e1))) === 0) {
        // rare: through lr (see RARE PATHS)
        const c = 1 - pyCos(pyDiv(Math.PI, T, false));
        if (one) lr[0] = x;
        for (let g = 0; g < lr.length; g++) lr[g] = cosBumpLr(lr[g], bs[g], eta, c);
        x = lr[0];
        memo = false;
      } else {
        const em1 = e1 - 1;
        const cCur = pyCos(pyDiv(Math.PI * e1, T, false));
        const cPrev = memo && em1 === memoE ? memoC : pyCos(pyDiv(Math.PI * em1, T, false));
        memo = true;
        memoE = e1;
        memoC = cCur;
        const ratio = pyDiv(1 + cCur, 1 + cPrev, false);
        if (one) x = cosRatioLr(ratio, x, eta);
        else for (let g = 0; g < lr.length; g++) lr[g] = cosRatioLr(ratio, lr[g], eta);
      }
      e = e1;
    }
  } catch {
    // T_max=0 or a cosine of −1 in the denominator: step() raises ZeroDivisionError
  }
  if (one) lr[0] = x;
  return k;
}

/**
 * CosineAnnealingWarmRestarts' plain steps. st holds [T_cur, T_i, last_epoch] in and out; the restart
 * (T_cur + 1 ≥ T_i) reads and writes T_cur and T_i there (see RARE PATHS). The LR is computed from
 * the base LRs every step.
 */
function warmRestartsLoop(cols: Float64Array[], lr: Float64Array, bs: Float64Array, i: number, end: number, st: Float64Array, T_mult: number, eta: number): number {
  const one = lr.length === 1;
  const c0 = cols[0];
  const b0 = bs[0];
  let x = lr[0];
  let le = st[2];
  let k = i;
  try {
    for (; k < end; k++) {
      if (one) c0[k] = x;
      else record(cols, lr, k);
      const epoch = le + 1;
      st[0] = st[0] + 1;
      if (st[0] >= st[1]) warmRestart(st, T_mult);
      const le1 = pyFloor(epoch);
      const c = 1 + pyCos((Math.PI * st[0]) / st[1]);
      if (one) x = cosBaseLr(eta, b0, c);
      else for (let g = 0; g < lr.length; g++) lr[g] = cosBaseLr(eta, bs[g], c);
      le = le1;
    }
  } catch {
    // step() raises it
  }
  if (one) lr[0] = x;
  st[2] = le;
  return k;
}
/** The restart: T_cur = T_cur % T_i, T_i = T_i × T_mult, on st = [T_cur, T_i, …]. */
function warmRestart(st: Float64Array, T_mult: number): void {
  st[0] = pyMod(st[0], st[1], Number.isInteger(st[0]));
  st[1] = st[1] * T_mult;
}

/**
 * OneCycleLR's plain steps from last_epoch = e, up to total_steps (the step after raises "Tried to
 * step"). Per phase p: ends[p] and, per group, annealFn's start and end values (sLr, eLr, sM, eM).
 */
function oneCycleLoop(
  cols: Float64Array[], mcols: Float64Array[] | null, lr: Float64Array, mom: Float64Array, i: number, end: number, e: number,
  totalSteps: number, ends: Float64Array, sLr: Float64Array[], eLr: Float64Array[], sM: Float64Array[], eM: Float64Array[], cos: boolean, cycles: boolean,
): number {
  const n = lr.length;
  const one = n === 1;
  const P = ends.length;
  const c0 = cols[0];
  const m0 = mcols ? mcols[0] : null;
  let x = lr[0];
  let y = mom[0];
  // The phase (the first whose end is not passed, or the last: it never moves back as stepNum
  // grows) and its values, per group and, for one group, in locals.
  let p = 0;
  let startStep = 0.0;
  let pEnd = ends[0];
  let s0 = sLr[0], e0 = eLr[0], sm = sM[0], em = eM[0];
  let s0x = s0[0], e0x = e0[0], smx = sm[0], emx = em[0];
  let k = i;
  try {
    for (; k < end; k++) {
      const stepNum = e + 1;
      if (stepNum > totalSteps) break; // step() raises "Tried to step"
      if (one) {
        c0[k] = x;
        if (m0) m0[k] = y;
      } else {
        record(cols, lr, k);
        if (mcols) record(mcols, mom, k);
      }
      while (p < P - 1 && !(stepNum <= pEnd)) {
        startStep = pEnd;
        p++;
        pEnd = ends[p];
        s0 = sLr[p], e0 = eLr[p], sm = sM[p], em = eM[p];
        s0x = s0[0], e0x = e0[0], smx = sm[0], emx = em[0];
      }
      const pct = pyDiv(stepNum - startStep, pEnd - startStep, false);
      if (cos) {
        const cosOut = Math.cos(Math.PI * pct) + 1;
        if (one) {
          x = annealCos(s0x, e0x, cosOut);
          if (cycles) y = annealCos(smx, emx, cosOut);
        } else {
          for (let g = 0; g < n; g++) lr[g] = annealCos(s0[g], e0[g], cosOut);
          if (cycles) for (let g = 0; g < n; g++) mom[g] = annealCos(sm[g], em[g], cosOut);
        }
      } else if (one) {
        x = annealLinear(s0x, e0x, pct);
        if (cycles) y = annealLinear(smx, emx, pct);
      } else {
        for (let g = 0; g < n; g++) lr[g] = annealLinear(s0[g], e0[g], pct);
        if (cycles) for (let g = 0; g < n; g++) mom[g] = annealLinear(sm[g], em[g], pct);
      }
      e = stepNum;
    }
  } catch {
    // a zero-length phase: step() raises ZeroDivisionError
  }
  if (one) {
    lr[0] = x;
    mom[0] = y;
  }
  return k;
}

/**
 * CyclicLR's plain steps from last_epoch = e. scaleFn(x) is the class's scale_fn; `pure` = not the
 * user's, so its value for a repeated argument (the cycle, in 'cycle' mode) is remembered.
 */
function cyclicLoop(
  cols: Float64Array[], mcols: Float64Array[] | null, lr: Float64Array, mom: Float64Array, i: number, end: number, e: number,
  bs: Float64Array, maxLrs: Float64Array, maxM: Float64Array, baseM: Float64Array, totalSize: number, stepRatio: number,
  byCycle: boolean, scaleFn: (x: number) => number, pure: boolean, cycles: boolean,
): number {
  const n = lr.length;
  const one = n === 1;
  const c0 = cols[0];
  const m0 = mcols ? mcols[0] : null;
  const b0 = bs[0], max0 = maxLrs[0], maxM0 = maxM[0], baseM0 = baseM[0];
  let x = lr[0];
  let y = mom[0];
  let memo = false;
  let memoArg = 0;
  let memoS = 0;
  let k = i;
  try {
    for (; k < end; k++) {
      if (one) {
        c0[k] = x;
        if (m0) m0[k] = y;
      } else {
        record(cols, lr, k);
        if (mcols) record(mcols, mom, k);
      }
      const e1 = e + 1;
      const cycle = pyFloor(1 + pyDiv(e1, totalSize, false));
      const xx = 1.0 + e1 / totalSize - cycle;
      const scale = xx <= stepRatio ? pyDiv(xx, stepRatio, false) : pyDiv(xx - 1, stepRatio - 1, false);
      const arg = byCycle ? cycle : e1;
      let s: number;
      if (pure && memo && arg === memoArg) s = memoS;
      else {
        s = scaleFn(arg);
        memo = true;
        memoArg = arg;
        memoS = s;
      }
      if (one) {
        x = cyclicLr(b0, max0, scale, s);
        if (cycles) y = cyclicMomentum(maxM0, baseM0, scale, s);
      } else {
        for (let g = 0; g < n; g++) lr[g] = cyclicLr(bs[g], maxLrs[g], scale, s);
        if (cycles) for (let g = 0; g < n; g++) mom[g] = cyclicMomentum(maxM[g], baseM[g], scale, s);
      }
      e = e1;
    }
  } catch {
    // a zero cycle, a failing scale_fn: step() raises it
  }
  if (one) {
    lr[0] = x;
    mom[0] = y;
  }
  return k;
}

/**
 * SWALR's plain steps from _step_count = sc (step = _step_count − 1). alpha is remembered with its
 * exact t: the next step's prev_alpha is usually the same anneal_func(t).
 */
function swaLoop(cols: Float64Array[], lr: Float64Array, swa: Float64Array, i: number, end: number, sc: number, A: number, cos: boolean): void {
  const n = lr.length;
  const one = n === 1;
  const c0 = cols[0];
  const swa0 = swa[0];
  let x = lr[0];
  let memo = false;
  let memoT = 0;
  let memoA = 0;
  for (let k = i; k < end; k++) {
    if (one) c0[k] = x;
    else record(cols, lr, k);
    sc += 1;
    let step = sc - 1;
    if (A === 0) step = Math.max(1, step);
    const prevT = Math.max(0, Math.min(1, (step - 1) / Math.max(1, A)));
    const prevAlpha = memo && prevT === memoT ? memoA : swaAnneal(prevT, cos);
    const tt = Math.max(0, Math.min(1, step / Math.max(1, A)));
    const alpha = tt === prevT ? prevAlpha : swaAnneal(tt, cos);
    memo = true;
    memoT = tt;
    memoA = alpha;
    if (one) x = swaLr(x, swa0, prevAlpha, alpha);
    else for (let g = 0; g < n; g++) lr[g] = swaLr(lr[g], swa[g], prevAlpha, alpha);
  }
  if (one) lr[0] = x;
}

/**
 * ReduceLROnPlateau's steps for iterations i..end-1, iteration k's metric being ms[min(k, length − 1)].
 * st = [best, num_bad_epochs, cooldown_counter], in and out; the explanation trace is written from
 * index n0 (reserved by the caller); reduced[g] = 1 once group g's LR is reduced.
 */
function plateauLoop(
  cols: Float64Array[], lr: Float64Array, minLrs: Float64Array, reduced: Uint8Array, ms: number[], i: number, end: number, st: Float64Array,
  patience: number, cooldown: number, factor: number, eps: number, threshold: number, min: boolean, rel: boolean,
  tm: Float64Array, tb: Float64Array, tc: Float64Array, n0: number, reductions: number[],
): void {
  const one = lr.length === 1;
  const c0 = cols[0];
  let x = lr[0];
  const last = ms.length - 1;
  let best = st[0];
  let bad = st[1];
  let cool = st[2];
  let n = n0;
  for (let k = i; k < end; k++) {
    if (one) c0[k] = x;
    else record(cols, lr, k);
    const a = ms[k < last ? k : last];
    if (plateauBetter(a, best, min, rel, threshold)) {
      best = a;
      bad = 0;
    } else bad += 1;
    if (cool > 0) {
      cool -= 1;
      bad = 0;
    }
    tm[n] = a;
    tb[n] = best;
    tc[n++] = bad;
    if (bad > patience) {
      // rare: through lr (see RARE PATHS)
      if (one) lr[0] = x;
      let any = false;
      for (let g = 0; g < lr.length; g++) {
        const old = lr[g];
        const nu = plateauLr(old, factor, minLrs[g]);
        if (old - nu > eps) {
          lr[g] = nu;
          reduced[g] = 1;
          any = true;
        }
      }
      x = lr[0];
      if (any) reductions.push(n);
      cool = cooldown;
      bad = 0;
    }
  }
  if (one) lr[0] = x;
  st[0] = best;
  st[1] = bad;
  st[2] = cool;
}

/**
 * ChainedScheduler over scaleFactor() children: per step, every child's factor (child c at its own
 * last_epoch es[c] + 1; es is advanced in place), then lr × f₁ × f₂ … in the children's order. A
 * factor that raises leaves the whole step to step().
 */
function chainLoop(cols: Float64Array[], lr: Float64Array, i: number, end: number, es: Float64Array, factors: ((e: number) => number)[]): number {
  const n = lr.length;
  const one = n === 1;
  const c0 = cols[0];
  const m = factors.length;
  const fv = new Float64Array(m);
  let x = lr[0];
  let k = i;
  try {
    for (; k < end; k++) {
      if (one) c0[k] = x;
      else record(cols, lr, k);
      for (let c = 0; c < m; c++) fv[c] = factors[c](es[c] + 1);
      for (let c = 0; c < m; c++) {
        const f = fv[c];
        es[c] += 1;
        if (one) x = x * f;
        else for (let g = 0; g < n; g++) lr[g] = lr[g] * f;
      }
    }
  } catch {
    // a child's step raises: step() redoes the whole step
  }
  if (one) lr[0] = x;
  return k;
}

const fmt = (x: number) => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? Number(x.toPrecision(4)).toString() : x.toExponential(3).replace(/\.?0+e/, 'e'));

// ---- the schedulers --------------------------------------------------------------------------

export class LambdaLR extends LRScheduler {
  /** MultiplicativeLR checks its lambdas are callable before the first step; LambdaLR does not. */
  static checksCallable = false;
  readonly name: string = 'LambdaLR';
  lrLambdas: PyValue[] = [];
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.optimizer = opt;
    this.lrLambdas = lambdaList(opt, a.lr_lambda);
    if ((this.constructor as typeof LambdaLR).checksCallable) {
      for (const f of this.lrLambdas) {
        if (f.t !== 'func') throw new PyError('TypeError', `lr_lambda should be a function, but got ${typeName(f)}`);
      }
    }
    this.init(opt, a.last_epoch);
  }
  getLr(): number[] {
    return this.perBase((b, i) => mulFactor(b, callFn(this.lrLambdas[i], this.last_epoch)));
  }
  /** MultiplicativeLR multiplies the group's current LR, LambdaLR the base LR. */
  protected readonly chains: boolean = false;
  override fastForward(i: number, end: number, t: Trace): number {
    const lr = this.loadLrs();
    const k = lambdaLoop(t.cols, lr, Float64Array.from(this.base_lrs), this.lrLambdas, i, end, this.last_epoch, this.chains);
    this.commitFast(lr, i, k - i, t);
    return k;
  }
  explain(i: number): StepReason {
    return { phase: t('lambda'), text: t('LR = base LR × lr_lambda({0})', i) };
  }
}

function lambdaList(opt: SimOptimizer, v: PyValue): PyValue[] {
  if (isSeq(v)) {
    if (v.items.length !== opt.groups.length) {
      throw new PyError('ValueError', `Expected ${opt.groups.length} lr_lambdas, but got ${v.items.length}`);
    }
    return [...v.items];
  }
  return opt.groups.map(() => v);
}

export class MultiplicativeLR extends LambdaLR {
  static override checksCallable = true;
  override readonly name = 'MultiplicativeLR';
  protected override readonly chains = true;
  override getLr(): number[] {
    if (this.isInitial) return this.same();
    return this.perGroup((g, i) => mulFactor(g.lr, callFn(this.lrLambdas[i], this.last_epoch)));
  }
  override explain(i: number): StepReason {
    return i === 0 ? { phase: t('start'), text: t('initial LR') } : { phase: t('multiply'), text: t('LR = previous LR × lr_lambda({0})', i) };
  }
}

export class StepLR extends LRScheduler {
  readonly name = 'StepLR';
  stepSize: number;
  stepSizeInt: boolean;
  gamma: number;
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.stepSize = num(a.step_size, 'step_size');
    this.stepSizeInt = isInt(a.step_size);
    this.gamma = num(a.gamma, 'gamma');
    this.init(opt, a.last_epoch);
  }
  getLr(): number[] {
    const e = this.last_epoch;
    if (e === 0 || pyMod(e, this.stepSize, this.stepSizeInt && Number.isInteger(e)) !== 0) return this.same();
    return this.scaled(this.gamma);
  }
  override scaleFactor(): (e: number) => number {
    const { stepSize, stepSizeInt, gamma } = this;
    // e mod step_size, kept by counting when both are integers and step_size > 0 (the factor is asked
    // for e = last_epoch + 1, + 2, … in turn); pyMod otherwise
    const e0 = this.last_epoch + 1;
    const counting = stepSizeInt && Number.isInteger(e0) && stepSize > 0;
    let r = counting ? pyMod(e0, stepSize, true) : 0;
    return (e) => {
      let m: number;
      if (counting) {
        m = r;
        if (++r === stepSize) r = 0;
      } else m = pyMod(e, stepSize, stepSizeInt && Number.isInteger(e));
      return e === 0 || m !== 0 ? 1 : gamma;
    };
  }
  override closedForm(): number[] {
    const k = pyFloorDiv(this.last_epoch, this.stepSize, this.stepSizeInt);
    return this.perBase((b) => b * pyPow(this.gamma, k, false));
  }
  explain(i: number): StepReason {
    if (!(this.stepSize > 0)) return { phase: t('step'), text: t('step_size must be positive') };
    const k = Math.floor(i / this.stepSize);
    return k === 0
      ? { phase: t('initial'), text: t('before the first decay at step {0}', this.stepSize) }
      : { phase: t('decay {0}', k), text: t('decayed {0}× by gamma={1} (every {2} steps): base LR × {1}^{0}', k, fmt(this.gamma), this.stepSize) };
  }
  override events(steps: number) {
    const out = [];
    const label = t('× {0}', fmt(this.gamma));
    if (this.stepSize > 0) for (let s = this.stepSize; s < steps && out.length < 200; s += this.stepSize) out.push({ step: s, kind: 'milestone' as const, label });
    return out;
  }
}

export class MultiStepLR extends LRScheduler {
  readonly name = 'MultiStepLR';
  milestones = new Map<number, number>();
  sorted: number[] = [];
  gamma: number;
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    const m = a.milestones;
    if (!isSeq(m) && m.t !== 'dict') throw new PyError('TypeError', `'${typeName(m)}' object is not iterable`);
    const items = isSeq(m) ? m.items : m.entries.map((e) => e[0]);
    for (const x of items) {
      const v = num(x, 'milestones');
      this.milestones.set(v, (this.milestones.get(v) ?? 0) + 1);
      this.sorted.push(v);
    }
    this.sorted.sort((p, q) => p - q);
    this.gamma = num(a.gamma, 'gamma');
    this.init(opt, a.last_epoch);
  }
  getLr(): number[] {
    const c = this.milestones.get(this.last_epoch);
    if (c === undefined) return this.same();
    return this.scaled(pyPow(this.gamma, c, false));
  }
  override scaleFactor(): ((e: number) => number) | null {
    // The milestones ascending, each once; a pointer walks them as last_epoch grows.
    const keys = [...this.milestones.keys()].sort((p, q) => p - q);
    if (keys.some(Number.isNaN)) return null;
    let p = 0;
    return (e) => {
      while (p < keys.length && keys[p] < e) p++;
      return p < keys.length && keys[p] === e ? pyPow(this.gamma, this.milestones.get(e)!, false) : 1;
    };
  }
  override closedForm(): number[] {
    const k = bisectRight(this.sorted, this.last_epoch);
    return this.perBase((b) => b * pyPow(this.gamma, k, false));
  }
  explain(i: number): StepReason {
    const k = bisectRight(this.sorted, i);
    if (k === 0) return { phase: t('initial'), text: this.sorted.length ? t('before the first milestone ({0})', this.sorted[0]) : t('before the first milestone (none)') };
    return { phase: t('after milestone {0}', this.sorted[k - 1]), text: t('{0} milestone(s) passed: base LR × {1}^{0}', k, fmt(this.gamma)) };
  }
  override events(steps: number) {
    return this.sorted.filter((s) => s > 0 && s < steps).map((s) => ({ step: s, kind: 'milestone' as const, label: t('milestone {0}: × {1}', s, fmt(this.gamma)) }));
  }
}

export function bisectRight(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < a[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class ConstantLR extends LRScheduler {
  readonly name = 'ConstantLR';
  factor: number;
  totalIters: number;
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    if (cmp('>', a.factor, 1.0, true) || cmp('<', a.factor, 0)) {
      throw new PyError('ValueError', 'Constant multiplicative factor expected to be between 0 and 1.');
    }
    this.factor = num(a.factor);
    this.totalIters = num(a.total_iters, 'total_iters');
    this.init(opt, a.last_epoch);
  }
  getLr(): number[] {
    if (this.last_epoch === 0) return this.scaled(this.factor);
    if (this.last_epoch !== this.totalIters) return this.same();
    const inv = pyDiv(1.0, this.factor, false);
    return this.scaled(inv);
  }
  override scaleFactor(): (e: number) => number {
    const { factor, totalIters } = this;
    return (e) => (e === 0 ? factor : e !== totalIters ? 1 : pyDiv(1.0, factor, false));
  }
  override closedForm(): number[] {
    return this.perBase((b) => b * (this.factor + (this.last_epoch >= this.totalIters ? 1 : 0) * (1 - this.factor)));
  }
  explain(i: number): StepReason {
    return i < this.totalIters
      ? { phase: t('constant factor'), text: t('base LR × factor {0} until step {1}', fmt(this.factor), this.totalIters) }
      : { phase: t('base LR'), text: t('factor removed at step {0}: base LR', this.totalIters) };
  }
  override events(steps: number) {
    return this.totalIters > 0 && this.totalIters < steps ? [{ step: this.totalIters, kind: 'phase' as const, label: t('factor {0} removed', fmt(this.factor)) }] : [];
  }
}

export class LinearLR extends LRScheduler {
  readonly name = 'LinearLR';
  start: number;
  end: number;
  totalIters: number;
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    if (cmp('>', a.start_factor, 1.0, true) || cmp('<=', a.start_factor, 0)) {
      throw new PyError('ValueError', 'Starting multiplicative factor expected to be greater than 0 and less or equal to 1.');
    }
    if (cmp('>', a.end_factor, 1.0, true) || cmp('<', a.end_factor, 0)) {
      throw new PyError('ValueError', 'Ending multiplicative factor expected to be between 0 and 1.');
    }
    this.start = num(a.start_factor);
    this.end = num(a.end_factor);
    this.totalIters = num(a.total_iters, 'total_iters');
    this.init(opt, a.last_epoch);
  }
  getLr(): number[] {
    const e = this.last_epoch;
    if (e === 0) return this.scaled(this.start);
    if (this.isInitial || e > this.totalIters) return this.same();
    const d = this.end - this.start;
    const f = 1.0 + pyDiv(d, this.totalIters * this.start + (e - 1) * d, false);
    return this.scaled(f);
  }
  override scaleFactor(): (e: number) => number {
    const { start, totalIters } = this;
    const d = this.end - this.start;
    return (e) => (e === 0 ? start : e > totalIters ? 1 : 1.0 + pyDiv(d, totalIters * start + (e - 1) * d, false));
  }
  override closedForm(): number[] {
    const f = this.start + pyDiv((this.end - this.start) * Math.min(this.totalIters, this.last_epoch), this.totalIters, false);
    return this.perBase((b) => b * f);
  }
  explain(i: number): StepReason {
    if (i >= this.totalIters) return { phase: t('done'), text: t('factor reached end_factor={0} at step {1}', fmt(this.end), this.totalIters) };
    const f = this.start + ((this.end - this.start) * i) / this.totalIters;
    return {
      phase: this.end >= this.start ? t('warmup') : t('linear decay'),
      text: t('factor {0} = {1} → {2} over {3} steps ({4}/{3})', fmt(f), fmt(this.start), fmt(this.end), this.totalIters, i),
    };
  }
  override events(steps: number) {
    return this.totalIters > 0 && this.totalIters < steps ? [{ step: this.totalIters, kind: 'phase' as const, label: this.end >= this.start ? t('end of linear warmup') : t('end of linear decay') }] : [];
  }
}

export class ExponentialLR extends LRScheduler {
  readonly name = 'ExponentialLR';
  gamma: number;
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.gamma = num(a.gamma, 'gamma');
    this.init(opt, a.last_epoch);
  }
  getLr(): number[] {
    if (this.isInitial) return this.same();
    return this.scaled(this.gamma);
  }
  override scaleFactor(): (e: number) => number {
    const gamma = this.gamma;
    return () => gamma;
  }
  override closedForm(): number[] {
    return this.perBase((b) => b * pyPow(this.gamma, this.last_epoch, false));
  }
  explain(i: number): StepReason {
    return { phase: t('exponential decay'), text: t('base LR × gamma^{0} = base LR × {1}', i, fmt(Math.pow(this.gamma, i))) };
  }
}

export class PolynomialLR extends LRScheduler {
  readonly name = 'PolynomialLR';
  totalIters: number;
  tiInt: boolean;
  power: number;
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.totalIters = num(a.total_iters, 'total_iters');
    this.tiInt = isInt(a.total_iters);
    this.power = num(a.power, 'power');
    this.init(opt, a.last_epoch);
  }
  getLr(): number[] {
    const e = this.last_epoch;
    if (this.isInitial || e > this.totalIters) return this.same();
    const f = pyPow(pyDiv(1.0 - pyDiv(e, this.totalIters, this.tiInt), 1.0 - pyDiv(e - 1, this.totalIters, this.tiInt), false), this.power, false);
    return this.scaled(f);
  }
  override scaleFactor(): (e: number) => number {
    const { totalIters, tiInt, power } = this;
    return (e) => (e > totalIters ? 1 : pyPow(pyDiv(1.0 - pyDiv(e, totalIters, tiInt), 1.0 - pyDiv(e - 1, totalIters, tiInt), false), power, false));
  }
  override closedForm(): number[] {
    const f = pyPow(1.0 - pyDiv(Math.min(this.totalIters, this.last_epoch), this.totalIters, this.tiInt), this.power, false);
    return this.perBase((b) => b * f);
  }
  explain(i: number): StepReason {
    if (i >= this.totalIters) return { phase: t('done'), text: t('reached 0 at total_iters={0}', this.totalIters) };
    return { phase: t('polynomial decay'), text: t('base LR × (1 − {0}/{1})^{2}', i, this.totalIters, fmt(this.power)) };
  }
  override events(steps: number) {
    return this.totalIters > 0 && this.totalIters < steps ? [{ step: this.totalIters, kind: 'end' as const, label: t('LR reaches 0') }] : [];
  }
}

export class CosineAnnealingLR extends LRScheduler {
  readonly name = 'CosineAnnealingLR';
  tMax: number;
  tMaxInt: boolean;
  etaMin: number;
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.tMax = num(a.T_max, 'T_max');
    this.tMaxInt = isInt(a.T_max);
    this.etaMin = num(a.eta_min, 'eta_min');
    this.init(opt, a.last_epoch);
  }
  getLr(): number[] {
    const e = this.last_epoch;
    const T = this.tMax;
    const eta = this.etaMin;
    if (this.isInitial) return this.same();
    if (this._step_count === 1 && e > 0) {
      return this.perBase((b) => cosBaseLr(eta, b, 1 + pyCos(pyDiv(e * Math.PI, T, false))));
    }
    if (pyMod(e - 1 - T, 2 * T, this.tMaxInt && Number.isInteger(e)) === 0) {
      return this.perGroup((g, i) => cosBumpLr(g.lr, this.base_lrs[i], eta, 1 - pyCos(pyDiv(Math.PI, T, false))));
    }
    const ratio = pyDiv(1 + pyCos(pyDiv(Math.PI * e, T, false)), 1 + pyCos(pyDiv(Math.PI * (e - 1), T, false)), false);
    return this.affine(ratio, eta);
  }
  override fastForward(i: number, end: number, t: Trace): number {
    if (this._step_count < 1) return i; // the first step's closed-form branch: step() takes it
    const lr = this.loadLrs();
    const k = cosineAnnealingLoop(t.cols, lr, Float64Array.from(this.base_lrs), i, end, this.last_epoch, this.tMax, this.etaMin, this.tMaxInt);
    this.commitFast(lr, i, k - i, t);
    return k;
  }
  override closedForm(): number[] {
    return this.perBase((b) => cosBaseLr(this.etaMin, b, 1 + pyCos(pyDiv(Math.PI * this.last_epoch, this.tMax, false))));
  }
  explain(i: number): StepReason {
    const T = this.tMax;
    if (!(T > 0)) return { phase: t('cosine'), text: t('T_max must be positive') };
    const half = Math.floor(i / T);
    return half % 2 === 1
      ? { phase: t('cosine (rising again)'), text: t('T_cur={0} of T_max={1}: η_min + ½(η_max − η_min)(1 + cos(π·{0}/{1})) — past T_max the cosine keeps going and the LR rises', i, T) }
      : { phase: t('cosine'), text: t('T_cur={0} of T_max={1}: η_min + ½(η_max − η_min)(1 + cos(π·{0}/{1}))', i, T) };
  }
  override events(steps: number) {
    const out = [];
    if (this.tMax > 0) for (let s = this.tMax, k = 1; s < steps && out.length < 200; s += this.tMax, k++) out.push({ step: s, kind: 'phase' as const, label: k % 2 ? t('T_max: minimum η_min, rises after') : t('back at the base LR') });
    return out;
  }
}

export class SequentialLR extends LRScheduler {
  readonly name = 'SequentialLR';
  schedulers: LRScheduler[];
  milestones: number[];
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args, children: LRScheduler[]) {
    super(sink);
    const scheds = children;
    if (scheds.length < 1) throw new PyError('ValueError', 'SequentialLR expects at least one scheduler, but got no scheduler.');
    checkChildren('SequentialLR', opt, scheds);
    const m = a.milestones;
    if (!isSeq(m)) throw new PyError('TypeError', `object of type '${typeName(m)}' has no len()`);
    if (m.items.length !== scheds.length - 1) {
      throw new PyError(
        'ValueError',
        `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${scheds.length} and the number of milestones to be equal to ${m.items.length}`,
      );
    }
    this.schedulers = scheds;
    this.milestones = m.items.map((x) => num(x, 'milestones'));
    this.last_epoch = num(a.last_epoch) + 1;
    this.optimizer = opt;
    for (const g of opt.groups) {
      if (!('initial_lr' in g)) throw new PyError('KeyError', "'initial_lr'");
      setFloat(g, 'lr', g.initial_lr);
    }
    recursiveUndo(this);
    this.schedulers[0].initialStep();
  }
  getLr(): number[] {
    return this.lastLr;
  }
  override step(): void {
    this.last_epoch += 1;
    const idx = bisectRight(this.milestones, this.last_epoch);
    const s = this.schedulers[idx];
    if (idx > 0 && this.milestones[idx - 1] === this.last_epoch) s.updateLr(0);
    else s.step();
  }
  /** Between milestones SequentialLR only steps the current child: the child's fast loop runs the span. */
  override fastForward(i: number, end: number, t: Trace): number {
    const ms = this.milestones;
    const L = this.last_epoch;
    if (!Number.isInteger(L) || ms.some((m, k) => Number.isNaN(m) || (k > 0 && m < ms[k - 1]))) return -1;
    const idx = bisectRight(ms, L + 1);
    if (idx > 0 && ms[idx - 1] === L + 1) return i; // the switch: step() calls the child's step(0)
    // plain child steps for last_epoch = L+1 … up to (not including) the next milestone
    const span = idx < ms.length ? Math.ceil(ms[idx]) - (L + 1) : Infinity;
    const stop = Math.min(end, i + span);
    const j = this.schedulers[idx].fastForward(i, stop, t);
    if (j <= i) return i;
    this.last_epoch = L + (j - i);
    return j;
  }
  get cycles() {
    return this.schedulers.some((s) => s.cyclesMomentum);
  }
  explain(i: number): StepReason {
    const idx = bisectRight(this.milestones, i);
    const start = idx > 0 ? this.milestones[idx - 1] : 0;
    const child = this.schedulers[idx];
    const inner = child.explain(i - start);
    return {
      phase: t('{0} ({1}/{2})', child.name, idx + 1, this.schedulers.length),
      text: idx > 0 ? t('{0} step {1} since milestone {2}: {3}', child.name, i - start, start, inner.text) : t('{0} step {1}: {2}', child.name, i - start, inner.text),
    };
  }
  override events(steps: number) {
    const out: ReturnType<LRScheduler['events']> = [];
    this.milestones.forEach((m, k) => {
      if (m > 0 && m < steps) out.push({ step: m, kind: 'switch', label: t('switch to {0} (restarts from its step 0)', this.schedulers[k + 1].name) });
    });
    this.schedulers.forEach((s, k) => {
      const start = k > 0 ? this.milestones[k - 1] : 0;
      const end = k < this.milestones.length ? this.milestones[k] : steps;
      for (const e of s.events(end - start)) if (start + e.step < end) out.push({ ...e, step: start + e.step });
    });
    return out.sort((p, q) => p.step - q.step);
  }
}

function recursiveUndo(s: LRScheduler): void {
  if (s instanceof SequentialLR || s instanceof ChainedScheduler) for (const c of s.schedulers) recursiveUndoChild(c);
}
function recursiveUndoChild(s: LRScheduler): void {
  if (s instanceof SequentialLR || s instanceof ChainedScheduler) for (const c of s.schedulers) recursiveUndoChild(c);
  else s.last_epoch -= 1;
}

function checkChildren(owner: string, opt: SimOptimizer, scheds: LRScheduler[]): void {
  scheds.forEach((s, i) => {
    if (s instanceof ReduceLROnPlateau) {
      throw new PyError(
        'ValueError',
        `${owner} does not support \`ReduceLROnPlateau\` scheduler as it requires additional kwargs to be specified when calling \`step\`, but got one at index ${i} in the given schedulers sequence.`,
      );
    }
    if (s.optimizer !== opt) {
      throw new PyError(
        'ValueError',
        `${owner} expects all schedulers to belong to the same optimizer, but got scheduler ${s.name} at index ${i} has ${s.optimizer.repr()}, which is different from ${opt.name}.`,
      );
    }
  });
}

export class ChainedScheduler extends LRScheduler {
  readonly name = 'ChainedScheduler';
  schedulers: LRScheduler[];
  constructor(sink: WarningSink, opt: SimOptimizer | null, _a: Args, children: LRScheduler[]) {
    super(sink);
    if (children.length < 1) throw new PyError('ValueError', 'ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.');
    const o = opt ?? children[0].optimizer;
    checkChildren('ChainedScheduler', o, children);
    this.schedulers = children;
    this.optimizer = o;
  }
  getLr(): number[] {
    return this.lastLr;
  }
  override step(): void {
    for (const s of this.schedulers) s.step();
  }
  /**
   * When every child is a "group LR × factor" scheduler, each plain step multiplies the LRs by the
   * children's factors in turn (their step() calls, in order); otherwise no fast loop.
   */
  override fastForward(i: number, end: number, t: Trace): number {
    if (new Set(this.schedulers).size !== this.schedulers.length) return -1; // one scheduler twice: stepped twice a step
    const factors: ((e: number) => number)[] = [];
    for (const s of this.schedulers) {
      const f = s.scaleFactor();
      if (!f) return -1;
      factors.push(f);
    }
    const lr = this.loadLrs();
    const es = Float64Array.from(this.schedulers, (s) => s.last_epoch);
    const k = chainLoop(t.cols, lr, i, end, es, factors);
    const n = k - i;
    if (n > 0) {
      this.schedulers.forEach((s, c) => {
        s.last_epoch = es[c];
        s._step_count += n;
      });
      this.commitFast(lr, i, n, t, this.last_epoch, this._step_count);
    }
    return k;
  }
  explain(i: number): StepReason {
    const factors = this.schedulers.map((s) => `${s.name} (${s.explain(i).phase})`).join(' × ');
    return { phase: t('chained'), text: t("product of {0} schedulers' factors: {1}", this.schedulers.length, factors) };
  }
  override events(steps: number) {
    return this.schedulers.flatMap((s) => s.events(steps)).sort((p, q) => p.step - q.step);
  }
}

export class ReduceLROnPlateau extends LRScheduler {
  readonly name = 'ReduceLROnPlateau';
  factor: number;
  minLrs: number[];
  patience: number;
  cooldown: number;
  eps: number;
  mode: string;
  threshold: number;
  thresholdMode: string;
  best = Infinity;
  modeWorse = Infinity;
  cooldownCounter = 0;
  numBadEpochs = 0;
  /** Iterations where the LR was reduced, for explanations. */
  reductions: number[] = [];
  /** Per step: the metric, the best so far and the bad-step count (typed arrays: no object per step). */
  traceMetric = new Float64Array(64);
  traceBest = new Float64Array(64);
  traceBad = new Float64Array(64);
  traceLen = 0;
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    if (cmp('>=', a.factor, 1.0, true)) throw new PyError('ValueError', 'Factor should be < 1.0.');
    this.factor = num(a.factor);
    this.optimizer = opt;
    const m = a.min_lr;
    if (isSeq(m)) {
      if (m.items.length !== opt.groups.length) throw new PyError('ValueError', `expected ${opt.groups.length} min_lrs, got ${m.items.length}`);
      this.minLrs = m.items.map((x) => num(x, 'min_lr'));
    } else this.minLrs = opt.groups.map(() => num(m, 'min_lr'));
    this.patience = num(a.patience, 'patience');
    this.cooldown = num(a.cooldown, 'cooldown');
    this.eps = num(a.eps, 'eps');
    this.last_epoch = 0;
    const mode = pyStr(a.mode);
    const tm = pyStr(a.threshold_mode);
    if (mode !== 'min' && mode !== 'max') throw new PyError('ValueError', `mode ${mode} is unknown!`);
    if (tm !== 'rel' && tm !== 'abs') throw new PyError('ValueError', `threshold mode ${tm} is unknown!`);
    this.modeWorse = mode === 'min' ? Infinity : -Infinity;
    this.mode = mode;
    this.threshold = num(a.threshold, 'threshold');
    this.thresholdMode = tm;
    this.best = this.modeWorse;
  }
  getLr(): number[] {
    return this.lastLr;
  }
  isBetter(a: number, best: number): boolean {
    return plateauBetter(a, best, this.mode === 'min', this.thresholdMode === 'rel', this.threshold);
  }
  override step(epoch?: number | null, metric?: number): void {
    if (metric === undefined) throw new PyError('TypeError', "ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'");
    const current = metric;
    if (epoch === undefined || epoch === null) epoch = this.last_epoch + 1;
    else this.sink.warn(EPOCH_DEPRECATION_WARNING);
    this.last_epoch = epoch;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs += 1;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0;
    }
    this.reserveTrace(1);
    this.traceMetric[this.traceLen] = current;
    this.traceBest[this.traceLen] = this.best;
    this.traceBad[this.traceLen++] = this.numBadEpochs;
    if (this.numBadEpochs > this.patience) {
      let reduced = false;
      const gs = this.optimizer.groups;
      for (let i = 0; i < gs.length; i++) {
        const old = gs[i].lr;
        const nu = plateauLr(old, this.factor, this.minLrs[i]);
        if (old - nu > this.eps) {
          setFloat(gs[i], 'lr', nu);
          reduced = true;
        }
      }
      if (reduced) this.reductions.push(this.traceLen);
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
  }
  /** Room for n more trace entries (capacity doubles). */
  private reserveTrace(n: number): void {
    const need = this.traceLen + n;
    if (need <= this.traceMetric.length) return;
    const cap = Math.max(need, this.traceMetric.length * 2);
    const grow = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a.subarray(0, this.traceLen));
      return b;
    };
    this.traceMetric = grow(this.traceMetric);
    this.traceBest = grow(this.traceBest);
    this.traceBad = grow(this.traceBad);
  }
  override fastForward(i: number, end: number, t: Trace): number {
    const lr = this.loadLrs();
    const reduced = new Uint8Array(lr.length);
    this.reserveTrace(end - i);
    const st = Float64Array.of(this.best, this.numBadEpochs, this.cooldownCounter);
    const ms = t.metrics && t.metrics.length ? t.metrics : [NaN]; // no metrics: NaN every step
    plateauLoop(
      t.cols, lr, Float64Array.from(this.minLrs), reduced, ms, i, end, st, this.patience, this.cooldown, this.factor, this.eps, this.threshold,
      this.mode === 'min', this.thresholdMode === 'rel', this.traceMetric, this.traceBest, this.traceBad, this.traceLen, this.reductions,
    );
    [this.best, this.numBadEpochs, this.cooldownCounter] = st;
    this.traceLen += end - i;
    this.commitFast(lr, i, end - i, t, this.last_epoch + (end - i), this._step_count);
    // setFloat(): a reduced LR is a float from then on
    reduced.forEach((r, g) => r && this.optimizer.groups[g].__ints.delete('lr'));
    return end;
  }
  explain(i: number): StepReason {
    const k = this.reductions.filter((r) => r <= i).length;
    const k0 = i - 1;
    const state = k ? t('reduced {0}× by factor {1}', k, fmt(this.factor)) : t('no reduction yet');
    const text =
      k0 >= 0 && k0 < this.traceLen
        ? t('{0}; after metric {1} (best {2}, {3} bad step(s) of patience {4})', state, fmt(this.traceMetric[k0]), fmt(this.traceBest[k0]), this.traceBad[k0], this.patience)
        : state;
    return { phase: k ? t('reduced {0}×', k) : t('initial'), text };
  }
  override events() {
    return this.reductions.map((r) => ({ step: r, kind: 'reduce' as const, label: t('metric plateaued: × {0}', fmt(this.factor)) }));
  }
}

export class CyclicLR extends LRScheduler {
  readonly name = 'CyclicLR';
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  scaleFnCustom: PyValue | null;
  scaleMode: string;
  baseMomentums: number[] = [];
  maxMomentums: number[] = [];
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.optimizer = opt;
    const baseLrs = formatParam('base_lr', opt, a.base_lr);
    const lastEpoch = num(a.last_epoch);
    if (lastEpoch === -1) baseLrs.forEach((lr, i) => setFloat(opt.groups[i], 'lr', lr));
    this.maxLrs = formatParam('max_lr', opt, a.max_lr);
    const up = pyFloat(a.step_size_up);
    const down = isNone(a.step_size_down) ? up : pyFloat(a.step_size_down);
    this.totalSize = up + down;
    this.stepRatio = pyDiv(up, this.totalSize, false);
    this.mode = pyStr(a.mode);
    this.scaleFnCustom = isNone(a.scale_fn) ? null : a.scale_fn;
    if (!['triangular', 'triangular2', 'exp_range'].includes(this.mode) && this.scaleFnCustom === null) {
      throw new PyError('ValueError', 'mode is invalid and scale_fn is None');
    }
    this.gamma = num(a.gamma, 'gamma');
    this.scaleMode = pyStr(a.scale_mode);
    if (this.scaleFnCustom === null) this.scaleMode = this.mode === 'exp_range' ? 'iterations' : 'cycle';
    this.cyclesMomentum = !!(a.cycle_momentum.t === 'bool' ? a.cycle_momentum.v : isNumber(a.cycle_momentum) ? toNumber(a.cycle_momentum) : a.cycle_momentum.t !== 'none');
    if (this.cyclesMomentum) {
      if (!('momentum' in opt.defaults) && !('betas' in opt.defaults)) {
        throw new PyError('ValueError', 'optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
      }
      this.useBeta1 = 'betas' in opt.defaults;
      this.baseMomentums = formatParam('base_momentum', opt, a.base_momentum);
      this.maxMomentums = formatParam('max_momentum', opt, a.max_momentum);
      if (lastEpoch === -1) {
        opt.groups.forEach((g, i) => {
          g.__ints.delete('momentum');
          if (this.useBeta1 && Array.isArray(g.betas)) g.betas = [...g.betas];
          setMomentum(g, this.useBeta1, this.maxMomentums[i]);
          g.max_momentum = this.maxMomentums[i];
          g.base_momentum = this.baseMomentums[i];
        });
      }
    }
    this.init(opt, a.last_epoch);
    this.base_lrs = baseLrs;
  }
  scaleFn(x: number): number {
    if (this.scaleFnCustom) return num(callFn(this.scaleFnCustom, x), 'scale_fn result');
    if (this.mode === 'triangular') return 1.0;
    if (this.mode === 'triangular2') return 1 / pyPow(2.0, x - 1, false);
    return pyPow(this.gamma, x, false);
  }
  getLr(): number[] {
    const e = this.last_epoch;
    const cycle = pyFloor(1 + pyDiv(e, this.totalSize, false));
    const x = 1.0 + e / this.totalSize - cycle;
    const scale = x <= this.stepRatio ? pyDiv(x, this.stepRatio, false) : pyDiv(x - 1, this.stepRatio - 1, false);
    const s = this.scaleFn(this.scaleMode === 'cycle' ? cycle : e);
    const lrs = this.perBase((b, i) => cyclicLr(b, this.maxLrs[i], scale, s));
    if (this.cyclesMomentum) {
      this.optimizer.groups.forEach((g, i) => setMomentum(g, this.useBeta1, cyclicMomentum(this.maxMomentums[i], this.baseMomentums[i], scale, s)));
    }
    return lrs;
  }
  override fastForward(i: number, end: number, t: Trace): number {
    const gs = this.optimizer.groups;
    const cycles = this.cyclesMomentum;
    const beta1 = this.useBeta1;
    if (cycles && (beta1 !== t.beta1 || (beta1 && gs.some((g) => !Array.isArray(g.betas))))) return i;
    const lr = this.loadLrs();
    const mom = new Float64Array(gs.length);
    for (let g = 0; g < gs.length; g++) mom[g] = beta1 ? gs[g].betas[0] : gs[g].momentum;
    const f64 = (xs: number[]) => (xs.length === gs.length ? Float64Array.from(xs) : new Float64Array(gs.length)); // [] without cycle_momentum
    const mcols = cycles && t.mcols ? t.mcols : null;
    const k = cyclicLoop(
      t.cols, mcols, lr, mom, i, end, this.last_epoch, Float64Array.from(this.base_lrs), Float64Array.from(this.maxLrs), f64(this.maxMomentums), f64(this.baseMomentums),
      this.totalSize, this.stepRatio, this.scaleMode === 'cycle', (x) => this.scaleFn(x), !this.scaleFnCustom, cycles,
    );
    this.commitFast(lr, i, k - i, t);
    if (cycles && k > i) for (let g = 0; g < gs.length; g++) setMomentum(gs[g], beta1, mom[g]);
    return k;
  }
  explain(i: number): StepReason {
    const cycle = Math.floor(1 + i / this.totalSize);
    const x = 1 + i / this.totalSize - cycle;
    const up = x <= this.stepRatio;
    const where = up ? t('cycle {0} ({1} steps), rising to max_lr', cycle, this.totalSize) : t('cycle {0} ({1} steps), falling to base_lr', cycle, this.totalSize);
    const text = this.scaleFnCustom
      ? where
      : this.mode === 'triangular2'
        ? t('{0}, amplitude × {1}', where, fmt(1 / Math.pow(2, cycle - 1)))
        : this.mode === 'exp_range'
          ? t('{0}, amplitude × gamma^{1}', where, i)
          : where;
    return { phase: up ? t('cycle {0} up', cycle) : t('cycle {0} down', cycle), text };
  }
  override events(steps: number) {
    const out = [];
    const up = this.totalSize * this.stepRatio;
    for (let c = 0; c * this.totalSize < steps && out.length < 400; c++) {
      if (c > 0) out.push({ step: c * this.totalSize, kind: 'restart' as const, label: t('cycle {0} starts', c + 1) });
      if (c * this.totalSize + up < steps) out.push({ step: c * this.totalSize + up, kind: 'phase' as const, label: t('peak (max_lr)') });
    }
    return out;
  }
}

/** group['betas'] = (m, *betas[1:]) or group['momentum'] = m. Written in place: the hot path of cycling schedulers. */
function setMomentum(g: Group, beta1: boolean, m: number): void {
  if (beta1) {
    if (!Array.isArray(g.betas)) g.betas = [m, 0.999];
    else g.betas[0] = m;
  } else g.momentum = m;
}

/** The group fields OneCycleLR's phases name, read without a keyed (megamorphic) lookup. */
function phaseField(g: Group, key: string): number {
  switch (key) {
    case 'initial_lr': return g.initial_lr;
    case 'max_lr': return g.max_lr;
    case 'min_lr': return g.min_lr;
    case 'max_momentum': return g.max_momentum;
    default: return g.base_momentum;
  }
}

export class CosineAnnealingWarmRestarts extends LRScheduler {
  readonly name = 'CosineAnnealingWarmRestarts';
  T_0: number;
  T_i: number;
  T_mult: number;
  etaMin: number;
  T_cur: number;
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    if (cmp('<=', a.T_0, 0) || !isInt(a.T_0)) throw new PyError('ValueError', `Expected positive integer T_0, but got ${pyStr(a.T_0)}`);
    if (cmp('<', a.T_mult, 1) || !isInt(a.T_mult)) throw new PyError('ValueError', `Expected integer T_mult >= 1, but got ${pyStr(a.T_mult)}`);
    if (a.eta_min.t !== 'int' && a.eta_min.t !== 'float' && a.eta_min.t !== 'bool') {
      throw new PyError('ValueError', `Expected float or int eta_min, but got ${pyStr(a.eta_min)} of type <class '${typeName(a.eta_min)}'>`);
    }
    this.T_0 = toNumber(a.T_0);
    this.T_i = this.T_0;
    this.T_mult = toNumber(a.T_mult);
    this.etaMin = toNumber(a.eta_min);
    this.T_cur = num(a.last_epoch);
    this.init(opt, a.last_epoch);
  }
  getLr(): number[] {
    const c = 1 + pyCos((Math.PI * this.T_cur) / this.T_i);
    return this.cosineOfBase(this.etaMin, c);
  }
  override step(epoch?: number | null): void {
    if ((epoch === undefined || epoch === null) && this.last_epoch < 0) epoch = 0;
    if (epoch === undefined || epoch === null) {
      epoch = this.last_epoch + 1;
      this.T_cur = this.T_cur + 1;
      if (this.T_cur >= this.T_i) {
        this.T_cur = pyMod(this.T_cur, this.T_i, Number.isInteger(this.T_cur));
        this.T_i = this.T_i * this.T_mult;
      }
    } else {
      if (epoch < 0) throw new PyError('ValueError', `Expected non-negative epoch, but got ${epoch}`);
      const ints = Number.isInteger(epoch);
      if (epoch >= this.T_0) {
        if (this.T_mult === 1) this.T_cur = pyMod(epoch, this.T_0, ints);
        else {
          const n = pyIntOf(pyLog(epoch / this.T_0 * (this.T_mult - 1) + 1, this.T_mult));
          this.T_cur = epoch - (this.T_0 * (Math.pow(this.T_mult, n) - 1)) / (this.T_mult - 1);
          this.T_i = this.T_0 * Math.pow(this.T_mult, n);
        }
      } else {
        this.T_i = this.T_0;
        this.T_cur = epoch;
      }
    }
    this.last_epoch = pyFloor(epoch);
    const lrs = this.getLr();
    this.optimizer.groups.forEach((g, i) => setFloat(g, 'lr', lrs[i]));
  }
  override fastForward(i: number, end: number, t: Trace): number {
    if (this.last_epoch < 0) return i;
    const lr = this.loadLrs();
    const st = Float64Array.of(this.T_cur, this.T_i, this.last_epoch);
    const k = warmRestartsLoop(t.cols, lr, Float64Array.from(this.base_lrs), i, end, st, this.T_mult, this.etaMin);
    this.T_cur = st[0];
    this.T_i = st[1];
    this.commitFast(lr, i, k - i, t, st[2], this._step_count);
    if (k > i) for (const g of this.optimizer.groups) g.__ints.delete('lr'); // setFloat()
    return k;
  }
  /** Cycle k (0-based) starts at T_0 (T_mult^k − 1)/(T_mult − 1). */
  cycleAt(i: number): { k: number; start: number; len: number } {
    let start = 0;
    let len = this.T_0;
    let k = 0;
    while (i >= start + len && k < 10000) {
      start += len;
      len *= this.T_mult;
      k++;
    }
    return { k, start, len };
  }
  explain(i: number): StepReason {
    const { k, start, len } = this.cycleAt(i);
    const tcur = i - start;
    const tiText = k === 0 ? `T_0 = ${this.T_0}` : this.T_mult === 1 ? `T_0 = ${this.T_0}` : `T_0·T_mult^${k} = ${len}`;
    return k === 0
      ? { phase: t('first cycle'), text: t('first cycle — cycle length T_i = {0}, T_cur = {1}', tiText, tcur) }
      : { phase: t('after restart #{0}', k), text: t('warm restart #{0} — cycle length T_i = {1}, T_cur = {2}', k, tiText, tcur) };
  }
  override events(steps: number) {
    const out = [];
    let start = this.T_0;
    let len = this.T_0 * this.T_mult;
    for (let k = 1; start < steps && out.length < 400; k++) {
      out.push({ step: start, kind: 'restart' as const, label: t('warm restart #{0} (next cycle {1} steps)', k, len) });
      start += len;
      len *= this.T_mult;
    }
    return out;
  }
}

export class OneCycleLR extends LRScheduler {
  readonly name = 'OneCycleLR';
  totalSteps: number;
  phases: { end: number; startLr: string; endLr: string; startM: string; endM: string }[];
  anneal: 'cos' | 'linear';
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.optimizer = opt;
    if (!isNone(a.total_steps)) {
      if (cmp('<=', a.total_steps, 0) || !isInt(a.total_steps)) throw new PyError('ValueError', `Expected positive integer total_steps, but got ${pyStr(a.total_steps)}`);
      this.totalSteps = toNumber(a.total_steps);
    } else if (!isNone(a.epochs) && !isNone(a.steps_per_epoch)) {
      if (!isInt(a.epochs) || cmp('<=', a.epochs, 0)) throw new PyError('ValueError', `Expected positive integer epochs, but got ${pyStr(a.epochs)}`);
      if (!isInt(a.steps_per_epoch) || cmp('<=', a.steps_per_epoch, 0)) throw new PyError('ValueError', `Expected positive integer steps_per_epoch, but got ${pyStr(a.steps_per_epoch)}`);
      this.totalSteps = toNumber(a.epochs) * toNumber(a.steps_per_epoch);
    } else throw new PyError('ValueError', 'You must define either total_steps OR (epochs AND steps_per_epoch)');
    const pct = num(a.pct_start, 'pct_start');
    const T = this.totalSteps;
    this.phases = isTrue(a.three_phase)
      ? [
          { end: pct * T - 1, startLr: 'initial_lr', endLr: 'max_lr', startM: 'max_momentum', endM: 'base_momentum' },
          { end: 2 * pct * T - 2, startLr: 'max_lr', endLr: 'initial_lr', startM: 'base_momentum', endM: 'max_momentum' },
          { end: T - 1, startLr: 'initial_lr', endLr: 'min_lr', startM: 'max_momentum', endM: 'max_momentum' },
        ]
      : [
          { end: pct * T - 1, startLr: 'initial_lr', endLr: 'max_lr', startM: 'max_momentum', endM: 'base_momentum' },
          { end: T - 1, startLr: 'max_lr', endLr: 'min_lr', startM: 'base_momentum', endM: 'max_momentum' },
        ];
    if (cmp('<', a.pct_start, 0) || cmp('>', a.pct_start, 1) || a.pct_start.t !== 'float') {
      throw new PyError('ValueError', `Expected float between 0 and 1 pct_start, but got ${pyStr(a.pct_start)}`);
    }
    const strat = pyStr(a.anneal_strategy);
    if (strat !== 'cos' && strat !== 'linear') throw new PyError('ValueError', `anneal_strategy must be one of 'cos' or 'linear', instead got ${strat}`);
    this.anneal = strat;
    const maxLrs = formatParam('max_lr', opt, a.max_lr);
    const div = num(a.div_factor, 'div_factor');
    const fdiv = num(a.final_div_factor, 'final_div_factor');
    const lastEpoch = num(a.last_epoch);
    if (lastEpoch === -1) {
      opt.groups.forEach((g, i) => {
        setFloat(g, 'initial_lr', pyDiv(maxLrs[i], div, false));
        g.max_lr = maxLrs[i];
        g.min_lr = pyDiv(g.initial_lr, fdiv, false);
      });
    }
    this.cyclesMomentum = isTrue(a.cycle_momentum);
    if (this.cyclesMomentum) {
      if (!('momentum' in opt.defaults) && !('betas' in opt.defaults)) {
        throw new PyError('ValueError', 'optimizer must support momentum or beta1 with `cycle_momentum` option enabled');
      }
      this.useBeta1 = 'betas' in opt.defaults;
      const maxM = formatParam('max_momentum', opt, a.max_momentum);
      const baseM = formatParam('base_momentum', opt, a.base_momentum);
      if (lastEpoch === -1) {
        opt.groups.forEach((g, i) => {
          g.__ints.delete('momentum');
          if (this.useBeta1 && Array.isArray(g.betas)) g.betas = [...g.betas];
          setMomentum(g, this.useBeta1, maxM[i]);
          g.max_momentum = maxM[i];
          g.base_momentum = baseM[i];
        });
      }
    }
    this.init(opt, a.last_epoch);
  }
  annealFn(start: number, end: number, pct: number): number {
    if (this.anneal === 'cos') return annealCos(start, end, Math.cos(Math.PI * pct) + 1);
    return annealLinear(start, end, pct);
  }
  getLr(): number[] {
    const stepNum = this.last_epoch;
    if (stepNum > this.totalSteps) {
      throw new PyError('ValueError', `Tried to step ${stepNum} times. The specified number of total steps is ${this.totalSteps}`);
    }
    return this.perGroup((g) => {
      let startStep = 0.0;
      for (let i = 0; i < this.phases.length; i++) {
        const ph = this.phases[i];
        if (stepNum <= ph.end || i === this.phases.length - 1) {
          const pct = pyDiv(stepNum - startStep, ph.end - startStep, false);
          const lr = this.annealFn(phaseField(g, ph.startLr), phaseField(g, ph.endLr), pct);
          if (this.cyclesMomentum) setMomentum(g, this.useBeta1, this.annealFn(phaseField(g, ph.startM), phaseField(g, ph.endM), pct));
          return lr;
        }
        startStep = ph.end;
      }
      return g.lr;
    });
  }
  override fastForward(i: number, end: number, t: Trace): number {
    const gs = this.optimizer.groups;
    const cycles = this.cyclesMomentum;
    const beta1 = this.useBeta1;
    if (cycles && (beta1 !== t.beta1 || (beta1 && gs.some((g) => !Array.isArray(g.betas))))) return i;
    const n = gs.length;
    const ends = Float64Array.from(this.phases, (ph) => ph.end); // one element kind whatever the values (no deopt)
    // Per phase and group, annealFn's start and end values (the group fields do not change while stepping).
    const field = (key: 'startLr' | 'endLr' | 'startM' | 'endM') => this.phases.map((ph) => Float64Array.from(gs, (g) => (key === 'startM' || key === 'endM') && !cycles ? 0 : phaseField(g, ph[key])));
    const lr = this.loadLrs();
    const mom = new Float64Array(n);
    if (cycles) for (let g = 0; g < n; g++) mom[g] = beta1 ? gs[g].betas[0] : gs[g].momentum;
    const mcols = cycles && t.mcols ? t.mcols : null;
    const k = oneCycleLoop(t.cols, mcols, lr, mom, i, end, this.last_epoch, this.totalSteps, ends, field('startLr'), field('endLr'), field('startM'), field('endM'), this.anneal === 'cos', cycles);
    this.commitFast(lr, i, k - i, t);
    if (cycles && k > i) for (let g = 0; g < n; g++) setMomentum(gs[g], beta1, mom[g]);
    return k;
  }
  explain(i: number): StepReason {
    let start = 0;
    const names = this.phases.length === 3 ? [t('warmup to max_lr'), t('back down to initial_lr'), t('annihilation to min_lr')] : [t('warmup to max_lr'), t('annealing to min_lr')];
    for (let k = 0; k < this.phases.length; k++) {
      const ph = this.phases[k];
      if (i <= ph.end || k === this.phases.length - 1) {
        const pct = (i - start) / (ph.end - start);
        const [pc, a, b] = [Math.round(pct * 100), Math.ceil(start), Math.floor(ph.end)];
        const where = this.anneal === 'cos' ? t('cosine {0}, {1}% through (steps {2}–{3})', names[k], pc, a, b) : t('linear {0}, {1}% through (steps {2}–{3})', names[k], pc, a, b);
        const text = i >= this.totalSteps ? t('{0} — past total_steps={1}: one more step() raises "Tried to step"', where, this.totalSteps) : where;
        return { phase: t('phase {0}: {1}', k + 1, names[k]), text };
      }
      start = ph.end;
    }
    return { phase: t('done'), text: '' };
  }
  override events(steps: number) {
    const out = this.phases.slice(0, -1).map((ph, k) => ({ step: Math.floor(ph.end) + 1, kind: 'phase' as const, label: k === 0 ? t('peak: max_lr') : t('phase 3: annihilation') })).filter((e) => e.step < steps);
    if (this.totalSteps < steps) out.push({ step: this.totalSteps, kind: 'end', label: t('total_steps={0}: the next step() raises', this.totalSteps) } as any);
    return out;
  }
}

function isTrue(v: PyValue): boolean {
  if (v.t === 'bool') return v.v;
  if (v.t === 'none') return false;
  if (isNumber(v)) return toNumber(v) !== 0;
  if (v.t === 'str') return v.v !== '';
  if (isSeq(v)) return v.items.length > 0;
  return true;
}

export class SWALR extends LRScheduler {
  readonly name = 'SWALR';
  annealEpochs: number;
  strategy: string;
  constructor(sink: WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    const swa = formatParam('swa_lr', opt, a.swa_lr);
    swa.forEach((x, i) => (opt.groups[i].swa_lr = x));
    const strat = pyStr(a.anneal_strategy);
    if (strat !== 'cos' && strat !== 'linear') throw new PyError('ValueError', `anneal_strategy must by one of 'cos' or 'linear', instead got ${strat}`);
    this.strategy = strat;
    if (!isInt(a.anneal_epochs) || cmp('<', a.anneal_epochs, 0)) throw new PyError('ValueError', `anneal_epochs must be equal or greater than 0, got ${pyStr(a.anneal_epochs)}`);
    this.annealEpochs = toNumber(a.anneal_epochs);
    this.init(opt, a.last_epoch);
  }
  annealFn(t: number): number {
    return swaAnneal(t, this.strategy === 'cos');
  }
  getLr(): number[] {
    let step = this._step_count - 1;
    if (this.annealEpochs === 0) step = Math.max(1, step);
    const prevT = Math.max(0, Math.min(1, (step - 1) / Math.max(1, this.annealEpochs)));
    const prevAlpha = this.annealFn(prevT);
    const t = Math.max(0, Math.min(1, step / Math.max(1, this.annealEpochs)));
    const alpha = this.annealFn(t);
    // PyTorch computes every group's previous LR first, then the new ones; per group they are independent.
    return this.perGroup((g) => swaLr(g.lr, g.swa_lr, prevAlpha, alpha));
  }
  override fastForward(i: number, end: number, t: Trace): number {
    const lr = this.loadLrs();
    swaLoop(t.cols, lr, Float64Array.from(this.optimizer.groups, (g) => g.swa_lr), i, end, this._step_count, this.annealEpochs, this.strategy === 'cos');
    this.commitFast(lr, i, end - i, t);
    return end;
  }
  explain(i: number): StepReason {
    return i < this.annealEpochs
      ? { phase: t('annealing'), text: t('{0} annealing toward swa_lr, {1}/{2} epochs', this.strategy, i, this.annealEpochs) }
      : { phase: t('SWA'), text: t('constant swa_lr') };
  }
  override events(steps: number) {
    return this.annealEpochs > 0 && this.annealEpochs < steps ? [{ step: this.annealEpochs, kind: 'phase' as const, label: t('swa_lr reached') }] : [];
  }
}
