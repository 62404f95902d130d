// Engine vs diffusers: every configuration of diffusers.json (the schedule functions and get_scheduler
// of diffusers.optimization, run on real PyTorch 1.13.1 — see test/fixtures/golden/ORIGIN.md): every
// LR, final LR, error (type, words, when), warning, the class built and the function get_scheduler
// dispatches to. Numbers come from PyTorch, never from us.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../src/schedulers/simulate';
import { findEntry } from '../../src/schedulers/catalog';
import { SimOptimizer } from '../../src/schedulers/optimizer';
import * as torch from '../../src/schedulers/torch';
import { DIFFUSERS_ENTRIES, DIFFUSERS_SCHEDULER_TYPES, diffusersDispatchTarget, diffusersEntryName } from '../../src/schedulers/diffusers';
import type { PyValue, SchedulerRef } from '../../src/schedulers/pyvalue';
import { loadGolden, splitTop, literal, GoldenConfig, assertLambdaGolden, readGoldenProgram } from './golden-support';

type DfConfig = GoldenConfig & { entry_point: string; scheduler_type?: string; returns: string | null; import: string };

/** literal() plus what these programs add: double-quoted strings, dicts, SchedulerType.X. */
function pyLiteral(src: string, env: Record<string, PyValue>): PyValue {
  const s = src.trim();
  if (s in env) return env[s];
  if (/^"[^"]*"$/.test(s)) return { t: 'str', v: s.slice(1, -1) };
  if (/^SchedulerType\.\w+$/.test(s)) return { t: 'opaque', source: s };
  if (s.startsWith('{')) {
    const entries = splitTop(s.slice(1, -1)).map((kv) => {
      const at = kv.indexOf(':');
      return [pyLiteral(kv.slice(0, at), env), pyLiteral(kv.slice(at + 1), env)] as [PyValue, PyValue];
    });
    return { t: 'dict', entries };
  }
  return literal(s, env);
}

/** Positional parameter names of each diffusers function (bare Python name → names in order). */
const POSITIONAL: Record<string, string[]> = Object.fromEntries(
  DIFFUSERS_ENTRIES.map((e) => [e.name.replace(/^diffusers\./, ''), e.params.filter((p) => p.position !== undefined).sort((a, b) => a.position! - b.position!).map((p) => p.name)]),
);

function readProgram(c: DfConfig): SchedulerRef {
  return readGoldenProgram(c, POSITIONAL, pyLiteral, diffusersEntryName);
}

function assertMatches(c: DfConfig, ref: SchedulerRef): void {
  const s = simulate(ref, { steps: c.steps });
  assertLambdaGolden(c, s);
}

const configs = loadGolden('diffusers.json') as DfConfig[];

test(`diffusers golden set covers every diffusers.optimization function and SchedulerType (${configs.length} configurations)`, () => {
  assert.equal(configs.length, 52);
  const fns = new Set(configs.map((c) => c.scheduler));
  for (const e of DIFFUSERS_ENTRIES) if (e.name !== 'diffusers.get_scheduler') assert.ok(fns.has(e.name.replace(/^diffusers\./, '')), e.name);
  const types = new Set(configs.map((c) => c.scheduler_type).filter(Boolean));
  for (const [, value] of DIFFUSERS_SCHEDULER_TYPES) assert.ok(types.has(value), value);
  assert.ok(configs.some((c) => c.error && c.scheduler === 'get_scheduler'), 'an invalid name');
  assert.ok(configs.some((c) => c.lrs.length && c.lrs[0].length === 2), 'two param groups');
  assert.ok(configs.some((c) => c.error && c.error.at !== 'construct'), 'an error raised by a step');
});

for (const c of configs) {
  test(`diffusers golden ${c.scheduler} ${c.id} (${c.entry_point})`, () => {
    const ref = readProgram(c);
    assertMatches(c, ref);
    // The function get_scheduler dispatches to, and the class it returns.
    if (ref.name === 'diffusers.get_scheduler') assert.equal(diffusersDispatchTarget(ref.args.name) ?? 'get_scheduler', c.scheduler);
    if (c.returns) {
      const entry = findEntry(ref.name)!;
      assert.equal(entry.framework, 'diffusers');
      const built = new entry.ctor!(new torch.WarningSink(), SimOptimizer.from(ref.optimizer!), { ...ref.args }, []);
      assert.equal(built instanceof torch.LambdaLR ? 'LambdaLR' : 'other', c.returns);
    }
  });
}
