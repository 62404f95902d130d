// The chart model: decimation keeps extremes and events; tooltips explain; params panel; CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChartModel, buildParamRows, decimate, decimateSchedule, scheduleToCsv, computeStats, defaultPlateauMetrics, previewMetrics } from '../../src/editor/chartModel';
import { simulate } from '../../src/schedulers/simulate';
import { findEntry } from '../../src/schedulers/catalog';
import { float, int, type PyValue, type SchedulerRef } from '../../src/schedulers/pyvalue';

const opt = (extra: Record<string, PyValue> = {}) => ({ name: 'SGD', id: 1, groups: [{ lr: float(0.1), ...extra }], defaults: { momentum: float(0.9) } });
const ref = (name: string, args: Record<string, PyValue>): SchedulerRef => ({ name, args, optimizer: opt() });
const CAWR = { T_0: int(10), T_mult: int(2), eta_min: float(0.01) };

test('short runs are not decimated', () => {
  const s = simulate(ref('CosineAnnealingWarmRestarts', CAWR), { steps: 70 });
  const m = buildChartModel({ title: 't', schedule: s, requestedSteps: 70 });
  assert.equal(m.series.length, 1);
  assert.deepEqual(m.series[0].x, Array.from({ length: 70 }, (_, i) => i));
  assert.equal(m.decimated, null);
  assert.deepEqual(m.events.map((e) => e.step), [10, 30]);
});

test('1M steps: at most a few thousand points, every extreme and every event kept', () => {
  const steps = 1_000_000;
  const s = simulate(ref('CosineAnnealingWarmRestarts', { T_0: int(1000), T_mult: int(2), eta_min: float(0.01) }), { steps });
  const idx = decimateSchedule(s, 3000);
  assert.ok(idx.length <= 3000 + 2 * s.events.length, `${idx.length} points`);
  assert.ok(idx.length >= 1000);
  const col = s.columns[0];
  // global extremes
  let hi = 0, lo = 0;
  for (let i = 0; i < col.length; i++) { if (col[i] > col[hi]) hi = i; if (col[i] < col[lo]) lo = i; }
  const kept = new Set(idx);
  assert.ok(kept.has(hi) && kept.has(lo), 'global max and min kept');
  assert.ok(kept.has(0) && kept.has(steps - 1), 'ends kept');
  // every restart: the bottom just before it and the jump back up
  assert.ok(s.events.length >= 9);
  for (const e of s.events) assert.ok(kept.has(e.step) && kept.has(e.step - 1), `event at ${e.step}`);
  // the kept points' range equals the full range between consecutive kept points (envelope)
  const sorted = [...idx];
  for (let k = 1; k < sorted.length; k++) assert.ok(sorted[k] > sorted[k - 1]);
  const m = buildChartModel({ title: 'long', schedule: s, requestedSteps: steps });
  assert.deepEqual(m.decimated, { from: steps, to: idx.length });
  assert.equal(m.explanations.main.length, idx.length);
});

test('decimate keeps per-bucket min and max of every column (sawtooth)', () => {
  const n = 100_000;
  const a = Float64Array.from({ length: n }, (_, i) => (i % 37) / 37);
  const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 1000));
  const idx = decimate([a, b], n, [12_345], 1000);
  assert.ok(idx.length <= 1002);
  assert.ok(idx.includes(12_345));
  const max = Math.max(...idx.map((i) => a[i]));
  const min = Math.min(...idx.map((i) => a[i]));
  assert.equal(max, 36 / 37);
  assert.equal(min, 0);
  const bMax = Math.max(...idx.map((i) => b[i]));
  assert.ok(bMax > 0.99999);
  // NaN points are never dropped
  const c = Float64Array.from({ length: n }, (_, i) => (i === 5000 ? NaN : 1));
  assert.ok(decimate([c], n, [], 500).includes(5000));
});

test('tooltip text explains the point (CAWR warm restart #2, T_i = 40, T_cur = 5)', () => {
  const s = simulate(ref('CosineAnnealingWarmRestarts', CAWR), { steps: 100 });
  const m = buildChartModel({ title: 't', schedule: s, requestedSteps: 100, stepsPerEpoch: 10 });
  const i = 35; // restarts at 10 and 30: step 35 is 5 steps into cycle #3 of length 10·2² = 40
  const k = m.series[0].x.indexOf(i);
  assert.match(m.explanations.main[k], /warm restart #2 — cycle length T_i = T_0·T_mult\^2 = 40, T_cur = 5/);
  assert.equal(m.stepsPerEpoch, 10);
  assert.match(m.stepUnit, /per epoch/);
  assert.equal(m.stats.peak!.value, 0.1);
  assert.equal(m.stats.min!.step, 69); // the bottom of the longest cycle shown (30–69)
});

test('momentum on a second axis when it cycles; overlays drawn dashed', () => {
  const one = simulate(ref('OneCycleLR', { max_lr: float(0.1), total_steps: int(100) }), { steps: 100 });
  const step = simulate(ref('StepLR', { step_size: int(30) }), { steps: 100 });
  const m = buildChartModel({
    title: 'one', schedule: one, requestedSteps: 100,
    overlays: [{ id: 'b', label: 'StepLR', checked: true, schedule: step }, { id: 'c', label: 'other', checked: false }],
  });
  assert.deepEqual(m.series.map((s) => s.axis), ['lr', 'momentum', 'lr']);
  assert.equal(m.momentumLabel, 'momentum');
  assert.equal(m.series[2].dashed, true);
  assert.equal(m.series[2].scheduleId, 'b');
  assert.equal(m.explanations.b.length, 100);
  assert.deepEqual(m.overlays.map((o) => o.checked), [true, false]);
  const json = JSON.parse(JSON.stringify(m));
  assert.equal(json.series[0].y.length, 100);
});

test('an error in the constructor: PyTorch message, no series values', () => {
  const s = simulate(ref('CosineAnnealingWarmRestarts', { T_0: int(10), T_mult: int(0) }), { steps: 50 });
  const m = buildChartModel({ title: 'bad', schedule: s, requestedSteps: 50 });
  assert.equal(m.error?.type, 'ValueError');
  assert.match(m.error!.message, /Expected integer T_mult >= 1, but got 0/);
  assert.ok(m.series.every((x) => x.y.length === 0));
});

test('param rows: doc, default, range, effect, editors and sliders', () => {
  const entry = findEntry('CosineAnnealingWarmRestarts')!;
  const values = { ...CAWR };
  const s = simulate(ref(entry.name, values), { steps: 100 });
  const rows = buildParamRows({
    entry, values, schedule: s, requestedSteps: 100, canInsert: true,
    args: [{ name: 'optimizer', source: 'optimizer', canApply: false }, { name: 'T_0', source: '10' }, { name: 'T_mult', source: '2' }, { name: 'eta_min', source: '0.01' }],
    edits: { T_0: '20' },
  });
  const by = Object.fromEntries(rows.map((r) => [r.name, r]));
  assert.equal(by.T_0.origin, 'edited');
  assert.equal(by.T_0.source, '20');
  assert.equal(by.T_0.codeSource, '10');
  assert.equal(by.T_0.editor, 'int');
  assert.ok(by.T_0.slider && by.T_0.slider.min === 1);
  assert.match(by.T_mult.effect!, /restarts at steps 10, 30, 70, 150/);
  assert.equal(by.T_mult.default, '1');
  assert.equal(by.eta_min.editor, 'float');
  assert.equal(by.optimizer.editor, 'none');
  assert.equal(by.optimizer.canApply, false);
  assert.equal(by.last_epoch.origin, 'default');
  const one = buildParamRows({ entry: findEntry('OneCycleLR')!, values: { max_lr: float(0.1), total_steps: int(100) }, args: [], requestedSteps: 100 });
  const ob = Object.fromEntries(one.map((r) => [r.name, r]));
  assert.deepEqual(ob.anneal_strategy.choices, ["'cos'", "'linear'"]);
  assert.equal(ob.three_phase.editor, 'bool');
  assert.equal(ob.pct_start.slider?.max, 1);
  assert.equal(ob.max_lr.canApply, false); // no source to write into
});

test('CSV has every step, epochs when known, momentum', () => {
  const s = simulate(ref('OneCycleLR', { max_lr: float(0.1), total_steps: int(20) }), { steps: 20 });
  const csv = scheduleToCsv(s, 4).trim().split('\n');
  assert.equal(csv[0], 'step,epoch,lr,momentum');
  assert.equal(csv.length, 21);
  assert.equal(csv[6].split(',')[1], '1.25');
  assert.equal(Number(csv[1].split(',')[2]), s.columns[0][0]);
  assert.deepEqual(computeStats(new Float64Array(0)), { start: null, peak: null, min: null, last: null });
  const metrics = defaultPlateauMetrics(40);
  const plateau = simulate(ref('ReduceLROnPlateau', { patience: int(2) }), { steps: 40, metrics });
  assert.ok(plateau.events.some((e) => e.kind === 'reduce'), 'the default metric plateaus');
});

import { parsePyLiteral, newPreviewRef } from '../../src/editor/chartModel';
import { entries } from '../../src/schedulers/catalog';

test('panel values: Python literals only, int vs float kept', () => {
  assert.deepEqual(parsePyLiteral('2'), { t: 'int', v: 2 });
  assert.deepEqual(parsePyLiteral('2.0'), { t: 'float', v: 2 });
  assert.deepEqual(parsePyLiteral(' 1e-3 '), { t: 'float', v: 0.001 });
  assert.deepEqual(parsePyLiteral('-1'), { t: 'int', v: -1 });
  assert.deepEqual(parsePyLiteral("'cos'"), { t: 'str', v: 'cos' });
  assert.deepEqual(parsePyLiteral('True'), { t: 'bool', v: true });
  assert.deepEqual(parsePyLiteral('None'), { t: 'none' });
  assert.deepEqual(parsePyLiteral('[30, 80]'), { t: 'list', items: [{ t: 'int', v: 30 }, { t: 'int', v: 80 }] });
  assert.deepEqual(parsePyLiteral('(0.9, 0.99)'), { t: 'tuple', items: [{ t: 'float', v: 0.9 }, { t: 'float', v: 0.99 }] });
  for (const bad of ['', 'x', '__import__("os")', '1 + 1', 'lambda s: s', "'a\\'", '[1, 2', '1; 2', 'float("nan")', '1e999', 'True False']) {
    assert.equal(parsePyLiteral(bad), undefined, bad);
  }
});

test('New Preview: every catalog scheduler simulates with defaults and sample values', () => {
  for (const e of entries) {
    const { ref, steps } = newPreviewRef(e);
    const s = simulate(ref, { steps, metrics: previewMetrics(ref, steps) });
    assert.equal(s.error, null, `${e.name}: ${s.error?.type}: ${s.error?.message}`);
    assert.equal(s.steps, steps, e.name);
    const rows = buildParamRows({ entry: e, args: [], values: ref.args, schedule: s, requestedSteps: steps });
    assert.equal(rows.length, e.params.length);
  }
});

test('previews of metric-driven schedules run on an example metric in their mode (hover and chart alike)', () => {
  const F = (v: number): PyValue => ({ t: 'float', v });
  const I = (v: number): PyValue => ({ t: 'int', v });
  const opt = { name: 'SGD', id: 4242, groups: [], defaults: { lr: F(0.1) } };
  assert.equal(previewMetrics({ name: 'StepLR', optimizer: opt, args: { step_size: I(3) } }, 10), undefined);
  const torchMin = previewMetrics({ name: 'ReduceLROnPlateau', optimizer: opt, args: {} }, 100)!;
  assert.ok(torchMin[0] > torchMin[20], 'a loss: falls first');
  const timmMax = previewMetrics({ name: 'PlateauLRScheduler', optimizer: opt, args: {} }, 100)!;
  assert.ok(timmMax[0] < timmMax[20], "timm's default mode is 'max': an accuracy that rises first");
  const factory = previewMetrics({ name: 'create_scheduler_v2', optimizer: opt, args: { sched: { t: 'str', v: 'plateau' } } }, 100)!;
  assert.ok(factory[0] < factory[20]);
  // with the example metric, nothing is reduced while the metric still improves
  for (const [name, patience] of [['ReduceLROnPlateau', 'patience'], ['PlateauLRScheduler', 'patience_t']]) {
    const ref = { name, optimizer: { ...opt, id: opt.id + name.length }, args: { [patience]: I(3) } };
    const s = simulate(ref, { steps: 100, metrics: previewMetrics(ref, 100) });
    assert.equal(s.error, null, name);
    const firstDrop = Array.from(s.columns[0]).findIndex((x, i) => i > 0 && x < s.columns[0][i - 1]);
    assert.ok(firstDrop >= 25, `${name}: first reduction at ${firstDrop}, after the metric flattens`);
  }
});
