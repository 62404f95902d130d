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
    default: return undefined;
  }
}
