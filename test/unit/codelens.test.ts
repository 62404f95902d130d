import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, HEADER, SEED, cawr, goldenError, sig4 } from './editor-support';
import { codeLensTitle, lrPath } from '../../src/editor/codelensText';
import { plainT, type Translate } from '../../src/editor/text';

test('the seed: name · start → last · restart steps · steps', async () => {
  const a = await analyse(SEED);
  const f = cawr(10, 2, 0.1, 0.01);
  const restarts = f.restarts.filter((r) => r < 70);
  assert.equal(codeLensTitle(a.call('CosineAnnealingWarmRestarts')), `CosineAnnealingWarmRestarts · 0.1 → ${sig4(f.lr(69))} · restarts at ${restarts.join(', ')} · 70 steps`);
});

test('the LR path shows a warmup peak and a minimum before a rise', async () => {
  const warm = await analyse(`${HEADER}s = LinearLR(optimizer, start_factor=0.25, total_iters=4)\n`);
  // LinearLR from 0.25·0.1 to 0.1, held: start → end
  assert.equal(lrPath(warm.call('LinearLR')), `${sig4(0.025)} → 0.1`);
  const cos = await analyse(`${HEADER}s = CosineAnnealingLR(optimizer, T_max=10, eta_min=0.001)\nfor e in range(15):\n    s.step()\n`);
  const lr = (t: number) => 0.001 + (0.1 - 0.001) * (1 + Math.cos((Math.PI * t) / 10)) / 2;
  assert.equal(lrPath(cos.call('CosineAnnealingLR')), `0.1 → ${sig4(lr(10))} → ${sig4(lr(14))}`);
  const one = await analyse(`${HEADER}s = OneCycleLR(optimizer, max_lr=1.0, total_steps=100)\n`);
  const p = one.call('OneCycleLR');
  assert.match(lrPath(p)!, new RegExp(`^${sig4(1 / 25).replace('.', '\\.')} → 1 → `));
});

test('milestones, errors and missing values', async () => {
  const ms = await analyse(`${HEADER}s = MultiStepLR(optimizer, milestones=[30, 80], gamma=0.1)\nfor e in range(100):\n    s.step()\n`);
  assert.equal(codeLensTitle(ms.call('MultiStepLR')), `MultiStepLR · 0.1 → ${sig4(0.1 * 0.1 * 0.1)} · × at 30, 80 · 100 steps`);
  const err = goldenError('cawr_tmult0');
  const bad = await analyse(SEED.replace('T_mult=2', 'T_mult=0'));
  assert.equal(codeLensTitle(bad.call('CosineAnnealingWarmRestarts')), `CosineAnnealingWarmRestarts · ${err.type}: ${err.message}`);
  const miss = await analyse(`${HEADER}s = LambdaLR(optimizer, lambda e: DECAY ** e)\n`);
  assert.equal(codeLensTitle(miss.call('LambdaLR')), 'LambdaLR · needs lr_lambda');
  const assumed = await analyse(`${HEADER}s = CosineAnnealingLR(optimizer, T_max=len(loader))\n`, { defaultSteps: 50 });
  assert.match(codeLensTitle(assumed.call('CosineAnnealingLR')), /· 100 steps · assumes T_max$/);
});

test('the words go through t', async () => {
  const t: Translate = (m, ...a) => `<${plainT(m, ...a)}>`;
  const a = await analyse(SEED);
  assert.match(codeLensTitle(a.call('CosineAnnealingWarmRestarts'), t), /· <restarts at 10, 30> · <70 steps>$/);
});
