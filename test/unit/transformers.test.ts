// transformers schedules: values derived by hand from the formulas in
// transformers/optimization.py (never from the engine's output), get_scheduler's dispatch and
// errors for every SchedulerType, the TrainingArguments → Trainer.create_scheduler mapping, and
// the explanations / events the chart shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../src/schedulers/simulate';
import { findEntry } from '../../src/schedulers/catalog';
import { HF_ENTRIES, SCHEDULER_TYPES, trainerSchedulerRef, registerTransformers, dispatchTarget } from '../../src/schedulers/transformers';
import type { PyValue, SchedulerRef, OptimizerRef } from '../../src/schedulers/pyvalue';

let ids = 1;
const f = (v: number): PyValue => ({ t: 'float', v });
const i = (v: number): PyValue => ({ t: 'int', v });
const s = (v: string): PyValue => ({ t: 'str', v });
const dict = (o: Record<string, PyValue>): PyValue => ({ t: 'dict', entries: Object.entries(o).map(([k, v]) => [s(k), v]) });
const opt = (lr = 1.0, groups: Record<string, PyValue>[] = []): OptimizerRef => ({ name: 'AdamW', id: ids++, groups, defaults: { lr: f(lr) } });
const ref = (name: string, args: Record<string, PyValue>, o: OptimizerRef = opt()): SchedulerRef => ({ name, args, optimizer: o });
const lrs = (r: SchedulerRef, steps: number, g = 0): number[] => {
  const sch = simulate(r, { steps });
  assert.equal(sch.error, null, sch.error ? `${sch.error.type}: ${sch.error.message}` : '');
  return Array.from(sch.columns[g]);
};
const near = (a: number, b: number, what = '') => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} ≠ ${b}`);
const nearAll = (a: number[], b: number[]) => b.forEach((x, k) => near(a[k], x, `step ${k}`));
const errorOf = (r: SchedulerRef, steps = 3) => simulate(r, { steps }).error;

test('registered in the catalog under both import paths; simulate() finds them', () => {
  registerTransformers();
  registerTransformers(); // idempotent
  for (const e of HF_ENTRIES) {
    assert.equal(findEntry(e.name), e);
    assert.equal(findEntry(`transformers.${e.name}`), e);
    assert.equal(findEntry(`transformers.optimization.${e.name}`), e);
    assert.equal(e.framework, 'transformers');
    assert.ok(e.typicalStepping === 'per-batch' || e.name === 'get_reduce_on_plateau_schedule');
    for (const p of e.params) assert.ok(p.doc.length > 20, `${e.name}.${p.name} has a doc`);
  }
  assert.equal(HF_ENTRIES.length, 12);
});

test('linear: warmup 10 then decay over 100 — LR 0 at step 0, base at 10, half at 55, 0 at 100 and after', () => {
  const v = lrs(ref('get_linear_schedule_with_warmup', { num_warmup_steps: i(10), num_training_steps: i(100) }), 110);
  assert.equal(v[0], 0);
  near(v[5], 0.5);
  near(v[10], 1);
  near(v[55], 0.5); // (100 − 55) / 90
  near(v[99], 1 / 90);
  assert.equal(v[100], 0);
  assert.equal(v[109], 0);
});

test('constant and constant_with_warmup', () => {
  nearAll(lrs(ref('get_constant_schedule', {}, opt(0.3)), 4), [0.3, 0.3, 0.3, 0.3]);
  nearAll(lrs(ref('get_constant_schedule_with_warmup', { num_warmup_steps: i(4) }, opt(0.1)), 7), [0, 0.025, 0.05, 0.075, 0.1, 0.1, 0.1]);
});

test('cosine: half-wave by default, full wave with num_cycles=1, keeps going past the end', () => {
  // W=0, T=4: ½(1 + cos(π t/4))
  nearAll(lrs(ref('get_cosine_schedule_with_warmup', { num_warmup_steps: i(0), num_training_steps: i(4) }), 6), [1, (2 + Math.SQRT2) / 4, 0.5, (2 - Math.SQRT2) / 4, 0, (2 - Math.SQRT2) / 4]);
  // num_cycles=1: down to 0 at the middle, back up to the base LR at the end.
  const v = lrs(ref('get_cosine_schedule_with_warmup', { num_warmup_steps: i(2), num_training_steps: i(6), num_cycles: f(1) }), 7);
  nearAll(v, [0, 0.5, 1, 0.5, 0, 0.5, 1]);
});

test('cosine_with_hard_restarts: num_cycles=2 restarts at the base LR; default num_cycles=1 is the plain cosine until the end', () => {
  nearAll(lrs(ref('get_cosine_with_hard_restarts_schedule_with_warmup', { num_warmup_steps: i(0), num_training_steps: i(4), num_cycles: i(2) }), 6), [1, 0.5, 1, 0.5, 0, 0]);
  const r = lrs(ref('get_cosine_with_hard_restarts_schedule_with_warmup', { num_warmup_steps: i(0), num_training_steps: i(4) }), 6);
  nearAll(r, [1, (2 + Math.SQRT2) / 4, 0.5, (2 - Math.SQRT2) / 4, 0, 0]); // 0 past the end, where cosine would rise
});

test('polynomial: (lr − lr_end)(1 − p)^power + lr_end, lr_end after; other groups scale by group_lr / defaults["lr"]', () => {
  const o = opt(1.0, [{ params: { t: 'opaque', source: 'a' } }, { params: { t: 'opaque', source: 'b' }, lr: f(0.5) }]);
  const r = ref('get_polynomial_decay_schedule_with_warmup', { num_warmup_steps: i(0), num_training_steps: i(4), lr_end: f(0.2), power: f(2.0) }, o);
  nearAll(lrs(r, 6, 0), [1, 0.8 * 0.5625 + 0.2, 0.8 * 0.25 + 0.2, 0.8 * 0.0625 + 0.2, 0.2, 0.2]);
  // group 1 (lr 0.5) ends at 0.5 × lr_end / 1.0 = 0.1, not lr_end
  nearAll(lrs({ ...r, optimizer: { ...o, id: ids++ } }, 6, 1), [0.5, 0.5 * (0.8 * 0.5625 + 0.2), 0.5 * 0.4, 0.5 * (0.8 * 0.0625 + 0.2), 0.1, 0.1]);
  assert.deepEqual(errorOf(ref('get_polynomial_decay_schedule_with_warmup', { num_warmup_steps: i(0), num_training_steps: i(4), lr_end: f(2.0) })), {
    type: 'ValueError', message: 'lr_end (2.0) must be smaller than initial lr (1.0)', at: 'construct',
  });
  // num_training_steps == num_warmup_steps: Python divides 0 by 0 at that step.
  assert.deepEqual(errorOf(ref('get_polynomial_decay_schedule_with_warmup', { num_warmup_steps: i(2), num_training_steps: i(2) }), 5), {
    type: 'ZeroDivisionError', message: 'division by zero', at: 1,
  });
});

test('inverse_sqrt: 1/√((t + timescale − W)/timescale); timescale defaults to W, or 10 000 when W = 0', () => {
  const v = lrs(ref('get_inverse_sqrt_schedule', { num_warmup_steps: i(4) }), 17);
  nearAll(v.slice(0, 5), [0, 0.25, 0.5, 0.75, 1]);
  near(v[12], 1 / Math.sqrt(3));
  near(v[16], 0.5);
  const w = simulate(ref('get_inverse_sqrt_schedule', { num_warmup_steps: i(0) }), { steps: 30001 });
  near(w.columns[0][0], 1);
  near(w.columns[0][30000], 0.5); // √(40000/10000) = 2
});

test('cosine_with_min_lr: floor by min_lr_rate or min_lr / defaults["lr"]; exactly one of them', () => {
  nearAll(lrs(ref('get_cosine_with_min_lr_schedule_with_warmup', { num_warmup_steps: i(0), num_training_steps: i(2), min_lr_rate: f(0.1) }), 3), [1, 0.55, 0.1]);
  nearAll(lrs(ref('get_cosine_with_min_lr_schedule_with_warmup', { num_warmup_steps: i(0), num_training_steps: i(2), min_lr: f(0.025) }, opt(0.25)), 3), [0.25, 0.1375, 0.025]);
  assert.equal(errorOf(ref('get_cosine_with_min_lr_schedule_with_warmup', { num_warmup_steps: i(0), num_training_steps: i(2), min_lr: f(0.1), min_lr_rate: f(0.1) }))!.message, 'Only one of min_lr or min_lr_rate should be set');
});

test('cosine_warmup_with_min_lr: warmup from 1/W (or warmup_lr_rate), cosine counted from 1', () => {
  const v = lrs(ref('get_cosine_with_min_lr_schedule_with_warmup_lr_rate', { num_warmup_steps: i(4), num_training_steps: i(8), min_lr_rate: f(0) }), 9);
  nearAll(v.slice(0, 4), [0.25, 0.5, 0.75, 1]);
  near(v[4], (2 + Math.SQRT2) / 4); // progress (4 − 4 + 1)/4
  near(v[6], (2 - Math.SQRT2) / 4);
  near(v[7], 0);
  const w = lrs(ref('get_cosine_with_min_lr_schedule_with_warmup_lr_rate', { num_warmup_steps: i(4), num_training_steps: i(8), min_lr_rate: f(0), warmup_lr_rate: f(0.2) }), 4);
  nearAll(w, [0.2, 0.2 + 0.8 / 3, 0.2 + 1.6 / 3, 1]);
});

test('wsd: warmup → stable → decay → min_lr_ratio, each warmup/decay type', () => {
  // W=2, D=4, T=10 → stable 4 (steps 2..5), decay 6..9, then min_lr_ratio
  const base = { num_warmup_steps: i(2), num_decay_steps: i(4), num_training_steps: i(10) };
  const v = lrs(ref('get_wsd_schedule', base), 12);
  nearAll(v, [0, 0.5, 1, 1, 1, 1, 1, (2 + Math.SQRT2) / 4, 0.5, (2 - Math.SQRT2) / 4, 0, 0]);
  nearAll(lrs(ref('get_wsd_schedule', { ...base, decay_type: s('linear'), min_lr_ratio: f(0.2) }), 11), [0.2, 0.6, 1, 1, 1, 1, 1, 0.8 * 0.75 + 0.2, 0.8 * 0.5 + 0.2, 0.8 * 0.25 + 0.2, 0.2]);
  const q = lrs(ref('get_wsd_schedule', { num_warmup_steps: i(4), num_decay_steps: i(4), num_stable_steps: i(0), warmup_type: s('1-sqrt'), decay_type: s('1-sqrt') }), 9);
  nearAll(q, [0, 1 - Math.sqrt(0.75), 1 - Math.sqrt(0.5), 0.5, 1, 0.5, 1 - Math.sqrt(0.5), 1 - Math.sqrt(0.75), 0]);
  nearAll(lrs(ref('get_wsd_schedule', { num_warmup_steps: i(2), num_decay_steps: i(2), num_stable_steps: i(1), warmup_type: s('cosine') }), 2), [0, 0.5]);
  // both lengths given: num_stable_steps wins, with transformers' UserWarning
  const both = simulate(ref('get_wsd_schedule', { ...base, num_stable_steps: i(1) }), { steps: 5 });
  nearAll(Array.from(both.columns[0]), [0, 0.5, 1, 1]);
  assert.deepEqual(both.warnings, [{ category: 'UserWarning', message: 'Both num_training_steps and num_stable_steps are specified. num_stable_steps will be used.', count: 1, first_at: 'construct' }]);
  assert.equal(errorOf(ref('get_wsd_schedule', { ...base, decay_type: s('step') }))!.message, "Unknown decay type: step, expected 'linear', 'cosine' or '1-sqrt'");
});

test('Python call errors: unexpected keyword, missing argument, ReduceLROnPlateau kwargs', () => {
  assert.deepEqual(errorOf(ref('get_linear_schedule_with_warmup', { num_warmup_steps: i(1), num_training_steps: i(2), num_cycles: i(3) })), {
    type: 'TypeError', message: "get_linear_schedule_with_warmup() got an unexpected keyword argument 'num_cycles'", at: 'construct',
  });
  assert.deepEqual(errorOf(ref('get_linear_schedule_with_warmup', { num_warmup_steps: i(1) })), {
    type: 'TypeError', message: "get_linear_schedule_with_warmup() missing 1 required positional argument: 'num_training_steps'", at: 'construct',
  });
  assert.equal(errorOf(ref('get_reduce_on_plateau_schedule', { foo: i(1) }))!.message, "ReduceLROnPlateau.__init__() got an unexpected keyword argument 'foo'");
  // num_training_steps=None reaches the lambda only after warmup: Python's TypeError at that step
  assert.deepEqual(errorOf(ref('get_linear_schedule_with_warmup', { num_warmup_steps: i(2), num_training_steps: { t: 'none' } }), 5), {
    type: 'TypeError', message: "unsupported operand type(s) for -: 'NoneType' and 'int'", at: 1,
  });
});

test('get_scheduler: every SchedulerType name dispatches to its function', () => {
  const kwargs: Record<string, Record<string, PyValue>> = {
    polynomial: { lr_end: f(0.0) },
    cosine_with_min_lr: { min_lr_rate: f(0.1) },
    cosine_warmup_with_min_lr: { min_lr_rate: f(0.1) },
    warmup_stable_decay: { num_decay_steps: i(2) },
  };
  assert.equal(SCHEDULER_TYPES.length, 11);
  for (const [member, value, fn] of SCHEDULER_TYPES) {
    assert.equal(dispatchTarget(s(value)), fn);
    assert.equal(dispatchTarget({ t: 'opaque', source: `SchedulerType.${member}` }), fn);
    const args: Record<string, PyValue> = { name: s(value), num_warmup_steps: i(2), num_training_steps: i(10) };
    if (kwargs[value]) args.scheduler_specific_kwargs = dict(kwargs[value]);
    const sch = simulate(ref('get_scheduler', args), { steps: 4, metrics: [1, 1, 1, 1] });
    assert.equal(sch.error, null, `${value}: ${sch.error?.message}`);
    const warm = ['constant', 'reduce_lr_on_plateau', 'cosine_warmup_with_min_lr'].includes(value);
    assert.equal(sch.columns[0][0], warm ? (value === 'cosine_warmup_with_min_lr' ? 0.5 : 1) : 0, value); // warmup starts at 0 ((0+1)/2 for the _lr_rate one)
  }
});

test('get_scheduler errors, as Python 3.11 prints them', () => {
  const names = "['linear', 'cosine', 'cosine_with_restarts', 'polynomial', 'constant', 'constant_with_warmup', 'inverse_sqrt', 'reduce_lr_on_plateau', 'cosine_with_min_lr', 'cosine_warmup_with_min_lr', 'warmup_stable_decay']";
  assert.equal(errorOf(ref('get_scheduler', { name: s('onecycle') }))!.message, `onecycle is not a valid SchedulerType, please select one of ${names}`);
  for (const [member, value] of SCHEDULER_TYPES) {
    const noWarmup = errorOf(ref('get_scheduler', { name: s(value), num_training_steps: i(10) }));
    if (value === 'constant' || value === 'reduce_lr_on_plateau') assert.equal(noWarmup, null, value);
    else assert.equal(noWarmup?.message, `SchedulerType.${member} requires \`num_warmup_steps\`, please provide that argument.`);
    const noTotal = errorOf(ref('get_scheduler', { name: s(value), num_warmup_steps: i(2) }));
    if (['linear', 'cosine', 'cosine_with_restarts', 'polynomial', 'cosine_with_min_lr', 'cosine_warmup_with_min_lr'].includes(value)) {
      assert.equal(noTotal?.message, `SchedulerType.${member} requires \`num_training_steps\`, please provide that argument.`);
    } else if (value === 'warmup_stable_decay') {
      assert.equal(noTotal?.message, "get_wsd_schedule() missing 1 required positional argument: 'num_decay_steps'");
    } else assert.equal(noTotal, null, value);
  }
  // silently dropped arguments: constant ignores everything, constant_with_warmup ignores T and kwargs
  nearAll(lrs(ref('get_scheduler', { name: s('constant'), num_warmup_steps: i(5), scheduler_specific_kwargs: dict({ bogus: i(1) }) }), 3), [1, 1, 1]);
  nearAll(lrs(ref('get_scheduler', { name: s('constant_with_warmup'), num_warmup_steps: i(2), num_training_steps: i(3), scheduler_specific_kwargs: dict({ bogus: i(1) }) }), 5), [0, 0.5, 1, 1, 1]);
  assert.equal(errorOf(ref('get_scheduler', { name: s('cosine'), num_warmup_steps: i(1), num_training_steps: i(5), scheduler_specific_kwargs: dict({ lr_end: f(0) }) }))!.message, "get_cosine_schedule_with_warmup() got an unexpected keyword argument 'lr_end'");
});

test('TrainingArguments → Trainer.create_scheduler: steps from epochs ÷ accumulation, warmup ratio, v5 warmup_ratio', () => {
  // 3 epochs × ceil(101 batches / 4) = 78 updates; warmup_steps=0.1 → ceil(7.8) = 8
  const t = trainerSchedulerRef({ num_train_epochs: f(3), gradient_accumulation_steps: i(4), warmup_steps: f(0.1), learning_rate: f(2e-5) }, { batchesPerEpoch: 101 });
  assert.equal(t.numTrainingSteps, 78);
  assert.equal(t.numWarmupSteps, 8);
  assert.deepEqual(t.ref.args, { name: s('linear'), num_warmup_steps: i(8), num_training_steps: i(78), scheduler_specific_kwargs: { t: 'none' } });
  const v = lrs(t.ref, 79);
  assert.equal(v[0], 0);
  near(v[8], 2e-5);
  near(v[43], 2e-5 * 0.5); // (78 − 43) / 70
  assert.equal(v[78], 0);
  // max_steps wins over epochs; warmup_ratio (deprecated) overrides warmup_steps
  const r = trainerSchedulerRef({ max_steps: i(500), num_train_epochs: f(10), warmup_steps: i(10), warmup_ratio: f(0.05), lr_scheduler_type: s('cosine') }, { batchesPerEpoch: 7 });
  assert.equal(r.numTrainingSteps, 500);
  assert.equal(r.numWarmupSteps, 25);
  assert.deepEqual(r.warnings, ['warmup_ratio is deprecated and will be removed in v5.2. Use `warmup_steps` instead.']);
  // fractional epochs: ceil(2.5 × 10) = 25; an int warmup_steps ≥ 1 is a count
  const e = trainerSchedulerRef({ num_train_epochs: f(2.5), warmup_steps: i(3) }, { batchesPerEpoch: 10 });
  assert.equal(e.numTrainingSteps, 25);
  assert.equal(e.numWarmupSteps, 3);
  // lr_scheduler_kwargs as a JSON string (command line): strings of digits become numbers
  const j = trainerSchedulerRef({ max_steps: i(100), lr_scheduler_type: s('cosine_with_restarts'), lr_scheduler_kwargs: s('{"num_cycles": "3"}') });
  assert.deepEqual(j.ref.args.scheduler_specific_kwargs, dict({ num_cycles: i(3) }));
  // what TrainingArguments itself rejects
  assert.throws(() => trainerSchedulerRef({ max_steps: i(10), lr_scheduler_type: s('cosine_annealing') }), /cosine_annealing is not a valid SchedulerType/);
  assert.throws(() => trainerSchedulerRef({ max_steps: i(10), warmup_steps: i(-1) }), /warmup_steps must be an integer or a float/);
  assert.throws(() => trainerSchedulerRef({ max_steps: i(10), lr_scheduler_type: s('reduce_lr_on_plateau') }), /requires an eval strategy/);
  assert.throws(() => trainerSchedulerRef({}), /max_steps must be set to a positive value/);
});

test('explanations and events for the chart', () => {
  const lin = simulate(ref('get_linear_schedule_with_warmup', { num_warmup_steps: i(10), num_training_steps: i(100) }), { steps: 110 });
  assert.equal(lin.explain(3).phase, 'warmup');
  assert.match(lin.explain(3).text, /warmup starts at LR 0/);
  assert.equal(lin.explain(55).phase, 'linear decay');
  assert.deepEqual(lin.events.map((e) => [e.step, e.kind]), [[10, 'phase'], [100, 'end']]);

  const rs = simulate(ref('get_cosine_with_hard_restarts_schedule_with_warmup', { num_warmup_steps: i(10), num_training_steps: i(100), num_cycles: i(3) }), { steps: 100 });
  const restarts = rs.events.filter((e) => e.kind === 'restart').map((e) => e.step);
  assert.deepEqual(restarts, [40, 70]); // 10 + k · 90/3
  for (const st of restarts) assert.ok(rs.columns[0][st] > rs.columns[0][st - 1], 'LR jumps up at a restart');
  assert.equal(rs.explain(45).phase, 'cycle 2 of 3');
  const one = simulate(ref('get_cosine_with_hard_restarts_schedule_with_warmup', { num_warmup_steps: i(0), num_training_steps: i(10) }), { steps: 10 });
  assert.equal(one.events.filter((e) => e.kind === 'restart').length, 0);
  assert.match(one.explain(5).text, /num_cycles=1: a single cosine, no restart/);

  const wsd = simulate(ref('get_wsd_schedule', { num_warmup_steps: i(5), num_decay_steps: i(10), num_training_steps: i(40) }), { steps: 45 });
  assert.deepEqual([wsd.explain(2).phase, wsd.explain(10).phase, wsd.explain(35).phase, wsd.explain(41).phase], ['warmup', 'stable', 'decay', 'end']);
  assert.deepEqual(wsd.events.map((e) => e.step), [5, 30, 40]);

  const cos = simulate(ref('get_cosine_schedule_with_warmup', { num_warmup_steps: i(10), num_training_steps: i(110) }), { steps: 60 });
  assert.match(cos.explain(60 - 1).text, /progress 49%/);
});

test('hover pitfalls say what trips HF users', () => {
  const all = HF_ENTRIES.flatMap((e) => e.pitfalls).join('\n');
  assert.match(all, /Warmup starts at LR 0/);
  assert.match(all, /num_cycles=1[^\n]*plain cosine/);
  assert.match(all, /gradient_accumulation_steps/);
  assert.match(all, /warmup_ratio[^\n]*deprecated in transformers v5/);
  assert.match(findEntry('get_polynomial_decay_schedule_with_warmup')!.pitfalls.join(' '), /optimizer\.defaults\["lr"\]/);
});

test('get_scheduler binds its own arguments like Python', () => {
  assert.deepEqual(errorOf(ref('get_scheduler', { num_warmup_steps: i(1) })), {
    type: 'TypeError', message: "get_scheduler() missing 1 required positional argument: 'name'", at: 'construct',
  });
  assert.equal(errorOf(ref('get_scheduler', { name: s('linear'), warmup: i(1) }))!.message, "get_scheduler() got an unexpected keyword argument 'warmup'");
  assert.equal(errorOf(ref('get_scheduler', { name: { t: 'none' } }))!.message.startsWith('None is not a valid SchedulerType, please select one of'), true);
  // inverse_sqrt through get_scheduler drops scheduler_specific_kwargs: timescale stays num_warmup_steps
  const v = lrs(ref('get_scheduler', { name: s('inverse_sqrt'), num_warmup_steps: i(4), scheduler_specific_kwargs: dict({ timescale: i(100) }) }), 17);
  near(v[16], 0.5); // 1/√(16/4), not 1/√(112/100)
});
