// Engine vs transformers: every configuration of hf-visible.json (62 runs of the real schedule
// functions of transformers.optimization on real PyTorch — see test/fixtures/golden/ORIGIN.md and
// ../shared/golden/README.md): every LR, final LR, error (type, words, when), warning, the class
// built and the function get_scheduler dispatches to. Numbers come from PyTorch, never from us.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../src/schedulers/simulate';
import { findEntry } from '../../src/schedulers/catalog';
import { SimOptimizer } from '../../src/schedulers/optimizer';
import * as torch from '../../src/schedulers/torch';
import { HF_ENTRIES, dispatchTarget, trainerSchedulerRef } from '../../src/schedulers/transformers';
import type { PyValue, SchedulerRef, OptimizerRef } from '../../src/schedulers/pyvalue';
import { loadGolden, num, splitTop, literal, parseOptimizer, GoldenConfig, assertLambdaGolden } from './golden-support';

type HfConfig = GoldenConfig & { entry_point: string; scheduler_type?: string; returns: string | null; import: string };

// ---- a literal reader for the HF golden programs -----------------------------------------------

/** literal() plus what the HF programs add: double-quoted strings, dicts of them, SchedulerType.X. */
function hfLiteral(src: string, env: Record<string, PyValue>): PyValue {
  const s = src.replace(/\s+#.*$/, '').trim();
  if (s in env) return env[s];
  if (/^".*"$/.test(s)) return { t: 'str', v: s.slice(1, -1) };
  if (/^SchedulerType\.\w+$/.test(s)) return { t: 'opaque', source: s };
  if (s.startsWith('{')) {
    const entries = splitTop(s.slice(1, -1)).map((kv) => {
      const at = kv.indexOf(':');
      return [hfLiteral(kv.slice(0, at), env), hfLiteral(kv.slice(at + 1), env)] as [PyValue, PyValue];
    });
    return { t: 'dict', entries };
  }
  return literal(s, env);
}

const POSITIONAL: Record<string, string[]> = Object.fromEntries(
  HF_ENTRIES.map((e) => [e.name, e.params.filter((p) => p.position !== undefined).sort((a, b) => a.position! - b.position!).map((p) => p.name)]),
);

function parseHfCall(src: string, env: Record<string, PyValue>, optimizers: Record<string, OptimizerRef>): SchedulerRef {
  const m = /^(\w+)\((.*)\)$/s.exec(src.trim())!;
  const name = m[1];
  const args: Record<string, PyValue> = {};
  let optimizer: OptimizerRef | null = null;
  splitTop(m[2]).forEach((p, k) => {
    const kw = /^(\w+)\s*=(?!=)\s*(.*)$/s.exec(p);
    const key = kw ? kw[1] : POSITIONAL[name][k];
    const valSrc = (kw ? kw[2] : p).trim();
    if (key === 'optimizer' && optimizers[valSrc]) optimizer = optimizers[valSrc];
    else args[key] = hfLiteral(valSrc, env);
  });
  return { name, args, optimizer };
}

let nextId = 1000;
/** The setup lines of Trainer-style configs, as TrainingArguments keyword values. */
function readProgram(c: HfConfig): { ref: SchedulerRef; env: Record<string, PyValue>; optimizer: OptimizerRef } {
  const env: Record<string, PyValue> = {};
  const [, rhs] = c.optimizer.split(/=(.*)/s);
  const optimizer = { ...parseOptimizer(rhs.trim(), env), id: nextId++ };
  for (const line of c.setup) {
    const [lhs, r] = line.split(/=(.*)/s);
    const name = lhs.trim();
    const value = r.replace(/\s+#.*$/, '').trim();
    if (name === 'num_warmup_steps') continue; // args.get_warmup_steps(...): computed by trainerSchedulerRef
    env[name] = hfLiteral(value, env);
  }
  if (c.entry_point === 'Trainer.create_scheduler') {
    // num_warmup_steps = int(warmup_steps) if warmup_steps >= 1 else math.ceil(num_training_steps * warmup_steps),
    // computed by hand here from the setup's literal values (the golden program's own line).
    const w = (env.warmup_steps as { v: number }).v;
    const T = (env.num_training_steps as { v: number }).v;
    env.num_warmup_steps = { t: 'int', v: w >= 1 ? Math.trunc(w) : Math.ceil(T * w) };
  }
  return { ref: parseHfCall(c.python, env, { optimizer }), env, optimizer };
}

function run(ref: SchedulerRef, c: HfConfig) {
  const metrics = c.metrics?.map(num);
  return simulate(ref, { steps: c.steps, metrics });
}

function assertMatches(c: HfConfig, ref: SchedulerRef): void {
  const s = run(ref, c);
  assertLambdaGolden(c, s);
}

const configs = loadGolden('hf-visible.json') as HfConfig[];

test(`hf golden set covers every transformers schedule function and SchedulerType (${configs.length} configurations)`, () => {
  assert.equal(configs.length, 62);
  const fns = new Set(configs.map((c) => c.scheduler));
  for (const e of HF_ENTRIES) if (e.name !== 'get_scheduler') assert.ok(fns.has(e.name), e.name);
  const types = new Set(configs.map((c) => c.scheduler_type).filter(Boolean));
  for (const t of ['linear', 'cosine', 'cosine_with_restarts', 'polynomial', 'inverse_sqrt', 'reduce_lr_on_plateau', 'cosine_with_min_lr', 'cosine_warmup_with_min_lr', 'warmup_stable_decay']) {
    assert.ok(types.has(t), t);
  }
});

for (const c of configs) {
  test(`hf golden ${c.scheduler} ${c.id} (${c.entry_point})`, () => {
    const { ref, optimizer } = readProgram(c);
    assertMatches(c, ref);

    // The function get_scheduler dispatches to, and the class it returns.
    if (ref.name === 'get_scheduler') assert.equal(dispatchTarget(ref.args.name) ?? 'get_scheduler', c.scheduler);
    if (c.returns) {
      const entry = findEntry(ref.name)!;
      const built = new entry.ctor!(new torch.WarningSink(), SimOptimizer.from(ref.optimizer!), { ...ref.args }, []);
      assert.equal(built instanceof torch.ReduceLROnPlateau ? 'ReduceLROnPlateau' : built instanceof torch.LambdaLR ? 'LambdaLR' : 'other', c.returns);
    }

    // Trainer-style configs: TrainingArguments values → the same get_scheduler call → the same LRs.
    if (c.entry_point === 'Trainer.create_scheduler') {
      const env = readProgram(c).env;
      const t = trainerSchedulerRef(
        { lr_scheduler_type: env.lr_scheduler_type, warmup_steps: env.warmup_steps, max_steps: env.num_training_steps, lr_scheduler_kwargs: env.lr_scheduler_kwargs },
        { optimizer },
      );
      assert.equal(t.ref.name, 'get_scheduler');
      assert.deepEqual(t.ref.args, ref.args, 'same get_scheduler arguments as the Trainer program');
      assert.equal(t.numTrainingSteps, c.steps);
      assertMatches(c, { ...t.ref, optimizer: { ...optimizer, id: nextId++ } });
    }
  });
}
