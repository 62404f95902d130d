// User functions (lr_lambda lambdas and defs) run compiled (closures built once) or interpreted
// (walking the syntax each call): the same values and the same errors, step after step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../src/python/analyze';
import { COMPILE } from '../../src/python/evaluate';
import { repr, type PyFunction, type PyValue } from '../../src/schedulers/pyvalue';
import { ready } from './python-helpers';

const HEADER = `import math
import argparse
import torch
from torch.optim.lr_scheduler import LambdaLR
parser = argparse.ArgumentParser()
parser.add_argument('--warmup', type=int, default=5)
args = parser.parse_args()
CFG = {'total': 30, 'floor': 0.05, 'steps': [10, 20]}
MILESTONES = (8, 16, 24)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
`;

const FUNCTIONS: string[] = [
  'f = lambda s: 0.5 ** (s // 10)',
  'f = lambda s: min(1.0, (s + 1) / args.warmup) * max(CFG["floor"], 1 - s / CFG["total"])',
  'f = lambda s: 1.0 if s < 3 else 0.1 if s < 9 else 0.01',
  'f = lambda s: 0.5 * (1 + math.cos(math.pi * s / 20)) if not s % 7 == 3 and s != 11 else -1',
  'f = lambda s: abs(round(math.sin(s) * 100) / 100) + int(s > 4) + float(s) / 1e3',
  'f = lambda s: [1.0, 0.5, 0.25][s % 3] * (s in (4, 5) or 1)',
  'f = lambda s: 1 / (s - 6)',  // ZeroDivisionError at step 6
  'f = lambda s: "x" + s if s == 9 else 1.0',  // TypeError at step 9
  'f = lambda s: 2 ** s * 1e-300 * 1e300 if s < 40 else 10.0 ** 400',
  'f = lambda s: s // -3 + s % -4 - (-s) ** 2 / 7 + 1e9 // (s + 0.5)',
  'f = lambda s: 3 < s <= 9 < 2 * s',
  `def f(step):
    if step < args.warmup:
        return (step + 1) / args.warmup
    elif step in MILESTONES:
        return 0.3
    progress = (step - args.warmup) / max(1, CFG['total'] - args.warmup)
    return 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))`,
  `def f(step):
    factor = 1.0
    for m in MILESTONES:
        if step < m:
            break
        factor *= 0.5
    else:
        factor = factor / 3
    return factor`,
  `def f(step):
    k, total = 0, 0.0
    while k < step:
        k += 1
        if k % 2:
            continue
        total += 1 / k
    else:
        total += 0.001
    return 1 / (1 + total)`,
  `def f(step):
    def inner(x, scale=2):
        return x * scale
    a, (b, c) = step, (1, 2)
    return inner(a) / (b + c + step)`,
  `def f(step):
    if step > 12:
        y = step
    return y / 100`,  // UnboundLocalError for step <= 12
  `def f(step):
    """docstring"""
    print("step", step)
    x = y = step * 0.1
    x -= 0.5
    return x * y if x > 0 else -x`,
  `def f(step, warm=3, *rest):
    return step / warm if step < warm else sum([1, 2, 3]) / 6`,
  `def f(step):
    return len([1, 2]) + CFG['steps'][step % 2] / 100 + len(CFG['steps'])`,
  `def f(step):
    raise ValueError("bad step")`,
];

function lrLambda(src: string): PyValue {
  const call = analyzeSource(`${HEADER}${src}\nscheduler = LambdaLR(optimizer, f)\n`).schedulers[0];
  const a = call?.args.lr_lambda;
  assert.ok(a && 'value' in a && a.value.t === 'func', `${src}: lr_lambda resolved (${JSON.stringify(a)})`);
  return a.value;
}

function run(f: PyValue, steps: number): string[] {
  const out: string[] = [];
  for (let s = 0; s < steps; s++) {
    try {
      const v = (f as { call(a: PyValue[]): PyValue }).call([{ t: 'int', v: s }]);
      out.push(repr(v));
    } catch (e) {
      out.push(e instanceof Error || (e as { type?: string }).type ? `${(e as { type?: string }).type ?? ''}: ${(e as Error).message}` : String(e));
    }
  }
  return out;
}

test('compiled user functions give the interpreter\'s values and errors at every step', async () => {
  await ready;
  for (const src of FUNCTIONS) {
    COMPILE.enabled = false;
    let interpreted: string[];
    try {
      interpreted = run(lrLambda(src), 45);
    } finally {
      COMPILE.enabled = true;
    }
    const compiled = run(lrLambda(src), 45);
    assert.deepEqual(compiled, interpreted, src);
  }
});

test('the compared functions do exercise values and errors (the comparison is not vacuous)', async () => {
  await ready;
  const r = run(lrLambda('f = lambda s: 1 / (s - 6)'), 8);
  assert.match(r[6], /ZeroDivisionError/);
  assert.equal(r[7], '1.0');
  const w = run(lrLambda(FUNCTIONS[11]), 7);
  assert.deepEqual(w.slice(0, 2), ['0.2', '0.4']);
  const u = run(lrLambda(FUNCTIONS[15]), 14);
  assert.match(u[0], /UnboundLocalError/);
  assert.equal(u[13], '0.13');
});

test('where a function also has a numeric path (numeric.ts), it gives the same numbers, and throws where the others raise', async () => {
  await ready;
  let withPath = 0;
  for (const src of FUNCTIONS) {
    const f = lrLambda(src) as PyFunction;
    const cn = f.callNumber;
    if (!cn) continue;
    withPath++;
    const boxed = run(f, 45);
    for (let s = 0; s < 45; s++) {
      let numeric: string;
      try {
        numeric = repr({ t: 'float', v: cn(s) });
      } catch {
        numeric = 'throws';
      }
      // repr of the boxed value as a float: an int result compares as its number
      const b = /^-?\d+$/.test(boxed[s]) ? repr({ t: 'float', v: Number(boxed[s]) }) : boxed[s];
      if (numeric === 'throws') assert.ok(!/^-?[\d.e+-]+$|^(inf|-inf|nan)$/.test(b), `${src} at ${s}: numeric threw, boxed gave ${b}`);
      else assert.equal(numeric, b, `${src} at ${s}`);
    }
  }
  assert.ok(withPath >= 8, `${withPath} functions with a numeric path`);
});

test('the bound on operations in total is per simulation: a hover, the chart and a CodeLens may simulate one analysis in turn', async () => {
  await ready;
  const { toSchedulerRef } = await import('../../src/python/analyze');
  const { simulate } = await import('../../src/schedulers/simulate');
  const { LIMITS } = await import('../../src/python/evaluate');
  const call = analyzeSource(`import torch
from torch.optim.lr_scheduler import LambdaLR
model = torch.nn.Linear(4, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
def f(step):
    total = 0
    for i in range(3):
        total += i
    return 1 / (1 + step + total)
scheduler = LambdaLR(optimizer, f)
`).schedulers[0];
  const saved = LIMITS.opsTotal;
  try {
    const once = simulate(toSchedulerRef(call), { steps: 40 });
    assert.equal(once.error, null);
    // a bound a little over one run's operations: each later run fits, all together would not
    LIMITS.opsTotal = 2_000;
    for (let run = 0; run < 3; run++) {
      const s = simulate(toSchedulerRef(call), { steps: 40 });
      assert.equal(s.error, null, `run ${run}`);
      assert.deepEqual(s.lrs, once.lrs);
    }
    // and one run past the bound still stops
    const long = simulate(toSchedulerRef(call), { steps: 400 });
    assert.match(long.error?.message ?? '', /more than 2000 operations in total/);
  } finally {
    LIMITS.opsTotal = saved;
  }
});
