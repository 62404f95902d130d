// Engine vs PyTorch: every configuration of the golden files, every LR, momentum, final LR,
// error (type, message, when) and warning. Numbers come from PyTorch, never from this engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../src/schedulers/simulate';
import { loadTorchGolden, goldenToRef, num, GoldenConfig } from './golden-support';

const REL = 1e-12;
const ABS = 1e-15;

export function close(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(ABS, REL * Math.abs(expected));
}

function runGolden(c: GoldenConfig) {
  const metrics = c.metrics?.map(num);
  const stepArgs = c.step_args;
  const order = c.loop.startsWith('scheduler.step()') ? 'scheduler-first' : 'optimizer-first';
  return simulate(goldenToRef(c), { steps: c.steps, metrics, stepArgs, order });
}

const configs = loadTorchGolden();

test(`golden set has every PyTorch scheduler (${configs.length} configurations)`, () => {
  const names = new Set(configs.map((c) => c.scheduler));
  for (const n of ['LambdaLR', 'MultiplicativeLR', 'StepLR', 'MultiStepLR', 'ConstantLR', 'LinearLR', 'ExponentialLR', 'PolynomialLR', 'CosineAnnealingLR', 'ChainedScheduler', 'SequentialLR', 'ReduceLROnPlateau', 'CyclicLR', 'CosineAnnealingWarmRestarts', 'OneCycleLR', 'SWALR']) {
    assert.ok(names.has(n), n);
  }
});

for (const c of configs) {
  test(`golden ${c.scheduler} ${c.id}`, () => {
    const s = runGolden(c);
    // error: same type, same words, same moment
    assert.deepEqual(s.error, c.error, `error of ${c.id}`);
    // LRs (subsampled long runs carry their iteration indices)
    const idx = c.indices ?? c.lrs.map((_, k) => k);
    assert.equal(s.steps >= (idx.length ? idx[idx.length - 1] + 1 : 0), true, `recorded steps ${s.steps}`);
    if (!c.indices) assert.equal(s.steps, c.lrs.length, 'number of recorded iterations');
    let worst = 0;
    idx.forEach((it, k) => {
      c.lrs[k].forEach((e, g) => {
        const exp = num(e);
        const act = s.columns[g][it];
        if (!close(act, exp)) assert.fail(`${c.id}: lr[${it}][${g}] = ${act}, PyTorch ${exp}`);
        if (exp !== 0) worst = Math.max(worst, Math.abs(act - exp) / Math.abs(exp));
      });
    });
    if (c.momentum) {
      assert.ok(s.momentum, 'momentum recorded');
      assert.equal(s.momentumKey, c.momentum_key);
      const m = s.momentum!;
      idx.forEach((it, k) => c.momentum![k].forEach((e, g) => {
        if (!close(m[it][g], num(e))) assert.fail(`${c.id}: momentum[${it}][${g}] = ${m[it][g]}, PyTorch ${num(e)}`);
      }));
    } else {
      assert.equal(s.momentum, null, 'no momentum cycling');
    }
    if (c.final_lrs === null) assert.equal(s.finalLrs, null);
    else c.final_lrs.forEach((e, g) => assert.ok(close(s.finalLrs![g], num(e)), `final_lrs[${g}] = ${s.finalLrs![g]}, PyTorch ${num(e)}`));
    assert.deepEqual(
      s.warnings.map((w) => ({ category: w.category, message: w.message, count: w.count, first_at: w.first_at })),
      c.warnings,
      'warnings',
    );
    assert.ok(worst <= REL);
  });
}
