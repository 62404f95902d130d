// Schedules that are functions of the step, with no optimizer (Keras' LearningRateSchedule objects,
// Optax's schedule functions): lr = schedule(step). They run through simulate() like any scheduler:
// the Builder hands them a one-group stand-in optimizer (entry.stepFunction), and each step() sets
// that group's lr to value(step) — so lrs[i][0] is the schedule's value at step i, the number the
// library's optimizer would use at update i (Keras passes optimizer.iterations, Optax its int32
// count, both starting at 0). No PyTorch step-order or epoch warnings apply.
//
// Both libraries compute in float32 on their backends (XLA CPU here): f32() rounds a double result
// to float32 and flushes subnormals to zero as XLA's CPU kernels do (FTZ/DAZ), so a result that
// would be subnormal is 0 — a long exponential decay reaches exactly 0, not 1e-44.
import { PyError } from './pyvalue';
import * as torch from './torch';
import { SimOptimizer } from './optimizer';
import type { StepReason } from './types';

const FLT_MIN = 1.1754943508222875e-38;
/** float32 rounding of one operation's result, subnormals flushed to (signed) zero. */
export function f32(x: number): number {
  const r = Math.fround(x);
  return r < FLT_MIN && r > -FLT_MIN ? r * 0 : r;
}
/** XLA's float32 transcendental functions, as the double result rounded to float32 (≤ 1 ulp from XLA's own). */
export const cos32 = (x: number): number => f32(Math.cos(x));
export const log32 = (x: number): number => f32(Math.log(x));
export const pow32 = (x: number, y: number): number => f32(Math.pow(x, y));
/** lax.integer_pow: binary exponentiation in float32 (what `x ** 2` with a Python int becomes in JAX). */
export function intPow32(x: number, n: number): number {
  if (n === 0) return 1;
  let y = Math.abs(n);
  let acc: number | null = null;
  let b = x;
  while (y > 0) {
    if (y & 1) acc = acc === null ? b : f32(acc * b);
    y = Math.floor(y / 2);
    if (y > 0) b = f32(b * b);
  }
  return n < 0 ? f32(1 / (acc as number)) : (acc as number);
}
export const PI32 = Math.fround(Math.PI);

/** The one-group stand-in optimizer a step-function schedule writes its value to. */
export function standInOptimizer(): SimOptimizer {
  return new SimOptimizer('LearningRateSchedule', -1, [{}], {});
}

export type Ev = ReturnType<torch.LRScheduler['events']>[number];

/** A schedule that is a function of the step; subclasses give value(step), explain and events. */
export abstract class StepFnSchedule extends torch.LRScheduler {
  /** The schedule's starting LR as the user wrote it (initial_learning_rate / init_value): the preview's base LR. */
  abstract readonly baseLr: number;
  /** An error the first call (step 0) raised: the library raises it when the optimizer first asks. */
  deferred: unknown = null;
  constructor(sink: torch.WarningSink) {
    super(sink);
  }
  /** lr(step); may throw the library's PyError. */
  abstract value(step: number): number;
  /** Call at the end of the subclass constructor: evaluates step 0 into the stand-in group. */
  protected start(opt: SimOptimizer): void {
    this.optimizer = opt;
    this.base_lrs = [this.baseLr];
    this.last_epoch = 0;
    this._step_count = 1;
    try {
      opt.groups[0].lr = this.value(0);
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      this.deferred = e;
      opt.groups[0].lr = NaN;
    }
  }
  override step(epoch?: number | null): void {
    this._step_count += 1;
    this.last_epoch = epoch === undefined || epoch === null ? this.last_epoch + 1 : epoch;
    this.optimizer.groups[0].lr = this.value(this.last_epoch);
  }
  getLr(): number[] {
    return [this.value(this.last_epoch)];
  }
  override fastForward(i: number, end: number, t: torch.Trace): number {
    const col = t.cols[0];
    let cur = this.optimizer.groups[0].lr;
    let e = this.last_epoch;
    let k = i;
    try {
      for (; k < end; k++) {
        col[k] = cur;
        cur = this.value(e + 1);
        e += 1;
      }
    } catch {
      // step k raises: step() redoes it
    }
    const n = k - i;
    if (n > 0) {
      this.optimizer.groups[0].lr = cur;
      this.last_epoch = e;
      this._step_count += n;
    }
    return k;
  }
  abstract override explain(i: number): StepReason;
}

/** A number formatted for explanations. */
export const fmt = (x: number): string =>
  x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? Number(x.toPrecision(4)).toString() : x.toExponential(3).replace(/\.?0+e/, 'e');
