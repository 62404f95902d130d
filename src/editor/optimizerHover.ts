// Hover on the optimizer's construction (`torch.optim.SGD(model.parameters(), lr=0.1)`) when a
// scheduler in the file drives it: optimizers.ts writes the markdown; this finds the call and the
// schedulers that drive it. Pure (no vscode).
import type { PyValue } from '../schedulers/pyvalue';
import type { Range, SchedulerCall } from '../python/analyze';
import { optimizerHoverMarkdown, type DrivingScheduler } from '../schedulers/optimizers';
import type { CallPreview } from './callPreview';
import type { Translate } from './text';
import { isKorean, KO_OPTIMIZER_HEADINGS, localizedOptimizer } from '../schedulers/catalog.ko';
import { findOptimizer } from '../schedulers/optimizers';

/**
 * The optimizer hover in the display language: optimizers.ts writes it in English; for Korean the
 * catalog's summary, parameter docs, pitfalls and headings are swapped for catalog.ko.ts's.
 */
export function localizeOptimizerMarkdown(md: string, name: string, lang?: string): string {
  if (!isKorean(lang)) return md;
  const o = findOptimizer(name);
  const ko = localizedOptimizer(name, lang);
  if (!o || !ko) return md;
  let out = md.replace(o.summary, ko.summary);
  for (const p of o.params) {
    const en = p.doc.replace(/\|/g, '\\|');
    const k = (ko.params[p.name] ?? p.doc).replace(/\|/g, '\\|');
    out = out.split(`| ${en} |`).join(`| ${k} |`);
  }
  o.pitfalls.forEach((x, i) => {
    out = out.split(`- ${x}`).join(`- ${ko.pitfalls[i] ?? x}`);
  });
  for (const [en, k] of KO_OPTIMIZER_HEADINGS) out = out.split(en).join(k);
  return out;
}

export interface OptimizerHover { markdown: string; range: Range }

export function optimizerHover(
  analysis: { calls: SchedulerCall[]; preview(call: SchedulerCall): CallPreview },
  offset: number,
  _t?: Translate,
  lang?: string,
): OptimizerHover | undefined {
  const driving = analysis.calls.filter((c) => c.optimizer && offset >= c.optimizer.range.startIndex && offset < c.optimizer.range.endIndex);
  if (!driving.length) return undefined;
  const o = driving[0].optimizer!;
  const args: Record<string, PyValue> = {};
  if (o.ref) {
    for (const [k, v] of Object.entries(o.ref.defaults)) args[k] = v;
    const g0 = o.ref.groups[0];
    if (g0 && o.ref.groups.length === 1) for (const [k, v] of Object.entries(g0)) if (k !== 'params') args[k] = v;
  }
  const schedulers: DrivingScheduler[] = driving.map((c) => {
    let startLr: number | null = null;
    try {
      const col = analysis.preview(c).schedule?.columns[0];
      startLr = col && col.length ? col[0] : null;
    } catch {
      startLr = null;
    }
    return { name: c.name, line: c.range.start.line + 1, startLr };
  });
  const name = o.name;
  return { markdown: localizeOptimizerMarkdown(optimizerHoverMarkdown(name, args, schedulers), name, lang), range: o.range };
}
