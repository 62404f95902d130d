// Patterns of real training scripts found by auditing `detect` on open-source code (pytorch/examples,
// accelerate and transformers examples, Kaggle starters, Lightning modules). Expected values are
// read off the Python: what the script really passes when run with its defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, toSchedulerRef, PythonDocument, type SchedulerCall, type ArgValue } from '../../src/python/analyze';
import { simulate } from '../../src/schedulers/simulate';
import { repr } from '../../src/schedulers/pyvalue';
import { ready } from './python-helpers';

function only(src: string, name?: string): SchedulerCall {
  const all = analyzeSource(src).schedulers.filter((s) => !name || s.name === name);
  assert.equal(all.length, 1, `one ${name ?? 'scheduler'}, got ${all.map((s) => s.name).join(', ')}`);
  return all[0];
}
function num(a: ArgValue | undefined): number {
  assert.ok(a && 'value' in a, `resolved, got ${JSON.stringify(a)}`);
  const v = a.value;
  assert.ok(v.t === 'int' || v.t === 'float', `number, got ${JSON.stringify(v)}`);
  return v.v as number;
}

test('an optimizer keyword the scheduler never reads (weight_decay=params.wd) does not block the preview', async () => {
  await ready;
  const sc = only(`import torch
from torch.optim.lr_scheduler import StepLR
def build(model, params):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=params.wd, eps=params.eps)
    return StepLR(optimizer, step_size=10)
`);
  assert.deepEqual(sc.optimizer?.lrs, [1e-3]);
  const s = simulate(toSchedulerRef(sc), { steps: 25 });
  assert.equal(s.error, null);
  assert.equal(s.columns[0][9], 1e-3);
  assert.equal(s.columns[0][10], 1e-3 * 0.1);
  // an unknown learning rate still does
  const unknownLr = only(`import torch
from torch.optim.lr_scheduler import StepLR
def build(model, params):
    optimizer = torch.optim.Adam(model.parameters(), lr=params.lr)
    return StepLR(optimizer, step_size=10)
`);
  assert.throws(() => toSchedulerRef(unknownLr), /lr/);
});

test('scheduler.step() inside a function the scheduler is passed to (positionally or by keyword)', async () => {
  await ready;
  for (const call of ['train_one_epoch(model, train_loader, optimizer, scheduler)', 'train_one_epoch(model, train_loader, optimizer, sched=scheduler)']) {
    const sc = only(`import torch
from torch.optim.lr_scheduler import OneCycleLR

def train_one_epoch(model, loader, optimizer, sched):
    for x, y in loader:
        loss = model(x, y)
        loss.backward()
        optimizer.step()
        sched.step()

optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
scheduler = OneCycleLR(optimizer, max_lr=0.1, total_steps=1000)
for epoch in range(10):
    ${call}
`);
    assert.equal(sc.stepping.unit, 'per-batch', call);
    assert.equal(sc.stepping.order, 'optimizer-first');
    assert.equal(sc.stepping.steps, undefined, 'batches per epoch unknown');
  }
  // stepped after the batch loop of the called function, inside the caller's epoch loop
  const perEpoch = only(`import torch
from torch.optim.lr_scheduler import StepLR
class Trainer:
    def fit(self, optimizer, scheduler):
        for epoch in range(0, 90):
            self.train_epoch(optimizer, scheduler)
    def train_epoch(self, optimizer, scheduler):
        for batch in self.loader:
            optimizer.step()
        scheduler.step()
def main(model, trainer):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scheduler = StepLR(optimizer, step_size=30)
    trainer.fit(optimizer, scheduler)
`);
  // trainer.fit is not a function of this file reached by name: unknown, not guessed
  assert.equal(perEpoch.stepping.unit, 'unknown');
});

test('a scheduler returned by a factory that receives the optimizer: the call site supplies both', async () => {
  await ready;
  const sc = only(`import torch
from torch.optim.lr_scheduler import CosineAnnealingLR

class CFG:
    lr = 1e-4
    epochs = 6
    T_max = 6

def get_scheduler(optimizer):
    return CosineAnnealingLR(optimizer, T_max=CFG.T_max, eta_min=1e-6)

def train_loop(model):
    optimizer = torch.optim.Adam(model.parameters(), lr=CFG.lr)
    scheduler = get_scheduler(optimizer)
    for epoch in range(CFG.epochs):
        train_fn(model, optimizer)
        scheduler.step()
`);
  assert.equal(sc.optimizer?.name, 'Adam');
  assert.deepEqual(sc.optimizer?.lrs, [1e-4]);
  assert.equal(sc.stepping.unit, 'per-epoch');
  assert.equal(sc.stepping.steps, 6);
  assert.ok(!sc.diagnostics.some((d) => /not constructed/.test(d.message)), JSON.stringify(sc.diagnostics));
  const s = simulate(toSchedulerRef(sc), { steps: 7 });
  assert.ok(Math.abs(s.columns[0][6] - 1e-6) < 1e-18, 'eta_min at T_max');
});

test('a parameter without default takes the value of the single call site (config dict passed in)', async () => {
  await ready;
  const sc = only(`import argparse
import torch
from torch.optim.lr_scheduler import OneCycleLR

def training_function(config, args):
    lr = config["lr"]
    num_epochs = int(config["num_epochs"])
    optimizer = torch.optim.Adam(params=model.parameters(), lr=lr / 25)
    lr_scheduler = OneCycleLR(optimizer=optimizer, max_lr=lr, epochs=num_epochs, steps_per_epoch=len(train_dataloader))

def main():
    args = argparse.ArgumentParser().parse_args()
    config = {"lr": 3e-2, "num_epochs": 3, "seed": 42, "batch_size": 64}
    training_function(config, args)
`);
  assert.equal(num(sc.args.max_lr), 3e-2);
  assert.equal(num(sc.args.epochs), 3);
  assert.deepEqual(sc.optimizer?.lrs, [3e-2 / 25]);
  const spe = sc.args.steps_per_epoch;
  assert.ok(spe && 'unresolved' in spe);
  assert.match(spe.reason, /length of train_dataloader is only known at run time/);
  // two call sites with different values: not guessed
  const two = only(`import torch
from torch.optim.lr_scheduler import StepLR
def make(opt, step):
    return StepLR(opt, step_size=step)
a = make(torch.optim.SGD(p, lr=0.1), 10)
b = make(torch.optim.SGD(p, lr=0.1), 20)
`);
  assert.ok('unresolved' in two.args.step_size);
});

test('len(loader) after accelerator.prepare(): the reason names the run-time length', async () => {
  await ready;
  const sc = only(`import torch
from torch.utils.data import DataLoader
from accelerate import Accelerator
from transformers import get_linear_schedule_with_warmup

accelerator = Accelerator()
train_dataloader = DataLoader(train_dataset, batch_size=16, shuffle=True)
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
model, optimizer, train_dataloader = accelerator.prepare(model, optimizer, train_dataloader)
lr_scheduler = get_linear_schedule_with_warmup(
    optimizer, num_warmup_steps=100, num_training_steps=len(train_dataloader) * 3)
`);
  const a = sc.args.num_training_steps;
  assert.ok(a && 'unresolved' in a);
  assert.match(a.reason, /length of train_dataloader is only known at run time/);
  assert.deepEqual(sc.optimizer?.lrs, [2e-5]);
});

test('epoch loops through tqdm / trange / enumerate are per-epoch with their range length', async () => {
  await ready;
  for (const [loop, steps] of [
    ['for epoch in tqdm(range(epochs), desc="epoch"):', 30],
    ['for epoch in trange(epochs):', 30],
    ['for epoch in trange(5, epochs):', 25],
    ['for i, epoch in enumerate(tqdm(range(0, epochs, 2))):', 15],
  ] as const) {
    const sc = only(`import torch
from tqdm import tqdm, trange
from torch.optim.lr_scheduler import StepLR
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
scheduler = StepLR(optimizer, step_size=10)
epochs = 30
${loop}
    train(model, train_loader, optimizer)
    scheduler.step()
`);
    assert.equal(sc.stepping.unit, 'per-epoch', loop);
    assert.equal(sc.stepping.steps, steps, loop);
  }
  // a progress bar over the loader is still a batch loop
  const batch = only(`import torch
from tqdm import tqdm
from torch.optim.lr_scheduler import StepLR
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
scheduler = StepLR(optimizer, step_size=10)
for step, batch in enumerate(tqdm(train_loader)):
    optimizer.step()
    scheduler.step()
`);
  assert.equal(batch.stepping.unit, 'per-batch');
});

test('Lightning: self.hparams.x after save_hyperparameters() is the __init__ default', async () => {
  await ready;
  const sc = only(`import torch
import lightning as L
from torch.optim.lr_scheduler import OneCycleLR

class Model(L.LightningModule):
    def __init__(self, lr: float = 1e-3, total_steps: int = 10000):
        super().__init__()
        self.save_hyperparameters()

    def configure_optimizers(self):
        opt = torch.optim.AdamW(self.parameters(), lr=self.hparams.lr)
        sched = OneCycleLR(opt, max_lr=self.hparams.lr, total_steps=self.hparams.total_steps)
        return [opt], [{"scheduler": sched, "interval": "step"}]
`);
  assert.equal(num(sc.args.max_lr), 1e-3);
  assert.equal(num(sc.args.total_steps), 10000);
  assert.deepEqual(sc.optimizer?.lrs, [1e-3]);
  assert.equal(sc.stepping.unit, 'per-batch');
});

test('resume code: a start epoch reassigned under `if args.resume:` (False by default) keeps the default path', async () => {
  await ready;
  // pytorch/examples imagenet: --resume defaults to '', args.start_epoch is reassigned under it
  const imagenet = only(`import argparse
import torch
from torch.optim.lr_scheduler import StepLR
parser = argparse.ArgumentParser()
parser.add_argument('--epochs', default=90, type=int)
parser.add_argument('--start-epoch', default=0, type=int)
parser.add_argument('--resume', default='', type=str)

def main_worker(args):
    optimizer = torch.optim.SGD(model.parameters(), 0.1)
    scheduler = StepLR(optimizer, step_size=30)
    if args.resume:
        args.start_epoch = checkpoint['epoch']
    for epoch in range(args.start_epoch, args.epochs):
        scheduler.step()

args = parser.parse_args()
main_worker(args)
`);
  assert.equal(imagenet.stepping.unit, 'per-epoch');
  assert.equal(imagenet.stepping.steps, 90);
  // kuangliu/pytorch-cifar: a plain name, store_true flag
  const cifar = (flag: string) => only(`import argparse
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR
parser = argparse.ArgumentParser()
parser.add_argument('--lr', default=0.1, type=float)
parser.add_argument('--resume', '-r', action='store_true')
args = parser.parse_args()
start_epoch = 0
if ${flag}:
    checkpoint = torch.load('./checkpoint/ckpt.pth')
    start_epoch = checkpoint['epoch']
optimizer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)
scheduler = CosineAnnealingLR(optimizer, T_max=start_epoch + 200)
for epoch in range(start_epoch, start_epoch + 200):
    scheduler.step()
`);
  const known = cifar('args.resume');
  assert.equal(num(known.args.T_max), 200, 'start_epoch = 0 reaches: the if is not taken');
  assert.equal(known.stepping.steps, 200);
  const unknown = cifar('os.path.exists("ckpt")');
  assert.ok('unresolved' in unknown.args.T_max, 'the branch may run: T_max not guessed');
  assert.equal(unknown.stepping.steps, 200, 'range(s, s + 200) has 200 steps whatever s is');
});

test('argparse: parse_known_args(), set_defaults(); EasyDict and SimpleNamespace configs', async () => {
  await ready;
  const known = only(`import argparse
import torch
parser = argparse.ArgumentParser()
parser.add_argument('--lr', default=0.1, type=float)
parser.add_argument('--epochs', default=90, type=int)
args, unknown = parser.parse_known_args()
optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
`);
  assert.deepEqual(known.optimizer?.lrs, [0.1]);
  assert.equal(num(known.args.T_max), 90);
  const defaults = only(`import argparse
import torch
parser = argparse.ArgumentParser()
parser.add_argument('--lr', default=0.1, type=float)
parser.add_argument('--epochs', default=90, type=int)
parser.set_defaults(lr=0.01, epochs=30)
args = parser.parse_args()
optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=args.epochs)
`);
  assert.deepEqual(defaults.optimizer?.lrs, [0.01]);
  assert.equal(num(defaults.args.T_max), 30);
  const ns = only(`import torch
from easydict import EasyDict as edict
from types import SimpleNamespace
cfg = edict({'lr': 0.1, 'train': {'epochs': 30, 'gamma': 0.5}})
ns = SimpleNamespace(step=7)
optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=ns.step, gamma=cfg.train['gamma'])
`);
  assert.deepEqual(ns.optimizer?.lrs, [0.1]);
  assert.equal(num(ns.args.step_size), 7);
  assert.equal(num(ns.args.gamma), 0.5);
});

test('a step under an if inside the epoch loop counts only the iterations that take its branch', async () => {
  await ready;
  const src = `import torch
from torch.optim.swa_utils import SWALR
from torch.optim.lr_scheduler import CosineAnnealingLR
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
scheduler = CosineAnnealingLR(optimizer, T_max=100)
swa_scheduler = SWALR(optimizer, swa_lr=2e-3)
swa_start = 50
for epoch in range(100):
    train(model)
    if epoch > swa_start:
        swa_scheduler.step()
    else:
        scheduler.step()
`;
  const r = analyzeSource(src).schedulers;
  // epoch = 51 … 99 take the SWA branch (49 iterations), epoch = 0 … 50 the other (51)
  assert.equal(r.find((s) => s.name === 'SWALR')?.stepping.steps, 49);
  assert.equal(r.find((s) => s.name === 'CosineAnnealingLR')?.stepping.steps, 51);
  // every 2nd epoch from 10 on, with elif
  const every = only(`import torch
from torch.optim.lr_scheduler import StepLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = StepLR(optimizer, step_size=5)
for epoch in range(1, 31):
    if epoch < 10:
        warmup(epoch)
    elif epoch % 2 == 0:
        scheduler.step()
`);
  assert.equal(every.stepping.steps, 11, 'epochs 10, 12, …, 30');
  // a condition that is not known statically: not guessed
  const unknown = only(`import torch
from torch.optim.lr_scheduler import StepLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = StepLR(optimizer, step_size=5)
for epoch in range(30):
    if val_loss_improved(epoch):
        scheduler.step()
`);
  assert.equal(unknown.stepping.steps, undefined);
});

test('transformers get_scheduler("constant") previews although the step counts it ignores are unknown', async () => {
  await ready;
  const sc = only(`import torch
from accelerate import Accelerator
from transformers import get_scheduler
accelerator = Accelerator()
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
lr_scheduler = get_scheduler(
    "constant",
    optimizer=optimizer,
    num_warmup_steps=500 * accelerator.num_processes,
    num_training_steps=max_train_steps * accelerator.num_processes,
)
`);
  const s = simulate(toSchedulerRef(sc), { steps: 20 });
  assert.equal(s.error, null);
  assert.ok(s.columns[0].every((x) => x === 1e-4));
  assert.ok(sc.diagnostics.some((d) => /does not use num_training_steps/.test(d.message)));
  // "linear" uses them: still missing
  const linear = only(`import torch
from transformers import get_scheduler
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
lr_scheduler = get_scheduler("linear", optimizer=optimizer, num_warmup_steps=10, num_training_steps=max_train_steps)
`);
  assert.throws(() => toSchedulerRef(linear), /num_training_steps/);
});

test('an lr_lambda that cannot take the one step argument is flagged at detect time', async () => {
  await ready;
  const two = only(`import torch
from torch.optim.lr_scheduler import LambdaLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = LambdaLR(optimizer, lr_lambda=lambda epoch, warmup_iters: min(1.0, (epoch + 1) / warmup_iters))
`);
  assert.ok(two.diagnostics.some((d) => d.code === 'lambda-arity' && /requires 2 positional arguments/.test(d.message)), JSON.stringify(two.diagnostics));
  // the engine raises Python's own TypeError at the first step
  const s = simulate(toSchedulerRef(two), { steps: 3 });
  assert.equal(s.error?.type, 'TypeError');
  // one parameter, a default for the second, *args, a method through self: fine
  for (const fn of ['lambda e: 0.9 ** e', 'lambda e, w=5: min(1.0, (e + 1) / w)', 'lambda *a: 1.0', 'self.warm']) {
    const ok = only(`import torch
from torch.optim.lr_scheduler import LambdaLR
class M:
    def warm(self, step):
        return min(1.0, (step + 1) / 10)
    def configure_optimizers(self):
        optimizer = torch.optim.SGD(self.parameters(), lr=0.1)
        scheduler = LambdaLR(optimizer, lr_lambda=${fn})
`);
    assert.ok(!ok.diagnostics.some((d) => d.code === 'lambda-arity'), `${fn}: ${JSON.stringify(ok.diagnostics)}`);
  }
});

test('an lr_lambda reading argparse defaults works after its analysis returned and after the document was edited', async () => {
  await ready;
  const src = `import argparse
import torch
from torch.optim.lr_scheduler import LambdaLR
parser = argparse.ArgumentParser()
parser.add_argument('--warmup', type=int, default=5)
args = parser.parse_args()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
def f(step):
    if step < args.warmup:
        return (step + 1) / args.warmup
    return 1.0
scheduler = LambdaLR(optimizer, f)
`;
  // the tree the function reads was parsed (and, before, freed) inside analyzeSource
  const s = simulate(toSchedulerRef(only(src)), { steps: 7 });
  assert.equal(s.error, null);
  assert.deepEqual(Array.from(s.columns[0]), [0.1 * (1 / 5), 0.1 * (2 / 5), 0.1 * (3 / 5), 0.1 * (4 / 5), 0.1, 0.1, 0.1]);
  // a document: the call analysed before an edit still simulates after it
  const doc = new PythonDocument(src);
  const before = doc.analyze().schedulers[0];
  doc.update(src.replace('default=5', 'default=2'));
  const after = doc.analyze().schedulers[0];
  assert.equal(simulate(toSchedulerRef(before), { steps: 3 }).columns[0][1], 0.1 * (2 / 5));
  assert.equal(simulate(toSchedulerRef(after), { steps: 3 }).columns[0][1], 0.1);
  doc.dispose();
});

test('training-loop shapes of tutorials: `for phase in ["train", "val"]` inside the epoch loop', async () => {
  await ready;
  const sc = only(`import torch
from torch.optim import lr_scheduler

def train_model(model, optimizer, scheduler, num_epochs=25):
    for epoch in range(num_epochs):
        for phase in ['train', 'val']:
            for inputs, labels in dataloaders[phase]:
                if phase == 'train':
                    optimizer.step()
            if phase == 'train':
                scheduler.step()

optimizer_ft = torch.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
exp_lr_scheduler = lr_scheduler.StepLR(optimizer_ft, step_size=7, gamma=0.1)
model = train_model(model, optimizer_ft, exp_lr_scheduler, num_epochs=25)
`);
  assert.equal(sc.stepping.unit, 'per-epoch');
  assert.equal(sc.stepping.steps, 25, 'once per epoch: only the train phase steps');
});

test('optimizers handed through wrappers (Fabric, apex amp, Horovod, DeepSpeed) and factory methods', async () => {
  await ready;
  const r = analyzeSource(`import torch
import horovod.torch as hvd
from apex import amp
from lightning.fabric import Fabric
from torch.optim.lr_scheduler import StepLR

fabric = Fabric()
optimizer = torch.optim.Adadelta(model.parameters(), lr=1.0)
model, optimizer = fabric.setup(model, optimizer)
s1 = StepLR(optimizer, step_size=1, gamma=0.7)
opt2 = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
model, opt2 = amp.initialize(model, opt2, opt_level="O1")
s2 = StepLR(opt2, 30)
opt3 = torch.optim.SGD(model.parameters(), lr=0.2)
opt3 = hvd.DistributedOptimizer(opt3, named_parameters=model.named_parameters())
s3 = StepLR(opt3, 30)
opt4 = torch.optim.SGD(model.parameters(), lr=0.3)
model_engine, opt4, _, _ = deepspeed.initialize(model=model, optimizer=opt4)
s4 = StepLR(opt4, 30)
`).schedulers;
  assert.deepEqual(r.map((s) => [s.optimizer?.name, s.optimizer?.lrs]), [['Adadelta', [1]], ['SGD', [0.1]], ['SGD', [0.2]], ['SGD', [0.3]]]);
  // a method of the class builds it; its lr comes from outside the file: unknown, and said so
  const trainer = only(`from torch import optim
class Trainer(BaseTrainer):
    def _build(self):
        self.optimizer = self.build_optimizer(lr=self.args.lr0)
        self.scheduler = optim.lr_scheduler.CosineAnnealingLR(self.optimizer, T_max=self.num_epochs)
    def build_optimizer(self, lr=0.001):
        return optim.SGD(self.model.parameters(), lr=lr, momentum=0.9)
`);
  assert.equal(trainer.optimizer?.name, 'SGD');
  assert.deepEqual(trainer.optimizer?.lrs, [null], 'the call site passes lr=self.args.lr0, not the default 0.001');
  assert.deepEqual(trainer.optimizer?.momentum, [0.9]);
  const tmax = trainer.args.T_max;
  assert.ok(tmax && 'unresolved' in tmax);
  assert.match(tmax.reason, /self\.num_epochs is not set in class Trainer/);
  assert.ok(!trainer.diagnostics.some((d) => /not constructed in this file/.test(d.message)));
});

test('a branch chosen by argparse defaults: the optimizer and children of the branch that runs', async () => {
  await ready;
  const r = analyzeSource(`import argparse
import torch
parser = argparse.ArgumentParser()
parser.add_argument("--opt", default="sgd", type=str)
parser.add_argument("--lr", default=0.1, type=float)
parser.add_argument("--lr-scheduler", default="steplr", type=str)
parser.add_argument("--lr-warmup-epochs", default=0, type=int)
args = parser.parse_args()
opt_name = args.opt.lower()
if opt_name.startswith("sgd"):
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
elif opt_name == "adamw":
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
if args.lr_scheduler == "steplr":
    main_lr_scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)
elif args.lr_scheduler == "exponentiallr":
    main_lr_scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.1)
warmup = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.01, total_iters=5)
lr_scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers=[warmup, main_lr_scheduler], milestones=[5])
`).schedulers;
  const seq = r.find((s) => s.name === 'SequentialLR')!;
  assert.equal(seq.optimizer?.name, 'SGD', 'startswith("sgd") is True with the default');
  assert.deepEqual(seq.optimizer?.momentum, [0.9]);
  assert.deepEqual(seq.children.map((c) => c.name), ['ConstantLR', 'StepLR']);
  const expo = r.find((s) => s.name === 'ExponentialLR')!;
  assert.ok(expo.diagnostics.some((d) => d.code === 'branch-not-taken'));
  assert.ok(!r.find((s) => s.name === 'StepLR')!.diagnostics.some((d) => d.code === 'branch-not-taken'));
});

test('configs typed as a @dataclass parameter, optimizer.add_param_group, names from star imports', async () => {
  await ready;
  const fairseq = only(`from dataclasses import dataclass, field
import torch.optim.lr_scheduler

@dataclass
class PlateauConfig:
    lr_shrink: float = field(default=0.1, metadata={"help": "shrink factor"})
    lr_patience: int = field(default=0, metadata={"help": "patience"})

class PlateauSchedule:
    def __init__(self, cfg: PlateauConfig, optimizer):
        self.lr_scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, patience=cfg.lr_patience, factor=cfg.lr_shrink)
`);
  assert.equal(num(fairseq.args.factor), 0.1);
  assert.equal(num(fairseq.args.patience), 0);
  const yolo = only(`import torch
from torch.optim import SGD, lr_scheduler
g0, g1, g2 = [], [], []
optimizer = SGD(g0, lr=0.01, momentum=0.937, nesterov=True)
optimizer.add_param_group({'params': g1, 'weight_decay': 5e-4})
optimizer.add_param_group({'params': g2, 'lr': 0.02})
scheduler = lr_scheduler.LambdaLR(optimizer, lr_lambda=lambda x: (1 - x / 300) * (1.0 - 0.01) + 0.01)
`);
  assert.deepEqual(yolo.optimizer?.lrs, [0.01, 0.01, 0.02]);
  assert.deepEqual(yolo.optimizer?.momentum, [0.937, 0.937, 0.937]);
  assert.equal(simulate(toSchedulerRef(yolo), { steps: 2 }).columns.length, 3);
  const gan = analyzeSource(`from utils import *
import torch
optimizer_G = torch.optim.Adam(G.parameters(), lr=0.0002, betas=(0.5, 0.999))
lr_scheduler_G = torch.optim.lr_scheduler.LambdaLR(optimizer_G, lr_lambda=LambdaLR(200, 0, 100).step)
`).schedulers;
  assert.equal(gan.length, 1, 'the LambdaLR from utils is not torch\'s');
  const lam = gan[0].args.lr_lambda;
  assert.ok(lam && 'unresolved' in lam);
  assert.match(lam.reason, /from utils import \*/);
});

test('a construction error that no unknown value can avoid is reported before the values are supplied', async () => {
  await ready;
  const head = `import torch
from torch.optim.lr_scheduler import *
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
`;
  const bad = only(`${head}s = OneCycleLR(optimizer, max_lr=0.1, epochs=0, steps_per_epoch=len(loader))\n`);
  const d = bad.diagnostics.find((x) => x.code === 'construct-error');
  assert.ok(d, JSON.stringify(bad.diagnostics));
  assert.match(d.message, /^ValueError: Expected positive integer epochs, but got 0 \(whatever steps_per_epoch turns out to be\)$/);
  // errors that depend on the unknown value are not claimed
  for (const call of ['CosineAnnealingWarmRestarts(optimizer, T_0=cfg.t0)', 'MultiplicativeLR(optimizer, lr_lambda=cfg.fn)', 'OneCycleLR(optimizer, max_lr=0.1, epochs=3, steps_per_epoch=len(loader))', 'MultiStepLR(optimizer, milestones=cfg.ms)']) {
    const sc = only(`${head}s = ${call}\n`);
    assert.ok(!sc.diagnostics.some((x) => x.code === 'construct-error'), `${call}: ${JSON.stringify(sc.diagnostics)}`);
  }
});

test('third audit: trl config defaults, class instantiation arguments, step functions per update, tuple defaults', async () => {
  await ready;
  const sft = analyzeSource(`from trl import SFTConfig, SFTTrainer
cfg = SFTConfig(output_dir="out", max_steps=100)
trainer = SFTTrainer(model=model, args=cfg, train_dataset=ds)
`).schedulers[0];
  assert.deepEqual(sft.optimizer?.lrs, [2e-5], "trl's SFTConfig defaults learning_rate to 2e-5");
  const grpo = analyzeSource(`from trl import GRPOConfig
cfg = GRPOConfig(output_dir="out", max_steps=10)
`).schedulers[0];
  assert.deepEqual(grpo.optimizer?.lrs, [1e-6]);
  for (const read of ['self.lr', 'self.hparams.lr']) {
    const net = only(`import torch
import pytorch_lightning as pl
class Net(pl.LightningModule):
    def __init__(self, lr=5e-4):
        super().__init__()
        self.lr = lr
        self.save_hyperparameters()
    def configure_optimizers(self):
        optimizer = torch.optim.AdamW(self.parameters(), lr=${read})
        return [optimizer], [torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)]
model = Net(lr=1e-3)
`);
    assert.deepEqual(net.optimizer?.lrs, [1e-3], `${read}: the instantiation's lr, not __init__'s default`);
  }
  const keras = only(`import tensorflow as tf
lr = tf.keras.optimizers.schedules.PiecewiseConstantDecay([20000, 26250], [1e-4, 1e-5, 1e-6])
`);
  assert.equal(keras.stepping.unit, 'per-batch', 'a Keras schedule is evaluated at every optimizer update');
  const timm = analyzeSource(`from timm.scheduler import create_scheduler_v2
scheduler, num_epochs = create_scheduler_v2(optimizer, sched='multistep')
`).schedulers[0];
  const ms = timm?.args.decay_milestones;
  assert.ok(ms && 'value' in ms, JSON.stringify(ms));
  assert.equal(repr(ms.value), '(90, 180, 270)');
});

test('HfArgumentParser / TrlParser scripts: the schedule the Trainer builds from the dataclass defaults', async () => {
  await ready;
  const fastchat = only(`from dataclasses import dataclass, field
import transformers
from transformers import HfArgumentParser, Trainer

@dataclass
class TrainingArguments(transformers.TrainingArguments):
    lr_scheduler_type: str = field(default="cosine")
    learning_rate: float = field(default=2e-5)
    warmup_ratio: float = 0.03

def main():
    parser = HfArgumentParser((ModelArguments, DataArguments, TrainingArguments))
    model_args, data_args, training_args = parser.parse_args_into_dataclasses()
    trainer = Trainer(model=model, args=training_args, train_dataset=train_dataset)
`);
  assert.equal(fastchat.name, 'get_cosine_schedule_with_warmup');
  assert.equal(fastchat.framework, 'transformers');
  assert.deepEqual(fastchat.optimizer?.lrs, [2e-5]);
  assert.equal(num(fastchat.args.warmup_ratio), 0.03);
  assert.equal(fastchat.stepping.unit, 'per-batch');
  assert.ok(fastchat.range.start.line === 13, 'reported at the Trainer call');
  assert.ok(fastchat.diagnostics.some((d) => d.code === 'parsed-arguments'));
  // run_clm.py: transformers' own TrainingArguments, parsed from JSON or the command line
  const clm = analyzeSource(`import sys
from transformers import HfArgumentParser, Trainer, TrainingArguments
parser = HfArgumentParser((ModelArguments, DataTrainingArguments, TrainingArguments))
if len(sys.argv) == 2 and sys.argv[1].endswith(".json"):
    model_args, data_args, training_args = parser.parse_json_file(json_file=sys.argv[1])
else:
    model_args, data_args, training_args = parser.parse_args_into_dataclasses()
trainer = Trainer(model=model, args=training_args, train_dataset=train_dataset)
`).schedulers;
  assert.equal(clm.length, 1, 'one Trainer, however the arguments were parsed');
  assert.equal(clm[0].name, 'get_linear_schedule_with_warmup');
  assert.deepEqual(clm[0].optimizer?.lrs, [5e-5]);
  // trl: SFTConfig through TrlParser, the trainer in a function defined above
  const trl = only(`from trl import SFTConfig, SFTTrainer, TrlParser
def main(script_args, training_args):
    trainer = SFTTrainer(model=model, args=training_args, train_dataset=ds)
dataclass_types = (ScriptArguments, SFTConfig, ModelConfig)
parser = TrlParser(dataclass_types)
script_args, training_args, model_args, rest = parser.parse_args_and_config(return_remaining_strings=True)
main(script_args, training_args)
`);
  assert.deepEqual(trl.optimizer?.lrs, [2e-5]);
  assert.equal(trl.range.start.line, 2);
});

test("timm's optimizer factories: create_optimizer_v2 / optimizer_kwargs(cfg=args) / create_optimizer(args, model)", async () => {
  await ready;
  const v2 = analyzeSource(`from timm.optim import create_optimizer_v2
from timm.scheduler import create_scheduler_v2
optimizer = create_optimizer_v2(model, opt='adamw', lr=1e-3, weight_decay=0.05)
scheduler, num_epochs = create_scheduler_v2(optimizer, sched='cosine', num_epochs=100, warmup_epochs=5)
`).schedulers[0];
  assert.equal(v2.optimizer?.name, 'AdamW');
  assert.deepEqual(v2.optimizer?.lrs, [1e-3]);
  assert.equal(simulate(toSchedulerRef(v2), { steps: 3 }).error, null);
  const fromArgs = analyzeSource(`import argparse
from timm.optim import create_optimizer_v2, optimizer_kwargs
from timm.scheduler import create_scheduler
parser = argparse.ArgumentParser()
parser.add_argument('--opt', default='sgd', type=str)
parser.add_argument('--lr', type=float, default=0.05)
parser.add_argument('--momentum', type=float, default=0.9)
parser.add_argument('--batch-size', type=int, default=128)
args = parser.parse_args()
optimizer = create_optimizer_v2(model, **optimizer_kwargs(cfg=args))
lr_scheduler, num_epochs = create_scheduler(args, optimizer)
`).schedulers[0];
  assert.equal(fromArgs.optimizer?.name, 'SGD', "timm's default 'sgd': SGD with Nesterov momentum");
  assert.deepEqual(fromArgs.optimizer?.lrs, [0.05]);
  assert.deepEqual(fromArgs.optimizer?.momentum, [0.9]);
  // DeiT scales the LR by the world size before building the optimizer: unknown, and why
  const deit = analyzeSource(`import argparse
from timm.optim import create_optimizer
from timm.scheduler import create_scheduler
parser = argparse.ArgumentParser()
parser.add_argument('--opt', default='adamw', type=str)
parser.add_argument('--lr', type=float, default=5e-4)
parser.add_argument('--batch-size', type=int, default=64)
args = parser.parse_args()
args.lr = args.lr * args.batch_size * utils.get_world_size() / 512.0
optimizer = create_optimizer(args, model)
lr_scheduler, _ = create_scheduler(args, optimizer)
`).schedulers[0];
  assert.equal(deit.optimizer?.name, 'AdamW');
  assert.deepEqual(deit.optimizer?.lrs, [null]);
  assert.match(deit.optimizer!.unresolved.map((u) => u.reason).join(' '), /args\.lr = args\.lr \* args\.batch_size/);
});

test('Trainer(optimizers=(optimizer, scheduler)): the explicit scheduler is stepped per update, the TrainingArguments one is unused', async () => {
  await ready;
  const r = analyzeSource(`from torch.optim import AdamW
from transformers import Trainer, TrainingArguments, get_cosine_schedule_with_warmup
args = TrainingArguments(output_dir="out", learning_rate=3e-4, lr_scheduler_type="cosine", max_steps=1000)
optimizer = AdamW(model.parameters(), lr=5e-5)
scheduler = get_cosine_schedule_with_warmup(optimizer, 100, 1000)
trainer = Trainer(model=model, args=args, optimizers=(optimizer, scheduler))
`).schedulers;
  const ta = r.find((s) => s.trainer)!;
  const own = r.find((s) => !s.trainer)!;
  assert.ok(ta.diagnostics.some((d) => d.code === 'trainer-scheduler-overridden'));
  assert.equal(own.stepping.unit, 'per-batch');
  // optimizers=(optimizer, None): the Trainer builds its own schedule from TrainingArguments
  const none = analyzeSource(`from transformers import Trainer, TrainingArguments
args = TrainingArguments(output_dir="out", max_steps=100)
trainer = Trainer(model=model, args=args, optimizers=(optimizer, None))
`).schedulers[0];
  assert.ok(!none.diagnostics.some((d) => d.code === 'trainer-scheduler-overridden'));
});

test('renamed keywords explained: timm 0.4 t_mul, transformers evaluation_strategy', async () => {
  await ready;
  const swin = only(`from timm.scheduler.cosine_lr import CosineLRScheduler
s = CosineLRScheduler(optimizer, t_initial=300, t_mul=1.0, lr_min=5e-6, warmup_lr_init=5e-7, warmup_t=20, cycle_limit=1, t_in_epochs=False)
`);
  assert.match(swin.bindError?.message ?? '', /unexpected keyword argument 't_mul'/);
  assert.ok(swin.diagnostics.some((d) => d.code === 'renamed-argument' && /cycle_mul/.test(d.message)));
  const ta = only(`from transformers import TrainingArguments
args = TrainingArguments(output_dir="out", evaluation_strategy="epoch", max_steps=10)
`);
  assert.ok(ta.diagnostics.some((d) => d.code === 'renamed-argument' && /eval_strategy/.test(d.message)));
});

test("Lightning: the step count from the Trainer's max_epochs / max_steps", async () => {
  await ready;
  const epochs = only(`import torch
import pytorch_lightning as pl
class Net(pl.LightningModule):
    def configure_optimizers(self):
        optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)
        return [optimizer], [torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)]
trainer = pl.Trainer(max_epochs=30, accelerator="gpu")
trainer.fit(Net())
`);
  assert.equal(epochs.stepping.unit, 'per-epoch');
  assert.equal(epochs.stepping.steps, 30);
  const steps = only(`import torch
import lightning as L
class Net(L.LightningModule):
    def configure_optimizers(self):
        optimizer = torch.optim.AdamW(self.parameters(), lr=1e-3)
        scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-3, total_steps=5000)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}
L.Trainer(max_steps=5000).fit(Net())
`);
  assert.equal(steps.stepping.unit, 'per-batch');
  assert.equal(steps.stepping.steps, 5000);
});

test('lr_lambda = a bound method of a small class of the file (CycleGAN-style DecayLR(...).step)', async () => {
  await ready;
  const sc = only(`import torch

class DecayLR:
    def __init__(self, n_epochs, offset, decay_start_epoch):
        super().__init__()
        assert (n_epochs - decay_start_epoch) > 0, "Decay must start before the training session ends!"
        self.n_epochs = n_epochs
        self.offset = offset
        self.decay_start_epoch = decay_start_epoch

    def step(self, epoch):
        return 1.0 - max(0, epoch + self.offset - self.decay_start_epoch) / (self.n_epochs - self.decay_start_epoch)

optimizer_G = torch.optim.Adam(G.parameters(), lr=0.0002, betas=(0.5, 0.999))
lr_scheduler_G = torch.optim.lr_scheduler.LambdaLR(optimizer_G, lr_lambda=DecayLR(200, 0, 100).step)
for epoch in range(200):
    lr_scheduler_G.step()
`);
  assert.equal(sc.stepping.steps, 200);
  assert.ok(!sc.diagnostics.some((d) => d.code === 'lambda-arity'), 'a bound method takes the one step argument');
  const s = simulate(toSchedulerRef(sc), { steps: 200 });
  assert.equal(s.error, null);
  // 1 − max(0, epoch − 100) / 100, times 2e-4
  assert.equal(s.columns[0][100], 0.0002 * (1.0 - 0 / 100));
  assert.equal(s.columns[0][150], 0.0002 * (1.0 - 50 / 100));
});

test('stepping that changes what the preview means: step(epoch + i / iters), a scheduler never stepped', async () => {
  await ready;
  const frac = only(`import torch
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2)
iters = 100
for epoch in range(20):
    for i in range(iters):
        optimizer.step()
        scheduler.step(epoch + i / iters)
`);
  assert.ok(frac.diagnostics.some((d) => d.code === 'step-with-epoch'), JSON.stringify(frac.diagnostics));
  const never = only(`import torch
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=20, gamma=0.8)
for epoch in range(1, 31):
    for x in range(10):
        optimizer.step()
`);
  assert.ok(never.diagnostics.some((d) => d.code === 'never-stepped'));
  // handed to a function or stepped: no such note; ReduceLROnPlateau's step(metric) is its normal use
  for (const tail of ['train(model, optimizer, scheduler)', 'scheduler.step()']) {
    const ok = only(`import torch
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=20, gamma=0.8)
for epoch in range(30):
    ${tail}
`);
    assert.ok(!ok.diagnostics.some((d) => d.code === 'never-stepped' || d.code === 'step-with-epoch'), tail);
  }
  const plateau = only(`import torch
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer)
for epoch in range(30):
    scheduler.step(val_loss)
`);
  assert.ok(!plateau.diagnostics.some((d) => d.code === 'step-with-epoch'));
});

test('fifth audit: a scheduler a factory returns through a variable or a tuple is stepped where the result lands', async () => {
  await ready;
  // Kaggle starters: `scheduler = ...` per CFG.scheduler branch, `return scheduler`, isinstance dispatch per epoch
  const kaggle = `import torch
from torch.optim import Adam
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts, CosineAnnealingLR, ReduceLROnPlateau

class CFG:
    scheduler='CosineAnnealingWarmRestarts'
    epochs=10
    T_0=10
    lr=1e-4
    min_lr=1e-6

def train_loop(folds, fold):
    def get_scheduler(optimizer):
        if CFG.scheduler=='ReduceLROnPlateau':
            scheduler = ReduceLROnPlateau(optimizer, mode='min', factor=0.2, patience=4, eps=1e-6)
        elif CFG.scheduler=='CosineAnnealingLR':
            scheduler = CosineAnnealingLR(optimizer, T_max=10, eta_min=CFG.min_lr, last_epoch=-1)
        elif CFG.scheduler=='CosineAnnealingWarmRestarts':
            scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=CFG.T_0, T_mult=1, eta_min=CFG.min_lr, last_epoch=-1)
        return scheduler

    optimizer = Adam(model.parameters(), lr=CFG.lr, amsgrad=False)
    scheduler = get_scheduler(optimizer)
    for epoch in range(CFG.epochs):
        avg_loss = train_fn(train_loader, model, criterion, optimizer, epoch, scheduler, device)
        avg_val_loss, preds = valid_fn(valid_loader, model, criterion, device)
        if isinstance(scheduler, ReduceLROnPlateau):
            scheduler.step(avg_val_loss)
        elif isinstance(scheduler, CosineAnnealingLR):
            scheduler.step()
        elif isinstance(scheduler, CosineAnnealingWarmRestarts):
            scheduler.step()
`;
  const warm = only(kaggle, 'CosineAnnealingWarmRestarts');
  assert.equal(warm.stepping.unit, 'per-epoch');
  assert.equal(warm.stepping.steps, 10);
  assert.equal(warm.stepping.withArgument, false, 'its own isinstance branch: scheduler.step()');
  assert.equal(warm.stepping.calls[0].start.line, kaggle.split('\n').findIndex((l) => l.includes('isinstance(scheduler, CosineAnnealingWarmRestarts)')) + 1);
  const plateau = only(kaggle, 'ReduceLROnPlateau');
  assert.equal(plateau.stepping.unit, 'per-epoch');
  assert.equal(plateau.stepping.withArgument, true, 'scheduler.step(avg_val_loss)');
  // OpenSTL / PiFold: `return optimizer, scheduler`, unpacked by the caller (also through a wrapper method)
  const tuple = only(`import torch
from torch import optim
def get_optim_scheduler(lr, epoch, model, steps_per_epoch):
    optimizer = optim.Adam(model.parameters(), lr=lr)
    scheduler = optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=epoch * steps_per_epoch)
    return optimizer, scheduler

optimizer, scheduler = get_optim_scheduler(0.001, 100, model, 50)
for epoch in range(100):
    for batch in train_loader:
        optimizer.step()
        scheduler.step()
`);
  assert.equal(tuple.stepping.unit, 'per-batch');
  assert.equal(tuple.stepping.order, 'optimizer-first');
  assert.equal(num(tuple.args.total_steps), 5000);
  const wrapped = only(`import torch
from torch import optim
def get_optim_scheduler(lr, epoch, model, steps_per_epoch):
    optimizer = optim.Adam(model.parameters(), lr=lr)
    scheduler = optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=epoch * steps_per_epoch)
    return optimizer, scheduler

class Method:
    def __init__(self, args, steps_per_epoch):
        self.args = args
        self.optimizer, self.scheduler = self._init_optimizer(steps_per_epoch)

    def _init_optimizer(self, steps_per_epoch):
        return get_optim_scheduler(self.args.lr, self.args.epoch, self.model, steps_per_epoch)

    def train_one_epoch(self, train_loader):
        for batch in train_loader:
            self.optimizer.step()
            self.scheduler.step()
`);
  assert.equal(wrapped.stepping.unit, 'per-batch');
  // voxceleb_trainer: `return sche_fn, lr_step` — the scheduler is item 0
  const first = only(`import torch
def Scheduler(optimizer, **kwargs):
    sche_fn = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0=16, eta_min=1e-5)
    lr_step = 'epoch'
    return sche_fn, lr_step

optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
scheduler, lr_step = Scheduler(optimizer)
for epoch in range(1, 501):
    train_network(loader)
    scheduler.step()
`);
  assert.equal(first.stepping.unit, 'per-epoch');
  assert.equal(first.stepping.steps, 500);
});

test('fifth audit: timm t_in_epochs=False is stepped by step_update(num_updates) after each update (Swin)', async () => {
  await ready;
  const direct = only(`import torch
from timm.scheduler import CosineLRScheduler
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
n_iter = 100
sched = CosineLRScheduler(optimizer, t_initial=90 * n_iter, warmup_t=5 * n_iter, t_in_epochs=False)
num_updates = 0
for epoch in range(90):
    for i, batch in enumerate(loader):
        optimizer.step()
        num_updates += 1
        sched.step_update(num_updates=num_updates)
    sched.step(epoch + 1)
`);
  assert.equal(direct.stepping.unit, 'per-batch', 'step(epoch) does nothing with t_in_epochs=False');
  assert.deepEqual(direct.stepping.calls.map((c) => c.start.line), [10], 'the step_update line (0-based)');
  assert.ok(!direct.diagnostics.some((d) => d.code === 'step-with-epoch'), 'timm must be given the update count');
  // Swin-Transformer: built by build_scheduler(config, optimizer, n_iter_per_epoch), stepped inside train_one_epoch
  const swin = only(`import torch
from timm.scheduler.cosine_lr import CosineLRScheduler

def build_scheduler(config, optimizer, n_iter_per_epoch):
    num_steps = int(config.TRAIN.EPOCHS * n_iter_per_epoch)
    lr_scheduler = CosineLRScheduler(optimizer, t_initial=num_steps, lr_min=5e-6, warmup_lr_init=5e-7, warmup_t=20 * n_iter_per_epoch, cycle_limit=1, t_in_epochs=False)
    return lr_scheduler

def main(config):
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4)
    lr_scheduler = build_scheduler(config, optimizer, len(data_loader_train))
    for epoch in range(config.TRAIN.START_EPOCH, config.TRAIN.EPOCHS):
        train_one_epoch(config, model, criterion, data_loader_train, optimizer, epoch, mixup_fn, lr_scheduler, loss_scaler)

def train_one_epoch(config, model, criterion, data_loader, optimizer, epoch, mixup_fn, lr_scheduler, loss_scaler):
    num_steps = len(data_loader)
    for idx, (samples, targets) in enumerate(data_loader):
        loss = criterion(model(samples), targets)
        if (idx + 1) % config.TRAIN.ACCUMULATION_STEPS == 0:
            optimizer.zero_grad()
            lr_scheduler.step_update((epoch * num_steps + idx) // config.TRAIN.ACCUMULATION_STEPS)
`);
  assert.equal(swin.stepping.unit, 'per-batch');
  assert.equal(swin.stepping.calls.length, 1);
});

test('fifth audit: a value of another module (`from pkg import config`; config.T_max) is unresolved, and conditions on it are not judged', async () => {
  await ready;
  const src = `import torch
from torch.optim import Adam
from torch.optim.lr_scheduler import CosineAnnealingLR, ReduceLROnPlateau
from cassava import config

def get_scheduler(optimizer):
    if config.SCHEDULER == "ReduceLROnPlateau":
        scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=config.factor)
    elif config.SCHEDULER == "CosineAnnealingLR":
        scheduler = CosineAnnealingLR(optimizer, T_max=config.T_max, eta_min=config.MIN_LR, last_epoch=-1)
    return scheduler

optimizer = Adam(model.parameters(), lr=config.LR, weight_decay=config.WEIGHT_DECAY)
scheduler = get_scheduler(optimizer)
`;
  const sc = only(src, 'CosineAnnealingLR');
  for (const k of ['T_max', 'eta_min']) {
    const a = sc.args[k];
    assert.ok(a && 'unresolved' in a, `${k}: ${JSON.stringify(a)}`);
    assert.match(a.reason, /cassava\.config\.\w+ is defined in another module/);
  }
  assert.equal(sc.optimizer?.lrs[0], null);
  assert.match(sc.optimizer!.unresolved.map((u) => `${u.source}: ${u.reason}`).join('; '), /^config\.LR: cassava\.config\.LR is defined in another module/);
  assert.ok(!sc.diagnostics.some((d) => d.code === 'branch-not-taken'), 'config.SCHEDULER is not known: neither branch is ruled out');
  assert.ok(!only(src, 'ReduceLROnPlateau').diagnostics.some((d) => d.code === 'branch-not-taken'));
});

test('fifth audit: a scheduler handed to a class of the file (self.scheduler = scheduler in __init__) is stepped in its methods', async () => {
  await ready;
  const sc = only(`import torch
class SimCLR(object):
    def __init__(self, model, optimizer, scheduler, args):
        self.args = args
        self.optimizer = optimizer
        self.scheduler = scheduler

    def train(self, train_loader):
        for epoch_counter in range(200):
            for images, _ in train_loader:
                self.optimizer.step()
            if epoch_counter >= 10:
                self.scheduler.step()

optimizer = torch.optim.Adam(model.parameters(), 0.0003, weight_decay=1e-4)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=190, eta_min=0, last_epoch=-1)
simclr = SimCLR(model=model, optimizer=optimizer, scheduler=scheduler, args=args)
simclr.train(train_loader)
`);
  assert.equal(sc.stepping.unit, 'per-epoch');
  assert.equal(sc.stepping.steps, 190, 'the epochs from 10 on');
});

test('sixth audit: a scheduler stepped by a helper called in a list comprehension over the epochs (d2l) is per-epoch', async () => {
  await ready;
  const sc = only(`import torch
from torch.optim import lr_scheduler

num_epochs = 30
trainer = torch.optim.SGD(net.parameters(), lr=0.5)
scheduler = lr_scheduler.MultiStepLR(trainer, milestones=[15, 30], gamma=0.5)

def get_lr(trainer, scheduler):
    lr = scheduler.get_last_lr()[0]
    trainer.step()
    scheduler.step()
    return lr

d2l.plot(torch.arange(num_epochs), [get_lr(trainer, scheduler)
                                  for t in range(num_epochs)])
`);
  assert.equal(sc.stepping.unit, 'per-epoch');
  assert.equal(sc.stepping.steps, 30);
  // a comprehension over steps that do not say epoch or batch: counted, unit not guessed
  const plain = only(`import torch
opt = torch.optim.SGD(net.parameters(), lr=0.1)
sched = torch.optim.lr_scheduler.StepLR(opt, 10)
def nxt(s):
    s.step()
    return s.get_last_lr()[0]
if True:
    lrs = [nxt(sched) for i in range(100) if i % 2 == 0]
`);
  assert.equal(plain.stepping.calls.length, 1);
  assert.equal(plain.stepping.steps, 50, 'the comprehension filter is counted like an if');
});

test('sixth audit: `args.num_warmup_steps * accelerator.num_processes` (HF no_trainer scripts) is 0 for a 0 default, else a run-time count', async () => {
  await ready;
  const src = (warmup: number) => `import argparse, math, torch
from accelerate import Accelerator
from transformers import get_scheduler
parser = argparse.ArgumentParser()
parser.add_argument("--learning_rate", type=float, default=5e-5)
parser.add_argument("--num_train_epochs", type=int, default=3)
parser.add_argument("--max_train_steps", type=int, default=None)
parser.add_argument("--gradient_accumulation_steps", type=int, default=1)
parser.add_argument("--lr_scheduler_type", type=str, default="linear")
parser.add_argument("--num_warmup_steps", type=int, default=${warmup})
def main():
    args = parser.parse_args()
    accelerator = Accelerator(gradient_accumulation_steps=args.gradient_accumulation_steps)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate)
    overrode_max_train_steps = False
    num_update_steps_per_epoch = math.ceil(len(train_dataloader) / args.gradient_accumulation_steps)
    if args.max_train_steps is None:
        args.max_train_steps = args.num_train_epochs * num_update_steps_per_epoch
        overrode_max_train_steps = True
    lr_scheduler = get_scheduler(
        name=args.lr_scheduler_type,
        optimizer=optimizer,
        num_warmup_steps=args.num_warmup_steps * accelerator.num_processes,
        num_training_steps=args.max_train_steps
        if overrode_max_train_steps
        else args.max_train_steps * accelerator.num_processes,
    )
`;
  const sc = only(src(0));
  assert.equal(num(sc.args.num_warmup_steps), 0, '0 warmup steps on any number of processes');
  const t = sc.args.num_training_steps;
  assert.ok(t && 'unresolved' in t);
  assert.match(t.reason, /length of train_dataloader is only known at run time/);
  const w = only(src(100)).args.num_warmup_steps;
  assert.ok(w && 'unresolved' in w);
  assert.match(w.reason, /^accelerator\.num_processes: the number of processes is only known at run time$/);
  // a 0 times anything else unknown stays unknown (0 * a list is a list, 0 * nan is nan)
  const other = only(`import torch
opt = torch.optim.SGD(model.parameters(), lr=0.1)
s = torch.optim.lr_scheduler.StepLR(opt, step_size=0 * cfg.step)
`);
  assert.ok('unresolved' in other.args.step_size);
});

test('a scheduler stepped in a helper method that the training loop calls (self._training_step(batch)) is per-batch', async () => {
  await ready;
  // research Trainer classes: the step is in a method with no loop of its own, called per batch
  const sc = only(`import torch
from torch.optim.lr_scheduler import LambdaLR
class ZAdapterTrainer:
    def __init__(self, model, dataset, learning_rate=1e-4, num_epochs=3, gradient_accumulation=4, warmup_steps=100):
        self.model = model
        self.dataset = dataset
        self.epochs = num_epochs
        self.grad_accum = gradient_accumulation
        self.warmup_steps = warmup_steps
        self.optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate)
        self.scheduler = None
        self.global_step = 0

    def _setup_scheduler(self, num_training_steps):
        def lr_lambda(current_step):
            if current_step < self.warmup_steps:
                return float(current_step) / float(max(1, self.warmup_steps))
            return 1.0
        self.scheduler = LambdaLR(self.optimizer, lr_lambda)

    def train(self):
        self._setup_scheduler(len(self.dataset) * self.epochs)
        for epoch in range(self.epochs):
            dataloader = DataLoader(self.dataset, batch_size=4)
            for batch in dataloader:
                loss = self._training_step(batch)

    def _training_step(self, batch):
        loss = self.model(**batch).loss / self.grad_accum
        loss.backward()
        if (self.global_step + 1) % self.grad_accum == 0:
            self.optimizer.step()
            self.optimizer.zero_grad()
            if self.scheduler:
                self.scheduler.step()
        self.global_step += 1
        return loss.item()
`);
  assert.equal(sc.stepping.unit, 'per-batch');
  assert.equal(sc.stepping.steps, undefined);
  // a module-level helper called once per epoch: per-epoch, with the loop's count
  const epoch = only(`import torch
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30)
def end_of_epoch():
    scheduler.step()
for epoch in range(90):
    for x, y in loader:
        optimizer.step()
    end_of_epoch()
`);
  assert.equal(epoch.stepping.unit, 'per-epoch');
  assert.equal(epoch.stepping.steps, 90);
});

test('PyTorch Ignite: a torch scheduler attached to an engine event (LRScheduler wrapper, create_lr_scheduler_with_warmup, @trainer.on) steps on that event', async () => {
  await ready;
  const src = `import torch
from torch.optim.lr_scheduler import StepLR, ExponentialLR, MultiStepLR
from ignite.engine import Events, create_supervised_trainer
from ignite.handlers import LRScheduler, create_lr_scheduler_with_warmup
from ignite.contrib.engines import common
def run(epochs=10, lr=0.01):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.5)
    trainer = create_supervised_trainer(model, optimizer, loss_fn)
    torch_lr_scheduler = ExponentialLR(optimizer=optimizer, gamma=0.98)
    scheduler = LRScheduler(torch_lr_scheduler)
    trainer.add_event_handler(Events.ITERATION_COMPLETED, scheduler)
    step_scheduler = StepLR(optimizer, step_size=3, gamma=0.1)
    trainer.add_event_handler(Events.EPOCH_COMPLETED, LRScheduler(step_scheduler))
    multi = MultiStepLR(optimizer, milestones=[1000, 2000], gamma=0.1)
    warm = create_lr_scheduler_with_warmup(multi, warmup_start_value=1e-5, warmup_duration=100)
    common.setup_common_training_handlers(trainer, lr_scheduler=warm, with_pbars=False)
    cos = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    @trainer.on(Events.EPOCH_COMPLETED)
    def step_lr(engine):
        cos.step()
    trainer.run(train_loader, max_epochs=epochs)
run()
`;
  const exp = only(src, 'ExponentialLR');
  assert.equal(exp.stepping.unit, 'per-batch');
  assert.equal(exp.stepping.steps, undefined);
  const step = only(src, 'StepLR');
  assert.equal(step.stepping.unit, 'per-epoch');
  assert.equal(step.stepping.steps, 10, 'trainer.run(..., max_epochs=epochs) with epochs=10');
  const multi = only(src, 'MultiStepLR');
  assert.equal(multi.stepping.unit, 'per-batch', 'setup_common_training_handlers attaches it to ITERATION_COMPLETED');
  assert.ok(multi.diagnostics.some((d) => /create_lr_scheduler_with_warmup/.test(d.message) && /100/.test(d.message)), JSON.stringify(multi.diagnostics));
  const cos = only(src, 'CosineAnnealingLR');
  assert.equal(cos.stepping.unit, 'per-epoch');
  assert.equal(cos.stepping.steps, 10);
});

test('Hydra: a value read from the @hydra.main config is unresolved with a reason that names the Hydra config', async () => {
  await ready;
  const sc = only(`import hydra
import torch
from omegaconf import DictConfig
class Trainer:
    def __init__(self, model, cfg):
        self.optimizer = torch.optim.Adam(model.parameters(), lr=cfg.training.lr)
        self.scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(self.optimizer, T_max=cfg.training.epochs)
    def run(self):
        for epoch in range(10):
            self.scheduler.step()
@hydra.main(config_path="configs", config_name="config", version_base=None)
def main(cfg: DictConfig):
    trainer = Trainer(build_model(cfg), cfg)
    trainer.run()
if __name__ == "__main__":
    main()
`);
  const t = sc.args.T_max;
  assert.ok(t && 'unresolved' in t, JSON.stringify(t));
  assert.equal(t.source, 'cfg.training.epochs');
  assert.match(t.reason, /Hydra config of main\(\).*YAML/);
  assert.equal(sc.optimizer?.lrs[0], null);
  assert.match(sc.optimizer!.unresolved[0].reason, /Hydra config/);
  assert.equal(sc.stepping.unit, 'per-epoch');
});
