// Which diagnostics a Python file gets, and their quick fixes. Pure (no vscode): reads the reader's
// AnalysisResult and the CallPreview of each call (the engine's verdict). PyTorch's own errors keep
// PyTorch's words and sit on the argument the message names; pitfalls are warnings where the code
// shows them. Edits are given as offsets into the analysed text (a notebook cell's own text).
import type { AnalysisResult, Diagnostic as ReaderDiagnostic, Range, SchedulerCall } from '../python/analyze';
import type { CallPreview } from './callPreview';
import { paramNamedIn } from './hoverText';
import { panelEntry } from './trainerArgs';
import { plainT, type Translate } from './text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface TextEdit { startIndex: number; endIndex: number; newText: string }

export interface QuickFix { title: string; edits: TextEdit[]; preferred?: boolean }

export interface RuleDiagnostic {
  severity: Severity;
  message: string;
  range: Range;
  code: string;
  fix?: QuickFix;
}

/**
 * The argument an error message is about. For `TrainingArguments(...)` the names are the config's
 * fields (`warmup_steps must be ...`), and an invalid SchedulerType is the `lr_scheduler_type` field.
 */
function namedParam(message: string, p: CallPreview): string | undefined {
  if (p.call.trainer) {
    if (/SchedulerType|reduce_lr_on_plateau requires an eval strategy/.test(message)) return 'lr_scheduler_type';
    return paramNamedIn(message, p.call, panelEntry(p.call));
  }
  return paramNamedIn(message, p.call, p.entry);
}

/** Range covering an argument as written (`T_mult=0`, or a positional value). */
export function argRange(call: SchedulerCall, param: string): Range | undefined {
  const a = call.argRanges.find((r) => r.param === param) ?? call.argRanges.find((r) => r.keyword === param);
  if (!a) return undefined;
  const start = a.nameRange ?? a.valueRange;
  return { start: start.start, end: a.valueRange.end, startIndex: start.startIndex, endIndex: a.valueRange.endIndex, cell: a.valueRange.cell };
}

/** Deleting an argument with its separating comma (the one before it, or after it when first). */
export function removeArgEdit(call: SchedulerCall, keyword: string): TextEdit | undefined {
  const sorted = [...call.argRanges].sort((x, y) => x.valueRange.startIndex - y.valueRange.startIndex);
  const k = sorted.findIndex((r) => r.keyword === keyword);
  if (k < 0) return undefined;
  const me = sorted[k];
  const start = (me.nameRange ?? me.valueRange).startIndex;
  if (k > 0) return { startIndex: sorted[k - 1].valueRange.endIndex, endIndex: me.valueRange.endIndex, newText: '' };
  if (k + 1 < sorted.length) {
    const next = sorted[k + 1];
    return { startIndex: start, endIndex: (next.nameRange ?? next.valueRange).startIndex, newText: '' };
  }
  return { startIndex: start, endIndex: me.valueRange.endIndex, newText: '' };
}

const SEVERITY: Record<ReaderDiagnostic['severity'], Severity> = { error: 'error', warning: 'warning', info: 'info' };

function num(p: CallPreview, k: string): number | undefined {
  const v = p.args[k];
  return v && (v.t === 'int' || v.t === 'float') ? v.v : undefined;
}

function stepCallRange(call: SchedulerCall): Range {
  return call.stepping.calls[0] ?? call.nameRange;
}

/** Step-count parameters (T_max, step_size, milestones...) of a call, largest value. */
function largestStepParam(p: CallPreview): { name: string; value: number } | undefined {
  let best: { name: string; value: number } | undefined;
  for (const spec of p.entry?.params ?? []) {
    if (spec.unit !== 'steps' || spec.name === 'last_epoch') continue;
    const v = p.args[spec.name];
    let x: number | undefined;
    if (v && (v.t === 'int' || v.t === 'float')) x = v.v;
    else if (v && (v.t === 'list' || v.t === 'tuple')) {
      const xs = v.items.map((i) => (i.t === 'int' || i.t === 'float' ? i.v : NaN)).filter(Number.isFinite);
      if (xs.length) x = Math.max(...xs);
    }
    if (x !== undefined && (!best || x > best.value)) best = { name: spec.name, value: x };
  }
  return best;
}

/** Diagnostics of one call (its reader findings merged with the engine's verdict and the pitfalls). */
export function callDiagnostics(p: CallPreview, t: Translate = plainT): RuleDiagnostic[] {
  const out: RuleDiagnostic[] = [];
  const call = p.call;
  const verbose = call.diagnostics.find((d) => d.code === 'verbose-removed');
  for (const d of call.diagnostics) {
    if (d.code === 'bind-error' || d.code === 'verbose-removed') continue;
    out.push({ severity: d.code === 'unresolved' ? 'hint' : SEVERITY[d.severity], message: d.message, range: d.range, code: d.code ?? 'reader' });
  }
  // PyTorch's TypeError for the signature, on the argument it names.
  if (call.bindError) {
    const msg = `${call.bindError.type}: ${call.bindError.message}`;
    const named = namedParam(call.bindError.message, p);
    if (verbose && named === 'verbose') {
      const edit = removeArgEdit(call, 'verbose');
      out.push({
        severity: 'warning',
        message: `${msg} — ${verbose.message}`,
        range: argRange(call, 'verbose') ?? verbose.range,
        code: 'verbose-removed',
        fix: edit ? { title: t('Remove verbose= (removed in PyTorch 2.7)'), edits: [edit], preferred: true } : undefined,
      });
    } else {
      out.push({ severity: 'error', message: msg, range: (named && argRange(call, named)) || call.nameRange, code: 'pytorch-error' });
    }
  } else if (verbose) {
    const edit = removeArgEdit(call, 'verbose');
    out.push({ severity: 'warning', message: verbose.message, range: verbose.range, code: 'verbose-removed', fix: edit ? { title: t('Remove verbose= (removed in PyTorch 2.7)'), edits: [edit], preferred: true } : undefined });
  }
  // The engine's error: at construction always; at a step when the file's loop gets there.
  const e = call.bindError ? null : p.error;
  if (e) {
    const msg = `${e.type}: ${e.message}`;
    const named = namedParam(e.message, p);
    const at = named ? argRange(call, named) : undefined;
    if (e.at === 'construct') {
      out.push({ severity: 'error', message: msg, range: at ?? call.nameRange, code: 'pytorch-error' });
    } else if (e.at === 0) {
      out.push({ severity: 'error', message: t('{0} (raised by the first scheduler.step())', msg), range: at ?? call.nameRange, code: 'pytorch-error' });
    } else if (p.stepsFrom === 'file') {
      const isOver = call.name === 'OneCycleLR' && /Tried to step/.test(e.message);
      out.push({
        severity: 'warning',
        message: t('{0} (raised by scheduler.step() call #{1}; this file’s loop calls it {2} times)', msg, e.at + 1, call.stepping.steps ?? p.steps),
        range: isOver ? stepCallRange(call) : at ?? stepCallRange(call),
        code: isOver ? 'onecycle-overstep' : 'pytorch-error',
      });
    }
  }
  // PyTorch's warnings (constructor ones always; loop ones when the loop is the file's).
  for (const w of p.schedule?.warnings ?? []) {
    if (w.first_at !== 'construct' && p.stepsFrom !== 'file') continue;
    out.push({ severity: 'warning', message: `${w.category}: ${w.message}`, range: w.first_at === 'construct' ? call.nameRange : stepCallRange(call), code: 'pytorch-warning' });
  }
  // Pitfalls the code shows.
  const typical = p.entry?.typicalStepping;
  const unit = call.stepping.unit;
  if (typical === 'per-batch' && unit === 'per-epoch') {
    out.push({
      severity: 'warning',
      message: t('{0} is a per-batch scheduler, but scheduler.step() is called once per epoch here: each of its steps becomes an epoch. Call it inside the batch loop.', call.name),
      range: stepCallRange(call),
      code: 'stepping-per-epoch',
    });
  }
  if (typical === 'per-epoch' && unit === 'per-batch' && call.name !== 'ReduceLROnPlateau') {
    const big = largestStepParam(p);
    const total = call.stepping.steps;
    if (big && (total !== undefined ? total >= 10 * big.value && total >= 1000 : false)) {
      out.push({
        severity: 'warning',
        message: t('{0} is stepped once per batch here ({1} scheduler.step() calls), so {2}={3} counts batches, not epochs: the schedule is over after {3} of {1} steps. Step it once per epoch, or scale {2} by the batches per epoch.', call.name, total!, big.name, big.value),
        range: argRange(call, big.name) ?? stepCallRange(call),
        code: 'stepping-per-batch',
      });
    }
  }
  if (call.name === 'CosineAnnealingLR' && p.stepsFrom === 'file' && !e) {
    const T = num(p, 'T_max');
    const steps = call.stepping.steps ?? p.steps;
    if (T !== undefined && T > 0 && steps > T + 1) {
      out.push({
        severity: 'warning',
        message: t('The loop steps this scheduler {0} times but T_max={1}: after step {1} the LR rises again toward the base LR (CosineAnnealingLR does not stop or restart). Set T_max to the total number of steps ({0}).', steps, T),
        range: argRange(call, 'T_max') ?? call.nameRange,
        code: 'cosine-past-tmax',
      });
    }
  }
  return out;
}

/** File-level findings (syntax errors, `.get_lr()`, …) with their quick fixes. */
export function fileDiagnostics(result: AnalysisResult, text: string, t: Translate = plainT): RuleDiagnostic[] {
  const out: RuleDiagnostic[] = [];
  for (const d of result.diagnostics) {
    if (d.code === 'internal') continue;
    let fix: QuickFix | undefined;
    if (d.code === 'get-lr') {
      const slice = text.slice(d.range.startIndex, d.range.endIndex);
      const k = slice.lastIndexOf('get_lr');
      if (k >= 0) fix = { title: t('Use get_last_lr()'), edits: [{ startIndex: d.range.startIndex + k, endIndex: d.range.startIndex + k + 'get_lr'.length, newText: 'get_last_lr' }], preferred: true };
    }
    out.push({ severity: SEVERITY[d.severity], message: d.message, range: d.range, code: d.code ?? 'reader', fix });
  }
  return out;
}

/** Everything for one analysed text: file findings, then each call's, without duplicates. */
export function allDiagnostics(result: AnalysisResult, previews: CallPreview[], text: string, t: Translate = plainT): RuleDiagnostic[] {
  const out: RuleDiagnostic[] = [];
  const seen = new Set<string>();
  const add = (d: RuleDiagnostic) => {
    const k = `${d.range.cell ?? ''}:${d.range.startIndex}:${d.range.endIndex}:${d.message}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(d);
  };
  for (const d of fileDiagnostics(result, text, t)) add(d);
  for (const p of previews) {
    try {
      for (const d of callDiagnostics(p, t)) add(d);
    } catch {
      // one call's failure never hides the others
    }
  }
  return out;
}
