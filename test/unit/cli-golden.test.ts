// End to end: every golden program (PyTorch's own numbers, test/fixtures/golden/) written out as the
// Python file it describes, read back by `lr-preview simulate --line <scheduler line>`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli';

const dir = join(__dirname, '..', 'test', 'fixtures', 'golden');
const base = JSON.parse(readFileSync(join(dir, 'torch-1.13.json'), 'utf8'));
const latest = JSON.parse(readFileSync(join(dir, 'torch-latest-overrides.json'), 'utf8'));
const overrides = new Map<string, any>(latest.configs.map((c: any) => [c.id, c]));

/** The Python program a golden record describes, and the 1-based line of its scheduler call. */
export function programOf(meta: any, rec: any): { text: string; line: number } {
  const lines: string[] = [...meta.imports, 'torch.manual_seed(0)', meta.model_line, rec.optimizer];
  for (const s of rec.setup) lines.push(...String(s).split('\n'));
  const line = lines.length + 1;
  lines.push(`${rec.assign} = ${rec.python}`);
  lines.push(`for i in range(${rec.steps}):`);
  for (const l of String(rec.loop).split('\n')) lines.push(`    ${l}`);
  return { text: lines.join('\n') + '\n', line };
}

function num(x: unknown): number {
  if (x === 'NaN') return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  return x as number;
}

function close(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  const diff = Math.abs(actual - expected);
  return diff <= 1e-15 || diff <= 1e-12 * Math.abs(expected);
}

async function runCli(args: string[], stdin: string): Promise<{ code: number; out: string; err: string }> {
  // The CLI reads FILE or '-'; write the program to a temp file.
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const d = mkdtempSync(join(tmpdir(), 'lrp-golden-'));
  const f = join(d, 'train.py');
  writeFileSync(f, stdin);
  let out = '';
  let err = '';
  const code = await main(args.map((a) => (a === 'FILE' ? f : a)), (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

for (const rec0 of base.configs) {
  const rec = overrides.get(rec0.id) ?? rec0;
  test(`golden ${rec.id}${overrides.has(rec.id) ? ' (latest)' : ''}`, async () => {
    const { text, line } = programOf(base.meta, rec);
    const args = ['simulate', 'FILE', '--line', String(line), '--steps', String(rec.steps), '--format', 'json'];
    if (rec.metrics) args.push('--metrics', rec.metrics.map(String).join(','));
    if (rec.step_args) args.push('--step-args', rec.step_args.map((x: number | null) => (x === null ? 'null' : String(x))).join(','));
    const r = await runCli(args, text);
    assert.equal(r.code, 0, `exit ${r.code}: ${r.err}`);
    const outJson = JSON.parse(r.out);
    assert.equal(outJson.schedulers.length, 1, 'one scheduler selected by --line');
    const s = outJson.schedulers[0];
    assert.equal(s.name, rec.scheduler);
    assert.equal(s.line, line);
    if (rec.error) {
      assert.ok(s.error, `expected ${rec.error.type}: ${rec.error.message}`);
      assert.deepEqual({ type: s.error.type, message: s.error.message, at: s.error.at }, rec.error);
    } else {
      assert.equal(s.error, null, s.error ? `${s.error.type}: ${s.error.message}` : '');
    }
    const indices: number[] = rec.indices ?? rec.lrs.map((_: unknown, i: number) => i);
    assert.ok(s.lrs.length >= (rec.indices ? indices[indices.length - 1] + 1 : rec.lrs.length), `recorded ${s.lrs.length} rows`);
    indices.forEach((idx, k) => {
      const want = rec.lrs[k].map(num);
      const got = s.lrs[idx].map(num);
      assert.equal(got.length, want.length, `groups at step ${idx}`);
      want.forEach((w: number, g: number) => assert.ok(close(got[g], w), `lr[${idx}][${g}] = ${got[g]}, PyTorch ${w}`));
    });
    if (rec.momentum) {
      assert.ok(s.momentum, 'momentum recorded');
      indices.forEach((idx, k) => {
        rec.momentum[k].map(num).forEach((w: number, g: number) => assert.ok(close(num(s.momentum[idx][g]), w), `momentum[${idx}][${g}] = ${s.momentum[idx][g]}, PyTorch ${w}`));
      });
    }
  });
}
