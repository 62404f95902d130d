// lr-preview: the command line.
//   lr-preview detect FILE|- [--format json|text]
//   lr-preview simulate FILE|- [--line N] [--steps N] [--metrics v0,v1,...] [--step-args e0,e1,...]
//                              [--set NAME=VALUE ...] [--lr LR[,LR...]] [--format json|csv|text]
// Exit 0 when a schedule (or PyTorch's own error for it) was produced; 1 when nothing could be
// simulated; 2 for unreadable input or bad usage. Never prints a stack trace.
import { readFileSync } from 'node:fs';
import { initPython } from './python/parser';
import { analyzeSource, toSchedulerRef, missingValues, toJSONValue, type SchedulerCall, type AnalysisResult } from './python/analyze';
import { simulate } from './schedulers/simulate';
import { fromJS, PyError, type PyValue } from './schedulers/pyvalue';
import type { Schedule } from './schedulers/types';
import { naturalLength } from './editor/naturalLength';

const USAGE = `usage: lr-preview detect FILE|- [--format json|text]
       lr-preview simulate FILE|- [--line N] [--steps N] [--metrics v0,v1,...] [--step-args e0,e1,...]
                              [--set NAME=VALUE] [--lr LR[,LR...]] [--format json|csv|text]`;

class UsageError extends Error {}

interface Options {
  command: string;
  file: string;
  format: string;
  line?: number;
  steps?: number;
  metrics?: number[];
  stepArgs?: (number | null)[];
  names: Record<string, PyValue>;
  lr?: number[];
}

function parseNumber(s: string): number {
  const t = s.trim();
  if (/^nan$/i.test(t)) return NaN;
  if (/^\+?inf(inity)?$/i.test(t)) return Infinity;
  if (/^-inf(inity)?$/i.test(t)) return -Infinity;
  const v = Number(t);
  if (t === '' || Number.isNaN(v)) throw new UsageError(`not a number: ${s}`);
  return v;
}

function parseValue(s: string): PyValue {
  const t = s.trim();
  if (/^-?\d+$/.test(t)) return { t: 'int', v: Number(t) };
  if (t === 'True' || t === 'False') return { t: 'bool', v: t === 'True' };
  if (t === 'None') return { t: 'none' };
  if (/^\[.*\]$/s.test(t)) {
    try { return fromJS(JSON.parse(t)); } catch { /* fall through: a string */ }
  }
  const n = Number(t);
  if (t !== '' && !Number.isNaN(n)) return { t: 'float', v: n };
  return { t: 'str', v: t.replace(/^['"]|['"]$/g, '') };
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'detect' && command !== 'simulate') throw new UsageError(command ? `unknown command: ${command}` : 'missing command');
  const o: Options = { command, file: '', format: 'json', names: {} };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': o.format = value(); break;
      case '--line': o.line = Math.trunc(parseNumber(value())); break;
      case '--steps': o.steps = Math.trunc(parseNumber(value())); break;
      case '--metrics': o.metrics = value().split(',').filter((x) => x.trim() !== '').map(parseNumber); break;
      case '--step-args': o.stepArgs = value().split(',').map((x) => (/^\s*(null|None)?\s*$/.test(x) ? null : parseNumber(x))); break;
      case '--lr': o.lr = value().split(',').map(parseNumber); break;
      case '--set': {
        const v = value();
        const eq = v.indexOf('=');
        if (eq <= 0) throw new UsageError(`--set needs NAME=VALUE, got ${v}`);
        o.names[v.slice(0, eq).trim()] = parseValue(v.slice(eq + 1));
        break;
      }
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option: ${a}`);
        if (o.file) throw new UsageError(`unexpected argument: ${a}`);
        o.file = a;
    }
  }
  if (!o.file) throw new UsageError('missing FILE (or - for stdin)');
  const formats = command === 'detect' ? ['json', 'text'] : ['json', 'csv', 'text'];
  if (!formats.includes(o.format)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  if (o.steps !== undefined && (!Number.isFinite(o.steps) || o.steps < 0)) throw new UsageError('--steps must be a non-negative integer');
  return o;
}

function readInput(file: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${file === '-' ? 'stdin' : file}${code ? ` (${code})` : ''}`);
  }
  if (buf.includes(0)) throw new InputError(`${file} is not a text file`);
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

class InputError extends Error {}

// ------------------------------------------------------------------ JSON shapes

function jsonRange(r: SchedulerCall['range']) {
  return { start: { line: r.start.line + 1, column: r.start.column }, end: { line: r.end.line + 1, column: r.end.column } };
}

function jsonCall(s: SchedulerCall): unknown {
  const args: Record<string, unknown> = {};
  for (const [k, a] of Object.entries(s.args)) {
    if ('unresolved' in a) args[k] = { unresolved: true, source: a.source, reason: a.reason };
    else if (a.default) args[k] = { value: toJSONValue(a.value), default: true };
    else args[k] = { value: toJSONValue(a.value) };
  }
  const o = s.optimizer;
  return {
    name: s.name,
    qualifiedName: s.qualifiedName,
    framework: s.framework,
    range: jsonRange(s.range),
    variable: s.variable ?? null,
    args,
    optimizer: o ? { name: o.name, line: o.line + 1, lrs: o.lrs, momentum: o.momentum, betas: o.betas } : null,
    children: s.children.map(jsonCall),
    stepping: s.stepping.unit,
    steps: s.stepping.steps ?? null,
    diagnostics: s.diagnostics.map((d) => ({ severity: d.severity, message: d.message, line: d.range.start.line + 1 })),
  };
}

function finite(x: number): number | string {
  return Number.isFinite(x) ? x : Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

// ------------------------------------------------------------------ steps

// naturalLength lives in src/editor/naturalLength.ts (pure; shared with the editor and the browser build).

function pickCalls(result: AnalysisResult, line?: number): SchedulerCall[] {
  const all = result.schedulers;
  if (line === undefined) return all;
  const l = line - 1;
  const starting = all.filter((s) => s.range.start.line === l);
  if (starting.length) return [starting[0]];
  const spanning = all.filter((s) => s.range.start.line <= l && s.range.end.line >= l);
  spanning.sort((a, b) => (a.range.endIndex - a.range.startIndex) - (b.range.endIndex - b.range.startIndex));
  if (spanning.length) return [spanning[0]];
  // A line in the statement that assigns the call (`scheduler = (\n  StepLR(...)`) still counts.
  return [];
}

interface SimResult { call: SchedulerCall; steps: number; schedule: Schedule | null; unresolved: string | null }

function run(call: SchedulerCall, o: Options): SimResult {
  const steps = o.steps ?? call.stepping.steps ?? naturalLength(call) ?? 100;
  if (call.bindError) {
    return { call, steps, unresolved: null, schedule: errorSchedule(call.name, { ...call.bindError, at: 'construct' }) };
  }
  const overrides = o.lr ? { lr: o.lr.length === 1 ? o.lr[0] : o.lr } : {};
  const missing = missingValues(call, overrides);
  if (missing.length) {
    return { call, steps, schedule: null, unresolved: missing.map((m) => `${m.scheduler}: ${m.param}=${m.source} is not known statically (${m.reason})`).join('; ') };
  }
  let ref;
  try {
    ref = toSchedulerRef(call, overrides);
  } catch (e) {
    // TrainingArguments the Trainer itself rejects (unknown lr_scheduler_type, negative warmup...).
    if (e instanceof PyError) return { call, steps, unresolved: null, schedule: errorSchedule(call.name, { type: e.type, message: e.message, at: 'construct' }) };
    throw e;
  }
  const schedule = simulate(ref, { steps, metrics: o.metrics, stepArgs: o.stepArgs, order: call.stepping.order });
  return { call, steps, schedule, unresolved: null };
}

function errorSchedule(name: string, error: Schedule['error']): Schedule {
  return { name, steps: 0, lrs: [], momentum: null, momentumKey: null, finalLrs: null, error, warnings: [], events: [], notes: [], explain: () => ({ phase: "error", text: "" }) } as unknown as Schedule;
}

// ------------------------------------------------------------------ text output

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e4 ? String(Number(x.toPrecision(6))) : x.toExponential(3);
}

function chart(lrs: number[][], width = 60, height = 10): string[] {
  const ys = lrs.map((r) => r[0]).filter((y) => Number.isFinite(y));
  if (!ys.length) return [];
  let lo = Infinity, hi = -Infinity;
  for (const y of ys) { if (y < lo) lo = y; if (y > hi) hi = y; }
  const span = hi - lo || 1;
  const cols = Math.min(width, lrs.length);
  const grid = Array.from({ length: height }, () => Array(cols).fill(' '));
  for (let c = 0; c < cols; c++) {
    const i = Math.min(lrs.length - 1, Math.floor((c * lrs.length) / cols));
    const y = lrs[i][0];
    if (!Number.isFinite(y)) continue;
    const r = height - 1 - Math.round(((y - lo) / span) * (height - 1));
    grid[r][c] = '*';
  }
  const label = (r: number) => fmt(hi - (r / (height - 1)) * span).padStart(10);
  return grid.map((row, r) => `${r === 0 || r === height - 1 ? label(r) : ' '.repeat(10)} |${row.join('')}`).concat(`${' '.repeat(10)} +${'-'.repeat(cols)}`, `${' '.repeat(12)}0${String(lrs.length - 1).padStart(cols - 1)}  step`);
}

// ------------------------------------------------------------------ main

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    err(`lr-preview: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readInput(o.file);
  } catch (e) {
    err(`lr-preview: ${(e as Error).message}\n`);
    return 2;
  }
  await initPython();
  const result = analyzeSource(text, { names: o.names });
  const fileLabel = o.file === '-' ? '<stdin>' : o.file;

  if (o.command === 'detect') {
    if (o.format === 'json') {
      out(JSON.stringify({ file: fileLabel, schedulers: result.schedulers.map(jsonCall), diagnostics: result.diagnostics.map((d) => ({ severity: d.severity, message: d.message, line: d.range.start.line + 1 })) }, null, 2) + '\n');
    } else {
      if (!result.schedulers.length) out(`${fileLabel}: no learning-rate scheduler found\n`);
      for (const s of result.schedulers) {
        out(`${fileLabel}:${s.range.start.line + 1}: ${s.name} (${s.qualifiedName})${s.variable ? ` -> ${s.variable}` : ''}\n`);
        for (const [k, a] of Object.entries(s.args)) {
          if (k === 'optimizer') continue;
          out(`    ${k} = ${'unresolved' in a ? `?? ${a.source}  (${a.reason})` : JSON.stringify(toJSONValue(a.value))}${'default' in a && a.default ? '  (default)' : ''}\n`);
        }
        if (s.optimizer) out(`    optimizer: ${s.optimizer.name} (line ${s.optimizer.line + 1}), lr ${s.optimizer.lrs.map((x) => (x === null ? '?' : fmt(x))).join(', ')}\n`);
        out(`    stepping: ${s.stepping.unit}${s.stepping.steps !== undefined ? `, ${s.stepping.steps} steps` : ''}\n`);
        for (const d of s.diagnostics) out(`    ${d.severity}: ${d.message}\n`);
      }
      for (const d of result.diagnostics) out(`${fileLabel}:${d.range.start.line + 1}: ${d.severity}: ${d.message}\n`);
    }
    return 0;
  }

  const calls = pickCalls(result, o.line);
  if (!calls.length) {
    err(o.line !== undefined ? `lr-preview: no scheduler call on line ${o.line} of ${fileLabel}\n` : `lr-preview: no learning-rate scheduler found in ${fileLabel}\n`);
    if (o.format === 'json') out(JSON.stringify({ schedulers: [] }) + '\n');
    return 1;
  }
  const runs = calls.map((c) => run(c, o));
  if (o.format === 'json') {
    const schedulers = runs.map((r) => ({
      name: r.call.name,
      framework: r.call.framework,
      line: r.call.range.start.line + 1,
      steps: r.schedule ? r.schedule.steps : 0,
      lrs: r.schedule ? r.schedule.lrs.map((row) => row.map(finite)) : [],
      momentum: r.schedule?.momentum ? r.schedule.momentum.map((row) => row.map(finite)) : null,
      momentumKey: r.schedule?.momentumKey ?? null,
      finalLrs: r.schedule?.finalLrs ? r.schedule.finalLrs.map(finite) : null,
      error: r.schedule ? r.schedule.error : { type: 'Unresolved', message: r.unresolved, at: 'construct' },
      warnings: r.schedule ? r.schedule.warnings : [],
      stepping: r.call.stepping.unit,
    }));
    out(JSON.stringify({ schedulers }) + '\n');
  } else if (o.format === 'csv') {
    for (const r of runs) {
      if (runs.length > 1) out(`# ${r.call.name} line ${r.call.range.start.line + 1}\n`);
      if (!r.schedule) { out(`# unresolved: ${r.unresolved}\n`); continue; }
      const g = r.schedule.lrs[0]?.length ?? 0;
      out(['step', ...Array.from({ length: g }, (_, k) => `lr_group${k}`)].join(',') + '\n');
      r.schedule.lrs.forEach((row, i) => out([i, ...row.map((x) => (Number.isFinite(x) ? String(x) : String(finite(x))))].join(',') + '\n'));
      if (r.schedule.error) out(`# ${r.schedule.error.type}: ${r.schedule.error.message} (at ${r.schedule.error.at})\n`);
    }
  } else {
    for (const r of runs) {
      const s = r.call;
      out(`${s.name} at ${fileLabel}:${s.range.start.line + 1}  (${s.stepping.unit === 'unknown' ? 'stepping unknown' : s.stepping.unit}, ${r.steps} steps)\n`);
      if (!r.schedule) { out(`  cannot simulate: ${r.unresolved}\n\n`); continue; }
      const sch = r.schedule;
      if (sch.error) out(`  PyTorch raises ${sch.error.type}: ${sch.error.message} (${sch.error.at === 'construct' ? 'at construction' : `at step ${sch.error.at}`})\n`);
      if (sch.lrs.length) {
        const first = sch.lrs[0], last = sch.lrs[sch.lrs.length - 1];
        let lo = Infinity, hi = -Infinity;
        for (const row of sch.lrs) for (const x of row) { if (x < lo) lo = x; if (x > hi) hi = x; }
        out(`  lr: start ${first.map(fmt).join(', ')}  end ${last.map(fmt).join(', ')}  min ${fmt(lo)}  max ${fmt(hi)}\n`);
        for (const l of chart(sch.lrs)) out(`  ${l}\n`);
      }
      for (const w of sch.warnings) out(`  warning (${w.category}): ${w.message}\n`);
      for (const n of sch.notes ?? []) out(`  note: ${n}\n`);
      out('\n');
    }
  }
  return runs.some((r) => r.schedule) ? 0 : 1;
}

// Runs only as the `lr-preview` program (not when a test bundle imports main()).
if (require.main === module && /(^|[\\/])(cli|lr-preview)(\.[cm]?js)?$/.test(process.argv[1] ?? '')) {
  // A closed pipe (`lr-preview ... | head`) ends the program quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => {
      process.stderr.write(`lr-preview: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
