// The fast plain-stepping loops (LRScheduler.fastForward) against step() called every iteration:
// the same bits, momentum, errors (type, message, step), warnings, final LRs and events — on every
// golden configuration and on seeded random configurations built to hit the loops' edges (errors
// mid-run, several groups, composites, switches, restarts, reductions, cycling momentum).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, SimulateOptions } from '../../src/schedulers/simulate';
import type { PyValue, SchedulerRef, OptimizerRef } from '../../src/schedulers/pyvalue';
import { PyError } from '../../src/schedulers/pyvalue';
import { loadTorchGolden, goldenToRef, num } from './golden-support';

function sameRun(ref: () => SchedulerRef, opts: SimulateOptions, label: string): void {
  const fast = simulate(ref(), opts);
  const slow = simulate(ref(), { ...opts, noFastPath: true });
  assert.equal(fast.steps, slow.steps, `${label}: steps`);
  assert.deepEqual(fast.error, slow.error, `${label}: error`);
  assert.deepEqual(fast.warnings, slow.warnings, `${label}: warnings`);
  assert.deepEqual(fast.notes, slow.notes, `${label}: notes`);
  assert.equal(fast.columns.length, slow.columns.length, `${label}: groups`);
  fast.columns.forEach((col, g) => {
    for (let i = 0; i < col.length; i++) {
      if (!Object.is(col[i], slow.columns[g][i])) assert.fail(`${label}: group ${g} step ${i}: fast ${col[i]} vs step() ${slow.columns[g][i]}`);
    }
  });
  assert.deepEqual(fast.momentum, slow.momentum, `${label}: momentum`);
  assert.deepEqual(fast.finalLrs, slow.finalLrs, `${label}: final LRs`);
  assert.deepEqual(fast.events, slow.events, `${label}: events`);
  for (const i of [0, 1, Math.floor(fast.steps / 2), fast.steps - 1]) if (i >= 0 && i < fast.steps) assert.deepEqual(fast.explain(i), slow.explain(i), `${label}: explain(${i})`);
}

test('fast loops = step() on every golden PyTorch configuration', () => {
  const configs = loadTorchGolden();
  for (const c of configs) {
    const order = c.loop.startsWith('scheduler.step()') ? 'scheduler-first' : 'optimizer-first';
    sameRun(() => goldenToRef(c), { steps: c.steps, metrics: c.metrics?.map(num), stepArgs: c.step_args, order }, c.id ?? c.scheduler);
  }
});

// ---- seeded random configurations ------------------------------------------------------------

let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const I = (v: number): PyValue => ({ t: 'int', v });
const F = (v: number): PyValue => ({ t: 'float', v });
const S = (v: string): PyValue => ({ t: 'str', v });
const L = (...items: PyValue[]): PyValue => ({ t: 'list', items });
let id = 5000;

function optimizer(groups = int(1, 3)): OptimizerRef {
  const name = pick(['SGD', 'Adam']);
  const defaults: Record<string, PyValue> = { lr: F(pick([0.1, 0.05, 1e-3, 3])) };
  if (name === 'SGD') defaults.momentum = F(0.9);
  return { name, id: id++, defaults, groups: groups === 1 ? [] : Array.from({ length: groups }, (_, g) => ({ lr: F(0.1 / (g + 1)) })) };
}

/** A lambda that raises ZeroDivisionError (or returns a non-number) at step `bad`, else a factor. */
function lambda(bad: number, chained: boolean, g = 0): PyValue {
  return {
    t: 'func',
    name: 'f',
    call: (a) => {
      const s = (a[0] as { v: number }).v;
      if (s === bad) {
        if (bad % 2) throw new PyError('ZeroDivisionError', 'division by zero');
        return { t: 'str', v: 'oops' };
      }
      return F(chained ? 0.999 - g / 1000 : 1 / (1 + s / (7 + g)));
    },
  };
}

/** The "group LR × factor" classes (a ChainedScheduler of these has a fast loop). */
const SCALE = ['StepLR', 'MultiStepLR', 'ConstantLR', 'LinearLR', 'ExponentialLR', 'PolynomialLR'];
const LEAVES = ['LambdaLR', 'MultiplicativeLR', ...SCALE, 'CosineAnnealingLR', 'CyclicLR', 'CosineAnnealingWarmRestarts', 'OneCycleLR', 'SWALR'];

/** perGroup: per-group values (lists) where the class takes them, so groups differ in more than their LR. */
function leaf(opt: OptimizerRef, steps: number, name = pick(LEAVES), perGroup = false): SchedulerRef {
  const bad = rnd() < 0.3 ? int(0, steps) : -99;
  const args = ((): Record<string, PyValue> => {
    switch (name) {
      case 'LambdaLR': return { lr_lambda: lambda(bad, false) };
      case 'MultiplicativeLR': return { lr_lambda: lambda(bad, true) };
      case 'StepLR': return { step_size: I(pick([0, 1, 3, 7])), gamma: F(pick([0.5, 0.9, 1.1])) };
      case 'MultiStepLR': return { milestones: L(...Array.from({ length: int(0, 4) }, () => I(int(-2, steps)))), gamma: F(pick([0.1, 0.5])) };
      case 'ConstantLR': return { factor: F(pick([0, 0.5, 1])), total_iters: I(int(0, steps)) };
      case 'LinearLR': return { start_factor: F(pick([0.1, 1 / 3, 1])), end_factor: F(pick([0, 0.5, 1])), total_iters: I(int(0, steps)) };
      case 'ExponentialLR': return { gamma: F(pick([0.9, 0.999, 1.01])) };
      case 'PolynomialLR': return { total_iters: I(int(0, steps)), power: F(pick([0.5, 1, 2])) };
      case 'CosineAnnealingLR': return { T_max: I(pick([0, 1, 3, int(2, steps)])), eta_min: F(pick([0, 1e-3])) };
      case 'CyclicLR': return { base_lr: F(0.01), max_lr: F(0.1), step_size_up: I(int(1, 9)), step_size_down: pick([{ t: 'none' } as PyValue, I(int(1, 5))]), mode: S(pick(['triangular', 'triangular2', 'exp_range'])), gamma: F(0.99) };
      case 'CosineAnnealingWarmRestarts': return { T_0: I(int(1, 9)), T_mult: I(int(1, 3)), eta_min: F(pick([0, 1e-3])) };
      case 'OneCycleLR': return { max_lr: F(0.1), total_steps: I(int(1, steps + 2)), pct_start: F(pick([0.0, 0.25, 0.3, 0.8, 1.0])), anneal_strategy: S(pick(['cos', 'linear'])), three_phase: { t: 'bool', v: rnd() < 0.3 }, cycle_momentum: { t: 'bool', v: rnd() < 0.7 } };
      default: return { swa_lr: F(0.05), anneal_epochs: I(int(0, 12)), anneal_strategy: S(pick(['cos', 'linear'])) };
    }
  })();
  const n = opt.groups.length;
  if (perGroup && n > 1) {
    const list = (f: (g: number) => PyValue) => L(...Array.from({ length: n }, (_, g) => f(g)));
    if (name === 'LambdaLR' || name === 'MultiplicativeLR') args.lr_lambda = list((g) => lambda(g === n - 1 ? bad : -99, name === 'MultiplicativeLR', g));
    if (name === 'CyclicLR') Object.assign(args, { base_lr: list((g) => F(0.01 * (g + 1))), max_lr: list((g) => F(0.1 / (g + 1))), max_momentum: list((g) => F(0.95 - g / 100)) });
    if (name === 'OneCycleLR') Object.assign(args, { max_lr: list((g) => F(0.1 * (g + 1))), base_momentum: list((g) => F(0.85 - g / 100)) });
    if (name === 'SWALR') args.swa_lr = list((g) => F(0.05 * (g + 1)));
  }
  return { name, optimizer: opt, args };
}

function randomRef(steps: number): SchedulerRef {
  const opt = optimizer();
  const r = rnd();
  if (r < 0.2) {
    const n = int(1, 3);
    const children = Array.from({ length: n }, () => ({ t: 'scheduler', spec: leaf(opt, steps) }) as PyValue);
    const ms: number[] = [];
    for (let k = 1; k < n; k++) ms.push((ms[k - 2] ?? 0) + int(0, Math.ceil(steps / 2)));
    return { name: 'SequentialLR', optimizer: opt, args: { schedulers: L(...children), milestones: L(...ms.map(I)) } };
  }
  if (r < 0.3) {
    const children = Array.from({ length: int(1, 3) }, () => ({ t: 'scheduler', spec: leaf(opt, steps) }) as PyValue);
    return { name: 'ChainedScheduler', optimizer: null, args: { schedulers: L(...children) } };
  }
  if (r < 0.45) return plateau(opt);
  return leaf(opt, steps);
}

function plateau(opt: OptimizerRef, perGroup = false): SchedulerRef {
  const args = { mode: S(pick(['min', 'max'])), threshold_mode: S(pick(['rel', 'abs'])), patience: I(int(0, 4)), cooldown: I(int(0, 3)), factor: F(pick([0.1, 0.5])), min_lr: F(pick([0, 1e-3])) };
  if (perGroup && opt.groups.length > 1) args.min_lr = L(...opt.groups.map((_, g) => F(g * 0.02)));
  return { name: 'ReduceLROnPlateau', optimizer: opt, args };
}

/** One configuration of `kind` (a leaf class or a composite) for `groups` param groups. */
function forced(kind: string, groups: number, steps: number): SchedulerRef {
  const opt = optimizer(groups);
  const child = (names: string[]) => ({ t: 'scheduler', spec: leaf(opt, steps, pick(names), true) }) as PyValue;
  switch (kind) {
    case 'ReduceLROnPlateau':
      return plateau(opt, true);
    case 'SequentialLR': {
      const children = Array.from({ length: int(1, 3) }, () => child(LEAVES));
      const ms: number[] = [];
      for (let k = 1; k < children.length; k++) ms.push((ms[k - 2] ?? 0) + int(0, Math.ceil(steps / 2)));
      return { name: 'SequentialLR', optimizer: opt, args: { schedulers: L(...children), milestones: L(...ms.map(I)) } };
    }
    case 'ChainedScheduler': // mostly children with a factor (the fast loop), sometimes any
      return { name: 'ChainedScheduler', optimizer: null, args: { schedulers: L(...Array.from({ length: int(1, 3) }, () => child(rnd() < 0.8 ? SCALE : LEAVES))) } };
    default:
      return leaf(opt, steps, kind, true);
  }
}

/** make() twice with the same draws: simulate never shares state between runs, so refs are rebuilt. */
function replayable(make: () => SchedulerRef): () => SchedulerRef {
  const snapshot = seed;
  make();
  return () => {
    const keep = seed;
    seed = snapshot;
    const r = make();
    seed = keep;
    return r;
  };
}

test('fast loops = step() on 1,500 seeded random configurations', () => {
  for (let n = 0; n < 1500; n++) {
    const steps = int(0, 60);
    const snapshot = seed;
    const first = randomRef(steps);
    // the same configuration again (refs are rebuilt: simulate never shares state between runs)
    const rebuild = () => {
      const keep = seed;
      seed = snapshot;
      const r = randomRef(steps);
      seed = keep;
      return r;
    };
    void first;
    const metrics = rnd() < 0.8 ? Array.from({ length: int(1, steps + 1) }, () => pick([1, 0.5, 0.5, 0.49, 2, NaN])) : undefined;
    const order = rnd() < 0.15 ? 'scheduler-first' : 'optimizer-first';
    sameRun(rebuild, { steps, metrics, order }, `random #${n} (${first.name})`);
  }
});

test('fast loops = step() for every class, with one param group and with several', () => {
  for (const kind of [...LEAVES, 'ReduceLROnPlateau', 'SequentialLR', 'ChainedScheduler']) {
    for (const groups of [1, 3]) {
      for (let n = 0; n < 40; n++) {
        const steps = int(0, 60);
        const ref = replayable(() => forced(kind, groups, steps));
        const metrics = rnd() < 0.8 ? Array.from({ length: int(1, steps + 1) }, () => pick([1, 0.5, 0.5, 0.49, 2, NaN])) : undefined;
        const order = rnd() < 0.15 ? 'scheduler-first' : 'optimizer-first';
        sameRun(ref, { steps, metrics, order }, `${kind}, ${groups} group(s) #${n}`);
      }
    }
  }
});

// ---- lambdas with a numeric entry (PyFunction.callNumber) ---------------------------------------

interface Numeric {
  /** The function of the integer epoch (what call() and callNumber agree on). */
  f: (s: number) => number;
  /** call() raises ZeroDivisionError here (and callNumber throws). */
  raiseAt?: number;
  /** callNumber cannot vouch for these epochs (it throws; call() still answers). */
  shy?: (s: number) => boolean;
}
/** A user function with call() and callNumber; `calls` counts callNumber's answers. */
function numericFn(spec: Numeric, calls: { n: number }): PyValue {
  const call = (a: PyValue[]): PyValue => {
    const s = (a[0] as { v: number }).v;
    if (s === spec.raiseAt) throw new PyError('ZeroDivisionError', 'division by zero');
    return F(spec.f(s));
  };
  const callNumber = (s: number): number => {
    if (!Number.isInteger(s)) return NaN; // not defined there: a loop that used it would differ
    if (s === spec.raiseAt || spec.shy?.(s)) throw new Error('cannot vouch');
    calls.n++;
    return spec.f(s);
  };
  return Object.assign({ t: 'func', name: 'f', call } as PyValue, { callNumber });
}

test('LambdaLR / MultiplicativeLR: callNumber gives the same bits, errors and warnings as call()', () => {
  const cases: { label: string; spec: Numeric; used: boolean }[] = [
    { label: 'plain', spec: { f: (s) => 1 / (1 + s / 7) }, used: true },
    { label: 'callNumber throws at step 5 (call answers)', spec: { f: (s) => 0.5 ** Math.floor(s / 4), shy: (s) => s === 5 }, used: true },
    { label: 'callNumber throws from step 3 on', spec: { f: (s) => 1 - s / 100, shy: (s) => s >= 3 }, used: true },
    { label: 'callNumber never answers', spec: { f: (s) => 0.99 ** s, shy: () => true }, used: false },
    { label: 'raises at step 7', spec: { f: (s) => 0.999 + s * 1e-6, raiseAt: 7 }, used: true },
    { label: 'raises at the first step', spec: { f: (s) => 0.9, raiseAt: 1 }, used: false },
  ];
  for (const cls of ['LambdaLR', 'MultiplicativeLR']) {
    for (const groups of [1, 3]) {
      for (const c of cases) {
        const calls = { n: 0 };
        const ref = (): SchedulerRef => {
          const opt: OptimizerRef = { name: 'SGD', id: id++, defaults: { lr: F(0.1), momentum: F(0.9) }, groups: groups === 1 ? [] : Array.from({ length: groups }, (_, g) => ({ lr: F(0.1 / (g + 1)) })) };
          const fns = Array.from({ length: groups }, (_, g) => numericFn({ ...c.spec, f: (s) => c.spec.f(s) * (1 + g / 10) }, calls));
          return { name: cls, optimizer: opt, args: { lr_lambda: groups === 1 ? fns[0] : L(...fns) } };
        };
        const label = `${cls}, ${groups} group(s), ${c.label}`;
        sameRun(ref, { steps: 40 }, label);
        calls.n = 0;
        simulate(ref(), { steps: 40 });
        assert.equal(calls.n > 0, c.used, `${label}: callNumber ${c.used ? 'used' : 'not used'}`);
      }
    }
  }
});

test('LambdaLR / MultiplicativeLR: callNumber is not asked for a non-integer epoch', () => {
  for (const cls of ['LambdaLR', 'MultiplicativeLR']) {
    const calls = { n: 0 };
    const ref = (): SchedulerRef => ({
      name: cls,
      optimizer: { name: 'SGD', id: id++, defaults: { lr: F(0.1) }, groups: [{ lr: F(0.1), initial_lr: F(0.1) }] },
      args: { lr_lambda: numericFn({ f: (s) => 1 / (1 + s) }, calls), last_epoch: F(2.5) },
    });
    sameRun(ref, { steps: 20 }, `${cls}, last_epoch=2.5`);
    assert.equal(calls.n, 0, `${cls}: callNumber asked for a non-integer epoch`);
  }
});

test('ChainedScheduler: the same scheduler twice in the list is stepped twice a step', () => {
  for (const groups of [1, 3]) {
    const ref = (): SchedulerRef => {
      const opt: OptimizerRef = { name: 'SGD', id: id++, defaults: { lr: F(0.1) }, groups: groups === 1 ? [] : Array.from({ length: groups }, (_, g) => ({ lr: F(0.1 / (g + 1)) })) };
      const step = { name: 'StepLR', optimizer: opt, args: { step_size: I(3), gamma: F(0.5) } };
      const child = { t: 'scheduler', spec: step } as PyValue;
      return { name: 'ChainedScheduler', optimizer: null, args: { schedulers: L(child, { t: 'scheduler', spec: { name: 'ExponentialLR', optimizer: opt, args: { gamma: F(0.9) } } }, child) } };
    };
    sameRun(ref, { steps: 20 }, `ChainedScheduler [StepLR, ExponentialLR, the same StepLR], ${groups} group(s)`);
  }
});
