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

function optimizer(): OptimizerRef {
  const groups = int(1, 3);
  const name = pick(['SGD', 'Adam']);
  const defaults: Record<string, PyValue> = { lr: F(pick([0.1, 0.05, 1e-3, 3])) };
  if (name === 'SGD') defaults.momentum = F(0.9);
  return { name, id: id++, defaults, groups: groups === 1 ? [] : Array.from({ length: groups }, (_, g) => ({ lr: F(0.1 / (g + 1)) })) };
}

/** A lambda that raises ZeroDivisionError (or returns a non-number) at step `bad`, else a factor. */
function lambda(bad: number, chained: boolean): PyValue {
  return {
    t: 'func',
    name: 'f',
    call: (a) => {
      const s = (a[0] as { v: number }).v;
      if (s === bad) {
        if (bad % 2) throw new PyError('ZeroDivisionError', 'division by zero');
        return { t: 'str', v: 'oops' };
      }
      return F(chained ? 0.999 : 1 / (1 + s / 7));
    },
  };
}

function leaf(opt: OptimizerRef, steps: number): SchedulerRef {
  const name = pick(['LambdaLR', 'MultiplicativeLR', 'StepLR', 'MultiStepLR', 'ConstantLR', 'LinearLR', 'ExponentialLR', 'PolynomialLR', 'CosineAnnealingLR', 'CyclicLR', 'CosineAnnealingWarmRestarts', 'OneCycleLR', 'SWALR']);
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
  if (r < 0.45) {
    return { name: 'ReduceLROnPlateau', optimizer: opt, args: { mode: S(pick(['min', 'max'])), threshold_mode: S(pick(['rel', 'abs'])), patience: I(int(0, 4)), cooldown: I(int(0, 3)), factor: F(pick([0.1, 0.5])), min_lr: F(pick([0, 1e-3])) } };
  }
  return leaf(opt, steps);
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
