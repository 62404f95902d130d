// Optax's schedules (`optax.*`, `optax.schedules.*`), transcribed from optax 0.2.8
// optax/schedules/_schedule.py and _join.py: the functions' construction-time checks and messages,
// their Python-side arithmetic in double (`init_value - end_value`, `end_value / peak_value`,
// `int(pct_start * transition_steps)`) and the returned function of the int32 step count in JAX's
// float32 (weak-typed Python scalars rounded once to float32, `jnp.where` / `jnp.clip`,
// `x ** n` with a Python int n = lax.integer_pow, with a float = lax.pow). A schedule that returns
// its Python argument unchanged (constant_schedule, transition_steps ≤ 0, decay_rate == 0) gives
// that double, as optax does. Functions of the step with no optimizer: see stepfn.ts.
import { PyError, PyValue, isNumber, toNumber, typeName, repr } from './pyvalue';
import * as torch from './torch';
import type { SimOptimizer } from './optimizer';
import { registerEntries, entries as catalogEntries, type SchedulerEntry, type TorchCtor } from './catalog';
import type { ParamSpec, StepReason } from './types';
import { bindCall } from './hfcommon';
import { StepFnSchedule, f32, cos32, pow32, intPow32, PI32, fmt, type Ev } from './stepfn';
import { t } from './l10n';

type A = Record<string, PyValue>;
/** One optax schedule: the function of the step and what the preview says about it. */
interface Sched {
  fn: (count: number) => number;
  base: number;
  explain: (i: number) => StepReason;
  events: (steps: number) => Ev[];
}

function num(v: PyValue, name: string): number {
  if (isNumber(v)) return toNumber(v);
  throw new PyError('TypeError', `${name} must be a number, got ${typeName(v)}`);
}
const isInt = (v: PyValue) => v.t === 'int' || v.t === 'bool';
/** `x ** power` in JAX: integer_pow for a Python int, lax.pow otherwise. */
const powOf = (power: PyValue) => (isInt(power) ? ((x: number) => intPow32(x, toNumber(power))) : ((x: number) => pow32(x, f32(toNumber(power)))));
const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** A constant schedule; `why` gives the explanation of its (formatted) value. */
function constant(value: number, why: (v: string) => string): Sched {
  return { fn: () => value, base: value, explain: () => ({ phase: t('constant'), text: why(fmt(value)) }), events: () => [] };
}
const tsConstant = (v: string) => t('transition_steps ≤ 0: a constant schedule at init_value: {0}', v);

/** What a polynomial schedule is called in explanations: optax's polynomial, linear, or a linear warmup. */
type PolyKind = 'polynomial' | 'linear' | 'linear warmup';

function polynomial(a: { init: number; end: number; power: PyValue; ts: number; tb: number }, kind: PolyKind = 'polynomial'): Sched {
  const { init, end, ts } = a;
  if (ts <= 0) return constant(init, tsConstant);
  const tb = a.tb < 0 ? 0 : a.tb;
  const range = f32(init - end); // (init_value - end_value) in Python, weak-typed
  const end32 = f32(end);
  const ts32 = f32(ts);
  const pw = powOf(a.power);
  const p = toNumber(a.power);
  return {
    fn: (count) => {
      const c = Math.min(Math.max(count - tb, 0), ts);
      const frac = f32(1 - f32(f32(c) / ts32));
      return f32(f32(range * pw(frac)) + end32);
    },
    base: init,
    explain: (i) => {
      if (i < tb) return { phase: t('before'), text: t('before transition_begin={0}: init_value {1}', tb, fmt(init)) };
      if (i >= tb + ts) return { phase: t('end'), text: t('after {0} steps: end_value {1}, held', fmt(tb + ts), fmt(end)) };
      const f = 1 - (i - tb) / ts;
      const args = [fmt(init), fmt(end), fmt(f), i - tb, fmt(ts), fmt(p)];
      if (kind === 'linear') return { phase: t('linear'), text: t('linear from {0} to {1}: (init − end) × {2} + end (step {3} of {4})', ...args) };
      if (kind === 'linear warmup') return { phase: t('linear warmup'), text: t('linear warmup from {0} to {1}: (init − end) × {2} + end (step {3} of {4})', ...args) };
      return {
        phase: t('polynomial'),
        text: p === 1 ? t('polynomial from {0} to {1}: (init − end) × {2} + end (step {3} of {4})', ...args) : t('polynomial from {0} to {1}: (init − end) × {2}^{5} + end (step {3} of {4})', ...args),
      };
    },
    events: (steps) => (tb + ts < steps ? [{ step: tb + ts, kind: 'end', label: t('transition done: end_value {0}', fmt(end)) }] : []),
  };
}

function exponential(a: { init: number; ts: number; rate: number; tb: number; stair: boolean; end: number | null }): Sched {
  const { init, ts, rate, stair, end } = a;
  if (ts <= 0) return constant(init, tsConstant);
  if (rate === 0) return constant(init, (v) => t('decay_rate == 0: a constant schedule at init_value: {0}', v));
  const tb = a.tb < 0 ? 0 : a.tb;
  const init32 = f32(init), rate32 = f32(rate), ts32 = f32(ts);
  const clip = end === null ? null : rate < 1.0 ? Math.max : Math.min;
  const end32 = end === null ? 0 : f32(end);
  return {
    fn: (count) => {
      const dc = count - tb;
      let p = f32(f32(dc) / ts32);
      if (stair) p = Math.floor(p);
      let v = dc <= 0 ? init32 : f32(init32 * pow32(rate32, p));
      if (clip) v = clip(v, end32);
      return v;
    },
    base: init,
    explain: (i) => {
      if (i <= tb) return { phase: t('before'), text: t('until transition_begin={0}: init_value {1}', tb, fmt(init)) };
      const e = stair ? Math.floor((i - tb) / ts) : (i - tb) / ts;
      const v = init * Math.pow(rate, e);
      const clipped = end !== null && (rate < 1 ? v < end : v > end);
      const args = [i - tb, fmt(ts), fmt(init), fmt(rate), fmt(e), end === null ? '' : fmt(end)];
      let text: string;
      if (stair) text = clipped ? t('init_value × decay_rate^⌊{0}/{1}⌋ = {2} × {3}^{4} — clipped at end_value {5}', ...args) : t('init_value × decay_rate^⌊{0}/{1}⌋ = {2} × {3}^{4}', ...args);
      else text = clipped ? t('init_value × decay_rate^({0}/{1}) = {2} × {3}^{4} — clipped at end_value {5}', ...args) : t('init_value × decay_rate^({0}/{1}) = {2} × {3}^{4}', ...args);
      return { phase: t('exponential'), text };
    },
    events: () => [],
  };
}

function cosineDecay(init: number, dsV: PyValue, alpha: number, exponent: PyValue): Sched {
  if (!(num(dsV, 'decay_steps') > 0)) throw new PyError('ValueError', `The cosine_decay_schedule requires positive decay_steps, got decay_steps=${repr(dsV)}.`);
  const ds = toNumber(dsV);
  const ds32 = f32(ds);
  const init32 = f32(init);
  const oneMinus = f32(1 - alpha), alpha32 = f32(alpha);
  const pw = powOf(exponent);
  return {
    fn: (count) => {
      const c = Math.min(f32(count), ds32);
      const cd = f32(0.5 * f32(1 + cos32(f32(f32(PI32 * c) / ds32))));
      return f32(init32 * f32(f32(oneMinus * pw(cd)) + alpha32));
    },
    base: init,
    explain: (i) => {
      const at = Math.min(i, ds);
      const cd = 0.5 * (1 + Math.cos((Math.PI * at) / ds));
      // the cosine factor, raised to the exponent when it is not 1 (a formula term)
      const factor = toNumber(exponent) === 1 ? fmt(cd) : `${fmt(cd)}^${fmt(toNumber(exponent))}`;
      const args = [at, fmt(ds), fmt(init), factor, fmt(alpha * init)];
      return {
        phase: t('cosine'),
        text: i >= ds
          ? t('cosine decay {0}/{1}: {2} × ((1 − alpha) × {3} + alpha) — past decay_steps={1}: held at alpha × init_value = {4}', ...args)
          : t('cosine decay {0}/{1}: {2} × ((1 − alpha) × {3} + alpha)', ...args),
      };
    },
    events: (steps) => (ds < steps ? [{ step: Math.ceil(ds), kind: 'end', label: t('decay_steps={0}: alpha × init_value reached', fmt(ds)) }] : []),
  };
}

/** join_schedules(schedules, boundaries): jnp.where(step < boundary, output, next(step - boundary)). */
function join(children: Sched[], boundaries: number[]): Sched {
  if (!children.length) throw new PyError('IndexError', 'list index out of range');
  const pairs = boundaries.slice(0, children.length - 1).map((b, k) => [b, children[k + 1]] as const);
  const which = (i: number) => {
    let k = 0, off = 0;
    pairs.forEach(([b], j) => { if (i >= b) { k = j + 1; off = b; } });
    return { k, off };
  };
  return {
    fn: (step) => {
      let out = children[0].fn(step);
      for (const [b, s] of pairs) out = step < b ? f32(out) : f32(s.fn(step - b));
      return out;
    },
    base: children[0].base,
    explain: (i) => {
      const { k, off } = which(i);
      const r = children[k].explain(i - off);
      if (!pairs.length) return r;
      return {
        phase: t('schedule {0}: {1}', k + 1, r.phase),
        text: off ? t('schedule {0} at its step {1} (= {2} − boundary {3}): {4}', k + 1, i - off, i, off, r.text) : t('schedule {0} at its step {1}: {2}', k + 1, i - off, r.text),
      };
    },
    events: (steps) => {
      const out: Ev[] = [];
      pairs.forEach(([b, s], j) => {
        if (b > 0 && b < steps) out.push({ step: b, kind: 'switch', label: t('boundary {0}: schedule {1} starts (at its step 0)', b, j + 2) });
        for (const e of s.events(steps - b)) if (e.step + b < steps && (j + 1 >= pairs.length || e.step + b < pairs[j + 1][0])) out.push({ ...e, step: e.step + b });
      });
      for (const e of children[0].events(steps)) if (!pairs.length || e.step < pairs[0][0]) out.push(e);
      return out.sort((x, y) => x.step - y.step).slice(0, 400);
    },
  };
}

function warmupCosine(a: A): Sched {
  const init = num(a.init_value, 'init_value'), peak = num(a.peak_value, 'peak_value'), end = num(a.end_value, 'end_value');
  const ws = num(a.warmup_steps, 'warmup_steps'), ds = num(a.decay_steps, 'decay_steps');
  const alpha = peak === 0.0 ? 0.0 : end / peak;
  const warm = polynomial({ init, end: peak, power: { t: 'int', v: 1 }, ts: ws, tb: 0 }, 'linear warmup');
  const dsV: PyValue = isInt(a.decay_steps) && isInt(a.warmup_steps) ? { t: 'int', v: ds - ws } : { t: 'float', v: ds - ws };
  const cos = cosineDecay(peak, dsV, alpha, a.exponent);
  return join([warm, cos], [ws]);
}

function warmupExponential(a: A): Sched {
  const init = num(a.init_value, 'init_value'), peak = num(a.peak_value, 'peak_value'), ws = num(a.warmup_steps, 'warmup_steps');
  const warm = polynomial({ init, end: peak, power: { t: 'int', v: 1 }, ts: ws, tb: 0 }, 'linear warmup');
  return join([warm, exponentialOf({ ...a, init_value: a.peak_value })], [ws]);
}
function exponentialOf(a: A): Sched {
  return exponential({
    init: num(a.init_value, 'init_value'), ts: num(a.transition_steps, 'transition_steps'), rate: num(a.decay_rate, 'decay_rate'),
    tb: num(a.transition_begin, 'transition_begin'), stair: truthy(a.staircase), end: a.end_value.t === 'none' ? null : num(a.end_value, 'end_value'),
  });
}
const truthy = (v: PyValue): boolean => (v.t === 'bool' || v.t === 'int' || v.t === 'float' ? !!v.v : v.t !== 'none');

/** A dict {step: scale} as sorted (key, value) pairs; Python's dict keeps the last value of a repeated key. */
function scalesOf(v: PyValue, what: string): [number, number][] | null {
  if (v.t === 'none') return null;
  if (v.t !== 'dict') throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute 'items'`);
  const m = new Map<number, number>();
  for (const [k, x] of v.entries) m.set(num(k, `${what} key`), num(x, `${what} value`));
  return [...m.entries()].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

function piecewiseConstant(init: number, bas: [number, number][] | null): Sched {
  if (bas && !bas.every(([, s]) => s >= 0.0)) throw new PyError('ValueError', '`piecewise_constant_schedule` expects non-negative scale factors');
  if (!bas || !bas.length) return constant(init, (v) => t('no boundaries: init_value: {0}', v));
  const sc = bas.map(([t, s]) => [t, f32(s)] as const);
  return {
    fn: (count) => {
      let v = f32(init);
      for (const [t, s] of sc) {
        const ind = Math.max(0, Math.sign(t - count));
        v = f32(f32(v * ind) + f32(f32(f32(1 - ind) * s) * v));
      }
      return v;
    },
    base: init,
    explain: (i) => {
      const passed = bas.filter(([t]) => i >= t);
      const f = passed.reduce((x, [, s]) => x * s, 1);
      if (!passed.length) return { phase: t('initial'), text: t('init_value {0} until step {1}', fmt(init), bas[0][0]) };
      return {
        phase: t('after {0}', passed[passed.length - 1][0]),
        text: t('init_value × {0} = {1} (scales of the boundaries ≤ {2}; they multiply)', passed.map(([, s]) => fmt(s)).join(' × '), fmt(init * f), i),
      };
    },
    events: (steps) => bas.filter(([b]) => b > 0 && b < steps).slice(0, 400).map(([b, s]) => ({ step: b, kind: 'milestone' as const, label: t('× {0} from step {1}', fmt(s), b) })),
  };
}

function piecewiseInterpolate(type: PyValue, init: number, basV: PyValue): Sched {
  const kind = type.t === 'str' ? type.v : '';
  if (kind !== 'linear' && kind !== 'cosine') throw new PyError('ValueError', "`interpolate_type` must be either 'cosine' or 'linear'");
  const bas = basV.t === 'none' || (basV.t === 'dict' && !basV.entries.length) ? [] : scalesOf(basV, 'boundaries_and_scales')!;
  if (!bas.every(([, s]) => s >= 0.0)) throw new PyError('ValueError', '`piecewise_interpolate_schedule` expects non-negative scale factors');
  return interpolate(kind, init, bas);
}

function interpolate(kind: 'linear' | 'cosine', init: number, bas: [number, number][]): Sched {
  const bounds = [0, ...bas.map(([b]) => b)];
  const values: number[] = [f32(init)];
  for (const [, s] of bas) values.push(f32(values[values.length - 1] * f32(s))); // jnp.cumprod in float32
  const n = bounds.length - 1;
  const sizes = Array.from({ length: n }, (_, k) => f32(Math.max(bounds[k + 1] - bounds[k], 1)));
  const last = values[n];
  const interp = kind === 'linear'
    ? (s: number, e: number, p: number) => f32(f32(f32(e - s) * p) + s)
    : (s: number, e: number, p: number) => f32(e + f32(f32(f32(s - e) / 2.0) * f32(cos32(f32(PI32 * p)) + 1)));
  return {
    fn: (count) => {
      let dot = 0;
      for (let k = 0; k < n; k++) {
        if (bounds[k] <= count && count < bounds[k + 1]) dot = f32(dot + interp(values[k], values[k + 1], f32(f32(count - bounds[k]) / sizes[k])));
      }
      return f32(dot + (bounds[n] <= count ? last : 0));
    },
    base: init,
    explain: (i) => {
      for (let k = 0; k < n; k++) {
        if (bounds[k] <= i && i < bounds[k + 1]) {
          const p = (i - bounds[k]) / Math.max(bounds[k + 1] - bounds[k], 1);
          const args = [fmt(values[k]), bounds[k], fmt(values[k + 1]), bounds[k + 1], pct(p)];
          return {
            phase: t('interval {0}', k + 1),
            text: kind === 'linear'
              ? t('linear from {0} (step {1}) to {2} (step {3}): {4} of the way', ...args)
              : t('cosine from {0} (step {1}) to {2} (step {3}): {4} of the way', ...args),
          };
        }
      }
      return { phase: t('end'), text: t('from step {0}: {1} (init_value × every scale), held', bounds[n], fmt(last)) };
    },
    events: (steps) => bounds.slice(1).filter((b) => b > 0 && b < steps).slice(0, 400).map((b, k) => ({ step: b, kind: 'phase' as const, label: t('boundary {0}: {1}', b, fmt(values[k + 1])) })),
  };
}

function onecycle(kind: 'linear' | 'cosine', a: A): Sched {
  const ts = num(a.transition_steps, 'transition_steps');
  if (ts <= 0) throw new PyError('ValueError', 'A linear onecycle schedule was set with a non-positive `transition_steps`');
  const peak = num(a.peak_value, 'peak_value'), ps = num(a.pct_start, 'pct_start'), div = num(a.div_factor, 'div_factor'), fdiv = num(a.final_div_factor, 'final_div_factor');
  const m = new Map<number, number>();
  m.set(Math.trunc(ps * ts), div);
  if (kind === 'linear') {
    m.set(Math.trunc(num(a.pct_final, 'pct_final') * ts), 1.0 / div);
    m.set(ts, 1.0 / fdiv);
  } else m.set(Math.trunc(ts), 1.0 / (div * fdiv));
  const bas = [...m.entries()].sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  if (!bas.every(([, s]) => s >= 0.0)) throw new PyError('ValueError', '`piecewise_interpolate_schedule` expects non-negative scale factors');
  const s = interpolate(kind, peak / div, bas);
  return { ...s, base: peak };
}

function sgdr(v: PyValue): Sched {
  if (v.t !== 'list' && v.t !== 'tuple') throw new PyError('TypeError', `'${typeName(v)}' object is not iterable`);
  const scheds: Sched[] = [];
  const boundaries: number[] = [];
  let step = 0;
  for (const kw of v.items) {
    if (kw.t !== 'dict') throw new PyError('TypeError', `warmup_cosine_decay_schedule() argument after ** must be a mapping, not ${typeName(kw)}`);
    const given: A = {};
    for (const [k, x] of kw.entries) if (k.t === 'str') given[k.v] = x;
    scheds.push(warmupCosine(bindCall('warmup_cosine_decay_schedule', WCD_PARAMS, given).args));
    const ds = given.decay_steps;
    if (!ds) throw new PyError('KeyError', "'decay_steps'");
    boundaries.push(step + num(ds, 'decay_steps'));
    step += num(ds, 'decay_steps');
  }
  return join(scheds, boundaries.slice(0, -1));
}

/** An optax schedule as the engine's scheduler object. */
class OptaxSchedule extends StepFnSchedule {
  readonly baseLr: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, readonly name: string, readonly s: Sched) {
    super(sink);
    this.baseLr = s.base;
    this.start(opt);
  }
  value(step: number): number {
    return this.s.fn(step);
  }
  explain(i: number): StepReason {
    return this.s.explain(i);
  }
  override events(steps: number): Ev[] {
    return this.s.events(steps);
  }
}
/** The Sched of a child scheduler object (join_schedules' list). */
function schedOf(c: torch.LRScheduler, k: number): Sched {
  if (c instanceof OptaxSchedule) return c.s;
  if (c instanceof StepFnSchedule) return { fn: (i) => c.value(i), base: c.baseLr, explain: (i) => c.explain(i), events: (n) => c.events(n) };
  throw new PyError('TypeError', `join_schedules: schedules[${k}] is not a schedule function`);
}

// ---- The catalog ---------------------------------------------------------------------------------

const FNS: Record<string, (a: A, children: torch.LRScheduler[]) => Sched> = {
  constant_schedule: (a) => constant(num(a.value, 'value'), (v) => t('constant_schedule: {0}', v)),
  polynomial_schedule: (a) => polynomial({ init: num(a.init_value, 'init_value'), end: num(a.end_value, 'end_value'), power: a.power, ts: num(a.transition_steps, 'transition_steps'), tb: num(a.transition_begin, 'transition_begin') }),
  linear_schedule: (a) => polynomial({ init: num(a.init_value, 'init_value'), end: num(a.end_value, 'end_value'), power: { t: 'int', v: 1 }, ts: num(a.transition_steps, 'transition_steps'), tb: num(a.transition_begin, 'transition_begin') }, 'linear'),
  warmup_constant_schedule: (a) => polynomial({ init: num(a.init_value, 'init_value'), end: num(a.peak_value, 'peak_value'), power: { t: 'int', v: 1 }, ts: num(a.warmup_steps, 'warmup_steps'), tb: 0 }, 'linear warmup'),
  exponential_decay: (a) => exponentialOf(a),
  cosine_decay_schedule: (a) => cosineDecay(num(a.init_value, 'init_value'), a.decay_steps, num(a.alpha, 'alpha'), a.exponent),
  warmup_cosine_decay_schedule: (a) => warmupCosine(a),
  warmup_exponential_decay_schedule: (a) => warmupExponential(a),
  piecewise_constant_schedule: (a) => piecewiseConstant(num(a.init_value, 'init_value'), scalesOf(a.boundaries_and_scales, 'boundaries_and_scales')),
  piecewise_interpolate_schedule: (a) => piecewiseInterpolate(a.interpolate_type, num(a.init_value, 'init_value'), a.boundaries_and_scales),
  linear_onecycle_schedule: (a) => onecycle('linear', a),
  cosine_onecycle_schedule: (a) => onecycle('cosine', a),
  sgdr_schedule: (a) => sgdr(a.cosine_kwargs),
  join_schedules: (a, children) => {
    const b = a.boundaries;
    if (b.t !== 'list' && b.t !== 'tuple') throw new PyError('TypeError', `'${typeName(b)}' object is not iterable`);
    return join(children.map(schedOf), b.items.map((x) => num(x, 'boundaries')));
  },
};

const OX = 'optax';
const STEP = 'The step count optax passes (one per optimizer update, starting at 0).';
const P = (name: string, position: number, type: string, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, position, type, doc, ...extra });
const INIT = (doc = 'The value at step 0 (an absolute LR when the schedule is the learning rate).') => P('init_value', 0, 'float', doc, { unit: 'LR' });
const WCD_PARAMS: ParamSpec[] = [
  INIT('The LR at step 0, where the linear warmup starts (often 0.0).'),
  P('peak_value', 1, 'float', 'The LR reached at the end of the warmup, where the cosine starts.', { unit: 'LR' }),
  P('warmup_steps', 2, 'int', 'Length of the linear warmup from init_value to peak_value.', { unit: 'steps', range: '≥ 0' }),
  P('decay_steps', 3, 'int', 'Total length of warmup plus cosine: the cosine takes decay_steps − warmup_steps steps and reaches end_value at step decay_steps (not warmup_steps + decay_steps).', { unit: 'steps', range: '> warmup_steps' }),
  P('end_value', 4, 'float', 'The LR at the end of the cosine and after it.', { default: '0.0', unit: 'LR' }),
  P('exponent', 5, 'float', 'Raises the cosine factor to this power: above 1 it falls earlier, below 1 it stays high longer.', { default: '1.0' }),
];
const TRANSITION = (position: number, doc: string) => P('transition_steps', position, 'int', doc, { unit: 'steps' });
const BEGIN = (position: number) => P('transition_begin', position, 'int', 'Steps to hold init_value before the transition starts; a negative value is treated as 0.', { default: '0', unit: 'steps' });
const PITFALL_STEP = 'Steps are optimizer updates (optax counts every update call): with gradient accumulation (optax.MultiSteps) the schedule advances per micro-batch unless it wraps the inner optimizer.';
const BAS = (position: number, doc: string): ParamSpec => P('boundaries_and_scales', position, 'dict[int, float] | None', doc, { default: 'None' });

interface OxSpec { fn: string; summary: string; formula?: string; params: ParamSpec[]; checks: string[]; pitfalls: string[]; childParam?: string }
const SPECS: OxSpec[] = [
  { fn: 'constant_schedule', summary: 'The same value at every step.', params: [P('value', 0, 'float', 'The LR used at every step.', { unit: 'LR' })], checks: [], pitfalls: [PITFALL_STEP] },
  {
    fn: 'linear_schedule', summary: 'Linear from `init_value` to `end_value` over `transition_steps` (after `transition_begin`), then held.',
    formula: 'v(t) = (init − end) × (1 − clip(t − begin, 0, T)/T) + end',
    params: [INIT(), P('end_value', 1, 'float', 'The value reached after transition_steps and held after.', { unit: 'LR' }), TRANSITION(2, 'Length of the linear change; ≤ 0 makes the schedule a constant init_value.'), BEGIN(3)],
    checks: ['transition_steps ≤ 0 gives a constant schedule (logged, no error).'], pitfalls: [PITFALL_STEP],
  },
  {
    fn: 'polynomial_schedule', summary: 'From `init_value` to `end_value` along (1 − t/transition_steps)^power, then held.',
    formula: 'v(t) = (init − end) × (1 − clip(t − begin, 0, T)/T)^power + end',
    params: [INIT(), P('end_value', 1, 'float', 'The value reached after transition_steps and held after.', { unit: 'LR' }), P('power', 2, 'float', 'Shape: 1 linear, 2 falls fast then flattens, 0.5 stays high longer. An int power is computed by repeated multiplication.'), TRANSITION(3, 'Length of the decay; ≤ 0 makes the schedule a constant init_value.'), BEGIN(4)],
    checks: ['transition_steps ≤ 0 gives a constant schedule (logged, no error).'], pitfalls: [PITFALL_STEP],
  },
  {
    fn: 'exponential_decay', summary: 'init_value × decay_rate^((t − transition_begin)/transition_steps), optionally stepped and clipped at `end_value`.',
    formula: 'v(t) = init × rate^((t − begin)/T)   (⌊…⌋ with staircase), clipped at end_value',
    params: [INIT(), TRANSITION(1, 'Steps per factor of decay_rate; ≤ 0 makes the schedule a constant init_value.'), P('decay_rate', 2, 'float', 'Factor per transition_steps: 0.5 halves every transition_steps; 0 makes the schedule constant (not zero); above 1 it grows.'), BEGIN(3), P('staircase', 4, 'bool', 'True: the exponent is an integer, so the value drops in jumps every transition_steps.', { default: 'False' }), P('end_value', 5, 'float | None', 'A floor (or ceiling when decay_rate > 1) the value is clipped at.', { default: 'None', unit: 'LR' })],
    checks: ['transition_steps ≤ 0 or decay_rate == 0 gives a constant schedule (logged, no error).'], pitfalls: [PITFALL_STEP, 'Without end_value the decay never stops.'],
  },
  {
    fn: 'cosine_decay_schedule', summary: 'Half a cosine from `init_value` down to alpha × init_value over `decay_steps`, then held.',
    formula: 'v(t) = init × ((1 − alpha) × (½(1 + cos(π min(t, D)/D)))^exponent + alpha)',
    params: [INIT(), P('decay_steps', 1, 'int', 'Length of the cosine; the value stays at alpha × init_value after it.', { unit: 'steps', range: '> 0' }), P('alpha', 2, 'float', 'Floor as a fraction of init_value (not an absolute LR).', { default: '0.0', unit: '× init_value' }), P('exponent', 3, 'float', 'Power applied to the cosine factor.', { default: '1.0' })],
    checks: ['decay_steps must be positive ("The cosine_decay_schedule requires positive decay_steps, got decay_steps=…").'], pitfalls: [PITFALL_STEP, 'alpha is a fraction of init_value, unlike end_value in warmup_cosine_decay_schedule.'],
  },
  {
    fn: 'warmup_cosine_decay_schedule', summary: 'Linear warmup from `init_value` to `peak_value`, then a cosine down to `end_value` that ends at step `decay_steps` (warmup included).',
    formula: 'warmup: init + (peak − init) t/W; then peak × ((1 − α) × (½(1 + cos(π (t − W)/(D − W))))^exponent + α), α = end/peak',
    params: WCD_PARAMS,
    checks: ['decay_steps must be > warmup_steps (the cosine gets decay_steps − warmup_steps: "The cosine_decay_schedule requires positive decay_steps, …").'],
    pitfalls: [PITFALL_STEP, 'decay_steps includes the warmup: warmup_steps=1000, decay_steps=10000 ends at step 10000, not 11000.', 'init_value=0.0 makes the first update use LR 0.'],
  },
  {
    fn: 'warmup_exponential_decay_schedule', summary: 'Linear warmup from `init_value` to `peak_value`, then exponential decay of peak_value (its own transition_begin counted from the end of the warmup).',
    params: [INIT('The LR at step 0, where the warmup starts.'), P('peak_value', 1, 'float', 'The LR at the end of the warmup, where the decay starts.', { unit: 'LR' }), P('warmup_steps', 2, 'int', 'Length of the linear warmup.', { unit: 'steps' }), TRANSITION(3, 'Steps per factor of decay_rate in the decay phase.'), P('decay_rate', 4, 'float', 'Factor per transition_steps after the warmup.'), P('transition_begin', 5, 'int', 'Steps after the warmup to hold peak_value before decaying.', { default: '0', unit: 'steps' }), P('staircase', 6, 'bool', 'True: decay in jumps every transition_steps.', { default: 'False' }), P('end_value', 7, 'float | None', 'Floor the decay is clipped at.', { default: 'None', unit: 'LR' })],
    checks: [], pitfalls: [PITFALL_STEP],
  },
  {
    fn: 'warmup_constant_schedule', summary: 'Linear warmup from `init_value` to `peak_value` over `warmup_steps`, then constant.',
    params: [INIT('The LR at step 0, where the warmup starts.'), P('peak_value', 1, 'float', 'The LR after the warmup, held.', { unit: 'LR' }), P('warmup_steps', 2, 'int', 'Length of the linear warmup.', { unit: 'steps' })],
    checks: [], pitfalls: [PITFALL_STEP],
  },
  {
    fn: 'piecewise_constant_schedule', summary: 'init_value multiplied by each scale once its boundary step is reached (scales compound).',
    formula: 'v(t) = init × Π scale_b over boundaries b ≤ t',
    params: [INIT(), BAS(1, 'Map step → scale: at each step the value is multiplied by that scale (cumulatively: {100: 0.1, 200: 0.1} gives 0.01 × init from step 200).')],
    checks: ['Every scale must be ≥ 0 ("`piecewise_constant_schedule` expects non-negative scale factors").'], pitfalls: [PITFALL_STEP, 'Scales multiply (they are not absolute values): {100: 0.1, 200: 0.01} ends at 0.001 × init_value.'],
  },
  {
    fn: 'piecewise_interpolate_schedule', summary: 'Interpolates (linearly or by cosine) between init_value × the cumulative scales at each boundary.',
    params: [P('interpolate_type', 0, "'linear' | 'cosine'", 'How to move between boundaries: linear ramps or half-cosine curves.'), { ...INIT(), position: 1 }, BAS(2, 'Map step → scale; the value at each boundary is init_value times the product of the scales up to it, reached by interpolation from the previous boundary.')],
    checks: ["interpolate_type must be 'linear' or 'cosine'.", 'Scales must be ≥ 0.'], pitfalls: [PITFALL_STEP],
  },
  {
    fn: 'linear_onecycle_schedule', summary: 'One cycle, linear: up from peak/div_factor to peak_value, back down by pct_final, then to peak/(div_factor·final_div_factor)… at transition_steps.',
    params: [P('transition_steps', 0, 'int', 'Length of the whole cycle; the value holds after it.', { unit: 'steps', range: '> 0' }), P('peak_value', 1, 'float', 'The top LR, reached at pct_start × transition_steps.', { unit: 'LR' }), P('pct_start', 2, 'float', 'Fraction of the cycle spent rising.', { default: '0.3' }), P('pct_final', 3, 'float', 'Fraction of the cycle at which the LR is back at the start value.', { default: '0.85' }), P('div_factor', 4, 'float', 'Start value = peak_value / div_factor.', { default: '25.0' }), P('final_div_factor', 5, 'float', 'Final value = start value / final_div_factor.', { default: '1e4' })],
    checks: ['transition_steps must be positive ("A linear onecycle schedule was set with a non-positive `transition_steps`").'], pitfalls: [PITFALL_STEP],
  },
  {
    fn: 'cosine_onecycle_schedule', summary: 'One cycle, cosine: up from peak/div_factor to peak_value at pct_start, then down to peak/(div_factor·final_div_factor) at transition_steps.',
    params: [P('transition_steps', 0, 'int', 'Length of the whole cycle; the value holds after it.', { unit: 'steps', range: '> 0' }), P('peak_value', 1, 'float', 'The top LR, reached at pct_start × transition_steps.', { unit: 'LR' }), P('pct_start', 2, 'float', 'Fraction of the cycle spent rising.', { default: '0.3' }), P('div_factor', 3, 'float', 'Start value = peak_value / div_factor.', { default: '25.0' }), P('final_div_factor', 4, 'float', 'Final value = start value / final_div_factor.', { default: '1e4' })],
    checks: ['transition_steps must be positive (the message says "linear onecycle").'], pitfalls: [PITFALL_STEP],
  },
  {
    fn: 'join_schedules', summary: 'Runs schedules one after another: each starts at its own step 0 when its boundary is reached.',
    params: [P('schedules', 0, 'Sequence[Schedule]', 'The schedules, in order; schedule k+1 receives step − boundaries[k].'), P('boundaries', 1, 'Sequence[int]', 'Steps at which to switch to the next schedule (one fewer than schedules).', { unit: 'steps' })],
    checks: [], pitfalls: [PITFALL_STEP, 'Each schedule restarts its own count at its boundary: a cosine after a 1000-step warmup sees step 0 at global step 1000.'], childParam: 'schedules',
  },
  {
    fn: 'sgdr_schedule', summary: 'Warm restarts: a warmup_cosine_decay_schedule per dict of cosine_kwargs, joined end to end.',
    params: [P('cosine_kwargs', 0, 'Iterable[dict]', 'One dict of warmup_cosine_decay_schedule arguments per cycle (init_value, peak_value, warmup_steps, decay_steps, …); each cycle lasts its decay_steps.')],
    checks: ['Each dict must be valid warmup_cosine_decay_schedule arguments.'], pitfalls: [PITFALL_STEP],
  },
];

const MODS = ['optax', 'optax.schedules', 'optax.schedules._schedule'];
export const OPTAX_ENTRIES: SchedulerEntry[] = SPECS.map((s) => ({
  name: `${OX}.${s.fn}`,
  framework: 'optax',
  qualifiedNames: MODS.map((m) => `${m}.${s.fn}`).concat(s.fn === 'join_schedules' ? ['optax.schedules._join.join_schedules'] : []),
  summary: s.summary,
  formula: s.formula,
  params: s.params,
  checks: s.checks,
  pitfalls: s.pitfalls,
  typicalStepping: 'per-batch',
  stepFunction: true,
  childParam: s.childParam,
  // a factory used with `new` (returning an object yields that object), children included
  ctor: function (this: unknown, sink: torch.WarningSink, opt: SimOptimizer, given: A, children: torch.LRScheduler[]) {
    const a = bindCall(s.fn, s.params, given).args;
    return new OptaxSchedule(sink, opt, `${OX}.${s.fn}`, FNS[s.fn](a, children ?? []));
  } as unknown as TorchCtor,
}));

/** The catalog entry name of an optax function (`exponential_decay` → `optax.exponential_decay`). */
export const optaxEntryName = (fn: string): string => `${OX}.${fn}`;

let registered = false;
/** Adds the Optax entries to the engine's catalog (idempotent). */
export function registerOptax(): void {
  if (registered || catalogEntries.some((e) => e.framework === 'optax')) {
    registered = true;
    return;
  }
  registered = true;
  registerEntries(OPTAX_ENTRIES);
}
