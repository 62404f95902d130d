// "Effect here" texts: numbers computed in the test from the formulas, not from our output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectHere } from '../../src/editor/effects';
import { simulate } from '../../src/schedulers/simulate';
import { entries } from '../../src/schedulers/catalog';
import { float, int, list, str, type PyValue, type SchedulerRef } from '../../src/schedulers/pyvalue';

const sgd = (lr = 0.1) => ({ name: 'SGD', id: 1, groups: [{ lr: float(lr) }], defaults: { momentum: float(0.9) } });
const ref = (name: string, args: Record<string, PyValue>, lr = 0.1): SchedulerRef => ({ name, args, optimizer: sgd(lr) });

test('CAWR T_mult=2, T_0=10: cycles and restart steps from T_0·(T_mult^k − 1)/(T_mult − 1)', () => {
  const args = { T_0: int(10), T_mult: int(2), eta_min: float(0.01) };
  const s = simulate(ref('CosineAnnealingWarmRestarts', args), { steps: 200 });
  const T0 = 10;
  const m = 2;
  // the restarts of this 200-step run (10, 30, 70, 150) and the first after its end (310)
  const lens = [0, 1, 2, 3, 4].map((k) => T0 * m ** k);
  const restarts = [1, 2, 3, 4, 5].map((k) => (T0 * (m ** k - 1)) / (m - 1));
  const text = effectHere('CosineAnnealingWarmRestarts', 'T_mult', args, s)!;
  assert.equal(text, `cycles of ${lens.join(', ')} steps; restarts at steps ${restarts.join(', ')}`);
  assert.match(effectHere('CosineAnnealingWarmRestarts', 'T_0', args, s)!, /first restart at step 10\b/);
  assert.match(effectHere('CosineAnnealingWarmRestarts', 'eta_min', args, s)!, /0\.01/);
  // the engine's own restart events agree with the formula
  assert.deepEqual(s.events.filter((e) => e.kind === 'restart').map((e) => e.step), restarts.filter((r) => r < 200));
});

test('CAWR T_mult=1 and without a schedule', () => {
  const text = effectHere('CosineAnnealingWarmRestarts', 'T_mult', { T_0: 5 })!;
  assert.match(text, /restarts at steps 5, 10, 15, 20, …/);
  assert.equal(effectHere('CosineAnnealingWarmRestarts', 'T_mult', { T_0: 10, T_mult: 0 }), undefined);
});

test('StepLR step_size / gamma', () => {
  const args = { step_size: int(30), gamma: float(0.1) };
  const s = simulate(ref('StepLR', args), { steps: 100 });
  assert.equal(effectHere('StepLR', 'step_size', args, s), 'LR × 0.1 at steps 30, 60, 90');
  const g = effectHere('StepLR', 'gamma', args, s)!;
  assert.match(g, /0\.1 → 0\.01 → 0\.001 → 0\.0001/);
});

test('OneCycleLR pct_start: the peak step of the simulated curve', () => {
  const args = { max_lr: float(0.1), total_steps: int(100) };
  const s = simulate(ref('OneCycleLR', args), { steps: 100 });
  const peak = Math.round(0.3 * 100 - 1); // phase 1 ends at pct_start·total − 1
  assert.equal(effectHere('OneCycleLR', 'pct_start', args, s), `peak max_lr=0.1 at step ${peak} of 100`);
  assert.match(effectHere('OneCycleLR', 'total_steps', args, s)!, /Tried to step 101 times/);
  assert.match(effectHere('OneCycleLR', 'div_factor', args, s)!, /0\.004/);
});

test('CosineAnnealingLR T_max, LinearLR defaults', () => {
  const args = { T_max: int(50) };
  const s = simulate(ref('CosineAnnealingLR', args), { steps: 120 });
  assert.match(effectHere('CosineAnnealingLR', 'T_max', args, s)!, /^minimum 0\.0 at step 50; rises again after/);
  const lin = simulate(ref('LinearLR', {}), { steps: 20 });
  assert.match(effectHere('LinearLR', 'start_factor', {}, lin)!, /^warmup from 1\/3 of the LR to the full LR over 5 steps/);
  assert.match(effectHere('LinearLR', 'total_iters', { start_factor: 1.0, end_factor: 0.25, total_iters: 10 })!, /^linear decay from the full LR to 25% of the LR over 10 steps/);
});

test('MultiStepLR, ExponentialLR, PolynomialLR, ConstantLR, CyclicLR, SWALR, ReduceLROnPlateau', () => {
  assert.match(effectHere('MultiStepLR', 'milestones', { milestones: list([int(80), int(30)]) })!, /at steps 30, 80/);
  const g = 0.95;
  const half = Math.log(2) / -Math.log(g);
  assert.match(effectHere('ExponentialLR', 'gamma', { gamma: g })!, new RegExp(`halves every ${Number(half.toPrecision(4))} steps`));
  assert.equal(effectHere('PolynomialLR', 'total_iters', {}), 'LR reaches 0 at step 5 and stays 0');
  assert.match(effectHere('ConstantLR', 'factor', { factor: 0.5, total_iters: 4 })!, /50% of the LR for steps 0–3, then the full LR from step 4/);
  const up = 20;
  assert.match(effectHere('CyclicLR', 'step_size_up', { base_lr: 0.001, max_lr: 0.1, step_size_up: up })!, new RegExp(`cycle of ${2 * up} steps .*peaks at steps ${up}, ${up + 2 * up}`));
  assert.match(effectHere('SWALR', 'swa_lr', { swa_lr: 0.05 })!, /0\.05 over 10 steps/);
  assert.match(effectHere('ReduceLROnPlateau', 'patience', {})!, /after 11 steps/);
  assert.match(effectHere('ReduceLROnPlateau', 'mode', { mode: str('max') })!, /higher/);
});

test('composites name their children', () => {
  const warm: PyValue = { t: 'scheduler', spec: ref('LinearLR', {}) };
  const cos: PyValue = { t: 'scheduler', spec: ref('CosineAnnealingLR', { T_max: int(95) }) };
  const seq = effectHere('SequentialLR', 'milestones', { schedulers: list([warm, cos]), milestones: list([int(5)]) })!;
  assert.match(seq, /LinearLR until step 5, then CosineAnnealingLR from step 5/);
  assert.match(effectHere('ChainedScheduler', 'schedulers', { schedulers: list([warm, cos]) })!, /LinearLR × CosineAnnealingLR/);
});

test('every main parameter of every torch scheduler has an effect text with default-ish args', () => {
  // representative arguments for the required parameters
  const sample: Record<string, Record<string, PyValue>> = {
    StepLR: { step_size: int(10) },
    MultiStepLR: { milestones: list([int(10), int(20)]) },
    ExponentialLR: { gamma: float(0.9) },
    CosineAnnealingLR: { T_max: int(20) },
    CosineAnnealingWarmRestarts: { T_0: int(10) },
    OneCycleLR: { max_lr: float(0.1), total_steps: int(50) },
    CyclicLR: { base_lr: float(0.001), max_lr: float(0.1), step_size_up: int(10) },
    SWALR: { swa_lr: float(0.05) },
  };
  const skip = new Set(['optimizer', 'last_epoch', 'scale_fn', 'scale_mode', 'lr_lambda', 'schedulers', 'milestones', 'eps', 'threshold_mode']);
  for (const e of entries) {
    if (e.framework !== 'torch' || e.name === 'SequentialLR' || e.name === 'ChainedScheduler' || e.name.includes('Lambda') || e.name === 'MultiplicativeLR') continue;
    const args = sample[e.name] ?? {};
    const s = simulate(ref(e.name, args), { steps: 60, metrics: Array.from({ length: 60 }, () => 1) });
    for (const p of e.params) {
      if (skip.has(p.name) && !(e.name === 'MultiStepLR' && p.name === 'milestones')) continue;
      const t = effectHere(e.name, p.name, args, s);
      assert.ok(t && t.length > 5, `${e.name}.${p.name}: ${t}`);
    }
  }
});

test('LambdaLR reads the simulated values; never throws on junk', () => {
  const lam: PyValue = { t: 'func', name: 'f', call: (a) => ({ t: 'float', v: Math.min(1, ((a[0] as any).v + 1) / 10) }) };
  const s = simulate(ref('LambdaLR', { lr_lambda: lam }), { steps: 30 });
  assert.match(effectHere('LambdaLR', 'lr_lambda', { lr_lambda: lam }, s)!, /^LR 0\.01 at step 0 → 0\.1 at step 29/);
  assert.equal(effectHere('NoSuchLR', 'x', {}), undefined);
  assert.equal(effectHere('StepLR', 'step_size', { step_size: str('a') }), undefined);
  assert.equal(effectHere('StepLR', 'nope', {}), undefined);
  assert.doesNotThrow(() => effectHere('OneCycleLR', 'pct_start', { max_lr: { t: 'opaque', source: 'cfg.lr' } as PyValue, total_steps: null }));
  for (const e of entries) for (const p of e.params) assert.doesNotThrow(() => effectHere(e.name, p.name, { [p.name]: { t: 'none' } as PyValue }));
});
