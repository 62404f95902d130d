// A long file is analyzed from its skeleton (src/python/skeleton.ts: the function and class bodies
// the reader never reads left out of the parse). The analysis must be the same as from the whole
// file: every fixture, example and CPython module, forced through the skeleton with nothing too
// small to leave out, against the whole-file analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource, PythonDocument, SKELETON, toSchedulerRef, missingValues, type AnalysisResult } from '../../src/python/analyze';
import { skeletonOf } from '../../src/python/skeleton';
import { simulate } from '../../src/schedulers/simulate';
import { ready, FIXTURES, serialize } from './python-helpers';

/** The analysis and the first 120 steps of every schedule it can simulate. */
function everything(r: AnalysisResult): string {
  const sims = r.schedulers.map((s) => {
    if (missingValues(s).length) return null;
    const x = simulate(toSchedulerRef(s), { steps: 120 });
    return [x.lrs, x.error];
  });
  return serialize(r) + JSON.stringify(sims);
}

/** Whole file vs skeleton (forced: any body may be left out, however small). */
function both(text: string): { whole: string; skeleton: string } {
  try {
    SKELETON.enabled = false;
    const whole = everything(analyzeSource(text));
    SKELETON.enabled = true;
    SKELETON.force = true;
    const skeleton = everything(analyzeSource(text));
    return { whole, skeleton };
  } finally {
    SKELETON.enabled = true;
    SKELETON.force = false;
  }
}

function pyFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...pyFiles(join(dir, e.name)));
    else if (e.name.endsWith('.py')) out.push(join(dir, e.name));
  }
  return out;
}

const EXAMPLES = join(__dirname, '..', 'examples');
const TRAIN = readFileSync(join(EXAMPLES, 'warmup_cosine_sequential.py'), 'utf8') + '\n' + readFileSync(join(EXAMPLES, 'argparse_train.py'), 'utf8');

test('fixtures and examples: the skeleton gives the whole file\'s analysis', async () => {
  await ready;
  const files = [...pyFiles(FIXTURES), ...pyFiles(EXAMPLES)];
  assert.ok(files.length > 20);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const { whole, skeleton } = both(text);
    assert.equal(skeleton, whole, f);
    // and with a long unrelated module in front, so there is something to leave out
    const long = both(`${readFileSync(join(FIXTURES, 'not_torch.py'), 'utf8')}\n${text}`);
    assert.equal(long.skeleton, long.whole, `${f} after another module`);
  }
});

test('CPython modules followed by training scripts: the same analysis, most of the module left out', async (t) => {
  await ready;
  const dir = '/usr/lib/python3.11';
  if (!existsSync(dir)) return t.skip('no CPython standard library here');
  const files = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();
  let blankedSome = 0;
  for (const f of files.filter((_, k) => k % 3 === 0)) {
    const text = `${readFileSync(join(dir, f), 'utf8')}\n${TRAIN}`;
    const { whole, skeleton } = both(text);
    assert.equal(skeleton, whole, f);
    if (skeletonOf(text, [], 0.25)) blankedSome++;
  }
  assert.ok(blankedSome > 20, `skeletons used for ${blankedSome} modules`);
});

test('what the reader follows is kept: call sites, factories, classes, argparse, names used in other bodies', async () => {
  await ready;
  const filler = (k: number) => `\ndef helper_${k}(x, y=2):\n    total = 0\n    for i in range(10):\n        total += x * i + y\n    return total\n`;
  const pad = Array.from({ length: 40 }, (_, k) => filler(k)).join('');
  const cases = [
    // the training function's caller passes the epochs (call site of a def with a scheduler)
    `import torch\n${pad}\ndef train(model, epochs):\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=epochs)\n    for e in range(epochs):\n        sched.step()\n\ndef main():\n    train(model, 30)\n`,
    // a factory in one function, its result stepped in another
    `import torch\n${pad}\ndef build(opt):\n    return torch.optim.lr_scheduler.StepLR(opt, step_size=5)\n\ndef run(model):\n    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n    s = build(opt)\n    for e in range(20):\n        s.step()\n`,
    // a config class and a constant read through a helper def
    `import torch\n${pad}\nclass Cfg:\n    lr = 0.05\n    milestones = [3, 6]\n\ndef total_epochs():\n    return 12\n\nopt = torch.optim.SGD(model.parameters(), lr=Cfg.lr)\nsched = torch.optim.lr_scheduler.MultiStepLR(opt, Cfg.milestones)\nfor e in range(total_epochs()):\n    sched.step()\n`,
    // argparse in a function nobody names: add_argument is read from anywhere
    `import argparse, torch\n${pad}\ndef unused_parser():\n    p = argparse.ArgumentParser()\n    p.add_argument("--gamma", type=float, default=0.5)\n    return p\n\nopt = torch.optim.SGD(model.parameters(), lr=0.1)\nsched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=args.gamma)\n`,
    // a name the reader looks up across scopes (the Trainer given training_args), only in a body
    `from trl import SFTConfig, SFTTrainer, TrlParser\n${pad}\ndef main(script_args, training_args):\n    trainer = SFTTrainer(model=model, args=training_args, train_dataset=ds)\n\nparser = TrlParser((ScriptArguments, SFTConfig))\nscript_args, training_args = parser.parse_args_and_config()\nmain(script_args, training_args)\n`,
  ];
  for (const [k, text] of cases.entries()) {
    const { whole, skeleton } = both(text);
    assert.equal(skeleton, whole, `case ${k}`);
    assert.ok(skeletonOf(text, [], 0, 0), `case ${k}: a skeleton is made`);
  }
});

test('the skeleton keeps every offset and line; a body says pass; what the scan cannot model is parsed whole', async () => {
  await ready;
  const body = '    x = 1\n    y = """\nnot a statement\n"""\n    return x\n';
  const text = `import torch\n\n@decorator(\n    arg=1)\ndef f(a,\n      b):\n${body}\ntry:\n    import foo\nexcept ImportError:\n    foo = None\n\nclass C(Base):\n${body}\nz = 1 + \\\n2\n`;
  const sk = skeletonOf(text, [], 0, 0)!;
  assert.ok(sk);
  assert.equal(sk.text.length, text.length);
  assert.equal(sk.text.split('\n').length, text.split('\n').length);
  assert.deepEqual(sk.statementStarts, [0, text.indexOf('@decorator'), text.indexOf('try:'), text.indexOf('class C'), text.indexOf('z = 1')]);
  assert.equal(sk.blanked.length, 2);
  assert.ok(sk.text.includes('):\n    pass'));
  assert.ok(!sk.text.includes('not a statement'));
  // kept text is the original, character for character
  for (let i = 0; i < text.length; i++) if (!sk.blanked.some(([s, e]) => i >= s && i < e)) assert.equal(sk.text[i], text[i]);
  // an unterminated string, an f-string nesting its own quotes: no skeleton
  assert.equal(skeletonOf(`${text}\ns = "abc\n`, [], 0, 0), null);
  assert.equal(skeletonOf(`def g():\n    return f"{d["k"]}"\n${text}`, [], 0, 0), null);
});

test('the editor: a long file just opened is read from its skeleton, then edited incrementally — the same analyses', async () => {
  await ready;
  const module = readFileSync(join(FIXTURES, 'not_torch.py'), 'utf8');
  const filler = Array.from({ length: 120 }, (_, k) => `\ndef helper_${k}(x, y=2):\n    """Sums a few multiples of x (a helper the schedulers never use)."""\n    total = 0\n    for i in range(10):\n        if i % 3 == 0:\n            total += x * i + y\n        else:\n            total -= y\n    return total\n`).join('');
  let text = `${module}\n${filler}\n${TRAIN}`;
  assert.ok(text.length > 20_000 && skeletonOf(text, []), 'long enough for a skeleton');
  const whole = (t: string) => {
    SKELETON.enabled = false;
    try { return everything(analyzeSource(t)); } finally { SKELETON.enabled = true; }
  };
  const doc = new PythonDocument(text);
  try {
    assert.equal(everything(doc.analyze()), whole(text), 'first analysis (skeleton)');
    for (const [from, to] of [['EPOCHS = 100', 'EPOCHS = 120'], ['return total\n', 'return total + 1\n'], ['WARMUP = 5', 'WARMUP = 7']]) {
      text = text.replace(from, to);
      doc.update(text);
      assert.equal(everything(doc.analyze()), whole(text), `after ${to}`);
    }
  } finally {
    doc.dispose();
  }
});
