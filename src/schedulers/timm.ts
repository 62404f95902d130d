// timm's schedulers (`timm.scheduler`, pytorch-image-models), transcribed statement for statement
// from timm 1.0.29 (timm/scheduler/*.py) — the same order of floating-point operations and Python's
// semantics (`//`, `**`, `math.log(x, base)`, bisect_right, int vs float) — and run on the engine's
// LRScheduler base class so simulate() and every surface work unchanged.
//
// How stepping is modelled. timm schedulers are stateless functions of an explicit counter t:
// `step(epoch)` and `step_update(num_updates)` both set the LR to `_get_lr(t)`; which of the two acts
// depends on `t_in_epochs` (True: step(epoch) acts, step_update is a no-op; False: the reverse).
// timm's train.py calls `step_update(num_updates=num_updates)` after every optimizer update and
// `step(epoch + 1, metric)` after every epoch. So the engine's step i (a plain `step()`) is the call
// that acts: it sets t = i + 1 and the LR to `_get_lr(t)`; lrs[0] is the LR after construction
// (warmup_lr_init when there is a warmup, else the base LR). The preview's steps are therefore epochs
// when t_in_epochs=True and optimizer updates when t_in_epochs=False; `step(epoch)` with an explicit
// epoch (stepArgs) sets t to it, as timm does. PlateauLRScheduler is always per epoch and reads the
// metric passed to step(epoch, metric) — it extends the engine's ReduceLROnPlateau, which it wraps
// in timm too, so simulate() feeds it the metric sequence.
//
// Noise (noise_range_t / create_scheduler_v2's noise=) multiplies the LR by (1 + n) with n drawn by
// torch.randn from a Generator seeded with noise_seed + t: the preview leaves it out (said in
// explain() for the affected steps, and in the entries' pitfalls).
import { PyError, PyValue, isInt, isNumber, toNumber, typeName, repr } from './pyvalue';
import { pyFloorDiv, pyDiv, pyPow, pyLog, pyFloor, pyCos } from './pymath';
import * as torch from './torch';
import { SimOptimizer, Group } from './optimizer';
import { registerEntries, entries as catalogEntries, type SchedulerEntry } from './catalog';
import type { ParamSpec, StepReason } from './types';
import { bindCall, factory, isTruthy, fmt, operand, isNone } from './hfcommon';
import { t } from './l10n';

type Ev = ReturnType<torch.LRScheduler['events']>[number];
type Args = Record<string, PyValue>;

// ---- Python helpers ------------------------------------------------------------------------------

/**
 * `assert <cond>[, message]`: AssertionError. Most of timm's asserts have no message (Python's
 * str(e) is ''); the engine then reports the failing statement, the line Python's traceback shows.
 */
function pyAssert(cond: boolean, message: string): void {
  if (!cond) throw new PyError('AssertionError', message);
}
/** `a OP b` of two Python values, with Python's TypeError for a non-number. */
function cmp(a: PyValue, op: '<' | '>' | '>=' | '<=' | '==', b: PyValue): boolean {
  if (op === '==') return isNumber(a) && isNumber(b) ? toNumber(a) === toNumber(b) : a.t === b.t && JSON.stringify(a) === JSON.stringify(b);
  const x = operand(a, op, typeName(b), true);
  const y = operand(b, op, typeName(a), false);
  return op === '<' ? x < y : op === '>' ? x > y : op === '>=' ? x >= y : x <= y;
}
/** A numeric argument (Python would fail in arithmetic with a TypeError naming the operation). */
function numArg(v: PyValue, op: string, other: string, left = true): number {
  return operand(v, op, other, left);
}

/** bisect.bisect_right(a, x) — on the list as given (timm assumes it sorted; unsorted lists bisect all the same). */
function bisectRight(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (x < a[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const fmtT = (x: number) => (Number.isInteger(x) ? String(x) : fmt(x));

// ---- Scheduler (timm/scheduler/scheduler.py) -----------------------------------------------------

/** A number with its Python type (ints and floats differ for `//` messages and `**`). */
interface PyNum { v: number; int: boolean }
const pn = (v: PyValue, op: string, other: string): PyNum => ({ v: numArg(v, op, other), int: isInt(v) });

/**
 * timm's Scheduler base class on the engine's LRScheduler. last_epoch holds timm's t (0 right after
 * construction); step() sets t = t + 1 (or the epoch given) and the LR to _get_lr(t).
 */
export abstract class TimmScheduler extends torch.LRScheduler {
  abstract override readonly name: string;
  base_values: number[] = [];
  tInEpochs = true;
  noiseRange: PyValue = { t: 'none' };
  warmupT = 0;
  warmupLrInit = 0;
  warmupPrefix = false;
  warmupSteps: number[] = [];
  /** logging records timm emits at construction (the t_initial = 1 warning). */
  readonly log: string[] = [];

  /** Scheduler.__init__(optimizer, 'lr', t_in_epochs, noise_range_t, ..., initialize). */
  protected baseInit(opt: SimOptimizer, a: Args): void {
    timmBaseInit(opt, a);
    this.optimizer = opt;
    this.base_values = opt.groups.map((g) => g.initial_lr as number);
    this.base_lrs = this.base_values.slice();
    this.tInEpochs = a.t_in_epochs === undefined ? true : isTruthy(a.t_in_epochs);
    this.noiseRange = a.noise_range_t ?? { t: 'none' };
    this.last_epoch = 0;
    updateGroups(opt, this.base_values);
  }

  /** The warmup attributes every timm scheduler sets the same way (after its own). */
  protected warmupInit(a: Args, targets?: number[]): void {
    const w = a.warmup_t;
    const wl = a.warmup_lr_init;
    this.warmupT = isNumber(w) ? toNumber(w) : 0;
    this.warmupLrInit = isNumber(wl) ? toNumber(wl) : 0;
    if (isTruthy(w)) {
      const t = numArg(w, '/', 'float', false);
      const init = numArg(wl, '-', 'float', false);
      this.warmupSteps = (targets ?? this.base_values).map((v) => pyDiv(v - init, t, false));
      updateGroups(this.optimizer, init);
    } else this.warmupSteps = this.base_values.map(() => 1);
  }

  /** _get_lr(t): one value per param group (may be a reused array: callers take the values at once). */
  abstract lrAt(t: number): number[];

  private outBuf: number[] = [];
  /** lrAt's reused result array, one slot per group. */
  protected out(): number[] {
    const n = this.base_values.length;
    return this.outBuf.length === n ? this.outBuf : (this.outBuf = new Array<number>(n).fill(0));
  }
  /** `[warmup_lr_init + t * s for s in warmup_steps]`. */
  protected warmupAt(t: number): number[] {
    const o = this.out();
    const s = this.warmupSteps;
    for (let g = 0; g < o.length; g++) o[g] = this.warmupLrInit + t * s[g];
    return o;
  }
  /** `[v * f for v in base_values]`. */
  protected baseTimes(f: number): number[] {
    const o = this.out();
    const b = this.base_values;
    for (let g = 0; g < o.length; g++) o[g] = b[g] * f;
    return o;
  }
  /** base ** q, remembered for the last q (a step schedule asks the same power many times in a row). */
  private powMemo = { base: NaN, q: NaN, ints: false, v: NaN };
  protected powOf(base: number, q: number, ints: boolean): number {
    const m = this.powMemo;
    if (Object.is(m.base, base) && Object.is(m.q, q) && m.ints === ints) return m.v;
    const v = pyPow(base, q, ints);
    m.base = base;
    m.q = q;
    m.ints = ints;
    m.v = v;
    return v;
  }

  getLr(): number[] {
    return this.lrAt(this.last_epoch);
  }

  override step(epoch?: number | null): void {
    const t = epoch === undefined || epoch === null ? this.last_epoch + 1 : epoch;
    this.last_epoch = t;
    updateGroups(this.optimizer, this.lrAt(t)); // _add_noise: left out of the preview
  }

  /**
   * Plain steps i..end-1: what step() does — lrAt(t + 1) into the groups, times their lr_scale —
   * without its per-step dispatch and bookkeeping. A step whose lrAt raises is left to step().
   */
  override fastForward(i: number, end: number, tr: torch.Trace): number {
    const cols = tr.cols;
    const gs = this.optimizer.groups;
    const n = gs.length;
    const scaled = gs.map((g) => 'lr_scale' in g);
    let k = i;
    try {
      for (; k < end; k++) {
        for (let g = 0; g < n; g++) cols[g][k] = gs[g].lr;
        const t = this.last_epoch + 1;
        const v = this.lrAt(t);
        this.last_epoch = t;
        for (let g = 0; g < n && g < v.length; g++) gs[g].lr = scaled[g] ? v[g] * (gs[g].lr_scale as number) : v[g];
      }
    } catch {
      // step k raises: step() redoes it
    }
    if (k > i) for (const g of gs) g.__ints.delete('lr');
    return k;
  }

  /** Where the warmup is: the LR `warmup_lr_init + t × (target − warmup_lr_init) / warmup_t`. */
  protected warmupReason(at: number): StepReason {
    const args = [this.unitWord, at, fmtT(this.warmupT), fmt(this.warmupLrInit)];
    return {
      phase: t('warmup'),
      text: this.warmupPrefix || !(this instanceof TimmTanh)
        ? t('linear warmup, {0} {1} of {2}: LR = warmup_lr_init + {1} × (the base LR − warmup_lr_init) / {2}, from {3} at {0} 0', ...args)
        : t('linear warmup, {0} {1} of {2}: LR = warmup_lr_init + {1} × (the LR the tanh curve has at warmup_t − warmup_lr_init) / {2}, from {3} at {0} 0', ...args),
    };
  }
  get unit(): string {
    return this.tInEpochs ? 'epoch' : 'update';
  }
  /** The unit of t as shown in explanations (singular: `epoch 3`). */
  get unitWord(): string {
    return this.tInEpochs ? t('epoch') : t('update');
  }
  /** The unit of t as shown after a count (`3 of 10 epochs`). */
  get unitsWord(): string {
    return this.tInEpochs ? t('epochs') : t('updates');
  }
  /** True when timm would add noise at t (the preview shows the LR without it). */
  noisy(t: number): boolean {
    const r = this.noiseRange;
    if (r.t === 'none') return false;
    if ((r.t === 'list' || r.t === 'tuple') && r.items.length >= 2 && isNumber(r.items[0]) && isNumber(r.items[1])) return toNumber(r.items[0]) <= t && t < toNumber(r.items[1]);
    if (isNumber(r)) return t >= toNumber(r);
    return false;
  }
  protected withNoise(at: number, r: StepReason): StepReason {
    if (!this.noisy(at)) return r;
    return { phase: r.phase, text: t('{0}. timm adds noise here (noise_range_t): it multiplies this LR by 1 + n, n random (seeded by noise_seed + t); the preview shows it without noise', r.text) };
  }
  explain(i: number): StepReason {
    return this.withNoise(i, this.reason(i));
  }
  protected abstract reason(t: number): StepReason;
  protected warmupEvents(steps: number): Ev[] {
    return this.warmupT > 0 && this.warmupT < steps ? [{ step: Math.ceil(this.warmupT), kind: 'phase', label: t('warmup done (warmup_t={0})', fmtT(this.warmupT)) }] : [];
  }
}

/** The part of Scheduler.__init__ that touches the optimizer (initial_lr, KeyError). */
function timmBaseInit(opt: SimOptimizer, a: Args): void {
  const initialize = a.initialize === undefined ? true : isTruthy(a.initialize);
  opt.groups.forEach((g, i) => {
    if (initialize) {
      if (!('lr' in g)) throw new PyError('KeyError', `'lr missing from param_groups[${i}]'`);
      if (!('initial_lr' in g)) g.initial_lr = g.lr; // group.setdefault('initial_lr', group['lr'])
    } else if (!('initial_lr' in g)) throw new PyError('KeyError', `'initial_lr missing from param_groups[${i}]'`);
  });
  updateGroups(opt, opt.groups.map((g) => g.initial_lr as number));
}

/** Scheduler.update_groups: a value (or one per group), times the group's `lr_scale` when it has one. */
function updateGroups(opt: SimOptimizer, values: number | number[]): void {
  const gs = opt.groups;
  for (let i = 0; i < gs.length; i++) {
    const v = typeof values === 'number' ? values : values[i];
    if (v === undefined) break; // zip() stops at the shorter
    const g: Group = gs[i];
    g.lr = 'lr_scale' in g ? v * (g.lr_scale as number) : v;
    g.__ints.delete('lr');
  }
}

// ---- the cycle arithmetic of cosine_lr.py / poly_lr.py / tanh_lr.py --------------------------------

interface Cycle { i: number; iInt: boolean; t_i: number; t_curr: number }

/** `if self.cycle_mul != 1: … else: …` — the cycle index i, its length t_i and the position t_curr. */
function cycleOf(t: number, T: PyNum, mul: PyNum): Cycle {
  if (mul.v !== 1) {
    const i = pyFloor(pyLog(1 - (t / T.v) * (1 - mul.v), mul.v));
    const p = pyPow(mul.v, i, mul.int);
    const t_i = p * T.v;
    const t_curr = t - (pyDiv(1 - p, 1 - mul.v, false) * T.v);
    return { i, iInt: true, t_i, t_curr };
  }
  const i = pyFloorDiv(t, T.v, T.int);
  return { i, iInt: T.int, t_i: T.v, t_curr: t - T.v * i };
}

/** Fields shared by the cyclic schedulers (cosine, poly, tanh). */
abstract class TimmCyclic extends TimmScheduler {
  T!: PyNum;
  lrMin!: PyNum;
  mul!: PyNum;
  decay!: PyNum;
  limit!: PyValue;
  k: PyNum = { v: 1, int: false };
  protected cyclicInit(a: Args): void {
    this.T = pn(a.t_initial, '/', 'int');
    this.lrMin = pn(a.lr_min, '-', 'float');
    this.mul = pn(a.cycle_mul, '**', 'int');
    this.decay = pn(a.cycle_decay, '**', 'int');
    this.limit = a.cycle_limit;
    this.warmupPrefix = isTruthy(a.warmup_prefix);
    if (a.k_decay) this.k = pn(a.k_decay, '**', 'float');
  }
  /** timm's `get_cycle_length()` (cycles = cycle_limit): the t at which the last cycle ends. */
  cycleLength(): number {
    const cycles = Math.max(1, isNumber(this.limit) && toNumber(this.limit) ? toNumber(this.limit) : 1);
    const t = this.mul.v === 1 ? this.T.v * cycles : Math.floor((-this.T.v * (Math.pow(this.mul.v, cycles) - 1)) / (1 - this.mul.v));
    return this.warmupPrefix ? t + this.warmupT : t;
  }
  /** The curve's name in explanations (`cosine`, `polynomial decay`, `tanh decay`). */
  protected abstract shape(): string;
  /** The computation's values at t, for explanations (no exception: NaN where Python raises). */
  protected phaseAt(t: number): { warmup: boolean; tt: number; c: Cycle | null; active: boolean } {
    if (t < this.warmupT) return { warmup: true, tt: t, c: null, active: false };
    const tt = this.warmupPrefix ? t - this.warmupT : t;
    let c: Cycle | null = null;
    try {
      c = cycleOf(tt, this.T, this.mul);
    } catch {
      c = null;
    }
    const active = !!c && isNumber(this.limit) && c.i < toNumber(this.limit);
    return { warmup: false, tt, c, active };
  }
  protected reason(at: number): StepReason {
    const p = this.phaseAt(at);
    if (p.warmup) return this.warmupReason(at);
    if (!p.c) return { phase: t('error'), text: t('timm raises at {0} {1}', this.unitWord, at) };
    const { i, t_i, t_curr } = p.c;
    const prefix = this.warmupPrefix && this.warmupT ? t(' (t = {0} − warmup_t {1} = {2}: warmup_prefix=True)', at, fmtT(this.warmupT), fmtT(p.tt)) : '';
    const lrMin = fmt(this.lrMin.v);
    if (!p.active) {
      return {
        phase: t('after cycles'),
        text: isNumber(this.limit) && toNumber(this.limit) === 1
          ? t('past cycle_limit={0} cycle{1}: LR = lr_min = {2} (held from here on)', repr(this.limit), prefix, lrMin)
          : t('past cycle_limit={0} cycles{1}: LR = lr_min = {2} (held from here on)', repr(this.limit), prefix, lrMin),
      };
    }
    const gamma = Math.pow(this.decay.v, i);
    const tiFormula = this.mul.v !== 1 ? `t_initial × cycle_mul^${i}` : 't_initial';
    const head = [this.shape(), i + 1, fmtT(t_curr), fmtT(t_i), this.unitsWord, tiFormula];
    const kd = [fmt(this.k.v), fmt(Math.pow(t_curr / t_i, this.k.v))];
    const peak = [i, fmt(gamma)];
    let text: string;
    if (this.k.v !== 1 && gamma !== 1) text = t('{0}, cycle {1}: {2} of {3} {4} in (t_i = {5}) (k_decay={6}: progress (t_curr/t_i)^k = {7}), peak = base LR × cycle_decay^{8} = {9} × base LR, floor lr_min = {10}{11}', ...head, ...kd, ...peak, lrMin, prefix);
    else if (this.k.v !== 1) text = t('{0}, cycle {1}: {2} of {3} {4} in (t_i = {5}) (k_decay={6}: progress (t_curr/t_i)^k = {7}), floor lr_min = {8}{9}', ...head, ...kd, lrMin, prefix);
    else if (gamma !== 1) text = t('{0}, cycle {1}: {2} of {3} {4} in (t_i = {5}), peak = base LR × cycle_decay^{6} = {7} × base LR, floor lr_min = {8}{9}', ...head, ...peak, lrMin, prefix);
    else text = t('{0}, cycle {1}: {2} of {3} {4} in (t_i = {5}), floor lr_min = {6}{7}', ...head, lrMin, prefix);
    return { phase: t('cycle {0}', i + 1), text };
  }
  override events(steps: number): Ev[] {
    const out = this.warmupEvents(steps);
    let prev: { i: number; active: boolean } | null = null;
    const n = Math.min(steps, 200_000);
    for (let at = Math.max(0, Math.ceil(this.warmupT)); at < n && out.length < 400; at++) {
      const p = this.phaseAt(at);
      if (!p.c) break;
      const cur = { i: p.c.i, active: p.active };
      if (prev && cur.i !== prev.i) {
        if (cur.active) {
          const label = this.decay.v !== 1
            ? t('restart: cycle {0} (t_i = {1} {2}, peak × cycle_decay^{3} = {4})', cur.i + 1, fmtT(p.c.t_i), this.unitsWord, cur.i, fmt(Math.pow(this.decay.v, cur.i)))
            : t('restart: cycle {0} (t_i = {1} {2})', cur.i + 1, fmtT(p.c.t_i), this.unitsWord);
          out.push({ step: at, kind: 'restart', label });
        } else if (prev.active) out.push({ step: at, kind: 'end', label: t('cycle_limit={0} reached: LR = lr_min from here', repr(this.limit)) });
      }
      prev = cur;
    }
    return out;
  }
}

/**
 * cosine_lr.py and poly_lr.py share their checks and their cycle logic (warmup, cycle i of length
 * t_i, peak × cycle_decay^i, lr_min past cycle_limit); only the curve inside a cycle differs.
 */
abstract class TimmDecayCycles extends TimmCyclic {
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.baseInit(opt, a);
    pyAssert(cmp(a.t_initial, '>', { t: 'int', v: 0 }), 'assert t_initial > 0');
    pyAssert(cmp(a.lr_min, '>=', { t: 'int', v: 0 }), 'assert lr_min >= 0');
    if (cmp(a.t_initial, '==', { t: 'int', v: 1 }) && cmp(a.cycle_mul, '==', { t: 'int', v: 1 }) && cmp(a.cycle_decay, '==', { t: 'int', v: 1 })) {
      this.log.push('Cosine annealing scheduler will have no effect on the learning rate since t_initial = t_mul = eta_mul = 1.');
    }
  }
  /** The curve's factor at t_curr of a cycle of length t_i (k_decay applied). */
  protected abstract factor(t_curr: number, t_i: number): number;
  /** The LR from the decayed peak (base value × gamma), lr_min and the factor, in the library's order. */
  protected abstract lr(peak: number, lrMin: number, f: number): number;
  lrAt(t: number): number[] {
    if (t < this.warmupT) return this.warmupAt(t);
    if (this.warmupPrefix) t = t - this.warmupT;
    const { i, iInt, t_i, t_curr } = cycleOf(t, this.T, this.mul);
    const gamma = this.powOf(this.decay.v, i, this.decay.int && iInt);
    const lrMin = this.lrMin.v;
    const o = this.out();
    // `if i < self.cycle_limit:` (a number limit compared as numbers; anything else as Python does)
    const limit = this.limit;
    if (limit.t === 'int' || limit.t === 'float' ? i < limit.v : cmp({ t: iInt ? 'int' : 'float', v: i }, '<', limit)) {
      const f = this.factor(t_curr, t_i);
      const b = this.base_values;
      for (let g = 0; g < o.length; g++) o[g] = this.lr(b[g] * gamma, lrMin, f);
      return o;
    }
    return o.fill(lrMin);
  }
}

/** CosineLRScheduler (cosine_lr.py). */
export class TimmCosine extends TimmDecayCycles {
  readonly name = 'CosineLRScheduler';
  protected shape(): string {
    return t('cosine');
  }
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Args) {
    super(sink, opt, a);
    this.cyclicInit(a);
    this.warmupInit(a);
  }
  protected factor(t_curr: number, t_i: number): number {
    const k = this.k.v;
    return pyCos(pyDiv(Math.PI * pyPow(t_curr, k, false), pyPow(t_i, k, false), false));
  }
  protected lr(peak: number, lrMin: number, c: number): number {
    return lrMin + 0.5 * (peak - lrMin) * (1 + c);
  }
}

/** PolyLRScheduler (poly_lr.py). */
export class TimmPoly extends TimmDecayCycles {
  readonly name = 'PolyLRScheduler';
  protected shape(): string {
    return t('polynomial decay');
  }
  power!: PyNum;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Args) {
    super(sink, opt, a);
    this.power = pn(a.power, '**', 'float');
    this.cyclicInit(a);
    this.warmupInit(a);
  }
  protected factor(t_curr: number, t_i: number): number {
    const k = this.k.v;
    return pyPow(1 - pyDiv(pyPow(t_curr, k, false), pyPow(t_i, k, false), false), this.power.v, false);
  }
  protected lr(peak: number, lrMin: number, f: number): number {
    return lrMin + (peak - lrMin) * f;
  }
}

/** TanhLRScheduler (tanh_lr.py). */
export class TimmTanh extends TimmCyclic {
  readonly name = 'TanhLRScheduler';
  protected shape(): string {
    return t('tanh decay');
  }
  lb!: number;
  ub!: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.baseInit(opt, a);
    pyAssert(cmp(a.t_initial, '>', { t: 'int', v: 0 }), 'assert t_initial > 0');
    pyAssert(cmp(a.lr_min, '>=', { t: 'int', v: 0 }), 'assert lr_min >= 0');
    pyAssert(cmp(a.lb, '<', a.ub), 'assert lb < ub');
    pyAssert(cmp(a.cycle_limit, '>=', { t: 'int', v: 0 }), 'assert cycle_limit >= 0');
    pyAssert(cmp(a.warmup_t, '>=', { t: 'int', v: 0 }), 'assert warmup_t >= 0');
    pyAssert(cmp(a.warmup_lr_init, '>=', { t: 'int', v: 0 }), 'assert warmup_lr_init >= 0');
    this.lb = toNumber(a.lb);
    this.ub = toNumber(a.ub);
    this.cyclicInit(a);
    this.warmupT = toNumber(a.warmup_t);
    // t_v = base_values if warmup_prefix else _get_lr(warmup_t): the warmup climbs to the curve's value there
    const targets = isTruthy(a.warmup_t) && !this.warmupPrefix ? this.lrAt(this.warmupT, true) : undefined;
    this.warmupInit(a, targets);
  }
  lrAt(t: number, noWarmup = false): number[] {
    if (!noWarmup && t < this.warmupT) return this.warmupSteps.map((s) => this.warmupLrInit + t * s);
    if (this.warmupPrefix) t = t - this.warmupT;
    const { i, iInt, t_i, t_curr } = cycleOf(t, this.T, this.mul);
    const lrMin = this.lrMin.v;
    if (cmp({ t: iInt ? 'int' : 'float', v: i }, '<', this.limit)) {
      const gamma = pyPow(this.decay.v, i, this.decay.int && iInt);
      const tr = pyDiv(t_curr, t_i, false);
      const th = Math.tanh(this.lb * (1 - tr) + this.ub * tr);
      return this.base_values.map((v) => lrMin + 0.5 * (v * gamma - lrMin) * (1 - th));
    }
    return this.base_values.map(() => lrMin);
  }
}

/** StepLRScheduler (step_lr.py). */
export class TimmStep extends TimmScheduler {
  readonly name = 'StepLRScheduler';
  decayT!: PyNum;
  decayRate!: PyNum;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.baseInit(opt, a);
    this.decayT = pn(a.decay_t, '//', 'int');
    this.decayRate = pn(a.decay_rate, '**', 'int');
    this.warmupPrefix = isTruthy(a.warmup_prefix);
    this.warmupInit(a);
  }
  lrAt(t: number): number[] {
    if (t < this.warmupT) return this.warmupAt(t);
    if (this.warmupPrefix) t = t - this.warmupT;
    const q = pyFloorDiv(t, this.decayT.v, this.decayT.int);
    return this.baseTimes(this.powOf(this.decayRate.v, q, this.decayRate.int && this.decayT.int));
  }
  protected reason(at: number): StepReason {
    if (at < this.warmupT) return this.warmupReason(at);
    const tt = this.warmupPrefix ? at - this.warmupT : at;
    const q = this.decayT.v ? Math.floor(tt / this.decayT.v) : NaN;
    const args = [fmtT(tt), fmtT(this.decayT.v), q, fmt(Math.pow(this.decayRate.v, q))];
    return {
      phase: q ? t('after decay {0}', q) : t('base LR'),
      text: this.warmupPrefix && this.warmupT
        ? t('{0} // decay_t {1} = {2} decays: LR = base LR × decay_rate^{2} = {3} × base LR (t counted after the warmup: warmup_prefix=True)', ...args)
        : t('{0} // decay_t {1} = {2} decays: LR = base LR × decay_rate^{2} = {3} × base LR', ...args),
    };
  }
  override events(steps: number): Ev[] {
    const out = this.warmupEvents(steps);
    if (!(this.decayT.v > 0)) return out;
    const off = this.warmupPrefix ? this.warmupT : 0;
    for (let k = 1; out.length < 400; k++) {
      const s = Math.max(Math.ceil(off + k * this.decayT.v), Math.ceil(this.warmupT));
      if (s >= steps) break;
      out.push({ step: s, kind: 'milestone', label: t('decay {0}: × decay_rate = {1} × base LR', k, fmt(Math.pow(this.decayRate.v, k))) });
    }
    return out;
  }
}

/** MultiStepLRScheduler (multistep_lr.py). */
export class TimmMultiStep extends TimmScheduler {
  readonly name = 'MultiStepLRScheduler';
  decayT!: number[];
  decayRate!: PyNum;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Args) {
    super(sink);
    this.baseInit(opt, a);
    const d = a.decay_t;
    if (d.t !== 'list' && d.t !== 'tuple') throw new PyError('TypeError', `object of type '${typeName(d)}' has no len()`);
    this.decayT = d.items.map((x) => numArg(x, '<', 'int', false));
    this.decayRate = pn(a.decay_rate, '**', 'int');
    this.warmupPrefix = isTruthy(a.warmup_prefix);
    this.warmupInit(a);
  }
  lrAt(t: number): number[] {
    if (t < this.warmupT) return this.warmupAt(t);
    if (this.warmupPrefix) t = t - this.warmupT;
    return this.baseTimes(this.powOf(this.decayRate.v, bisectRight(this.decayT, t + 1), this.decayRate.int));
  }
  protected reason(at: number): StepReason {
    if (at < this.warmupT) return this.warmupReason(at);
    const tt = this.warmupPrefix ? at - this.warmupT : at;
    const n = bisectRight(this.decayT, tt + 1);
    return {
      phase: n ? t('after milestone {0}', n) : t('base LR'),
      text: t('{0} of decay_t [{1}] are ≤ t + 1 = {2} (timm counts a milestone one {3} early): LR = base LR × decay_rate^{0} = {4} × base LR', n, this.decayT.map(fmtT).join(', '), fmtT(tt + 1), this.unitWord, fmt(Math.pow(this.decayRate.v, n))),
    };
  }
  override events(steps: number): Ev[] {
    const out = this.warmupEvents(steps);
    let prev = -1;
    for (let at = Math.ceil(this.warmupT); at < Math.min(steps, 200_000) && out.length < 400; at++) {
      const n = bisectRight(this.decayT, (this.warmupPrefix ? at - this.warmupT : at) + 1);
      if (prev >= 0 && n !== prev) out.push({ step: at, kind: 'milestone', label: t('milestone {0}: × decay_rate^{0} (decay_t {1} reached one {2} early: bisect_right(decay_t, t + 1))', n, fmtT(this.decayT[n - 1] ?? NaN), this.unitWord) });
      prev = n;
    }
    return out;
  }
}

/** What create_scheduler_v2 returns for an unknown `sched`: None — train.py then never steps it. */
export class TimmNone extends TimmScheduler {
  readonly name = 'None';
  constructor(sink: torch.WarningSink, opt: SimOptimizer, readonly sched: string) {
    super(sink);
    this.optimizer = opt;
    this.base_values = opt.groups.map((g) => g.lr);
    this.base_lrs = this.base_values.slice();
  }
  lrAt(): number[] {
    return this.optimizer.groups.map((g) => g.lr);
  }
  override step(epoch?: number | null): void {
    this.last_epoch = epoch ?? this.last_epoch + 1; // `if lr_scheduler is not None:` — nothing is stepped
  }
  override fastForward(): number {
    return -1;
  }
  protected reason(): StepReason {
    return { phase: t('no scheduler'), text: t("sched={0} is not a timm schedule: create_scheduler_v2 returns None, train.py never steps it and the LR stays the optimizer's", this.sched) };
  }
}

/**
 * PlateauLRScheduler (plateau_lr.py): timm wraps torch's ReduceLROnPlateau, so this extends the
 * engine's; simulate() passes the metric of iteration i to step(null, metric), as train.py's
 * `step(epoch + 1, eval_metrics[eval_metric])`.
 */
export class TimmPlateau extends torch.ReduceLROnPlateau {
  readonly timmName = 'PlateauLRScheduler';
  epoch = 0;
  warmupT = 0;
  warmupLrInit = 0;
  warmupSteps: number[] = [];
  base_values: number[];
  noiseRange: PyValue;
  /** Iterations at which the wrapped ReduceLROnPlateau lowered the LR. */
  reducedAt: number[] = [];
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Args) {
    super(sink, opt, TimmPlateau.prepare(opt, a));
    this.base_values = opt.groups.map((g) => g.initial_lr as number);
    this.base_lrs = this.base_values.slice();
    this.noiseRange = a.noise_range_t;
    const w = a.warmup_t;
    this.warmupT = isNumber(w) ? toNumber(w) : 0;
    this.warmupLrInit = isNumber(a.warmup_lr_init) ? toNumber(a.warmup_lr_init) : 0;
    if (isTruthy(w)) {
      const init = numArg(a.warmup_lr_init, '-', 'float', false);
      this.warmupSteps = this.base_values.map((v) => pyDiv(v - init, numArg(w, '/', 'float', false), false));
      updateGroups(opt, init);
    } else this.warmupSteps = this.base_values.map(() => 1);
  }
  /** Scheduler.__init__, then the arguments timm hands torch's ReduceLROnPlateau. */
  private static prepare(opt: SimOptimizer, a: Args): Args {
    timmBaseInit(opt, a);
    return {
      mode: a.mode, factor: a.decay_rate, patience: a.patience_t, threshold: a.threshold, threshold_mode: { t: 'str', v: 'rel' },
      cooldown: a.cooldown_t, min_lr: a.lr_min, eps: { t: 'float', v: 1e-8 },
    };
  }
  override fastForward(): number {
    return -1;
  }
  override step(epoch?: number | null, metric?: number): void {
    const e = epoch === undefined || epoch === null ? this.epoch + 1 : epoch;
    this.epoch = e;
    if (e <= this.warmupT) {
      updateGroups(this.optimizer, this.warmupSteps.map((s) => this.warmupLrInit + e * s));
      return;
    }
    if (metric === undefined) return; // `if metric is not None:` — the wrapped scheduler is not stepped
    const before = this.optimizer.groups.map((g) => g.lr);
    super.step(null, metric);
    if (this.optimizer.groups.some((g, i) => g.lr !== before[i])) this.reducedAt.push(e);
  }
  override explain(i: number): StepReason {
    if (i <= this.warmupT && this.warmupT > 0) {
      return { phase: t('warmup'), text: t('linear warmup, epoch {0} of {1}: LR = warmup_lr_init + {0} × (base LR − warmup_lr_init) / {1}; the metric is not looked at until the warmup is over', i, fmtT(this.warmupT)) };
    }
    const n = this.reducedAt.filter((s) => s <= i).length;
    const noise = !!this.noiseRange && this.noiseRange.t !== 'none';
    const args = [fmt(this.factor), this.mode, this.patience, n];
    let text: string;
    if (n === 1) {
      text = noise
        ? t("LR × decay_rate={0} each time the metric (mode '{1}') has not improved for more than patience_t={2} epochs; {3} reduction so far; timm adds noise in noise_range_t, left out of the preview", ...args)
        : t("LR × decay_rate={0} each time the metric (mode '{1}') has not improved for more than patience_t={2} epochs; {3} reduction so far", ...args);
    } else {
      text = noise
        ? t("LR × decay_rate={0} each time the metric (mode '{1}') has not improved for more than patience_t={2} epochs; {3} reductions so far; timm adds noise in noise_range_t, left out of the preview", ...args)
        : t("LR × decay_rate={0} each time the metric (mode '{1}') has not improved for more than patience_t={2} epochs; {3} reductions so far", ...args);
    }
    return { phase: n === 0 ? t('plateau watch') : n === 1 ? t('after {0} reduction', n) : t('after {0} reductions', n), text };
  }
  // @ts-expect-error ReduceLROnPlateau's events() takes no argument and returns only reductions
  override events(steps: number): Ev[] {
    const out: Ev[] = [];
    if (this.warmupT > 0 && this.warmupT < steps) out.push({ step: Math.ceil(this.warmupT), kind: 'phase', label: t('warmup done (warmup_t={0})', fmtT(this.warmupT)) });
    for (const s of this.reducedAt) if (s < steps) out.push({ step: s, kind: 'reduce', label: t('plateau: LR × {0}', fmt(this.factor)) });
    return out;
  }
}

// ---- create_scheduler_v2 / create_scheduler / scheduler_kwargs (scheduler_factory.py) -------------

type Builder = (sink: torch.WarningSink, opt: SimOptimizer, given: Args) => torch.LRScheduler;
const classBuilder = (name: string, make: (s: torch.WarningSink, o: SimOptimizer, a: Args) => torch.LRScheduler): Builder => (sink, opt, given) => {
  const entry = TIMM_ENTRIES.find((e) => e.name === name)!;
  const { args } = bindCall(`${name}.__init__`, entry.params, given);
  return make(sink, opt, args);
};
export const TIMM_CLASSES: Record<string, Builder> = {
  CosineLRScheduler: classBuilder('CosineLRScheduler', (s, o, a) => new TimmCosine(s, o, a)),
  TanhLRScheduler: classBuilder('TanhLRScheduler', (s, o, a) => new TimmTanh(s, o, a)),
  StepLRScheduler: classBuilder('StepLRScheduler', (s, o, a) => new TimmStep(s, o, a)),
  MultiStepLRScheduler: classBuilder('MultiStepLRScheduler', (s, o, a) => new TimmMultiStep(s, o, a)),
  PlateauLRScheduler: classBuilder('PlateauLRScheduler', (s, o, a) => new TimmPlateau(s, o, a)),
  PolyLRScheduler: classBuilder('PolyLRScheduler', (s, o, a) => new TimmPoly(s, o, a)),
};

const mulV = (a: PyValue, b: PyValue): PyValue => {
  const x = operand(a, '*', typeName(b), true);
  const y = operand(b, '*', typeName(a), false);
  return { t: isInt(a) && isInt(b) ? 'int' : 'float', v: x * y };
};

/** The schedule `sched` names in create_scheduler_v2 (None for an unknown name). */
export const TIMM_SCHED_CLASS: Record<string, string> = {
  cosine: 'CosineLRScheduler', tanh: 'TanhLRScheduler', step: 'StepLRScheduler', multistep: 'MultiStepLRScheduler', plateau: 'PlateauLRScheduler', poly: 'PolyLRScheduler',
};

/** create_scheduler_v2(...): [scheduler, num_epochs] exactly as timm computes them. */
export function createSchedulerV2(sink: torch.WarningSink, opt: SimOptimizer, given: Args): { scheduler: torch.LRScheduler; numEpochs: PyValue } {
  // decay_milestones' default is a tuple (bindCall reads only scalar defaults)
  const milestones: PyValue = { t: 'tuple', items: [90, 180, 270].map((v) => ({ t: 'int', v }) as PyValue) };
  const { args: a } = bindCall('create_scheduler_v2', V2_PARAMS, given);
  if (!('decay_milestones' in given)) a.decay_milestones = milestones;
  let t_initial = a.num_epochs;
  let warmup_t = a.warmup_epochs;
  let decay_t = a.decay_epochs;
  let decay_milestones = a.decay_milestones;
  let cooldown_t = a.cooldown_epochs;
  const stepOnEpochs = isTruthy(a.step_on_epochs);
  const upe = a.updates_per_epoch;
  if (!stepOnEpochs) {
    pyAssert(cmp(upe, '>', { t: 'int', v: 0 }), 'updates_per_epoch must be set to number of dataloader batches');
    t_initial = mulV(t_initial, upe);
    warmup_t = mulV(warmup_t, upe);
    decay_t = mulV(decay_t, upe);
    if (decay_milestones.t !== 'list' && decay_milestones.t !== 'tuple') throw new PyError('TypeError', `'${typeName(decay_milestones)}' object is not iterable`);
    decay_milestones = { t: 'list', items: decay_milestones.items.map((d) => mulV(d, upe)) };
    cooldown_t = mulV(cooldown_t, upe);
  }
  const warmup: Args = { warmup_lr_init: a.warmup_lr, warmup_t, warmup_prefix: a.warmup_prefix };
  let noise_range: PyValue = { t: 'none' };
  const noise = a.noise;
  if (!isNone(noise)) {
    if (noise.t === 'list' || noise.t === 'tuple') {
      const r = noise.items.map((n) => mulV(n, t_initial));
      noise_range = r.length === 1 ? r[0] : { t: 'list', items: r };
    } else noise_range = mulV(noise, t_initial);
  }
  const noiseArgs: Args = { noise_range_t: noise_range, noise_pct: a.noise_pct, noise_std: a.noise_std, noise_seed: a.noise_seed };
  const cycle: Args = { cycle_mul: a.cycle_mul, cycle_decay: a.cycle_decay, cycle_limit: a.cycle_limit };
  const sched = a.sched.t === 'str' ? a.sched.v : null;
  let s: torch.LRScheduler;
  const te = { t: 'bool', v: stepOnEpochs } as PyValue;
  switch (sched) {
    case 'cosine':
      s = TIMM_CLASSES.CosineLRScheduler(sink, opt, { t_initial, lr_min: a.min_lr, t_in_epochs: te, ...cycle, ...warmup, ...noiseArgs, k_decay: a.k_decay });
      break;
    case 'tanh':
      s = TIMM_CLASSES.TanhLRScheduler(sink, opt, { t_initial, lr_min: a.min_lr, t_in_epochs: te, ...cycle, ...warmup, ...noiseArgs });
      break;
    case 'step':
      s = TIMM_CLASSES.StepLRScheduler(sink, opt, { decay_t, decay_rate: a.decay_rate, t_in_epochs: te, ...warmup, ...noiseArgs });
      break;
    case 'multistep':
      s = TIMM_CLASSES.MultiStepLRScheduler(sink, opt, { decay_t: decay_milestones, decay_rate: a.decay_rate, t_in_epochs: te, ...warmup, ...noiseArgs });
      break;
    case 'plateau': {
      pyAssert(stepOnEpochs, 'Plateau LR only supports step per epoch.');
      const { warmup_prefix: _drop, ...w } = warmup;
      void _drop;
      s = TIMM_CLASSES.PlateauLRScheduler(sink, opt, { decay_rate: a.decay_rate, patience_t: a.patience_epochs, cooldown_t: { t: 'int', v: 0 }, ...w, lr_min: a.min_lr, mode: a.plateau_mode, ...noiseArgs });
      break;
    }
    case 'poly':
      s = TIMM_CLASSES.PolyLRScheduler(sink, opt, { power: a.decay_rate, t_initial, lr_min: a.min_lr, t_in_epochs: te, k_decay: a.k_decay, ...cycle, ...warmup, ...noiseArgs });
      break;
    default:
      s = new TimmNone(sink, opt, repr(a.sched));
  }
  let numEpochs: PyValue = a.num_epochs;
  if (s instanceof TimmCyclic) {
    const c = s.cycleLength() + numArg(cooldown_t, '+', 'int', false);
    numEpochs = { t: 'int', v: stepOnEpochs ? c : Math.floor(c / numArg(upe, '//', 'int', false)) };
  } else if (isTruthy(a.warmup_prefix)) numEpochs = { t: isInt(a.num_epochs) && isInt(a.warmup_epochs) ? 'int' : 'float', v: toNumber(a.num_epochs) + toNumber(a.warmup_epochs) };
  (s as { timmNumEpochs?: PyValue }).timmNumEpochs = numEpochs;
  return { scheduler: s, numEpochs };
}

/** The attributes scheduler_kwargs(cfg) reads, with getattr's defaults (`sched` has none). */
export const TIMM_CFG_ATTRS: [string, PyValue | null][] = [
  ['sched', null], ['eval_metric', { t: 'str', v: 'top1' }], ['epochs', { t: 'int', v: 100 }], ['decay_epochs', { t: 'int', v: 30 }],
  ['decay_milestones', { t: 'list', items: [{ t: 'int', v: 30 }, { t: 'int', v: 60 }] }], ['warmup_epochs', { t: 'int', v: 5 }],
  ['cooldown_epochs', { t: 'int', v: 0 }], ['patience_epochs', { t: 'int', v: 10 }], ['decay_rate', { t: 'float', v: 0.1 }],
  ['min_lr', { t: 'float', v: 0 }], ['warmup_lr', { t: 'float', v: 1e-5 }], ['warmup_prefix', { t: 'bool', v: false }],
  ['lr_noise', { t: 'none' }], ['lr_noise_pct', { t: 'float', v: 0.67 }], ['lr_noise_std', { t: 'float', v: 1 }], ['seed', { t: 'int', v: 42 }],
  ['lr_cycle_mul', { t: 'float', v: 1 }], ['lr_cycle_decay', { t: 'float', v: 0.1 }], ['lr_cycle_limit', { t: 'int', v: 1 }],
  ['lr_k_decay', { t: 'float', v: 1 }], ['sched_on_updates', { t: 'bool', v: false }],
];

/**
 * scheduler_kwargs(cfg, decreasing_metric): `cfg` is the attributes the namespace has (a dict from
 * attribute name to value; missing ones take getattr's default). Returns create_scheduler_v2's kwargs.
 */
export function schedulerKwargs(cfg: PyValue, decreasingMetric: PyValue = { t: 'none' }): Args {
  const attrs = new Map<string, PyValue>();
  if (cfg.t === 'dict') for (const [k, v] of cfg.entries) if (k.t === 'str') attrs.set(k.v, v);
  const owner = cfg.t === 'dict' ? 'Namespace' : typeName(cfg);
  const get = (name: string) => {
    const v = attrs.get(name);
    if (v !== undefined) return v;
    const d = TIMM_CFG_ATTRS.find(([n]) => n === name)![1];
    if (d === null) throw new PyError('AttributeError', `'${owner}' object has no attribute '${name}'`);
    return d;
  };
  const evalMetric = get('eval_metric');
  let plateauMode: string;
  if (!isNone(decreasingMetric)) plateauMode = isTruthy(decreasingMetric) ? 'min' : 'max';
  else {
    if (evalMetric.t !== 'str' && evalMetric.t !== 'list' && evalMetric.t !== 'tuple') throw new PyError('TypeError', `argument of type '${typeName(evalMetric)}' is not iterable`);
    plateauMode = evalMetric.t === 'str' ? (evalMetric.v.includes('loss') ? 'min' : 'max') : evalMetric.items.some((x) => x.t === 'str' && x.v === 'loss') ? 'min' : 'max';
  }
  return {
    sched: get('sched'), num_epochs: get('epochs'), decay_epochs: get('decay_epochs'), decay_milestones: get('decay_milestones'),
    warmup_epochs: get('warmup_epochs'), cooldown_epochs: get('cooldown_epochs'), patience_epochs: get('patience_epochs'),
    decay_rate: get('decay_rate'), min_lr: get('min_lr'), warmup_lr: get('warmup_lr'), warmup_prefix: get('warmup_prefix'),
    noise: get('lr_noise'), noise_pct: get('lr_noise_pct'), noise_std: get('lr_noise_std'), noise_seed: get('seed'),
    cycle_mul: get('lr_cycle_mul'), cycle_decay: get('lr_cycle_decay'), cycle_limit: get('lr_cycle_limit'), k_decay: get('lr_k_decay'),
    plateau_mode: { t: 'str', v: plateauMode }, step_on_epochs: { t: 'bool', v: !isTruthy(get('sched_on_updates')) },
  };
}

/** create_scheduler(args, optimizer, updates_per_epoch=0). `args`: a dict of the namespace's attributes. */
function createScheduler(sink: torch.WarningSink, opt: SimOptimizer, given: Args): torch.LRScheduler {
  const { args: a } = bindCall('create_scheduler', V1_PARAMS, given);
  const kw = schedulerKwargs(a.args);
  return createSchedulerV2(sink, opt, { ...kw, updates_per_epoch: a.updates_per_epoch }).scheduler;
}

/**
 * Arguments create_scheduler_v2 / create_scheduler never read for these values (an unknown one need
 * not stop a preview): updates_per_epoch when the schedule steps on epochs.
 */
export function timmIgnoredArgs(name: string, given: Record<string, PyValue | undefined>): Set<string> {
  if (name === 'create_scheduler_v2') {
    const s = given.step_on_epochs;
    if (s === undefined || isTruthy(s)) return new Set(['updates_per_epoch']);
  }
  if (name === 'create_scheduler') {
    const ns = given.args;
    if (ns && ns.t === 'dict' && !ns.entries.some(([k, v]) => k.t === 'str' && k.v === 'sched_on_updates' && isTruthy(v))) return new Set(['updates_per_epoch']);
  }
  return new Set();
}

/** The unit one preview step stands for: `epoch` (t_in_epochs=True, plateau) or `update`. */
export function timmStepUnit(s: torch.LRScheduler): 'epoch' | 'update' | null {
  if (s instanceof TimmPlateau) return 'epoch';
  if (s instanceof TimmScheduler) return s.tInEpochs ? 'epoch' : 'update';
  return null;
}

// ---- The catalog ---------------------------------------------------------------------------------

const OPT: ParamSpec = {
  name: 'optimizer', position: 0, type: 'torch.optim.Optimizer',
  doc: 'The optimizer whose param groups are scheduled; each group’s `lr` at construction (kept as `initial_lr`) is its base LR, the peak of the schedule. A group with an `lr_scale` key (timm’s layer-wise decay) gets LR × lr_scale.',
};
const T_INITIAL = (position: number): ParamSpec => ({
  name: 't_initial', position, type: 'int', unit: 'epochs (updates if t_in_epochs=False)', range: '> 0',
  doc: 'Length of the first cycle: the curve falls from the base LR to lr_min over t_initial epochs (or updates with t_in_epochs=False). With cycle_limit=1 (default) the LR then stays at lr_min. Warmup counts inside it unless warmup_prefix=True.',
});
const LR_MIN = (position: number): ParamSpec => ({ name: 'lr_min', position, default: '0.', type: 'float', unit: 'LR', range: '≥ 0', doc: 'The LR at the end of every cycle (absolute, not a factor), held once cycle_limit cycles are done.' });
const CYCLE_MUL = (position: number): ParamSpec => ({ name: 'cycle_mul', position, default: '1.', type: 'float', unit: '× per cycle', range: '> 0', doc: 'Growth of the cycle length: cycle k lasts t_initial × cycle_mul^k. 1 keeps every cycle t_initial long; 2 doubles each (restarts at t_initial, 3·t_initial, 7·t_initial…). Only matters with cycle_limit > 1.' });
const CYCLE_DECAY = (position: number): ParamSpec => ({ name: 'cycle_decay', position, default: '1.', type: 'float', unit: '× per cycle', doc: 'Each restart peaks lower: cycle k starts at base LR × cycle_decay^k (0.5 halves every restart’s peak). Only matters with cycle_limit > 1.' });
const CYCLE_LIMIT = (position: number): ParamSpec => ({ name: 'cycle_limit', position, default: '1', type: 'int', unit: 'cycles', range: 'integer ≥ 1', doc: 'How many cycles run before the LR stays at lr_min: 1 (default) is a single decay with no restart; 3 restarts twice (warm restarts at the ends of cycles 1 and 2).' });
const WARMUP_T = (position: number): ParamSpec => ({ name: 'warmup_t', position, default: '0', type: 'int', unit: 'epochs (updates if t_in_epochs=False)', range: '≥ 0', doc: 'Length of the linear warmup from warmup_lr_init to the base LR; 0 skips it. The construction sets the LR to warmup_lr_init, so epoch 0 trains at warmup_lr_init.' });
const WARMUP_LR_INIT = (position: number): ParamSpec => ({ name: 'warmup_lr_init', position, default: '0.', type: 'float', unit: 'LR', doc: 'The LR the warmup starts from (absolute LR, the same for every param group), used from construction until the first step.' });
const WARMUP_PREFIX = (position: number, def: 'False' | 'True'): ParamSpec => ({
  name: 'warmup_prefix', position, default: def, type: 'bool',
  doc: def === 'False'
    ? 'False (default here): the warmup eats into the first cycle — the cosine/poly/tanh curve is already partly down when the warmup ends. True: the schedule starts after the warmup (t counts from warmup_t), so the warmup is added in front and the whole run is warmup_t longer.'
    : 'True (default here): decay_t counts from the end of the warmup (the decays come warmup_t later). False: decay_t counts from epoch 0, warmup included.',
});
const T_IN_EPOCHS = (position: number): ParamSpec => ({ name: 't_in_epochs', position, default: 'True', type: 'bool', doc: 'True: t counts epochs — scheduler.step(epoch) moves the LR and step_update() does nothing (the preview’s steps are epochs). False: t counts optimizer updates — step_update(num_updates) moves it after every batch and step(epoch) does nothing (the preview’s steps are updates, and t_initial / warmup_t are in updates).' });
const NOISE = (position: number): ParamSpec[] => [
  { name: 'noise_range_t', position, default: 'None', type: 'int | list[int] | None', unit: 't', doc: 'Where timm perturbs the LR: [start, end) in t, or from t on for a single number; None = no noise. Each LR in the range is multiplied by 1 + n, n a random number (|n| < noise_pct) seeded by noise_seed + t. The preview shows the curve without the noise.' },
  { name: 'noise_pct', position: position + 1, default: '0.67', type: 'float', doc: 'Bound of the noise: |n| < noise_pct, so 0.67 lets the LR move by up to ±67%.' },
  { name: 'noise_std', position: position + 2, default: '1.0', type: 'float', doc: 'Standard deviation timm declares for the normal noise (1.0); timm 1.0.29 does not use it — draws are standard normal, resampled until |n| < noise_pct.' },
  { name: 'noise_seed', position: position + 3, default: '42', type: 'int', doc: 'Seed of the noise: the draw at t uses a generator seeded with noise_seed + t, so the same run gets the same noise.' },
];
const K_DECAY = (position: number): ParamSpec => ({ name: 'k_decay', position, default: '1.0', type: 'float', range: '> 0', doc: 'k-decay: the curve follows (t_curr/t_i)^k instead of t_curr/t_i. k > 1 keeps the LR high longer and drops late; k < 1 drops early. 1.0 is the plain curve.' });
const INITIALIZE = (position: number): ParamSpec => ({ name: 'initialize', position, default: 'True', type: 'bool', doc: 'True: store each group’s lr as `initial_lr` (unless one is already there) and use it as the base LR. False: require `initial_lr` in every group (resuming) — KeyError otherwise.' });

const NOISE_PITFALL = 'noise_range_t adds a random-looking ±noise_pct perturbation (seeded by noise_seed + t) inside that range: the preview draws the curve without it.';
const STEPPING_PITFALL = 'timm schedulers do not count steps themselves: pass the epoch to step(epoch) (train.py calls step(epoch + 1) after each epoch) and the update count to step_update(num_updates). scheduler.step() without the epoch is a TypeError.';
const T_IN_EPOCHS_PITFALL = 't_in_epochs=True (default) ignores step_update(): stepping only per batch leaves the LR at its initial value. With t_in_epochs=False, t_initial and warmup_t are in updates, not epochs.';
const WARMUP_INIT_PITFALL = 'With warmup_t > 0 the constructor already sets the LR to warmup_lr_init (default 0): epoch 0 trains at warmup_lr_init.';

const CYCLIC_TAIL = (p: number): ParamSpec[] => [
  CYCLE_MUL(p), CYCLE_DECAY(p + 1), CYCLE_LIMIT(p + 2), WARMUP_T(p + 3), WARMUP_LR_INIT(p + 4), WARMUP_PREFIX(p + 5, 'False'), T_IN_EPOCHS(p + 6), ...NOISE(p + 7),
];
const WARMUP_TAIL = (p: number): ParamSpec[] => [WARMUP_T(p), WARMUP_LR_INIT(p + 1), WARMUP_PREFIX(p + 2, 'True'), T_IN_EPOCHS(p + 3), ...NOISE(p + 4), INITIALIZE(p + 8)];

const V2_PARAMS: ParamSpec[] = [
  { ...OPT, position: 0 },
  { name: 'sched', position: 1, default: "'cosine'", type: 'str', range: "'cosine' | 'tanh' | 'step' | 'multistep' | 'plateau' | 'poly'", doc: "Which scheduler: 'cosine' CosineLRScheduler, 'tanh' TanhLRScheduler, 'step' StepLRScheduler, 'multistep' MultiStepLRScheduler, 'plateau' PlateauLRScheduler, 'poly' PolyLRScheduler (power = decay_rate). Any other name returns None: no scheduling at all, silently." },
  { name: 'num_epochs', position: 2, default: '300', type: 'int', unit: 'epochs', doc: 'Length of the first cycle (t_initial) of cosine / tanh / poly, in epochs (× updates_per_epoch when step_on_epochs=False). The second return value is the total epochs to train: the cycles + cooldown_epochs (+ warmup with warmup_prefix).' },
  { name: 'decay_epochs', position: 3, default: '90', type: 'int', unit: 'epochs', doc: "'step': the LR is multiplied by decay_rate every decay_epochs epochs." },
  { name: 'decay_milestones', position: 4, default: '(90, 180, 270)', type: 'list[int]', unit: 'epochs', doc: "'multistep': epochs at which the LR is multiplied by decay_rate (timm applies each one epoch early: at milestone − 1)." },
  { name: 'cooldown_epochs', position: 5, default: '0', type: 'int', unit: 'epochs', doc: 'Epochs added after the last cycle at lr_min: only lengthens the returned num_epochs (the LR is already at min_lr there).' },
  { name: 'patience_epochs', position: 6, default: '10', type: 'int', unit: 'epochs', doc: "'plateau': epochs without improvement before the LR is reduced." },
  { name: 'decay_rate', position: 7, default: '0.1', type: 'float', doc: "Factor per decay for 'step' / 'multistep' / 'plateau'; for 'poly' it is the polynomial power." },
  { name: 'min_lr', position: 8, default: '0.', type: 'float', unit: 'LR', doc: 'lr_min of the schedule: the floor of cosine / tanh / poly cycles, the lower bound of plateau.' },
  { name: 'warmup_lr', position: 9, default: '1e-5', type: 'float', unit: 'LR', doc: 'warmup_lr_init: the LR the warmup starts from (and the LR right after construction when warmup_epochs > 0).' },
  { name: 'warmup_epochs', position: 10, default: '0', type: 'int', unit: 'epochs', doc: 'Linear warmup length (warmup_t) in epochs (× updates_per_epoch when step_on_epochs=False).' },
  { name: 'warmup_prefix', position: 11, default: 'False', type: 'bool', doc: 'True: the warmup is added before the schedule (the schedule starts after it); False: it is part of the first cycle / decay period. Not passed to plateau.' },
  { name: 'noise', position: 12, default: 'None', type: 'float | list[float] | None', doc: 'LR noise range as fractions of t_initial: [0.4, 0.8] perturbs the LR between 40% and 80% of the first cycle. The preview draws the curve without the noise.' },
  { name: 'noise_pct', position: 13, default: '0.67', type: 'float', doc: 'Bound of the noise: the LR moves by at most ±noise_pct.' },
  { name: 'noise_std', position: 14, default: '1.', type: 'float', doc: 'Passed on as noise_std (unused by timm 1.0.29’s noise).' },
  { name: 'noise_seed', position: 15, default: '42', type: 'int', doc: 'Noise seed: the draw at t is seeded with noise_seed + t.' },
  { name: 'cycle_mul', position: 16, default: '1.', type: 'float', doc: 'cycle_mul of cosine / tanh / poly: each cycle is cycle_mul times longer than the one before.' },
  { name: 'cycle_decay', position: 17, default: '0.1', type: 'float', doc: 'cycle_decay: each restart peaks at cycle_decay × the previous peak. Note the factory default 0.1 (the classes default to 1.0); it only matters with cycle_limit > 1.' },
  { name: 'cycle_limit', position: 18, default: '1', type: 'int', doc: 'Number of cycles before the LR stays at min_lr; 1 = no restart.' },
  { name: 'k_decay', position: 19, default: '1.0', type: 'float', doc: 'k-decay of cosine / poly: > 1 keeps the LR high longer, < 1 drops early.' },
  { name: 'plateau_mode', position: 20, default: "'max'", type: "'min' | 'max'", doc: "'plateau': 'max' for accuracy-like metrics (timm's default), 'min' for a loss." },
  { name: 'step_on_epochs', position: 21, default: 'True', type: 'bool', doc: 'True: t counts epochs (t_in_epochs=True; updates_per_epoch is not read). False: every epoch length is multiplied by updates_per_epoch and the LR moves after every optimizer update (step_update).' },
  { name: 'updates_per_epoch', position: 22, default: '0', type: 'int', unit: 'updates', doc: 'Optimizer updates per epoch (batches ÷ grad_accum_steps); required (> 0) with step_on_epochs=False, ignored otherwise.' },
];
const V1_PARAMS: ParamSpec[] = [
  { name: 'args', position: 0, type: 'argparse.Namespace', doc: 'The training script’s parsed arguments: read through scheduler_kwargs — sched (required), epochs, warmup_epochs, warmup_lr, min_lr, decay_epochs, decay_milestones, decay_rate, cooldown_epochs, patience_epochs, lr_cycle_mul/decay/limit, lr_k_decay, lr_noise*, seed, eval_metric, sched_on_updates. A missing attribute takes scheduler_kwargs’ getattr default (epochs 100, warmup_epochs 5, lr_cycle_decay 0.1 — not create_scheduler_v2’s).' },
  { ...OPT, position: 1 },
  { name: 'updates_per_epoch', position: 2, default: '0', type: 'int', unit: 'updates', doc: 'Optimizer updates per epoch; needed only with args.sched_on_updates=True.' },
];

const CYCLIC_PITFALLS = (shape: string) => [
  `With cycle_limit=1 (default) the ${shape} runs once over t_initial and the LR then stays at lr_min — for the run to end at lr_min, t_initial must be the number of epochs to train (warmup included unless warmup_prefix=True).`,
  WARMUP_INIT_PITFALL, STEPPING_PITFALL, T_IN_EPOCHS_PITFALL, NOISE_PITFALL,
];

const qn = (cls: string, mod: string) => [`timm.scheduler.${cls}`, `timm.scheduler.${mod}.${cls}`];

export const TIMM_ENTRIES: SchedulerEntry[] = [
  {
    name: 'CosineLRScheduler', framework: 'timm', qualifiedNames: qn('CosineLRScheduler', 'cosine_lr'),
    summary: 'timm’s cosine schedule: optional linear warmup from warmup_lr_init, then a cosine from the base LR to lr_min over t_initial epochs, repeated cycle_limit times (each cycle cycle_mul× longer, peaking cycle_decay× lower), then lr_min.',
    formula: 'lr(t) = lr_min + ½(base_lr·cycle_decay^i − lr_min)(1 + cos(π·t_curr^k / t_i^k)), t_i = t_initial·cycle_mul^i; warmup: warmup_lr_init + t·(base_lr − warmup_lr_init)/warmup_t',
    params: [OPT, T_INITIAL(1), LR_MIN(2), ...CYCLIC_TAIL(3), K_DECAY(14), INITIALIZE(15)],
    checks: ['t_initial > 0 (AssertionError).', 'lr_min ≥ 0 (AssertionError).', 'cycle_mul < 1 fails with ValueError (math domain error) once t reaches t_initial / (1 − cycle_mul).', 'initialize=False needs initial_lr in every param group (KeyError).'],
    pitfalls: CYCLIC_PITFALLS('cosine'),
    typicalStepping: 'per-epoch',
    ctor: factory(TIMM_CLASSES.CosineLRScheduler),
  },
  {
    name: 'TanhLRScheduler', framework: 'timm', qualifiedNames: qn('TanhLRScheduler', 'tanh_lr'),
    summary: 'timm’s hyperbolic-tangent schedule: the LR follows ½(1 − tanh) from near the base LR down to near lr_min over t_initial epochs (lb/ub set how flat the ends are), with warmup and cycles like CosineLRScheduler.',
    formula: 'lr(t) = lr_min + ½(base_lr·cycle_decay^i − lr_min)(1 − tanh(lb·(1 − t_curr/t_i) + ub·t_curr/t_i))',
    params: [
      OPT, T_INITIAL(1),
      { name: 'lb', position: 2, default: '-7.', type: 'float', range: '< ub', doc: 'tanh argument at the start of a cycle: −7 starts at ≈ the base LR (½(1 − tanh(−7)) ≈ 1); closer to 0 starts lower.' },
      { name: 'ub', position: 3, default: '3.', type: 'float', doc: 'tanh argument at the end of a cycle: 3 ends at ≈ 0.25% of the way above lr_min; larger ends closer to lr_min.' },
      LR_MIN(4), ...CYCLIC_TAIL(5), INITIALIZE(16),
    ],
    checks: ['t_initial > 0, lr_min ≥ 0, lb < ub, cycle_limit ≥ 0, warmup_t ≥ 0, warmup_lr_init ≥ 0 (AssertionError).'],
    pitfalls: [...CYCLIC_PITFALLS('tanh curve'), 'Without warmup_prefix the warmup climbs to the value the tanh curve has at warmup_t, not to the base LR.'],
    typicalStepping: 'per-epoch',
    ctor: factory(TIMM_CLASSES.TanhLRScheduler),
  },
  {
    name: 'StepLRScheduler', framework: 'timm', qualifiedNames: qn('StepLRScheduler', 'step_lr'),
    summary: 'timm’s step decay: the LR is multiplied by decay_rate every decay_t epochs, after an optional linear warmup.',
    formula: 'lr(t) = base_lr × decay_rate^(t // decay_t)   (t counted after the warmup when warmup_prefix=True)',
    params: [
      OPT,
      { name: 'decay_t', position: 1, type: 'float', unit: 'epochs (updates if t_in_epochs=False)', range: '> 0', doc: 'Period of the decay: the LR drops by decay_rate at t = decay_t, 2·decay_t, … (a float like 2.5 works: t // 2.5).' },
      { name: 'decay_rate', position: 2, default: '1.', type: 'float', unit: '× per decay', doc: 'Factor per decay: 0.1 divides the LR by 10. The default 1.0 never decays.' },
      ...WARMUP_TAIL(3),
    ],
    checks: ['decay_t = 0 fails at the first step with ZeroDivisionError.'],
    pitfalls: ['decay_rate defaults to 1.0: without it the LR never changes.', WARMUP_INIT_PITFALL, STEPPING_PITFALL, T_IN_EPOCHS_PITFALL, NOISE_PITFALL],
    typicalStepping: 'per-epoch',
    ctor: factory(TIMM_CLASSES.StepLRScheduler),
  },
  {
    name: 'MultiStepLRScheduler', framework: 'timm', qualifiedNames: qn('MultiStepLRScheduler', 'multistep_lr'),
    summary: 'timm’s multi-step decay: the LR is multiplied by decay_rate at each milestone of decay_t (one epoch before it, as timm counts), after an optional warmup.',
    formula: 'lr(t) = base_lr × decay_rate^(bisect_right(decay_t, t + 1))',
    params: [
      OPT,
      { name: 'decay_t', position: 1, type: 'list[int]', unit: 'epochs (updates if t_in_epochs=False)', range: 'increasing', doc: 'Milestones: the LR is multiplied by decay_rate once t + 1 reaches each, i.e. from epoch milestone − 1 on. Must be sorted.' },
      { name: 'decay_rate', position: 2, default: '1.', type: 'float', unit: '× per milestone', doc: 'Factor per milestone; the default 1.0 never decays.' },
      ...WARMUP_TAIL(3),
    ],
    checks: ['decay_t must be a list (bisect).'],
    pitfalls: ['timm decays one epoch early: bisect_right(decay_t, t + 1) counts milestone 30 at t = 29 (PyTorch’s MultiStepLR decays at 30).', 'decay_t must be sorted: bisect on an unsorted list gives wrong counts.', 'decay_rate defaults to 1.0: without it the LR never changes.', WARMUP_INIT_PITFALL, STEPPING_PITFALL, NOISE_PITFALL],
    typicalStepping: 'per-epoch',
    ctor: factory(TIMM_CLASSES.MultiStepLRScheduler),
  },
  {
    name: 'PlateauLRScheduler', framework: 'timm', qualifiedNames: qn('PlateauLRScheduler', 'plateau_lr'),
    summary: 'timm’s wrapper of PyTorch’s ReduceLROnPlateau: after an optional warmup, the LR is multiplied by decay_rate when the metric passed to step(epoch, metric) stops improving for more than patience_t epochs.',
    params: [
      OPT,
      { name: 'decay_rate', position: 1, default: '0.1', type: 'float', unit: '× per reduction', range: '< 1', doc: 'Factor per reduction (ReduceLROnPlateau’s factor).' },
      { name: 'patience_t', position: 2, default: '10', type: 'int', unit: 'epochs', doc: 'Epochs without improvement tolerated: the LR drops after patience_t + 1 bad epochs in a row.' },
      { name: 'threshold', position: 3, default: '1e-4', type: 'float', doc: 'Relative improvement that counts (threshold_mode "rel").' },
      { name: 'cooldown_t', position: 4, default: '0', type: 'int', unit: 'epochs', doc: 'Epochs after a reduction during which bad epochs are not counted.' },
      WARMUP_T(5), WARMUP_LR_INIT(6),
      { name: 'lr_min', position: 7, default: '0.', type: 'float', unit: 'LR', doc: 'Lower bound of the LR.' },
      { name: 'mode', position: 8, default: "'max'", type: "'min' | 'max'", range: "'min' | 'max'", doc: "'max' (timm's default): higher metric is better (accuracy); 'min' for a loss." },
      { name: 'noise_range_t', position: 9, default: 'None', type: 'int | list[int] | None', doc: 'Epochs where timm perturbs the LR (restored before the next plateau step); the preview leaves the noise out.' },
      { name: 'noise_type', position: 10, default: "'normal'", type: "'normal' | 'uniform'", doc: 'Distribution of the noise.' },
      { name: 'noise_pct', position: 11, default: '0.67', type: 'float', doc: 'Bound of the noise (±noise_pct).' },
      { name: 'noise_std', position: 12, default: '1.0', type: 'float', doc: 'Declared noise standard deviation (unused by timm 1.0.29).' },
      { name: 'noise_seed', position: 13, default: 'None', type: 'int | None', doc: 'Noise seed (None = 42).' },
      INITIALIZE(14),
    ],
    checks: ['decay_rate < 1.0 ("Factor should be < 1.0.").', "mode in {'min', 'max'} (\"mode … is unknown!\")."],
    pitfalls: ["mode defaults to 'max' (accuracy): with a loss as the metric pass mode='min', or the LR drops while the loss improves.", 'step(epoch, metric) needs the metric: without it the LR never drops. step_update() does nothing.', 'Depends on your metric: the preview uses a metric sequence (default: a plateauing loss).', NOISE_PITFALL],
    typicalStepping: 'per-metric',
    ctor: factory(TIMM_CLASSES.PlateauLRScheduler),
  },
  {
    name: 'PolyLRScheduler', framework: 'timm', qualifiedNames: qn('PolyLRScheduler', 'poly_lr'),
    summary: 'timm’s polynomial decay: from the base LR to lr_min over t_initial epochs as (1 − t/t_initial)^power, with warmup, k-decay and cycles like CosineLRScheduler.',
    formula: 'lr(t) = lr_min + (base_lr·cycle_decay^i − lr_min)(1 − t_curr^k / t_i^k)^power',
    params: [
      OPT, T_INITIAL(1),
      { name: 'power', position: 2, default: '0.5', type: 'float', range: '> 0', doc: 'Shape of the decay: 1.0 is linear, 2.0 drops fast early, 0.5 (default) stays high and drops steeply at the end.' },
      LR_MIN(3), ...CYCLIC_TAIL(4), K_DECAY(15), INITIALIZE(16),
    ],
    checks: ['t_initial > 0 (AssertionError).', 'lr_min ≥ 0 (AssertionError).'],
    pitfalls: CYCLIC_PITFALLS('polynomial decay'),
    typicalStepping: 'per-epoch',
    ctor: factory(TIMM_CLASSES.PolyLRScheduler),
  },
  {
    name: 'create_scheduler_v2', framework: 'timm', qualifiedNames: ['timm.scheduler.create_scheduler_v2', 'timm.scheduler.scheduler_factory.create_scheduler_v2'],
    summary: 'timm’s scheduler factory (what train.py calls): builds the scheduler named by `sched` from epoch counts, and returns (scheduler, num_epochs).',
    params: V2_PARAMS,
    checks: ['step_on_epochs=False needs updates_per_epoch > 0 ("updates_per_epoch must be set to number of dataloader batches").', "'plateau' needs step_on_epochs=True (\"Plateau LR only supports step per epoch.\")."],
    pitfalls: [
      'An unknown sched (a typo) returns None: train.py’s `if lr_scheduler is not None` then skips every step and the LR never changes.',
      'cycle_decay defaults to 0.1 here (the classes use 1.0) and warmup_epochs to 0; create_scheduler(args) uses other defaults again (epochs 100, warmup_epochs 5).',
      'The returned num_epochs (cycles + cooldown_epochs) is what train.py loops over — not the num_epochs you passed.',
      NOISE_PITFALL,
    ],
    typicalStepping: 'per-epoch',
    ctor: factory((s, o, a) => createSchedulerV2(s, o, a).scheduler),
  },
  {
    name: 'create_scheduler', framework: 'timm', qualifiedNames: ['timm.scheduler.create_scheduler', 'timm.scheduler.scheduler_factory.create_scheduler'],
    summary: 'timm’s argparse front end: create_scheduler_v2(optimizer, **scheduler_kwargs(args), updates_per_epoch=…) — reads sched, epochs, warmup_epochs, … from the training script’s arguments.',
    params: V1_PARAMS,
    checks: ["args must have a `sched` attribute (AttributeError: 'Namespace' object has no attribute 'sched').", 'The checks of create_scheduler_v2.'],
    pitfalls: [
      'Attributes missing from args take scheduler_kwargs’ getattr defaults (epochs 100, warmup_epochs 5, lr_cycle_decay 0.1, warmup_lr 1e-5), not the add_argument defaults of timm’s train.py.',
      "plateau mode comes from eval_metric: 'min' only if it contains 'loss'.",
      'An unknown sched returns None: the LR never changes.',
      NOISE_PITFALL,
    ],
    typicalStepping: 'per-epoch',
    ctor: factory(createScheduler),
  },
];

let registered = false;
/** Adds the timm entries to the engine's catalog (idempotent). transformers.ts calls it. */
export function registerTimm(): void {
  if (registered || catalogEntries.some((e) => e.framework === 'timm')) {
    registered = true;
    return;
  }
  registered = true;
  registerEntries(TIMM_ENTRIES);
}

/** The `kind` of a timm entry: classes are bound as `Name.__init__()`, the factories as functions. */
export const isTimmClass = (name: string): boolean => name in TIMM_CLASSES;
