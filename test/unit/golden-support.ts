// Loads the golden PyTorch runs (test/fixtures/golden, copied from shared/golden) and turns each
// program into the engine's input. The programs are tiny and regular (literal keyword arguments,
// setup lines `name = Scheduler(...)`), so a literal reader suffices here; the real Python reader
// is tested end to end in python-golden.test.ts. The lambdas are transcribed by hand below.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PyValue, SchedulerRef, OptimizerRef } from '../../src/schedulers/pyvalue';
import { entries } from '../../src/schedulers/catalog';
import type { Schedule } from '../../src/schedulers/types';

export const GOLDEN_DIR = join(__dirname, '..', 'test', 'fixtures', 'golden');

export interface GoldenConfig {
  id: string;
  scheduler: string;
  optimizer: string;
  setup: string[];
  python: string;
  loop: string;
  steps: number;
  lrs: (number | string)[][];
  indices?: number[];
  momentum?: (number | string)[][];
  momentum_key?: string;
  final_lrs: (number | string)[] | null;
  metrics?: (number | string)[];
  step_args?: (number | null)[];
  error: { type: string; message: string; at: 'construct' | number } | null;
  warnings: { category: string; message: string; count: number; first_at: unknown }[];
  tags: string[];
}

export function loadGolden(file: string): GoldenConfig[] {
  const path = [GOLDEN_DIR, join(process.cwd(), 'test', 'fixtures', 'golden')].map((d) => join(d, file)).find((p) => {
    try {
      readFileSync(p);
      return true;
    } catch {
      return false;
    }
  });
  if (!path) throw new Error(`golden file ${file} not found`);
  return JSON.parse(readFileSync(path, 'utf8')).configs;
}

/** torch-1.13 configs with the newest-PyTorch overrides applied (the override file wins). */
export function loadTorchGolden(): GoldenConfig[] {
  const base = loadGolden('torch-1.13.json');
  const over = new Map(loadGolden('torch-latest-overrides.json').map((c) => [c.id, c]));
  return base.map((c) => (over.has(c.id) ? { ...c, ...over.get(c.id)! } : c));
}

export const num = (x: number | string): number => (x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : (x as number));

// ---- a literal reader for the golden programs --------------------------------------------------

const f = (v: number): PyValue => ({ t: 'float', v });
const i = (v: number): PyValue => ({ t: 'int', v });
const fn = (name: string, body: (x: number) => number | PyValue): PyValue => ({
  t: 'func',
  name,
  call: (args) => {
    const r = body((args[0] as { v: number }).v);
    return typeof r === 'number' ? f(r) : r;
  },
});

/** The lambdas of the golden programs, transcribed (same operation order as the Python source). */
const LAMBDAS: Record<string, (setup: Record<string, number>) => PyValue> = {
  lambda_linear_decay_tau50: ({ tau }) => fn('<lambda>', (k) => (1 - Math.min(k, tau) / tau) * 1.0 + (Math.min(k, tau) / tau) * 0.01),
  lambda_linear_decay_ifelse_tau20_adam: ({ tau }) => fn('<lambda>', (k) => (k < tau ? (1 - k / tau) * 1.0 + (k / tau) * 0.01 : 0.01)),
  lambda_warmup_const: ({ warmup }) => fn('<lambda>', (s) => Math.min(1.0, (s + 1) / warmup)),
  lambda_hf_linear_warmup: () =>
    fn('lr_lambda', (c) => (c < 5 ? c / Math.max(1, 5) : Math.max(0.0, (50 - c) / Math.max(1, 50 - 5)))),
  lambda_noam_long: () => fn('<lambda>', (s) => Math.pow(512, -0.5) * Math.min(Math.pow(s + 1, -0.5), (s + 1) * Math.pow(4000, -1.5))),
  mult_095: () => fn('<lambda>', () => 0.95),
  mult_piecewise: () => fn('<lambda>', (e) => (e < 10 ? 0.9 : 1.0)),
  mult_two_groups_list: () => ({ t: 'list', items: [fn('<lambda>', () => 0.9), fn('<lambda>', () => 0.5)] }),
};

let nextId = 1;

/** Splits `a, b=[1, 2], c='x'` at top-level commas. */
export function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  let q: string | null = null;
  for (const ch of s) {
    if (q) {
      cur += ch;
      if (ch === q) q = null;
      continue;
    }
    if (ch === "'" || ch === '"') q = ch;
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function literal(src: string, env: Record<string, PyValue>): PyValue {
  const s = src.trim();
  if (s in env) return env[s];
  if (s === 'None') return { t: 'none' };
  if (s === 'True' || s === 'False') return { t: 'bool', v: s === 'True' };
  if (/^'.*'$/.test(s)) return { t: 'str', v: s.slice(1, -1) };
  if (s.startsWith('[') || s.startsWith('(')) {
    const inner = s.slice(1, -1);
    return { t: s.startsWith('[') ? 'list' : 'tuple', items: splitTop(inner).map((x) => literal(x, env)) };
  }
  if (s.startsWith('{')) {
    const entries = splitTop(s.slice(1, -1)).map((kv) => {
      const [k, ...rest] = kv.split(':');
      return [literal(k, env), literal(rest.join(':'), env)] as [PyValue, PyValue];
    });
    return { t: 'dict', entries };
  }
  if (/^len\(/.test(s)) {
    const v = env[s.slice(4, -1)];
    return i((v as { v: number }).v);
  }
  if (/^-?\d+$/.test(s)) return i(Number(s));
  if (/^-?[\d.]+(e-?\d+)?$/i.test(s)) return f(Number(s));
  if (s.startsWith('model.')) return { t: 'opaque', source: s };
  throw new Error(`golden literal reader: cannot read ${s}`);
}

export function parseOptimizer(line: string, env: Record<string, PyValue>): OptimizerRef {
  const m = /torch\.optim\.(\w+)\((.*)\)$/.exec(line)!;
  const parts = splitTop(m[2]);
  const defaults: Record<string, PyValue> = {};
  let groups: Record<string, PyValue>[] = [];
  parts.forEach((p, k) => {
    const kw = /^(\w+)\s*=(?!=)\s*(.*)$/s.exec(p);
    if (kw) defaults[kw[1]] = literal(kw[2], env);
    else if (k === 0) {
      if (p.startsWith('[')) {
        const lst = literal(p, env) as { items: PyValue[] };
        groups = lst.items.map((d) => Object.fromEntries((d as { entries: [PyValue, PyValue][] }).entries.map(([a, b]) => [(a as { v: string }).v, b])));
      }
    } else if (k === 1) defaults.lr = literal(p, env);
  });
  return { name: m[1], id: nextId++, groups, defaults };
}

function parseCall(src: string, env: Record<string, PyValue>, optimizers: Record<string, OptimizerRef>, id: string): SchedulerRef {
  const m = /^(\w+)\((.*)\)$/s.exec(src.trim())!;
  const name = m[1];
  const args: Record<string, PyValue> = {};
  let optimizer: OptimizerRef | null = null;
  const params = POSITIONAL[name] ?? [];
  splitTop(m[2]).forEach((p, k) => {
    const kw = /^(\w+)\s*=(?!=)\s*(.*)$/s.exec(p);
    const key = kw ? kw[1] : params[k];
    const valSrc = kw ? kw[2] : p;
    if (key === 'optimizer' && optimizers[valSrc.trim()]) {
      optimizer = optimizers[valSrc.trim()];
      return;
    }
    if (key === 'lr_lambda') {
      args[key] = LAMBDAS[id](Object.fromEntries(Object.entries(env).map(([a, b]) => [a, (b as { v: number }).v])));
      return;
    }
    args[key] = literal(valSrc, env);
  });
  return { name, args, optimizer };
}

// Positional parameter names, in the order of PyTorch's signatures.
const POSITIONAL: Record<string, string[]> = Object.fromEntries(
  entries.map((e) => [e.name, e.params.filter((p) => p.position !== undefined).sort((a, b) => a.position! - b.position!).map((p) => p.name)]),
);

/** The engine input for a golden program: its scheduler call with optimizers and setup resolved. */
export function goldenToRef(c: GoldenConfig): SchedulerRef {
  const env: Record<string, PyValue> = {};
  const optimizers: Record<string, OptimizerRef> = {};
  const setOpt = (line: string) => {
    const [lhs, rhs] = line.split(/=(.*)/s);
    optimizers[lhs.trim()] = parseOptimizer(rhs.trim(), env);
  };
  setOpt(c.optimizer);
  for (const line of c.setup) {
    if (line.includes('def ')) continue; // lambda_hf_linear_warmup: its def is transcribed in LAMBDAS
    const [lhs, rhs] = line.split(/=(.*)/s);
    const names = lhs.split(',').map((x) => x.trim());
    const r = rhs.trim();
    if (/torch\.optim\./.test(r)) setOpt(line);
    else if (/^\w+\(/.test(r) && !r.startsWith('range(')) {
      env[names[0]] = { t: 'scheduler', spec: parseCall(r, env, optimizers, c.id) };
    } else if (r.startsWith('range(')) env[names[0]] = i(Number(r.slice(6, -1)));
    else splitTop(r).forEach((v, k) => (env[names[k]] = literal(v, env)));
  }
  return parseCall(c.python, env, optimizers, c.id);
}

/** PyTorch parity: within 1e-12 relative, 1e-15 absolute near zero; NaN and infinities exactly. */
export function close(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(1e-15, 1e-12 * Math.abs(expected));
}

/**
 * A simulated Hugging Face-style schedule (a LambdaLR: no momentum) against its golden record:
 * error, every recorded LR, final LRs and warnings.
 */
export function assertLambdaGolden(c: GoldenConfig, s: Schedule): void {
  assert.deepEqual(s.error, c.error, `error of ${c.id}`);
  const idx = c.indices ?? c.lrs.map((_, k) => k);
  if (!c.indices) assert.equal(s.steps, c.lrs.length, 'number of recorded iterations');
  else assert.ok(s.steps >= idx[idx.length - 1] + 1, `recorded steps ${s.steps}`);
  idx.forEach((it, k) => {
    c.lrs[k].forEach((e, g) => {
      const exp = num(e);
      const act = s.columns[g][it];
      if (!close(act, exp)) assert.fail(`${c.id}: lr[${it}][${g}] = ${act}, PyTorch ${exp}`);
    });
  });
  if (c.final_lrs === null) assert.equal(s.finalLrs, null);
  else {
    assert.equal(s.finalLrs!.length, c.final_lrs.length);
    c.final_lrs.forEach((e, g) => assert.ok(close(s.finalLrs![g], num(e)), `final_lrs[${g}] = ${s.finalLrs![g]}, PyTorch ${num(e)}`));
  }
  assert.deepEqual(
    s.warnings.map((w) => ({ category: w.category, message: w.message, count: w.count, first_at: w.first_at })),
    c.warnings,
    'warnings',
  );
  assert.equal(s.momentum, null, 'these schedules cycle no momentum');
}

let programIds = 9000;
/**
 * A golden program of a library's functions or classes (`fn(optimizer, k=v, …)` after its setup
 * lines) as the engine's SchedulerRef. `positional` names each function's positional parameters;
 * `value` reads an argument's source (the library's own literal forms); `entryName` maps the
 * Python name to the catalog's.
 */
export function readGoldenProgram(
  c: GoldenConfig,
  positional: Record<string, string[]>,
  value: (src: string, env: Record<string, PyValue>) => PyValue,
  entryName: (fn: string) => string = (fn) => fn,
): SchedulerRef {
  const env: Record<string, PyValue> = {};
  const [, rhs] = c.optimizer.split(/=(.*)/s);
  const optimizer: OptimizerRef = { ...parseOptimizer(rhs.trim(), env), id: programIds++ };
  for (const line of c.setup) {
    const [lhs, r] = line.split(/=(.*)/s);
    env[lhs.trim()] = value(r, env);
  }
  const m = /^(\w+)\((.*)\)$/s.exec(c.python.trim())!;
  const fn = m[1];
  const args: Record<string, PyValue> = {};
  let opt: OptimizerRef | null = null;
  splitTop(m[2]).forEach((p, k) => {
    const kw = /^(\w+)\s*=(?!=)\s*(.*)$/s.exec(p);
    const key = kw ? kw[1] : positional[fn][k];
    const valSrc = (kw ? kw[2] : p).trim();
    if (key === 'optimizer' && valSrc === 'optimizer') opt = optimizer;
    else args[key] = value(valSrc, env);
  });
  return { name: entryName(fn), args, optimizer: opt };
}
