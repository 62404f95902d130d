// User functions compiled to plain-number code (src/python/numeric.ts): callNumber(x) must return
// exactly what the boxed call([int x]) returns, bit for bit, throw wherever the boxed call raises or
// returns something else than an int or a float, and count the operations the boxed call counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../src/python/analyze';
import { Evaluator, LIMITS, type UserFunction } from '../../src/python/evaluate';
import { NUMERIC } from '../../src/python/numeric';
import { FileIndex } from '../../src/python/scope';
import { LiveTree } from '../../src/python/node';
import { parsePython } from '../../src/python/parser';
import { repr, type PyFunction, type PyValue } from '../../src/schedulers/pyvalue';
import { ready } from './python-helpers';

const HEADER = `import math
import argparse
import numpy as np
import torch
from torch.optim.lr_scheduler import LambdaLR
from easydict import EasyDict
WARMUP = 1000
TOTAL = 1_000_000
parser = argparse.ArgumentParser()
parser.add_argument('--warmup', type=int, default=5)
parser.add_argument('--total', type=int, default=100_000)
parser.add_argument('--decay', type=float, default=0.5 ** 2 + 0.25)
parser.add_argument('--steps', type=int, default=TOTAL // 10)
args = parser.parse_args()
CFG = {'total': 30, 'floor': 0.05, 'steps': [10, 20]}
EC = EasyDict({'decay': 0.9, 'every': 4})
MILESTONES = (8, 16, 24)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
`;

/** Functions that must get a numeric path (each binds `f`). */
const NUMERIC_FNS: string[] = [
  'f = lambda s: 0.5 ** (s // 1000)',
  `def f(step):
    if step < WARMUP:
        return (step + 1) / WARMUP
    progress = (step - WARMUP) / max(1, TOTAL - WARMUP)
    return 0.5 * (1.0 + math.cos(math.pi * min(progress, 1.0)))`,
  'f = lambda s: 1.0 if s < 3 else 0.1 if s < 9 else 0.01',
  'f = lambda s: 1 if s < 10 else 0.1',
  'f = lambda s: s',
  'f = lambda s: -s + +s - ~s',
  'f = lambda s: s // -3 + s % -4 - (-s) ** 2 / 7 + 1e9 // (s + 0.5)',
  'f = lambda s: -s // 4 + -s % 4 + (s * 7) % 5 - (s * 7) // 5',
  'f = lambda s: s % 2.5 - s // 2.5 + (-s) % 2.5 + s % -2.5 + 7.5 // (s - 3.5)',
  'f = lambda s: 1 / (s - 6)', // ZeroDivisionError at 6
  'f = lambda s: 1.0 / (s - 6.0) + s / (s * 0.0 + 1)',
  'f = lambda s: s % (s - 9) + s // (s - 11)', // integer modulo / division by zero at 9, 11
  'f = lambda s: (s - 5) // 0 if s > 20 else s % 7', // folded 0 divisor on a branch
  'f = lambda s: round(s / 4) + round(s * 0.37, 2) + int(s / 3) + int(-s / 3) + abs(-s) + abs(s - 2.5)',
  'f = lambda s: round(s) + int(s) + float(s) + abs(s) + round(s, 1) + bool(s) + int(True) + float()',
  'f = lambda s: min(1.0, (s + 1) / 5) * max(0.05, 1 - s / 30) + min(s, 3, 2.5) - max(-s, 0)',
  'f = lambda s: min(s * 0.0, -s * 0.0)', // equal items: the first is kept (0.0, not -0.0)
  'f = lambda s: max(-s * 0.0, s * 0.0, -1)',
  'f = lambda s: math.exp(-s / 10) + math.log(s + 1) + math.sqrt(s) + math.sin(s) + math.tanh(s / 7) + math.log10(s + 1) + math.log2(s + 2)',
  'f = lambda s: math.log(s, 2) if s > 1 else math.floor(s / 3) + math.ceil(-s / 3) + math.trunc(s / 3)',
  'f = lambda s: math.sqrt(s - 3) + math.log(s - 5)', // domain errors below 3 and 5
  'f = lambda s: math.pow(s - 3, -1) + math.pow(2, s / 4) + math.atan2(s, s - 3) + math.copysign(1.0, 3 - s)',
  'f = lambda s: math.isnan(s) + math.isinf(s) + math.isfinite(s) + math.fabs(-s) + math.degrees(s) + math.radians(s)',
  'f = lambda s: math.acos(s / 10) + math.asin(s / 10) + math.atan(s) + math.cosh(s / 10) + math.sinh(s / 10) + math.expm1(s / 9) + math.log1p(s - 2)',
  'f = lambda s: math.exp(s * 10)', // OverflowError from about 71
  'f = lambda s: 2 ** s * 1e-300 * 1e300 if s < 40 else 10.0 ** 400',
  'f = lambda s: 2 ** (s - 5) + 0 ** s + s ** 2 + pow(0.9, s // 3) + pow(s, 2)',
  'f = lambda s: s ** -1', // 0 ** negative
  'f = lambda s: (-2) ** (s / 2)', // a negative base to a fractional power
  'f = lambda s: (s - 3) ** 0.5 + 1.5 ** s',
  'f = lambda s: 10 ** s', // an int inf from 309, as the boxed path has it
  'f = lambda s: (10 ** s - 10 ** s) ** 2 + s', // an int nan
  'f = lambda s: s * 2 ** 60 // 3 + s * 2 ** 55 % 7', // ints beyond 2**53, as doubles
  'f = lambda s: round(s * 1e300 * 1e10) if s > 3 else int(s * 1e300 * 1e10 - s * 1e300 * 1e10)', // inf and nan to int
  'f = lambda s: math.pi * 0 + math.e + math.tau + (math.inf if s > 1000 else 0)',
  'f = lambda s: 1 if s else 0.5',
  'f = lambda s: (1.0 if 3 < s <= 9 < 2 * s else 0.5) + (2 if 0 <= s < 10 == 10 else 3)',
  'f = lambda s: (s > 5) * 0.1 + True + (s == 3) + (s != 4) * 2',
  'f = lambda s: s and 0.5 or 0.25',
  'f = lambda s: (s % 3 and s % 5) + (s % 2 or 7) + (not s % 4) * 1.5',
  'f = lambda s: math.cos(math.pi * s / 20) if s % 7 != 3 and s != 11 else -1',
  'f = lambda s: np.cos(np.pi * s / 20) + np.exp(-s)',
  'f = lambda s: min(1.0, (s + 1) / args.warmup) * max(CFG["floor"], 1 - s / CFG["total"])',
  'f = lambda s: 1 - s / args.total + args.decay ** (s // 10)',
  'f = lambda s: EC.decay ** (s // EC.every) + CFG["steps"][1] / 100 + CFG["steps"][0]',
  'f = lambda s: [1.0, 0.5, 0.25][s % 3] + (0.1, 0.2, 0.3)[-1 - s % 3] + (0.1, 0.2, 0.3)[s // 10]', // IndexError from 30
  'f = lambda s: 0.3 if s in MILESTONES else 1.0 if s not in (1, 2, 2.0, True) else 0.7',
  'f = lambda s, k=0.9, *rest, **kw: k ** s',
  `def f(step, warm=3, scale=0.5):
    return step / warm if step < warm else scale ** ((step - warm) // 4)`,
  `def f(step):
    """docstring"""
    # a comment
    print("step", step)
    global TOTAL
    factor = 1.0
    if step >= 10:
        factor *= 0.5
    elif step >= 5:
        factor -= 0.25
    else:
        pass
    x = y = step * 0.1
    x -= 0.5
    k: int = 3
    k **= 2
    return factor * (x * y if x > 0 else -x) + k`,
  `def f(step):
    if step < 5:
        x = 1
    else:
        x = 0.5
    return x * 2`,
  `def f(step):
    x = 2
    if step > 4:
        return x / step
    x = x * 1.5
    if step > 2:
        x += 1
    return x`,
  `def f(s):
    assert s < 30, "too far"
    return 1 - s / 30`,
  `def f(s):
    if s > 20:
        raise ValueError("late")
    return 1.0`,
  `def f(s):
    if s < 10:
        return 1.0`, // None from 10: the engine's error, redone by the boxed path
  `def f(s):
    if s < 10:
        return 1.0
    return`,
  `def f(s):
    if s > 12:
        return "late"
    return 0.5`,
  `def f(s):
    math.sqrt(s - 5)
    return 1.0`,
  `def f(s):
    if True:
        return 2.0
    return 1.0`,
  `def make(warm, total):
    def inner(step):
        if step < warm:
            return step / warm
        return max(0.0, (total - step) / (total - warm))
    return inner
f = make(5, 40)`,
  `def make(k):
    return lambda s: k ** s
f = make(0.9)`,
];

/** Where these give an int inf or nan, the numeric path declines (the boxed path gives it). */
const MAY_DECLINE = new Set(['f = lambda s: (10 ** s - 10 ** s) ** 2 + s']);

/** Functions that must not get one (the boxed path stays the only one). */
const BOXED_ONLY: string[] = [
  'f = lambda s: s > 3', // a bool result
  'f = lambda s: not s',
  'f = lambda s: [s]',
  'f = lambda s: "x" + s',
  'f = lambda s: s // (1 if s > 3 else 0.5)', // // of an int or a float
  'f = lambda s: s is None',
  'f = lambda s: max(s, 1, key=None)',
  'f = lambda: 1.0',
  'f = lambda s, t: s',
  'f = lambda *s: 1.0',
  'f = lambda s: len([1, 2]) + s',
  'f = lambda s: sum([1, 2]) + s',
  `def g(x):
    return x * 2
f = lambda s: g(s)`,
  `def f(step):
    factor = 1.0
    for m in MILESTONES:
        if step >= m:
            factor *= 0.5
    return factor`,
  `def f(step):
    k = 0
    while k < step:
        k += 1
    return k`,
  `def f(step):
    if step > 12:
        y = step
    return y / 100`, // maybe unassigned (UnboundLocalError)
  `def f(step):
    x = 1.0
    if step > 3:
        x = "a"
    return 2.0 if x == "a" else x`,
  `def f(step):
    def inner(x):
        return x
    return inner(step)`,
  `def f(step):
    a, b = step, 2
    return a / b`,
  'f = lambda s: undefined_name * s',
];

function lrLambda(src: string): PyFunction {
  const call = analyzeSource(`${HEADER}${src}\nscheduler = LambdaLR(optimizer, f)\n`).schedulers[0];
  const a = call?.args.lr_lambda;
  assert.ok(a && 'value' in a && a.value.t === 'func', `${src}: lr_lambda resolved (${JSON.stringify(a)})`);
  return a.value;
}

/** A function built by a bare evaluator (no analysis), with the evaluator itself. */
function built(src: string): { ev: Evaluator; f: UserFunction } {
  const text = `${HEADER}${src}\nend = 0\n`;
  const live = new LiveTree(text, parsePython(text));
  const ev = new Evaluator(new FileIndex(text, live.root));
  const stmts = live.root.namedChildren;
  const f = ev.lookupStatic('f', stmts[stmts.length - 1]);
  assert.equal(f.t, 'func', src);
  return { ev, f: f as UserFunction };
}

const XS = [
  ...Array.from({ length: 61 }, (_, i) => i),
  -0, -1, -2, -3, -7, -1000, 70, 71, 100, 308, 309, 310, 999, 1000, 1001, 1999, 2000, 12345, 999_999, 1_000_000, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 2 ** 60, -(2 ** 60), 1e15, 1e300,
];

type Outcome = { value: number } | { raised: string };

function boxedOutcome(f: PyFunction, x: number): Outcome {
  try {
    const v = f.call([{ t: 'int', v: x }]);
    if (v.t === 'int' || v.t === 'float') return { value: v.v };
    return { raised: `returned ${repr(v as PyValue)}` };
  } catch (e) {
    return { raised: `${(e as { type?: string }).type ?? ''}: ${(e as Error).message}` };
  }
}

function numericOutcome(cn: (x: number) => number, x: number): Outcome {
  try {
    return { value: cn(x) };
  } catch (e) {
    return { raised: String(e) };
  }
}

const show = (v: number) => (Object.is(v, -0) ? '-0' : String(v));

/** Every x: the same number (Object.is), or a throw where the boxed call does not give one. */
function compare(src: string, f: PyFunction, xs = XS): { values: number; raised: number } {
  const cn = f.callNumber;
  assert.ok(cn, `${src}: has a numeric path`);
  let values = 0, raised = 0;
  for (const x of xs) {
    const b = boxedOutcome(f, x);
    const n = numericOutcome(cn, x);
    if ('value' in b) {
      if (!('value' in n) && MAY_DECLINE.has(src)) continue;
      assert.ok('value' in n, `${src} at ${x}: boxed ${b.value}, numeric threw ${'raised' in n ? n.raised : ''}`);
      assert.ok(Object.is(n.value, b.value), `${src} at ${x}: boxed ${show(b.value)}, numeric ${show(n.value)}`);
      values++;
    } else {
      assert.ok('raised' in n, `${src} at ${x}: boxed ${b.raised}, numeric returned ${'value' in n ? n.value : ''}`);
      raised++;
    }
  }
  return { values, raised };
}

test('numeric paths give the boxed values bit for bit, and throw where the boxed call raises', async () => {
  await ready;
  let raised = 0;
  for (const src of NUMERIC_FNS) raised += compare(src, lrLambda(src)).raised;
  assert.ok(raised > 100, `errors exercised (${raised})`);
});

test('the comparisons are not vacuous: values, errors and int/float results are exercised', async () => {
  await ready;
  const f = lrLambda('f = lambda s: 1 / (s - 6)');
  assert.throws(() => f.callNumber!(6));
  assert.equal(f.callNumber!(7), 1);
  const w = lrLambda(NUMERIC_FNS[1]);
  assert.equal(w.callNumber!(0), 0.001);
  assert.equal(w.callNumber!(1000), 1);
  // int results stay ints (the boxed path's value, same number)
  const p = lrLambda('f = lambda s: 2 ** (s - 5)');
  assert.equal(p.callNumber!(7), 4);
  assert.equal(p.callNumber!(3), 0.25);
  // a float floor division of an int by a float, and Python's signs
  const m = lrLambda('f = lambda s: -s % 4 + s // -2.5');
  assert.equal(m.callNumber!(3), 1 + -2);
  assert.ok(Object.is(lrLambda('f = lambda s: -s * 1.0').callNumber!(0), -0));
});

test('functions outside what numeric.ts compiles keep only the boxed path', async () => {
  await ready;
  for (const src of BOXED_ONLY) {
    let f: PyFunction;
    try {
      f = lrLambda(src);
    } catch {
      f = built(src).f; // (the analysis may not pass some of these as lr_lambda)
    }
    assert.equal(f.callNumber, undefined, src);
  }
});

test('a bare evaluator builds the same numeric paths (no analysis hooks)', async () => {
  await ready;
  for (const src of [NUMERIC_FNS[0], NUMERIC_FNS[1], 'f = lambda s: math.log(s, 2) + s % 3 // 2']) compare(src, built(src).f);
});

test('args.x where args is a parameter: the argparse default, as the boxed path falls back to it', async () => {
  await ready;
  const text = `${HEADER}def main(args):
    f = lambda s: min(1.0, (s + 1) / args.warmup) + s / args.total * args.decay
    end = 0
`;
  const live = new LiveTree(text, parsePython(text));
  const ev = new Evaluator(new FileIndex(text, live.root));
  const main = live.root.namedChildren[live.root.namedChildren.length - 1];
  const body = main.childForFieldName('body')!.namedChildren;
  const f = ev.lookupStatic('f', body[body.length - 1]) as UserFunction;
  assert.equal(f.t, 'func');
  assert.ok(f.callNumber, 'a numeric path');
  const r = compare('args fallback', f, XS);
  assert.ok(r.values > 50);
  assert.equal(f.callNumber!(1), 0.4 + (1 / 100_000) * 0.5);
  for (const x of [0, 1, 7, 1000]) {
    const a0 = ev.operations;
    f.call([{ t: 'int', v: x }]);
    const a1 = ev.operations;
    f.callNumber!(x);
    assert.equal(ev.operations - a1, a1 - a0, `at ${x}`);
  }
});

test('an argparse default whose operation count changes once (a name evaluated the first time): no numeric path', async () => {
  await ready;
  // `default=TOTAL // 10`: the boxed path counts TOTAL's evaluation in its first call only, which
  // the numeric path cannot count the same way: it is not offered
  const { f } = built('f = lambda s: s / args.steps');
  assert.equal(f.callNumber, undefined);
  assert.deepEqual(boxedOutcome(f, 5), { value: 5 / 100_000 });
});

test('the numeric path counts the operations the boxed call counts', async () => {
  await ready;
  for (const src of NUMERIC_FNS) {
    const { ev, f } = built(src);
    const cn = f.callNumber!;
    assert.ok(cn, src);
    for (const x of XS) {
      const a0 = ev.operations;
      const b = boxedOutcome(f, x);
      const a1 = ev.operations;
      const n = numericOutcome(cn, x);
      const a2 = ev.operations;
      if ('value' in b && 'value' in n) assert.equal(a2 - a1, a1 - a0, `${src} at ${x}`);
      else if ('raised' in n) assert.equal(a2, a1, `${src} at ${x}: a throw counts nothing`);
    }
  }
});

/** Steps 0..n-1 as the engine runs them: the numeric path, redone by the boxed call where it throws. */
function engineRun(f: PyFunction, n: number, numeric: boolean): string[] {
  const cn = numeric ? f.callNumber : undefined;
  const out: string[] = [];
  for (let x = 0; x < n; x++) {
    if (cn) {
      try {
        out.push(String(cn(x)));
        continue;
      } catch {
        // redone below
      }
    }
    const b = boxedOutcome(f, x);
    out.push('value' in b ? String(b.value) : b.raised);
  }
  return out;
}

test('operation limits stop a run at the same step with or without the numeric path', async () => {
  await ready;
  const saved = { ...LIMITS };
  try {
    const branchy = NUMERIC_FNS.find((s) => s.includes('factor *= 0.5'))!;
    for (const src of [NUMERIC_FNS[1], 'f = lambda s: 1 / (s - 6) if s % 3 else 0.5 ** (s // 4)', branchy]) {
      for (let total = 40; total < 700; total += 7) {
        LIMITS.opsTotal = total;
        const a = built(src), b = built(src);
        const boxed = engineRun(a.f, 100, false);
        const numeric = engineRun(b.f, 100, true);
        assert.deepEqual(numeric, boxed, `${src} with opsTotal ${total}`);
        assert.equal(b.ev.operations, a.ev.operations, `${src} with opsTotal ${total}`);
        assert.ok(boxed.some((r) => /more than \d+ operations in total/.test(r)), 'the limit is reached');
      }
    }
    LIMITS.opsTotal = saved.opsTotal;
    LIMITS.opsPerCall = 5;
    const { f } = built(NUMERIC_FNS[1]);
    assert.throws(() => f.callNumber!(5000));
    assert.match((boxedOutcome(f, 5000) as { raised: string }).raised, /operations in one call/);
  } finally {
    Object.assign(LIMITS, saved);
  }
});

test('a long run past opsTotal: the numeric path stops where the boxed one does', async () => {
  await ready;
  // 11 operations a call in the warmup, 32 after: 50M operations run out at step 1,563,156
  const stop = (numeric: boolean): { x: number; error: string; ops: number } => {
    const { ev, f } = built(NUMERIC_FNS[1]);
    const cn = numeric ? f.callNumber! : null;
    for (let x = 0; ; x++) {
      if (cn) {
        try {
          cn(x);
          continue;
        } catch {
          // redone by the boxed call
        }
      }
      try {
        f.call([{ t: 'int', v: x }]);
      } catch (e) {
        return { x, error: (e as Error).message, ops: ev.operations };
      }
    }
  };
  const numeric = stop(true);
  assert.equal(numeric.x, 1000 + Math.floor((LIMITS.opsTotal - 11 * 1000) / 32));
  assert.match(numeric.error, /more than 50000000 operations in total/);
  assert.deepEqual(stop(false), numeric);
});

test('callNumber is not data (values stay JSON-safe) and can be switched off', async () => {
  await ready;
  const f = lrLambda(NUMERIC_FNS[0]);
  assert.ok(f.callNumber);
  assert.ok(!JSON.stringify(f).includes('callNumber'));
  NUMERIC.enabled = false;
  try {
    assert.equal(f.callNumber, undefined);
  } finally {
    NUMERIC.enabled = true;
  }
  assert.ok(f.callNumber);
});
