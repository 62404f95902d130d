// Engine vs optax 0.2.8 on JAX 0.10.2 (float32, eager): every configuration of optax.json — every
// schedule function, join_schedules with child schedules, sgdr, onecycles, transition_begin, staircase,
// end_value clipping, constant fall-backs returning the Python float, construction errors — see
// test/fixtures/golden/ORIGIN.md. Bit-exact except where XLA's float32 cos / pow differ by an ulp
// from the correctly rounded result; the measured worst case is 1 float32 ulp of the peak, the tolerance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPTAX_ENTRIES } from '../../src/schedulers/optax';
import { loadStepFnGolden, checkStepFn } from './stepfn-golden-support';

const TOL_ULPS_OF_PEAK = 1;
const { meta, configs } = loadStepFnGolden('optax.json');

test(`optax golden set covers every schedule function (${configs.length} configurations)`, () => {
  assert.equal(meta.optax, '0.2.8');
  assert.equal(configs.length, 48);
  for (const e of OPTAX_ENTRIES) assert.ok(configs.some((c) => c.schedule === e.name && !c.error), e.name);
  assert.ok(configs.some((c) => c.dtype.includes('float')), 'a schedule returning its Python float');
});

let exact = 0, total = 0, worst = 0;
for (const c of configs) {
  test(`optax golden ${c.id} ${c.python}`, () => {
    const r = checkStepFn(c, TOL_ULPS_OF_PEAK);
    exact += r.exact; total += r.total; worst = Math.max(worst, r.worst);
  });
}

test('optax: almost every value is bit-exact; the rest are transcendental-function ulps', () => {
  assert.ok(total > 5000, `${total} values`);
  assert.ok(exact / total > 0.99, `${exact}/${total} bit-exact`);
  assert.ok(worst > 0 && worst <= TOL_ULPS_OF_PEAK, `worst ${worst}`);
});
