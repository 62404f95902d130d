// The one-line CodeLens summary above a scheduler call. Pure (no vscode).
//   "CosineAnnealingWarmRestarts · 0.1 → 0.01 · restarts at 10, 30, 70"
import type { CallPreview } from './callPreview';
import { keyFigures } from './hoverText';
import { fmtLr, listSteps, plainT, type Translate } from './text';

/** The LR path in a few values: start → (peak) → (minimum) → last, without repeats. */
export function lrPath(p: CallPreview): string | undefined {
  const f = keyFigures(p.schedule);
  if (!f) return undefined;
  const pts: { step: number; v: number }[] = [{ step: 0, v: f.start }];
  const rel = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
  if (f.peak.value > f.start && !rel(f.peak.value, f.start)) pts.push({ step: f.peak.step, v: f.peak.value });
  if (f.min.value < f.last.value && !rel(f.min.value, f.last.value) && f.min.step > 0) pts.push({ step: f.min.step, v: f.min.value });
  pts.sort((a, b) => a.step - b.step);
  const last = f.last.value;
  if (!rel(pts[pts.length - 1].v, last)) pts.push({ step: f.last.step, v: last });
  const vals = pts.map((x) => fmtLr(x.v));
  const dedup = vals.filter((v, i) => i === 0 || v !== vals[i - 1]);
  return dedup.length === 1 ? dedup[0] : dedup.join(' → ');
}

function eventsText(p: CallPreview, t: Translate): string | undefined {
  const ev = p.schedule?.events ?? [];
  const steps = (kind: string) => [...new Set(ev.filter((e) => e.kind === kind).map((e) => e.step))];
  const r = steps('restart');
  if (r.length) return t('restarts at {0}', listSteps(r, 4));
  const m = steps('milestone');
  if (m.length) return t('× at {0}', listSteps(m, 4));
  const s = steps('switch');
  if (s.length) return t('switches at {0}', listSteps(s, 4));
  const ph = steps('phase');
  if (ph.length) return t('phases at {0}', listSteps(ph, 4));
  return undefined;
}

/** The summary lens title. */
export function codeLensTitle(p: CallPreview, t: Translate = plainT): string {
  // TrainingArguments(...): the config and the schedule the Trainer builds from it
  const parts = [p.call.trainer ? `${p.call.trainer.config} → ${p.call.name}` : p.call.name];
  if (p.error && (!p.schedule || p.schedule.steps === 0 || p.error.at === 'construct')) {
    const msg = `${p.error.type}: ${p.error.message}`;
    parts.push(msg.length > 90 ? `${msg.slice(0, 87)}…` : msg);
    return parts.join(' · ');
  }
  if (!p.schedule) {
    if (p.missing.length) parts.push(t('needs {0}', [...new Set(p.missing.map((m) => m.param))].join(', ')));
    return parts.join(' · ');
  }
  const path = lrPath(p);
  if (path) parts.push(path);
  const ev = eventsText(p, t);
  if (ev) parts.push(ev);
  parts.push(t('{0} steps', p.steps));
  if (p.assumptions.length) parts.push(t('assumes {0}', p.assumptions.map((a) => a.param).join(', ')));
  if (p.error) parts.push(`${p.error.type} ${t('at step {0}', p.error.at as number)}`);
  return parts.join(' · ');
}
