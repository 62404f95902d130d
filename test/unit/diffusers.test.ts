// diffusers.optimization: catalog registration (own entries beside transformers', the real import
// paths), get_scheduler's dispatch rules, step_rules parsing, and the reader on a training script
// written like diffusers' examples/text_to_image/train_text_to_image.py (argparse defaults
// lr_scheduler="constant", lr_warmup_steps=500, accelerate multiplying the steps by num_processes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findEntry } from '../../src/schedulers/catalog';
import { simulate } from '../../src/schedulers/simulate';
import { HF_ENTRIES } from '../../src/schedulers/transformers';
import { DIFFUSERS_ENTRIES, diffusersIgnoredArgs, diffusersDispatchTarget, parseStepRules } from '../../src/schedulers/diffusers';
import { PyError, type PyValue, type OptimizerRef, type SchedulerRef } from '../../src/schedulers/pyvalue';
import { analyzeSource, toSchedulerRef, missingValues, type ArgValue } from '../../src/python/analyze';
import { ready } from './python-helpers';

const s = (v: string): PyValue => ({ t: 'str', v });
const i = (v: number): PyValue => ({ t: 'int', v });
const opt = (lr: number): OptimizerRef => ({ name: 'AdamW', id: 900, groups: [], defaults: { lr: { t: 'float', v: lr } } });
const ref = (name: string, args: Record<string, PyValue>, lr = 1e-4): SchedulerRef => ({ name, args, optimizer: opt(lr) });

test('registered as diffusers.<function> beside transformers’ entries, under the real import paths', () => {
  assert.equal(DIFFUSERS_ENTRIES.length, 8);
  for (const e of DIFFUSERS_ENTRIES) {
    const fn = e.name.replace(/^diffusers\./, '');
    assert.equal(e.framework, 'diffusers');
    assert.equal(findEntry(e.name), e);
    assert.equal(findEntry(`diffusers.optimization.${fn}`), e);
    // diffusers/__init__.py re-exports every schedule function but get_piecewise_constant_schedule
    if (fn === 'get_piecewise_constant_schedule') assert.deepEqual(e.qualifiedNames, [`diffusers.optimization.${fn}`]);
    else assert.deepEqual(e.qualifiedNames, [`diffusers.optimization.${fn}`, `diffusers.${fn}`]);
    for (const p of e.params) assert.ok(p.doc.length > 20, `${e.name}.${p.name} has a doc`);
  }
  // transformers keeps its bare names
  for (const e of HF_ENTRIES) assert.equal(findEntry(e.name)?.framework, 'transformers');
  assert.equal(findEntry('get_scheduler')?.framework, 'transformers');
  assert.deepEqual(findEntry('diffusers.get_scheduler')!.params.map((p) => p.name), ['name', 'optimizer', 'step_rules', 'num_warmup_steps', 'num_training_steps', 'num_cycles', 'power', 'last_epoch']);
});

test('get_scheduler: what each name reads, and what it does not', () => {
  assert.equal(diffusersDispatchTarget(s('piecewise_constant')), 'get_piecewise_constant_schedule');
  assert.equal(diffusersDispatchTarget({ t: 'opaque', source: 'diffusers.optimization.SchedulerType.POLYNOMIAL' }), 'get_polynomial_decay_schedule_with_warmup');
  assert.equal(diffusersDispatchTarget(s('inverse_sqrt')), null); // transformers only
  assert.deepEqual([...diffusersIgnoredArgs(s('constant'))].sort(), ['num_cycles', 'num_training_steps', 'num_warmup_steps', 'power', 'step_rules']);
  assert.deepEqual([...diffusersIgnoredArgs(s('cosine'))].sort(), ['num_cycles', 'power', 'step_rules']);
  assert.deepEqual([...diffusersIgnoredArgs(s('cosine_with_restarts'))].sort(), ['power', 'step_rules']);
  assert.deepEqual([...diffusersIgnoredArgs(s('polynomial'))].sort(), ['num_cycles', 'step_rules']);
  assert.deepEqual(diffusersIgnoredArgs(s('nope')).size, 0);

  // "cosine" never receives num_cycles: num_cycles=3 gives the same curve as the default half wave
  const a = simulate(ref('diffusers.get_scheduler', { name: s('cosine'), num_warmup_steps: i(5), num_training_steps: i(50), num_cycles: i(3) }), { steps: 60 });
  const b = simulate(ref('diffusers.get_cosine_schedule_with_warmup', { num_warmup_steps: i(5), num_training_steps: i(50) }), { steps: 60 });
  assert.deepEqual(Array.from(a.columns[0]), Array.from(b.columns[0]));
  assert.equal(a.columns[0][50], 0);
});

test('piecewise_constant: step_rules are absolute steps, parsed as int() / float() parse them', () => {
  const { rules, last } = parseStepRules(s('1:10,0.1:20,0.01:30,0.005'));
  assert.deepEqual([...rules], [[10, 1], [20, 0.1], [30, 0.01]]);
  assert.equal(last, 0.005);
  assert.deepEqual([...parseStepRules(s(' 1_0.5 : 1_0 , inf')).rules], [[10, 10.5]]);
  assert.equal(parseStepRules(s('-Infinity')).last, -Infinity);
  const err = (v: PyValue) => {
    try {
      parseStepRules(v);
    } catch (e) {
      return e instanceof PyError ? `${e.type}: ${e.message}` : String(e);
    }
    return 'no error';
  };
  assert.equal(err(s('1:0x10,0.1')), "ValueError: invalid literal for int() with base 10: '0x10'");
  assert.equal(err(s('1:10,1e')), "ValueError: could not convert string to float: '1e'");
  assert.equal(err(i(5)), "AttributeError: 'int' object has no attribute 'split'");
  const sch = simulate(ref('diffusers.get_piecewise_constant_schedule', { step_rules: s('1:3,0.5:6,0.25') }, 0.2), { steps: 8 });
  assert.deepEqual(Array.from(sch.columns[0]), [0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05]);
  assert.deepEqual(sch.events.map((e) => [e.step, e.kind]), [[3, 'milestone'], [6, 'milestone']]);
  assert.match(sch.explain(4).text, /0\.5 × base LR until step 6/);
});

// ---- the reader on a diffusers training script --------------------------------------------------

/** Written like diffusers' examples/text_to_image/train_text_to_image.py (abridged). */
const TRAIN_TEXT_TO_IMAGE = `import argparse
import logging
import math
import os

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from accelerate.logging import get_logger
from accelerate.utils import ProjectConfiguration, set_seed
from transformers import CLIPTextModel, CLIPTokenizer

import diffusers
from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
from diffusers.optimization import get_scheduler
from diffusers.training_utils import EMAModel

logger = get_logger(__name__, log_level="INFO")


def parse_args():
    parser = argparse.ArgumentParser(description="Fine-tune a text-to-image model.")
    parser.add_argument("--pretrained_model_name_or_path", type=str, default=None, required=True)
    parser.add_argument("--output_dir", type=str, default="sd-model-finetuned")
    parser.add_argument("--train_batch_size", type=int, default=16, help="Batch size (per device).")
    parser.add_argument("--num_train_epochs", type=int, default=100)
    parser.add_argument(
        "--max_train_steps",
        type=int,
        default=None,
        help="Total number of training steps to perform. If provided, overrides num_train_epochs.",
    )
    parser.add_argument("--gradient_accumulation_steps", type=int, default=1)
    parser.add_argument("--learning_rate", type=float, default=1e-4, help="Initial learning rate (after the warmup).")
    parser.add_argument("--scale_lr", action="store_true", default=False)
    parser.add_argument(
        "--lr_scheduler",
        type=str,
        default="constant",
        help=(
            'The scheduler type to use. Choose between ["linear", "cosine", "cosine_with_restarts", "polynomial",'
            ' "constant", "constant_with_warmup"]'
        ),
    )
    parser.add_argument("--lr_warmup_steps", type=int, default=500, help="Number of steps for the warmup in the lr scheduler.")
    parser.add_argument("--adam_beta1", type=float, default=0.9)
    parser.add_argument("--adam_beta2", type=float, default=0.999)
    parser.add_argument("--adam_weight_decay", type=float, default=1e-2)
    parser.add_argument("--adam_epsilon", type=float, default=1e-08)
    parser.add_argument("--max_grad_norm", default=1.0, type=float)
    args = parser.parse_args()
    return args


def main():
    args = parse_args()
    accelerator = Accelerator(gradient_accumulation_steps=args.gradient_accumulation_steps, mixed_precision="fp16")

    noise_scheduler = DDPMScheduler.from_pretrained(args.pretrained_model_name_or_path, subfolder="scheduler")
    unet = UNet2DConditionModel.from_pretrained(args.pretrained_model_name_or_path, subfolder="unet")

    if args.scale_lr:
        args.learning_rate = (
            args.learning_rate * args.gradient_accumulation_steps * args.train_batch_size * accelerator.num_processes
        )

    optimizer = torch.optim.AdamW(
        unet.parameters(),
        lr=args.learning_rate,
        betas=(args.adam_beta1, args.adam_beta2),
        weight_decay=args.adam_weight_decay,
        eps=args.adam_epsilon,
    )

    train_dataloader = torch.utils.data.DataLoader(train_dataset, shuffle=True, batch_size=args.train_batch_size)

    # Scheduler and math around the number of training steps.
    overrode_max_train_steps = False
    num_update_steps_per_epoch = math.ceil(len(train_dataloader) / args.gradient_accumulation_steps)
    if args.max_train_steps is None:
        args.max_train_steps = args.num_train_epochs * num_update_steps_per_epoch
        overrode_max_train_steps = True

    lr_scheduler = get_scheduler(
        args.lr_scheduler,
        optimizer=optimizer,
        num_warmup_steps=args.lr_warmup_steps * accelerator.num_processes,
        num_training_steps=args.max_train_steps * accelerator.num_processes,
    )

    unet, optimizer, train_dataloader, lr_scheduler = accelerator.prepare(unet, optimizer, train_dataloader, lr_scheduler)

    for epoch in range(first_epoch, args.num_train_epochs):
        train_loss = 0.0
        for step, batch in enumerate(train_dataloader):
            with accelerator.accumulate(unet):
                model_pred = unet(batch["pixel_values"]).sample
                loss = F.mse_loss(model_pred.float(), batch["target"].float(), reduction="mean")
                accelerator.backward(loss)
                if accelerator.sync_gradients:
                    accelerator.clip_grad_norm_(unet.parameters(), args.max_grad_norm)
                optimizer.step()
                lr_scheduler.step()
                optimizer.zero_grad()


if __name__ == "__main__":
    main()
`;

const value = (a: ArgValue | undefined): PyValue => {
  assert.ok(a && 'value' in a, `resolved, got ${JSON.stringify(a)}`);
  return a.value;
};

function detectTextToImage(text = TRAIN_TEXT_TO_IMAGE) {
  const r = analyzeSource(text);
  assert.deepEqual(r.schedulers.map((c) => c.name), ['diffusers.get_scheduler']);
  return r.schedulers[0];
}

test('train_text_to_image-style script: get_scheduler(args.lr_scheduler, ...) found as diffusers’, its arguments resolved', async () => {
  await ready;
  const call = detectTextToImage();
  assert.equal(call.framework, 'diffusers');
  assert.equal(call.qualifiedName, 'diffusers.optimization.get_scheduler');
  assert.equal(call.range.start.line, TRAIN_TEXT_TO_IMAGE.split('\n').findIndex((l) => l.includes('lr_scheduler = get_scheduler(')));
  assert.deepEqual(value(call.args.name), s('constant')); // --lr_scheduler default
  assert.deepEqual(value(call.args.step_rules), { t: 'none' });
  assert.deepEqual(value(call.args.num_cycles), i(1));
  assert.deepEqual(call.optimizer?.lrs, [1e-4]); // --learning_rate default (scale_lr is False)
  assert.equal(call.stepping.unit, 'per-batch');
  // What only the run knows: accelerator.num_processes, len(train_dataloader).
  for (const k of ['num_warmup_steps', 'num_training_steps'] as const) assert.ok('unresolved' in call.args[k], `${k} unresolved`);
  assert.equal((call.args.num_warmup_steps as { source: string }).source, 'args.lr_warmup_steps * accelerator.num_processes');
  assert.equal((call.args.num_training_steps as { source: string }).source, 'args.max_train_steps * accelerator.num_processes');
  assert.equal(call.bindError, undefined);

  // Supplied (2 processes, 10 000 updates): "constant" keeps 1e-4 — the 500-step warmup is ignored.
  const sch = simulate(toSchedulerRef(call, { args: { num_warmup_steps: i(1000), num_training_steps: i(20000) } }), { steps: 5 });
  assert.equal(sch.error, null);
  assert.deepEqual(Array.from(sch.columns[0]), [1e-4, 1e-4, 1e-4, 1e-4, 1e-4]);

  // --lr_scheduler="cosine": the same call, a warmup over 1000 scheduler steps then a half cosine.
  const cosine = detectTextToImage(TRAIN_TEXT_TO_IMAGE.replace('default="constant"', 'default="cosine"'));
  assert.deepEqual(value(cosine.args.name), s('cosine'));
  const c = simulate(toSchedulerRef(cosine, { args: { num_warmup_steps: i(1000), num_training_steps: i(20000) } }), { steps: 20001 });
  assert.equal(c.error, null);
  assert.equal(c.columns[0][0], 0);
  assert.equal(c.columns[0][1000], 1e-4);
  assert.ok(Math.abs(c.columns[0][10500] - 0.5e-4) < 1e-18);
  assert.ok(c.columns[0][20000] < 1e-20);
});

test('train_text_to_image-style script, "constant": nothing to supply, get_scheduler("constant") reads neither step count', async () => {
  await ready;
  const call = detectTextToImage();
  assert.deepEqual(missingValues(call), []);
  const sch = simulate(toSchedulerRef(call), { steps: 3 });
  assert.deepEqual(Array.from(sch.columns[0]), [1e-4, 1e-4, 1e-4]);
  assert.ok(call.diagnostics.some((d) => /does not use num_warmup_steps/.test(d.message)));
});

test('imports: top-level diffusers exports detected, get_piecewise_constant_schedule only from diffusers.optimization', async () => {
  await ready;
  const text = `import torch
import diffusers
from diffusers import get_cosine_schedule_with_warmup as cosine
from diffusers.optimization import get_piecewise_constant_schedule, SchedulerType
model = torch.nn.Linear(4, 2)
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
a = cosine(optimizer, 10, 100)
b = diffusers.get_scheduler("linear", optimizer, num_warmup_steps=10, num_training_steps=100)
c = diffusers.optimization.get_scheduler(SchedulerType.COSINE_WITH_RESTARTS, optimizer, num_warmup_steps=5, num_training_steps=50, num_cycles=2)
d = get_piecewise_constant_schedule(optimizer, "1:10,0.1")
e = diffusers.get_piecewise_constant_schedule(optimizer, "1:10,0.1")
`;
  const r = analyzeSource(text);
  assert.deepEqual(
    r.schedulers.map((c) => [c.variable, c.name, c.qualifiedName, c.framework]),
    [
      ['a', 'diffusers.get_cosine_schedule_with_warmup', 'diffusers.get_cosine_schedule_with_warmup', 'diffusers'],
      ['b', 'diffusers.get_scheduler', 'diffusers.get_scheduler', 'diffusers'],
      ['c', 'diffusers.get_scheduler', 'diffusers.optimization.get_scheduler', 'diffusers'],
      ['d', 'diffusers.get_piecewise_constant_schedule', 'diffusers.optimization.get_piecewise_constant_schedule', 'diffusers'],
    ],
  );
  const c = simulate(toSchedulerRef(r.schedulers[2]), { steps: 51 });
  assert.equal(c.error, null);
  assert.deepEqual(c.events.filter((e) => e.kind === 'restart').map((e) => e.step), [28]); // 5 + 45 / 2, rounded up
});
