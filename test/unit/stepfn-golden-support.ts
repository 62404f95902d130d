// Shared by keras-golden.test.ts and optax-golden.test.ts (not a test file itself): runs a golden
// configuration (args as the engine's PyValue JSON) through simulate() and compares every step's
// value with the library's own float32 output.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../../src/schedulers/simulate';
import type { PyValue } from '../../src/schedulers/pyvalue';
import type { Schedule } from '../../src/schedulers/types';

export interface StepFnConfig {
  id: string;
  schedule: string;
  python: string;
  args: Record<string, PyValue>;
  steps: number;
  lrs: number[];
  dtype: string[];
  error: { type: string; message: string; at: 'construct' | number } | null;
  note?: string;
}

export function loadStepFnGolden(file: string): { meta: Record<string, unknown>; configs: StepFnConfig[] } {
  const raw = readFileSync(join(__dirname, '..', 'test', 'fixtures', 'golden', file), 'utf8');
  // floats the JSON cannot hold (inf, nan) are strings
  return JSON.parse(raw, (k, v) => (k === 'v' && typeof v === 'string' && /^(-?inf|nan)$/.test(v) ? Number(v.replace('inf', 'Infinity')) : v));
}

/** float32 unit in the last place of |x| (the spacing above it). */
export function ulp32(x: number): number {
  const a = Math.abs(Math.fround(x));
  if (a < 2 ** -126) return 2 ** -149;
  const e = Math.floor(Math.log2(a));
  return 2 ** (Math.fround(a) < 2 ** e ? e - 24 : e - 23);
}

/**
 * Simulates a configuration and checks: the error (type, words, when), the number of rows, and each
 * value within `tolUlps` float32 ulps of the configuration's largest |lr| (absolute). Returns how
 * many values matched bit for bit and the largest difference seen, in those ulps.
 */
export function checkStepFn(c: StepFnConfig, tolUlps: number): { exact: number; total: number; worst: number; schedule: Schedule } {
  const s = simulate({ name: c.schedule, args: c.args, optimizer: null }, { steps: c.steps });
  assert.deepEqual(s.error, c.error, `${c.id} error`);
  assert.equal(s.steps, c.lrs.length, `${c.id} rows`);
  const peak = c.lrs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  const unit = ulp32(peak || 1);
  let exact = 0;
  let worst = 0;
  c.lrs.forEach((e, i) => {
    const a = s.lrs[i][0];
    if (Object.is(a, e) || a === e) { exact++; return; }
    const d = Math.abs(a - e) / unit;
    worst = Math.max(worst, d);
    assert.ok(d <= tolUlps, `${c.id} (${c.python}) step ${i}: ${a} vs ${e} (${d} ulps of ${peak})`);
  });
  if (!c.error) assert.equal(s.lrs[0].length, 1, 'one stand-in group');
  return { exact, total: c.lrs.length, worst, schedule: s };
}
