// Runs a scheduler the way the golden programs (and real training loops) do:
//   construct optimizer + children + scheduler; for i in range(steps): record LRs; optimizer.step(); scheduler.step()
// and returns a Schedule with the same meaning as ../shared/golden: lrs[0] is the LR after construction.
import { PyError, PyValue, PyFunction, SchedulerRef, OptimizerRef, float, int, str, none, bool } from './pyvalue';
import { findEntry, SchedulerEntry } from './catalog';
import { SimOptimizer } from './optimizer';
import * as torch from './torch';
import { registerTransformers } from './transformers';
import { registerKeras } from './keras';
import { registerOptax } from './optax';
import { StepFnSchedule, standInOptimizer } from './stepfn';
import type { Schedule, ScheduleEvent, StepReason } from './types';

registerTransformers();
registerKeras();
registerOptax();

/** Beyond this many steps the simulation stops and says so. */
export const MAX_STEPS = 5_000_000;

export interface SimulateOptions {
  steps: number;
  /** ReduceLROnPlateau: metrics[i] is passed to scheduler.step(metrics[i]) in iteration i. */
  metrics?: number[];
  /** Explicit epochs: stepArgs[i] is passed to scheduler.step(stepArgs[i]); null = plain step(). */
  stepArgs?: (number | null)[];
  /** 'scheduler-first' reproduces calling scheduler.step() before optimizer.step(). */
  order?: 'optimizer-first' | 'scheduler-first';
  /** Step every iteration through step() (tests compare this with the fast loops). */
  noFastPath?: boolean;
}

/** Parses a signature default written as Python source (`-1`, `1.0 / 3`, `'min'`, `None`). */
export function parseDefault(src: string): PyValue {
  const s = src.trim();
  if (s === 'None') return none;
  if (s === 'True' || s === 'False') return bool(s === 'True');
  if (/^'.*'$/.test(s) || /^".*"$/.test(s)) return str(s.slice(1, -1));
  // `(90, 180, 270)`, `[0.4, 0.8]`: a tuple or list of simple values
  const seq = /^([([])(.*)[)\]]$/s.exec(s);
  if (seq) {
    const items = seq[2].split(',').map((x) => x.trim()).filter((x) => x !== '').map(parseDefault);
    return seq[1] === '(' ? { t: 'tuple', items } : { t: 'list', items };
  }
  const div = /^(.+?)\s*\/\s*(.+)$/.exec(s);
  if (div) return float(Number(div[1]) / Number(div[2]));
  if (/^-?\d+$/.test(s)) return int(Number(s));
  return float(Number(s));
}

/** Binds a call's arguments to the entry's signature, filling defaults; unknown names are PyTorch's TypeError. */
export function bindArgs(entry: SchedulerEntry, given: Record<string, PyValue>): Record<string, PyValue> {
  const out: Record<string, PyValue> = {};
  for (const k of Object.keys(given)) {
    if (!entry.params.some((p) => p.name === k)) {
      throw new PyError('TypeError', `${entry.name}.__init__() got an unexpected keyword argument '${k}'`);
    }
  }
  const missing: string[] = [];
  for (const p of entry.params) {
    if (p.name in given) out[p.name] = given[p.name];
    else if (p.default !== undefined) out[p.name] = parseDefault(p.default);
    else if (p.name !== 'optimizer') missing.push(p.name);
  }
  if (missing.length) {
    const names = missing.map((m) => `'${m}'`);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    throw new PyError('TypeError', `${entry.name}.__init__() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`);
  }
  return out;
}

class Builder {
  readonly optimizers = new Map<number, SimOptimizer>();
  readonly built = new Map<SchedulerRef, torch.LRScheduler>();
  constructor(readonly sink: torch.WarningSink) {}

  optimizer(ref: OptimizerRef | null | undefined): SimOptimizer | null {
    if (!ref) return null;
    let o = this.optimizers.get(ref.id);
    if (!o) {
      o = SimOptimizer.from(ref);
      this.optimizers.set(ref.id, o);
    }
    return o;
  }

  scheduler(ref: SchedulerRef): torch.LRScheduler {
    const done = this.built.get(ref);
    if (done) return done;
    const entry = findEntry(ref.name);
    if (!entry || !entry.ctor) throw new PyError('NotImplementedError', `${ref.name} is not a scheduler this engine simulates`);
    const given = { ...ref.args };
    let optRef = ref.optimizer;
    if (given.optimizer) {
      if (given.optimizer.t === 'optimizer') optRef = given.optimizer.spec;
      else if (given.optimizer.t !== 'none') throw new PyError('TypeError', `${typeLabel(given.optimizer)} is not an Optimizer`);
      delete given.optimizer;
    }
    if (entry.params.some((p) => p.name === 'optimizer') && entry.name !== 'ChainedScheduler') {
      // keep the slot so binding doesn't report it missing
    }
    // transformers entries are Python functions: they bind their own arguments (function-call
    // messages, **kwargs, get_scheduler's dispatch), so only torch classes are bound here.
    const args = entry.framework === 'torch' ? bindArgs(entry, given) : given;
    // Children are built first, in list order, as the user's setup lines construct them.
    const children: torch.LRScheduler[] = [];
    if (entry.childParam) {
      const list = args[entry.childParam];
      if (list && (list.t === 'list' || list.t === 'tuple')) {
        for (const item of list.items) {
          if (item.t !== 'scheduler' && entry.stepFunction) throw new PyError('TypeError', `${entry.name}: item ${children.length} of ${entry.childParam} is not a schedule this engine can call`);
          if (item.t !== 'scheduler') throw new PyError('TypeError', `${entry.name} at index ${children.length} should have \`optimizer\` as its attribute.`);
          children.push(this.scheduler(item.spec));
        }
      } else throw new PyError('TypeError', `object of type '${list ? typeLabel(list) : 'NoneType'}' has no len()`);
    }
    // A step function (Keras, Optax) has no optimizer: its value goes to a one-group stand-in.
    const opt = entry.stepFunction ? standInOptimizer() : this.optimizer(optRef);
    if (!opt && entry.name !== 'ChainedScheduler') throw new PyError('TypeError', 'NoneType is not an Optimizer');
    const s = new entry.ctor(this.sink, opt as SimOptimizer, args, children);
    this.built.set(ref, s);
    return s;
  }
}

function typeLabel(v: PyValue): string {
  return v.t === 'opaque' ? 'object' : v.t === 'none' ? 'NoneType' : v.t;
}

/** Simulates a scheduler; never throws (errors become Schedule.error, as PyTorch raised them). */
export function simulate(ref: SchedulerRef, options: SimulateOptions): Schedule {
  newRun(ref);
  const sink = new torch.WarningSink();
  const notes: string[] = [];
  let steps = Math.floor(Number(options.steps));
  if (!Number.isFinite(steps) || steps < 0) {
    notes.push(`steps=${options.steps} is not a usable step count; simulated 0 steps.`);
    steps = 0;
  }
  if (steps > MAX_STEPS) {
    notes.push(`Capped at ${MAX_STEPS.toLocaleString('en-US')} steps (asked for ${steps.toLocaleString('en-US')}).`);
    steps = MAX_STEPS;
  }
  const builder = new Builder(sink);
  let sched: torch.LRScheduler | null = null;
  let error: Schedule['error'] = null;
  try {
    sched = builder.scheduler(ref);
  } catch (e) {
    error = { ...toPyError(e), at: 'construct' };
  }
  // A step function whose first call raised (Keras' empty boundaries): the error of iteration 0, no rows.
  if (sched instanceof StepFnSchedule && sched.deferred) {
    error = { ...toPyError(sched.deferred), at: 0 };
    sched = null;
  }
  const opt = sched?.optimizer ?? null;
  const nGroups = opt ? opt.groups.length : 0;
  const cycles = sched ? cyclesMomentum(sched) : false;
  const beta1 = sched ? usesBeta1(sched) : false;
  const cols: Float64Array[] = Array.from({ length: nGroups }, () => new Float64Array(sched ? steps : 0));
  const mcols: Float64Array[] | null = cycles ? Array.from({ length: nGroups }, () => new Float64Array(steps)) : null;
  let recorded = 0;
  if (sched && opt) {
    const groups = opt.groups;
    const metrics = options.metrics;
    const stepArgs = options.stepArgs;
    const plateau = sched instanceof torch.ReduceLROnPlateau;
    const schedulerFirst = options.order === 'scheduler-first';
    // Plain stepping runs in the scheduler's fast loop; any step it cannot vouch for comes here.
    let fast = !stepArgs && !options.noFastPath;
    const trace: torch.Trace = { cols, mcols, beta1, metrics };
    if (!schedulerFirst) opt.optCalled = true; // optimizer.step() runs before every scheduler step
    for (let i = 0; i < steps; i++) {
      if (fast && opt.optCalled) {
        const j = sched.fastForward(i, steps, trace);
        if (j < 0) fast = false;
        else if (j > i) {
          recorded = j;
          if (j === steps) break;
          i = j;
        }
      }
      for (let g = 0; g < nGroups; g++) cols[g][i] = groups[g].lr;
      if (mcols) for (let g = 0; g < nGroups; g++) mcols[g][i] = beta1 ? groups[g].betas[0] : groups[g].momentum;
      recorded = i + 1;
      sink.at = i;
      try {
        if (!schedulerFirst) opt.optCalled = true;
        if (plateau) {
          const m = metrics && metrics.length ? metrics[Math.min(i, metrics.length - 1)] : NaN;
          sched.step(null, m);
        } else {
          const arg = stepArgs ? stepArgs[i] ?? null : null;
          if (arg === null) sched.step();
          else sched.step(arg);
        }
        if (schedulerFirst) opt.optCalled = true;
      } catch (e) {
        error = { ...toPyError(e), at: i };
        break;
      }
    }
  }
  const finalLrs = !error && opt ? opt.groups.map((g) => g.lr) : null;
  return makeSchedule(ref.name, sched, cols, mcols, recorded, beta1, finalLrs, error, sink, notes, options);
}

/** Tells every user function the scheduler holds (lr_lambda, scale_fn, children's) that a simulation starts. */
function newRun(ref: SchedulerRef): void {
  const visit = (v: PyValue | undefined, depth: number): void => {
    if (!v || depth > 8) return;
    if (v.t === 'func') (v as PyFunction).newRun?.();
    else if (v.t === 'list' || v.t === 'tuple') for (const x of v.items) visit(x, depth + 1);
    else if (v.t === 'dict') for (const [, x] of v.entries) visit(x, depth + 1);
    else if (v.t === 'scheduler') for (const x of Object.values(v.spec.args)) visit(x, depth + 1);
  };
  for (const v of Object.values(ref.args)) visit(v, 0);
}

function toPyError(e: unknown): { type: string; message: string } {
  if (e instanceof PyError) return { type: e.type, message: e.message };
  if (e instanceof RangeError) return { type: 'RecursionError', message: 'maximum recursion depth exceeded' };
  return { type: 'InternalError', message: e instanceof Error ? e.message : String(e) };
}

function cyclesMomentum(s: torch.LRScheduler): boolean {
  if (s instanceof torch.SequentialLR || s instanceof torch.ChainedScheduler) return s.schedulers.some(cyclesMomentum);
  return s.cyclesMomentum;
}
function usesBeta1(s: torch.LRScheduler): boolean {
  if (s instanceof torch.SequentialLR || s instanceof torch.ChainedScheduler) return s.schedulers.some(usesBeta1);
  return s.cyclesMomentum && s.useBeta1;
}

function makeSchedule(
  name: string,
  sched: torch.LRScheduler | null,
  cols: Float64Array[],
  mcols: Float64Array[] | null,
  recorded: number,
  beta1: boolean,
  finalLrs: number[] | null,
  error: Schedule['error'],
  sink: torch.WarningSink,
  notes: string[],
  options: SimulateOptions,
): Schedule {
  let lrsCache: number[][] | null = null;
  let momCache: number[][] | null = null;
  const rows = (c: Float64Array[]) => Array.from({ length: recorded }, (_, i) => c.map((col) => col[i]));
  let events: ScheduleEvent[] = [];
  if (sched) {
    try {
      events = options.stepArgs ? [] : sched.events(recorded);
    } catch {
      events = [];
    }
  }
  return {
    name,
    steps: recorded,
    get lrs() {
      return (lrsCache ??= rows(cols));
    },
    get momentum() {
      return mcols ? (momCache ??= rows(mcols)) : null;
    },
    columns: cols.map((c) => c.subarray(0, recorded)),
    momentumKey: mcols ? (beta1 ? 'betas[0]' : 'momentum') : null,
    finalLrs,
    error,
    warnings: sink.list,
    events,
    notes,
    explain(i: number): StepReason {
      if (!sched) return { phase: 'error', text: error ? `${error.type}: ${error.message}` : '' };
      try {
        return sched.explain(i);
      } catch {
        return { phase: '', text: '' };
      }
    },
  } as Schedule;
}
