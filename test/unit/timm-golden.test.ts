// Engine vs timm: every configuration of timm.json (timm 1.0.29's timm/scheduler modules run on
// PyTorch 1.13.1 and stepped the way timm's train.py steps them — see test/fixtures/golden/ORIGIN.md):
// every LR, final LR, error (type, words, when), the class built, the unit of a step (epoch or update),
// create_scheduler(_v2)'s num_epochs and timm's logged warning. Numbers come from timm, never from us.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../src/schedulers/simulate';
import { findEntry } from '../../src/schedulers/catalog';
import { SimOptimizer } from '../../src/schedulers/optimizer';
import * as torch from '../../src/schedulers/torch';
import { TIMM_ENTRIES, TimmScheduler, TimmPlateau, TimmNone, createSchedulerV2, timmStepUnit } from '../../src/schedulers/timm';
import type { PyValue, SchedulerRef } from '../../src/schedulers/pyvalue';
import { loadGolden, splitTop, literal, GoldenConfig, assertLambdaGolden, close, num, readGoldenProgram } from './golden-support';

type TimmConfig = GoldenConfig & {
  entry_point: 'direct' | 'create_scheduler_v2' | 'create_scheduler';
  unit: 'epoch' | 'update' | null;
  epochs: number;
  updates_per_epoch: number;
  returns: string | null;
  num_epochs: number | null;
  log: { logger: string; level: string; message: string }[];
  lrs_without_noise?: (number | string)[][];
};

/** literal() plus `argparse.Namespace(k=v, …)`: the namespace's attributes as a dict. */
function pyLiteral(src: string, env: Record<string, PyValue>): PyValue {
  const s = src.trim();
  const ns = /^argparse\.Namespace\((.*)\)$/s.exec(s);
  if (ns) {
    return {
      t: 'dict',
      entries: splitTop(ns[1]).map((kv) => {
        const m = /^(\w+)\s*=\s*(.*)$/s.exec(kv)!;
        return [{ t: 'str', v: m[1] }, literal(m[2], env)] as [PyValue, PyValue];
      }),
    };
  }
  return literal(s, env);
}

const POSITIONAL: Record<string, string[]> = Object.fromEntries(
  TIMM_ENTRIES.map((e) => [e.name, e.params.filter((p) => p.position !== undefined).sort((a, b) => a.position! - b.position!).map((p) => p.name)]),
);

function readProgram(c: TimmConfig): SchedulerRef {
  return readGoldenProgram(c, POSITIONAL, pyLiteral);
}

/** timm 1.0.29's asserts without a message (cosine_lr.py, poly_lr.py, tanh_lr.py). */
const BARE_ASSERTS = ['assert t_initial > 0', 'assert lr_min >= 0', 'assert lb < ub', 'assert cycle_limit >= 0', 'assert warmup_t >= 0', 'assert warmup_lr_init >= 0'];

const rows = (c: TimmConfig) => (c.unit === 'update' ? c.epochs * c.updates_per_epoch : c.epochs);
const configs = loadGolden('timm.json') as TimmConfig[];

test(`timm golden set covers every timm.scheduler class, the factories and their errors (${configs.length} configurations)`, () => {
  assert.equal(configs.length, 64);
  const built = new Set(configs.map((c) => c.returns).filter(Boolean));
  for (const e of TIMM_ENTRIES) if (!e.name.startsWith('create_')) assert.ok(built.has(e.name), e.name);
  for (const ep of ['direct', 'create_scheduler_v2', 'create_scheduler']) assert.ok(configs.some((c) => c.entry_point === ep), ep);
  assert.ok(configs.some((c) => c.unit === 'update'), 't_in_epochs=False');
  assert.ok(configs.some((c) => c.lrs.length && c.lrs[0].length === 2), 'two param groups');
  assert.ok(configs.some((c) => c.metrics), 'plateau metrics');
  assert.ok(configs.some((c) => c.error && c.error.at !== 'construct'), 'an error raised by a step');
  assert.ok(configs.filter((c) => c.error?.at === 'construct').length >= 10, 'construction errors');
});

for (const c of configs) {
  test(`timm golden ${c.id} (${c.entry_point}, per ${c.unit ?? '-'})`, () => {
    const ref = readProgram(c);
    const metrics = c.metrics?.map(num);
    const s = simulate(ref, { steps: c.error?.at === 'construct' ? 0 : rows(c), metrics });
    // The fast loop (TimmScheduler.fastForward) gives step()'s bits and errors.
    const slow = simulate(readProgram(c), { steps: c.error?.at === 'construct' ? 0 : rows(c), metrics, noFastPath: true });
    assert.deepEqual(s.error, slow.error, `${c.id}: error, fast vs step()`);
    s.columns.forEach((col, g) => col.forEach((x, i) => assert.ok(Object.is(x, slow.columns[g][i]), `${c.id}: group ${g} step ${i}, fast ${x} vs step() ${slow.columns[g][i]}`)));
    // timm's bare `assert x > 0` has an empty message (str(e) == ''): the engine reports the failing
    // statement instead, the line Python's traceback shows — checked against timm's source here.
    if (c.error?.type === 'AssertionError' && c.error.message === '' && s.error?.type === 'AssertionError') {
      assert.ok(BARE_ASSERTS.includes(s.error.message), `${c.id}: ${s.error.message} is one of timm's bare asserts`);
      s.error.message = '';
    }
    if (c.lrs_without_noise) {
      // The preview leaves timm's noise out: it must equal timm's own run with the noise switched
      // off, and the real (noisy) run may differ from it only by a factor within ±noise_pct.
      assertLambdaGolden({ ...c, lrs: c.lrs_without_noise }, s);
      const pct = /noise_pct=([\d.]+)/.exec(c.python)![1];
      let differs = 0;
      c.lrs.forEach((row, i) => row.forEach((x, g) => {
        const clean = num(c.lrs_without_noise![i][g]);
        if (!close(num(x), clean)) differs++;
        assert.ok(Math.abs(num(x) / clean - 1) < Number(pct) + 1e-12, `${c.id} noise at ${i}`);
      }));
      assert.ok(differs > 0, 'the golden run had noise');
    } else assertLambdaGolden(c, s);
    if (c.error?.at === 'construct') return;
    // The object built: class, unit of a step, timm's logged warning, num_epochs.
    const entry = findEntry(ref.name)!;
    assert.equal(entry.framework, 'timm');
    const sink = new torch.WarningSink();
    const opt = SimOptimizer.from(ref.optimizer!);
    const built = new entry.ctor!(sink, opt, { ...ref.args }, []);
    const cls = built instanceof TimmPlateau ? 'PlateauLRScheduler' : built instanceof TimmNone ? null : built.name;
    assert.equal(cls, c.returns);
    assert.equal(timmStepUnit(built), c.returns === null ? 'epoch' : c.unit);
    assert.deepEqual(built instanceof TimmScheduler ? built.log : [], c.log.map((l) => l.message));
    if (c.entry_point === 'create_scheduler_v2') {
      const { numEpochs } = createSchedulerV2(new torch.WarningSink(), SimOptimizer.from(ref.optimizer!), { ...ref.args });
      assert.deepEqual(numEpochs, { t: 'int', v: c.num_epochs });
    }
  });
}
