// Hover markdown for a scheduler call and for each of its arguments. Pure (no vscode): takes the
// CallPreview and a translate function `t` (vscode.l10n.t in the extension, plainT in tests).
// Every number comes from the engine's Schedule or the catalog; the per-argument effect text is
// effects.ts's, so the hover and the preview panel say the same thing.
import { findParam, type SchedulerEntry } from '../schedulers/catalog';
import { localizedDoc, localizedSummary } from '../schedulers/catalog.ko';
import { repr, type PyValue } from '../schedulers/pyvalue';
import type { Schedule } from '../schedulers/types';
import type { Range, SchedulerCall } from '../python/analyze';
import { effectHere } from './effects';
import { computeStats } from './chartModel';
import type { CallPreview } from './callPreview';
import { sparklineMarkdown } from './sparkline';
import { isTrainerCall, scheduleParamOf, trainerField, type TrainerCall } from './trainerArgs';
import { code, fmtLr, listSteps, mdEscape, plainT, type Translate } from './text';

/** Commands the hover links to (the MarkdownString trusts exactly these). */
export const HOVER_COMMANDS = ['lrSchedulePreview.previewAtCursor', 'lrSchedulePreview.copyCsv', 'lrSchedulePreview.supplyValue'] as const;

/** Identifies a call for command links: the document and the start of the scheduler's name. */
export interface CallLink {
  uri: string;
  line: number;
  character: number;
}

export interface HoverOptions {
  t?: Translate;
  link?: CallLink;
  logScale?: boolean;
  /** Include the sparkline (off in some tests for readability). */
  sparkline?: boolean;
  /** Display language (`vscode.env.language`): picks the catalog's Korean explanations for `ko`. */
  lang?: string;
}

/** `command:` URI with JSON arguments, as VS Code's markdown links expect. */
export function commandUri(command: string, ...args: unknown[]): string {
  // parentheses too: a `)` in a value (`len(loader)`) would end the markdown link
  return `command:${command}?${encodeURIComponent(JSON.stringify(args)).replace(/\(/g, '%28').replace(/\)/g, '%29')}`;
}

/** The parameter the error message names (`T_mult` in "Expected integer T_mult >= 1"), if any. */
export function paramNamedIn(message: string, call: Pick<SchedulerCall, 'argRanges'>, entry: SchedulerEntry | undefined): string | undefined {
  const names = new Set<string>();
  for (const a of call.argRanges) {
    if (a.param) names.add(a.param);
    if (a.keyword) names.add(a.keyword);
  }
  for (const p of entry?.params ?? []) names.add(p.name);
  // Longest first, so `T_max` never matches inside `T_max_steps`; whole words only; quoted first.
  const sorted = [...names].sort((a, b) => b.length - a.length);
  for (const n of sorted) if (message.includes(`'${n}'`)) return n;
  for (const n of sorted) {
    if (n === 'optimizer' || n.length < 2) continue;
    // a plain English word (`schedulers`, `mode`) names the parameter only when it opens the message
    if (!/[_A-Z0-9]/.test(n)) {
      if (new RegExp(`^${n}\\b`).test(message)) return n;
      continue;
    }
    if (new RegExp(`(^|[^\\w])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w])`).test(message)) return n;
  }
  return undefined;
}

function errorLine(p: CallPreview, t: Translate): string | undefined {
  const e = p.error;
  if (!e) return undefined;
  const where = e.at === 'construct' ? t('when the scheduler is constructed') : t('at scheduler.step() call #{0}', (e.at as number) + 1);
  // (English only until l10n/bundle.l10n.ko.json has it)
  if (isTrainerCall(p.call)) return `$(error) transformers raises ${code(`${e.type}: ${e.message}`)} ${where}.`;
  return t('$(error) PyTorch raises {0} {1}.', code(`${e.type}: ${e.message}`), where);
}

/** The parameter whose effect best describes the whole schedule. */
const MAIN_PARAM: Record<string, string> = {
  CosineAnnealingWarmRestarts: 'T_mult', StepLR: 'step_size', MultiStepLR: 'milestones', OneCycleLR: 'pct_start',
  CosineAnnealingLR: 'T_max', LinearLR: 'start_factor', SequentialLR: 'milestones', ChainedScheduler: 'schedulers',
  ExponentialLR: 'gamma', PolynomialLR: 'total_iters', ConstantLR: 'factor', CyclicLR: 'step_size_up', SWALR: 'swa_lr',
  ReduceLROnPlateau: 'patience', LambdaLR: 'lr_lambda', MultiplicativeLR: 'lr_lambda',
};

function safeEffect(p: CallPreview, param: string, t: Translate = plainT): string | undefined {
  try {
    return effectHere(p.call.name, param, p.scheduleArgs ?? p.args, p.schedule ?? undefined, t) || undefined;
  } catch {
    return undefined;
  }
}

function mainEffect(p: CallPreview, t: Translate = plainT): string | undefined {
  const main = MAIN_PARAM[p.call.name];
  if (main) {
    const e = safeEffect(p, main, t);
    if (e) return e;
  }
  for (const q of p.entry?.params ?? []) {
    if (q.name === 'optimizer' || q.name === 'last_epoch') continue;
    const e = safeEffect(p, q.name, t);
    if (e) return e;
  }
  return undefined;
}

export interface KeyFigures {
  start: number;
  peak: { value: number; step: number };
  min: { value: number; step: number };
  last: { value: number; step: number };
}

/** Start, peak, minimum and last LR of group 0 (finite values only); the chart's own statistics. */
export function keyFigures(s: Schedule | null): KeyFigures | undefined {
  const col = s?.columns[0];
  const st = computeStats(col);
  if (!col || !st.peak || !st.min) return undefined;
  return { start: col[0], peak: st.peak, min: st.min, last: { value: col[col.length - 1], step: col.length - 1 } };
}

/** One sentence: what this schedule does with these numbers. */
export function describeCall(p: CallPreview, t: Translate = plainT, lang?: string): string {
  const f = keyFigures(p.schedule);
  const effect = mainEffect(p, t);
  if (!f) {
    if (p.error) return t('{0} cannot run with these arguments: PyTorch raises {1}.', p.call.name, `${p.error.type}`);
    if (p.missing.length) return t('{0} needs values this file does not define statically.', p.call.name);
    return (p.entry && localizedSummary(p.entry.name, lang)) ?? p.call.name;
  }
  const last = f.last.value;
  let s = f.start === last ? t('Over {0} steps the LR starts and ends at {1}', p.steps, fmtLr(f.start)) : t('Over {0} steps the LR goes from {1} to {2}', p.steps, fmtLr(f.start), fmtLr(last));
  const extras: string[] = [];
  if (f.peak.value > Math.max(f.start, last)) extras.push(t('peak {0} at step {1}', fmtLr(f.peak.value), f.peak.step));
  if (f.min.value < Math.min(f.start, last)) extras.push(t('minimum {0} at step {1}', fmtLr(f.min.value), f.min.step));
  if (extras.length) s += ` (${extras.join(', ')})`;
  if (effect) s += `: ${effect}`;
  return `${s}.`;
}

function eventsLine(s: Schedule, t: Translate): string | undefined {
  const by = new Map<string, number[]>();
  for (const e of s.events) {
    const k = e.kind === 'end' ? 'phase' : e.kind;
    if (!by.has(k)) by.set(k, []);
    by.get(k)!.push(e.step);
  }
  const label = (k: string, list: string): string => {
    switch (k) {
      case 'restart': return t('Restarts at steps {0}', list);
      case 'milestone': return t('LR changes at steps {0}', list);
      case 'phase': return t('Phase boundaries at steps {0}', list);
      case 'switch': return t('Switches scheduler at steps {0}', list);
      case 'reduce': return t('Reductions at steps {0}', list);
      default: return t('Events at steps {0}', list);
    }
  };
  const parts: string[] = [];
  for (const [k, steps] of by) parts.push(label(k, listSteps([...new Set(steps)], 8)));
  return parts.length ? parts.join(' · ') : undefined;
}

function steppingLine(p: CallPreview, t: Translate): string {
  const unit = p.call.stepping.unit;
  const where = unit === 'per-batch' ? t('one step = one scheduler.step() call, per batch here')
    : unit === 'per-epoch' ? t('one step = one scheduler.step() call, per epoch here')
      : p.entry?.typicalStepping === 'per-batch' ? t('one step = one scheduler.step() call, usually per batch')
        : t('one step = one scheduler.step() call, usually per epoch');
  const from = p.stepsFrom === 'file' ? t('{0} steps, as this file’s training loop runs', p.steps)
    : p.stepsFrom === 'shape' ? t('{0} steps previewed (the schedule’s own length)', p.steps)
      : t('{0} steps previewed (setting {1})', p.steps, code('lrSchedulePreview.defaultSteps'));
  return `${from} (${where}).`;
}

function num(args: Record<string, PyValue>, k: string): number | undefined {
  const v = args[k];
  return v && (v.t === 'int' || v.t === 'float') ? v.v : undefined;
}

/** Notes that apply to this call (not the catalog's general pitfalls). */
export function callNotes(p: CallPreview, t: Translate = plainT): string[] {
  const out: string[] = [];
  const a = p.args;
  const n = p.call.name;
  const f = keyFigures(p.schedule);
  const paramDefault = (k: string) => {
    const given = p.call.given?.[k];
    return !given;
  };
  if (n === 'CosineAnnealingLR') {
    const T = num(a, 'T_max');
    if (T !== undefined && T > 0 && p.steps > T + 1) {
      out.push(t('CosineAnnealingLR does not stop at T_max: past step {0} the LR rises again toward the base LR (period {1} steps). The {2} steps previewed go beyond T_max={0}; set T_max to the total number of steps.', T, 2 * T, p.steps));
    }
  }
  if (n === 'LinearLR') {
    const s0 = num(a, 'start_factor') ?? 1 / 3;
    const s1 = num(a, 'end_factor') ?? 1;
    if (paramDefault('start_factor') && paramDefault('end_factor')) out.push(t('With its defaults (start_factor=1/3, end_factor=1.0) LinearLR is a warmup, not a decay: the LR rises from a third of the base LR to the full LR.'));
    else if (s0 < s1) out.push(t('start_factor < end_factor: this LinearLR is a warmup (the LR rises), not a decay.'));
  }
  if (n === 'OneCycleLR') {
    const total = num(a, 'total_steps') ?? ((num(a, 'epochs') ?? NaN) * (num(a, 'steps_per_epoch') ?? NaN));
    if (Number.isFinite(total)) out.push(t('Calling scheduler.step() more than total_steps={0} times raises ValueError: "Tried to step {1} times. The specified number of total steps is {0}".', total, total + 1));
    out.push(t('OneCycleLR replaces the optimizer’s lr: it starts at max_lr / div_factor.'));
  }
  if (n === 'SequentialLR' && p.call.children.length > 1) out.push(t('Each scheduler after the first starts again from its own step 0 at its milestone.'));
  if (n === 'ChainedScheduler') out.push(t('The schedulers’ factors multiply at every step.'));
  if (f && f.start === 0 && f.peak.value > 0) out.push(t('The LR at step 0 is 0: the first optimizer step does not change the weights (a warmup that starts at 0).'));
  const stepping = p.call.stepping.unit;
  const typical = p.entry?.typicalStepping;
  if (typical === 'per-batch' && stepping === 'per-epoch') out.push(t('{0} is meant to be stepped once per batch, but this file calls scheduler.step() once per epoch: its steps are epochs here.', n));
  if (typical === 'per-epoch' && stepping === 'per-batch' && n !== 'ReduceLROnPlateau') out.push(t('scheduler.step() is called once per batch here: every step count of {0} is in batches, not epochs.', n));
  for (const note of p.schedule?.notes ?? []) out.push(mdEscape(note));
  for (const w of p.schedule?.warnings ?? []) out.push(`${w.category}: ${mdEscape(w.message)}`);
  return out;
}

function assumptionLines(p: CallPreview, t: Translate, link: CallLink | undefined, only?: string): string[] {
  const out: string[] = [];
  for (const as of p.assumptions) {
    if (only && as.param !== only) continue;
    const how = as.basis === 'default' ? t('its default')
      : as.basis === 'defaultSteps' ? t('from the setting {0}', code('lrSchedulePreview.defaultSteps'))
        : as.basis === 'optimizerLr' ? t('the optimizer’s lr')
          : as.basis === 'stepsPerEpoch' ? t('from the setting {0}', code('lrSchedulePreview.stepsPerEpoch'))
          : as.param === 'optimizer' ? t('LRs shown as multiples of the base LR') : t('a placeholder');
    const supply = link ? ` [${t('Supply a value')}](${commandUri('lrSchedulePreview.supplyValue', { ...link, param: as.param, source: as.source })})` : '';
    out.push(t('$(question) {0} is not known statically ({1}); assumed {2} ({3}).', code(`${as.param}=${as.source}`), mdEscape(as.reason), code(as.used), how) + supply);
  }
  for (const m of p.missing) {
    if (only && m.param !== only) continue;
    const supply = link ? ` [${t('Supply a value')}](${commandUri('lrSchedulePreview.supplyValue', { ...link, param: m.param, source: m.source, scheduler: m.scheduler })})` : '';
    out.push(t('$(question) {0} is not known statically ({1}): no preview until a value is supplied.', code(`${m.scheduler === p.call.name ? '' : `${m.scheduler}: `}${m.param}=${m.source}`), mdEscape(m.reason)) + supply);
  }
  return out;
}

function links(p: CallPreview, t: Translate, link: CallLink | undefined): string | undefined {
  if (!link) return undefined;
  const parts = [`[$(graph-line) ${t('Open preview')}](${commandUri('lrSchedulePreview.previewAtCursor', link)})`];
  if (p.schedule && p.schedule.steps > 0) parts.push(`[$(copy) ${t('Copy as CSV')}](${commandUri('lrSchedulePreview.copyCsv', link)})`);
  return parts.join(' · ');
}

/** Markdown for a hover on the call (its name or anywhere in it that is not an argument). */
export function callHoverMarkdown(p: CallPreview, opts: HoverOptions = {}): string {
  const t = opts.t ?? plainT;
  const md: string[] = [];
  const title = isTrainerCall(p.call) ? `**${p.call.trainer.config}** → **${p.call.name}**` : `**${p.call.name}**`;
  md.push(`${title} — ${describeCall(p, t, opts.lang)}`);
  if (isTrainerCall(p.call)) md.push(trainerBuildsLine(p as CallPreview & { call: TrainerCall }));
  const err = errorLine(p, t);
  if (err) md.push(err);
  const s = p.schedule;
  if (s && s.steps > 0) {
    if (opts.sparkline !== false) md.push(sparklineMarkdown(s.columns, { events: s.events, log: opts.logScale }, t('LR schedule')));
    const f = keyFigures(s);
    if (f) {
      md.push(
        // One line rather than a table: hover tables have no cell padding and the headers run together.
        [
          `**${t('start')}** ${fmtLr(f.start)}`,
          `**${t('peak')}** ${t('{0} at step {1}', fmtLr(f.peak.value), f.peak.step)}`,
          `**${t('minimum')}** ${t('{0} at step {1}', fmtLr(f.min.value), f.min.step)}`,
          `**${t('step {0}', f.last.step)}** ${fmtLr(f.last.value)}`,
        ].join(' &nbsp;·&nbsp; '),
      );
      if (s.columns.length > 1) md.push(t('{0} param groups; figures for group 0.', s.columns.length));
    }
  }
  const ev = s && s.steps > 0 ? eventsLine(s, t) : undefined;
  md.push(ev ? `${ev} · ${steppingLine(p, t)}` : steppingLine(p, t));
  const notes = callNotes(p, t);
  if (notes.length) md.push(notes.map((x) => `- ${x}`).join('\n'));
  const assumed = assumptionLines(p, t, opts.link);
  if (assumed.length) md.push(assumed.join('\n\n'));
  const l = links(p, t, opts.link);
  if (l) md.push(l);
  return md.join('\n\n');
}

function valueText(p: CallPreview, param: string): string | undefined {
  const given = p.call.given?.[param];
  if (given && 'value' in given) return given.source ?? repr(given.value);
  if (given && 'unresolved' in given) return given.source;
  return undefined;
}

/** Markdown for a hover on one argument (`T_mult=2`, a positional value, `optimizer`). */
export function argHoverMarkdown(p: CallPreview, param: string, opts: HoverOptions = {}): string {
  const t = opts.t ?? plainT;
  if (isTrainerCall(p.call)) return trainerArgHoverMarkdown(p as CallPreview & { call: TrainerCall }, param, opts);
  const spec = p.entry ? findParam(p.entry, param) : undefined;
  const md: string[] = [];
  if (!spec) {
    md.push(t('**{0}** is not a parameter of {1}.', param, code(p.call.name)));
    const err = errorLine(p, t);
    if (err) md.push(err);
    return md.join('\n\n');
  }
  const facts: string[] = [code(spec.type)];
  if (spec.unit) facts.push(t('unit: {0}', spec.unit));
  facts.push(spec.default !== undefined ? t('default {0}', code(spec.default)) : t('required'));
  if (spec.range) facts.push(t('allowed: {0}', spec.range));
  md.push(`**${param}** · ${t('parameter of {0}', code(p.call.name))} — ${facts.join(' · ')}`);
  md.push((p.entry && localizedDoc(p.entry.name, param, opts.lang)) ?? spec.doc);
  if (spec.removedIn) md.push(t('$(warning) Removed in PyTorch {0}: passing it raises TypeError there.', spec.removedIn));
  if (param === 'optimizer') {
    md.push(optimizerArgText(p, t));
  } else {
    const written = valueText(p, param);
    const effect = safeEffect(p, param, t);
    const shown = written !== undefined ? `${param}=${written}` : `${param}=${spec.default ?? '?'}`;
    if (effect) md.push(`**${t('Here')}:** ${code(shown)} — ${effect}`);
    else if (written !== undefined) md.push(`**${t('Here')}:** ${code(shown)}`);
  }
  const err = p.error;
  if (err && paramNamedIn(err.message, p.call, p.entry) === param) md.push(errorLine(p, t)!);
  const assumed = assumptionLines(p, t, opts.link, param);
  if (assumed.length) md.push(assumed.join('\n\n'));
  const l = links(p, t, opts.link);
  if (l) md.push(l);
  return md.join('\n\n');
}

// ---- TrainingArguments(...) --------------------------------------------------------------------
// The hover text below is English only (no l10n.t strings yet: they need l10n/bundle.l10n.ko.json).

/** `get_scheduler("cosine", num_warmup_steps=100, num_training_steps=1000)`: what the Trainer builds from the config. */
function trainerBuildsLine(p: CallPreview & { call: TrainerCall }): string {
  const a = p.scheduleArgs ?? {};
  const type = p.call.args.lr_scheduler_type;
  const typeSrc = type && 'value' in type ? repr(type.value) : type?.source ?? '?';
  const parts = [typeSrc];
  for (const k of ['num_warmup_steps', 'num_training_steps']) if (a[k]) parts.push(`${k}=${repr(a[k])}`);
  const extra = Object.keys(a).filter((k) => k !== 'num_warmup_steps' && k !== 'num_training_steps' && k !== 'optimizer');
  if (extra.length) parts.push(`scheduler_specific_kwargs={${extra.map((k) => `'${k}': ${repr(a[k])}`).join(', ')}}`);
  const lr = p.baseLrs[0];
  const lines = [
    `The HF Trainer builds ${code(`get_scheduler(${parts.join(', ')})`)} → ${code(p.call.name)}, on an AdamW with learning_rate=${lr === null || lr === undefined ? '?' : fmtLr(lr)}; it steps the scheduler once per optimizer update.`,
  ];
  for (const e of p.call.trainer.explanation) lines.push(`- ${mdEscape(e)}`);
  return lines.join('\n');
}

/** A field's value as written (or its TrainingArguments default). */
function fieldValue(p: CallPreview, field: string): { text: string; isDefault: boolean } | undefined {
  const a = p.call.args[field];
  if (!a) return undefined;
  if ('unresolved' in a) return { text: a.source, isDefault: false };
  return { text: a.default ? repr(a.value) : a.source ?? repr(a.value), isDefault: !!a.default };
}

/** What a field of a `TrainingArguments(...)` call does in it, with the schedule's numbers (hover and panel). */
export function trainerFieldEffect(p: CallPreview, field: string, t: Translate = plainT): string | undefined {
  if (!isTrainerCall(p.call)) return undefined;
  const a = p.scheduleArgs ?? {};
  const num = (k: string) => (a[k] && (a[k].t === 'int' || a[k].t === 'float') ? (a[k] as { v: number }).v : undefined);
  const W = num('num_warmup_steps');
  const T = num('num_training_steps');
  const f = keyFigures(p.schedule);
  const ratio = p.call.args.warmup_ratio;
  const ratioSet = !!ratio && 'value' in ratio && ratio.value.t !== 'none';
  switch (field) {
    case 'lr_scheduler_type': {
      const s = p.entry ? localizedSummary(p.entry.name, undefined) ?? p.entry.summary : undefined;
      return `the Trainer calls ${code(p.call.name)}${s ? `: ${s}` : ''}`;
    }
    case 'warmup_steps':
    case 'warmup_ratio': {
      if (field === 'warmup_steps' && ratioSet) return 'ignored: warmup_ratio is set and replaces it';
      if (W === undefined) return undefined;
      const main = safeEffect(p, 'num_warmup_steps', t);
      const how = field === 'warmup_ratio' || (field === 'warmup_steps' && (num('num_warmup_steps') ?? 0) > 0 && fieldBelowOne(p, 'warmup_steps'))
        ? `num_warmup_steps = ceil(${T ?? 'num_training_steps'} × ${fieldValue(p, field)?.text}) = ${W}`
        : `num_warmup_steps=${W}`;
      if (p.call.name === 'get_constant_schedule' || p.call.name === 'get_reduce_on_plateau_schedule') return `${how}, but ${code(p.call.name)} has no warmup: it is ignored`;
      if (main) return `${how}: ${main}`;
      if (W === 0) return `${how}: no warmup, the first step already uses learning_rate`;
      return f && f.peak.step === W ? `${how}: the LR climbs linearly from 0 to ${fmtLr(f.peak.value)} at step ${W}` : `${how}: the LR climbs linearly from 0 to learning_rate over ${W} steps`;
    }
    case 'max_steps':
    case 'num_train_epochs':
    case 'gradient_accumulation_steps': {
      if (T === undefined) return undefined;
      const steps = num('max_steps') ?? (p.call.args.max_steps && 'value' in p.call.args.max_steps && p.call.args.max_steps.value.t === 'int' ? p.call.args.max_steps.value.v : -1);
      if (field !== 'max_steps' && steps > 0) return `ignored: max_steps=${steps} sets the number of steps`;
      const main = safeEffect(p, 'num_training_steps', t);
      return main ? `num_training_steps=${T}: ${main}` : `num_training_steps=${T}: the schedule spans ${T} optimizer updates`;
    }
    case 'learning_rate':
      return f ? `base LR of the AdamW the Trainer builds; the schedule peaks at ${fmtLr(f.peak.value)} (step ${f.peak.step})` : 'base LR of the AdamW the Trainer builds';
    case 'lr_scheduler_kwargs': {
      const extra = Object.keys(a).filter((k) => k !== 'num_warmup_steps' && k !== 'num_training_steps' && k !== 'optimizer');
      return extra.length ? `passed to ${code(p.call.name)} as ${extra.map((k) => `${k}=${repr(a[k])}`).join(', ')}` : undefined;
    }
    default:
      return undefined;
  }
}

function fieldBelowOne(p: CallPreview, field: string): boolean {
  const a = p.call.args[field];
  return !!a && 'value' in a && (a.value.t === 'float' || a.value.t === 'int') && a.value.v < 1;
}

/** Markdown for a hover on a field of `TrainingArguments(...)` (`warmup_steps=100`). */
function trainerArgHoverMarkdown(p: CallPreview & { call: TrainerCall }, param: string, opts: HoverOptions): string {
  const t = opts.t ?? plainT;
  const config = p.call.trainer.config;
  const field = trainerField(param);
  const md: string[] = [];
  if (!field) {
    md.push(`**${param}** · field of ${code(config)} — it does not change the LR schedule the Trainer builds.`);
    return md.join('\n\n');
  }
  const schedParam = scheduleParamOf(p.call, param);
  const facts: string[] = [code(field.type)];
  const unit = schedParam?.unit ?? field.unit;
  if (unit) facts.push(t('unit: {0}', unit));
  facts.push(t('default {0}', code(field.default ?? 'None')));
  if (field.range) facts.push(t('allowed: {0}', field.range));
  md.push(`**${param}** · field of ${code(config)}${schedParam ? `, becomes ${code(`${schedParam.name}`)} of ${code(p.call.name)}` : ''} — ${facts.join(' · ')}`);
  md.push(field.doc);
  if (schedParam) md.push(`${code(schedParam.name)}: ${(p.entry && localizedDoc(p.entry.name, schedParam.name, opts.lang)) ?? schedParam.doc}`);
  const v = fieldValue(p, param);
  const effect = trainerFieldEffect(p, param, t);
  if (v) md.push(`**${t('Here')}:** ${code(`${param}=${v.text}`)}${v.isDefault ? ' (default)' : ''}${effect ? ` — ${effect}` : ''}`);
  const err = p.error;
  if (err && paramNamedIn(err.message, p.call, p.entry) === param) md.push(errorLine(p, t)!);
  if (param === 'lr_scheduler_type' && err && /SchedulerType/.test(err.message)) md.push(errorLine(p, t)!);
  const assumed = assumptionLines(p, t, opts.link, param);
  if (assumed.length) md.push(assumed.join('\n\n'));
  const l = links(p, t, opts.link);
  if (l) md.push(l);
  return md.join('\n\n');
}

/** What the optimizer hands to the scheduler: base LR(s) and where they come from. */
export function optimizerArgText(p: CallPreview, t: Translate = plainT): string {
  const o = p.call.optimizer;
  if (p.baseLrAssumed || !o || !o.ref) {
    const why = o?.unresolved.map((u) => `${code(u.source)}: ${mdEscape(u.reason)}`).join('; ');
    return t('The optimizer is not constructed statically in this file{0}; the preview assumes a base LR of 1.0, so LRs read as multiples of the base LR.', why ? ` (${why})` : '');
  }
  const lrs = p.baseLrs.map((x) => (x === null ? '?' : fmtLr(x)));
  const groups = lrs.length > 1 ? t('{0} param groups with base LRs {1}', lrs.length, lrs.join(', ')) : t('base LR {0}', lrs[0] ?? '?');
  const where = t('{0} at line {1}', code(o.name), o.line + 1);
  let s = o.lrRanges.length ? t('Hands the scheduler {0}, from the lr of {1}.', groups, where) : t('Hands the scheduler {0}, the default lr of {1}.', groups, where);
  if (p.call.name === 'OneCycleLR' || p.call.name === 'CyclicLR') s += ' ' + t('{0} replaces these LRs with its own (max_lr / base_lr).', p.call.name);
  return s;
}

// ---- what the mouse is on ------------------------------------------------------------------------

/** The innermost call containing `offset` (a nested LinearLR inside SequentialLR wins over the outer call). */
export function callAtOffset(calls: SchedulerCall[], offset: number): SchedulerCall | undefined {
  let best: SchedulerCall | undefined;
  for (const c of calls) {
    if (offset < c.range.startIndex || offset > c.range.endIndex) continue;
    if (!best || c.range.endIndex - c.range.startIndex < best.range.endIndex - best.range.startIndex) best = c;
  }
  return best;
}

export type HoverTarget =
  | { kind: 'call'; call: SchedulerCall; range: Range }
  | { kind: 'arg'; call: SchedulerCall; param: string; range: Range };

/** What a hover at `offset` explains: an argument of the innermost call, or the call itself. */
export function hoverTarget(calls: SchedulerCall[], offset: number): HoverTarget | undefined {
  const call = callAtOffset(calls, offset);
  if (!call) return undefined;
  for (const a of call.argRanges) {
    const start = a.nameRange ?? a.valueRange;
    if (offset >= start.startIndex && offset < a.valueRange.endIndex) {
      const param = a.param ?? a.keyword;
      if (!param) break;
      // on a positional value, only the value; on `name=value`, the name and the value
      return {
        kind: 'arg', call, param,
        range: { start: start.start, end: a.valueRange.end, startIndex: start.startIndex, endIndex: a.valueRange.endIndex, cell: a.valueRange.cell },
      };
    }
  }
  return { kind: 'call', call, range: offset >= call.nameRange.startIndex && offset <= call.nameRange.endIndex ? call.nameRange : call.range };
}
