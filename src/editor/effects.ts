// "Effect here": one line per parameter saying what its value does in this call, with this call's
// numbers ("T_mult=2: cycles of 10, 20, 40, 80 steps; restarts at steps 10, 30, 70, 150").
// Pure (no vscode); read by the editor hover and the preview's parameter panel. Numbers come from
// the call's arguments (defaults from the catalog) and, when given, the engine's Schedule.
// Never throws: anything it cannot say returns undefined.
import { findEntry, type SchedulerEntry } from '../schedulers/catalog';
import { parseDefault } from '../schedulers/simulate';
import { fromJS, repr, type PyValue } from '../schedulers/pyvalue';
import type { Schedule } from '../schedulers/types';

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
}

function makeCtx(entry: SchedulerEntry, args: EffectArgs | undefined, schedule: Schedule | undefined): Ctx {
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
  return { entry, a, n, given: (k) => vals.has(k), sched: schedule, col, steps: schedule?.steps };
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
    if (!okMult) return `first restart at step ${T0}`;
    return m === 1 ? `first restart at step ${T0}; then every ${T0} steps` : `first restart at step ${T0}; the next cycles last ${T0 * m}, ${T0 * m * m} steps`;
  }
  if (p === 'T_mult') {
    if (!okMult) return undefined;
    const lens: number[] = [];
    const restarts: number[] = [];
    let len = T0;
    let at = 0;
    for (let k = 0; k < 4; k++) {
      lens.push(len);
      at += len;
      restarts.push(at);
      len *= m;
    }
    if (m === 1) return `every cycle lasts ${T0} steps; restarts at steps ${listNums(restarts, 4, true)}`;
    return `cycles of ${lens.join(', ')} steps; restarts at steps ${restarts.join(', ')}`;
  }
  if (p === 'eta_min') {
    const eta = c.a('eta_min');
    const before = lrAt(c, T0 - 1);
    return `every cycle bottoms out near ${pyr(eta)} just before a restart` + (before !== undefined ? ` (LR at step ${T0 - 1}: ${fmtNum(before)})` : '');
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
  if (!list.length) return `LR × ${fmtNum(g)} every ${size} steps (first at step ${size}, after the ${c.steps} steps simulated)`;
  let text = `LR × ${fmtNum(g)} at steps ${listNums(list, 4, more)}`;
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
    return k > 1 ? `${s} (listed ${k}×: × ${fmtNum(g)}^${k})` : String(s);
  });
  let text = `LR × ${fmtNum(g)} at step${uniq.length > 1 ? 's' : ''} ${parts.join(', ')}`;
  if (!uniq.length) return 'no milestones: the LR never changes';
  const b = lrAt(c, 0);
  if (b !== undefined) {
    const vals = [b, ...uniq.map((s) => lrAt(c, s)).filter((x): x is number => x !== undefined)];
    if (vals.length > 1) text += `: ${vals.map(fmtNum).join(' → ')}`;
  }
  const beyond = c.steps !== undefined ? uniq.filter((s) => s >= c.steps!) : [];
  if (beyond.length) text += ` (${beyond.join(', ')} beyond the ${c.steps} steps simulated)`;
  return text;
};

const constantLR: Effects = (p, c) => {
  const f = c.n('factor');
  const n = c.n('total_iters');
  if (f === undefined || n === undefined || (p !== 'factor' && p !== 'total_iters')) return undefined;
  if (n <= 0) return `total_iters=${n}: the factor is never applied`;
  const lo = lrAt(c, 0);
  const hi = lrAt(c, n);
  return `LR = ${fraction(f)} of the LR for steps 0–${n - 1}${lo !== undefined ? ` (${fmtNum(lo)})` : ''}, then the full LR from step ${n}${hi !== undefined ? ` (${fmtNum(hi)})` : ''}`;
};

const linearLR: Effects = (p, c) => {
  const s = c.n('start_factor');
  const e = c.n('end_factor');
  const n = c.n('total_iters');
  if (s === undefined || e === undefined || n === undefined) return undefined;
  if (p !== 'start_factor' && p !== 'end_factor' && p !== 'total_iters') return undefined;
  const of = (x: number) => (Math.abs(x - 1) < 1e-12 ? 'the full LR' : `${fraction(x)} of the LR`);
  const kind = e > s ? 'warmup' : e < s ? 'linear decay' : 'constant';
  if (kind === 'constant') return `start_factor = end_factor = ${fmtNum(s)}: the LR stays at ${of(s)}`;
  let text = `${kind} from ${of(s)} to ${of(e)} over ${n} steps`;
  const a = lrAt(c, 0);
  const b = lrAt(c, n);
  if (a !== undefined && b !== undefined) text += ` (${fmtNum(a)} → ${fmtNum(b)}, held from step ${n})`;
  return text;
};

const exponentialLR: Effects = (p, c) => {
  const g = c.n('gamma');
  if (p !== 'gamma' || g === undefined) return undefined;
  if (g === 1) return 'gamma=1: the LR never changes';
  if (g <= 0) return `gamma=${fmtNum(g)}: the LR becomes 0 after one step`;
  const per = Math.log(2) / Math.abs(Math.log(g));
  let text = g < 1 ? `LR × ${fmtNum(g)} every step: halves every ${fmtNum(per)} steps` : `LR × ${fmtNum(g)} every step: doubles every ${fmtNum(per)} steps`;
  if (c.col && c.col.length > 1) {
    const last = c.col.length - 1;
    text += `; ${fmtNum(c.col[0])} → ${fmtNum(c.col[last])} at step ${last} (× ${fmtNum(Math.pow(g, last))})`;
  }
  return text;
};

const polynomialLR: Effects = (p, c) => {
  const n = c.n('total_iters');
  const pw = c.n('power');
  if (n === undefined || pw === undefined) return undefined;
  if (p === 'total_iters') return n > 0 ? `LR reaches 0 at step ${n} and stays 0` : `total_iters=${n}: no decay`;
  if (p === 'power') {
    if (!(n > 1)) return undefined;
    const h = Math.floor(n / 2);
    const frac = Math.pow(1 - h / n, pw);
    return `halfway (step ${h}) the LR is ${fmtNum(frac * 100)}% of the base LR${pw === 1 ? ' (linear decay)' : ` (linear would be ${fmtNum((1 - h / n) * 100)}%)`}`;
  }
  return undefined;
};

const cosineLR: Effects = (p, c) => {
  const T = c.n('T_max');
  const eta = c.a('eta_min');
  if (T === undefined || !(T > 0)) return undefined;
  if (p === 'T_max') {
    let text = `minimum ${pyr(eta)} at step ${T}; rises again after`;
    if (c.steps !== undefined && c.steps > T + 1) text += ` (back at the base LR at step ${2 * T})`;
    return text;
  }
  if (p === 'eta_min') return `LR bottoms out at ${pyr(eta)} at step ${T}`;
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
    if (p === 'total_steps' || p === 'epochs' || p === 'steps_per_epoch') return 'give total_steps, or epochs and steps_per_epoch';
    return undefined;
  }
  // The peak: where the simulated LR is highest (within the cycle), or from pct_start.
  const fromCol = c.col ? argmax(c.col, T + 1) : undefined;
  const peak = fromCol?.i ?? (pct !== undefined ? Math.max(0, Math.round(pct * T - 1)) : undefined);
  const three = truthy(c.a('three_phase'));
  switch (p) {
    case 'pct_start':
      return peak !== undefined ? `peak max_lr=${maxLr !== undefined ? fmtNum(maxLr) : '?'} at step ${peak} of ${T}` : undefined;
    case 'max_lr': {
      if (maxLr === undefined || div === undefined || fdiv === undefined) return undefined;
      return `starts at ${fmtNum(maxLr / div)} (max_lr / div_factor), peaks at ${fmtNum(maxLr)}${peak !== undefined ? ` at step ${peak}` : ''}, ends at ${fmtNum(maxLr / div / fdiv)}`;
    }
    case 'total_steps':
    case 'epochs':
    case 'steps_per_epoch': {
      const given = c.a('total_steps');
      if (p !== 'total_steps' && given && given.t !== 'none') return `ignored: total_steps=${T} is given`;
      const how = p === 'total_steps' ? '' : `total_steps = ${c.n('epochs')} × ${c.n('steps_per_epoch')} = ${T}; `;
      return `${how}a cycle of ${T} steps; step() call ${T + 1} raises ValueError ("Tried to step ${T + 1} times")`;
    }
    case 'div_factor':
      return maxLr !== undefined && div !== undefined ? `start LR = max_lr / ${fmtNum(div)} = ${fmtNum(maxLr / div)}` : undefined;
    case 'final_div_factor':
      return maxLr !== undefined && div !== undefined && fdiv !== undefined ? `final LR = start LR / ${fmtNum(fdiv)} = ${fmtNum(maxLr / div / fdiv)} (at step ${T - 1})` : undefined;
    case 'anneal_strategy': {
      const s = strOf(c.a('anneal_strategy'));
      return s && peak !== undefined ? `${s === 'cos' ? 'cosine' : s} ramps: up for ${peak} steps, then down until step ${T - 1}` : undefined;
    }
    case 'three_phase':
      if (peak === undefined) return undefined;
      return three
        ? `up to max_lr by step ${peak}, back to the start LR by step ${2 * peak}, then down to the final LR by step ${T - 1}`
        : `up to max_lr by step ${peak}, then one anneal to the final LR at step ${T - 1}`;
    case 'cycle_momentum':
    case 'base_momentum':
    case 'max_momentum': {
      if (truthy(c.a('cycle_momentum')) === false) return 'momentum is not cycled';
      const hi = c.n('max_momentum');
      const lo = c.n('base_momentum');
      if (hi === undefined || lo === undefined) return undefined;
      return `momentum ${fmtNum(hi)} → ${fmtNum(lo)} at the LR peak${peak !== undefined ? ` (step ${peak})` : ''} → ${fmtNum(hi)} at the end`;
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
      return `LR cycles between ${fmtNum(base)} and ${fmtNum(max)}${mode === 'triangular2' && !customScale ? ' (the amplitude halves each cycle)' : mode === 'exp_range' && !customScale ? ' (the amplitude shrinks by gamma every step)' : ''}`;
    case 'step_size_up':
    case 'step_size_down': {
      if (up === undefined || down === undefined || C === undefined || !(C > 0)) return undefined;
      const peaks = [0, 1, 2].map((k) => up + k * C);
      return `cycle of ${C} steps (${up} up, ${down} down); peaks at steps ${peaks.join(', ')}, …`;
    }
    case 'mode': {
      if (customScale) return 'ignored: scale_fn is given';
      if (mode === 'triangular') return 'every cycle has the full amplitude';
      if (mode === 'triangular2' && base !== undefined && max !== undefined) {
        return `the amplitude halves each cycle: peaks ${[0, 1, 2].map((k) => fmtNum(base + (max - base) / 2 ** k)).join(', ')}, …`;
      }
      if (mode === 'exp_range') return 'the amplitude is multiplied by gamma^step';
      return undefined;
    }
    case 'gamma': {
      const g = c.n('gamma');
      if (mode !== 'exp_range' || customScale) return "unused unless mode='exp_range'";
      if (g === undefined || up === undefined || C === undefined) return undefined;
      return `amplitude × ${fmtNum(g)}^step: at the second peak (step ${up + C}) ${fmtNum(Math.pow(g, up + C) * 100)}% of it is left`;
    }
    case 'cycle_momentum':
    case 'base_momentum':
    case 'max_momentum': {
      if (truthy(c.a('cycle_momentum')) === false) return 'momentum is not cycled';
      const hi = c.n('max_momentum');
      const lo = c.n('base_momentum');
      if (hi === undefined || lo === undefined) return undefined;
      return `momentum ${fmtNum(hi)} at base_lr ↔ ${fmtNum(lo)} at max_lr (inverse to the LR)`;
    }
    case 'scale_fn':
      return customScale ? `overrides mode='${mode}'` : undefined;
  }
  return undefined;
};

const plateau: Effects = (p, c) => {
  const reductions = c.sched?.events.filter((e) => e.kind === 'reduce').map((e) => e.step) ?? [];
  const inPreview = reductions.length ? `; with the preview's metric: at step${reductions.length > 1 ? 's' : ''} ${listNums(reductions, 5)}` : '';
  switch (p) {
    case 'factor': {
      const f = c.n('factor');
      if (f === undefined) return undefined;
      const b = lrAt(c, 0);
      return `each reduction: LR × ${fmtNum(f)}${b !== undefined ? ` (${fmtNum(b)} → ${fmtNum(b * f)})` : ''}${inPreview}`;
    }
    case 'patience': {
      const n = c.n('patience');
      return n !== undefined ? `the LR drops after ${n + 1} steps in a row without improvement${inPreview}` : undefined;
    }
    case 'cooldown': {
      const n = c.n('cooldown');
      return n !== undefined ? (n > 0 ? `${n} steps after each reduction are not counted` : 'no cooldown: bad steps count right after a reduction') : undefined;
    }
    case 'min_lr': {
      const n = c.n('min_lr');
      return n !== undefined ? `the LR never goes below ${fmtNum(n)}` : undefined;
    }
    case 'threshold': {
      const t = c.n('threshold');
      const m = strOf(c.a('threshold_mode')) ?? 'rel';
      if (t === undefined) return undefined;
      return m === 'rel' ? `an improvement must beat the best by more than ${fmtNum(t * 100)}%` : `an improvement must beat the best by more than ${fmtNum(t)}`;
    }
    case 'mode':
      return strOf(c.a('mode')) === 'max' ? 'higher metric is better (accuracy)' : 'lower metric is better (loss)';
    case 'eps': {
      const e = c.n('eps');
      return e !== undefined ? `reductions smaller than ${fmtNum(e)} are skipped` : undefined;
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
  if (n <= 0) return `switches to swa_lr=${fmtNum(swa)} at once`;
  return `LR moves to ${fmtNum(swa)} over ${n} steps (${s === 'cos' ? 'cosine' : s}), then stays there`;
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
    const parts = [`${names[0]} until step ${ms[0] ?? '∞'}`];
    for (let k = 0; k < ms.length && k + 1 < names.length; k++) parts.push(`${names[k + 1]} from step ${ms[k]}${k + 1 < ms.length ? ` to ${ms[k + 1]}` : ''}`);
    return `${parts.join(', then ')} (each starts from its own step 0)`;
  }
  return undefined;
};

const chained: Effects = (p, c) => {
  const names = childNames(c);
  if (p !== 'schedulers' || !names) return undefined;
  return `at every step the LR gets ${names.join(' × ')} (their factors multiply)`;
};

const lambda: Effects = (p, c) => {
  if (p !== 'lr_lambda' || !c.col || !c.col.length) return undefined;
  const last = c.col.length - 1;
  const hi = argmax(c.col)!;
  const lo = argmin(c.col)!;
  let text = `LR ${fmtNum(c.col[0])} at step 0 → ${fmtNum(c.col[last])} at step ${last}`;
  if (hi.i !== 0 && hi.i !== last) text += `; peak ${fmtNum(hi.v)} at step ${hi.i}`;
  if (lo.i !== 0 && lo.i !== last) text += `; lowest ${fmtNum(lo.v)} at step ${lo.i}`;
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
    return le === -1 ? 'starts fresh (the LR at construction is step 0)' : `resumes after step ${le}: every param group needs 'initial_lr' (from a loaded optimizer state)`;
  }
  if (p === 'optimizer') {
    const o = c.a('optimizer');
    const b = baseLr(c);
    if (!o || o.t !== 'optimizer' || b === undefined) return undefined;
    const lrs = (o.spec.groups.length ? o.spec.groups : [{}]).map((g) => numOf(g.lr) ?? numOf(o.spec.defaults.lr) ?? b);
    const what = lrs.length > 1 ? `base LRs ${lrs.map(fmtNum).join(', ')} (${lrs.length} param groups)` : `base LR ${fmtNum(lrs[0])}`;
    const replaced = c.entry.name === 'OneCycleLR' || c.entry.name === 'CyclicLR' ? '; this scheduler replaces it with its own LRs' : '';
    return `${o.spec.name} hands the scheduler its ${what}${replaced}`;
  }
  return undefined;
}

/**
 * The effect of `paramName` in this call, in one line with this call's numbers, or undefined when
 * there is nothing useful to say. `args` are the bound arguments (missing ones take the catalog
 * default); `schedule` (optional) is the engine's simulation of the call. Never throws.
 */
export function effectHere(entryName: string, paramName: string, args?: EffectArgs, schedule?: Schedule): string | undefined {
  try {
    const entry = findEntry(entryName);
    if (!entry) return undefined;
    const c = makeCtx(entry, args, schedule);
    const own = BY_ENTRY[entry.name]?.(paramName, c);
    const text = own ?? common(paramName, c);
    return text && text.length ? text : undefined;
  } catch {
    return undefined;
  }
}
