// End to end: every hf-visible.json program (transformers' own schedule functions run on PyTorch)
// written out as the Python file it describes — imports, optimizer, Trainer-style setup lines,
// positional arguments, SchedulerType.X — read back by `lr-preview simulate --line <call line>`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { main } from '../../src/cli';

const golden = JSON.parse(readFileSync(join(__dirname, '..', 'test', 'fixtures', 'golden', 'hf-visible.json'), 'utf8'));
const num = (x: unknown): number => (x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : (x as number));
const close = (a: number, e: number) => (Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= Math.max(1e-15, 1e-12 * Math.abs(e)));
const dir = mkdtempSync(join(tmpdir(), 'lrp-hf-'));

for (const rec of golden.configs) {
  test(`hf cli ${rec.id}`, async () => {
    const lines: string[] = [...golden.meta.imports, 'torch.manual_seed(0)', golden.meta.model_line, rec.optimizer, ...rec.setup];
    const line = lines.length + 1;
    lines.push(`${rec.assign} = ${rec.python}`, `for i in range(${rec.steps}):`, ...String(rec.loop).split('\n').map((l) => `    ${l}`));
    const file = join(dir, `${rec.id}.py`);
    writeFileSync(file, lines.join('\n') + '\n');
    const args = ['simulate', file, '--line', String(line), '--steps', String(rec.steps), '--format', 'json'];
    if (rec.metrics) args.push('--metrics', rec.metrics.map(String).join(','));
    let out = '';
    let err = '';
    const code = await main(args, (s) => { out += s; }, (s) => { err += s; });
    assert.equal(code, 0, `exit ${code}: ${err}`);
    const s = JSON.parse(out).schedulers[0];
    assert.equal(s.line, line);
    if (rec.error) assert.deepEqual({ type: s.error?.type, message: s.error?.message, at: s.error?.at }, rec.error);
    else assert.equal(s.error, null, s.error ? `${s.error.type}: ${s.error.message}` : '');
    const idx: number[] = rec.indices ?? rec.lrs.map((_: unknown, k: number) => k);
    idx.forEach((it, k) => rec.lrs[k].forEach((w: unknown, g: number) => {
      if (!close(num(s.lrs[it][g]), num(w))) assert.fail(`${rec.id}: lr[${it}][${g}] = ${s.lrs[it][g]}, PyTorch ${w}`);
    }));
  });
}
