// How many steps show a schedule's shape when the file does not say (no training loop to count).
// Pure, no Node APIs: shared by the editor (callPreview.ts, in both the Node and the browser
// bundle) and the CLI. Kept out of src/cli.ts so the browser bundle never pulls in `node:fs`.
import type { SchedulerCall } from '../python/analyze';

function num(s: SchedulerCall, k: string): number | undefined {
  const a = s.args[k];
  if (!a || 'unresolved' in a) return undefined;
  const v = a.value;
  if (v.t === 'int' || v.t === 'float') return v.v;
  if (v.t === 'list' || v.t === 'tuple') {
    const xs = v.items.map((x) => (x.t === 'int' || x.t === 'float' ? x.v : NaN)).filter((x) => Number.isFinite(x));
    return xs.length ? Math.max(...xs) : undefined;
  }
  return undefined;
}

/** How many steps show the schedule's shape, when the file does not say. */
export function naturalLength(s: SchedulerCall): number | undefined {
  const clamp = (n: number | undefined) => (n !== undefined && Number.isFinite(n) && n > 0 ? Math.min(Math.ceil(n), 100_000) : undefined);
  switch (s.name) {
    case 'OneCycleLR': {
      const t = num(s, 'total_steps');
      if (t) return clamp(t);
      const e = num(s, 'epochs'), spe = num(s, 'steps_per_epoch');
      return e && spe ? clamp(e * spe) : undefined;
    }
    case 'CosineAnnealingLR': { const t = num(s, 'T_max'); return t ? clamp(2 * t) : undefined; }
    case 'CosineAnnealingWarmRestarts': {
      const t0 = num(s, 'T_0'), m = num(s, 'T_mult') ?? 1;
      return t0 ? clamp(t0 * (m === 1 ? 3 : 1 + m + m * m)) : undefined;
    }
    case 'StepLR': { const t = num(s, 'step_size'); return t ? clamp(t * 4) : undefined; }
    case 'MultiStepLR': { const t = num(s, 'milestones'); return t ? clamp(t * 1.25 + 1) : undefined; }
    case 'LinearLR': case 'ConstantLR': case 'PolynomialLR': { const t = num(s, 'total_iters'); return t ? clamp(t * 1.5 + 1) : undefined; }
    case 'CyclicLR': { const u = num(s, 'step_size_up') ?? 2000, d = num(s, 'step_size_down') ?? u; return clamp(2 * (u + d)); }
    case 'SWALR': { const t = num(s, 'anneal_epochs'); return t ? clamp(t * 2 + 1) : undefined; }
    case 'SequentialLR': {
      const m = num(s, 'milestones');
      const last = s.children[s.children.length - 1];
      const tail = last ? naturalLength(last) : undefined;
      return m !== undefined ? clamp(m + (tail ?? m)) : undefined;
    }
    case 'ChainedScheduler': {
      const ls = s.children.map(naturalLength).filter((x): x is number => x !== undefined);
      return ls.length ? clamp(Math.max(...ls)) : undefined;
    }
    default: return clamp(stepFunctionLength(s));
  }
}

/** Keras / Optax schedules: through the end of the decay, a little past it. */
function stepFunctionLength(s: SchedulerCall): number | undefined {
  if (s.framework !== 'keras' && s.framework !== 'optax') return undefined;
  const n = (k: string) => num(s, k);
  const dictMax = (k: string) => {
    const a = s.args[k];
    if (!a || 'unresolved' in a || a.value.t !== 'dict') return undefined;
    const ks = a.value.entries.map(([x]) => (x.t === 'int' || x.t === 'float' ? x.v : NaN)).filter(Number.isFinite);
    return ks.length ? Math.max(...ks) : undefined;
  };
  const past = (x: number | undefined, f = 1.2) => (x !== undefined && x > 0 ? x * f + 1 : undefined);
  switch (s.name) {
    case 'CosineDecay': return past((n('decay_steps') ?? NaN) + (s.args.warmup_target && 'value' in s.args.warmup_target && s.args.warmup_target.value.t !== 'none' ? n('warmup_steps') ?? 0 : 0));
    case 'PolynomialDecay': return past(n('decay_steps'), s.args.cycle && 'value' in s.args.cycle && s.args.cycle.value.t === 'bool' && s.args.cycle.value.v ? 4 : 1.5);
    case 'CosineDecayRestarts': { const f = n('first_decay_steps'), t = n('t_mul') ?? 2; return f ? f * (t === 1 ? 3 : 1 + t + t * t) : undefined; }
    case 'PiecewiseConstantDecay': return past(n('boundaries'), 1.25);
    case 'ExponentialDecay': case 'InverseTimeDecay': return past(n('decay_steps'), 10);
    case 'optax.linear_schedule': case 'optax.polynomial_schedule': return past((n('transition_steps') ?? NaN) + (n('transition_begin') ?? 0));
    case 'optax.exponential_decay': return past((n('transition_steps') ?? NaN) * 10 + (n('transition_begin') ?? 0), 1);
    case 'optax.warmup_exponential_decay_schedule': return past((n('transition_steps') ?? NaN) * 10 + (n('warmup_steps') ?? 0), 1);
    case 'optax.cosine_decay_schedule': case 'optax.warmup_cosine_decay_schedule': return past(n('decay_steps'), 1.1);
    case 'optax.warmup_constant_schedule': return past(n('warmup_steps'), 2);
    case 'optax.linear_onecycle_schedule': case 'optax.cosine_onecycle_schedule': return past(n('transition_steps'), 1.1);
    case 'optax.piecewise_constant_schedule': case 'optax.piecewise_interpolate_schedule': return past(dictMax('boundaries_and_scales'), 1.25);
    case 'optax.join_schedules': { const b = n('boundaries'); const last = s.children[s.children.length - 1]; const tail = last ? naturalLength(last) : undefined; return b !== undefined ? b + (tail ?? b) : undefined; }
    case 'optax.sgdr_schedule': {
      const a = s.args.cosine_kwargs;
      if (!a || 'unresolved' in a || (a.value.t !== 'list' && a.value.t !== 'tuple')) return undefined;
      let t = 0;
      for (const d of a.value.items) { const e = d.t === 'dict' ? d.entries.find(([k]) => k.t === 'str' && k.v === 'decay_steps') : undefined; if (!e || (e[1].t !== 'int' && e[1].t !== 'float')) return undefined; t += e[1].v; }
      return past(t, 1.1);
    }
    default: return undefined;
  }
}
