// TrainingArguments(...) in the editor: the reader reports it as the schedule the HF Trainer builds
// (`call.trainer`), with the config's fields as its arguments. The hover, the chart model / panel,
// the CodeLens and the argument hovers must go through toSchedulerRef (the Trainer's mapping), and
// explain the fields (warmup_steps, lr_scheduler_type, ...) rather than the schedule function's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from './editor-support';
import { callHoverMarkdown, argHoverMarkdown, hoverTarget, keyFigures } from '../../src/editor/hoverText';
import { codeLensTitle } from '../../src/editor/codelensText';
import { callDiagnostics } from '../../src/editor/diagnosticRules';
import { previewCall } from '../../src/editor/callPreview';
import { applyPanelEdits, buildChartModel, buildParamRows, isEditableParam, panelEntry, type ArgInfo } from '../../src/editor/chartModel';

const SRC = `from transformers import TrainingArguments

args = TrainingArguments(output_dir="o", learning_rate=5e-5, lr_scheduler_type="cosine", warmup_steps=100, max_steps=1000)
`;

/** transformers' get_cosine_schedule_with_warmup (num_cycles=0.5) with W=100, T=1000, base LR 5e-5. */
function hf(t: number, W = 100, T = 1000, lr = 5e-5): number {
  if (t < W) return (lr * t) / Math.max(1, W);
  const progress = (t - W) / Math.max(1, T - W);
  return lr * Math.max(0, 0.5 * (1 + Math.cos(Math.PI * 2 * 0.5 * progress)));
}
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(b), 1e-300) + 1e-20, `${what}: ${a} vs ${b}`);

test('the formula the tests use is the one in the brief', () => {
  for (const t of [0, 1, 50, 99]) close(hf(t), (5e-5 * t) / 100, `warmup ${t}`);
  for (const t of [100, 300, 550, 999]) close(hf(t), 5e-5 * 0.5 * (1 + Math.cos((Math.PI * (t - 100)) / 900)), `cosine ${t}`);
});

test('call hover on TrainingArguments: cosine with warmup from 0 to 5e-5 at step 100, the Trainer mapping', async () => {
  const a = await analyse(SRC);
  const p = a.previews[0];
  assert.ok(p.call.trainer, 'the reader reports a trainer call');
  assert.equal(p.call.name, 'get_cosine_schedule_with_warmup');
  assert.equal(p.steps, 1000);
  assert.ok(p.schedule, 'simulated');
  const col = p.schedule!.columns[0];
  assert.equal(col.length, 1000);
  for (let t = 0; t < 1000; t++) close(col[t], hf(t), `lr(${t})`);
  const f = keyFigures(p.schedule)!;
  assert.equal(f.start, 0);
  assert.equal(f.peak.step, 100);
  close(f.peak.value, 5e-5, 'peak');
  close(f.last.value, hf(999), 'last');
  // the schedule function's arguments, as get_scheduler passes them
  assert.deepEqual(p.scheduleArgs?.num_warmup_steps, { t: 'int', v: 100 });
  assert.deepEqual(p.scheduleArgs?.num_training_steps, { t: 'int', v: 1000 });
  assert.deepEqual(p.baseLrs, [5e-5]);

  const md = callHoverMarkdown(p, { sparkline: false });
  const first = md.split('\n')[0];
  assert.match(first, /^\*\*TrainingArguments\*\* → \*\*get_cosine_schedule_with_warmup\*\* — Over 1000 steps the LR goes from 0 to /);
  assert.ok(first.includes('peak 5e-5 at step 100'), first);
  assert.match(md, /\*\*start\*\* 0 &nbsp;·&nbsp; \*\*peak\*\* 5e-5 at step 100/);
  assert.ok(md.includes("get_scheduler('cosine', num_warmup_steps=100, num_training_steps=1000)"), md);
  assert.ok(md.includes('num\\_training\\_steps = max\\_steps = 1000'), md); // the reader's explanation, markdown-escaped
  assert.match(md, /The LR at step 0 is 0/);
  // the hover on the call name is a call hover
  const target = hoverTarget(a.result.schedulers, a.at('TrainingArguments(', 0, 3));
  assert.equal(target?.kind, 'call');
});

test('the chart model and the parameter panel of a TrainingArguments call have the same numbers', async () => {
  const a = await analyse(SRC);
  const p = a.previews[0];
  const call = p.call;
  const entry = panelEntry(call)!;
  assert.equal(entry.name, 'TrainingArguments');
  const args: ArgInfo[] = call.argRanges.filter((r) => r.param).map((r) => ({ name: r.param!, source: r.source, canApply: true }));
  const rows = buildParamRows({ entry, args, values: p.args, schedule: p.schedule!, requestedSteps: p.steps, canInsert: true });
  const row = (n: string) => rows.find((r) => r.name === n)!;
  assert.equal(row('warmup_steps').source, '100');
  assert.equal(row('warmup_steps').origin, 'code');
  assert.equal(row('warmup_steps').canApply, true);
  assert.equal(row('lr_scheduler_type').source, '"cosine"');
  assert.equal(row('max_steps').source, '1000');
  assert.equal(row('warmup_ratio').origin, 'default');
  assert.ok(!rows.some((r) => r.name === 'num_warmup_steps'), 'the schedule function’s parameters are not the panel’s');

  const model = buildChartModel({ title: 'TrainingArguments', schedule: p.schedule!, entry, requestedSteps: p.steps, params: rows });
  assert.equal(model.steps, 1000);
  assert.equal(model.stats.start, 0);
  assert.equal(model.stats.peak?.step, 100);
  close(model.stats.peak!.value, 5e-5, 'peak');
  const lr = model.series.find((s) => s.axis === 'lr')!;
  lr.x.forEach((x, i) => close(lr.y[i]!, hf(x), `chart lr(${x})`));
  assert.match(model.summary ?? '', /TrainingArguments → get_cosine_schedule_with_warmup/);

  // the panel's edits are the config's fields, re-simulated through the Trainer's mapping
  assert.equal(isEditableParam(call, 'warmup_steps'), true);
  assert.equal(isEditableParam(call, 'num_warmup_steps'), false);
  const edited = previewCall(applyPanelEdits(call, new Map([['warmup_steps', '200'], ['num_warmup_steps', '7']])));
  const e = edited.schedule!.columns[0];
  for (const t of [0, 100, 199, 200, 600, 999]) close(e[t], hf(t, 200), `edited lr(${t})`);
  assert.equal(keyFigures(edited.schedule)!.peak.step, 200);
  const longer = previewCall(applyPanelEdits(call, { max_steps: '2000', learning_rate: '1e-4' }));
  assert.equal(longer.steps, 2000);
  for (const t of [0, 50, 100, 1000, 1999]) close(longer.schedule!.columns[0][t], hf(t, 100, 2000, 1e-4), `longer lr(${t})`);
  // an invalid lr_scheduler_type typed in the panel: transformers' ValueError, not a silent blank
  const bad = previewCall(applyPanelEdits(call, { lr_scheduler_type: "'cosinus'" }));
  assert.equal(bad.schedule, null);
  assert.match(bad.error?.message ?? '', /cosinus is not a valid SchedulerType/);
});

test('argument hovers on TrainingArguments fields explain the field', async () => {
  const a = await analyse(SRC);
  const p = a.previews[0];
  const ws = argHoverMarkdown(p, 'warmup_steps');
  assert.match(ws, /^\*\*warmup_steps\*\* · field of `TrainingArguments`, becomes `num_warmup_steps` of `get_cosine_schedule_with_warmup`/);
  assert.match(ws, /unit: optimizer steps/);
  assert.match(ws, /default `0`/);
  assert.match(ws, /a float below 1 is a ratio of the total steps/);
  assert.match(ws, /`num_warmup_steps`: Length of the linear warmup/); // the HF catalog's doc
  assert.match(ws, /\*\*Here:\*\* `warmup_steps=100` — num_warmup_steps=100: the LR climbs linearly from 0 to 5e-5 at step 100/);
  assert.doesNotMatch(ws, /is not a parameter/);

  const ty = argHoverMarkdown(p, 'lr_scheduler_type');
  assert.match(ty, /^\*\*lr_scheduler_type\*\* · field of `TrainingArguments`/);
  assert.match(ty, /default `'linear'`/);
  assert.match(ty, /'cosine' \| 'cosine_with_restarts'/);
  assert.match(ty, /\*\*Here:\*\* `lr_scheduler_type="cosine"` — the Trainer calls `get_cosine_schedule_with_warmup`: Linear warmup from 0/);

  const ms = argHoverMarkdown(p, 'max_steps');
  assert.match(ms, /becomes `num_training_steps`/);
  assert.match(ms, /`max_steps=1000` — num_training_steps=1000/);
  const lrh = argHoverMarkdown(p, 'learning_rate');
  assert.match(lrh, /unit: LR/);
  assert.match(lrh, /peaks at 5e-5 \(step 100\)/);
  const ep = argHoverMarkdown(p, 'num_train_epochs');
  assert.match(ep, /default `3\.0`/);
  assert.match(ep, /ignored: max_steps=1000 sets the number of steps/);
  assert.match(argHoverMarkdown(p, 'warmup_ratio'), /Deprecated/);
  assert.match(argHoverMarkdown(p, 'output_dir'), /does not change the LR schedule/);
  // the hover target on `warmup_steps=100` is that field
  const target = hoverTarget(a.result.schedulers, a.at('warmup_steps'));
  assert.deepEqual(target?.kind === 'arg' ? target.param : undefined, 'warmup_steps');
});

test('CodeLens and diagnostics of TrainingArguments calls', async () => {
  const a = await analyse(SRC);
  const p = a.previews[0];
  assert.match(codeLensTitle(p), /^TrainingArguments → get_cosine_schedule_with_warmup · 0 → 5e-5 → .* · 1000 steps$/);
  assert.deepEqual(callDiagnostics(p), []);
  const bad = await analyse(`from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", lr_scheduler_type="cosinus", max_steps=10)\n`);
  const d = callDiagnostics(bad.previews[0]).find((x) => x.code === 'pytorch-error')!;
  assert.ok(d, 'the ValueError is reported');
  const at = bad.text.indexOf('lr_scheduler_type');
  assert.equal(d.range.startIndex, at, 'on the lr_scheduler_type field');
});

test('TrainingArguments without max_steps: warmup_ratio, assumed steps, batches per epoch from the setting', async () => {
  const src = `from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", warmup_steps=0.1, num_train_epochs=2)\n`;
  const a = await analyse(src);
  const p = a.previews[0];
  assert.equal(p.call.name, 'get_linear_schedule_with_warmup');
  assert.deepEqual(p.assumptions.map((x) => [x.param, x.used]), [['num_training_steps', '100']]);
  assert.equal(keyFigures(p.schedule)!.peak.step, 10); // ceil(100 × 0.1)
  assert.match(argHoverMarkdown(p, 'warmup_steps'), /num_warmup_steps = ceil\(100 × 0\.1\) = 10/);
  // with lrSchedulePreview.stepsPerEpoch = 50: ceil(2 × ceil(50 / 1)) = 100 ... with 60: 120 steps
  const withSetting = await analyse(src, { defaultSteps: 100, stepsPerEpoch: 60 });
  const q = withSetting.previews[0];
  assert.equal(q.steps, 120);
  assert.equal(q.stepsFrom, 'shape');
  assert.deepEqual(q.scheduleArgs?.num_warmup_steps, { t: 'int', v: 12 });
  assert.match(callHoverMarkdown(q, { sparkline: false }), /assumed `batches_per_epoch=60` \(from the setting `lrSchedulePreview\.stepsPerEpoch`\)/);
  // batches per epoch supplied through the "Supply value" command (the reader's `needs`)
  const supplied = await analyse(src, undefined, { names: { batches_per_epoch: { t: 'int', v: 30 } } });
  assert.equal(supplied.previews[0].steps, 60);
  assert.deepEqual(supplied.previews[0].supplied, ['batches_per_epoch']);
});
