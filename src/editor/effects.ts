// "Effect here": one line per parameter saying what its value does in this call, with this call's
// numbers ("T_mult=2: cycles of 10, 20, 40 steps; restarts at steps 10, 30, 70").
// Pure (no vscode); read by the editor hover and the preview's parameter panel. Numbers come from
// the call's arguments (defaults from the catalog) and, when given, the engine's Schedule.
// Never throws: anything it cannot say returns undefined.
import { findEntry, type SchedulerEntry } from '../schedulers/catalog';
import { parseDefault } from '../schedulers/simulate';
import { fromJS, repr, type PyValue } from '../schedulers/pyvalue';
import type { Schedule } from '../schedulers/types';
import { plainT, type Translate } from './text';

/** Arguments by parameter name: engine values, or plain JS numbers/strings/booleans. */
export type EffectArgs = Record<string, PyValue | number | string | boolean | null | undefined>;

/** Short number for prose: 4 significant digits, exponent form for tiny/huge values. */
export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return String(Number(x.toPrecision(4)));
  return x.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/** A list of numbers, at most `max` shown, `…` when there are more. */
function listNums(xs: number[], max = 4, more = false): string {
  const shown = xs.slice(0, max).map((x) => String(x)).join(', ');
  return xs.length > max || more ? `${shown}, …` : shown;
}

/** 1/3, 1/6, … for repeating fractions; a percentage otherwise. */
function fraction(x: number): string {
  for (const n of [3, 6, 7, 9, 12]) {
    for (let k = 1; k < n; k++) if (Math.abs(x - k / n) < 1e-9 && gcd(k, n) === 1) return `${k}/${n}`;
  }
  return `${fmtNum(x * 100)}%`;
}
function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function isPyValue(v: unknown): v is PyValue {
  return typeof v === 'object' && v !== null && typeof (v as { t?: unknown }).t === 'string';
}

interface Ctx {
  entry: SchedulerEntry;
  /** The argument's value (given or default). */
  a(name: string): PyValue | undefined;
  /** The argument as a number (first item of a list), undefined if not numeric. */
  n(name: string): number | undefined;
  given(name: string): boolean;
  sched?: Schedule;
  /** LRs of group 0, if simulated. */
  col?: Float64Array;
  steps?: number;
  /** Translation (vscode.l10n.t in the extension; plainT fills `{0}` in tests). */
  t: Translate;
}

function makeCtx(entry: SchedulerEntry, args: EffectArgs | undefined, schedule: Schedule | undefined, t: Translate = plainT): Ctx {
  const vals = new Map<string, PyValue>();
  for (const [k, v] of Object.entries(args ?? {})) {
    if (v === undefined) continue;
    vals.set(k, isPyValue(v) ? v : fromJS(v));
  }
  const a = (name: string): PyValue | undefined => {
    const v = vals.get(name);
    if (v) return v;
    const p = entry.params.find((q) => q.name === name);
    if (p?.default === undefined) return undefined;
    try {
      return parseDefault(p.default);
    } catch {
      return undefined;
    }
  };
  const n = (name: string): number | undefined => numOf(a(name));
  const col = schedule?.columns?.[0]?.length ? schedule.columns[0] : undefined;
  return { entry, a, n, given: (k) => vals.has(k), sched: schedule, col, steps: schedule?.steps, t };
}

function numOf(v: PyValue | undefined): number | undefined {
  if (!v) return undefined;
  if (v.t === 'int' || v.t === 'float') return Number.isFinite(v.v) ? v.v : undefined;
  if (v.t === 'bool') return v.v ? 1 : 0;
  if ((v.t === 'list' || v.t === 'tuple') && v.items.length) return numOf(v.items[0]);
  return undefined;
}
function numsOf(v: PyValue | undefined): number[] | undefined {
  if (!v || (v.t !== 'list' && v.t !== 'tuple')) return undefined;
  const out: number[] = [];
  for (const it of v.items) {
    const x = numOf(it);
    if (x === undefined) return undefined;
    out.push(x);
  }
  return out;
}
function strOf(v: PyValue | undefined): string | undefined {
  return v && v.t === 'str' ? v.v : undefined;
}
function truthy(v: PyValue | undefined): boolean | undefined {
  if (!v) return undefined;
  if (v.t === 'bool') return v.v;
  if (v.t === 'none') return false;
  if (v.t === 'int' || v.t === 'float') return v.v !== 0;
  return undefined;
}
const isPosInt = (x: number | undefined): x is number => x !== undefined && Number.isInteger(x) && x >= 1;
const pyr = (v: PyValue | undefined) => (v ? repr(v) : '?');

/** LR of group 0 at step i, if simulated that far. */
function lrAt(c: Ctx, i: number): number | undefined {
  return c.col && i >= 0 && i < c.col.length ? c.col[i] : undefined;
}
/** The base LR: the optimizer's lr (when the call's optimizer is known) or, failing that, undefined. */
function baseLr(c: Ctx): number | undefined {
  const o = c.a('optimizer');
  if (o && o.t === 'optimizer') {
    const g = o.spec.groups[0];
    const v = numOf(g?.lr) ?? numOf(o.spec.defaults.lr);
    if (v !== undefined) return v;
  }
  return undefined;
}
function argmax(col: Float64Array, end = col.length): { i: number; v: number } | undefined {
  let best = -1;
  for (let i = 0; i < Math.min(end, col.length); i++) if (best < 0 || col[i] > col[best]) best = i;
  return best < 0 ? undefined : { i: best, v: col[best] };
}
function argmin(col: Float64Array, end = col.length): { i: number; v: number } | undefined {
  let best = -1;
  for (let i = 0; i < Math.min(end, col.length); i++) if (best < 0 || col[i] < col[best]) best = i;
  return best < 0 ? undefined : { i: best, v: col[best] };
}

// ---- per scheduler -----------------------------------------------------------------------------

type Effects = (param: string, c: Ctx) => string | undefined;

const cawr: Effects = (p, c) => {
  const T0 = c.n('T_0');
  const m = c.n('T_mult');
  if (!isPosInt(T0)) return undefined;
  const okMult = isPosInt(m);
  if (p === 'T_0') {
    if (!okMult) return c.t('first restart at step {0}', T0);
    return m === 1 ? c.t('first restart at step {0}; then every {0} steps', T0) : c.t('first restart at step {0}; the next cycles last {1}, {2} steps', T0, T0 * m, T0 * m * m);
  }
  if (p === 'T_mult') {
    if (!okMult) return undefined;
    // The cycles this run goes through, up to the first restart at or after its end (3 to 5 of them;
    // 4 when the run's length is not known): "cycles of 10, 20, 40 steps; restarts at 10, 30, 70".
    const lens: number[] = [];
    const restarts: number[] = [];
    let len = T0;
    let at = 0;
    const want = (k: number) => (c.steps === undefined ? k < 4 : k < 3 || (k < 5 && at < c.steps));
    for (let k = 0; want(k); k++) {
      lens.push(len);
      at += len;
      restarts.push(at);
      len *= m;
    }
    if (m === 1) return c.t('every cycle lasts {0} steps; restarts at steps {1}', T0, listNums(restarts, 4, true));
    return c.t('cycles of {0} steps; restarts at steps {1}', lens.join(', '), restarts.join(', '));
  }
  if (p === 'eta_min') {
    const eta = c.a('eta_min');
    const before = lrAt(c, T0 - 1);
    return c.t('every cycle bottoms out near {0} just before a restart', pyr(eta)) + (before !== undefined ? ` (${c.t('LR at step {0}: {1}', T0 - 1, fmtNum(before))})` : '');
  }
  return undefined;
};

function decaySteps(every: number, steps: number | undefined): { list: number[]; more: boolean } {
  const list: number[] = [];
  const limit = steps ?? every * 4;
  for (let s = every; s < limit && list.length < 4; s += every) list.push(s);
  return { list, more: steps !== undefined && every * (list.length + 1) < steps };
}

const stepLR: Effects = (p, c) => {
  const size = c.n('step_size');
  const g = c.n('gamma');
  if (!isPosInt(size) || g === undefined) return undefined;
  if (p !== 'step_size' && p !== 'gamma') return undefined;
  const { list, more } = decaySteps(size, c.steps);
  if (!list.length) return c.t('LR × {0} every {1} steps (first at step {1}, after the {2} steps simulated)', fmtNum(g), size, c.steps ?? '?');
  let text = c.t('LR × {0} at steps {1}', fmtNum(g), listNums(list, 4, more));
  const b = lrAt(c, 0);
  if (p === 'gamma' && b !== undefined) text += `: ${[b, ...list.map((s) => lrAt(c, s) ?? NaN)].map(fmtNum).join(' → ')}`;
  return text;
};

const multiStepLR: Effects = (p, c) => {
  const ms = numsOf(c.a('milestones'));
  const g = c.n('gamma');
  if (!ms || g === undefined || (p !== 'milestones' && p !== 'gamma')) return undefined;
  const sorted = [...ms].sort((x, y) => x - y);
  const uniq = [...new Set(sorted)];
  const parts = uniq.map((s) => {
    const k = sorted.filter((x) => x === s).length;
    return k > 1 ? `${s} (${c.t('listed {0}×', k)}: × ${fmtNum(g)}^${k})` : String(s);
  });
  let text = uniq.length > 1 ? c.t('LR × {0} at steps {1}', fmtNum(g), parts.join(', ')) : c.t('LR × {0} at step {1}', fmtNum(g), parts.join(', '));
  if (!uniq.length) return c.t('no milestones: the LR never changes');
  const b = lrAt(c, 0);
  if (b !== undefined) {
    const vals = [b, ...uniq.map((s) => lrAt(c, s)).filter((x): x is number => x !== undefined)];
    if (vals.length > 1) text += `: ${vals.map(fmtNum).join(' → ')}`;
  }
  const beyond = c.steps !== undefined ? uniq.filter((s) => s >= c.steps!) : [];
  if (beyond.length) text += ` (${c.t('{0} beyond the {1} steps simulated', beyond.join(', '), c.steps!)})`;
  return text;
};

const constantLR: Effects = (p, c) => {
  const f = c.n('factor');
  const n = c.n('total_iters');
  if (f === undefined || n === undefined || (p !== 'factor' && p !== 'total_iters')) return undefined;
  if (n <= 0) return c.t('total_iters={0}: the factor is never applied', n);
  const lo = lrAt(c, 0);
  const hi = lrAt(c, n);
  return c.t('LR = {0} of the LR for steps 0–{1}{2}, then the full LR from step {3}{4}', fraction(f), n - 1, lo !== undefined ? ` (${fmtNum(lo)})` : '', n, hi !== undefined ? ` (${fmtNum(hi)})` : '');
};

const linearLR: Effects = (p, c) => {
  const s = c.n('start_factor');
  const e = c.n('end_factor');
  const n = c.n('total_iters');
  if (s === undefined || e === undefined || n === undefined) return undefined;
  if (p !== 'start_factor' && p !== 'end_factor' && p !== 'total_iters') return undefined;
  const of = (x: number) => (Math.abs(x - 1) < 1e-12 ? c.t('the full LR') : c.t('{0} of the LR', fraction(x)));
  const kind = e > s ? 'warmup' : e < s ? 'linear decay' : 'constant';
  if (kind === 'constant') return c.t('start_factor = end_factor = {0}: the LR stays at {1}', fmtNum(s), of(s));
  let text = kind === 'warmup' ? c.t('warmup from {0} to {1} over {2} steps', of(s), of(e), n) : c.t('linear decay from {0} to {1} over {2} steps', of(s), of(e), n);
  const a = lrAt(c, 0);
  const b = lrAt(c, n);
  if (a !== undefined && b !== undefined) text += ` (${c.t('{0} → {1}, held from step {2}', fmtNum(a), fmtNum(b), n)})`;
  return text;
};

const exponentialLR: Effects = (p, c) => {
  const g = c.n('gamma');
  if (p !== 'gamma' || g === undefined) return undefined;
  if (g === 1) return c.t('gamma=1: the LR never changes');
  if (g <= 0) return c.t('gamma={0}: the LR becomes 0 after one step', fmtNum(g));
  const per = Math.log(2) / Math.abs(Math.log(g));
  let text = g < 1 ? c.t('LR × {0} every step: halves every {1} steps', fmtNum(g), fmtNum(per)) : c.t('LR × {0} every step: doubles every {1} steps', fmtNum(g), fmtNum(per));
  if (c.col && c.col.length > 1) {
    const last = c.col.length - 1;
    text += `; ${c.t('{0} → {1} at step {2}', fmtNum(c.col[0]), fmtNum(c.col[last]), last)} (× ${fmtNum(Math.pow(g, last))})`;
  }
  return text;
};

const polynomialLR: Effects = (p, c) => {
  const n = c.n('total_iters');
  const pw = c.n('power');
  if (n === undefined || pw === undefined) return undefined;
  if (p === 'total_iters') return n > 0 ? c.t('LR reaches 0 at step {0} and stays 0', n) : c.t('total_iters={0}: no decay', n);
  if (p === 'power') {
    if (!(n > 1)) return undefined;
    const h = Math.floor(n / 2);
    const frac = Math.pow(1 - h / n, pw);
    return c.t('halfway (step {0}) the LR is {1}% of the base LR', h, fmtNum(frac * 100)) + (pw === 1 ? ` (${c.t('linear decay')})` : ` (${c.t('linear would be {0}%', fmtNum((1 - h / n) * 100))})`);
  }
  return undefined;
};

const cosineLR: Effects = (p, c) => {
  const T = c.n('T_max');
  const eta = c.a('eta_min');
  if (T === undefined || !(T > 0)) return undefined;
  if (p === 'T_max') {
    let text = c.t('minimum {0} at step {1}; rises again after', pyr(eta), T);
    if (c.steps !== undefined && c.steps > T + 1) text += ` (${c.t('back at the base LR at step {0}', 2 * T)})`;
    return text;
  }
  if (p === 'eta_min') return c.t('LR bottoms out at {0} at step {1}', pyr(eta), T);
  return undefined;
};

function oneCycleTotal(c: Ctx): number | undefined {
  const t = c.a('total_steps');
  if (t && t.t !== 'none') return c.n('total_steps');
  const e = c.n('epochs');
  const s = c.n('steps_per_epoch');
  return e !== undefined && s !== undefined ? e * s : undefined;
}

const oneCycle: Effects = (p, c) => {
  const T = oneCycleTotal(c);
  const maxLr = c.n('max_lr');
  const pct = c.n('pct_start');
  const div = c.n('div_factor');
  const fdiv = c.n('final_div_factor');
  if (T === undefined || !(T > 0)) {
    if (p === 'total_steps' || p === 'epochs' || p === 'steps_per_epoch') return c.t('give total_steps, or epochs and steps_per_epoch');
    return undefined;
  }
  // The peak: where the simulated LR is highest (within the cycle), or from pct_start.
  const fromCol = c.col ? argmax(c.col, T + 1) : undefined;
  const peak = fromCol?.i ?? (pct !== undefined ? Math.max(0, Math.round(pct * T - 1)) : undefined);
  const three = truthy(c.a('three_phase'));
  switch (p) {
    case 'pct_start':
      return peak !== undefined ? c.t('peak max_lr={0} at step {1} of {2}', maxLr !== undefined ? fmtNum(maxLr) : '?', peak, T) : undefined;
    case 'max_lr': {
      if (maxLr === undefined || div === undefined || fdiv === undefined) return undefined;
      return peak !== undefined
        ? c.t('starts at {0} (max_lr / div_factor), peaks at {1} at step {2}, ends at {3}', fmtNum(maxLr / div), fmtNum(maxLr), peak, fmtNum(maxLr / div / fdiv))
        : c.t('starts at {0} (max_lr / div_factor), peaks at {1}, ends at {2}', fmtNum(maxLr / div), fmtNum(maxLr), fmtNum(maxLr / div / fdiv));
    }
    case 'total_steps':
    case 'epochs':
    case 'steps_per_epoch': {
      const given = c.a('total_steps');
      if (p !== 'total_steps' && given && given.t !== 'none') return c.t('ignored: total_steps={0} is given', T);
      const how = p === 'total_steps' ? '' : `total_steps = ${c.n('epochs')} × ${c.n('steps_per_epoch')} = ${T}; `;
      return how + c.t('a cycle of {0} steps; step() call {1} raises ValueError ("Tried to step {1} times")', T, T + 1);
    }
    case 'div_factor':
      return maxLr !== undefined && div !== undefined ? c.t('start LR = max_lr / {0} = {1}', fmtNum(div), fmtNum(maxLr / div)) : undefined;
    case 'final_div_factor':
      return maxLr !== undefined && div !== undefined && fdiv !== undefined ? c.t('final LR = start LR / {0} = {1} (at step {2})', fmtNum(fdiv), fmtNum(maxLr / div / fdiv), T - 1) : undefined;
    case 'anneal_strategy': {
      const s = strOf(c.a('anneal_strategy'));
      return s && peak !== undefined ? c.t('{0} ramps: up for {1} steps, then down until step {2}', s === 'cos' ? c.t('cosine') : s, peak, T - 1) : undefined;
    }
    case 'three_phase':
      if (peak === undefined) return undefined;
      return three
        ? c.t('up to max_lr by step {0}, back to the start LR by step {1}, then down to the final LR by step {2}', peak, 2 * peak, T - 1)
        : c.t('up to max_lr by step {0}, then one anneal to the final LR at step {1}', peak, T - 1);
    case 'cycle_momentum':
    case 'base_momentum':
    case 'max_momentum': {
      if (truthy(c.a('cycle_momentum')) === false) return c.t('momentum is not cycled');
      const hi = c.n('max_momentum');
      const lo = c.n('base_momentum');
      if (hi === undefined || lo === undefined) return undefined;
      return peak !== undefined
        ? c.t('momentum {0} → {1} at the LR peak (step {2}) → {0} at the end', fmtNum(hi), fmtNum(lo), peak)
        : c.t('momentum {0} → {1} at the LR peak → {0} at the end', fmtNum(hi), fmtNum(lo));
    }
  }
  return undefined;
};

const cyclic: Effects = (p, c) => {
  const base = c.n('base_lr');
  const max = c.n('max_lr');
  const up = c.n('step_size_up');
  const downV = c.a('step_size_down');
  const down = downV && downV.t !== 'none' ? c.n('step_size_down') : up;
  const mode = strOf(c.a('mode')) ?? 'triangular';
  const customScale = c.a('scale_fn') && c.a('scale_fn')!.t !== 'none';
  const C = up !== undefined && down !== undefined ? up + down : undefined;
  switch (p) {
    case 'base_lr':
    case 'max_lr':
      if (base === undefined || max === undefined) return undefined;
      return c.t('LR cycles between {0} and {1}', fmtNum(base), fmtNum(max)) + (mode === 'triangular2' && !customScale ? ` (${c.t('the amplitude halves each cycle')})` : mode === 'exp_range' && !customScale ? ` (${c.t('the amplitude shrinks by gamma every step')})` : '');
    case 'step_size_up':
    case 'step_size_down': {
      if (up === undefined || down === undefined || C === undefined || !(C > 0)) return undefined;
      const peaks = [0, 1, 2].map((k) => up + k * C);
      return c.t('cycle of {0} steps ({1} up, {2} down); peaks at steps {3}, …', C, up, down, peaks.join(', '));
    }
    case 'mode': {
      if (customScale) return c.t('ignored: scale_fn is given');
      if (mode === 'triangular') return c.t('every cycle has the full amplitude');
      if (mode === 'triangular2' && base !== undefined && max !== undefined) {
        return c.t('the amplitude halves each cycle: peaks {0}, …', [0, 1, 2].map((k) => fmtNum(base + (max - base) / 2 ** k)).join(', '));
      }
      if (mode === 'exp_range') return c.t('the amplitude is multiplied by gamma^step');
      return undefined;
    }
    case 'gamma': {
      const g = c.n('gamma');
      if (mode !== 'exp_range' || customScale) return c.t("unused unless mode='exp_range'");
      if (g === undefined || up === undefined || C === undefined) return undefined;
      return c.t('amplitude × {0}^step: at the second peak (step {1}) {2}% of it is left', fmtNum(g), up + C, fmtNum(Math.pow(g, up + C) * 100));
    }
    case 'cycle_momentum':
    case 'base_momentum':
    case 'max_momentum': {
      if (truthy(c.a('cycle_momentum')) === false) return c.t('momentum is not cycled');
      const hi = c.n('max_momentum');
      const lo = c.n('base_momentum');
      if (hi === undefined || lo === undefined) return undefined;
      return c.t('momentum {0} at base_lr ↔ {1} at max_lr (inverse to the LR)', fmtNum(hi), fmtNum(lo));
    }
    case 'scale_fn':
      return customScale ? c.t("overrides mode='{0}'", mode) : undefined;
  }
  return undefined;
};

const plateau: Effects = (p, c) => {
  const reductions = c.sched?.events.filter((e) => e.kind === 'reduce').map((e) => e.step) ?? [];
  const inPreview = reductions.length
    ? `; ${reductions.length > 1 ? c.t("with the preview's metric: at steps {0}", listNums(reductions, 5)) : c.t("with the preview's metric: at step {0}", listNums(reductions, 5))}`
    : '';
  switch (p) {
    case 'factor': {
      const f = c.n('factor');
      if (f === undefined) return undefined;
      const b = lrAt(c, 0);
      return `${c.t('each reduction: LR × {0}', fmtNum(f))}${b !== undefined ? ` (${fmtNum(b)} → ${fmtNum(b * f)})` : ''}${inPreview}`;
    }
    case 'patience': {
      const n = c.n('patience');
      return n !== undefined ? `${c.t('the LR drops after {0} steps in a row without improvement', n + 1)}${inPreview}` : undefined;
    }
    case 'cooldown': {
      const n = c.n('cooldown');
      return n !== undefined ? (n > 0 ? c.t('{0} steps after each reduction are not counted', n) : c.t('no cooldown: bad steps count right after a reduction')) : undefined;
    }
    case 'min_lr': {
      const n = c.n('min_lr');
      return n !== undefined ? c.t('the LR never goes below {0}', fmtNum(n)) : undefined;
    }
    case 'threshold': {
      const t = c.n('threshold');
      const m = strOf(c.a('threshold_mode')) ?? 'rel';
      if (t === undefined) return undefined;
      return m === 'rel' ? c.t('an improvement must beat the best by more than {0}%', fmtNum(t * 100)) : c.t('an improvement must beat the best by more than {0}', fmtNum(t));
    }
    case 'mode':
      return strOf(c.a('mode')) === 'max' ? c.t('higher metric is better (accuracy)') : c.t('lower metric is better (loss)');
    case 'eps': {
      const e = c.n('eps');
      return e !== undefined ? c.t('reductions smaller than {0} are skipped', fmtNum(e)) : undefined;
    }
  }
  return undefined;
};

const swalr: Effects = (p, c) => {
  const swa = c.n('swa_lr');
  const n = c.n('anneal_epochs');
  const s = strOf(c.a('anneal_strategy')) ?? 'cos';
  if (swa === undefined || n === undefined) return undefined;
  if (p !== 'swa_lr' && p !== 'anneal_epochs' && p !== 'anneal_strategy') return undefined;
  if (n <= 0) return c.t('switches to swa_lr={0} at once', fmtNum(swa));
  return c.t('LR moves to {0} over {1} steps ({2}), then stays there', fmtNum(swa), n, s === 'cos' ? c.t('cosine') : s);
};

function childNames(c: Ctx): string[] | undefined {
  const v = c.a('schedulers');
  if (!v || (v.t !== 'list' && v.t !== 'tuple')) return undefined;
  return v.items.map((it) => (it.t === 'scheduler' ? it.spec.name : '?'));
}

const sequential: Effects = (p, c) => {
  const names = childNames(c);
  const ms = numsOf(c.a('milestones'));
  if (!names || !ms) return undefined;
  if (p === 'milestones' || p === 'schedulers') {
    const parts = [c.t('{0} until step {1}', names[0], ms[0] ?? '∞')];
    for (let k = 0; k < ms.length && k + 1 < names.length; k++) {
      parts.push(k + 1 < ms.length ? c.t('{0} from step {1} to {2}', names[k + 1], ms[k], ms[k + 1]) : c.t('{0} from step {1}', names[k + 1], ms[k]));
    }
    return `${parts.join(c.t(', then '))} (${c.t('each starts from its own step 0')})`;
  }
  return undefined;
};

const chained: Effects = (p, c) => {
  const names = childNames(c);
  if (p !== 'schedulers' || !names) return undefined;
  return c.t('at every step the LR gets {0} (their factors multiply)', names.join(' × '));
};

const lambda: Effects = (p, c) => {
  if (p !== 'lr_lambda' || !c.col || !c.col.length) return undefined;
  const last = c.col.length - 1;
  const hi = argmax(c.col)!;
  const lo = argmin(c.col)!;
  let text = c.t('LR {0} at step 0 → {1} at step {2}', fmtNum(c.col[0]), fmtNum(c.col[last]), last);
  if (hi.i !== 0 && hi.i !== last) text += `; ${c.t('peak {0} at step {1}', fmtNum(hi.v), hi.i)}`;
  if (lo.i !== 0 && lo.i !== last) text += `; ${c.t('lowest {0} at step {1}', fmtNum(lo.v), lo.i)}`;
  return text;
};

const BY_ENTRY: Record<string, Effects> = {
  CosineAnnealingWarmRestarts: cawr,
  StepLR: stepLR,
  MultiStepLR: multiStepLR,
  ConstantLR: constantLR,
  LinearLR: linearLR,
  ExponentialLR: exponentialLR,
  PolynomialLR: polynomialLR,
  CosineAnnealingLR: cosineLR,
  OneCycleLR: oneCycle,
  CyclicLR: cyclic,
  ReduceLROnPlateau: plateau,
  SWALR: swalr,
  SequentialLR: sequential,
  ChainedScheduler: chained,
  LambdaLR: lambda,
  MultiplicativeLR: lambda,
};

function common(p: string, c: Ctx): string | undefined {
  if (p === 'last_epoch') {
    const le = c.n('last_epoch');
    if (le === undefined) return undefined;
    return le === -1 ? c.t('starts fresh (the LR at construction is step 0)') : c.t("resumes after step {0}: every param group needs 'initial_lr' (from a loaded optimizer state)", le);
  }
  if (p === 'optimizer') {
    const o = c.a('optimizer');
    const b = baseLr(c);
    if (!o || o.t !== 'optimizer' || b === undefined) return undefined;
    const lrs = (o.spec.groups.length ? o.spec.groups : [{}]).map((g) => numOf(g.lr) ?? numOf(o.spec.defaults.lr) ?? b);
    const text = lrs.length > 1
      ? c.t('{0} hands the scheduler its base LRs {1} ({2} param groups)', o.spec.name, lrs.map(fmtNum).join(', '), lrs.length)
      : c.t('{0} hands the scheduler its base LR {1}', o.spec.name, fmtNum(lrs[0]));
    const replaced = c.entry.name === 'OneCycleLR' || c.entry.name === 'CyclicLR' ? `; ${c.t('this scheduler replaces it with its own LRs')}` : '';
    return text + replaced;
  }
  return undefined;
}

/**
 * The effect of `paramName` in this call, in one line with this call's numbers, or undefined when
 * there is nothing useful to say. `args` are the bound arguments (missing ones take the catalog
 * default); `schedule` (optional) is the engine's simulation of the call; `t` translates (the
 * extension passes vscode.l10n.t, so the hover and the panel speak the display language). Never throws.
 */
export function effectHere(entryName: string, paramName: string, args?: EffectArgs, schedule?: Schedule, t: Translate = plainT): string | undefined {
  try {
    const entry = findEntry(entryName);
    if (!entry) return undefined;
    const c = makeCtx(entry, args, schedule, t);
    const own = BY_ENTRY[entry.name]?.(paramName, c);
    const text = own ?? common(paramName, c);
    return text && text.length ? text : undefined;
  } catch {
    return undefined;
  }
}
