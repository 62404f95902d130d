// Hover on the optimizer's construction (`torch.optim.SGD(model.parameters(), lr=0.1)`) when a
// scheduler in the file drives it: optimizers.ts writes the markdown; this finds the call and the
// schedulers that drive it. Pure (no vscode).
import type { PyValue } from '../schedulers/pyvalue';
import type { Range, SchedulerCall } from '../python/analyze';
import { optimizerHoverMarkdown, type DrivingScheduler } from '../schedulers/optimizers';
import type { CallPreview } from './callPreview';
import type { Translate } from './text';

export interface OptimizerHover { markdown: string; range: Range }

export function optimizerHover(
  analysis: { calls: SchedulerCall[]; preview(call: SchedulerCall): CallPreview },
  offset: number,
  _t?: Translate,
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
  return { markdown: optimizerHoverMarkdown(name, args, schedulers), range: o.range };
}
