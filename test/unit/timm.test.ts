// timm.scheduler: catalog registration under the real import paths, and the reader on code written
// like timm's train.py (argparse defaults, `create_scheduler(args, optimizer)` and
// `create_scheduler_v2(optimizer, **scheduler_kwargs(args), updates_per_epoch=…)` returning a tuple,
// `lr_scheduler.step(epoch + 1, metric)` in the epoch loop after a resume step) and on a direct
// CosineLRScheduler call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findEntry } from '../../src/schedulers/catalog';
import { simulate } from '../../src/schedulers/simulate';
import { TIMM_ENTRIES } from '../../src/schedulers/timm';
import type { PyValue } from '../../src/schedulers/pyvalue';
import { analyzeSource, toSchedulerRef, missingValues, type ArgValue } from '../../src/python/analyze';
import { ready } from './python-helpers';

const val = (a: ArgValue | undefined): PyValue | undefined => (a && 'value' in a ? a.value : undefined);

test('registered as framework timm under timm.scheduler and its modules', () => {
  assert.equal(TIMM_ENTRIES.length, 8);
  for (const e of TIMM_ENTRIES) {
    assert.equal(e.framework, 'timm');
    assert.equal(findEntry(e.name), e);
    for (const q of e.qualifiedNames) assert.equal(findEntry(q), e);
    for (const p of e.params) assert.ok(p.doc.length > 20, `${e.name}.${p.name} has a doc`);
  }
  assert.equal(findEntry('timm.scheduler.cosine_lr.CosineLRScheduler')?.name, 'CosineLRScheduler');
  assert.equal(findEntry('timm.scheduler.scheduler_factory.create_scheduler_v2')?.name, 'create_scheduler_v2');
  // torch's own names are untouched
  assert.equal(findEntry('StepLR')?.framework, 'torch');
});

const ARGPARSE = `
import argparse
import torch
from timm.scheduler import create_scheduler, create_scheduler_v2, scheduler_kwargs

parser = argparse.ArgumentParser(description='PyTorch ImageNet Training')
group = parser.add_argument_group('Learning rate schedule parameters')
group.add_argument('--sched', default='cosine', type=str, metavar='SCHEDULER')
group.add_argument('--lr', type=float, default=0.05, metavar='LR')
group.add_argument('--lr-noise', type=float, nargs='+', default=None, metavar='pct, pct')
group.add_argument('--lr-cycle-decay', type=float, default=0.5, metavar='MULT')
group.add_argument('--lr-cycle-limit', type=int, default=1, metavar='N')
group.add_argument('--warmup-lr', type=float, default=0.0001, metavar='LR')
group.add_argument('--min-lr', type=float, default=1e-6, metavar='LR')
group.add_argument('--epochs', type=int, default=300, metavar='N')
group.add_argument('--start-epoch', default=None, type=int, metavar='N')
group.add_argument('--decay-epochs', type=float, default=100, metavar='N')
group.add_argument('--warmup-epochs', type=int, default=3, metavar='N')
group.add_argument('--cooldown-epochs', type=int, default=10, metavar='N')
group.add_argument('--decay-rate', '--dr', type=float, default=0.1, metavar='RATE')
group.add_argument('--eval-metric', default='top1', type=str, metavar='EVAL_METRIC')
`;

const TRAIN_V1 = `${ARGPARSE}
def main():
    args = parser.parse_args()
    model = create_model(args.model)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)

    # setup learning rate schedule and starting epoch
    lr_scheduler, num_epochs = create_scheduler(args, optimizer)
    start_epoch = 0
    if args.start_epoch is not None:
        start_epoch = args.start_epoch
    if lr_scheduler is not None and start_epoch > 0:
        lr_scheduler.step(start_epoch)

    for epoch in range(start_epoch, num_epochs):
        train_metrics = train_one_epoch(epoch, model, loader_train, optimizer, args, lr_scheduler=lr_scheduler)
        eval_metrics = validate(model, loader_eval, args)
        if lr_scheduler is not None:
            # step LR for next epoch
            lr_scheduler.step(epoch + 1, eval_metrics[eval_metric])


def train_one_epoch(epoch, model, loader, optimizer, args, lr_scheduler=None):
    num_updates = epoch * len(loader)
    for batch_idx, (input, target) in enumerate(loader):
        loss = model(input)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        num_updates += 1
        if lr_scheduler is not None:
            lr_scheduler.step_update(num_updates=num_updates, metric=loss)
`;

test('train.py (create_scheduler(args, optimizer)): found as timm, args read from argparse defaults, stepped per epoch', async () => {
  await ready;
  const r = analyzeSource(TRAIN_V1);
  assert.equal(r.schedulers.length, 1);
  const sc = r.schedulers[0];
  assert.equal(sc.name, 'create_scheduler');
  assert.equal(sc.framework, 'timm');
  assert.equal(sc.variable, 'lr_scheduler');
  const ns = val(sc.args.args);
  assert.ok(ns && ns.t === 'dict', 'the namespace resolved');
  const get = (k: string) => ns.entries.find(([a]) => a.t === 'str' && a.v === k)?.[1];
  assert.deepEqual(get('sched'), { t: 'str', v: 'cosine' });
  assert.deepEqual(get('epochs'), { t: 'int', v: 300 });
  assert.deepEqual(get('warmup_epochs'), { t: 'int', v: 3 });
  assert.deepEqual(get('lr_cycle_decay'), { t: 'float', v: 0.5 });
  assert.equal(get('lr_k_decay'), undefined, 'not an argument of this script: getattr default');
  assert.deepEqual(sc.optimizer?.lrs, [0.05]);
  assert.equal(sc.stepping.unit, 'per-epoch');
  assert.equal(sc.stepping.withArgument, true);
  assert.deepEqual(missingValues(sc), []);
  // The schedule: warmup from 1e-4 over 3 epochs, cosine from 0.05 to 1e-6 at epoch 300.
  const s = simulate(toSchedulerRef(sc), { steps: 311 });
  assert.equal(s.error, null);
  assert.equal(s.lrs[0][0], 0.0001);
  // warmup_prefix=False: the warmup is part of the cosine, which at epoch 3 is already 3/300 along
  assert.ok(Math.abs(s.lrs[3][0] - (1e-6 + 0.5 * (0.05 - 1e-6) * (1 + Math.cos((Math.PI * 3) / 300)))) < 1e-15);
  assert.equal(s.lrs[300][0], 1e-6);
  assert.equal(s.lrs[310][0], 1e-6);
  assert.match(s.explain(1).text, /warmup/);
  assert.match(s.explain(100).text, /cosine, cycle 1/);
});

test('create_scheduler_v2(optimizer, **scheduler_kwargs(args), updates_per_epoch=len(loader)): resolves, updates_per_epoch not needed per epoch', async () => {
  await ready;
  const src = `${ARGPARSE}
args = parser.parse_args()
optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
updates_per_epoch = len(loader_train)
lr_scheduler, num_epochs = create_scheduler_v2(
    optimizer,
    **scheduler_kwargs(args, decreasing_metric=False),
    updates_per_epoch=updates_per_epoch,
)
for epoch in range(0, num_epochs):
    for batch in loader_train:
        optimizer.step()
    lr_scheduler.step(epoch + 1)
`;
  const sc = analyzeSource(src).schedulers[0];
  assert.equal(sc.name, 'create_scheduler_v2');
  assert.equal(sc.framework, 'timm');
  assert.deepEqual(val(sc.args.num_epochs), { t: 'int', v: 300 });
  assert.deepEqual(val(sc.args.sched), { t: 'str', v: 'cosine' });
  assert.deepEqual(val(sc.args.cycle_decay), { t: 'float', v: 0.5 });
  assert.ok('unresolved' in sc.args.updates_per_epoch!);
  assert.deepEqual(missingValues(sc), [], 'step_on_epochs=True never reads updates_per_epoch');
  assert.equal(sc.stepping.unit, 'per-epoch');
  const s = simulate(toSchedulerRef(sc), { steps: 305 });
  assert.equal(s.error, null);
  assert.equal(s.lrs[0][0], 0.0001);
  assert.equal(s.lrs[304][0], 1e-6);
});

test('a direct CosineLRScheduler call: arguments, per-epoch stepping, restarts as events', async () => {
  await ready;
  const src = `
import torch
from timm.scheduler.cosine_lr import CosineLRScheduler

epochs = 60
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = CosineLRScheduler(optimizer, t_initial=epochs // 3, lr_min=1e-6, warmup_t=5, warmup_lr_init=1e-5,
                              cycle_limit=3, cycle_decay=0.5, t_in_epochs=True)
for epoch in range(epochs):
    for images, labels in train_loader:
        optimizer.step()
    scheduler.step(epoch + 1)
`;
  const sc = analyzeSource(src).schedulers[0];
  assert.equal(sc.name, 'CosineLRScheduler');
  assert.equal(sc.framework, 'timm');
  assert.deepEqual(val(sc.args.t_initial), { t: 'int', v: 20 });
  assert.deepEqual(val(sc.args.k_decay), { t: 'float', v: 1.0 });
  assert.equal(sc.stepping.unit, 'per-epoch');
  assert.equal(sc.stepping.steps, 60);
  assert.equal(sc.bindError, undefined);
  const s = simulate(toSchedulerRef(sc), { steps: 60 });
  assert.equal(s.error, null);
  assert.equal(s.lrs[0][0], 1e-5);
  assert.deepEqual(s.events.filter((e) => e.kind === 'restart').map((e) => e.step), [20, 40]);
  assert.ok(Math.abs(s.lrs[20][0] - 0.05) < 1e-12, 'cycle 2 peaks at base LR × cycle_decay');
  // The class's own TypeError, as Python words it for __init__.
  const bad = analyzeSource(src.replace('cycle_limit=3', 'T_max=3')).schedulers[0];
  assert.deepEqual(bad.bindError, { type: 'TypeError', message: "CosineLRScheduler.__init__() got an unexpected keyword argument 'T_max'" });
});

test('noise: previewed without it, and the explanation says so', () => {
  const ref = { name: 'CosineLRScheduler', args: { t_initial: { t: 'int', v: 10 } as PyValue, noise_range_t: { t: 'list', items: [{ t: 'int', v: 2 }, { t: 'int', v: 5 }] } as PyValue }, optimizer: { name: 'SGD', id: 1, groups: [], defaults: { lr: { t: 'float', v: 0.1 } as PyValue } } };
  const s = simulate(ref, { steps: 8 });
  assert.match(s.explain(3).text, /without noise/);
  assert.doesNotMatch(s.explain(6).text, /noise/);
});

test('create_scheduler_v2 with a misspelt sched: None, the LR never changes', () => {
  const ref = { name: 'create_scheduler_v2', args: { sched: { t: 'str', v: 'cosin' } as PyValue }, optimizer: { name: 'SGD', id: 2, groups: [], defaults: { lr: { t: 'float', v: 0.1 } as PyValue } } };
  const s = simulate(ref, { steps: 5 });
  assert.deepEqual(s.lrs.map((r) => r[0]), [0.1, 0.1, 0.1, 0.1, 0.1]);
  assert.match(s.explain(2).text, /returns None/);
});
