// Never throws: every .py file of CPython's standard library, and mutated/truncated inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource, toSchedulerRef, missingValues } from '../../src/python/analyze';
import { simulate } from '../../src/schedulers/simulate';
import { FIXTURES, ready } from './python-helpers';

function pyFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    let st;
    try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) { if (name !== 'site-packages' && name !== 'dist-packages') pyFiles(p, out); } else if (name.endsWith('.py')) out.push(p);
  }
  return out;
}

/** Analyze, and simulate whatever resolves: nothing may throw. */
function exercise(text: string): number {
  const r = analyzeSource(text);
  for (const s of r.schedulers) {
    if (missingValues(s).length === 0 && !s.bindError) simulate(toSchedulerRef(s), { steps: 20 });
  }
  return r.schedulers.length;
}

const STDLIB = '/usr/lib/python3.11';
test('detect over every .py file of CPython 3.11 standard library never throws', { skip: existsSync(STDLIB) ? false : `${STDLIB} not present` }, async () => {
  await ready;
  const files = pyFiles(STDLIB);
  assert.ok(files.length > 500, `found ${files.length} files`);
  const t0 = Date.now();
  let analysed = 0;
  for (const f of files) {
    let text: string;
    try { text = readFileSync(f, 'utf8'); } catch { continue; }
    if (text.length > 1_500_000) continue;
    try {
      exercise(text);
    } catch (e) {
      assert.fail(`${f}: ${e instanceof Error ? e.stack : String(e)}`);
    }
    analysed++;
    if (Date.now() - t0 > 50_000) break; // keep the suite fast on slow machines
  }
  assert.ok(analysed > 300, `analysed ${analysed} files`);
});

test('mutated and truncated training scripts never throw', async () => {
  await ready;
  let seed = 12345;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const junk = ['(', ')', ',', '=', ':', '\n', '\t', ' ', 'lambda', '[', ']', '**', '/', '0', '"', "'", '#', '\\', 'StepLR(', 'lr=', '.', '...'];
  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.py'))) {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    const variants: string[] = [];
    for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 40))) variants.push(text.slice(0, cut));
    for (let k = 0; k < 40; k++) {
      const i = rand(text.length + 1);
      const op = rand(3);
      variants.push(op === 0 ? text.slice(0, i) + text.slice(i + 1 + rand(8)) : op === 1 ? text.slice(0, i) + junk[rand(junk.length)] + text.slice(i) : text.slice(i) + text.slice(0, i));
    }
    for (const v of variants) {
      try {
        exercise(v);
      } catch (e) {
        assert.fail(`${name} variant ${JSON.stringify(v.slice(0, 80))}…: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
  }
});

test('deeply nested and pathological expressions do not throw', async () => {
  await ready;
  const head = 'import torch\nfrom torch.optim.lr_scheduler import StepLR\nopt = torch.optim.SGD([], lr=0.1)\n';
  const deep = '(' .repeat(2000) + '1' + ')'.repeat(2000);
  const chain = Array.from({ length: 3000 }, () => '1').join(' + ');
  const selfRef = 'a = b\nb = a\n';
  for (const body of [`x = ${deep}\n`, `x = ${chain}\n`, selfRef + 'x = a\n', 'x = [0] * 10**9\n', 'x = 10**400\n', 'x = "a" * 10**9\n']) {
    assert.doesNotThrow(() => exercise(`${head}${body}s = StepLR(opt, step_size=x)\n`));
  }
});
