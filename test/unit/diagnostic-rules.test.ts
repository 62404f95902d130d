import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse, HEADER, SEED, goldenError } from './editor-support';
import { allDiagnostics, removeArgEdit, type RuleDiagnostic, type TextEdit } from '../../src/editor/diagnosticRules';

async function diagnose(text: string, settings?: { defaultSteps: number }) {
  const a = await analyse(text, settings);
  return { a, diags: allDiagnostics(a.result, a.previews, text) };
}

function apply(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.startIndex - x.startIndex)) out = out.slice(0, e.startIndex) + e.newText + out.slice(e.endIndex);
  return out;
}

const slice = (text: string, d: RuleDiagnostic) => text.slice(d.range.startIndex, d.range.endIndex);

test('PyTorch’s construction error, in its words, on the argument it names', async () => {
  const err = goldenError('cawr_tmult0');
  const text = SEED.replace('T_mult=2', 'T_mult=0');
  const { diags } = await diagnose(text);
  const d = diags.find((x) => x.message.includes(err.message));
  assert.ok(d, JSON.stringify(diags));
  assert.equal(d!.severity, 'error');
  assert.equal(d!.message, `${err.type}: ${err.message}`);
  assert.equal(slice(text, d!), 'T_mult=0');
  assert.equal(d!.range.start.line, text.split('\n').findIndex((l) => l.includes('T_mult=0')));
});

test('an error whose message names no argument sits on the class name', async () => {
  const err = goldenError('seq_milestone_mismatch');
  const text = `${HEADER}a = LinearLR(optimizer)\nb = StepLR(optimizer, 3)\ns = SequentialLR(optimizer, schedulers=[a, b], milestones=[5, 10])\n`;
  const { diags } = await diagnose(text);
  const d = diags.find((x) => x.message.includes(err.message));
  assert.ok(d, JSON.stringify(diags.map((x) => x.message)));
  assert.equal(slice(text, d!), 'SequentialLR');
});

test('an error at the first step() is an error too (T_max=0)', async () => {
  const err = goldenError('cos_tmax0');
  const text = `${HEADER}s = CosineAnnealingLR(optimizer, T_max=0)\n`;
  const { diags } = await diagnose(text);
  const d = diags.find((x) => x.message.includes(err.message));
  assert.ok(d, JSON.stringify(diags.map((x) => x.message)));
  assert.equal(d!.severity, 'error');
  assert.match(d!.message, /first scheduler\.step\(\)/);
});

test('verbose= : PyTorch ≥ 2.7’s TypeError, a warning with a quick fix that removes it', async () => {
  const text = `${HEADER}s = StepLR(optimizer, step_size=3, gamma=0.5, verbose=True)\n`;
  const { diags } = await diagnose(text);
  const d = diags.find((x) => x.code === 'verbose-removed');
  assert.ok(d, JSON.stringify(diags));
  assert.equal(d!.severity, 'warning');
  assert.match(d!.message, /^TypeError: StepLR\.__init__\(\) got an unexpected keyword argument 'verbose'/);
  assert.equal(slice(text, d!), 'verbose=True');
  assert.equal(apply(text, d!.fix!.edits), `${HEADER}s = StepLR(optimizer, step_size=3, gamma=0.5)\n`);
  assert.equal(diags.filter((x) => x.message.includes("unexpected keyword argument 'verbose'")).length, 1, 'one diagnostic, not two');
  // verbose first among the keywords, on its own line
  const multi = `${HEADER}s = StepLR(\n    optimizer,\n    verbose=False,\n    step_size=3,\n)\n`;
  const m = (await diagnose(multi)).diags.find((x) => x.code === 'verbose-removed')!;
  assert.equal(apply(multi, m.fix!.edits), `${HEADER}s = StepLR(\n    optimizer,\n    step_size=3,\n)\n`);
});

test('removeArgEdit keeps the call valid wherever the argument sits', async () => {
  const a = await analyse(`${HEADER}s = StepLR(verbose=True, optimizer=optimizer, step_size=3)\n`);
  const e = removeArgEdit(a.call('StepLR').call, 'verbose')!;
  assert.equal(apply(a.text, [e]), `${HEADER}s = StepLR(optimizer=optimizer, step_size=3)\n`);
  assert.equal(removeArgEdit(a.call('StepLR').call, 'nope'), undefined);
});

test('.get_lr() → .get_last_lr() quick fix', async () => {
  const text = `${SEED}    print(lr_sched.get_lr())\n`;
  const { diags } = await diagnose(text);
  const d = diags.find((x) => x.code === 'get-lr');
  assert.ok(d);
  assert.equal(d!.severity, 'warning');
  assert.equal(apply(text, d!.fix!.edits), `${SEED}    print(lr_sched.get_last_lr())\n`);
});

test('a per-batch scheduler stepped per epoch', async () => {
  const text = `${HEADER}s = OneCycleLR(optimizer, max_lr=0.1, total_steps=1000)\nfor epoch in range(10):\n    for batch in range(100):\n        optimizer.step()\n    s.step()\n`;
  const { diags } = await diagnose(text);
  const d = diags.find((x) => x.code === 'stepping-per-epoch');
  assert.ok(d, JSON.stringify(diags.map((x) => x.code)));
  assert.equal(slice(text, d!), 's.step()');
});

test('a per-epoch scheduler stepped per batch with a big step count', async () => {
  const text = `${HEADER}s = StepLR(optimizer, step_size=30)\nfor epoch in range(100):\n    for batch in range(500):\n        optimizer.step()\n        s.step()\n`;
  const { a, diags } = await diagnose(text);
  assert.equal(a.call('StepLR').call.stepping.unit, 'per-batch');
  const d = diags.find((x) => x.code === 'stepping-per-batch');
  assert.ok(d, JSON.stringify(diags.map((x) => x.code)));
  assert.equal(slice(text, d!), 'step_size=30');
  assert.match(d!.message, /50000 scheduler\.step\(\) calls/);
  // stepped per epoch: nothing to say
  const ok = `${HEADER}s = StepLR(optimizer, step_size=30)\nfor epoch in range(100):\n    for batch in range(500):\n        optimizer.step()\n    s.step()\n`;
  assert.ok(!(await diagnose(ok)).diags.some((x) => x.code?.startsWith('stepping')));
});

test('CosineAnnealingLR whose loop goes past T_max', async () => {
  const text = `${HEADER}s = CosineAnnealingLR(optimizer, T_max=50)\nfor epoch in range(100):\n    optimizer.step()\n    s.step()\n`;
  const { diags } = await diagnose(text);
  const d = diags.find((x) => x.code === 'cosine-past-tmax');
  assert.ok(d);
  assert.equal(slice(text, d!), 'T_max=50');
  assert.match(d!.message, /steps this scheduler 100 times but T_max=50/);
  const exact = `${HEADER}s = CosineAnnealingLR(optimizer, T_max=100)\nfor epoch in range(100):\n    optimizer.step()\n    s.step()\n`;
  assert.ok(!(await diagnose(exact)).diags.some((x) => x.code === 'cosine-past-tmax'));
});

test('OneCycleLR stepped more than total_steps: PyTorch’s message on the step() call', async () => {
  // PyTorch: with total_steps=N the (N+1)-th step() raises "Tried to step N+1 times"
  const text = `${HEADER}s = OneCycleLR(optimizer, max_lr=0.1, total_steps=100)\nfor epoch in range(3):\n    for batch in range(50):\n        optimizer.step()\n        s.step()\n`;
  const { diags } = await diagnose(text);
  const d = diags.find((x) => x.code === 'onecycle-overstep');
  assert.ok(d, JSON.stringify(diags.map((x) => x.message)));
  assert.match(d!.message, /^ValueError: Tried to step 101 times\. The specified number of total steps is 100/);
  assert.equal(slice(text, d!), 's.step()');
  const fits = `${HEADER}s = OneCycleLR(optimizer, max_lr=0.1, total_steps=150)\nfor epoch in range(3):\n    for batch in range(50):\n        optimizer.step()\n        s.step()\n`;
  assert.deepEqual((await diagnose(fits)).diags.filter((x) => x.severity !== 'hint'), []);
});

test('a clean script has no diagnostics; unresolved values are hints, not problems', async () => {
  assert.deepEqual((await diagnose(SEED)).diags, []);
  const { diags } = await diagnose(`${HEADER}s = CosineAnnealingLR(optimizer, T_max=len(loader))\n`);
  assert.ok(diags.length >= 1);
  assert.ok(diags.every((x) => x.severity === 'hint'), JSON.stringify(diags));
});
