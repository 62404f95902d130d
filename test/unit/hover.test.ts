import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, HEADER, SEED, cawr, goldenError, sig4 } from './editor-support';
import { callHoverMarkdown, argHoverMarkdown, hoverTarget, describeCall, keyFigures, paramNamedIn, commandUri, HOVER_COMMANDS } from '../../src/editor/hoverText';
import { plainT, type Translate } from '../../src/editor/text';

const link = { uri: 'file:///w/train.py', line: 6, character: 11 };

test('call hover: one sentence, key figures from the formula, restart steps, sparkline, links', async () => {
  const a = await analyse(SEED);
  const p = a.call('CosineAnnealingWarmRestarts');
  const f = cawr(10, 2, 0.1, 0.01);
  assert.equal(p.steps, 70); // for epoch in range(70)
  assert.equal(p.stepsFrom, 'file');
  const md = callHoverMarkdown(p, { link });
  const first = md.split('\n')[0];
  assert.match(first, /^\*\*CosineAnnealingWarmRestarts\*\* — Over 70 steps the LR goes from 0\.1 to /);
  assert.ok(first.includes(sig4(f.lr(69))), `last LR ${sig4(f.lr(69))} in: ${first}`);
  // the run's 70 steps: its restarts and the first at its end ("cycles of 10, 20, 40 steps; restarts at 10, 30, 70")
  assert.ok(first.includes(`cycles of 10, 20, 40 steps; restarts at steps ${f.restarts.slice(0, 3).join(', ')}.`), first);
  // key figures: start, peak, minimum, last — from the formula
  const k = keyFigures(p.schedule)!;
  assert.ok(Math.abs(k.start - f.lr(0)) < 1e-15);
  assert.ok(Math.abs(k.last.value - f.lr(69)) < 1e-12);
  const mins = Array.from({ length: 70 }, (_, i) => f.lr(i));
  assert.equal(k.min.step, mins.indexOf(Math.min(...mins)));
  assert.match(md, new RegExp(`Restarts at steps ${f.restarts.filter((r) => r < 70).join(', ')}\\b`));
  assert.match(md, /!\[LR schedule\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\|width=240,height=60\)/);
  assert.match(md, /once per epoch|per epoch here/);
  // links: command URIs with the call's position as JSON
  const open = /\[\$\(graph-line\) Open preview\]\(command:lrSchedulePreview\.previewAtCursor\?([^)]+)\)/.exec(md);
  assert.ok(open, md);
  assert.deepEqual(JSON.parse(decodeURIComponent(open![1])), [link]);
  assert.match(md, /\[\$\(copy\) Copy as CSV\]\(command:lrSchedulePreview\.copyCsv\?/);
  for (const m of md.matchAll(/command:([\w.]+)/g)) assert.ok((HOVER_COMMANDS as readonly string[]).includes(m[1]), m[1]);
});

test('argument hover: meaning, unit, default, range, and the effect in this call', async () => {
  const a = await analyse(SEED);
  const p = a.call('CosineAnnealingWarmRestarts');
  const md = argHoverMarkdown(p, 'T_mult', { link });
  assert.match(md, /^\*\*T_mult\*\* · parameter of `CosineAnnealingWarmRestarts`/);
  assert.match(md, /default `1`/);
  assert.match(md, /allowed: integer ≥ 1/);
  const f = cawr(10, 2, 0.1, 0.01);
  assert.ok(md.includes('`T_mult=2` — cycles of 10, 20, 40 steps; restarts at steps ' + f.restarts.slice(0, 3).join(', ')), md);
  const t0 = argHoverMarkdown(p, 'T_0');
  assert.match(t0, /unit: steps/);
  assert.match(t0, /`T_0=10` — first restart at step 10/);
  const eta = argHoverMarkdown(p, 'eta_min');
  assert.match(eta, /unit: LR/);
  assert.match(eta, /default `0\.0`/);
});

test('optimizer argument: the base LR it hands over and where it comes from', async () => {
  const a = await analyse(SEED);
  const md = argHoverMarkdown(a.call('CosineAnnealingWarmRestarts'), 'optimizer');
  assert.match(md, /Hands the scheduler base LR 0\.1, from the lr of `SGD` at line 6\./);
  const groups = await analyse(`${HEADER}opt2 = torch.optim.Adam([{"params": [], "lr": 0.01}, {"params": [], "lr": 0.001}], lr=0.1)\ns = StepLR(opt2, 5)\n`);
  assert.match(argHoverMarkdown(groups.call('StepLR'), 'optimizer'), /2 param groups with base LRs 0\.01, 0\.001/);
  const unknown = await analyse(`from torch.optim.lr_scheduler import StepLR\ns = StepLR(make_optimizer(), 5)\n`);
  const p = unknown.call('StepLR');
  assert.equal(p.baseLrAssumed, true);
  assert.match(argHoverMarkdown(p, 'optimizer', { link }), /assumes a base LR of 1\.0/);
  // the curve is then in multiples of the base LR: StepLR(…, 5) halves nothing, × 0.1 at step 5
  assert.equal(p.schedule!.columns[0][0], 1);
  assert.ok(Math.abs(p.schedule!.columns[0][5] - 0.1) < 1e-15);
});

test('invalid call: PyTorch’s own message on the call and on the argument it names', async () => {
  const err = goldenError('cawr_tmult0');
  const a = await analyse(SEED.replace('T_mult=2', 'T_mult=0'));
  const p = a.call('CosineAnnealingWarmRestarts');
  assert.deepEqual({ type: p.error!.type, message: p.error!.message }, { type: err.type, message: err.message });
  assert.ok(callHoverMarkdown(p).includes(`${err.type}: ${err.message}`));
  assert.ok(argHoverMarkdown(p, 'T_mult').includes(`${err.type}: ${err.message}`));
  assert.ok(!argHoverMarkdown(p, 'T_0').includes(err.message), 'only on the argument the message names');
  assert.equal(paramNamedIn(err.message, p.call, p.entry), 'T_mult');
  assert.equal(paramNamedIn("StepLR.__init__() got an unexpected keyword argument 'verbose'", { argRanges: [{ index: 1, keyword: 'verbose', valueRange: null as never, source: 'True' }] }, undefined), 'verbose');
});

test('unresolved values: shown as such, with the assumption and how to change it', async () => {
  const src = `${HEADER}sched = OneCycleLR(optimizer, max_lr=0.1, total_steps=len(train_loader) * EPOCHS)\n`;
  const a = await analyse(src, { defaultSteps: 300 });
  const p = a.call('OneCycleLR');
  assert.equal(p.assumptions.length, 1);
  assert.equal(p.assumptions[0].used, '300');
  assert.equal(p.steps, 300);
  const md = callHoverMarkdown(p, { link });
  assert.match(md, /`total_steps=len\(train_loader\) \* EPOCHS` is not known statically/);
  assert.match(md, /assumed `300` \(from the setting `lrSchedulePreview\.defaultSteps`\)/);
  const supply = /\[Supply a value\]\(command:lrSchedulePreview\.supplyValue\?([^)]+)\)/.exec(md);
  assert.ok(supply, md);
  assert.deepEqual(JSON.parse(decodeURIComponent(supply![1])), [{ ...link, param: 'total_steps', source: 'len(train_loader) * EPOCHS' }]);
  assert.match(argHoverMarkdown(p, 'total_steps', { link }), /assumed `300`/);
  // OneCycleLR by its formula with total_steps=300: peak max_lr at step ⌊0.3·300⌋ − 1 … start max_lr/25
  assert.ok(Math.abs(p.schedule!.columns[0][0] - 0.1 / 25) < 1e-15);
  // supplying the names resolves it
  const b = await analyse(src, undefined, { names: { train_loader: { t: 'list', items: Array.from({ length: 10 }, () => ({ t: 'int', v: 0 })) }, EPOCHS: { t: 'int', v: 5 } } });
  const q = b.call('OneCycleLR');
  assert.equal(q.assumptions.length, 0);
  assert.equal(q.steps, 50);
});

test('a lambda over an unknown name cannot be assumed: no preview, a supply link', async () => {
  const a = await analyse(`${HEADER}sched = LambdaLR(optimizer, lambda e: WARM ** e)\n`);
  const p = a.call('LambdaLR');
  assert.equal(p.schedule, null);
  assert.ok(p.missing.some((m) => m.param === 'lr_lambda'));
  const md = callHoverMarkdown(p, { link });
  assert.match(md, /no preview until a value is supplied/);
  assert.match(md, /command:lrSchedulePreview\.supplyValue/);
  assert.ok(!md.includes('copyCsv'), 'nothing to copy');
});

test('notes that apply to this call', async () => {
  const cos = await analyse(`${HEADER}s = CosineAnnealingLR(optimizer, T_max=10)\nfor e in range(30):\n    optimizer.step()\n    s.step()\n`);
  assert.match(callHoverMarkdown(cos.call('CosineAnnealingLR')), /does not stop at T_max: past step 10 the LR rises again toward the base LR/);
  const cosOk = await analyse(`${HEADER}s = CosineAnnealingLR(optimizer, T_max=30)\nfor e in range(30):\n    optimizer.step()\n    s.step()\n`);
  assert.doesNotMatch(callHoverMarkdown(cosOk.call('CosineAnnealingLR')), /does not stop at T_max/);
  const lin = await analyse(`${HEADER}s = LinearLR(optimizer)\n`);
  assert.match(callHoverMarkdown(lin.call('LinearLR')), /LinearLR is a warmup, not a decay/);
  const one = await analyse(`${HEADER}s = OneCycleLR(optimizer, max_lr=0.1, total_steps=100)\n`);
  assert.match(callHoverMarkdown(one.call('OneCycleLR')), /Tried to step 101 times/);
  const zero = await analyse(`${HEADER}s = LambdaLR(optimizer, lambda e: min(1.0, e / 5))\n`);
  const z = zero.call('LambdaLR');
  assert.equal(z.schedule!.columns[0][0], 0);
  assert.match(callHoverMarkdown(z), /The LR at step 0 is 0/);
  const perEpoch = await analyse(`${HEADER}s = OneCycleLR(optimizer, max_lr=0.1, total_steps=10)\nfor e in range(10):\n    for b in range(100):\n        optimizer.step()\n    s.step()\n`);
  assert.match(callHoverMarkdown(perEpoch.call('OneCycleLR')), /meant to be stepped once per batch/);
});

test('hoverTarget: the class name, each argument (keyword or positional), nested calls', async () => {
  const src = `${HEADER}s = SequentialLR(optimizer, schedulers=[LinearLR(optimizer, 0.1, total_iters=5), CosineAnnealingLR(optimizer, 95)], milestones=[5])\n`;
  const a = await analyse(src);
  const calls = a.result.schedulers;
  const on = (needle: string, n = 0, d = 1) => hoverTarget(calls, a.at(needle, n, d));
  assert.deepEqual([on('SequentialLR')?.kind, on('SequentialLR')?.call.name], ['call', 'SequentialLR']);
  const ms = on('milestones');
  assert.deepEqual(ms?.kind === 'arg' && [ms.call.name, ms.param], ['SequentialLR', 'milestones']);
  const inner = on('total_iters');
  assert.deepEqual(inner?.kind === 'arg' && [inner.call.name, inner.param], ['LinearLR', 'total_iters']);
  const pos = on('0.1, total_iters');
  assert.deepEqual(pos?.kind === 'arg' && [pos.call.name, pos.param], ['LinearLR', 'start_factor']);
  const tmax = on('95');
  assert.deepEqual(tmax?.kind === 'arg' && [tmax.call.name, tmax.param], ['CosineAnnealingLR', 'T_max']);
  const opt = on('optimizer', 1);
  assert.deepEqual(opt?.kind === 'arg' && [opt.call.name, opt.param], ['SequentialLR', 'optimizer']);
  assert.equal(hoverTarget(calls, a.at('model = ')), undefined);
});

test('every user-facing phrase goes through t (ready for Korean)', async () => {
  const tagged: Translate = (m, ...args) => `⟦${plainT(m, ...args)}⟧`;
  const a = await analyse(`${HEADER}s = OneCycleLR(optimizer, max_lr=0.1, total_steps=len(loader))\nfor e in range(3):\n    s.step()\n`);
  const p = a.call('OneCycleLR');
  const md = callHoverMarkdown(p, { t: tagged, link, sparkline: false });
  // every paragraph but the scheduler name/effect prose and inline values starts inside ⟦…⟧
  for (const para of md.split('\n\n').slice(1)) assert.match(para, /⟦/, para);
  assert.match(describeCall(p, tagged), /^⟦Over \d+ steps/);
  const arg = argHoverMarkdown(p, 'total_steps', { t: tagged, link });
  assert.match(arg, /⟦parameter of `OneCycleLR`⟧/);
});

test('commandUri encodes JSON arguments', () => {
  assert.equal(commandUri('x.y', { a: 1 }), `command:x.y?${encodeURIComponent('[{"a":1}]')}`);
  const uri = commandUri('x.y', { source: 'len(loader) * 2' });
  assert.doesNotMatch(uri, /[()]/, 'a parenthesis would end the markdown link');
  assert.deepEqual(JSON.parse(decodeURIComponent(uri.split('?')[1])), [{ source: 'len(loader) * 2' }]);
});

test('never throws on odd calls', async () => {
  const weird = [
    'StepLR(optimizer)', 'StepLR(optimizer, step_size="a")', 'OneCycleLR(optimizer)', 'SequentialLR(optimizer, [], [])',
    'CosineAnnealingWarmRestarts(optimizer, T_0=10.0)', 'MultiStepLR(optimizer, milestones=None)', 'LambdaLR(optimizer, lr_lambda=lambda e: 1 / 0)',
    'ChainedScheduler([])', 'CyclicLR(optimizer, 0.01, 0.1, step_size_up=0)', 'StepLR(optimizer, 3, verbose=True, foo=1)',
  ];
  for (const w of weird) {
    const a = await analyse(`${HEADER}s = ${w}\n`);
    for (const p of a.previews) {
      assert.doesNotThrow(() => callHoverMarkdown(p, { link }), w);
      for (const prm of p.entry?.params ?? []) assert.doesNotThrow(() => argHoverMarkdown(p, prm.name, { link }), `${w} ${prm.name}`);
      assert.ok(callHoverMarkdown(p).startsWith(`**${p.call.name}**`));
    }
  }
});
