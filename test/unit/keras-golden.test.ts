// Engine vs Keras 3.15.1 (JAX backend, float32): every configuration of keras.json — each schedule of
// keras.optimizers.schedules, staircase, cycle, warmup, restarts, steps past the decay end, the deep
// float32 tail, the constructors' errors — see test/fixtures/golden/ORIGIN.md. Values agree bit for
// bit except where XLA's float32 cos / pow / log differ from the correctly rounded result the engine
// uses (≤ 1 ulp of that function's result); the measured worst case is 1.5 float32 ulps of the
// configuration's peak LR, which is the tolerance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KERAS_ENTRIES } from '../../src/schedulers/keras';
import { loadStepFnGolden, checkStepFn } from './stepfn-golden-support';

const TOL_ULPS_OF_PEAK = 1.5;
const { meta, configs } = loadStepFnGolden('keras.json');

test(`keras golden set covers every schedule (${configs.length} configurations)`, () => {
  assert.equal(meta.keras, '3.15.1');
  assert.equal(meta.keras_backend, 'jax');
  assert.equal(configs.length, 34);
  for (const e of KERAS_ENTRIES) assert.ok(configs.some((c) => c.schedule === e.name && !c.error), e.name);
  assert.ok(configs.filter((c) => c.error?.at === 'construct').length >= 8, 'constructor errors');
});

let exact = 0, total = 0, worst = 0;
for (const c of configs) {
  test(`keras golden ${c.id} ${c.python}`, () => {
    const r = checkStepFn(c, TOL_ULPS_OF_PEAK);
    exact += r.exact; total += r.total; worst = Math.max(worst, r.worst);
  });
}

test('keras: almost every value is bit-exact; the rest are transcendental-function ulps', () => {
  assert.ok(total > 5000, `${total} values`);
  assert.ok(exact / total > 0.98, `${exact}/${total} bit-exact`);
  assert.ok(worst > 0 && worst <= TOL_ULPS_OF_PEAK, `worst ${worst}`);
});
