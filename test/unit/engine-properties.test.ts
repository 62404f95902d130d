// Properties of the schedules (derived from the formulas, not from our output), edge cases and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, MAX_STEPS, bindArgs } from '../../src/schedulers/simulate';
import { entries, findEntry } from '../../src/schedulers/catalog';
import { PyValue, SchedulerRef, OptimizerRef, floatRepr, PyError } from '../../src/schedulers/pyvalue';
import { pyMod, pyFloorDiv, floatDivmod } from '../../src/schedulers/pymath';

let id = 100;
const I = (v: number): PyValue => ({ t: 'int', v });
const F = (v: number): PyValue => ({ t: 'float', v });
const S = (v: string): PyValue => ({ t: 'str', v });
function sgd(lr = 0.1, extra: Record<string, PyValue> = {}, groups: Record<string, PyValue>[] = []): OptimizerRef {
  return { name: 'SGD', id: id++, groups, defaults: { lr: F(lr), ...extra } };
}
const ref = (name: string, args: Record<string, PyValue>, optimizer: OptimizerRef | null = sgd()): SchedulerRef => ({ name, args, optimizer });

test('CosineAnnealingWarmRestarts restarts at T_0·(T_mult^k − 1)/(T_mult − 1) and hits the base LR there', () => {
  for (const [T0, Tm] of [[10, 2], [3, 3], [7, 1], [1, 2]]) {
    const steps = 400;
    const s = simulate(ref('CosineAnnealingWarmRestarts', { T_0: I(T0), T_mult: I(Tm), eta_min: F(0.001) }), { steps });
    assert.equal(s.error, null);
    const lr = s.columns[0];
    const restarts: number[] = [];
    for (let k = 1; ; k++) {
      const r = Tm === 1 ? T0 * k : (T0 * (Tm ** k - 1)) / (Tm - 1);
      if (r >= steps) break;
      restarts.push(r);
    }
    for (const r of restarts) {
      assert.ok(Math.abs(lr[r] - 0.1) < 1e-15, `LR back at 0.1 at restart ${r}`);
      if (r > T0 || T0 > 1) assert.ok(lr[r - 1] < lr[r], `LR jumps up at ${r}`);
    }
    // between restarts the LR only decreases
    for (let i = 1; i < steps; i++) if (!restarts.includes(i)) assert.ok(lr[i] <= lr[i - 1] + 1e-18, `monotone at ${i}`);
    assert.deepEqual(s.events.filter((e) => e.kind === 'restart').map((e) => e.step), restarts);
  }
});

test('CosineAnnealingLR reaches eta_min at T_max and rises again after it (period 2·T_max)', () => {
  const s = simulate(ref('CosineAnnealingLR', { T_max: I(50), eta_min: F(0.001) }), { steps: 201 });
  const lr = s.columns[0];
  assert.ok(Math.abs(lr[50] - 0.001) < 1e-12);
  assert.ok(Math.abs(lr[100] - 0.1) < 1e-12);
  assert.ok(lr[60] > lr[50]);
  assert.match(s.explain(75).phase, /rising/);
});

test('OneCycleLR: starts at max_lr/div_factor, peaks at max_lr, raises one step past total_steps', () => {
  const s = simulate(ref('OneCycleLR', { max_lr: F(0.1), total_steps: I(100) }, sgd(0.1, { momentum: F(0.9) })), { steps: 102 });
  assert.ok(Math.abs(s.columns[0][0] - 0.1 / 25) < 1e-15);
  const peak = Math.max(...s.columns[0]);
  assert.ok(Math.abs(peak - 0.1) < 1e-15);
  assert.deepEqual(s.error, { type: 'ValueError', message: 'Tried to step 101 times. The specified number of total steps is 100', at: 100 });
});

test('SequentialLR restarts the next scheduler at its own step 0 at the milestone', () => {
  const opt = sgd(0.1);
  const warm: SchedulerRef = { name: 'LinearLR', args: { start_factor: F(0.1), total_iters: I(5) }, optimizer: opt };
  const cos: SchedulerRef = { name: 'CosineAnnealingLR', args: { T_max: I(20) }, optimizer: opt };
  const s = simulate({ name: 'SequentialLR', args: { schedulers: { t: 'list', items: [{ t: 'scheduler', spec: warm }, { t: 'scheduler', spec: cos }] }, milestones: { t: 'list', items: [I(5)] } }, optimizer: opt }, { steps: 30 });
  assert.equal(s.error, null);
  assert.ok(Math.abs(s.columns[0][5] - 0.1) < 1e-15, 'cosine starts at the base LR at the milestone');
  assert.ok(Math.abs(s.columns[0][25] - 0) < 1e-12, 'cosine minimum T_max steps after the milestone');
  assert.ok(s.events.some((e) => e.kind === 'switch' && e.step === 5));
  assert.match(s.explain(7).text, /CosineAnnealingLR step 2/);
});

test('unknown keyword is PyTorch’s TypeError (verbose= removed in 2.7)', () => {
  const s = simulate(ref('StepLR', { step_size: I(10), verbose: { t: 'bool', v: true } }), { steps: 5 });
  assert.deepEqual(s.error, { type: 'TypeError', message: "StepLR.__init__() got an unexpected keyword argument 'verbose'", at: 'construct' });
  const m = simulate(ref('StepLR', {}), { steps: 5 });
  assert.deepEqual(m.error, { type: 'TypeError', message: "StepLR.__init__() missing 1 required positional argument: 'step_size'", at: 'construct' });
});

test('bad input never throws: NaN, Infinity, strings, None, absurd step counts', () => {
  const weird: PyValue[] = [F(NaN), F(Infinity), F(-Infinity), I(-5), S('ten'), { t: 'none' }, { t: 'list', items: [] }, F(1e308), I(0)];
  for (const e of entries) {
    for (const w of weird) {
      for (const p of e.params) {
        if (p.name === 'optimizer') continue;
        const args: Record<string, PyValue> = {};
        for (const q of e.params) if (q.default === undefined && q.name !== 'optimizer') args[q.name] = q.name.includes('lambda') ? { t: 'func', name: 'f', call: () => F(0.5) } : q.name === 'schedulers' ? { t: 'list', items: [] } : q.name === 'milestones' ? { t: 'list', items: [] } : F(0.1);
        args[p.name] = w;
        const s = simulate(ref(e.name, args), { steps: 50 });
        assert.ok(Array.isArray(s.lrs), `${e.name}.${p.name}=${JSON.stringify(w)}`);
        if (s.error) {
          assert.ok(s.error.type.length > 0 && s.error.message.length > 0);
          assert.notEqual(s.error.type, 'InternalError', `${e.name}.${p.name}=${JSON.stringify(w)}: ${s.error.message}`);
        }
      }
    }
  }
});

test('step count is capped and the cap is reported', () => {
  const s = simulate(ref('ExponentialLR', { gamma: F(0.9999) }), { steps: 1e12 });
  assert.equal(s.steps, MAX_STEPS);
  assert.match(s.notes.join(' '), /Capped/);
  const n = simulate(ref('ExponentialLR', { gamma: F(0.9) }), { steps: NaN });
  assert.equal(n.steps, 0);
});

test('lambdas that fail raise at the step they fail, with Python’s error', () => {
  const boom: PyValue = { t: 'func', name: 'f', call: (a) => { if ((a[0] as { v: number }).v === 3) throw new PyError('ZeroDivisionError', 'division by zero'); return F(1); } };
  const s = simulate(ref('LambdaLR', { lr_lambda: boom }), { steps: 10 });
  assert.deepEqual(s.error, { type: 'ZeroDivisionError', message: 'division by zero', at: 2 });
  const notCallable = simulate(ref('LambdaLR', { lr_lambda: I(3) }), { steps: 10 });
  assert.deepEqual(notCallable.error, { type: 'TypeError', message: "'int' object is not callable", at: 'construct' });
  const wrongLen = simulate(ref('LambdaLR', { lr_lambda: { t: 'tuple', items: [boom, boom] } }), { steps: 10 });
  assert.deepEqual(wrongLen.error, { type: 'ValueError', message: 'Expected 1 lr_lambdas, but got 2', at: 'construct' });
});

test('optimizer validation uses PyTorch’s words', () => {
  const s = simulate(ref('StepLR', { step_size: I(3) }, sgd(-0.1)), { steps: 3 });
  assert.deepEqual(s.error, { type: 'ValueError', message: 'Invalid learning rate: -0.1', at: 'construct' });
});

test('Python float repr and modulo semantics', () => {
  assert.equal(floatRepr(1e-5), '1e-05');
  assert.equal(floatRepr(10), '10.0');
  assert.equal(floatRepr(0.1 + 0.2), '0.30000000000000004');
  assert.equal(floatRepr(1e16), '1e+16');
  assert.equal(floatRepr(123456789012345.6), '123456789012345.6');
  assert.equal(pyMod(-1, 3, true), 2);
  assert.equal(pyMod(-1.5, 3, false), 1.5);
  assert.equal(pyFloorDiv(-7, 2, true), -4);
  assert.deepEqual(floatDivmod(7.5, -2), [-4, -0.5]);
  assert.throws(() => pyMod(1, 0, true), /integer modulo by zero/);
});

test('catalog: every parameter explained, positions match PyTorch order, defaults parse', () => {
  for (const e of entries) {
    const positions = e.params.filter((p) => p.position !== undefined).map((p) => p.position);
    assert.deepEqual(positions, positions.map((_, k) => k), `${e.name} positions`);
    for (const p of e.params) assert.ok(p.doc.length > 20, `${e.name}.${p.name} doc`);
    if (e.framework === 'torch') assert.ok(bindArgs(e, Object.fromEntries(e.params.filter((p) => p.default === undefined && p.name !== 'optimizer').map((p) => [p.name, F(1)]))));
  }
  assert.equal(findEntry('torch.optim.swa_utils.SWALR')?.name, 'SWALR');
});
