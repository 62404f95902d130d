// `npm run bench`: the engine's speed, side by side with PyTorch stepping its own scheduler in the
// same run (where Debian's python3-torch is installed), reported as ratios. Not a test: numbers only.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { simulate } from '../src/schedulers/simulate';
import type { PyValue, SchedulerRef, OptimizerRef } from '../src/schedulers/pyvalue';
import { benchReader } from './reader';
import { initPython } from '../src/python/parser';
import { analyzeSource, toSchedulerRef } from '../src/python/analyze';
import { benchActivation } from './activation';
import { benchHover } from './hover';

const I = (v: number): PyValue => ({ t: 'int', v });
const F = (v: number): PyValue => ({ t: 'float', v });
const L = (...items: PyValue[]): PyValue => ({ t: 'list', items });
let id = 1;
const sgd = (): OptimizerRef => ({ name: 'SGD', id: id++, groups: [], defaults: { lr: F(0.1), momentum: F(0.9) } });

interface Case {
  name: string;
  /** The same scheduler as Python source, for PyTorch (`optimizer` is SGD lr=0.1 momentum=0.9). */
  python: string;
  /** A whole program defining `scheduler` (read by our reader, exec'd by PyTorch) instead of `python`. */
  source?: string;
  ref(steps: number): SchedulerRef;
}

/**
 * LambdaLR as users write it: the function comes from their source (read before the clock starts,
 * like PyTorch's exec of the program) and runs through the reader's evaluator — its numeric
 * compilation where it qualifies — not as a hand-written JavaScript closure.
 */
const fromSource = (name: string, source: string): Case => ({
  name,
  python: '',
  source,
  ref: () => {
    const call = analyzeSource(source).schedulers.find((x) => x.variable === 'scheduler');
    if (!call) throw new Error(`${name}: no scheduler found`);
    return toSchedulerRef(call);
  },
});
const PROGRAM = (body: string) => `import math\nimport torch\nfrom torch.optim.lr_scheduler import LambdaLR\nmodel = torch.nn.Linear(4, 2)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)\n${body}`;

/**
 * A lambda as a JavaScript stand-in: call() boxes the epoch and the result as the evaluator's
 * functions do; with `numeric`, the same function is also its callNumber (the integer epoch in, the
 * same number out), as the evaluator compiles one (src/python/numeric.ts): that row times the
 * engine's loop, the call()-only row the same loop through the boxed entry.
 */
const standIn = (fn: (s: number) => number, numeric: boolean): PyValue => {
  const f = { t: 'func', name: 'f', call: (a: PyValue[]) => F(fn((a[0] as { v: number }).v)) } as PyValue;
  return numeric ? Object.assign(f, { callNumber: fn }) : f;
};
/**
 * lambda s: 0.5 ** (s // 1000), with the one-entry cache the compiled code keeps per `**` (Math.pow
 * costs ~40 ns a call here: uncached, it alone would be 4 ms per 100k steps).
 */
const halving = () => {
  let k = NaN;
  let v = NaN;
  return (s: number) => {
    const e = Math.floor(s / 1000);
    if (e !== k) {
      k = e;
      v = Math.pow(0.5, e);
    }
    return v;
  };
};
const lambdaCase = (name: string, cls: string, python: string, fn: () => (s: number) => number, numeric: boolean): Case => ({
  name,
  python,
  ref: () => ({ name: cls, optimizer: sgd(), args: { lr_lambda: standIn(fn(), numeric) } }),
});

const simple = (name: string, args: Record<string, PyValue>, python: string): Case => ({
  name,
  python,
  ref: () => ({ name, args, optimizer: sgd() }),
});

const CASES: Case[] = [
  fromSource('LambdaLR, lambda in source', PROGRAM('scheduler = LambdaLR(optimizer, lambda s: 0.5 ** (s // 1000))\n')),
  fromSource('LambdaLR, def in source', PROGRAM('WARMUP = 1000\nTOTAL = 1_000_000\n\ndef warmup_cosine(step):\n    if step < WARMUP:\n        return (step + 1) / WARMUP\n    progress = (step - WARMUP) / max(1, TOTAL - WARMUP)\n    return 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))\n\nscheduler = LambdaLR(optimizer, warmup_cosine)\n')),
  lambdaCase('LambdaLR', 'LambdaLR', 'LambdaLR(optimizer, lambda s: 0.5 ** (s // 1000))', halving, true),
  lambdaCase('LambdaLR, call() only', 'LambdaLR', 'LambdaLR(optimizer, lambda s: 0.5 ** (s // 1000))', halving, false),
  lambdaCase('MultiplicativeLR', 'MultiplicativeLR', 'MultiplicativeLR(optimizer, lambda s: 0.99999)', () => () => 0.99999, true),
  lambdaCase('MultiplicativeLR, call() only', 'MultiplicativeLR', 'MultiplicativeLR(optimizer, lambda s: 0.99999)', () => () => 0.99999, false),
  simple('StepLR', { step_size: I(1000), gamma: F(0.9) }, 'StepLR(optimizer, step_size=1000, gamma=0.9)'),
  simple('MultiStepLR', { milestones: L(I(1000), I(50000), I(500000)) }, 'MultiStepLR(optimizer, milestones=[1000, 50000, 500000])'),
  simple('ConstantLR', { factor: F(0.5), total_iters: I(1000) }, 'ConstantLR(optimizer, factor=0.5, total_iters=1000)'),
  simple('LinearLR', { start_factor: F(0.01), total_iters: I(10000) }, 'LinearLR(optimizer, start_factor=0.01, total_iters=10000)'),
  simple('ExponentialLR', { gamma: F(0.99999) }, 'ExponentialLR(optimizer, gamma=0.99999)'),
  simple('PolynomialLR', { total_iters: I(2000000), power: F(2.0) }, 'PolynomialLR(optimizer, total_iters=2000000, power=2.0)'),
  simple('CosineAnnealingLR', { T_max: I(100000) }, 'CosineAnnealingLR(optimizer, T_max=100000)'),
  simple('CyclicLR', { base_lr: F(0.01), max_lr: F(0.1), step_size_up: I(2000) }, 'CyclicLR(optimizer, base_lr=0.01, max_lr=0.1, step_size_up=2000)'),
  simple('CosineAnnealingWarmRestarts', { T_0: I(1000), T_mult: I(2), eta_min: F(0.001) }, 'CosineAnnealingWarmRestarts(optimizer, T_0=1000, T_mult=2, eta_min=0.001)'),
  { name: 'OneCycleLR', python: 'OneCycleLR(optimizer, max_lr=0.1, total_steps=STEPS)', ref: (steps) => ({ name: 'OneCycleLR', optimizer: sgd(), args: { max_lr: F(0.1), total_steps: I(steps) } }) },
  simple('SWALR', { swa_lr: F(0.05), anneal_epochs: I(1000) }, 'SWALR(optimizer, swa_lr=0.05, anneal_epochs=1000)'),
  simple('ReduceLROnPlateau', { patience: I(100) }, 'ReduceLROnPlateau(optimizer, patience=100)'),
  {
    name: 'SequentialLR',
    python: 'SequentialLR(optimizer, [LinearLR(optimizer, start_factor=0.1, total_iters=1000), CosineAnnealingLR(optimizer, T_max=STEPS)], milestones=[1000])',
    ref: (steps) => {
      const o = sgd();
      return { name: 'SequentialLR', optimizer: o, args: { schedulers: L({ t: 'scheduler', spec: { name: 'LinearLR', optimizer: o, args: { start_factor: F(0.1), total_iters: I(1000) } } }, { t: 'scheduler', spec: { name: 'CosineAnnealingLR', optimizer: o, args: { T_max: I(steps) } } }), milestones: L(I(1000)) } };
    },
  },
  {
    name: 'ChainedScheduler',
    python: 'ChainedScheduler([ConstantLR(optimizer, factor=0.5, total_iters=1000), ExponentialLR(optimizer, gamma=0.99999)])',
    ref: () => {
      const o = sgd();
      return { name: 'ChainedScheduler', optimizer: null, args: { schedulers: L({ t: 'scheduler', spec: { name: 'ConstantLR', optimizer: o, args: { factor: F(0.5), total_iters: I(1000) } } }, { t: 'scheduler', spec: { name: 'ExponentialLR', optimizer: o, args: { gamma: F(0.99999) } } }) } };
    },
  },
];

function timeOurs(c: Case, steps: number): number {
  const metrics = c.name === 'ReduceLROnPlateau' ? Array.from({ length: steps }, (_, i) => 1 / (1 + i)) : undefined;
  // The scheduler as written (for the from-source cases: read from the file) is made once, before
  // the clock starts, as PyTorch's is constructed once before its timed loop. Warm up the JIT once,
  // then take the best of 3.
  const ref = c.ref(steps);
  simulate(ref, { steps: Math.min(steps, 10000), metrics });
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    const s = simulate(ref, { steps, metrics });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (s.error) throw new Error(`${c.name}: ${s.error.message}`);
    best = Math.min(best, ms);
  }
  return best;
}

/**
 * The floor under every row: allocating the N-step output column and writing it
 * (`new Float64Array(n).fill(x)`, the cheapest write there is), timed like timeOurs(). A fresh
 * column's first write pays a page fault per 4 KB page; any simulation returning a new column pays it.
 */
function timeFloor(steps: number): number {
  const fill = (n: number) => new Float64Array(n).fill(0.1);
  fill(Math.min(steps, 10000));
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    const col = fill(steps);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (col[steps - 1] !== 0.1) throw new Error('floor: the column was not written');
    best = Math.min(best, ms);
  }
  return best;
}
const FLOOR = 'floor: a fresh column';

const PY = `
import json, sys, time, warnings
warnings.simplefilter("ignore")
import torch
from torch.optim.lr_scheduler import *
from torch.optim.swa_utils import SWALR
cases = json.loads(sys.stdin.read())
out = {}
for c in cases:
    steps = c["steps"]
    if c.get("source"):
        ns = {}
        exec(c["source"], ns)
        sched = ns["scheduler"]
    else:
        model = torch.nn.Linear(4, 2)
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
        sched = eval(c["python"].replace("STEPS", str(steps)))
    plateau = c["name"] == "ReduceLROnPlateau"
    t0 = time.perf_counter()
    if plateau:
        for i in range(steps):
            sched.step(1.0 / (1 + i))
    else:
        for i in range(steps):
            sched.step()
    out[c["name"]] = (time.perf_counter() - t0) * 1000
print(json.dumps(out))
`;

function timeTorch(steps: number): Record<string, number> | null {
  const py = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const probe = spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const r = spawnSync(py, ['-c', PY], { input: JSON.stringify(CASES.map((c) => ({ name: c.name, python: c.python, source: c.source, steps }))), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) {
    console.log(`PyTorch run failed: ${r.stderr.split('\n').slice(-3).join(' ')}`);
    return null;
  }
  return JSON.parse(r.stdout);
}

/**
 * Times one case in a fresh Node process: the cost of previewing that scheduler on its own, without
 * the other cases having made the engine's shared call sites megamorphic first.
 */
function timeFresh(c: { name: string }): { t100k: number; t1M: number } | null {
  const r = spawnSync(process.execPath, [__filename, '--engine-case', c.name], { encoding: 'utf8' });
  const m = /^fresh (\S+) (\S+)$/m.exec(r.stdout ?? '');
  return m ? { t100k: Number(m[1]), t1M: Number(m[2]) } : null;
}

async function main() {
  await initPython();
  const only = process.argv.indexOf('--engine-case');
  if (only > 0) {
    const name = process.argv[only + 1];
    if (name === FLOOR) {
      console.log(`fresh ${timeFloor(100_000)} ${timeFloor(1_000_000)}`);
      return;
    }
    const c = CASES.find((x) => x.name === name)!;
    console.log(`fresh ${timeOurs(c, 100_000)} ${timeOurs(c, 1_000_000)}`);
    return;
  }
  console.log('# Engine: time to simulate N steps (best of 3, ms)');
  console.log(`# "fresh": the scheduler alone in a new process (one preview); "shared": all ${CASES.length} cases in one process, in turn`);
  const torch = timeTorch(100_000);
  if (!torch) console.log('(python3-torch not installed: `apt-get install python3-torch` adds the PyTorch column)');
  const rows: string[][] = [['scheduler', 'fresh 100k', 'fresh 1M', 'shared 100k', 'shared 1M', ...(torch ? ['PyTorch 100k', 'speed-up (fresh)', 'speed-up (shared)'] : [])]];
  let worst1M = 0;
  let worstFresh1M = 0;
  let worstRatio = Infinity;
  const fresh = new Map(CASES.map((c) => [c.name, timeFresh(c)]));
  for (const c of CASES) {
    const t100k = timeOurs(c, 100_000);
    const t1M = timeOurs(c, 1_000_000);
    const f = fresh.get(c.name);
    worst1M = Math.max(worst1M, t1M);
    if (f) worstFresh1M = Math.max(worstFresh1M, f.t1M);
    const row = [c.name, f ? f.t100k.toFixed(2) : '?', f ? f.t1M.toFixed(2) : '?', t100k.toFixed(2), t1M.toFixed(2)];
    if (torch && torch[c.name] !== undefined) {
      const ratio = torch[c.name] / t100k;
      worstRatio = Math.min(worstRatio, ratio);
      row.push(torch[c.name].toFixed(1), f ? `${(torch[c.name] / f.t100k).toFixed(0)}×` : '?', `${ratio.toFixed(0)}×`);
    }
    rows.push(row);
  }
  printTable(rows);
  console.log(`\nslowest 1M-step simulation: ${worstFresh1M.toFixed(1)} ms fresh, ${worst1M.toFixed(1)} ms shared (goal < 50 ms)`);
  if (torch) console.log(`smallest speed-up over PyTorch at 100k steps: ${worstRatio.toFixed(0)}× (goal ≥ 500×)`);
  // The floor: what writing the result alone costs, whatever the scheduler.
  const floorFresh = timeFresh({ name: FLOOR });
  const floor100k = floorFresh ? floorFresh.t100k : timeFloor(100_000);
  const floor1M = floorFresh ? floorFresh.t1M : timeFloor(1_000_000);
  console.log(`floor (new Float64Array(n).fill(x), the output column every simulation writes; fresh process, best of 3): ${floor100k.toFixed(2)} ms per 100k steps, ${floor1M.toFixed(2)} ms per 1M`);
  const plateau = torch?.ReduceLROnPlateau;
  if (plateau !== undefined) {
    const goal = plateau / 500;
    console.log(
      `  PyTorch's ReduceLROnPlateau (its step() is cheap) takes ${plateau.toFixed(1)} ms for 100k steps = ${(plateau / floor100k).toFixed(0)}× the floor; ` +
        `500× would mean ${goal.toFixed(3)} ms, ${goal < floor100k ? 'less than writing the result alone' : 'above the floor'}`,
    );
  }
  await benchReader(printTable);
  await benchActivation(printTable);
  await benchHover();
}

export function printTable(rows: string[][]): void {
  const w = rows[0].map((_, k) => Math.max(...rows.map((r) => (r[k] ?? '').length)));
  for (const r of rows) console.log(r.map((x, k) => (k === 0 ? x.padEnd(w[k]) : x.padStart(w[k]))).join('  '));
}

void main();
