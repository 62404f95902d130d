// The engine's per-step explanations and event labels follow the display language: with a Korean
// translator installed (built from l10n/bundle.l10n.ko.json, as vscode.l10n.t would be in a Korean
// session) explain()/events() are Korean with this call's numbers in place; with none, English.
// A marking translator checks that every explanation, phase and label of every scheduler class goes
// through t() (an untranslated English literal would escape it).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simulate, type SimulateOptions } from '../../src/schedulers/simulate';
import { setTranslator, englishT, t } from '../../src/schedulers/l10n';
import type { PyValue, SchedulerRef, OptimizerRef } from '../../src/schedulers/pyvalue';
import type { Schedule } from '../../src/schedulers/types';

const KO = JSON.parse(readFileSync(path.join(process.cwd(), 'l10n/bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
const koT = (m: string, ...a: (string | number | boolean)[]) => englishT(KO[m] ?? m, ...a);
const HANGUL = /[\uac00-\ud7a3]/;

let id = 1;
const I = (v: number): PyValue => ({ t: 'int', v });
const F = (v: number): PyValue => ({ t: 'float', v });
const S = (v: string): PyValue => ({ t: 'str', v });
const B = (v: boolean): PyValue => ({ t: 'bool', v });
const L = (...items: PyValue[]): PyValue => ({ t: 'list', items });
const D = (...entries: [PyValue, PyValue][]): PyValue => ({ t: 'dict', entries });
/** A dict with string keys (`dict(a=…)`, an argparse namespace, optax's **kwargs). */
const KW = (o: Record<string, PyValue>): PyValue => D(...Object.entries(o).map(([k, v]) => [S(k), v] as [PyValue, PyValue]));
const sgd = (lr = 0.1): OptimizerRef => ({ name: 'SGD', id: id++, groups: [], defaults: { lr: F(lr), momentum: F(0.9) } });
const ref = (name: string, args: Record<string, PyValue>, optimizer: OptimizerRef | null = sgd()): SchedulerRef => ({ name, args, optimizer });
const fn: PyValue = { t: 'func', name: 'f', call: (a) => F(1 / (1 + (a[0] as { v: number }).v / 7)) };
const sched = (spec: SchedulerRef): PyValue => ({ t: 'scheduler', spec });
/** Keras schedules and Optax functions take no optimizer (simulate() gives them a stand-in). */
const keras = (name: string, args: Record<string, PyValue>) => ref(name, args, null);
const optax = (name: string, args: Record<string, PyValue>) => ref(`optax.${name}`, args, null);

afterEach(() => setTranslator(undefined));

const CAWR = () => ref('CosineAnnealingWarmRestarts', { T_0: I(10), T_mult: I(2), eta_min: F(0.01) });
const MULTI = () => ref('MultiStepLR', { milestones: L(I(30), I(80)), gamma: F(0.1) });
const HF_LINEAR = () => ref('get_linear_schedule_with_warmup', { num_warmup_steps: I(10), num_training_steps: I(100) }, sgd(1.0));
const SEQ = () => {
  const opt = sgd();
  const warm = { name: 'LinearLR', args: { start_factor: F(0.1), total_iters: I(5) }, optimizer: opt };
  const cos = { name: 'CosineAnnealingLR', args: { T_max: I(20) }, optimizer: opt };
  return ref('SequentialLR', { schedulers: L(sched(warm), sched(cos)), milestones: L(I(5)) }, opt);
};

test('no translator installed: English, byte for byte', () => {
  assert.equal(t('step {0}', 3), 'step 3');
  const c = simulate(CAWR(), { steps: 100 });
  assert.deepEqual(c.explain(35), { phase: 'after restart #2', text: 'warm restart #2 — cycle length T_i = T_0·T_mult^2 = 40, T_cur = 5' });
  assert.deepEqual(c.explain(3), { phase: 'first cycle', text: 'first cycle — cycle length T_i = T_0 = 10, T_cur = 3' });
  assert.deepEqual(c.events.map((e) => e.label), ['warm restart #1 (next cycle 20 steps)', 'warm restart #2 (next cycle 40 steps)', 'warm restart #3 (next cycle 80 steps)']);
  const m = simulate(MULTI(), { steps: 100 });
  assert.deepEqual(m.explain(10), { phase: 'initial', text: 'before the first milestone (30)' });
  assert.deepEqual(m.explain(85), { phase: 'after milestone 80', text: '2 milestone(s) passed: base LR × 0.1^2' });
  assert.deepEqual(m.events.map((e) => e.label), ['milestone 30: × 0.1', 'milestone 80: × 0.1']);
  const h = simulate(HF_LINEAR(), { steps: 110 });
  assert.deepEqual(h.explain(3), { phase: 'warmup', text: 'linear warmup, step 3 of 10: LR = base LR × 3/10 = 0.3 × base LR (warmup starts at LR 0)' });
  assert.deepEqual(h.explain(55), { phase: 'linear decay', text: 'linear decay to 0 at step 100: 45 of 90 decay steps left = 0.5 × base LR' });
  assert.deepEqual(h.events.map((e) => e.label), ['warmup done: base LR reached (num_warmup_steps=10)', 'num_training_steps=100: LR reaches 0']);
  const s = simulate(SEQ(), { steps: 30 });
  assert.deepEqual(s.explain(7), { phase: 'CosineAnnealingLR (2/2)', text: 'CosineAnnealingLR step 2 since milestone 5: T_cur=2 of T_max=20: η_min + ½(η_max − η_min)(1 + cos(π·2/20))' });
  assert.equal(s.events[0].label, 'switch to CosineAnnealingLR (restarts from its step 0)');
});

test('a Korean translator: Korean explanations and labels, the numbers in place', () => {
  setTranslator(koT);
  const c = simulate(CAWR(), { steps: 100 });
  assert.deepEqual(c.explain(35), { phase: '2번째 restart 이후', text: '2번째 warm restart — 주기 길이 T_i = T_0·T_mult^2 = 40, T_cur = 5' });
  assert.deepEqual(c.explain(3), { phase: '첫 주기', text: '첫 주기 — 주기 길이 T_i = T_0 = 10, T_cur = 3' });
  assert.deepEqual(c.events.map((e) => e.label), ['1번째 warm restart (다음 주기 20 step)', '2번째 warm restart (다음 주기 40 step)', '3번째 warm restart (다음 주기 80 step)']);
  const m = simulate(MULTI(), { steps: 100 });
  assert.deepEqual(m.explain(10), { phase: '초기', text: '첫 milestone(30) 전' });
  assert.deepEqual(m.explain(85), { phase: 'milestone 80 이후', text: 'milestone 2개 지남: base LR × 0.1^2' });
  const h = simulate(HF_LINEAR(), { steps: 110 });
  assert.deepEqual(h.explain(3), { phase: 'warmup', text: 'linear warmup, 10 step 중 step 3: lr = base LR × 3/10 = 0.3 × base LR (warmup은 lr 0에서 시작)' });
  assert.equal(h.explain(55).text, 'step 100에서 0이 되는 linear decay: decay step 90개 중 45개 남음 = 0.5 × base LR');
  assert.deepEqual(h.events.map((e) => e.label), ['warmup 끝: base LR 도달 (num_warmup_steps=10)', 'num_training_steps=100: lr이 0이 됨']);
  const s = simulate(SEQ(), { steps: 30 });
  assert.deepEqual(s.explain(7), { phase: 'CosineAnnealingLR (2개 중 2번째)', text: 'CosineAnnealingLR의 step 2 (milestone 5부터 셈): T_max=20 중 T_cur=2: η_min + ½(η_max − η_min)(1 + cos(π·2/20))' });
  assert.equal(s.events[0].label, 'CosineAnnealingLR(으)로 전환 (자기 step 0부터 다시 시작)');
  const one = simulate(ref('OneCycleLR', { max_lr: F(0.1), total_steps: I(100) }), { steps: 100 });
  assert.match(one.explain(10).text, /^max_lr까지 warmup \(cosine\), \d+% 진행 \(step 0–29\)$/);
  assert.deepEqual(one.events.map((e) => e.label), ['최고점: max_lr']);
  // back to English once the translator is removed (deactivate)
  setTranslator(undefined);
  assert.equal(simulate(CAWR(), { steps: 100 }).explain(3).phase, 'first cycle');
});

test('timm, Keras and Optax: English without a translator, Korean with the bundle', () => {
  const timm = () => simulate(ref('CosineLRScheduler', { t_initial: I(10), warmup_t: I(2), warmup_lr_init: F(1e-4), cycle_limit: I(2), cycle_decay: F(0.5) }), { steps: 25 });
  const kc = () => simulate(keras('CosineDecayRestarts', { initial_learning_rate: F(0.1), first_decay_steps: I(3), t_mul: F(2), m_mul: F(0.5) }), { steps: 12 });
  const oj = () => simulate(optax('warmup_cosine_decay_schedule', { init_value: F(0), peak_value: F(0.1), warmup_steps: I(3), decay_steps: I(10) }), { steps: 12 });
  let s = timm();
  assert.deepEqual(s.explain(1), { phase: 'warmup', text: 'linear warmup, epoch 1 of 2: LR = warmup_lr_init + 1 × (the base LR − warmup_lr_init) / 2, from 1e-4 at epoch 0' });
  assert.deepEqual(s.explain(12), { phase: 'cycle 2', text: 'cosine, cycle 2: 2 of 10 epochs in (t_i = t_initial), peak = base LR × cycle_decay^1 = 0.5 × base LR, floor lr_min = 0' });
  assert.deepEqual(s.explain(22), { phase: 'after cycles', text: 'past cycle_limit=2 cycles: LR = lr_min = 0 (held from here on)' });
  assert.deepEqual(s.events.map((e) => e.label), ['warmup done (warmup_t=2)', 'restart: cycle 2 (t_i = 10 epochs, peak × cycle_decay^1 = 0.5)', 'cycle_limit=2 reached: LR = lr_min from here']);
  assert.deepEqual(kc().explain(4), { phase: 'period 2', text: 'restart period 2 (6 steps = first_decay_steps × t_mul^1), 16.7% through; peak m_mul^1 = 0.5 × initial' });
  assert.deepEqual(oj().explain(5), { phase: 'schedule 2: cosine', text: 'schedule 2 at its step 2 (= 5 − boundary 3): cosine decay 2/7: 0.1 × ((1 − alpha) × 0.8117 + alpha)' });
  setTranslator(koT);
  s = timm();
  assert.deepEqual(s.explain(1), { phase: 'warmup', text: 'linear warmup, 2 epoch 중 epoch 1: lr = warmup_lr_init + 1 × (base LR − warmup_lr_init) / 2, epoch 0의 1e-4에서 시작' });
  assert.deepEqual(s.explain(12), { phase: '주기 2', text: 'cosine, 주기 2: 10 epoch 중 2 진행 (t_i = t_initial), 최고점 = base LR × cycle_decay^1 = 0.5 × base LR, 하한 lr_min = 0' });
  assert.deepEqual(s.events.map((e) => e.label), ['warmup 끝 (warmup_t=2)', 'restart: 주기 2 (t_i = 10 epoch, 최고점 × cycle_decay^1 = 0.5)', 'cycle_limit=2 도달: 이제부터 lr = lr_min']);
  assert.deepEqual(kc().explain(4), { phase: '주기 2', text: 'restart 주기 2 (6 step = first_decay_steps × t_mul^1), 16.7% 진행. 최고점 m_mul^1 = 0.5 × initial' });
  assert.deepEqual(oj().explain(5), { phase: '스케줄 2: cosine', text: '스케줄 2의 step 2 (= 5 − boundary 3): cosine decay 2/7: 0.1 × ((1 − alpha) × 0.8117 + alpha)' });
  const p = simulate(ref('PlateauLRScheduler', { decay_rate: F(0.5), patience_t: I(1) }), { steps: 6, metrics: Array(6).fill(1) });
  assert.match(p.explain(5).text, /^mode 'max' 기준으로 metric이 patience_t=1 epoch 넘게 나아지지 않을 때마다 lr × decay_rate=0\.5\. 지금까지 \d+번 줄임$/);
});

/** Every scheduler class and every branch of its explanation, with this step count and options. */
const CASES: [SchedulerRef, SimulateOptions][] = [
  [ref('LambdaLR', { lr_lambda: fn }), { steps: 5 }],
  [ref('MultiplicativeLR', { lr_lambda: fn }), { steps: 5 }],
  [ref('StepLR', { step_size: I(3), gamma: F(0.5) }), { steps: 10 }],
  [ref('MultiStepLR', { milestones: L(), gamma: F(0.5) }), { steps: 5 }],
  [MULTI(), { steps: 100 }],
  [ref('ConstantLR', { factor: F(0.5), total_iters: I(4) }), { steps: 10 }],
  [ref('LinearLR', { start_factor: F(0.1), total_iters: I(4) }), { steps: 10 }],
  [ref('LinearLR', { start_factor: F(1), end_factor: F(0.1), total_iters: I(4) }), { steps: 10 }],
  [ref('ExponentialLR', { gamma: F(0.9) }), { steps: 5 }],
  [ref('PolynomialLR', { total_iters: I(4), power: F(2) }), { steps: 10 }],
  [ref('CosineAnnealingLR', { T_max: I(4) }), { steps: 20 }],
  [SEQ(), { steps: 30 }],
  [((o: OptimizerRef) => ref('ChainedScheduler', { schedulers: L(sched(ref('StepLR', { step_size: I(3) }, o)), sched(ref('ExponentialLR', { gamma: F(0.9) }, o))) }, null))(sgd()), { steps: 10 }],
  [ref('ReduceLROnPlateau', { patience: I(1), factor: F(0.5) }), { steps: 12, metrics: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }],
  [ref('CyclicLR', { base_lr: F(0.01), max_lr: F(0.1), step_size_up: I(3) }), { steps: 14 }],
  [ref('CyclicLR', { base_lr: F(0.01), max_lr: F(0.1), step_size_up: I(3), mode: S('triangular2') }), { steps: 14 }],
  [ref('CyclicLR', { base_lr: F(0.01), max_lr: F(0.1), step_size_up: I(3), mode: S('exp_range'), gamma: F(0.99) }), { steps: 14 }],
  [CAWR(), { steps: 40 }],
  [ref('OneCycleLR', { max_lr: F(0.1), total_steps: I(20), anneal_strategy: S('linear') }), { steps: 22 }],
  [ref('OneCycleLR', { max_lr: F(0.1), total_steps: I(20), three_phase: B(true) }), { steps: 20 }],
  [ref('SWALR', { swa_lr: F(0.05), anneal_epochs: I(3) }), { steps: 8 }],
  [ref('get_constant_schedule', {}), { steps: 3 }],
  [ref('get_constant_schedule_with_warmup', { num_warmup_steps: I(3) }), { steps: 6 }],
  [HF_LINEAR(), { steps: 110 }],
  [ref('get_cosine_schedule_with_warmup', { num_warmup_steps: I(3), num_training_steps: I(10) }), { steps: 14 }],
  [ref('get_cosine_with_hard_restarts_schedule_with_warmup', { num_warmup_steps: I(2), num_training_steps: I(20), num_cycles: I(3) }), { steps: 22 }],
  [ref('get_cosine_with_hard_restarts_schedule_with_warmup', { num_warmup_steps: I(0), num_training_steps: I(10) }), { steps: 10 }],
  [ref('get_polynomial_decay_schedule_with_warmup', { num_warmup_steps: I(2), num_training_steps: I(10), lr_end: F(1e-4), power: F(2) }, sgd(0.1)), { steps: 14 }],
  [ref('get_inverse_sqrt_schedule', { num_warmup_steps: I(3) }), { steps: 8 }],
  [ref('get_cosine_with_min_lr_schedule_with_warmup', { num_warmup_steps: I(3), num_training_steps: I(10), min_lr_rate: F(0.1) }), { steps: 12 }],
  [ref('get_cosine_with_min_lr_schedule_with_warmup_lr_rate', { num_warmup_steps: I(3), num_training_steps: I(10), min_lr_rate: F(0.1), warmup_lr_rate: F(0.05) }), { steps: 12 }],
  [ref('get_wsd_schedule', { num_warmup_steps: I(3), num_decay_steps: I(4), num_training_steps: I(12), min_lr_ratio: F(0.1) }), { steps: 14 }],
  [ref('diffusers.get_piecewise_constant_schedule', { step_rules: S('1:3,0.5:6,0.25') }), { steps: 8 }],
  [ref('diffusers.get_piecewise_constant_schedule', { step_rules: S('0.5') }), { steps: 3 }],
  // timm: warmup (to the base LR, to the tanh curve's value), cycles (cycle_mul, cycle_decay, k_decay),
  // past cycle_limit (one cycle, several), warmup_prefix, t_in_epochs=False (updates), noise ranges,
  // step / multistep decays, plateau reductions (warmup, noise, mode), the factories, an unknown sched
  [ref('CosineLRScheduler', { t_initial: I(10), lr_min: F(1e-4), warmup_t: I(3), warmup_lr_init: F(1e-4), cycle_limit: I(3), cycle_mul: F(2), cycle_decay: F(0.5), k_decay: F(2) }), { steps: 80 }],
  [ref('CosineLRScheduler', { t_initial: I(5), warmup_t: I(2), warmup_prefix: B(true), noise_range_t: L(I(3), I(6)), t_in_epochs: B(false) }), { steps: 10 }],
  [ref('CosineLRScheduler', { t_initial: I(4), cycle_limit: I(2), k_decay: F(0.5) }), { steps: 10 }],
  [ref('TanhLRScheduler', { t_initial: I(6), warmup_t: I(2), cycle_limit: I(2) }), { steps: 16 }],
  [ref('TanhLRScheduler', { t_initial: I(6), warmup_t: I(2), warmup_prefix: B(true) }), { steps: 10 }],
  [ref('PolyLRScheduler', { t_initial: I(6), power: F(2), lr_min: F(0.001), cycle_limit: I(2), cycle_decay: F(0.5) }), { steps: 15 }],
  [ref('StepLRScheduler', { decay_t: I(3), decay_rate: F(0.5), warmup_t: I(2), warmup_prefix: B(true) }), { steps: 12 }],
  [ref('StepLRScheduler', { decay_t: F(2.5), decay_rate: F(0.5), t_in_epochs: B(false), noise_range_t: I(6) }), { steps: 10 }],
  [ref('MultiStepLRScheduler', { decay_t: L(I(4), I(8)), decay_rate: F(0.5), warmup_t: I(1) }), { steps: 12 }],
  [ref('MultiStepLRScheduler', { decay_t: L(I(3), I(6)), decay_rate: F(0.5), warmup_t: I(2), warmup_prefix: B(true), t_in_epochs: B(false) }), { steps: 12 }],
  [ref('PlateauLRScheduler', { decay_rate: F(0.5), patience_t: I(1), warmup_t: I(2), noise_range_t: L(I(5), I(8)) }), { steps: 14, metrics: Array(14).fill(1) }],
  [ref('PlateauLRScheduler', { decay_rate: F(0.5), patience_t: I(2), mode: S('min') }), { steps: 8, metrics: Array(8).fill(1) }],
  [ref('create_scheduler_v2', { sched: S('cosine'), num_epochs: I(10), warmup_epochs: I(2), noise: L(F(0.4), F(0.8)) }), { steps: 12 }],
  [ref('create_scheduler_v2', { sched: S('multistep'), num_epochs: I(10), decay_milestones: L(I(3), I(6)), step_on_epochs: B(false), updates_per_epoch: I(2) }), { steps: 14 }],
  [ref('create_scheduler_v2', { sched: S('plateau'), num_epochs: I(10), patience_epochs: I(1) }), { steps: 6, metrics: Array(6).fill(1) }],
  [ref('create_scheduler_v2', { sched: S('nope'), num_epochs: I(10) }), { steps: 3 }],
  [ref('create_scheduler', { args: KW({ sched: S('step'), epochs: I(10), decay_epochs: I(3), decay_rate: F(0.5), warmup_epochs: I(2) }) }), { steps: 12 }],
  // Keras: smooth and staircase decays, every piece, the end of a decay and its cycles, warmup,
  // past decay_steps, restarts with and without t_mul / m_mul
  [keras('ExponentialDecay', { initial_learning_rate: F(0.1), decay_steps: I(3), decay_rate: F(0.5) }), { steps: 8 }],
  [keras('ExponentialDecay', { initial_learning_rate: F(0.1), decay_steps: I(3), decay_rate: F(0.5), staircase: B(true) }), { steps: 8 }],
  [keras('PiecewiseConstantDecay', { boundaries: L(I(3), I(6)), values: L(F(1), F(0.5), F(0.1)) }), { steps: 10 }],
  [keras('PolynomialDecay', { initial_learning_rate: F(0.1), decay_steps: I(4), end_learning_rate: F(0.01), power: F(2) }), { steps: 8 }],
  [keras('PolynomialDecay', { initial_learning_rate: F(0.1), decay_steps: I(4), cycle: B(true) }), { steps: 12 }],
  [keras('InverseTimeDecay', { initial_learning_rate: F(0.1), decay_steps: I(2), decay_rate: F(0.5) }), { steps: 6 }],
  [keras('InverseTimeDecay', { initial_learning_rate: F(0.1), decay_steps: I(2), decay_rate: F(0.5), staircase: B(true) }), { steps: 6 }],
  [keras('CosineDecay', { initial_learning_rate: F(0.1), decay_steps: I(5), alpha: F(0.1) }), { steps: 8 }],
  [keras('CosineDecay', { initial_learning_rate: F(0), decay_steps: I(5), warmup_target: F(0.1), warmup_steps: I(3) }), { steps: 10 }],
  [keras('CosineDecayRestarts', { initial_learning_rate: F(0.1), first_decay_steps: I(3), t_mul: F(2), m_mul: F(0.5) }), { steps: 25 }],
  [keras('CosineDecayRestarts', { initial_learning_rate: F(0.1), first_decay_steps: I(3), t_mul: F(1) }), { steps: 10 }],
  // Optax: every function, before transition_begin, after the transition, the constant fallbacks
  // (transition_steps ≤ 0, decay_rate == 0, no boundaries), clipping at end_value, join boundaries
  [optax('constant_schedule', { value: F(0.1) }), { steps: 3 }],
  [optax('polynomial_schedule', { init_value: F(0.1), end_value: F(0.001), power: I(2), transition_steps: I(5), transition_begin: I(2) }), { steps: 10 }],
  [optax('polynomial_schedule', { init_value: F(0.1), end_value: F(0.001), power: I(1), transition_steps: I(3) }), { steps: 4 }],
  [optax('polynomial_schedule', { init_value: F(0.1), end_value: F(0.001), power: I(2), transition_steps: I(0) }), { steps: 3 }],
  [optax('linear_schedule', { init_value: F(0), end_value: F(0.1), transition_steps: I(4) }), { steps: 6 }],
  [optax('warmup_constant_schedule', { init_value: F(0), peak_value: F(0.1), warmup_steps: I(3) }), { steps: 5 }],
  [optax('exponential_decay', { init_value: F(0.1), transition_steps: I(2), decay_rate: F(0.5), transition_begin: I(2), end_value: F(0.01) }), { steps: 14 }],
  [optax('exponential_decay', { init_value: F(0.1), transition_steps: I(2), decay_rate: F(0.5), staircase: B(true), end_value: F(0.02) }), { steps: 10 }],
  [optax('exponential_decay', { init_value: F(0.1), transition_steps: I(2), decay_rate: F(0) }), { steps: 3 }],
  [optax('cosine_decay_schedule', { init_value: F(0.1), decay_steps: I(5), alpha: F(0.1), exponent: F(2) }), { steps: 8 }],
  [optax('warmup_cosine_decay_schedule', { init_value: F(0), peak_value: F(0.1), warmup_steps: I(3), decay_steps: I(10), end_value: F(0.001) }), { steps: 12 }],
  [optax('warmup_exponential_decay_schedule', { init_value: F(0), peak_value: F(0.1), warmup_steps: I(3), transition_steps: I(2), decay_rate: F(0.5), staircase: B(true) }), { steps: 10 }],
  [optax('piecewise_constant_schedule', { init_value: F(0.1), boundaries_and_scales: D([I(3), F(0.5)], [I(6), F(0.1)]) }), { steps: 9 }],
  [optax('piecewise_constant_schedule', { init_value: F(0.1) }), { steps: 3 }],
  [optax('piecewise_interpolate_schedule', { interpolate_type: S('linear'), init_value: F(0.1), boundaries_and_scales: D([I(3), F(2)], [I(6), F(0.5)]) }), { steps: 9 }],
  [optax('piecewise_interpolate_schedule', { interpolate_type: S('cosine'), init_value: F(0.1), boundaries_and_scales: D([I(3), F(0.5)]) }), { steps: 6 }],
  [optax('linear_onecycle_schedule', { transition_steps: I(20), peak_value: F(0.01) }), { steps: 22 }],
  [optax('cosine_onecycle_schedule', { transition_steps: I(20), peak_value: F(0.01) }), { steps: 22 }],
  [optax('sgdr_schedule', { cosine_kwargs: L(KW({ init_value: F(0), peak_value: F(0.1), warmup_steps: I(2), decay_steps: I(6) }), KW({ init_value: F(0), peak_value: F(0.05), warmup_steps: I(2), decay_steps: I(6) })) }), { steps: 14 }],
  [optax('join_schedules', { schedules: L(sched(optax('linear_schedule', { init_value: F(0), end_value: F(0.1), transition_steps: I(4) })), sched(optax('constant_schedule', { value: F(0.1) })), sched(keras('CosineDecay', { initial_learning_rate: F(0.1), decay_steps: I(4) }))), boundaries: L(I(4), I(8)) }), { steps: 14 }],
  [optax('join_schedules', { schedules: L(sched(optax('exponential_decay', { init_value: F(0.1), transition_steps: I(2), decay_rate: F(0.5) }))), boundaries: L() }), { steps: 4 }],
];

const texts = (s: Schedule): string[] => {
  const out: string[] = [];
  for (let i = 0; i < s.lrs.length; i++) {
    const r = s.explain(i);
    out.push(r.phase);
    if (r.text) out.push(r.text);
  }
  return out.concat(s.events.map((e) => e.label));
};

test('every explanation, phase and event label of every scheduler class goes through t()', () => {
  setTranslator((m, ...a) => `⟦${englishT(m, ...a)}`);
  let n = 0;
  for (const [r, o] of CASES) {
    const s = simulate(r, o);
    assert.ok(s.error === null || s.error.at !== 'construct', `${r.name}: ${s.error?.message}`); // OneCycleLR run past total_steps raises
    for (const x of texts(s)) {
      assert.ok(x.startsWith('⟦'), `${r.name}: not translated: ${JSON.stringify(x)}`);
      n++;
    }
  }
  assert.ok(n > 300, `${n} texts`);
});

test('with the Korean bundle every scheduler’s explanations and labels are Korean, or formulas and names', () => {
  setTranslator(koT);
  for (const [r, o] of CASES) {
    for (const x of texts(simulate(r, o))) {
      // a text without Hangul may be a formula (`base LR × gamma^3 = …`) or a name (`warmup`,
      // `polynomial decay`: the bundle's own terms), never an English sentence
      if (!HANGUL.test(x)) assert.doesNotMatch(x, /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/, `${r.name}: ${JSON.stringify(x)}`);
    }
  }
});
