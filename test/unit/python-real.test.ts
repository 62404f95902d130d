// Excerpts of real open-source training scripts (test/fixtures/python/real/, each attributed in its
// header): which schedulers `detect` finds, on which line, which arguments resolve to which values
// (read off the script and Python's rules: argparse defaults, parameter defaults, `self.x = ...`),
// which stay unresolved, how they are stepped, and that nothing else is detected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyzeSource, toSchedulerRef, type SchedulerCall, type ArgValue } from '../../src/python/analyze';
import { simulate } from '../../src/schedulers/simulate';
import type { PyValue, PyFunction } from '../../src/schedulers/pyvalue';
import { main } from '../../src/cli';
import { fixture, ready, FIXTURES } from './python-helpers';

const real = (name: string) => fixture(`real/${name}`);
/** 0-based line of the first line containing `needle` (from the fixture text itself). */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `fixture contains ${needle}`);
  return i;
}
function value(a: ArgValue | undefined): PyValue {
  assert.ok(a, 'argument present');
  assert.ok('value' in a, `resolved, got ${JSON.stringify(a)}`);
  return a.value;
}
const n = (a: ArgValue | undefined): number => {
  const v = value(a);
  assert.ok(v.t === 'int' || v.t === 'float', `number, got ${JSON.stringify(v)}`);
  return v.v as number;
};
function unresolved(a: ArgValue | undefined, source: string): void {
  assert.ok(a && 'unresolved' in a, `unresolved, got ${JSON.stringify(a)}`);
  assert.equal(a.source, source);
}
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${a} ≈ ${b}`);
function only(text: string, names: string[]): SchedulerCall[] {
  const r = analyzeSource(text);
  assert.deepEqual(r.schedulers.map((s) => s.name), names);
  return r.schedulers;
}

test('pytorch/examples mnist: StepLR(optimizer, step_size=1, gamma=args.gamma), stepped per epoch', async () => {
  await ready;
  const text = real('pytorch_examples_mnist.py');
  const [s] = only(text, ['StepLR']);
  assert.equal(s.range.start.line, lineOf(text, 'scheduler = StepLR('));
  assert.equal(s.qualifiedName, 'torch.optim.lr_scheduler.StepLR');
  assert.equal(n(s.args.step_size), 1);
  assert.equal(n(s.args.gamma), 0.7); // --gamma default=0.7
  assert.equal(s.optimizer?.name, 'Adadelta');
  assert.deepEqual(s.optimizer?.lrs, [1.0]); // --lr default=1.0
  assert.equal(s.stepping.unit, 'per-epoch');
  assert.equal(s.stepping.steps, 3); // range(1, args.epochs + 1) with --epochs default=3
  const sch = simulate(toSchedulerRef(s), { steps: 3 });
  assert.deepEqual(sch.lrs.map((r) => r[0]).map((x) => Number(x.toFixed(12))), [1, 0.7, 0.49]);
});

test('facebookresearch/detr: positional StepLR(optimizer, args.lr_drop), AdamW param groups with their own lr', async () => {
  await ready;
  const text = real('detr_main.py');
  const [s] = only(text, ['StepLR']);
  assert.equal(s.range.start.line, lineOf(text, 'lr_scheduler = torch.optim.lr_scheduler.StepLR('));
  assert.equal(n(s.args.step_size), 200);
  assert.equal(n(s.args.gamma), 0.1);
  assert.equal((s.args.gamma as { default?: true }).default, true);
  assert.equal(s.optimizer?.name, 'AdamW');
  assert.deepEqual(s.optimizer?.lrs, [1e-4, 1e-5]); // group 0 takes lr=args.lr, group 1 its "lr": args.lr_backbone
  assert.equal(s.stepping.unit, 'per-epoch');
  // range(args.start_epoch, args.epochs): start_epoch is only reassigned under `if args.resume:`,
  // and --resume defaults to '' (falsy), so it stays 0.
  assert.equal(s.stepping.steps, 300);
});

test('pytorch/vision classification: every branch scheduler, SequentialLR, stepping through the lr_scheduler alias', async () => {
  await ready;
  const text = real('torchvision_classification_train.py');
  const calls = only(text, ['StepLR', 'CosineAnnealingLR', 'ExponentialLR', 'LinearLR', 'ConstantLR', 'SequentialLR']);
  const [step, cos, exp, lin, cst, seq] = calls;
  assert.equal(step.range.start.line, lineOf(text, 'lr_scheduler.StepLR('));
  assert.equal(n(step.args.step_size), 30);
  assert.equal(n(step.args.gamma), 0.1);
  assert.equal(n(cos.args.T_max), 90); // args.epochs - args.lr_warmup_epochs = 90 - 0
  assert.equal(n(exp.args.gamma), 0.1);
  assert.equal(n(lin.args.start_factor), 0.01);
  assert.equal(n(lin.args.total_iters), 0);
  assert.equal(n(cst.args.factor), 0.01);
  assert.deepEqual(value(seq.args.milestones), { t: 'list', items: [{ t: 'int', v: 0 }] });
  for (const c of calls) assert.deepEqual(c.optimizer?.lrs, [0.1], c.name); // every optimizer branch uses lr=args.lr
  // `lr_scheduler = main_lr_scheduler` (else branch) is what the epoch loop steps.
  for (const c of [step, cos, exp, seq]) assert.equal(c.stepping.unit, 'per-epoch', c.name);
  assert.equal(seq.stepping.steps, 90);
});

test('transformers run_glue_no_trainer: get_scheduler with argparse values; max_train_steps reassigned from len(dataloader)', async () => {
  await ready;
  const text = real('hf_run_glue_no_trainer.py');
  const [s] = only(text, ['get_scheduler']);
  assert.equal(s.framework, 'transformers');
  assert.equal(s.range.start.line, lineOf(text, 'lr_scheduler = get_scheduler('));
  assert.deepEqual(value(s.args.name), { t: 'str', v: 'linear' });
  assert.equal(n(s.args.num_warmup_steps), 0);
  // --max_train_steps defaults to None, then `if args.max_train_steps is None:` sets it from len(train_dataloader).
  unresolved(s.args.num_training_steps, 'args.max_train_steps');
  // transformers.AdamW, passed through accelerator.prepare(...): two groups at --learning_rate 5e-5.
  assert.equal(s.optimizer?.name, 'AdamW');
  assert.deepEqual(s.optimizer?.lrs, [5e-5, 5e-5]);
  // Stepped inside `if step % args.gradient_accumulation_steps == 0 ...` in the batch loop: per optimizer update.
  assert.equal(s.stepping.unit, 'per-batch');
});

test('ultralytics/yolov5: lr_scheduler.LambdaLR(optimizer, lr_lambda=lf) with hyp from YAML stays unresolved', async () => {
  await ready;
  const text = real('yolov5_train.py');
  const [s] = only(text, ['LambdaLR']);
  assert.equal(s.qualifiedName, 'torch.optim.lr_scheduler.LambdaLR'); // `from torch.optim import ..., lr_scheduler`
  assert.equal(s.range.start.line, lineOf(text, 'scheduler = lr_scheduler.LambdaLR('));
  unresolved(s.args.lr_lambda, 'lf');
  assert.equal(s.optimizer?.name, 'SGD');
  // lr=hyp['lr0'] comes from yaml.safe_load; two add_param_group() calls make three groups
  assert.deepEqual(s.optimizer?.lrs, [null, null, null]);
  assert.ok(s.optimizer?.unresolved.length);
  assert.equal(s.stepping.unit, 'per-epoch'); // after the batch loop, inside the epoch loop
  assert.equal(s.stepping.steps, 300); // range(start_epoch=0, epochs=opt.epochs), --epochs default 300
});

test('Lightning imagenet: self.lr set in __init__ from a parameter default; configure_optimizers → per epoch', async () => {
  await ready;
  const text = real('lightning_imagenet.py');
  const [s] = only(text, ['LambdaLR']);
  assert.equal(s.range.start.line, lineOf(text, 'scheduler = lr_scheduler.LambdaLR('));
  assert.equal(s.optimizer?.name, 'SGD');
  assert.deepEqual(s.optimizer?.lrs, [0.1]); // lr: float = 0.1
  assert.deepEqual(s.optimizer?.momentum, [0.9]);
  const f = value(s.args.lr_lambda) as PyFunction;
  assert.equal(f.t, 'func');
  assert.deepEqual(f.call([{ t: 'int', v: 0 }]), { t: 'float', v: 1 }); // 0.1 ** (0 // 30): a float
  close((f.call([{ t: 'int', v: 30 }]) as { v: number }).v, 0.1);
  // No "interval" in the returned config: Lightning steps it once per epoch.
  assert.equal(s.stepping.unit, 'per-epoch');
});

test('transformers lightning_base: self.opt / self.hparams across methods, stepped in optimizer_step', async () => {
  await ready;
  const text = real('hf_lightning_base.py');
  const [s] = only(text, ['get_linear_schedule_with_warmup']);
  assert.equal(s.range.start.line, lineOf(text, 'scheduler = get_linear_schedule_with_warmup('));
  assert.equal(n(s.args.num_warmup_steps), 500); // self.hparams.warmup_steps → --warmup_steps default 500
  unresolved(s.args.num_training_steps, 't_total'); // len(dataloader.dataset)
  assert.equal(s.optimizer?.name, 'AdamW'); // self.opt = optimizer in configure_optimizers
  assert.deepEqual(s.optimizer?.lrs, [5e-5, 5e-5]);
  // self.lr_scheduler = scheduler; self.lr_scheduler.step() in Lightning's optimizer_step hook.
  assert.equal(s.stepping.unit, 'per-batch');
});

test('nanoGPT: a hand-written get_lr(it) is not a scheduler', async () => {
  await ready;
  const r = analyzeSource(real('nanogpt_train.py'));
  assert.deepEqual(r.schedulers, []);
  assert.deepEqual(r.getLrCalls, []);
  assert.deepEqual(r.diagnostics, []);
});

test('timm: its own schedulers are not torch\'s; the ReduceLROnPlateau PlateauLRScheduler wraps is', async () => {
  await ready;
  // timm's own factory is timm's (test/unit/timm.test.ts), never a torch scheduler
  assert.deepEqual(analyzeSource(real('timm_train.py')).schedulers.map((s) => [s.name, s.framework]), [['create_scheduler', 'timm']]);
  const text = real('timm_plateau_lr.py');
  const [s] = only(text, ['ReduceLROnPlateau']);
  assert.equal(s.range.start.line, lineOf(text, 'torch.optim.lr_scheduler.ReduceLROnPlateau('));
  assert.equal(s.variable, 'self.lr_scheduler');
  // Values are __init__'s parameter defaults.
  assert.deepEqual(value(s.args.mode), { t: 'str', v: 'max' });
  assert.equal(n(s.args.factor), 0.1);
  assert.equal(n(s.args.patience), 10);
  assert.equal(n(s.args.threshold), 1e-4);
  assert.equal(n(s.args.cooldown), 0);
  assert.equal(n(s.args.min_lr), 0);
  // verbose= is gone from ReduceLROnPlateau in PyTorch 2.7: TypeError at construction.
  assert.equal(s.bindError?.type, 'TypeError');
  assert.match(s.bindError!.message, /unexpected keyword argument 'verbose'/);
  assert.ok(s.diagnostics.some((d) => d.code === 'verbose-removed'));
  unresolved(s.args.optimizer, 'self.optimizer'); // set by timm's Scheduler base class, not in this file
  assert.equal(s.stepping.withArgument, true); // self.lr_scheduler.step(metric, epoch)
});

test('TrainingArguments (Pancake): the Trainer\'s linear schedule; num_train_epochs needs batches per epoch', async () => {
  await ready;
  const text = real('pancake_trainer.py');
  const [s] = only(text, ['get_linear_schedule_with_warmup']); // lr_scheduler_type defaults to "linear"
  assert.equal(s.framework, 'transformers');
  assert.equal(s.qualifiedName, 'transformers.TrainingArguments');
  assert.equal(s.range.start.line, lineOf(text, 'training_args = TrainingArguments('));
  assert.equal(n(s.args.learning_rate), 2e-5);
  assert.equal(n(s.args.gradient_accumulation_steps), 4);
  assert.equal(n(s.args.num_train_epochs), 3);
  const nts = s.args.num_training_steps;
  assert.ok(nts && 'unresolved' in nts && nts.needs?.includes('batches_per_epoch'));
  assert.deepEqual(s.optimizer?.lrs, [2e-5]);
  assert.equal(s.stepping.unit, 'per-batch');
  // With 10 batches per epoch: ceil(10 / 4) = 3 updates per epoch × 3 epochs = 9 steps, no warmup.
  const ref = toSchedulerRef(s, { args: { batches_per_epoch: { t: 'int', v: 10 } } });
  const sch = simulate(ref, { steps: 9 });
  close(sch.lrs[0][0], 2e-5);
  close(sch.lrs[1][0], 2e-5 * 8 / 9);
});

test('trl SFTConfig (Gemma3N): max_steps=60, warmup_steps=5 resolve to the whole schedule', async () => {
  await ready;
  const text = real('gemma3n_sft_config.py');
  const [s] = only(text, ['get_linear_schedule_with_warmup']);
  assert.equal(s.qualifiedName, 'trl.SFTConfig');
  assert.equal(n(s.args.max_steps), 60);
  assert.equal(n(s.args.warmup_steps), 5);
  assert.equal(n(s.args.num_training_steps), 60);
  assert.equal(n(s.args.num_warmup_steps), 5);
  assert.equal(s.stepping.steps, 60);
  const sch = simulate(toSchedulerRef(s), { steps: 60 });
  close(sch.lrs[0][0], 0);
  close(sch.lrs[1][0], 2e-4 / 5);
  close(sch.lrs[5][0], 2e-4);
  close(sch.lrs[6][0], 2e-4 * 54 / 55);
});

test('simulate --format json carries each scheduler\'s framework', async () => {
  for (const [file, framework] of [['gemma3n_sft_config.py', 'transformers'], ['pytorch_examples_mnist.py', 'torch']]) {
    let out = '';
    const code = await main(['simulate', join(FIXTURES, 'real', file), '--format', 'json'], (s) => { out += s; }, () => {});
    assert.equal(code, 0);
    assert.equal(JSON.parse(out).schedulers[0].framework, framework);
  }
});

test('a project\'s own SFTConfig / TrainingArguments class is not transformers\' (provenance from imports)', async () => {
  await ready;
  const text = [
    'from dataclasses import dataclass',
    '@dataclass',
    'class SFTConfig:',
    '    learning_rate: float = 3e-4',
    '    warmup_steps: int = 100',
    'cfg = SFTConfig(learning_rate=1e-4)',
    'from .config import TrainingArguments',
    'args = TrainingArguments(max_steps=10)',
  ].join('\n');
  assert.deepEqual(analyzeSource(text).schedulers, []);
});
