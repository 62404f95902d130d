import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../src/cli';
import { FIXTURES } from './python-helpers';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

test('detect --format json: the contract shape, 1-based lines', async () => {
  const r = await run(['detect', join(FIXTURES, 'argparse_train.py'), '--format', 'json']);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out);
  const s = j.schedulers[0];
  assert.equal(s.name, 'StepLR');
  assert.equal(s.qualifiedName, 'torch.optim.lr_scheduler.StepLR');
  assert.equal(s.framework, 'torch');
  assert.deepEqual(s.range.start, { line: 27, column: 16 });
  assert.deepEqual(s.args.step_size, { value: 30 });
  assert.deepEqual(s.args.last_epoch, { value: -1, default: true });
  assert.deepEqual(s.optimizer, { name: 'SGD', line: 26, lrs: [0.0003], momentum: [0.9], betas: null });
  assert.equal(s.stepping, 'per-epoch');
  const u = JSON.parse((await run(['detect', join(FIXTURES, 'unresolved.py')])).out);
  const oc = u.schedulers.find((x: { name: string }) => x.name === 'OneCycleLR');
  assert.equal(oc.args.steps_per_epoch.unresolved, true);
  assert.equal(oc.args.steps_per_epoch.source, 'len(train_loader)');
});

test('simulate: csv, text, --line spanning a multi-line call, unresolved values via --set/--lr', async () => {
  const csv = await run(['simulate', join(FIXTURES, 'argparse_train.py'), '--line', '29', '--steps', '3', '--format', 'csv']);
  assert.equal(csv.code, 0, csv.err);
  assert.deepEqual(csv.out.trim().split('\n'), ['step,lr_group0', '0,0.0003', '1,0.0003', '2,0.0003']);
  const text = await run(['simulate', join(FIXTURES, 'config_dict.py'), '--line', '17', '--format', 'text']);
  assert.equal(text.code, 0);
  assert.match(text.out, /SequentialLR at .*config_dict\.py:17 {2}\(per-epoch, 120 steps\)/);
  assert.match(text.out, /\|.*\*/);
  const unres = await run(['simulate', join(FIXTURES, 'unresolved.py'), '--line', '11']);
  assert.equal(unres.code, 1);
  assert.equal(JSON.parse(unres.out).schedulers[0].error.type, 'Unresolved');
  const supplied = await run(['simulate', join(FIXTURES, 'unresolved.py'), '--line', '11', '--set', 'train_loader=[0,0]', '--lr', '0.001']);
  // len([0, 0]) = 2 steps per epoch × epochs=10: the natural length is OneCycleLR's 20 total steps.
  assert.equal(supplied.code, 0, supplied.err);
  const sj = JSON.parse(supplied.out).schedulers[0];
  assert.equal(sj.error, null);
  assert.equal(sj.steps, 20);
  assert.ok(Math.abs(sj.lrs[0][0] - 3e-3 / 25) < 1e-15);
});

test('bad input: one-line message, non-zero exit, no stack trace', async () => {
  const missing = await run(['simulate', '/nonexistent/train.py']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /^lr-preview: cannot read \/nonexistent\/train\.py \(ENOENT\)\n$/);
  const usage = await run(['simulate', join(FIXTURES, 'aliases.py'), '--format', 'xml']);
  assert.equal(usage.code, 2);
  assert.doesNotMatch(usage.err, /\n\s+at /);
  const noLine = await run(['simulate', join(FIXTURES, 'aliases.py'), '--line', '1']);
  assert.equal(noLine.code, 1);
  assert.match(noLine.err, /no scheduler call on line 1/);
  const bin = await run(['detect', process.execPath]);
  assert.equal(bin.code, 2);
});

test('simulate --metrics feeds ReduceLROnPlateau; non-finite floats become strings', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const f = join(mkdtempSync(join(tmpdir(), 'lrp-cli-')), 'p.py');
  writeFileSync(f, 'import torch\nfrom torch.optim.lr_scheduler import ReduceLROnPlateau\nopt = torch.optim.SGD([], lr=1.0)\ns = ReduceLROnPlateau(opt, patience=0, factor=0.5)\n');
  const r = await run(['simulate', f, '--steps', '4', '--metrics', '1,1,1,1']);
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out).schedulers[0];
  // patience=0: every non-improving step halves the LR (the first metric sets the best).
  assert.deepEqual(s.lrs, [[1], [1], [0.5], [0.25]]);
});
