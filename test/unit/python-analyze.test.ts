import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, analyzeCells, toSchedulerRef, missingValues, PythonDocument, PythonNotebook, MissingValuesError, type SchedulerCall, type ArgValue } from '../../src/python/analyze';
import { simulate } from '../../src/schedulers/simulate';
import { PyError, type PyValue, type PyFunction } from '../../src/schedulers/pyvalue';
import { fixture, ready } from './python-helpers';

function value(a: ArgValue | undefined): PyValue {
  assert.ok(a, 'argument present');
  assert.ok('value' in a, `resolved, got ${JSON.stringify(a)}`);
  return a.value;
}
const num = (a: ArgValue | undefined) => { const v = value(a); assert.ok(v.t === 'int' || v.t === 'float', `number, got ${v.t}`); return v; };
const one = (text: string) => { const r = analyzeSource(text); assert.equal(r.schedulers.length, 1, r.schedulers.map((s) => s.name).join(',')); return r.schedulers[0]; };
const byVar = (calls: SchedulerCall[], v: string) => { const c = calls.find((s) => s.variable === v); assert.ok(c, `scheduler assigned to ${v}`); return c; };

test('aliases and import spellings all resolve to PyTorch schedulers', async () => {
  await ready;
  const r = analyzeSource(fixture('aliases.py'));
  assert.deepEqual(r.schedulers.map((s) => s.name), ['ExponentialLR', 'MultiStepLR', 'CosineAnnealingWarmRestarts', 'OneCycleLR', 'ReduceLROnPlateau', 'SWALR']);
  assert.equal(byVar(r.schedulers, 's6').qualifiedName, 'torch.optim.swa_utils.SWALR');
  const s1 = byVar(r.schedulers, 's1');
  assert.deepEqual(num(s1.args.gamma), { t: 'float', v: 0.9 });
  assert.equal(s1.range.start.line, 8); // 0-based: line 9 of the file
  // optim.Adam(model.parameters()) with no lr: Adam's default 1e-3, one param group.
  assert.deepEqual(s1.optimizer?.lrs, [0.001]);
  assert.equal(s1.optimizer?.name, 'Adam');
  assert.deepEqual(s1.optimizer?.betas, [[0.9, 0.999]]);
  assert.deepEqual(num(byVar(r.schedulers, 's4').args.total_steps), { t: 'int', v: 1000 }); // 1_000
  const s3 = byVar(r.schedulers, 's3');
  assert.deepEqual(num(s3.args.eta_min), { t: 'float', v: 1e-5 });
  assert.deepEqual(value(s3.args.last_epoch), { t: 'int', v: -1 });
  assert.equal((s3.args.last_epoch as { default?: true }).default, true);
});

test('same-named classes from other libraries, comments and strings are not detected', async () => {
  await ready;
  const r = analyzeSource(fixture('not_torch.py'));
  assert.deepEqual(r.schedulers, []);
});

test('argparse defaults through args.x, type=float applied to a string default, multi-line call ranges', async () => {
  await ready;
  const s = one(fixture('argparse_train.py'));
  assert.equal(s.name, 'StepLR');
  assert.deepEqual(num(s.args.step_size), { t: 'int', v: 30 });
  assert.deepEqual(num(s.args.gamma), { t: 'float', v: 0.1 });
  assert.deepEqual(s.optimizer?.lrs, [3e-4]);
  assert.deepEqual(s.optimizer?.momentum, [0.9]);
  assert.equal(s.range.start.line, 26);
  assert.equal(s.range.end.line, 30);
  const kw = s.argRanges.find((a) => a.keyword === 'step_size');
  assert.ok(kw?.nameRange && kw.valueRange);
  const text = fixture('argparse_train.py');
  assert.equal(text.slice(kw.nameRange.startIndex, kw.nameRange.endIndex), 'step_size');
  assert.equal(text.slice(kw.valueRange.startIndex, kw.valueRange.endIndex), 'args.step_size');
  assert.equal(s.stepping.unit, 'per-epoch');
  assert.equal(s.stepping.steps, 90);
});

test('config dicts, dict(..., k=v), cfg.get, warmup + cosine via SequentialLR simulates', async () => {
  await ready;
  const r = analyzeSource(fixture('config_dict.py'));
  const seq = byVar(r.schedulers, 'scheduler');
  assert.equal(seq.name, 'SequentialLR');
  assert.deepEqual(seq.children.map((c) => c.name), ['LinearLR', 'CosineAnnealingLR']);
  const cos = byVar(r.schedulers, 'cosine');
  assert.deepEqual(num(cos.args.T_max), { t: 'int', v: 115 });
  assert.deepEqual(num(cos.args.eta_min), { t: 'float', v: 1e-6 });
  assert.equal(seq.stepping.unit, 'per-epoch');
  assert.equal(seq.stepping.steps, 120);
  const sched = simulate(toSchedulerRef(seq), { steps: 10 });
  assert.equal(sched.error, null);
  // LinearLR starts at start_factor × lr = 0.01 × 1e-3; at the milestone (5) cosine restarts at the base LR.
  assert.ok(Math.abs(sched.lrs[0][0] - 1e-5) < 1e-18);
  assert.ok(Math.abs(sched.lrs[5][0] - 1e-3) < 1e-15);
});

test('lambdas, small defs, closures, factories and per-group lists are callable', async () => {
  await ready;
  const r = analyzeSource(fixture('lambdas_and_defs.py'));
  const s = byVar(r.schedulers, 'cosine_sched');
  assert.deepEqual(s.optimizer?.lrs, [0.1, 0.01]);
  assert.deepEqual(s.optimizer?.momentum, [0.9, 0.9]);
  const f = value(s.args.lr_lambda) as PyFunction;
  assert.equal(f.t, 'func');
  const at = (k: number) => { const v = f.call([{ t: 'int', v: k }]); assert.equal(v.t, 'float'); return (v as { v: number }).v; };
  assert.equal(at(0), 0);
  assert.equal(at(5), 0.5);
  // progress = 45/90 = 0.5 -> 0.5 * (1 + cos(pi * 0.5 * 2 * 0.5))
  assert.equal(at(55), 0.5 * (1 + Math.cos(Math.PI * 0.5 * 2.0 * 0.5)));
  assert.equal(at(100), 0.5 * (1 + Math.cos(Math.PI)));
  const pg = byVar(r.schedulers, 'per_group');
  const list = value(pg.args.lr_lambda);
  assert.equal(list.t, 'list');
  const [a, b] = (list as { items: PyFunction[] }).items;
  assert.deepEqual(a.call([{ t: 'int', v: 2 }]), { t: 'float', v: 0.95 ** 2 });
  assert.deepEqual(b.call([{ t: 'int', v: 3 }]), { t: 'float', v: 0.9 ** 3 });
  const sched = simulate(toSchedulerRef(pg), { steps: 4 });
  assert.equal(sched.error, null);
  assert.deepEqual(sched.lrs[2], [0.1 * 0.95 ** 2, 0.01 * 0.9 ** 2]);
  const mult = byVar(r.schedulers, 'mult');
  const m = value(mult.args.lr_lambda) as PyFunction;
  assert.deepEqual(m.call([{ t: 'int', v: 20 }]), { t: 'float', v: 0.5 });
  assert.deepEqual(m.call([{ t: 'int', v: 21 }]), { t: 'float', v: 1.0 });
});

test('dataclass defaults and constructor overrides', async () => {
  await ready;
  const s = one(fixture('dataclass_config.py'));
  assert.deepEqual(num(s.args.epochs), { t: 'int', v: 20 });
  assert.deepEqual(num(s.args.steps_per_epoch), { t: 'int', v: 50 });
  assert.deepEqual(num(s.args.pct_start), { t: 'float', v: 0.25 });
  assert.deepEqual(num(s.args.max_lr), { t: 'float', v: 2e-3 });
  assert.deepEqual(s.optimizer?.lrs, [0.1]);
  const sched = simulate(toSchedulerRef(s), { steps: 1000 });
  assert.equal(sched.error, null);
  assert.equal(sched.lrs.length, 1000);
  assert.ok(Math.abs(sched.lrs[0][0] - 2e-3 / 25) < 1e-15); // max_lr / div_factor
});

test('unknowns are reported with their source, never guessed; the user can supply them', async () => {
  await ready;
  const r = analyzeSource(fixture('unresolved.py'));
  const oc = r.schedulers.find((s) => s.name === 'OneCycleLR')!;
  const spe = oc.args.steps_per_epoch;
  assert.ok(spe && 'unresolved' in spe);
  assert.equal(spe.source, 'len(train_loader)');
  assert.deepEqual(oc.optimizer?.lrs, [null]);
  assert.equal(oc.stepping.unit, 'per-batch');
  const missing = missingValues(oc).map((m) => m.param).sort();
  assert.deepEqual(missing, ['optimizer', 'steps_per_epoch']);
  assert.throws(() => toSchedulerRef(oc), MissingValuesError);
  const ref = toSchedulerRef(oc, { args: { steps_per_epoch: { t: 'int', v: 100 } }, lr: 0.01 });
  const sched = simulate(ref, { steps: 1000 });
  assert.equal(sched.error, null);
  assert.equal(sched.lrs.length, 1000);
  // verbose= is PyTorch's own TypeError in the newest versions, and a quick-fixable diagnostic.
  const cos = r.schedulers.find((s) => s.name === 'CosineAnnealingLR')!;
  assert.deepEqual(cos.bindError, { type: 'TypeError', message: "CosineAnnealingLR.__init__() got an unexpected keyword argument 'verbose'" });
  assert.ok(cos.diagnostics.some((d) => d.code === 'verbose-removed'));
  // get_lr() on a scheduler variable.
  assert.equal(r.getLrCalls.length, 1);
  assert.equal(r.getLrCalls[0].start.line, 23);
  assert.ok(r.diagnostics.some((d) => d.code === 'get-lr' && /get_last_lr/.test(d.message)));
});

test('the seed post: lambda_func(lambda_func), trailing commas, broken indentation: explained, no crash', async () => {
  await ready;
  const r = analyzeSource(fixture('seed_lambda_func.py'));
  const s = r.schedulers.find((x) => x.name === 'LambdaLR');
  assert.ok(s);
  assert.ok('unresolved' in s.args.lr_lambda);
  assert.ok(s.diagnostics.some((d) => d.code === 'call-instead-of-function' && d.message.includes('lr_lambda=lambda_func')));
  assert.ok(r.diagnostics.some((d) => d.code === 'tab-error' && d.message === 'TabError: inconsistent use of tabs and spaces in indentation'));
  assert.ok(r.diagnostics.some((d) => d.code === 'trailing-comma-tuple' && /e_0 a one-element tuple/.test(d.message)));

  const fixed = analyzeSource(fixture('seed_lambda_func_config.py'));
  const bad = byVar(fixed.schedulers, 'scheduler');
  const lam = bad.args.lr_lambda;
  assert.ok('unresolved' in lam && lam.reason.includes("unsupported operand type(s) for /: 'function' and 'tuple'"), JSON.stringify(lam));
  assert.ok(bad.diagnostics.some((d) => d.code === 'call-instead-of-function'));
  // Passing the function itself: PyTorch calls it with epoch 0 and Python raises at `0 / (100,)`.
  const good = byVar(fixed.schedulers, 'fixed');
  const sched = simulate(toSchedulerRef(good), { steps: 3 });
  assert.deepEqual(sched.error, { type: 'TypeError', message: "unsupported operand type(s) for /: 'int' and 'tuple'", at: 'construct' });
});

test('seed snippets without imports still read (torch./schedulers assumed), struck-out code does not crash', async () => {
  await ready;
  const s = one(fixture('seed_cawr_mult2.py'));
  assert.equal(s.name, 'CosineAnnealingWarmRestarts');
  assert.deepEqual(num(s.args.T_mult), { t: 'int', v: 2 });
  assert.deepEqual(s.optimizer?.lrs, [0.1]);
  const r = analyzeSource(fixture('seed_linearlr_struck.py'));
  assert.ok(Array.isArray(r.schedulers));
  const adam = analyzeSource(fixture('seed_adamw_lambda.py'));
  const lam = adam.schedulers.find((x) => x.name === 'LambdaLR');
  assert.ok(lam && lam.diagnostics.some((d) => d.code === 'not-imported'));
});

test('binding: positional/keyword errors use Python 3.11 wording', async () => {
  await ready;
  const head = 'import torch\nfrom torch.optim.lr_scheduler import StepLR, CosineAnnealingWarmRestarts\nopt = torch.optim.SGD([], lr=0.1)\n';
  assert.deepEqual(one(head + 's = StepLR(opt, 1, 0.5, -1, 3, 4)\n').bindError, { type: 'TypeError', message: 'StepLR.__init__() takes from 3 to 5 positional arguments but 7 were given' });
  assert.deepEqual(one(head + 's = CosineAnnealingWarmRestarts(opt)\n').bindError, { type: 'TypeError', message: "CosineAnnealingWarmRestarts.__init__() missing 1 required positional argument: 'T_0'" });
  assert.deepEqual(one(head + 's = StepLR(opt, 3, step_size=4)\n').bindError, { type: 'TypeError', message: "StepLR.__init__() got multiple values for argument 'step_size'" });
  const ok = one(head + 's = StepLR(opt, 3, 0.5)\n');
  assert.equal(ok.bindError, undefined);
  assert.deepEqual(ok.argRanges.map((a) => a.param), ['optimizer', 'step_size', 'gamma']);
});

test('Python numbers and arithmetic: spellings, int vs float, //, %, **, min/max/round, conditionals', async () => {
  await ready;
  const head = 'import math\nimport torch\nfrom torch.optim.lr_scheduler import StepLR\nopt = torch.optim.SGD([], lr=0.1)\n';
  const cases: [string, PyValue][] = [
    ['1.', { t: 'float', v: 1 }], ['.5', { t: 'float', v: 0.5 }], ['1e-3', { t: 'float', v: 0.001 }], ['1_000', { t: 'int', v: 1000 }],
    ['7 // 2', { t: 'int', v: 3 }], ['-7 // 2', { t: 'int', v: -4 }], ['-7 % 3', { t: 'int', v: 2 }], ['7.5 % -2', { t: 'float', v: -0.5 }],
    ['10 / 5', { t: 'float', v: 2 }], ['2 ** -1', { t: 'float', v: 0.5 }], ['2 ** 10', { t: 'int', v: 1024 }], ['-(3)', { t: 'int', v: -3 }],
    ['round(2.5)', { t: 'int', v: 2 }], ['round(3.5)', { t: 'int', v: 4 }], ['int(9.9)', { t: 'int', v: 9 }], ['max(1, 2.0)', { t: 'float', v: 2 }],
    ['min([4, 3])', { t: 'int', v: 3 }], ['abs(-2)', { t: 'int', v: 2 }], ['len([1, 2, 3])', { t: 'int', v: 3 }],
    ['math.floor(2.7)', { t: 'int', v: 2 }], ['math.pi / 2', { t: 'float', v: Math.PI / 2 }], ['math.cos(0)', { t: 'float', v: 1 }],
    ['3 if True else 4', { t: 'int', v: 3 }], ['(1 < 2 < 3) + 1', { t: 'int', v: 2 }], ['0.0 or 5', { t: 'int', v: 5 }], ['True + 1', { t: 'int', v: 2 }],
  ];
  for (const [src, want] of cases) {
    const s = one(`${head}x = ${src}\ns = StepLR(opt, step_size=x)\n`);
    assert.deepEqual(value(s.args.step_size), want, src);
  }
  const tup = one(`${head}a, (b, c) = 1, (2, 3.0)\ns = StepLR(opt, step_size=c, gamma=b)\n`);
  assert.deepEqual(value(tup.args.step_size), { t: 'float', v: 3 });
  assert.deepEqual(value(tup.args.gamma), { t: 'int', v: 2 });
  const zero = one(`${head}s = StepLR(opt, step_size=1 / 0)\n`);
  assert.ok('unresolved' in zero.args.step_size && zero.args.step_size.reason.includes('ZeroDivisionError: division by zero'));
});

test('safe evaluator: Python errors inside lambdas, and a bounded budget', async () => {
  await ready;
  const head = 'import torch\nfrom torch.optim.lr_scheduler import LambdaLR\nopt = torch.optim.SGD([], lr=0.1)\n';
  const call = (lambdaSrc: string, k: number) => {
    const s = one(`${head}${lambdaSrc}\ns = LambdaLR(opt, f)\n`);
    return (value(s.args.lr_lambda) as PyFunction).call([{ t: 'int', v: k }]);
  };
  const raises = (fn: () => unknown, type: string, message: string | RegExp) => {
    try { fn(); } catch (e) {
      assert.ok(e instanceof PyError, String(e));
      assert.equal(e.type, type);
      if (typeof message === 'string') assert.equal(e.message, message); else assert.match(e.message, message);
      return;
    }
    assert.fail('did not raise');
  };
  raises(() => call('f = lambda k: 1 / k', 0), 'ZeroDivisionError', 'division by zero');
  raises(() => call('f = lambda k: 1.0 / k', 0), 'ZeroDivisionError', 'float division by zero');
  raises(() => call('f = lambda k: 1 // k', 0), 'ZeroDivisionError', 'integer division or modulo by zero');
  raises(() => call('f = lambda k: 5 % k', 0), 'ZeroDivisionError', 'integer modulo by zero');
  raises(() => call('def f(k):\n    while True:\n        k += 1\n    return k', 0), 'RuntimeError', /operations in one call/);
  raises(() => call('def f(k):\n    return f(k + 1)', 0), 'RecursionError', 'maximum recursion depth exceeded');
  assert.deepEqual(call('def f(k):\n    if k < 5:\n        return k / 5\n    elif k < 10:\n        return 1\n    else:\n        x = 0.5\n        return x', 12), { t: 'float', v: 0.5 });
  assert.deepEqual(call('def f(k):\n    total = 0\n    for i in range(k):\n        total += i\n    return total', 5), { t: 'int', v: 10 });
});

test('detection inside lists, comprehensions, dict values and return statements; star imports', async () => {
  await ready;
  const text = [
    'import torch',
    'from torch.optim.lr_scheduler import *',
    'from torch.optim import lr_scheduler as lrs',
    'def configure(opt):',
    '    return {"scheduler": lrs.StepLR(opt, 10), "interval": "epoch"}',
    'def many(opts):',
    '    return [ExponentialLR(o, 0.9) for o in opts]',
    'def build(opt):',
    '    import torch.optim.lr_scheduler as S',
    '    return S.SequentialLR(opt, [S.LinearLR(opt, 0.1, total_iters=3), S.ConstantLR(opt)], milestones=[3])',
  ].join('\n');
  const r = analyzeSource(text);
  assert.deepEqual(r.schedulers.map((s) => s.name), ['StepLR', 'ExponentialLR', 'SequentialLR', 'LinearLR', 'ConstantLR']);
  const seq = r.schedulers.find((s) => s.name === 'SequentialLR')!;
  assert.deepEqual(seq.children.map((c) => c.name), ['LinearLR', 'ConstantLR']);
});

test('transformers schedule functions are detected from catalog data (qualifiedNames)', async () => {
  await ready;
  const entries = [{
    name: 'get_cosine_schedule_with_warmup', framework: 'transformers' as const,
    qualifiedNames: ['transformers.optimization.get_cosine_schedule_with_warmup'],
    params: [
      { name: 'optimizer', position: 0, type: 'Optimizer', doc: '' },
      { name: 'num_warmup_steps', position: 1, type: 'int', doc: '' },
      { name: 'num_training_steps', position: 2, type: 'int', doc: '' },
      { name: 'num_cycles', position: 3, type: 'float', default: '0.5', doc: '' },
    ],
  }];
  const text = [
    'import transformers',
    'from transformers import get_cosine_schedule_with_warmup',
    'from transformers.optimization import get_cosine_schedule_with_warmup as cos',
    'a = get_cosine_schedule_with_warmup(opt, 10, 100)',
    'b = transformers.get_cosine_schedule_with_warmup(opt, num_warmup_steps=5, num_training_steps=50)',
    'c = cos(opt, 1, 2, bogus=3)',
  ].join('\n');
  const r = analyzeSource(text, { entries });
  assert.deepEqual(r.schedulers.map((s) => s.variable), ['a', 'b', 'c']);
  assert.deepEqual(value(r.schedulers[1].args.num_training_steps), { t: 'int', v: 50 });
  assert.deepEqual(r.schedulers[2].bindError, { type: 'TypeError', message: "get_cosine_schedule_with_warmup() got an unexpected keyword argument 'bogus'" });
});

test('notebook cells: names from earlier cells resolve; ranges are per cell', async () => {
  await ready;
  const r = analyzeCells([
    'import torch\n%matplotlib inline\nfrom torch.optim.lr_scheduler import CosineAnnealingLR\nT = 50',
    'model = torch.nn.Linear(2, 2)\nopt = torch.optim.SGD(model.parameters(), lr=0.05)',
    '!nvidia-smi\nsched = CosineAnnealingLR(opt, T_max=T)',
  ]);
  const s = r.schedulers[0];
  assert.equal(s.range.cell, 2);
  assert.equal(s.range.start.line, 1);
  assert.deepEqual(value(s.args.T_max), { t: 'int', v: 50 });
  assert.deepEqual(s.optimizer?.lrs, [0.05]);
  assert.equal(s.optimizer?.range.cell, 1);
});

test('PythonNotebook: one reader across cell edits gives what a fresh analyzeCells gives', async () => {
  await ready;
  let cells = [
    'import torch\n%matplotlib inline\nfrom torch.optim.lr_scheduler import CosineAnnealingLR, StepLR\nT = 50',
    'model = torch.nn.Linear(2, 2)\nopt = torch.optim.SGD(model.parameters(), lr=0.05)',
    '!nvidia-smi\nsched = CosineAnnealingLR(opt, T_max=T)\nfor epoch in range(T):\n    sched.step()',
  ];
  const nb = new PythonNotebook();
  const strip = (r: ReturnType<typeof analyzeCells>) => JSON.stringify(r, (k, v) => (k === 'node' ? undefined : v));
  const edits: ((c: string[]) => string[])[] = [
    (c) => [c[0].replace('T = 50', 'T = 80'), c[1], c[2]],
    (c) => [c[0], c[1].replace('lr=0.05', 'lr=0.5'), c[2]],
    (c) => [c[0], c[1], c[2] + '\nother = StepLR(opt, step_size=T // 2)'],
    (c) => [c[0], 'x = 1', ...c.slice(1)],
    (c) => c.slice(1),
  ];
  assert.equal(strip(nb.analyze(cells)), strip(analyzeCells(cells)));
  for (const edit of edits) {
    cells = edit(cells);
    const a = nb.analyze(cells);
    assert.equal(strip(a), strip(analyzeCells(cells)), cells.join(' | '));
    assert.equal(nb.analyze(cells), a, 'unchanged cells: the same result object');
  }
  const last = nb.analyze(cells);
  // the imports cell was removed: the calls are still read as torch's, with a warning saying so
  assert.ok(last.schedulers.every((c) => c.diagnostics.some((d) => d.code === 'not-imported')));
  nb.dispose();
});

test('PythonDocument re-parses incrementally and matches a fresh analysis', async () => {
  await ready;
  const text = fixture('argparse_train.py');
  const doc = new PythonDocument(text);
  assert.deepEqual(num(doc.analyze().schedulers[0].args.step_size), { t: 'int', v: 30 });
  const edited = text.replace('default=30)', 'default=45)');
  doc.update(edited);
  const after = doc.analyze();
  assert.deepEqual(num(after.schedulers[0].args.step_size), { t: 'int', v: 45 });
  const fresh = analyzeSource(edited);
  assert.deepEqual(after.schedulers[0].range, fresh.schedulers[0].range);
  doc.update(edited.replace('lrs.StepLR(', 'lrs.ExponentialLR(').replace('step_size=args.step_size,  # decay every 30 epochs\n', ''));
  assert.equal(doc.analyze().schedulers[0].name, 'ExponentialLR');
  doc.dispose();
});
