// timm's argparse-driven factories, statically: `create_scheduler(args, optimizer)` and
// `create_scheduler_v2(optimizer, **scheduler_kwargs(args), ...)` read attributes of the training
// script's parsed arguments. Here those attributes are resolved the way `args.epochs` resolves
// anywhere else in the file (argparse add_argument / set_defaults defaults, config objects), and
// handed to the engine as a dict of the attributes the namespace has; missing ones take
// scheduler_kwargs' getattr defaults in the engine (src/schedulers/timm.ts).
import type { Node } from './node';
import { PyError, type PyValue } from '../schedulers/pyvalue';
import { TIMM_CFG_ATTRS, schedulerKwargs } from '../schedulers/timm';
import { Evaluator, Unknown, toPy, type Val } from './evaluate';
import type { ArgValue, ArgRange } from './analyze';

const KWARGS_PATHS = new Set(['timm.scheduler.scheduler_kwargs', 'timm.scheduler.scheduler_factory.scheduler_kwargs']);

/**
 * The attributes of the namespace `node` evaluates to, as a dict; null when they are not known
 * statically (an unknown object with no `--sched` argument in the file, an unresolvable default).
 */
export function timmNamespace(ev: Evaluator, node: Node): PyValue | null {
  let v: Val | null;
  try {
    v = ev.evalStatic(node);
  } catch (e) {
    if (!(e instanceof Unknown)) throw e;
    v = null;
  }
  const plain = node.type === 'identifier' || (node.type === 'attribute' && node.childForFieldName('object')?.type === 'identifier');
  const entries: [PyValue, PyValue][] = [];
  try {
    for (const [attr] of TIMM_CFG_ATTRS) {
      let x: Val | null = null;
      if (v === null || v.t === 'argns') {
        if (v === null && !plain) return null;
        x = ev.argparseDefault(attr, node, v !== null);
        if (attr === 'sched' && x === null && v === null) return null; // not an argparse namespace we can see
      } else if (v.t === 'instance') {
        try {
          x = ev.getAttr(v, attr, node);
        } catch (e) {
          if (e instanceof Unknown && v.fields.size && !v.fields.has(attr)) x = null;
          else throw e;
        }
      } else return null;
      if (x !== null) entries.push([{ t: 'str', v: attr }, toPy(x)]);
    }
  } catch (e) {
    if (e instanceof Unknown || e instanceof PyError) return null;
    throw e;
  }
  return { t: 'dict', entries };
}

/** `scheduler_kwargs(cfg, decreasing_metric=None)` evaluated statically (undefined: not that function). */
export function timmKwargsCall(ev: Evaluator, path: string, call: Node): Val | undefined {
  if (!KWARGS_PATHS.has(path)) return undefined;
  const items = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a && a.type !== 'comment') as Node[];
  const cfgNode = items.find((a) => a.type !== 'keyword_argument') ?? items.find((a) => a.childForFieldName('name')?.text === 'cfg')?.childForFieldName('value');
  if (!cfgNode) throw new Unknown(call, 'scheduler_kwargs() without its cfg argument');
  const ns = timmNamespace(ev, cfgNode);
  if (!ns) throw new Unknown(cfgNode, `the attributes of ${cfgNode.text} are not known statically`);
  const dm = items.filter((a) => a.type !== 'keyword_argument')[1] ?? items.find((a) => a.childForFieldName('name')?.text === 'decreasing_metric')?.childForFieldName('value');
  const decreasing: PyValue = dm ? toPy(ev.evalStatic(dm)) : { t: 'none' };
  const kw = schedulerKwargs(ns, decreasing);
  return { t: 'dict', entries: Object.entries(kw).map(([k, x]) => [{ t: 'str', v: k }, x] as [PyValue, PyValue]) };
}

/** create_scheduler(args, optimizer): its `args` as the namespace's attributes, when they are known. */
export function timmResolveArgs(ev: Evaluator, root: Node, entryName: string, given: Record<string, ArgValue>, argRanges: ArgRange[]): void {
  if (entryName !== 'create_scheduler') return;
  const r = argRanges.find((x) => x.param === 'args');
  const a = given.args;
  if (!r || !a) return;
  const node = root.descendantForIndex(r.valueRange.startIndex, r.valueRange.endIndex);
  if (!node) return;
  const ns = timmNamespace(ev, node);
  if (ns) given.args = { value: ns, source: r.source, range: a.range };
  else if ('value' in a) given.args = { unresolved: true, source: r.source, range: a.range, reason: `the attributes of ${r.source} (sched, epochs, warmup_epochs, …) are not known statically` };
}
