// The engine's vocabulary: what a scheduler entry declares and what a simulation returns.
// Surfaces (hover, chart, CLI) read only these shapes.
import type { PyValue } from './pyvalue';

export type Framework = 'torch' | 'transformers' | 'diffusers' | 'timm' | 'keras' | 'optax';

/** One parameter of a scheduler's signature, as the library declares it. */
export interface ParamSpec {
  name: string;
  /** Position in the Python signature (0 = optimizer for torch schedulers); undefined = keyword-only. */
  position?: number;
  /** Default as Python source text (`-1`, `0.1`, `None`, `'min'`); undefined = required. */
  default?: string;
  /** Python type as the docs give it: `int`, `float`, `float | list[float]`, `Callable | list[Callable]`, `str`, ... */
  type: string;
  /** One sentence for a user: what it means, in which unit, what changing it does. */
  doc: string;
  /** Unit of the value, when it has one: `steps`, `× base LR`, `LR`... */
  unit?: string;
  /** Allowed range as a user reads it: `> 0`, `integer ≥ 1`, `(0, 1]`, `'min' | 'max'`. */
  range?: string;
  /** Removed in a PyTorch version: passing it is a TypeError there. */
  removedIn?: string;
}

/** Why the LR at a step is what it is, for tooltips and the CLI. */
export interface StepReason {
  /** Short phase label: `warmup`, `cosine`, `cycle 2`, `after milestone 30`, `plateau`... */
  phase: string;
  /** One sentence with this step's numbers. */
  text: string;
}

/** A step where something happens: a restart, a milestone, a phase boundary, an LR reduction. */
export interface ScheduleEvent {
  step: number;
  kind: 'restart' | 'milestone' | 'phase' | 'reduce' | 'switch' | 'end';
  label: string;
}

export interface ScheduleError {
  /** Python exception type: ValueError, TypeError, ZeroDivisionError... */
  type: string;
  message: string;
  /** `construct` = raised by the constructor; a number = raised by scheduler.step() in iteration i. */
  at: 'construct' | number;
}

export interface ScheduleWarning {
  category: string;
  message: string;
  count: number;
  first_at: 'construct' | number | 'after_loop';
}

/** The result of simulating a scheduler: the same meaning as the golden files. */
export interface Schedule {
  name: string;
  /** Iterations simulated (recorded rows = steps, unless an error stopped it). */
  steps: number;
  /** lrs[i][g]: LR of param group g used by iteration i; lrs[0] is the LR right after construction. */
  lrs: number[][];
  /** Same shape as lrs when momentum / beta1 cycles, else null. */
  momentum: number[][] | null;
  momentumKey: 'momentum' | 'betas[0]' | null;
  /** columns[g][i] = lrs[i][g], without building row arrays (fast path for charts and benches). */
  columns: Float64Array[];
  /** LRs after the last scheduler.step(); null if an error stopped the run. */
  finalLrs: number[] | null;
  error: ScheduleError | null;
  warnings: ScheduleWarning[];
  events: ScheduleEvent[];
  /** Notes about this run the user should see (step count capped, ...). */
  notes: string[];
  /** Explains step i (0 ≤ i < lrs.length). */
  explain(i: number): StepReason;
}
