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
const sgd = (lr = 0.1): OptimizerRef => ({ name: 'SGD', id: id++, groups: [], defaults: { lr: F(lr), momentum: F(0.9) } });
const ref = (name: string, args: Record<string, PyValue>, optimizer: OptimizerRef | null = sgd()): SchedulerRef => ({ name, args, optimizer });
const fn: PyValue = { t: 'func', name: 'f', call: (a) => F(1 / (1 + (a[0] as { v: number }).v / 7)) };
const sched = (spec: SchedulerRef): PyValue => ({ t: 'scheduler', spec });

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
