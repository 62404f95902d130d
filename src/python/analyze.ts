// Finds scheduler calls in Python source and turns them into resolved SchedulerCalls.
//
// API (everything synchronous once `initPython()` has resolved):
//   analyzeSource(text, opts?)        -> AnalysisResult   whole-file analysis (parses)
//   analyzeCells(cells, opts?)        -> AnalysisResult   notebook cells in order; ranges carry `cell`
//   new PythonDocument(text)          cached per editor document: update(text) re-parses incrementally
//   toSchedulerRef(call, overrides?)  -> SchedulerRef     what the engine simulates; throws MissingValuesError
//   missingValues(call, overrides?)   -> Missing[]        what the user still has to supply
// Ranges are 0-based (line, column in UTF-16 code units) plus string offsets.
import type { Tree } from 'web-tree-sitter';
import { LiveTree, Lines, type Node } from './node';
import type { Binding } from './scope';
import { PyError, type PyValue, type SchedulerRef, type OptimizerRef, repr, toNumber, isNumber } from '../schedulers/pyvalue';
import type { Framework, ParamSpec } from '../schedulers/types';
import { entries as catalogEntries } from '../schedulers/catalog';
import { optimizerDefaults } from '../schedulers/optimizer';
import { parseDefault, simulate } from '../schedulers/simulate';
import { trainerSchedulerRef, schedulerType, dispatchTarget, TA_DEFAULTS } from '../schedulers/transformers';
import { diffusersIgnoredArgs } from '../schedulers/diffusers';
import { timmIgnoredArgs, isTimmClass } from '../schedulers/timm';
import { timmKwargsCall, timmResolveArgs } from './timmArgs';
import { parsePython, diffEdit, holdTree, releaseTree } from './parser';
import { FileIndex, TextScans, sameNode } from './scope';
import { SnapshotCache } from './snapshot';
import { skeletonOf, usesLeftOut, type Skeleton } from './skeleton';
import { Evaluator, Unknown, toPy, params, type Val, type UserFunction } from './evaluate';
import { t } from '../schedulers/l10n';

export interface Pos { line: number; column: number }
export interface Range { start: Pos; end: Pos; startIndex: number; endIndex: number; /** Notebook cell index (analyzeCells). */ cell?: number }

export type ArgValue =
  | { value: PyValue; default?: true; source?: string; range?: Range }
  | { unresolved: true; source: string; range?: Range; reason: string; needs?: string[] };

/** One argument as written: `name=value` (keyword) or `value` (positional `index`). */
export interface ArgRange {
  index: number;
  /** Parameter it binds to (undefined when it binds to nothing: an error). */
  param?: string;
  keyword?: string;
  nameRange?: Range;
  valueRange: Range;
  source: string;
}

export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: Range;
  /** Stable id for quick fixes: `verbose-removed`, `get-lr`, `trailing-comma-tuple`, `call-instead-of-function`, ... */
  code?: string;
}

export interface OptimizerInfo {
  name: string;
  qualifiedName: string;
  line: number;
  range: Range;
  /** Per param group; null where not known statically. */
  lrs: (number | null)[];
  momentum: (number | null)[] | null;
  betas: ([number, number] | null)[] | null;
  /** Ranges of the `lr=` values (constructor keyword, then each group's 'lr'), for edits. */
  lrRanges: Range[];
  ref: OptimizerRef | null;
  unresolved: { source: string; reason: string }[];
}

export interface Stepping {
  unit: 'per-batch' | 'per-epoch' | 'unknown';
  /** Total scheduler.step() calls the loops show, when their bounds are known. */
  steps?: number;
  /** Where scheduler.step() is called. */
  calls: Range[];
  /** scheduler.step() before optimizer.step() in the same loop body. */
  order?: 'optimizer-first' | 'scheduler-first';
  /** scheduler.step(x) with an argument (ReduceLROnPlateau metrics). */
  withArgument?: boolean;
}

export interface SchedulerCall {
  name: string;
  qualifiedName: string;
  framework: Framework;
  range: Range;
  nameRange: Range;
  /** Variable the result is assigned to (`scheduler`, `self.sched`), when it is. */
  variable?: string;
  /** Every parameter of the signature: its value, default, or unresolved source. */
  args: Record<string, ArgValue>;
  argRanges: ArgRange[];
  optimizer: OptimizerInfo | null;
  children: SchedulerCall[];
  stepping: Stepping;
  diagnostics: Diagnostic[];
  /** PyTorch's TypeError for a call that does not fit the signature (raised at construction). */
  bindError?: { type: string; message: string };
  /**
   * Set for `TrainingArguments(...)` and the configs that subclass it: the scheduler the HF Trainer
   * builds from them (`get_scheduler(lr_scheduler_type, ...)`). `given` holds the config's keywords.
   */
  /** `parsed`: the arguments come from HfArgumentParser/TrlParser (no TrainingArguments(...) call to edit). */
  trainer?: { config: string; numTrainingSteps?: number; numWarmupSteps?: number; explanation: string[]; warnings: string[]; parsed?: boolean };
  /** @internal */ node: Node;
  /** @internal explicit arguments bound to names (what the engine binds) */ given: Record<string, ArgValue>;
}

export interface AnalysisResult {
  schedulers: SchedulerCall[];
  /** File-level findings: syntax errors, tab errors, `get_lr()`, trailing-comma tuples. */
  diagnostics: Diagnostic[];
  getLrCalls: Range[];
}

export interface AnalyzeOptions {
  /** Values supplied by the user for names the file does not define statically. */
  names?: Record<string, PyValue>;
  /** Catalog entries to detect (default: the engine's catalog). */
  entries?: CatalogEntry[];
}

export interface CatalogEntry { name: string; framework: Framework; qualifiedNames: string[]; params: ParamSpec[]; childParam?: string }

export interface Missing { param: string; source: string; reason: string; scheduler: string }
export class MissingValuesError extends Error {
  constructor(readonly missing: Missing[]) {
    super(missing.map((m) => `${m.scheduler}: ${m.param}=${m.source} (${m.reason})`).join('; '));
  }
}

// ------------------------------------------------------------------ optimizers

/** Positional parameters of torch.optim constructors (newest PyTorch), after `params`. */
const OPTIMIZER_POSITIONAL: Record<string, string[]> = {
  SGD: ['lr', 'momentum', 'dampening', 'weight_decay', 'nesterov'],
  Adam: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
  AdamW: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad'],
  RMSprop: ['lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered'],
  Adagrad: ['lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps'],
  Adadelta: ['lr', 'rho', 'eps', 'weight_decay'],
  Adamax: ['lr', 'betas', 'eps', 'weight_decay'],
  NAdam: ['lr', 'betas', 'eps', 'weight_decay', 'momentum_decay'],
  RAdam: ['lr', 'betas', 'eps', 'weight_decay'],
  ASGD: ['lr', 'lambd', 'alpha', 't0', 'weight_decay'],
  Rprop: ['lr', 'etas', 'step_sizes'],
  SparseAdam: ['lr', 'betas', 'eps'],
  LBFGS: ['lr', 'max_iter'],
  Adafactor: ['lr'],
};
const OPTIMIZER_LR_DEFAULT: Record<string, number> = { Adadelta: 1.0, Adamax: 0.002, NAdam: 0.002, RAdam: 0.001, ASGD: 0.01, Rprop: 0.01, SparseAdam: 0.001, LBFGS: 1, Adafactor: 0.01 };
const OPT_MODULES = ['torch.optim', 'torch.optim.sgd', 'torch.optim.adam', 'torch.optim.adamw', 'torch.optim.rmsprop', 'torch.optim.adagrad'];

function optimizerClass(path: string): string | null {
  const i = path.lastIndexOf('.');
  const name = path.slice(i + 1);
  if (!(name in OPTIMIZER_POSITIONAL)) return null;
  const mod = path.slice(0, Math.max(0, i));
  if (i < 0 || OPT_MODULES.includes(mod)) return name;
  // transformers' own (deprecated) AdamW: same update and defaults (lr=1e-3) as torch's.
  if (name === 'AdamW' && (mod === 'transformers' || mod === 'transformers.optimization')) return name;
  return null;
}

// ------------------------------------------------------------------ Trainer configs

/** TrainingArguments and the configs that subclass it (transformers, trl). */
const TRAINER_CONFIG_NAMES = ['TrainingArguments', 'Seq2SeqTrainingArguments'];
/** timm 0.4 keyword names of the cyclic schedulers and their names since timm 0.5. */
const TIMM_RENAMED: Record<string, string> = { t_mul: 'cycle_mul', decay_rate: 'cycle_decay' };

/** trl configs whose learning_rate default differs from TrainingArguments' 5e-5 (trl's own docstrings). */
const TRL_LR_DEFAULTS: Record<string, number> = { SFTConfig: 2e-5, DPOConfig: 1e-6, GRPOConfig: 1e-6, KTOConfig: 1e-6, OnlineDPOConfig: 1e-6, RLOOConfig: 1e-6 };

const TRL_CONFIG_NAMES = ['SFTConfig', 'DPOConfig', 'GRPOConfig', 'KTOConfig', 'ORPOConfig', 'CPOConfig', 'RewardConfig', 'PRMConfig', 'GKDConfig', 'OnlineDPOConfig', 'RLOOConfig', 'PPOConfig', 'BCOConfig', 'NashMDConfig', 'XPOConfig'];
function trainerConfigPaths(): string[] {
  const out: string[] = [];
  for (const n of TRAINER_CONFIG_NAMES) out.push(`transformers.${n}`, `transformers.training_args.${n}`, `transformers.training_args_seq2seq.${n}`);
  for (const n of TRL_CONFIG_NAMES) {
    const mod = n.replace(/Config$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    out.push(`trl.${n}`, `trl.trainer.${n}`, `trl.trainer.${mod}_config.${n}`);
  }
  return out;
}
/** The TrainingArguments fields that shape the schedule (the rest are accepted and ignored). */
const TRAINER_KEYS = Object.keys(TA_DEFAULTS);
const TRAINER_ENTRY: CatalogEntry = {
  name: 'TrainingArguments', framework: 'transformers', qualifiedNames: trainerConfigPaths(),
  params: TRAINER_KEYS.map((name) => ({ name, type: 'Any', doc: '' }) as unknown as ParamSpec),
};

// ------------------------------------------------------------------ helpers

function rangeOf(n: Node): Range {
  return {
    start: { line: n.startPosition.row, column: n.startPosition.column },
    end: { line: n.endPosition.row, column: n.endPosition.column },
    startIndex: n.startIndex,
    endIndex: n.endIndex,
  };
}

function calleeName(fn: Node): Node {
  if (fn.type === 'attribute') return fn.childForFieldName('attribute') ?? fn;
  return fn;
}

function isNum(v: PyValue | undefined): v is { t: 'int' | 'float' | 'bool'; v: any } {
  return isNumber(v);
}

/** JSON-friendly view of a PyValue (functions as source, non-finite floats as strings). */
export function toJSONValue(v: PyValue): unknown {
  switch (v.t) {
    case 'int': return v.v;
    case 'float': return Number.isFinite(v.v) ? v.v : Number.isNaN(v.v) ? 'NaN' : v.v > 0 ? 'Infinity' : '-Infinity';
    case 'bool': return v.v;
    case 'str': return v.v;
    case 'none': return null;
    case 'list': case 'tuple': return v.items.map(toJSONValue);
    case 'dict': return Object.fromEntries(v.entries.map(([k, x]) => [k.t === 'str' ? k.v : repr(k), toJSONValue(x)]));
    case 'func': return (v as Partial<UserFunction>).source ?? v.name;
    case 'scheduler': return { scheduler: v.spec.name };
    case 'optimizer': return { optimizer: v.spec.name };
    case 'opaque': return v.source;
  }
}

// ------------------------------------------------------------------ the analyzer

class Analyzer {
  readonly index: FileIndex;
  readonly ev: Evaluator;
  private byPath = new Map<string, CatalogEntry>();
  private shortNames = new Map<string, CatalogEntry>();
  private calleeNames = new Set<string>();
  private calls = new Map<number, SchedulerCall>();
  private building = new Set<number>();
  private optimizers = new Map<number, OptimizerInfo>();
  private optimizerIds = 0;
  private unimported = new Map<number, string>();
  fileDiagnostics: Diagnostic[] = [];

  constructor(readonly text: string, readonly root: Node, readonly opts: AnalyzeOptions, scans?: TextScans, snapshots?: SnapshotCache, asked?: Set<string>) {
    this.index = new FileIndex(text, root, scans, asked);
    const list = opts.entries ?? (catalogEntries as CatalogEntry[]);
    for (const e of list) {
      for (const q of e.qualifiedNames) {
        this.byPath.set(q, e);
        if (e.framework === 'transformers') {
          this.byPath.set(`transformers.${e.name}`, e);
          this.byPath.set(`transformers.optimization.${e.name}`, e);
        }
      }
      if (e.framework === 'torch') this.shortNames.set(e.name, e);
    }
    if (!opts.entries) for (const q of TRAINER_ENTRY.qualifiedNames) this.byPath.set(q, TRAINER_ENTRY);
    for (const [q, e] of this.byPath) { this.calleeNames.add(e.name); this.calleeNames.add(q.slice(q.lastIndexOf('.') + 1)); }
    this.ev = new Evaluator(this.index, {
      names: opts.names,
      paramArgument: (b) => this.paramArgument(b),
      isKnownPath: (p) => this.byPath.has(p) || optimizerClass(p) !== null,
      unboundName: (name, node) => {
        // A torch scheduler/optimizer used without any import (snippets, notebooks): assume torch's,
        // unless a star import from another module may have brought the name (`from utils import *`
        // with a LambdaLR class of its own).
        const e = this.shortNames.get(name);
        if (e && this.index.starImports().some((st) => !/^torch(\.|$)/.test(st.module))) return undefined;
        if (e) {
          this.unimported.set(node.startIndex, name);
          return { t: 'qual', path: e.qualifiedNames[0] };
        }
        if (name in OPTIMIZER_POSITIONAL) return { t: 'qual', path: `torch.optim.${name}` };
        // Snippets often use `torch.` / `math.` without importing them.
        if (name === 'torch' || name === 'math' || name === 'optim' || name === 'lr_scheduler') {
          return { t: 'qual', path: name === 'optim' ? 'torch.optim' : name === 'lr_scheduler' ? 'torch.optim.lr_scheduler' : name };
        }
        return undefined;
      },
      callQualified: (path, call) => {
        const kw = timmKwargsCall(this.ev, path, call); // timm's scheduler_kwargs(args)
        if (kw) return kw;
        const e = this.byPath.get(path);
        if (e) {
          const sc = this.schedulerCall(call, e, path);
          return sc ? { t: 'scheduler', spec: this.refOf(sc) } : undefined;
        }
        if (optimizerClass(path)) {
          const o = this.optimizer(call, path);
          if (o.ref) return { t: 'optimizer', spec: o.ref };
          throw new Unknown(call, o.unresolved.map((u) => `${u.source}: ${u.reason}`).join('; ') || 'optimizer not known statically');
        }
        return undefined;
      },
    }, snapshots);
  }

  run(): AnalysisResult {
    const schedulers: SchedulerCall[] = [];
    const names = new Set<string>(['step', 'get_lr', 'import', 'add_argument', 'torch', 'optimizer', 'int', 'float', 'min', 'max', 'len', 'range', 'math']);
    for (const n of this.calleeNames) names.add(n);
    for (const n of Object.keys(OPTIMIZER_POSITIONAL)) names.add(n);
    this.index.prime(names);
    for (const call of this.candidateCalls()) {
      const fn = call.childForFieldName('function');
      if (!fn) continue;
      let path: string | null = null;
      try {
        const v = this.ev.evalStatic(fn);
        if (v.t === 'qual') path = v.path;
      } catch {
        path = null;
      }
      if (!path) continue;
      const e = this.byPath.get(path);
      if (!e) continue;
      const sc = this.schedulerCall(call, e, path);
      if (sc) schedulers.push(sc);
    }
    if (!this.opts.entries) schedulers.push(...this.parsedTrainerCalls());
    // Trainer(args=training_args, optimizers=(optimizer, scheduler)): the TrainingArguments schedule is not the one used
    for (const s of schedulers) {
      if (!s.trainer || !s.variable) continue;
      const tc = this.trainerUsing(s.variable, s.node);
      const opts = tc?.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'optimizers')?.childForFieldName('value');
      const second = opts && (opts.type === 'tuple' || opts.type === 'list') ? (opts.namedChildren.filter((c) => c && c.type !== 'comment') as Node[])[1] : undefined;
      if (second && second.type !== 'none') {
        s.diagnostics.push({ severity: 'warning', code: 'trainer-scheduler-overridden', range: s.nameRange, message: t('The Trainer at line {0} gets its own scheduler (optimizers=(…, {1})): this {2} schedule is not used.', tc!.startPosition.row + 1, truncate(second.text, 40), s.trainer.config) });
      }
    }
    schedulers.sort((a, b) => a.range.startIndex - b.range.startIndex);
    // Children of a composite are stepped by it.
    const inherit = (s: SchedulerCall) => {
      for (const c of s.children) {
        if (c.stepping.calls.length === 0) c.stepping = { ...s.stepping, calls: [] };
        inherit(c);
      }
    };
    for (const s of schedulers) if (s.children.length && s.stepping.calls.length) inherit(s);
    const getLrCalls = this.getLrCalls(schedulers);
    // Syntax, indentation and tuple lints only where they explain a scheduler's numbers.
    if (schedulers.length) this.fileLints();
    return { schedulers, diagnostics: this.fileDiagnostics, getLrCalls };
  }

  /**
   * `parser = HfArgumentParser((ModelArguments, DataArguments, TrainingArguments))`,
   * `model_args, data_args, training_args = parser.parse_args_into_dataclasses()`,
   * `Trainer(..., args=training_args)`: the transformers examples' shape. No TrainingArguments(...)
   * call is written; the Trainer builds its schedule from the dataclass's defaults (a subclass may
   * change them) and whatever the command line passes. Reported at the Trainer call.
   */
  private parsedTrainerCalls(): SchedulerCall[] {
    const out: SchedulerCall[] = [];
    for (const parserName of ['HfArgumentParser', 'TrlParser']) {
      if (!this.index.occurrences(parserName).length) continue;
      for (const id of this.index.identifiers(parserName)) {
        const ctor = id.parent?.type === 'call' && sameNode(id.parent.childForFieldName('function'), id) ? id.parent
          : id.parent?.type === 'attribute' && id.parent.parent?.type === 'call' ? id.parent.parent : null;
        const parserVar = ctor ? assignedTo(ctor) : undefined;
        let first = ctor?.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
        if (!ctor || !parserVar || !first) continue;
        // `TrlParser(dataclass_types)` with `dataclass_types = (ScriptArguments, SFTConfig, ...)`
        if (first.type === 'identifier') {
          const b = this.reachingBinding(first.text, first);
          if (b?.kind === 'assign' && b.value && !b.unpack?.length) first = b.value;
        }
        const classes = first.type === 'tuple' || first.type === 'list' ? (first.namedChildren.filter((c) => c && c.type !== 'comment') as Node[]) : [first];
        const k = classes.findIndex((c) => this.trainingArgumentsClass(c) !== null);
        if (k < 0) continue;
        const cls = this.trainingArgumentsClass(classes[k])!;
        // `a, b, training_args = parser.parse_args_into_dataclasses()` (or parse_json_file, ...)
        for (const m of ['parse_args_into_dataclasses', 'parse_json_file', 'parse_yaml_file', 'parse_dict', 'parse_args_and_config']) {
          for (const c of this.index.methodCalls(m)) {
            if (c.childForFieldName('function')?.childForFieldName('object')?.text !== parserVar) continue;
            let n: Node = c;
            while (n.parent?.type === 'parenthesized_expression') n = n.parent;
            const asg = n.parent?.type === 'assignment' ? n.parent : null;
            const left = asg?.childForFieldName('left');
            const targets = left && ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple'].includes(left.type) ? (left.namedChildren.filter((x) => x && x.type !== 'comment') as Node[]) : left ? [left] : [];
            // (+1: parse_args_and_config(return_remaining_strings=True) returns the leftovers last)
            const target = targets.length === classes.length || targets.length === classes.length + 1 ? targets[k] : classes.length === 1 ? targets[0] : undefined;
            if (!target || target.type !== 'identifier') continue;
            const trainer = this.trainerUsing(target.text, c);
            const at = trainer ?? c;
            if (out.some((x) => x.range.startIndex === at.startIndex) || this.calls.has(at.startIndex)) continue;
            const given: Record<string, ArgValue> = {};
            if (cls.local) {
              for (const key of TRAINER_KEYS) {
                try {
                  const v = toPy(this.ev.getAttr(cls.local, key, classes[k]));
                  given[key] = { value: v, default: true, source: `${cls.name}.${key}` };
                } catch { /* not set by the subclass: TrainingArguments' own default */ }
              }
            }
            const note = `${cls.name} comes from ${parserName} (command line / JSON): the preview uses its defaults; values passed when the script runs change the schedule.`;
            const sc = this.buildTrainerCall(at, cls.path, { given, note });
            this.calls.set(at.startIndex, sc);
            out.push(sc);
          }
        }
      }
    }
    return out;
  }

  /** A TrainingArguments-like class: transformers'/trl's own, or a @dataclass subclass of one in this file. */
  private trainingArgumentsClass(n: Node): { name: string; path: string; local: Val | null } | null {
    let v: Val | null = null;
    try { v = this.ev.evalStatic(n); } catch { v = null; }
    if (v?.t === 'qual') {
      const e = this.byPath.get(v.path);
      return e === TRAINER_ENTRY ? { name: v.path.slice(v.path.lastIndexOf('.') + 1), path: v.path, local: null } : null;
    }
    if (v?.t !== 'class') return null;
    const bases = v.node.childForFieldName('superclasses');
    for (const b of (bases?.namedChildren ?? []) as Node[]) {
      const base = b ? this.trainingArgumentsClass(b) : null;
      if (base) return { name: v.name, path: base.path, local: v };
    }
    return null;
  }

  /**
   * The call that takes `name` as `args=` (or as a *Trainer's second positional argument): the first
   * after `from`, else one before it (a `main(training_args)` defined above the parse).
   */
  private trainerUsing(name: string, from: Node): Node | null {
    const ids = this.index.identifiers(name);
    for (const id of [...ids.filter((x) => x.startIndex >= from.endIndex), ...ids.filter((x) => x.startIndex < from.startIndex)]) {
      const kw = id.parent?.type === 'keyword_argument' && id.parent.childForFieldName('name')?.text === 'args' && sameNode(id.parent.childForFieldName('value'), id) ? id.parent : null;
      const list = kw ? kw.parent : id.parent;
      const call = list?.type === 'argument_list' ? list.parent : null;
      if (!call || call.type !== 'call') continue;
      const callee = call.childForFieldName('function')?.text ?? '';
      if (kw || (/Trainer$/.test(callee) && (list!.namedChildren.filter((c) => c && c.type !== 'comment') as Node[])[1]?.startIndex === id.startIndex)) return call;
    }
    return null;
  }

  /** Calls whose callee mentions a catalog name, directly or through an alias. */
  private candidateCalls(): Node[] {
    const names = this.calleeNames;
    const out = new Map<number, Node>();
    const queue = [...names];
    const seen = new Set<string>(queue);
    while (queue.length) {
      const name = queue.pop()!;
      if (this.index.occurrences(name).length === 0) continue;
      for (const id of this.index.identifiers(name)) {
        let n: Node = id;
        while (n.parent && n.parent.type === 'attribute' && sameNode(n.parent.childForFieldName('attribute'), n)) n = n.parent;
        const p = n.parent;
        if (!p) continue;
        if (p.type === 'call' && sameNode(p.childForFieldName('function'), n)) out.set(p.startIndex, p);
        else if (p.type === 'assignment' && sameNode(p.childForFieldName('right'), n)) {
          const left = p.childForFieldName('left');
          if (left && left.type === 'identifier' && !seen.has(left.text)) { seen.add(left.text); queue.push(left.text); }
        } else if (p.type === 'aliased_import') {
          const alias = p.childForFieldName('alias');
          if (alias && !seen.has(alias.text)) { seen.add(alias.text); queue.push(alias.text); }
        } else if (p.type === 'dotted_name' && p.parent?.type === 'aliased_import') {
          const alias = p.parent.childForFieldName('alias');
          if (alias && !seen.has(alias.text)) { seen.add(alias.text); queue.push(alias.text); }
        }
      }
    }
    return [...out.values()].sort((a, b) => a.startIndex - b.startIndex);
  }

  // ---------------------------------------------------------------- one scheduler call

  schedulerCall(call: Node, entry: CatalogEntry, path: string): SchedulerCall | null {
    const done = this.calls.get(call.startIndex);
    if (done) return done;
    if (this.building.has(call.startIndex)) return null;
    this.building.add(call.startIndex);
    try {
      const sc = this.buildCall(call, entry, path);
      this.calls.set(call.startIndex, sc);
      return sc;
    } finally {
      this.building.delete(call.startIndex);
    }
  }

  /** `TrainingArguments(...)`: the schedule the HF Trainer builds from it. */
  /**
   * `preset`: the fields of a TrainingArguments class that HfArgumentParser fills (its defaults),
   * reported at `call` (the Trainer that uses them) instead of reading `call`'s arguments.
   */
  private buildTrainerCall(call: Node, path: string, preset?: { given: Record<string, ArgValue>; note: string }): SchedulerCall {
    const fn = call.childForFieldName('function')!;
    const diagnostics: Diagnostic[] = [];
    const argRanges: ArgRange[] = [];
    const given: Record<string, ArgValue> = { ...preset?.given };
    if (preset) diagnostics.push({ severity: 'info', code: 'parsed-arguments', range: rangeOf(fn), message: preset.note });
    const items = preset ? [] : (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a && a.type !== 'comment') as Node[];
    items.forEach((a, i) => {
      if (a.type === 'keyword_argument') {
        const nameNode = a.childForFieldName('name')!;
        const valueNode = a.childForFieldName('value')!;
        const k = nameNode.text;
        const known = TRAINER_KEYS.includes(k);
        if (k === 'evaluation_strategy') {
          diagnostics.push({ severity: 'warning', code: 'renamed-argument', range: rangeOf(nameNode), message: t('`evaluation_strategy=` was renamed `eval_strategy` (transformers 4.41) and removed in 4.46: newer transformers raise TypeError. Use eval_strategy=.') });
        }
        argRanges.push({ index: i, param: known ? k : undefined, keyword: k, nameRange: rangeOf(nameNode), valueRange: rangeOf(valueNode), source: valueNode.text });
        if (known) given[k] = this.argValue(valueNode, TRAINER_ENTRY.params.find((p) => p.name === k)!, TRAINER_ENTRY, diagnostics);
      } else if (a.type === 'dictionary_splat') {
        argRanges.push({ index: i, valueRange: rangeOf(a), source: a.text });
        let v: Val | null = null;
        try { v = this.ev.evalStatic(a.namedChildren[0]!); } catch { v = null; }
        if (v && v.t === 'dict') {
          for (const [kk, vv] of v.entries) if (kk.t === 'str' && TRAINER_KEYS.includes(kk.v)) given[kk.v] = { value: vv, source: a.text, range: rangeOf(a) };
        } else diagnostics.push({ severity: 'warning', code: 'splat-unresolved', range: rangeOf(a), message: t('{0} is not known statically; arguments it passes are not shown.', a.text) });
      } else {
        argRanges.push({ index: i, param: i === 0 ? 'output_dir' : undefined, valueRange: rangeOf(a), source: a.text });
      }
    });
    const config = path.slice(path.lastIndexOf('.') + 1);
    // trl's configs override TrainingArguments' learning_rate default (5e-5)
    const lrDefault = TRL_LR_DEFAULTS[config];
    if (lrDefault !== undefined && !given.learning_rate) given.learning_rate = { value: { t: 'float', v: lrDefault }, default: true, source: `${config} default` };
    const kwargs: Record<string, PyValue> = {};
    for (const [k, a] of Object.entries(given)) if ('value' in a) kwargs[k] = a.value;
    let name = 'get_scheduler';
    try { if (kwargs.lr_scheduler_type) name = schedulerType(kwargs.lr_scheduler_type).fn; else if (!given.lr_scheduler_type) name = schedulerType(TA_DEFAULTS.lr_scheduler_type).fn; } catch { /* reported below */ }
    const trainer: NonNullable<SchedulerCall['trainer']> = { config, explanation: [], warnings: [], ...(preset ? { parsed: true } : {}) };
    let bindError: SchedulerCall['bindError'];
    const unresolvedKeys = Object.keys(given).filter((k) => 'unresolved' in given[k]);
    const maxSteps = kwargs.max_steps;
    const stepsKnown = maxSteps !== undefined && isNum(maxSteps) && toNumber(maxSteps) > 0;
    if (!stepsKnown && !(given.max_steps && 'unresolved' in given.max_steps)) {
      // Trainer: num_training_steps = ceil(num_train_epochs × ceil(len(train_dataloader) / gradient_accumulation_steps)).
      given.num_training_steps = {
        unresolved: true, source: 'num_train_epochs × ceil(len(train_dataloader) / gradient_accumulation_steps)', range: rangeOf(fn),
        reason: 'the Trainer counts optimizer updates from the number of batches per epoch, which the file does not show; give max_steps, or supply batches_per_epoch (or num_training_steps)',
        needs: ['batches_per_epoch'],
      };
    }
    if (!unresolvedKeys.length) {
      try {
        const t = trainerSchedulerRef(kwargs, stepsKnown ? {} : { batchesPerEpoch: undefined });
        trainer.numTrainingSteps = t.numTrainingSteps;
        trainer.numWarmupSteps = t.numWarmupSteps;
        trainer.explanation = t.explanation;
        trainer.warnings = t.warnings;
      } catch (e) {
        if (!(e instanceof PyError)) throw e;
        if (stepsKnown || !/max_steps must be set/.test(e.message)) {
          bindError = { type: e.type, message: e.message };
          diagnostics.push({ severity: 'error', code: 'bind-error', range: rangeOf(call), message: `${e.type}: ${e.message}` });
        }
      }
    }
    for (const w of trainer.warnings) diagnostics.push({ severity: 'warning', code: 'trainer-warning', range: given.warmup_ratio?.range ?? rangeOf(call), message: w });
    const args: Record<string, ArgValue> = {};
    for (const k of TRAINER_KEYS) args[k] = given[k] ?? { value: TA_DEFAULTS[k], default: true, source: repr(TA_DEFAULTS[k]) };
    if (given.num_training_steps) args.num_training_steps = given.num_training_steps;
    else if (trainer.numTrainingSteps !== undefined) args.num_training_steps = { value: { t: 'int', v: trainer.numTrainingSteps }, source: 'max_steps' };
    if (trainer.numWarmupSteps !== undefined) args.num_warmup_steps = { value: { t: 'int', v: trainer.numWarmupSteps }, source: 'warmup_steps' };
    const lr = args.learning_rate && 'value' in args.learning_rate && isNum(args.learning_rate.value) ? toNumber(args.learning_rate.value) : null;
    const optimizer: OptimizerInfo = {
      name: 'AdamW', qualifiedName: 'torch.optim.AdamW', line: call.startPosition.row, range: rangeOf(call), lrs: [lr], momentum: null,
      betas: null, lrRanges: given.learning_rate?.range ? [given.learning_rate.range] : [], ref: null,
      unresolved: lr === null ? [{ source: given.learning_rate?.source ?? 'learning_rate', reason: t('{0} is not known statically', 'learning_rate') }] : [],
    };
    const sc: SchedulerCall = {
      name, qualifiedName: path, framework: 'transformers', range: rangeOf(call), nameRange: rangeOf(calleeName(fn)), variable: assignedTo(call),
      args, argRanges, optimizer, children: [], diagnostics, bindError, node: call, given, trainer,
      // The Trainer steps the scheduler once per optimizer update.
      stepping: { unit: 'per-batch', calls: [], ...(trainer.numTrainingSteps !== undefined ? { steps: trainer.numTrainingSteps } : {}) },
    };
    Object.defineProperty(sc, 'node', { enumerable: false });
    this.lintCall(sc);
    return sc;
  }

  private buildCall(call: Node, entry: CatalogEntry, path: string): SchedulerCall {
    if (entry === TRAINER_ENTRY) return this.buildTrainerCall(call, path);
    const fn = call.childForFieldName('function')!;
    const diagnostics: Diagnostic[] = [];
    const isClass = entry.framework === 'torch' || entry.framework === 'keras' || (entry.framework === 'timm' && isTimmClass(entry.name));
    // diffusers entries are named `diffusers.<function>`: Python names the bare function.
    const fname = isClass ? `${entry.name}.__init__()` : `${entry.name.slice(entry.name.lastIndexOf('.') + 1)}()`;
    const sig = entry.params.filter((p) => !p.removedIn);
    const positional = sig.filter((p) => p.position !== undefined).sort((a, b) => a.position! - b.position!);
    const argRanges: ArgRange[] = [];
    const given: Record<string, ArgValue> = {};
    let bindError: SchedulerCall['bindError'];
    const fail = (message: string) => { bindError ??= { type: 'TypeError', message }; };

    if (this.unimported.has(calleeName(fn).startIndex) || this.unimported.has(fn.startIndex)) {
      diagnostics.push({ severity: 'warning', code: 'not-imported', range: rangeOf(fn), message: t('{0} is not imported in this file; assuming {1}.', entry.name, entry.qualifiedNames[0]) });
    }

    const argList = call.childForFieldName('arguments');
    const items = (argList?.namedChildren ?? []).filter((a) => a && a.type !== 'comment') as Node[];
    let posIndex = 0;
    let seenKeyword = false;
    const extraSelf = isClass ? 1 : 0;
    for (let i = 0; i < items.length; i++) {
      const a = items[i];
      if (a.type === 'keyword_argument') {
        seenKeyword = true;
        const nameNode = a.childForFieldName('name')!;
        const valueNode = a.childForFieldName('value')!;
        const k = nameNode.text;
        const p = sig.find((q) => q.name === k);
        argRanges.push({ index: i, param: p?.name, keyword: k, nameRange: rangeOf(nameNode), valueRange: rangeOf(valueNode), source: valueNode.text });
        const removed = entry.params.find((q) => q.name === k && q.removedIn);
        if (k === 'verbose' || removed) {
          diagnostics.push({
            severity: 'error', code: 'verbose-removed', range: rangeOf(a),
            message: k === 'verbose'
              ? t('`{0}=` was removed from {1} in PyTorch {2}: newer PyTorch raises TypeError. Remove it (print scheduler.get_last_lr() instead).', k, entry.name, removed?.removedIn ?? '2.7')
              : t('`{0}=` was removed from {1} in PyTorch {2}: newer PyTorch raises TypeError. Remove it.', k, entry.name, removed?.removedIn ?? '2.7'),
          });
        }
        if (!p && entry.framework === 'timm' && TIMM_RENAMED[k] && /Cosine|Tanh/.test(entry.name)) {
          diagnostics.push({ severity: 'info', code: 'renamed-argument', range: rangeOf(nameNode), message: t("`{0}=` is timm 0.4's name (Swin and other repos pin timm 0.4.12); since timm 0.5 it is `{1}=`.", k, TIMM_RENAMED[k]) });
        }
        if (!p) { fail(`${fname} got an unexpected keyword argument '${k}'`); continue; }
        if (given[k]) { fail(`${fname} got multiple values for argument '${k}'`); continue; }
        given[k] = this.argValue(valueNode, p, entry, diagnostics);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        argRanges.push({ index: i, valueRange: rangeOf(a), source: a.text });
        let v: Val | null = null;
        try { v = this.ev.evalStatic(a.namedChildren[0]!); } catch { v = null; }
        if (a.type === 'dictionary_splat' && v && v.t === 'dict') {
          for (const [kk, vv] of v.entries) {
            if (kk.t !== 'str') continue;
            const p = sig.find((q) => q.name === kk.v);
            if (!p) { fail(`${fname} got an unexpected keyword argument '${kk.v}'`); continue; }
            given[kk.v] = { value: vv, source: a.text, range: rangeOf(a) };
          }
        } else if (a.type === 'list_splat' && v && (v.t === 'list' || v.t === 'tuple')) {
          for (const vv of v.items) {
            const p = positional[posIndex++];
            if (p) given[p.name] = { value: vv, source: a.text, range: rangeOf(a) };
          }
        } else {
          diagnostics.push({ severity: 'warning', code: 'splat-unresolved', range: rangeOf(a), message: t('{0} is not known statically; arguments it passes are not shown.', a.text) });
        }
      } else {
        if (seenKeyword) diagnostics.push({ severity: 'error', code: 'syntax', range: rangeOf(a), message: t('SyntaxError: positional argument follows keyword argument') });
        const p = positional[posIndex++];
        argRanges.push({ index: i, param: p?.name, valueRange: rangeOf(a), source: a.text });
        if (!p) continue;
        if (given[p.name]) { fail(`${fname} got multiple values for argument '${p.name}'`); continue; }
        given[p.name] = this.argValue(a, p, entry, diagnostics);
      }
    }
    if (posIndex > positional.length) {
      const min = positional.filter((p) => p.default === undefined).length + extraSelf;
      const max = positional.length + extraSelf;
      const n = posIndex + extraSelf;
      const takes = min === max ? `${max} positional argument${max === 1 ? '' : 's'}` : `from ${min} to ${max} positional arguments`;
      bindError = { type: 'TypeError', message: `${fname} takes ${takes} but ${n} ${n === 1 ? 'was' : 'were'} given` };
    }
    const missing = sig.filter((p) => p.default === undefined && !given[p.name]).map((p) => p.name);
    if (missing.length) {
      const q = missing.map((m) => `'${m}'`);
      const list = q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
      fail(`${fname} missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`);
    }
    if (bindError) diagnostics.push({ severity: 'error', code: 'bind-error', range: rangeOf(call), message: `${bindError.type}: ${bindError.message}` });
    if (entry.framework === 'timm') timmResolveArgs(this.ev, this.root, entry.name, given, argRanges); // create_scheduler(args, …)

    // All parameters, with defaults.
    const args: Record<string, ArgValue> = {};
    for (const p of sig) {
      if (given[p.name]) args[p.name] = given[p.name];
      else if (p.default !== undefined) {
        try { args[p.name] = { value: parseDefault(p.default), default: true, source: p.default }; } catch { /* skip */ }
      }
    }

    // Optimizer.
    let optimizer: OptimizerInfo | null = null;
    const optArg = given.optimizer;
    const optNode = argRanges.find((r) => r.param === 'optimizer');
    if (optNode) {
      const n = this.root.descendantForIndex(optNode.valueRange.startIndex, optNode.valueRange.endIndex);
      optimizer = this.findOptimizer(n);
      if (!optimizer && optArg && 'unresolved' in optArg) {
        diagnostics.push({ severity: 'info', code: 'optimizer-unresolved', range: optNode.valueRange, message: t('The optimizer {0} is not constructed in this file; supply its learning rate to preview.', optNode.source) });
      }
    }

    // Children (composites).
    const children: SchedulerCall[] = [];
    const childParam = entry.childParam ?? (entry.name === 'SequentialLR' || entry.name === 'ChainedScheduler' ? 'schedulers' : undefined);
    if (childParam) {
      const r = argRanges.find((x) => x.param === childParam);
      if (r) {
        const n = this.root.descendantForIndex(r.valueRange.startIndex, r.valueRange.endIndex);
        for (const c of this.childCalls(n)) children.push(c);
      }
    }
    if (!optimizer && children.length) optimizer = children.find((c) => c.optimizer)?.optimizer ?? null;
    // The optimizer was followed to its construction though the argument's value is not known
    // (`accelerator.prepare(...)`, `self.opt`): it is the optimizer the scheduler gets.
    if (optimizer?.ref && optArg && 'unresolved' in optArg && optNode) {
      given.optimizer = { value: { t: 'optimizer', spec: optimizer.ref }, source: optArg.source, range: optArg.range };
      args.optimizer = given.optimizer;
    } else if (optimizer && optArg && 'unresolved' in optArg && optimizer.unresolved.length) {
      // Found, but some of its values are unknown: say which (not why the argument's expression failed)
      given.optimizer = { ...optArg, reason: `${optimizer.name} at line ${optimizer.line + 1}: ${optimizer.unresolved.map((u) => `${u.source}: ${u.reason}`).join('; ')}` };
      args.optimizer = given.optimizer;
    }

    const variable = assignedTo(call);
    const sc: SchedulerCall = {
      name: entry.name, qualifiedName: path, framework: entry.framework,
      range: rangeOf(call), nameRange: rangeOf(calleeName(fn)), variable,
      args, argRanges, optimizer, children, stepping: { unit: 'unknown', calls: [] }, diagnostics, bindError, node: call, given,
    };
    Object.defineProperty(sc, 'node', { enumerable: false });
    sc.stepping = this.stepping(sc);
    this.lintCall(sc);
    this.lintDecidedError(sc);
    this.lintStepping(sc);
    // `elif args.lr_scheduler == "exponentiallr":` — a branch the file's defaults do not take
    const scope = this.index.scopeOf(call);
    if (this.ev.branchTaken(call, scope, scope) === 'no' && !this.importedCondition(call)) {
      diagnostics.push({ severity: 'info', code: 'branch-not-taken', range: rangeOf(fn), message: t("With this file's defaults (argparse defaults, constants) this {0} is not built: a condition above it is False.", entry.name) });
    }
    return sc;
  }

  private argValue(valueNode: Node, p: ParamSpec, entry: CatalogEntry, diagnostics: Diagnostic[]): ArgValue {
    const range = rangeOf(valueNode);
    const source = valueNode.text;
    try {
      const v = toPy(notImported(valueNode, this.ev.evalStatic(valueNode)));
      // Functions: every free name must be known before the engine calls them.
      const fns = v.t === 'func' ? [v] : v.t === 'list' || v.t === 'tuple' ? v.items.filter((x) => x.t === 'func') : [];
      const needs: Unknown[] = [];
      for (const f of fns) if ((f as UserFunction).node) needs.push(...this.ev.unresolvedFreeNames(f as UserFunction));
      if (needs.length) {
        const names = [...new Set(needs.map((u) => u.text))];
        return { unresolved: true, source, range, reason: needs.map((u) => u.reason).filter((x, i, a) => a.indexOf(x) === i).join('; '), needs: names };
      }
      if (p.name === 'lr_lambda' || /Callable/.test(p.type)) {
        this.lintLambdaArg(valueNode, v, entry, diagnostics);
        for (const f of fns) lintArity(f as UserFunction, p.name, entry.name, range, diagnostics);
      }
      return { value: v, source, range };
    } catch (e) {
      if (e instanceof Unknown) {
        if (p.name === 'lr_lambda' || /Callable/.test(p.type)) this.lintLambdaArg(valueNode, null, entry, diagnostics);
        return { unresolved: true, source, range, reason: e.text === source ? e.reason : `${e.text}: ${e.reason}`, needs: e.isName ? [e.text] : undefined };
      }
      if (e instanceof PyError) {
        if (p.name === 'lr_lambda' || /Callable/.test(p.type)) this.lintLambdaArg(valueNode, null, entry, diagnostics, e);
        diagnostics.push({ severity: 'error', code: 'python-error', range, message: t('Evaluating {0} raises {1}: {2}', source, e.type, e.message) });
        return { unresolved: true, source, range, reason: t('raises {0}: {1}', e.type, e.message) };
      }
      if (e instanceof RangeError) return { unresolved: true, source, range, reason: 'too deeply nested to evaluate' };
      throw e;
    }
  }

  /**
   * `if config.SCHEDULER == "CosineAnnealingLR":` with `from cassava import config`: a condition
   * comparing a value of another module is not known, whatever the evaluator's comparison says.
   */
  private importedCondition(call: Node): boolean {
    for (let p = call.parent; p && p.type !== 'function_definition' && p.type !== 'class_definition'; p = p.parent) {
      if (p.type !== 'if_statement' && p.type !== 'conditional_expression') continue;
      const conds = p.type === 'if_statement'
        ? [p.childForFieldName('condition'), ...p.childrenForFieldName('alternative').map((a) => a?.childForFieldName('condition') ?? null)]
        : p.namedChildren;
      for (const c of conds) {
        if (!c) continue;
        for (const x of [c, ...c.descendantsOfType('attribute'), ...c.descendantsOfType('identifier')]) {
          // whole dotted names only (`config.SCHEDULER`, not its `SCHEDULER`), never a called one
          if (!x || (x.type !== 'identifier' && x.type !== 'attribute') || x.parent?.type === 'attribute' || x.parent?.type === 'call') continue;
          try { if (this.ev.evalStatic(x).t === 'qual') return true; } catch { /* unknown: not an imported value */ }
        }
      }
    }
    return false;
  }

  /** `lr_lambda=f(f)`: a call where a function is expected. */
  private lintLambdaArg(node: Node, v: PyValue | null, entry: CatalogEntry, diagnostics: Diagnostic[], err?: PyError): void {
    if (node.type !== 'call') return;
    const callee = node.childForFieldName('function');
    if (!callee || callee.type !== 'identifier') return;
    let f: Val | null = null;
    try { f = this.ev.evalStatic(callee); } catch { f = null; }
    const isUserFn = f && f.t === 'func';
    if (!isUserFn && f !== null) return;
    if (v && (v.t === 'func' || v.t === 'list')) return; // a factory returning a function is fine
    diagnostics.push({
      severity: 'error', code: 'call-instead-of-function', range: rangeOf(node),
      message: err
        ? t('lr_lambda={0} calls {1} once and passes its result (and calling it here raises {2}: {3}); {4} needs the function itself: lr_lambda={1}.', node.text, callee.text, err.type, err.message, entry.name)
        : v
          ? t('lr_lambda={0} calls {1} once and passes its result, which is {2}; {3} needs the function itself: lr_lambda={1}.', node.text, callee.text, repr(v), entry.name)
          : t('lr_lambda={0} calls {1} once and passes its result; {2} needs the function itself: lr_lambda={1}.', node.text, callee.text, entry.name),
    });
  }

  /**
   * The binding of a name that reaches `use`, as the evaluator judges it: an assignment in an
   * `if` branch the defaults do not take (`elif opt_name == "adamw":`) is skipped.
   */
  private reachingBinding(name: string, use: Node): Binding | null {
    const b = this.index.lookup(name, use);
    return b ? this.ev.reaching(b, use) : null;
  }

  private childCalls(n: Node | null): SchedulerCall[] {
    if (!n) return [];
    const out: SchedulerCall[] = [];
    const visit = (x: Node, depth: number) => {
      if (depth > 20) return;
      if (x.type === 'list' || x.type === 'tuple' || x.type === 'parenthesized_expression') {
        for (const c of x.namedChildren) if (c) visit(c, depth + 1);
        return;
      }
      if (x.type === 'call') {
        const sc = this.callAt(x);
        if (sc) out.push(sc);
        return;
      }
      if (x.type === 'identifier') {
        const b = this.reachingBinding(x.text, x);
        if (b && b.kind === 'assign' && b.value && (!b.unpack || b.unpack.length === 0)) visit(b.value, depth + 1);
        else if (b && b.kind === 'assign' && b.value && b.unpack && b.unpack.length) {
          let v: Node | null = b.value;
          for (const i of b.unpack) v = v && (v.type === 'tuple' || v.type === 'expression_list' || v.type === 'list') ? v.namedChildren.filter((c) => c && c.type !== 'comment')[i] ?? null : null;
          if (v) visit(v, depth + 1);
        }
      }
    };
    visit(n, 0);
    return out;
  }

  private callAt(call: Node): SchedulerCall | null {
    const fn = call.childForFieldName('function');
    if (!fn) return null;
    try {
      const v = this.ev.evalStatic(fn);
      if (v.t !== 'qual') return null;
      const e = this.byPath.get(v.path);
      return e ? this.schedulerCall(call, e, v.path) : null;
    } catch {
      return null;
    }
  }

  // ---------------------------------------------------------------- optimizer

  private findOptimizer(n: Node | null, depth = 0): OptimizerInfo | null {
    if (!n || depth > 20) return null;
    if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return this.findOptimizer(n.namedChildren[0], depth + 1);
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      if (!fn) return null;
      let v: Val | null = null;
      try { v = this.ev.evalStatic(fn); } catch { v = null; }
      if (v && v.t === 'qual' && optimizerClass(v.path)) return this.optimizer(n, v.path);
      if (v && v.t === 'qual' && /^timm\.optim(\.optim_factory|\._optim_factory)?\.create_optimizer(_v2)?$/.test(v.path)) return this.timmOptimizer(n, v.path);
      // `self.build_optimizer(lr=...)`: a function of this file that returns the optimizer it builds
      const name = fn.type === 'identifier' ? fn.text : fn.type === 'attribute' && /^(self|cls)$/.test(fn.childForFieldName('object')?.text ?? '') ? fn.childForFieldName('attribute')?.text : undefined;
      const def = v?.t === 'func' || (!v && name) ? this.functionDef(name ?? '', n) : null;
      if (def) {
        for (const r of def.descendantsOfType('return_statement')) {
          if (!r || !sameNode(this.enclosingFunction(r), def)) continue; // not a nested function's return
          const found = this.findOptimizer(r.namedChildren.find((c) => c && c.type !== 'comment') ?? null, depth + 1);
          if (found) return found;
        }
      }
      // A wrapper handing the optimizer through: hvd.DistributedOptimizer(optimizer), Lookahead(opt)
      return this.optimizerAmongArgs(n, null, depth);
    }
    if (n.type === 'identifier' || n.type === 'attribute') {
      const b = n.type === 'identifier' ? this.reachingBinding(n.text, n) : this.attrBinding(n);
      if (b && b.kind === 'param' && !b.value) {
        // `def get_scheduler(optimizer): ...` called as `get_scheduler(optimizer)`
        return this.findOptimizer(this.paramArgument(b), depth + 1);
      }
      if (b && b.value && (b.kind === 'assign')) {
        // `model, optimizer = accelerator.prepare(model, optimizer)` / fabric.setup / amp.initialize /
        // `engine, optimizer, _, _ = deepspeed.initialize(model=..., optimizer=...)`: wrappers return
        // what they were given, in order.
        if (b.unpack && b.unpack.length === 1 && b.value.type === 'call') return this.optimizerAmongArgs(b.value, b.unpack[0], depth);
        if (b.unpack && b.unpack.length) {
          let v: Node | null = b.value;
          for (const i of b.unpack) v = v && (v.type === 'tuple' || v.type === 'expression_list' || v.type === 'list') ? v.namedChildren.filter((c) => c && c.type !== 'comment')[i] ?? null : null;
          return this.findOptimizer(v, depth + 1);
        }
        return this.findOptimizer(b.value, depth + 1);
      }
    }
    return null;
  }

  /**
   * timm's optimizer factories: `create_optimizer_v2(model, opt='adamw', lr=1e-3, ...)`, also with
   * `**optimizer_kwargs(cfg=args)`, and `create_optimizer(args, model)`: the optimizer class named
   * by `opt` (timm's default 'sgd' is SGD with Nesterov momentum) and its lr / momentum.
   */
  private timmOptimizer(call: Node, path: string): OptimizerInfo {
    const done = this.optimizers.get(call.startIndex);
    if (done) return done;
    const items = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c && c.type !== 'comment') as Node[];
    const keys = ['opt', 'lr', 'momentum', 'weight_decay'];
    const values = new Map<string, { v?: PyValue; source: string; reason?: string }>();
    const read = (key: string, get: () => Val, source: string) => {
      try {
        values.set(key, { v: toPy(get()), source });
      } catch (e) {
        if (!(e instanceof Unknown || e instanceof PyError)) throw e;
        values.set(key, { source, reason: e instanceof Unknown ? e.reason : t('raises {0}: {1}', e.type, e.message) });
      }
    };
    // the namespace the values come from: create_optimizer(args, model) / **optimizer_kwargs(cfg=args)
    let cfg: Node | null = /\.create_optimizer$/.test(path) ? items[0] ?? null : null;
    for (const a of items) {
      if (a.type === 'dictionary_splat' && a.namedChildren[0]?.type === 'call' && /optimizer_kwargs$/.test(a.namedChildren[0].childForFieldName('function')?.text ?? '')) {
        const inner = (a.namedChildren[0].childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c && c.type !== 'comment') as Node[];
        cfg = inner.find((c) => c.type === 'keyword_argument' && c.childForFieldName('name')?.text === 'cfg')?.childForFieldName('value') ?? inner.find((c) => c.type !== 'keyword_argument') ?? cfg;
      }
    }
    // like `args.lr` written out: the namespace's attribute, else the file's argparse default
    const attrOf = (ns: Node, k: string): Val => {
      // DeiT: `args.lr = args.lr * args.batch_size * utils.get_world_size() / 512.0` before the call
      const at = this.index.attributeAssignments(`${ns.text}.${k}`).filter((i) => i < call.startIndex).pop();
      const asg = at !== undefined ? this.root.descendantForIndex(at, at + ns.text.length)?.parent?.parent : null;
      const rhs = asg?.type === 'assignment' ? asg.childForFieldName('right') : null;
      if (rhs) {
        try {
          return this.ev.evalStatic(rhs);
        } catch (e) {
          if (e instanceof Unknown) throw new Unknown(rhs, `${ns.text}.${k} = ${truncate(rhs.text, 60)} (line ${rhs.startPosition.row + 1}): ${e.reason}`);
          throw e;
        }
      }
      try {
        return this.ev.getAttr(this.ev.evalStatic(ns), k, ns);
      } catch (e) {
        const d = e instanceof Unknown ? this.ev.argparseDefault(k, ns, false) : null;
        if (d) return d;
        throw e;
      }
    };
    if (cfg) for (const k of keys) read(k, () => attrOf(cfg!, k), `${cfg.text}.${k}`);
    for (const a of items) {
      if (a.type !== 'keyword_argument') continue;
      const k = a.childForFieldName('name')?.text ?? '';
      const vNode = a.childForFieldName('value')!;
      if (keys.includes(k)) read(k, () => this.ev.evalStatic(vNode), vNode.text);
    }
    const opt = values.get('opt');
    const optName = opt?.v?.t === 'str' ? opt.v.v.toLowerCase() : opt ? null : 'sgd';
    const name = optName === null ? null : ({ sgd: 'SGD', nesterov: 'SGD', momentum: 'SGD', adam: 'Adam', adamw: 'AdamW', rmsprop: 'RMSprop', adagrad: 'Adagrad' } as Record<string, string>)[optName.split('_').pop()!] ?? optName;
    const num = (k: string): number | null => {
      const x = values.get(k)?.v;
      return x && isNum(x) ? toNumber(x) : null;
    };
    const lr = num('lr');
    const momentum = name === 'SGD' || name === 'RMSprop' ? (values.has('momentum') ? num('momentum') : 0.9) : null;
    const unresolved = [...values.entries()].filter(([, x]) => x.reason).map(([, x]) => ({ source: x.source, reason: x.reason! }));
    if (lr === null && !unresolved.some((u) => /lr$/.test(u.source))) unresolved.push({ source: 'lr', reason: values.get('lr')?.v?.t === 'none' ? 'lr is None: timm derives it at run time (lr_base × batch size / lr_base_size)' : 'lr is not given' });
    if (!name) unresolved.push({ source: opt?.source ?? 'opt', reason: opt?.reason ?? 'the optimizer name is not known statically' });
    const defaults: Record<string, PyValue> = {};
    if (lr !== null) defaults.lr = { t: 'float', v: lr };
    if (momentum !== null) defaults.momentum = { t: 'float', v: momentum };
    if (name === 'SGD' && (optName === 'sgd' || optName === 'nesterov')) defaults.nesterov = { t: 'bool', v: true };
    const ref: OptimizerRef | null = name && lr !== null ? { name, id: ++this.optimizerIds, groups: [], defaults } : null;
    const info: OptimizerInfo = { name: name ?? 'optimizer', qualifiedName: path, line: call.startPosition.row, range: rangeOf(call), lrs: [lr], momentum: momentum === null ? null : [momentum], betas: null, lrRanges: [], ref, unresolved };
    this.optimizers.set(call.startIndex, info);
    return info;
  }

  /**
   * The optimizer among a wrapper call's arguments: the positional one at `index` (a wrapper
   * returning a tuple in argument order), else the `optimizer=` keyword, else (no index) the first
   * positional argument.
   */
  private optimizerAmongArgs(call: Node, index: number | null, depth: number): OptimizerInfo | null {
    const items = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c && c.type !== 'comment') as Node[];
    const positional = items.filter((a) => a.type !== 'keyword_argument' && !a.type.endsWith('splat'));
    const keyword = items.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'optimizer')?.childForFieldName('value') ?? null;
    for (const cand of [index !== null ? positional[index] : positional[0], keyword]) {
      const found = cand ? this.findOptimizer(cand, depth + 1) : null;
      if (found) return found;
    }
    return null;
  }

  /** `self.optimizer` / `trainer.opt`: the last assignment to the same attribute text before `n`. */
  private attrBinding(n: Node): { kind: 'assign'; value: Node; unpack?: number[] } | null {
    const attr = n.childForFieldName('attribute');
    if (!attr) return null;
    let best: Node | null = null;
    for (const id of this.index.identifiers(attr.text)) {
      const a = id.parent;
      if (!a || a.type !== 'attribute' || a.text !== n.text) continue;
      const asg = a.parent;
      if (asg && asg.type === 'assignment' && sameNode(asg.childForFieldName('left'), a) && asg.endIndex <= n.startIndex) {
        if (!best || asg.startIndex > best.startIndex) best = asg;
      }
    }
    const value = best?.childForFieldName('right');
    return value ? { kind: 'assign', value } : null;
  }

  optimizer(call: Node, path: string): OptimizerInfo {
    const done = this.optimizers.get(call.startIndex);
    if (done) return done;
    const name = optimizerClass(path) ?? path.slice(path.lastIndexOf('.') + 1);
    const unresolved: { source: string; reason: string }[] = [];
    const lrRanges: Range[] = [];
    const kwargs: Record<string, PyValue> = {};
    let paramsNode: Node | null = null;
    const argList = call.childForFieldName('arguments');
    const items = (argList?.namedChildren ?? []).filter((a) => a && a.type !== 'comment') as Node[];
    const positional = ['params', ...(OPTIMIZER_POSITIONAL[name] ?? ['lr'])];
    let pi = 0;
    const evalInto = (key: string, node: Node) => {
      if (key === 'lr') lrRanges.push(rangeOf(node));
      try {
        kwargs[key] = toPy(notImported(node, this.ev.evalStatic(node)));
      } catch (e) {
        if (e instanceof Unknown || e instanceof PyError) {
          unresolved.push({ source: node.text, reason: e instanceof Unknown ? (e.text === node.text ? e.reason : `${e.text}: ${e.reason}`) : t('raises {0}: {1}', e.type, e.message) });
          kwargs[key] = { t: 'opaque', source: node.text };
        } else throw e;
      }
    };
    for (const a of items) {
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name')!.text;
        const v = a.childForFieldName('value')!;
        if (k === 'params') paramsNode = v;
        else evalInto(k, v);
      } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
        continue;
      } else if (a.type === 'ellipsis') {
        continue;
      } else {
        const k = positional[pi++];
        if (!k) continue;
        if (k === 'params') paramsNode = a;
        else evalInto(k, a);
      }
    }
    // Defaults: the class's own (the engine's table), then the call's keywords.
    const defaults: Record<string, PyValue> = {};
    const known = optimizerDefaults(name);
    if (known) for (const [k, v] of known) defaults[k] = v;
    else if (OPTIMIZER_LR_DEFAULT[name] !== undefined) defaults.lr = { t: 'float', v: OPTIMIZER_LR_DEFAULT[name] };
    Object.assign(defaults, kwargs);
    // Param groups.
    const groups: Record<string, PyValue>[] = [];
    const groupNodes = paramsNode ? this.paramGroupNodes(paramsNode) : null;
    // `optimizer.add_param_group({...})` after construction (yolov5, ultralytics): more groups
    const variable = assignedTo(call);
    const added = variable ? this.index.methodCalls('add_param_group').filter((c) => {
      const obj = c.childForFieldName('function')?.childForFieldName('object');
      return obj?.text === variable && c.startIndex > call.endIndex && sameNode(this.index.scopeOf(c), this.index.scopeOf(call));
    }).map((c) => (c.childForFieldName('arguments')?.namedChildren ?? []).find((a) => a && a.type !== 'comment') ?? null) : [];
    const addedDicts = added.filter((d): d is Node => !!d && d.type === 'dictionary');
    if (groupNodes || addedDicts.length) {
      if (!groupNodes) groups.push({ params: { t: 'opaque', source: paramsNode?.text ?? 'params' } });
      for (const g of [...(groupNodes ?? []), ...addedDicts]) {
        const group: Record<string, PyValue> = {};
        for (const pair of g.namedChildren) {
          if (!pair || pair.type !== 'pair') continue;
          const keyNode = pair.childForFieldName('key')!;
          const valueNode = pair.childForFieldName('value')!;
          let key: string | null = null;
          try { const k = this.ev.evalStatic(keyNode); if (k.t === 'str') key = k.v; } catch { key = null; }
          if (!key) continue;
          if (key === 'params') { group.params = { t: 'opaque', source: valueNode.text }; continue; }
          if (key === 'lr') lrRanges.push(rangeOf(valueNode));
          try {
            group[key] = toPy(notImported(valueNode, this.ev.evalStatic(valueNode)));
          } catch (e) {
            if (!(e instanceof Unknown || e instanceof PyError)) throw e;
            unresolved.push({ source: valueNode.text, reason: e instanceof Unknown ? e.reason : t('raises {0}: {1}', e.type, e.message) });
            group[key] = { t: 'opaque', source: valueNode.text };
          }
        }
        groups.push(group);
      }
    } else groups.push({ params: { t: 'opaque', source: paramsNode?.text ?? 'params' } });
    const merged = groups.map((g) => ({ ...defaults, ...g }));
    const lrs = merged.map((g) => (isNum(g.lr) ? toNumber(g.lr) : null));
    const hasMomentum = merged.some((g) => 'momentum' in g);
    const momentum = hasMomentum ? merged.map((g) => (isNum(g.momentum) ? toNumber(g.momentum) : null)) : null;
    const hasBetas = merged.some((g) => 'betas' in g);
    const betas = hasBetas ? merged.map((g) => { const b = g.betas; return b && (b.t === 'tuple' || b.t === 'list') && b.items.length >= 2 && isNum(b.items[0]) && isNum(b.items[1]) ? [toNumber(b.items[0]), toNumber(b.items[1])] as [number, number] : null; }) : null;
    if (lrs.some((x) => x === null) && unresolved.length === 0) unresolved.push({ source: 'lr', reason: t('{0} has no default learning rate here', name) });
    // Schedulers read only the LRs (cycling ones overwrite momentum / beta1 at construction), so an
    // unknown `weight_decay=cfg.wd` must not stop the preview: the engine gets the class defaults
    // for such values, the hover still shows them as unknown.
    const knownOnly = (d: Record<string, PyValue>) => Object.fromEntries(Object.entries(d).filter(([k, v]) => k === 'params' || v.t !== 'opaque'));
    const ref: OptimizerRef | null = lrs.some((x) => x === null) ? null : { name, id: ++this.optimizerIds, groups: groups.map(knownOnly), defaults: knownOnly(defaults) };
    const info: OptimizerInfo = { name, qualifiedName: path, line: call.startPosition.row, range: rangeOf(call), lrs, momentum, betas, lrRanges, ref, unresolved };
    this.optimizers.set(call.startIndex, info);
    return info;
  }

  /** The dicts of `[{'params': ...}, {...}]` (directly or through a name); null = one group. */
  private paramGroupNodes(n: Node, depth = 0): Node[] | null {
    if (depth > 10) return null;
    if (n.type === 'list' || n.type === 'tuple') {
      const items = n.namedChildren.filter((c) => c && c.type !== 'comment') as Node[];
      if (items.length && items.every((c) => c.type === 'dictionary')) return items;
      return null;
    }
    if (n.type === 'identifier') {
      const b = this.index.lookup(n.text, n);
      if (b && b.kind === 'assign' && b.value && !(b.unpack && b.unpack.length)) return this.paramGroupNodes(b.value, depth + 1);
    }
    return null;
  }

  // ---------------------------------------------------------------- stepping

  private stepping(sc: SchedulerCall): Stepping {
    const result: Stepping = { unit: 'unknown', calls: [] };
    // A Keras LearningRateSchedule / an optax schedule is evaluated at every optimizer update
    if (isStepFunction(sc)) {
      const steps = sc.framework === 'keras' ? this.kerasFitSteps(sc) : undefined;
      return { unit: 'per-batch', calls: [], ...(steps !== undefined ? { steps } : {}) };
    }
    // Where the scheduler object appears: its own call, or where a factory returning it is called.
    if (!sc.variable) {
      const site = this.factoryCallSite(sc.node);
      if (!site) return this.lightningStepping(sc, new Set(), result); // `return [opt], [StepLR(...)]`
      return this.steppingOf(sc, site.variable, site.call, result);
    }
    return this.steppingOf(sc, sc.variable, sc.node, result);
  }

  /**
   * A Keras schedule runs once per optimizer update: handed to an optimizer (inline or by name),
   * that optimizer to `model.compile(...)`, the model trained by `model.fit(epochs=E,
   * steps_per_epoch=S)` — E × S updates (Keras' default epochs=1). Undefined when any link or
   * number is not there (without steps_per_epoch the count is the dataset's length).
   */
  private kerasFitSteps(sc: SchedulerCall): number | undefined {
    const fn = this.enclosingFunction(sc.node);
    const inScope = (n: Node) => !fn || (n.startIndex >= fn.startIndex && n.endIndex <= fn.endIndex);
    /** The call a node is an argument of (positional or keyword value). */
    const argOf = (n: Node): Node | null => {
      let a: Node = n;
      while (a.parent && a.parent.type === 'parenthesized_expression') a = a.parent;
      if (a.parent?.type === 'keyword_argument' && sameNode(a.parent.childForFieldName('value'), a)) a = a.parent;
      const list = a.parent;
      return list?.type === 'argument_list' && list.parent?.type === 'call' ? list.parent : null;
    };
    /** The call a value reaches: directly as an argument, or through the plain name it is assigned to. */
    const receiver = (n: Node): Node | null => {
      const direct = argOf(n);
      if (direct) return direct;
      const v = assignedTo(n);
      if (!v || v.includes('.')) return null;
      for (const id of this.index.identifiers(v)) {
        if (id.startIndex <= n.endIndex || !inScope(id)) continue;
        const c = argOf(id);
        if (c) return c;
      }
      return null;
    };
    const method = (c: Node) => {
      const f = c.childForFieldName('function');
      return f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : undefined;
    };
    const opt = receiver(sc.node);
    const compile = opt && method(opt) === 'compile' ? null : opt ? receiver(opt) : null;
    if (!compile || method(compile) !== 'compile') return undefined;
    const model = compile.childForFieldName('function')!.childForFieldName('object')?.text;
    if (!model) return undefined;
    const fit = this.callsOf('fit').map((x) => x.site).find((c) => c.startIndex > compile.endIndex && inScope(c) && c.childForFieldName('function')?.childForFieldName('object')?.text === model);
    if (!fit) return undefined;
    const kw = (name: string): Node | null | undefined => {
      for (const a of fit.childForFieldName('arguments')?.namedChildren ?? []) {
        if (a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value');
        if (a?.type === 'dictionary_splat' || a?.type === 'list_splat') return null;
      }
      return undefined;
    };
    const e = kw('epochs'), s = kw('steps_per_epoch');
    if (e === null || !s) return undefined;
    const epochs = e === undefined ? 1 : this.staticValue(e);
    const per = this.staticValue(s);
    return typeof epochs === 'number' && typeof per === 'number' && Number.isInteger(epochs) && Number.isInteger(per) && epochs >= 0 && per > 0 ? epochs * per : undefined;
  }

  /**
   * timm schedulers built with `t_in_epochs=False` (create_scheduler_v2: `step_on_epochs=False`)
   * move only in `step_update(num_updates)`: that call is their step.
   */
  private timmPerUpdate(sc: SchedulerCall): boolean {
    if (sc.framework !== 'timm') return false;
    const a = sc.args.t_in_epochs ?? sc.args.step_on_epochs;
    return !!a && 'value' in a && a.value.t === 'bool' && a.value.v === false;
  }

  private steppingOf(sc: SchedulerCall, variable: string, anchor: Node, result: Stepping): Stepping {
    const method = this.timmPerUpdate(sc) && this.stepTable('step_update').length ? 'step_update' : 'step';
    // The variable and its aliases (`self.lr_scheduler = scheduler`, `lr_scheduler = main_lr_scheduler`).
    const names = new Set([variable]);
    const callEnd = anchor.endIndex;
    const lastPart = variable.slice(variable.lastIndexOf('.') + 1);
    for (const id of this.index.identifiers(lastPart)) {
      // The assignment (which contains `id`) must start after the call: skip earlier ids cheaply.
      if (id.startIndex < callEnd) continue;
      // Text pre-filter: the right side of `x = <variable>` follows a plain `=`.
      if (!afterPlainEquals(this.text, id.startIndex - (variable.length - lastPart.length))) continue;
      let r: Node = id;
      if (variable.includes('.')) { if (!id.parent || id.parent.type !== 'attribute' || id.parent.text !== variable) continue; r = id.parent; }
      const asg = r.parent;
      if (!asg || asg.type !== 'assignment' || !sameNode(asg.childForFieldName('right'), r) || asg.startIndex < callEnd) continue;
      const left = asg.childForFieldName('left');
      if (left && (left.type === 'identifier' || left.type === 'attribute')) names.add(left.text);
    }
    const callFn = this.enclosingFunction(anchor);
    const callFnEnd = callFn?.endIndex;
    let stepCalls = this.stepTable(method).filter((s) => {
      if (s.objText === null || !names.has(s.objText)) return false;
      // A plain name is the same variable only in the same function, after the call; an attribute
      // (`self.lr_scheduler`) may be stepped from another method (a Lightning hook, a train loop).
      if (s.objType === 'identifier') {
        if (s.start <= callEnd || (callFnEnd !== undefined && s.end > callFnEnd)) return false;
        return this.stepFunctionStart(s) === callFn?.startIndex || this.closureStep(s.node, s.objText, callFn);
      }
      return s.start > callEnd || s.objType === 'attribute';
    }).map((s) => s.node);
    // `train_one_epoch(model, loader, optimizer, scheduler)`: stepped inside the function it is passed to.
    let site: Node | null = null;
    if (!stepCalls.length) {
      const via = this.stepViaCall(names, callFn, callEnd, method);
      if (via) {
        stepCalls = [via.step];
        site = via.site;
      }
    }
    if (!stepCalls.length && this.givenToTrainer(names)) return { unit: 'per-batch', calls: [] }; // Trainer steps it per update
    // PyTorch Ignite: `trainer.add_event_handler(Events.ITERATION_COMPLETED, LRScheduler(scheduler))`
    if (!stepCalls.length) {
      const ig = this.igniteStepping(sc, names);
      if (ig) return ig;
    }
    // `scheduler = CosineAnnealingLR(...)` … `return scheduler` (or `return optimizer, scheduler`):
    // stepped where the factory's result lands (`optimizer, scheduler = build(model)`).
    if (!stepCalls.length && sameNode(anchor, sc.node) && !variable.includes('.') && callFn?.childForFieldName('name')?.text !== 'configure_optimizers') {
      const returned = this.factoryCallSite(sc.node, variable);
      if (returned) return this.steppingOf(sc, returned.variable, returned.call, result);
    }
    if (!stepCalls.length) return this.lightningStepping(sc, names, result);
    // `if isinstance(scheduler, ReduceLROnPlateau): scheduler.step(loss) elif isinstance(scheduler,
    // CosineAnnealingLR): scheduler.step()`: the step of this scheduler's class.
    if (stepCalls.length > 1) {
      const mine = stepCalls.filter((c) => this.isinstanceFor(c, sc) !== false);
      if (mine.length) stepCalls = [...mine.filter((c) => this.isinstanceFor(c, sc) === true), ...mine.filter((c) => this.isinstanceFor(c, sc) === undefined)];
    }
    result.calls = stepCalls.map(rangeOf);
    // The first step inside a loop (timm's train.py steps once at `start_epoch` before its loop when resuming).
    const inLoop = (n: Node) => { for (let p = n.parent; p && p.type !== 'function_definition'; p = p.parent) if (p.type === 'for_statement' || p.type === 'while_statement') return true; return false; };
    const step = (sc.framework === 'timm' ? stepCalls.find(inLoop) : undefined) ?? stepCalls[0];
    const args = step.childForFieldName('arguments');
    result.withArgument = !!args && args.namedChildren.some((c) => c && c.type !== 'comment');
    // Loops around the step, innermost first: in its function, then around the call that passed it in.
    let loops: Node[] = [];
    for (const from of site ? [step, site] : [step]) {
      for (let c: Node = from, n = from.parent; n; c = n, n = n.parent) {
        if (n.type === 'for_statement' || n.type === 'while_statement') loops.push(n);
        // `[get_lr(opt, sched) for t in range(num_epochs)]` (d2l's plots): the comprehension's
        // `for` clauses are loops around its element, the innermost last
        if (COMPREHENSIONS.has(n.type) && !isClause(c)) loops.push(...n.namedChildren.filter((x): x is Node => !!x && x.type === 'for_in_clause').reverse());
        if (n.type === 'function_definition') break;
      }
    }
    // `def _training_step(self, batch): ... self.scheduler.step()` called from the batch loop of
    // another method (`for batch in loader: self._training_step(batch)`): that call's loops count
    if (!loops.length && !site) {
      const caller = this.loopedCaller(step);
      if (caller) {
        site = caller.site;
        loops = caller.loops;
      }
    }
    // `for phase in ['train', 'val']:` inside the epoch loop is neither a batch nor an epoch loop
    const literal = (l: Node) => (l.type === 'for_statement' || l.type === 'for_in_clause') && ['list', 'tuple', 'set'].includes(loopIterable(l)?.type ?? '');
    const phaseLoops = loops.filter(literal);
    loops = loops.filter((l) => !literal(l));
    // Order inside the innermost loop body: optimizer.step() before or after scheduler.step().
    if (loops.length) {
      const body = loops[0];
      const bodyStart = body.startIndex, bodyEnd = body.endIndex;
      const optSteps = this.stepTable().filter((s) => s.objText !== null && !names.has(s.objText) && /opt/i.test(s.objText) && s.start >= bodyStart && s.end <= bodyEnd).map((s) => s.node);
      if (optSteps.length) result.order = optSteps[0].startIndex < step.startIndex ? 'optimizer-first' : 'scheduler-first';
    }
    if (!loops.length) {
      // Ignite: `@trainer.on(Events.EPOCH_COMPLETED)` on the function, or a lambda handed to add_event_handler
      const ev = this.igniteEventAround(step);
      if (ev) {
        result.unit = ev.unit;
        if (ev.steps !== undefined) result.steps = ev.steps;
        return result;
      }
      // Lightning / callback hooks name when they run.
      const fn = this.enclosingFunction(step)?.childForFieldName('name')?.text ?? '';
      if (/^(optimizer_step|training_step|on_train_batch_end|on_train_batch_start|on_before_optimizer_step|on_after_backward|on_before_zero_grad|step_optimizer|train_step)$/.test(fn)) result.unit = 'per-batch';
      else if (/^(on_train_epoch_end|training_epoch_end|on_epoch_end|on_validation_epoch_end|validation_epoch_end|on_train_epoch_start|step_scheduler_epoch)$/.test(fn)) result.unit = 'per-epoch';
      return result;
    }
    const isEpoch = (l: Node) => /epoch/i.test(l.childForFieldName('left')?.text ?? '') || /epoch/i.test(loopIterable(l)?.text ?? l.childForFieldName('condition')?.text ?? '');
    const isBatch = (l: Node) => {
      const target = l.childForFieldName('left')?.text ?? '';
      const it = loopIterable(l)?.text ?? '';
      return /loader|batch|dataset|\bdl\b|_dl\b|data|iterator|tqdm/i.test(it) || /batch|inputs|images|\bx\b|\bdata\b/i.test(target);
    };
    const inner = loops[0];
    const bound = (l: Node): number | undefined => (l.type === 'for_statement' || l.type === 'for_in_clause' ? this.rangeLength(loopIterable(l)) : undefined);
    if (isEpoch(inner) && !isBatch(inner)) {
      result.unit = 'per-epoch';
      result.steps = bound(inner);
    } else if (isBatch(inner) || loops.length >= 2) {
      result.unit = 'per-batch';
      const b = bound(inner);
      const outer = loops[1] ? bound(loops[1]) : 1;
      if (b !== undefined && outer !== undefined) result.steps = b * outer;
    } else {
      const containsInnerLoop = inner.descendantsOfType('for_statement').some((f) => f && !sameNode(f, inner) && !(step.startIndex >= f.startIndex && step.endIndex <= f.endIndex));
      result.unit = containsInnerLoop ? 'per-epoch' : 'unknown';
      result.steps = bound(inner);
    }
    // `if epoch > swa_start: swa_scheduler.step() else: scheduler.step()`: only the iterations
    // that take the step's branch count (counted exactly when the conditions read the loop
    // variable and static values; else the count is not guessed).
    if (result.steps !== undefined) {
      const branches = [...this.branchesTo(step, inner), ...(site ? this.branchesTo(site, inner) : [])];
      if (branches.length) result.steps = loops.length === 1 ? this.countTaken(inner, branches) : undefined;
    }
    for (const p of phaseLoops) {
      if (result.steps === undefined) break;
      const f = this.phaseFactor(p, [...this.branchesTo(step, p), ...(site ? this.branchesTo(site, p) : [])]);
      result.steps = f === undefined ? undefined : result.steps * f;
    }
    return result;
  }

  /** The `if` branches between a node and the loop around it: [if_statement, branch index (-1 = else)]. */
  private branchesTo(n: Node, loop: Node): [Node, number][] {
    const out: [Node, number][] = [];
    for (let c: Node = n, p = n.parent; p && !sameNode(p, loop) && p.type !== 'function_definition'; c = p, p = p.parent) {
      // a comprehension's `if` clauses filter the iterations of its `for` clause
      if (loop.type === 'for_in_clause' && sameNode(p, loop.parent)) {
        for (const x of p.namedChildren) if (x && x.type === 'if_clause' && x.startIndex > loop.startIndex) out.push([x, 0]);
        break;
      }
      if (p.type === 'conditional_expression') out.push([p, -2]);
      if (p.type !== 'if_statement') continue;
      const alts = p.childrenForFieldName('alternative').filter((x): x is Node => !!x);
      const k = sameNode(p.childForFieldName('consequence'), c) ? 0 : alts.findIndex((a) => sameNode(a, c));
      out.push([p, k < 0 ? -2 : k === 0 && sameNode(p.childForFieldName('consequence'), c) ? 0 : alts[k].type === 'else_clause' ? -1 : k + 1]);
    }
    return out;
  }

  /** Iterations of `for v in range(...)` whose conditions lead to all the given branches. */
  private countTaken(loop: Node, branches: [Node, number][]): number | undefined {
    const target = loop.childForFieldName('left');
    const it = loopIterable(loop);
    const n = this.rangeLength(it);
    if (!target || target.type !== 'identifier' || !it || it !== loop.childForFieldName('right') || n === undefined || n > 100_000) return undefined;
    const args = (it.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument') as Node[];
    const int = (x: Node): number | undefined => {
      const v = this.staticValue(x);
      return typeof v === 'number' ? v : undefined;
    };
    const [start, step] = args.length === 1 ? [0, 1] : [int(args[0]), args[2] ? int(args[2]) : 1];
    if (start === undefined || step === undefined) return undefined;
    return this.countValues(target.text, Array.from({ length: n }, (_, k) => start + k * step), branches);
  }

  /** A number, bool (as 0/1) or string known statically, else undefined. */
  private staticValue(x: Node): number | string | undefined {
    try {
      const v = this.ev.evalStatic(x);
      return v.t === 'int' || v.t === 'float' || v.t === 'bool' ? Number(v.v) : v.t === 'str' ? v.v : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * How many of the loop variable's values lead through all the given `if` branches, judged by a
   * tiny evaluator of the conditions (arithmetic and comparisons of the variable with static
   * values); undefined when a condition is beyond it.
   */
  private countValues(name: string, values: (number | string)[], branches: [Node, number][]): number | undefined {
    const reads = (b: Node | null) => !!b && new RegExp(`\\b${name}\\b`).test(b.text);
    const memo = new Map<number, number | string | undefined>();
    const val = (x: Node, v: number | string): number | string | undefined => {
      if (x.type === 'identifier' && x.text === name) return v;
      if (x.type === 'parenthesized_expression' && x.namedChildren[0]) return val(x.namedChildren[0], v);
      if (x.type === 'binary_operator') {
        const a = val(x.childForFieldName('left')!, v), b = val(x.childForFieldName('right')!, v);
        if (typeof a !== 'number' || typeof b !== 'number') return undefined;
        switch (x.childForFieldName('operator')?.text) {
          case '+': return a + b;
          case '-': return a - b;
          case '*': return a * b;
          case '//': return b === 0 ? undefined : Math.floor(a / b);
          case '%': return b === 0 ? undefined : ((a % b) + b) % b;
          default: return undefined;
        }
      }
      if (!memo.has(x.id)) memo.set(x.id, reads(x) ? undefined : this.staticValue(x));
      return memo.get(x.id);
    };
    const cond = (x: Node | null, v: number | string): boolean | undefined => {
      if (!x) return undefined;
      if (x.type === 'parenthesized_expression' && x.namedChildren[0]) return cond(x.namedChildren[0], v);
      if (x.type === 'not_operator') { const c = cond(x.childForFieldName('argument'), v); return c === undefined ? undefined : !c; }
      if (x.type === 'boolean_operator') {
        const a = cond(x.childForFieldName('left'), v), b = cond(x.childForFieldName('right'), v);
        if (a === undefined || b === undefined) return undefined;
        return x.childForFieldName('operator')?.text === 'and' ? a && b : a || b;
      }
      if (x.type === 'comparison_operator' && x.namedChildren.length === 2) {
        const a = val(x.namedChildren[0]!, v), b = val(x.namedChildren[1]!, v);
        const op = x.children.find((c) => c && !c.isNamed)?.text;
        if (a === undefined || b === undefined) return undefined;
        if (op === '==' || op === '!=') return (a === b) === (op === '==');
        if (typeof a !== typeof b) return undefined;
        return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : op === '>=' ? a >= b : undefined;
      }
      const s = val(x, v);
      return s === undefined ? undefined : s !== 0 && s !== '';
    };
    // Guards that never read the loop variable (`if scheduler:`, `if args.use_sched:`) say whether
    // the scheduler is stepped at all, not how often: they leave the count alone.
    const condOf = (b: Node): Node | null => (b.type === 'if_clause' ? b.namedChildren[0] ?? null : b.childForFieldName('condition'));
    branches = branches.filter(([ifNode, k]) => k === -2 || [ifNode, ...ifNode.childrenForFieldName('alternative').filter((x): x is Node => !!x && x.type === 'elif_clause')].slice(0, k === -1 ? undefined : k + 1).some((b) => reads(condOf(b))));
    if (!branches.length) return values.length;
    let count = 0;
    for (const v of values) {
      let all = true;
      for (const [ifNode, k] of branches) {
        if (k === -2) return undefined;
        const conds = [ifNode, ...ifNode.childrenForFieldName('alternative').filter((x): x is Node => !!x && x.type === 'elif_clause')].map(condOf);
        // branch k runs when conditions 0..k-1 are false and k is true; else when all are false
        const upto = k === -1 ? conds.length : k;
        for (let j = 0; j < upto && all; j++) {
          const c = cond(conds[j], v);
          if (c === undefined) return undefined;
          if (c) all = false;
        }
        if (all && k !== -1) {
          const c = cond(conds[k], v);
          if (c === undefined) return undefined;
          all = c;
        }
        if (!all) break;
      }
      if (all) count++;
    }
    return count;
  }

  /**
   * `for phase in ['train', 'val']:` — a loop over a literal list of constants runs the step once
   * per matching item (under `if phase == 'train':` once per epoch): how many times, or undefined.
   */
  private phaseFactor(loop: Node, branches: [Node, number][]): number | undefined {
    const target = loop.childForFieldName('left');
    const it = loopIterable(loop);
    if (!target || target.type !== 'identifier' || !it) return undefined;
    const values = (it.namedChildren.filter((c) => c && c.type !== 'comment') as Node[]).map((c) => this.staticValue(c));
    if (values.some((v) => v === undefined)) return undefined;
    return this.countValues(target.text, values as (number | string)[], branches);
  }

  /**
   * What a parameter without default receives where this file calls its function: the argument
   * (positional or keyword) of every call site, if they are all written the same; else null.
   */
  paramArgument(b: Binding): Node | null {
    if (b.stmt.type === 'lambda') return null;
    const def = b.stmt.type === 'function_definition' ? b.stmt : this.enclosingFunction(b.id);
    const name = def?.childForFieldName('name')?.text;
    if (!def || !name || !sameNode(this.enclosingFunction(b.id) ?? def, def)) return null;
    // `__init__`'s call sites are the class's instantiations: `Net(lr=1e-3)` (self is bound)
    const holder = def.parent?.type === 'decorated_definition' ? def.parent : def;
    const cls = name === '__init__' && holder.parent?.type === 'block' && holder.parent.parent?.type === 'class_definition' ? holder.parent.parent : null;
    const calleeName = cls ? cls.childForFieldName('name')?.text : name;
    if (!calleeName) return null;
    let found: Node | null = null;
    for (const { site, callee } of this.callsOf(calleeName)) {
      if (site.startIndex >= def.startIndex && site.endIndex <= def.endIndex) continue; // recursion
      const list = site.childForFieldName('arguments');
      if (!list || list.type !== 'argument_list') return null;
      const items = list.namedChildren.filter((c) => c && c.type !== 'comment') as Node[];
      if (items.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return null;
      let arg: Node | null = null;
      for (const a of items) {
        if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === b.name) arg = a.childForFieldName('value');
      }
      if (!arg) {
        const k = items.findIndex((a) => this.parameterAt(def, list, a, !!cls || callee.type === 'attribute') === b.name);
        if (k >= 0 && items[k].type !== 'keyword_argument') arg = items[k];
      }
      if (!arg) return null;
      if (found && found.text !== arg.text) return null; // called with different values
      found ??= arg;
    }
    return found;
  }

  /** A scheduler handed to a Trainer (`Trainer(..., optimizers=(optimizer, scheduler))`): it steps it. */
  private givenToTrainer(names: Set<string>): boolean {
    for (const name of names) {
      if (name.includes('.')) continue;
      for (const id of this.index.identifiers(name)) {
        const tuple = id.parent;
        const kw = tuple && (tuple.type === 'tuple' || tuple.type === 'list') ? tuple.parent : null;
        if (kw?.type === 'keyword_argument' && kw.childForFieldName('name')?.text === 'optimizers' && /Trainer$/.test(kw.parent?.parent?.childForFieldName('function')?.text ?? '')) return true;
      }
    }
    return false;
  }

  /** `range(a, b, c)` / `trange(...)`: its length when the bounds are known statically. */
  private rangeLength(it: Node | null): number | undefined {
    if (!it || it.type !== 'call' || !/^(range|trange|tqdm\.trange)$/.test(it.childForFieldName('function')?.text ?? '')) return undefined;
    const args = (it.childForFieldName('arguments')?.namedChildren ?? []).filter((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument') as Node[];
    if (args.length < 1 || args.length > 3) return undefined;
    const int = (a: Node | null | undefined): number | undefined => {
      if (!a) return undefined;
      let v: Val;
      try { v = this.ev.evalStatic(a); } catch { return undefined; }
      return v.t === 'int' || v.t === 'bool' ? Number(v.v) : undefined;
    };
    const nums = args.map(int);
    if (nums.some((x) => x === undefined)) {
      // `range(start_epoch, start_epoch + 200)`: 200 steps whatever start_epoch is (resumed or not)
      const stop = args[1];
      const n = args.length === 2 && stop.type === 'binary_operator' && stop.childForFieldName('operator')?.text === '+' && stop.childForFieldName('left')?.text === args[0].text ? int(stop.childForFieldName('right')) : undefined;
      return n === undefined ? undefined : Math.max(0, n);
    }
    const [start, stop, step] = (nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1]) as number[];
    if (step === 0) return undefined;
    return Math.max(0, Math.ceil((stop - start) / step));
  }

  /**
   * A scheduler a factory returns (`def get_scheduler(opt): return CosineAnnealingLR(opt, ...)`):
   * the first call of that factory whose result is assigned (`scheduler = get_scheduler(optimizer)`).
   */
  private factoryCallSite(call: Node, variable?: string): { variable: string; call: Node } | null {
    // Where the scheduler is in what the function returns: the whole value (-1), or item k of a tuple.
    const positionIn = (ret: Node, isIt: (x: Node) => boolean): number | null => {
      let v = ret.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
      while (v && v.type === 'parenthesized_expression' && v.namedChildren[0]) v = v.namedChildren[0];
      if (!v) return null;
      if (isIt(v)) return -1;
      if (v.type !== 'expression_list' && v.type !== 'tuple') return null;
      const items = v.namedChildren.filter((c) => c && c.type !== 'comment') as Node[];
      const k = items.findIndex(isIt);
      return k >= 0 && !items.some((c) => c.type === 'list_splat') ? k : null;
    };
    let fn = this.enclosingFunction(call);
    let index: number | null = null;
    if (variable === undefined) {
      let n: Node = call;
      while (n.parent && n.parent.type === 'parenthesized_expression') n = n.parent;
      const ret = n.parent?.type === 'return_statement' ? n.parent : n.parent?.parent?.type === 'return_statement' ? n.parent.parent : null;
      if (ret) index = positionIn(ret, (x) => sameNode(x, n));
    } else if (fn) {
      // every `return` of the function (not of a nested def) hands out the variable at the same place
      // (none can where the variable's name does not follow a `return` in the text after the call)
      const after = this.text.slice(call.endIndex, fn.endIndex);
      const r = after.search(/\breturn\b/);
      if (r < 0 || !wordIn(after, variable, r)) return null;
      for (const ret of fn.descendantsOfType('return_statement')) {
        if (!ret || !sameNode(this.enclosingFunction(ret), fn) || ret.startIndex < call.endIndex) continue;
        const k = positionIn(ret, (x) => x.type === 'identifier' && x.text === variable);
        if (k === null || (index !== null && index !== k)) return null;
        index = k;
      }
    }
    // `def _init_optimizer(self): return get_optim_scheduler(...)`: followed through such wrappers
    for (let depth = 0; index !== null && fn && depth < 4; depth++) {
      const name = fn.childForFieldName('name')?.text;
      if (!name) return null;
      let passedOn: Node | null = null;
      for (const { site } of this.callsOf(name)) {
        if (site.startIndex >= fn.startIndex && site.endIndex <= fn.endIndex) continue; // recursion
        if (index < 0) {
          const v = assignedTo(site);
          if (v) return { variable: v, call: site };
        } else {
          // `optimizer, scheduler = build(...)` / `self.optimizer, self.scheduler = build(...)`
          const asg = site.parent;
          const left = asg?.type === 'assignment' && sameNode(asg.childForFieldName('right'), site) ? asg.childForFieldName('left') : null;
          if (left && (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'list_pattern')) {
            const items = left.namedChildren.filter((c) => c && c.type !== 'comment') as Node[];
            const target = items.length > index && !items.some((c) => c.type === 'list_splat_pattern') ? items[index] : null;
            if (target && (target.type === 'identifier' || target.type === 'attribute')) return { variable: target.text, call: site };
          }
        }
        if (!passedOn && site.parent?.type === 'return_statement') passedOn = site;
      }
      if (!passedOn) return null;
      fn = this.enclosingFunction(passedOn);
    }
    return null;
  }

  /**
   * A step call under `if isinstance(<scheduler>, C):` (also `elif`): true when C is this
   * scheduler's class, false when it is another scheduler class, undefined when no such test.
   */
  private isinstanceFor(step: Node, sc: SchedulerCall): boolean | undefined {
    const obj = step.childForFieldName('function')?.childForFieldName('object')?.text;
    for (let c: Node = step, p = step.parent; p && p.type !== 'function_definition'; c = p, p = p.parent) {
      if (p.type !== 'block' || !c) continue;
      const clause = p.parent;
      if (!clause || (clause.type !== 'if_statement' && clause.type !== 'elif_clause')) continue;
      const cond = clause.childForFieldName('condition');
      if (!cond || cond.type !== 'call' || cond.childForFieldName('function')?.text !== 'isinstance') continue;
      const args = (cond.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a && a.type !== 'comment') as Node[];
      if (args.length !== 2 || args[0].text !== obj) continue;
      const classes = args[1].type === 'tuple' ? (args[1].namedChildren.filter((a) => a && a.type !== 'comment') as Node[]) : [args[1]];
      const paths = classes.map((k) => { try { const v = this.ev.evalStatic(k); return v.t === 'qual' ? v.path : null; } catch { return null; } });
      if (paths.some((x) => x === null)) return undefined;
      if (paths.some((x) => x === sc.qualifiedName || this.byPath.get(x!)?.name === sc.name)) return true;
      if (paths.every((x) => this.byPath.has(x!))) return false;
      return undefined;
    }
    return undefined;
  }

  /**
   * A step in a function nested in the scheduler's function that reads the name from the closure
   * (`@trainer.on(Events.EPOCH_COMPLETED) def f(engine): scheduler.step()`): no function between
   * them takes a parameter of that name.
   */
  private closureStep(step: Node, name: string, outer: Node | null): boolean {
    for (let f = this.enclosingFunction(step); f && !(outer && sameNode(f, outer)); f = this.enclosingFunction(f)) {
      if (params(f).some((p) => p.name === name)) return false;
      if (outer && f.startIndex < outer.startIndex) return false;
      // a module-level scheduler read by a function of the module (no local of that name)
      if (!outer && this.index.lookup(name, step)?.stmt && (this.index.lookup(name, step)!.stmt.startIndex > f.startIndex)) return false;
    }
    return true;
  }

  /** Loops around a node up to its function (innermost first). */
  private loopsAround(n: Node): Node[] {
    const out: Node[] = [];
    for (let p = n.parent; p && p.type !== 'function_definition'; p = p.parent) if (p.type === 'for_statement' || p.type === 'while_statement') out.push(p);
    return out;
  }

  /**
   * The first call, inside a loop, of the function a step without loops is in: `self.name(...)`
   * from a method of the same class, `name(...)` for a function of the module (one level).
   */
  private loopedCaller(step: Node): { site: Node; loops: Node[] } | null {
    const fn = this.enclosingFunction(step);
    const name = fn?.childForFieldName('name')?.text;
    if (!fn || !name || /^__\w+__$/.test(name)) return null;
    let holder: Node | null = fn.parent;
    if (holder?.type === 'decorated_definition') return null; // a hook or handler: run by a framework
    holder = holder?.type === 'block' ? holder.parent : null;
    const klass = holder?.type === 'class_definition' ? holder : null;
    if (!klass && holder) return null; // a nested function: called through its closure
    for (const { site, callee } of this.callsOf(name)) {
      if (site.startIndex >= fn.startIndex && site.endIndex <= fn.endIndex) continue;
      if (klass) {
        if (callee.type !== 'attribute' || callee.childForFieldName('object')?.text !== 'self') continue;
        if (site.startIndex < klass.startIndex || site.endIndex > klass.endIndex) continue;
      } else if (callee.type !== 'identifier') continue;
      const loops = this.loopsAround(site);
      if (loops.length) return { site, loops };
    }
    return null;
  }

  /** `Events.ITERATION_COMPLETED` (also `(every=…)`, `_STARTED`) → per-batch; `Events.EPOCH_*` → per-epoch. */
  private igniteEvent(n: Node | null | undefined): 'per-batch' | 'per-epoch' | null {
    const m = /^Events\.(ITERATION|EPOCH)_(STARTED|COMPLETED)\b/.exec(n?.text ?? '');
    return m ? (m[1] === 'ITERATION' ? 'per-batch' : 'per-epoch') : null;
  }

  /** `engine.run(data, max_epochs=E)` with a static E: the number of epoch events. */
  private igniteEpochs(engine: string | undefined): number | undefined {
    if (!engine) return undefined;
    for (const { site, callee } of this.callsOf('run')) {
      if (callee.type !== 'attribute' || callee.childForFieldName('object')?.text !== engine) continue;
      for (const a of site.childForFieldName('arguments')?.namedChildren ?? []) {
        if (a?.type !== 'keyword_argument' || a.childForFieldName('name')?.text !== 'max_epochs') continue;
        const v = this.staticValue(a.childForFieldName('value')!);
        return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
      }
    }
    return undefined;
  }

  /** A step inside `@engine.on(Events.X)` or a `lambda` handed to `engine.add_event_handler(Events.X, …)`. */
  private igniteEventAround(step: Node): { unit: 'per-batch' | 'per-epoch'; steps?: number } | null {
    for (let p = step.parent; p; p = p.parent) {
      if (p.type === 'lambda' || p.type === 'function_definition') {
        if (p.type === 'function_definition' && p.parent?.type === 'decorated_definition') {
          for (const d of p.parent.namedChildren) {
            const call = d?.type === 'decorator' ? d.namedChildren[0] : null;
            const f = call?.type === 'call' ? call.childForFieldName('function') : null;
            if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'on') continue;
            const unit = this.igniteEvent(call!.childForFieldName('arguments')?.namedChildren[0]);
            if (unit) return { unit, ...(unit === 'per-epoch' ? { steps: this.igniteEpochs(f.childForFieldName('object')?.text) } : {}) };
          }
        }
        const list = p.parent;
        const site = list?.type === 'argument_list' ? list.parent : null;
        const f = site?.type === 'call' ? site.childForFieldName('function') : null;
        if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'add_event_handler') {
          const args = list!.namedChildren.filter((a) => a && a.type !== 'comment') as Node[];
          const unit = args.length >= 2 && sameNode(args[1], p) ? this.igniteEvent(args[0]) : null;
          if (unit) return { unit, ...(unit === 'per-epoch' ? { steps: this.igniteEpochs(f.childForFieldName('object')?.text) } : {}) };
        }
        return null;
      }
    }
    return null;
  }

  /**
   * A torch scheduler driven by PyTorch Ignite: handed (as is, in `LRScheduler(...)`, or in
   * `create_lr_scheduler_with_warmup(...)`) to `engine.add_event_handler(Events.X, …)` or to
   * `common.setup_common_training_handlers(lr_scheduler=…)` (which attaches it per iteration).
   */
  private igniteStepping(sc: SchedulerCall, names: Set<string>): Stepping | null {
    const handlers = new Set(names);
    const WRAP = /^(?:[\w.]+\.)?(LRScheduler|create_lr_scheduler_with_warmup)$/;
    const warmups: Node[] = [];
    /** `LRScheduler(s)` / `create_lr_scheduler_with_warmup(s, …)` of one of the names. */
    const wraps = (n: Node | null | undefined): boolean => {
      if (n?.type !== 'call') return false;
      const m = WRAP.exec(n.childForFieldName('function')?.text ?? '');
      const first = n.childForFieldName('arguments')?.namedChildren.find((a) => a && a.type !== 'comment');
      const inner = first?.type === 'keyword_argument' ? (first.childForFieldName('name')?.text === 'lr_scheduler' ? first.childForFieldName('value') : null) : first;
      if (!m || !inner || !handlers.has(inner.text)) return false;
      if (m[1] === 'create_lr_scheduler_with_warmup') warmups.push(n);
      return true;
    };
    for (const w of ['LRScheduler', 'create_lr_scheduler_with_warmup']) {
      for (const { site } of this.callsOf(w)) {
        const v = assignedTo(site);
        if (wraps(site) && v) handlers.add(v);
      }
    }
    let found: { unit: 'per-batch' | 'per-epoch'; engine?: string } | null = null;
    for (const { site, callee } of this.callsOf('add_event_handler')) {
      const args = (site.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a && a.type !== 'comment') as Node[];
      if (args.length < 2 || !(handlers.has(args[1].text) || wraps(args[1]))) continue;
      const unit = this.igniteEvent(args[0]);
      if (unit && !found) found = { unit, engine: callee.type === 'attribute' ? callee.childForFieldName('object')?.text : undefined };
    }
    if (!found) {
      for (const { site } of this.callsOf('setup_common_training_handlers')) {
        for (const a of site.childForFieldName('arguments')?.namedChildren ?? []) {
          if (a?.type !== 'keyword_argument' || a.childForFieldName('name')?.text !== 'lr_scheduler') continue;
          const v = a.childForFieldName('value');
          if (v && (handlers.has(v.text) || wraps(v))) found = { unit: 'per-batch' };
        }
      }
    }
    if (!found) return null;
    for (const w of warmups) {
      const kw = (name: string, pos: number): Node | null => {
        const args = (w.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a && a.type !== 'comment') as Node[];
        const k = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name);
        if (k) return k.childForFieldName('value');
        return args[pos] && args[pos].type !== 'keyword_argument' ? args[pos] : null;
      };
      const d = kw('warmup_duration', 3);
      const dv = d ? this.staticValue(d) : undefined;
      const duration = typeof dv === 'number' ? String(dv) : d?.text ?? '?';
      sc.diagnostics.push({ severity: 'info', code: 'ignite-warmup', range: rangeOf(w), message: t("Ignite's create_lr_scheduler_with_warmup (line {0}) runs a linear warmup of {1} events before {2}: the preview shows {2} alone.", w.startPosition.row + 1, duration, sc.name) });
    }
    return { unit: found.unit, calls: [], ...(found.unit === 'per-epoch' ? { steps: this.igniteEpochs(found.engine) } : {}) };
  }

  /** Calls of a function or method by name: `name(...)` and `obj.name(...)` (the callee node too). */
  private callsOf(name: string): { site: Node; callee: Node }[] {
    const out: { site: Node; callee: Node }[] = [];
    for (const id of this.index.identifiers(name)) {
      const callee = id.parent?.type === 'attribute' && sameNode(id.parent.childForFieldName('attribute'), id) ? id.parent : id;
      const site = callee.parent;
      if (site && site.type === 'call' && sameNode(site.childForFieldName('function'), callee)) out.push({ site, callee });
    }
    return out;
  }

  /**
   * The scheduler passed to a function of this file (`train(model, loader, optimizer, scheduler)`,
   * `train(..., sched=scheduler)`) that steps the parameter it arrives in: that step() call, and the
   * call that passed it (whose loops count too).
   */
  private stepViaCall(names: Set<string>, callFn: Node | null, after: number, method = 'step'): { step: Node; site: Node | null } | null {
    for (const name of names) {
      if (name.includes('.')) continue;
      for (const id of this.index.identifiers(name)) {
        if (id.startIndex < after) continue;
        if (callFn && id.endIndex > callFn.endIndex) continue; // a local variable: calls in the same function
        let arg: Node = id;
        let keyword: string | null = null;
        if (id.parent?.type === 'keyword_argument' && sameNode(id.parent.childForFieldName('value'), id)) {
          keyword = id.parent.childForFieldName('name')?.text ?? null;
          arg = id.parent;
        }
        const list = arg.parent;
        const site = list?.parent;
        if (!list || list.type !== 'argument_list' || !site || site.type !== 'call') continue;
        const callee = site.childForFieldName('function');
        const fname = callee?.type === 'identifier' ? callee.text : callee?.type === 'attribute' && /^(self|cls)$/.test(callee.childForFieldName('object')?.text ?? '') ? callee.childForFieldName('attribute')?.text : undefined;
        if (!fname) continue;
        const def = this.functionDef(fname, site);
        if (!def) {
          // `Trainer(model, optimizer, scheduler)` of a class of this file: `self.scheduler = scheduler`
          // in its __init__, stepped in one of its methods (the loops of that method count)
          const viaInit = callee?.type === 'identifier' ? this.stepViaInit(fname, list, arg, keyword, method) : null;
          if (viaInit) return { step: viaInit, site: null };
          continue;
        }
        const param = keyword ?? this.parameterAt(def, list, arg, callee!.type === 'attribute');
        if (!param) continue;
        const step = this.stepTable(method).find((s) => s.objType === 'identifier' && s.objText === param && s.start > def.startIndex && s.end <= def.endIndex && this.stepFunctionStart(s) === def.startIndex);
        if (step) return { step: step.node, site };
      }
    }
    return null;
  }

  /** The step of `self.<attr>` in a class whose `__init__` stores the argument there (`self.scheduler = scheduler`). */
  private stepViaInit(cls: string, list: Node, arg: Node, keyword: string | null, method: string): Node | null {
    const b = this.index.lookup(cls, list);
    const klass = b?.stmt.type === 'class_definition' ? b.stmt : null;
    const body = klass?.childForFieldName('body');
    if (!klass || !body) return null;
    let init: Node | null = null;
    for (const item of body.namedChildren) {
      const d = item?.type === 'decorated_definition' ? item.childForFieldName('definition') : item;
      if (d?.type === 'function_definition' && d.childForFieldName('name')?.text === '__init__') init = d;
    }
    if (!init) return null;
    const param = keyword ?? this.parameterAt(init, list, arg, true);
    const block = init.childForFieldName('body');
    if (!param || !block) return null;
    const attrs = new Set<string>();
    for (const st of block.namedChildren) {
      const asg = st?.type === 'expression_statement' ? st.namedChildren[0] : null;
      const left = asg?.type === 'assignment' ? asg.childForFieldName('left') : null;
      if (left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self' && asg!.childForFieldName('right')?.text === param) attrs.add(left.text);
    }
    if (!attrs.size) return null;
    const step = this.stepTable(method).find((s) => s.objText !== null && attrs.has(s.objText) && s.start > klass.startIndex && s.end <= klass.endIndex);
    return step?.node ?? null;
  }

  /** The `def name` a call reaches: a function of the file, or a method of the caller's class. */
  private functionDef(name: string, use: Node): Node | null {
    const b = this.index.lookup(name, use);
    if (b && b.kind === 'def') return b.stmt;
    for (const id of this.index.identifiers(name)) {
      const d = id.parent;
      if (d?.type === 'function_definition' && sameNode(d.childForFieldName('name'), id)) return d;
    }
    return null;
  }

  /** The parameter name a positional argument binds to (`self` skipped for a method called on self). */
  private parameterAt(def: Node, list: Node, arg: Node, method: boolean): string | null {
    const args = list.namedChildren.filter((c) => c && c.type !== 'comment') as Node[];
    const k = args.findIndex((a) => sameNode(a, arg));
    if (k < 0 || args.slice(0, k).some((a) => a.type !== 'keyword_argument' && a.type.endsWith('splat'))) return null;
    const names = params(def).filter((p) => p.kind === 'pos').map((p) => p.name);
    const offset = method && names[0] === 'self' ? 1 : 0;
    return names[k + offset] ?? null;
  }

  private steps = new Map<string, StepCall[]>();

  /** Every `<obj>.step(...)` call of the file (or timm's `.step_update(...)`), with what the filters read (one pass per analysis). */
  private stepTable(method = 'step'): StepCall[] {
    const done = this.steps.get(method);
    if (done) return done;
    const table = this.index.methodCalls(method).map((c) => {
      const obj = c.childForFieldName('function')?.childForFieldName('object') ?? null;
      return { node: c, objText: obj ? obj.text : null, objType: obj ? obj.type : null, start: c.startIndex, end: c.endIndex };
    });
    this.steps.set(method, table);
    return table;
  }

  private stepFunctionStart(s: StepCall): number | undefined {
    if (s.fnStart === undefined) s.fnStart = this.enclosingFunction(s.node)?.startIndex ?? null;
    return s.fnStart ?? undefined;
  }

  private enclosingFunction(n: Node): Node | null {
    for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
    return null;
  }

  /**
   * A scheduler built in Lightning's `configure_optimizers` is stepped by Lightning: once per epoch,
   * or once per optimizer step with `"interval": "step"` in its config dict.
   */
  private lightningStepping(sc: SchedulerCall, names: Set<string>, result: Stepping): Stepping {
    const fn = this.enclosingFunction(sc.node);
    if (!fn || fn.childForFieldName('name')?.text !== 'configure_optimizers') return result;
    let unit: Stepping['unit'] = 'per-epoch';
    let fallback: Stepping['unit'] | null = null;
    for (const d of fn.descendantsOfType('dictionary')) {
      if (!d) continue;
      let interval: string | null = null;
      let mine = false;
      for (const pair of d.namedChildren) {
        if (!pair || pair.type !== 'pair') continue;
        const k = pair.childForFieldName('key')?.text.replace(/^['"]|['"]$/g, '');
        const v = pair.childForFieldName('value');
        if (!v) continue;
        if (k === 'interval') interval = v.text.replace(/^['"]|['"]$/g, '');
        if (k === 'scheduler' && (names.has(v.text) || sameNode(v, sc.node))) mine = true;
      }
      if (!interval) continue;
      const u = interval === 'step' ? 'per-batch' : interval === 'epoch' ? 'per-epoch' : 'unknown';
      if (mine) { unit = u; fallback = null; break; }
      fallback ??= u;
    }
    result.unit = fallback ?? unit;
    // pl.Trainer(max_epochs=30) / Trainer(max_steps=...) in the file: how many times Lightning steps it
    const key = result.unit === 'per-epoch' ? 'max_epochs' : result.unit === 'per-batch' ? 'max_steps' : null;
    if (key) {
      for (const call of this.index.identifiers('Trainer').map((id) => (id.parent?.type === 'attribute' ? id.parent : id).parent).filter((c): c is Node => c?.type === 'call')) {
        const v = call.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === key)?.childForFieldName('value');
        if (!v) continue;
        let n: Val | null = null;
        try { n = this.ev.evalStatic(v); } catch { n = null; }
        if (n?.t === 'int' && n.v > 0) {
          result.steps = n.v;
          break;
        }
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- lints

  /**
   * `OneCycleLR(opt, max_lr=0.1, epochs=0, steps_per_epoch=len(loader))`: some values are unknown,
   * but the constructor raises whatever they are. Built with three different stand-ins for the
   * unknown arguments; the same construction error every time is the library's own, reported now.
   */
  private lintDecidedError(sc: SchedulerCall): void {
    if (sc.bindError || sc.trainer || !sc.optimizer?.ref && sc.argRanges.some((r) => r.param === 'optimizer')) return;
    const unknown = Object.keys(sc.given).filter((k) => 'unresolved' in sc.given[k] && k !== 'optimizer');
    if (!unknown.length || missingValues(sc, { args: Object.fromEntries(unknown.map((k) => [k, { t: 'int', v: 1 } as PyValue])) }).length) return;
    let first: { type: string; message: string } | null = null;
    for (const stand of [{ t: 'int', v: 1 }, { t: 'int', v: 97 }, { t: 'float', v: 0.5 }] as PyValue[]) {
      let err: { type: string; message: string; at: unknown } | null;
      try {
        err = simulate(toSchedulerRef(sc, { args: Object.fromEntries(unknown.map((k) => [k, stand])) }), { steps: 0 }).error;
      } catch {
        return;
      }
      if (!err || err.at !== 'construct' || (first && (first.type !== err.type || first.message !== err.message))) return;
      first ??= { type: err.type, message: err.message };
    }
    if (first) sc.diagnostics.push({ severity: 'error', code: 'construct-error', range: sc.nameRange, message: unknown.length === 1 ? t('{0}: {1} (whatever {2} turns out to be)', first.type, first.message, unknown[0]) : t('{0}: {1} (whatever {2} turn out to be)', first.type, first.message, unknown.join(', ')) });
  }

  /**
   * How the file steps the scheduler, where that changes what the preview means:
   * `scheduler.step(epoch + i / iters)` passes the epoch (the closed form at that epoch, not one
   * step per call); a scheduler never stepped nor handed anywhere keeps its initial LR.
   */
  private lintStepping(sc: SchedulerCall): void {
    const plateau = /Plateau|plateau/.test(sc.name);
    // timm's step(epoch) / step_update(num_updates) must be given the time: that is their axis
    if (sc.stepping.withArgument && !plateau && sc.framework !== 'timm' && sc.stepping.calls.length) {
      const call = sc.stepping.calls[0];
      const src = this.text.slice(call.startIndex, call.endIndex);
      sc.diagnostics.push({ severity: 'warning', code: 'step-with-epoch', range: call, message: t('{0} passes the epoch explicitly: PyTorch then computes the LR for that (possibly fractional) epoch, while the preview advances one step per call — its x axis is calls, not the epochs the schedule is written in.', truncate(src, 60)) });
    }
    const v = sc.variable;
    if (v && !v.includes('.') && !sc.trainer && !isStepFunction(sc) && sc.stepping.unit === 'unknown' && !sc.stepping.calls.length) {
      const used = this.index.identifiers(v).some((id) => id.startIndex > sc.node.endIndex);
      // only where the file trains (an optimizer is stepped): a lone scheduler line is a sketch
      const trains = this.stepTable().some((st) => st.objText !== null && st.objText !== v && /opt/i.test(st.objText));
      if (!used && trains) sc.diagnostics.push({ severity: 'info', code: 'never-stepped', range: sc.nameRange, message: t('{0}.step() is never called in this file and {0} is not passed anywhere: the LR stays at its initial value.', v) });
    }
  }

  private lintCall(sc: SchedulerCall): void {
    const ignored = ignoredByDispatch(sc);
    for (const [k, a] of Object.entries(sc.given)) {
      if ('unresolved' in a && ignored.has(k)) {
        const name = sc.given.name && 'value' in sc.given.name ? repr(sc.given.name.value) : 'name';
        sc.diagnostics.push({ severity: 'info', code: 'ignored-arg', range: a.range ?? sc.range, message: t('get_scheduler({0}) does not use {1}: its value does not matter here.', name, k) });
      } else if ('unresolved' in a) {
        sc.diagnostics.push({ severity: 'info', code: 'unresolved', range: a.range ?? sc.range, message: t('{0}={1} is not known statically ({2}); supply a value to preview.', k, a.source, a.reason) });
      }
    }
  }

  private getLrCalls(schedulers: SchedulerCall[]): Range[] {
    const vars = new Set(schedulers.map((s) => s.variable).filter((v): v is string => !!v));
    const out: Range[] = [];
    for (const c of this.index.methodCalls('get_lr')) {
      const obj = c.childForFieldName('function')?.childForFieldName('object');
      if (!obj || !(vars.has(obj.text) || /sched/i.test(obj.text))) continue;
      const r = rangeOf(c);
      out.push(r);
      this.fileDiagnostics.push({
        severity: 'warning', code: 'get-lr', range: r,
        message: t("{0}.get_lr() is the scheduler's internal formula step: outside step() it can return a different value than the LR in use (and warns). Use {0}.get_last_lr().", obj.text),
      });
    }
    return out;
  }

  private fileLints(): void {
    // Syntax errors.
    if (this.root.hasError) {
      let count = 0;
      const visit = (n: Node) => {
        if (count >= 5) return;
        if (n.type === 'ERROR' || n.isMissing) {
          count++;
          this.fileDiagnostics.push({ severity: 'error', code: 'syntax', range: rangeOf(n), message: n.isMissing ? t('SyntaxError: missing {0}', n.type) : t('SyntaxError: this does not parse as Python ({0}); schedulers around it may be missed.', truncate(n.text, 40)) });
          return;
        }
        if (n.hasError) for (const c of n.children) if (c) visit(c);
      };
      visit(this.root);
    }
    // Tabs and spaces mixed inconsistently (Python's TabError); none without a tab in the file.
    if (this.text.includes('\t')) {
      const lines = this.text.split('\n');
      let prev: { t8: number; t1: number } | null = null;
      for (let i = 0; i < lines.length && i < 200_000; i++) {
        const line = lines[i];
        const m = /^[ \t]*/.exec(line)![0];
        if (m.length === line.length || line[m.length] === '#') continue;
        if (!m.includes('\t') && !(prev && prev.t8 !== prev.t1)) { prev = { t8: m.length, t1: m.length }; continue; }
        const t8 = indentWidth(m, 8), t1 = indentWidth(m, 1);
        if (prev && Math.sign(t8 - prev.t8) !== Math.sign(t1 - prev.t1) && !this.insideString(i)) {
          const idx = this.lineOffset(i);
          this.fileDiagnostics.push({ severity: 'error', code: 'tab-error', range: { start: { line: i, column: 0 }, end: { line: i, column: m.length }, startIndex: idx, endIndex: idx + m.length }, message: t('TabError: inconsistent use of tabs and spaces in indentation') });
          break;
        }
        prev = { t8, t1 };
      }
    }
    // `x = value,` makes a one-element tuple: reported for a name the schedulers' values were read
    // from (not `__slots__ = 'x',` in some unrelated class).
    const visitAssign = (a: Node) => {
      const right = a.childForFieldName('right');
      const left = a.childForFieldName('left');
      if (!right || !left || right.type !== 'expression_list' || left.type !== 'identifier' || !this.index.lookedUp.has(left.text)) return;
      const items = right.namedChildren.filter((c) => c && c.type !== 'comment');
      if (items.length !== 1) return;
      this.fileDiagnostics.push({
        severity: 'warning', code: 'trailing-comma-tuple', range: rangeOf(a),
        message: t('The trailing comma makes {0} a one-element tuple ({1},), not a number; arithmetic with it raises TypeError. Remove the comma.', left.text, items[0]!.text),
      });
    };
    for (const i of trailingCommaCandidates(this.text)) {
      const n = this.root.descendantForIndex(i, i + 1);
      const el = n?.parent;
      if (el && el.type === 'expression_list' && el.parent?.type === 'assignment') visitAssign(el.parent);
    }
  }

  private lineOffset(line: number): number {
    let idx = 0;
    for (let k = 0; k < line; k++) idx = this.text.indexOf('\n', idx) + 1;
    return idx;
  }

  private insideString(line: number): boolean {
    const idx = this.lineOffset(line);
    const n = this.root.descendantForIndex(idx, idx);
    return !!n && (n.type === 'string_content' || n.type === 'string' || n.type === 'comment');
  }

  refOf(sc: SchedulerCall): SchedulerRef {
    const args: Record<string, PyValue> = {};
    for (const [k, a] of Object.entries(sc.given)) args[k] = 'unresolved' in a ? { t: 'opaque', source: a.source } : a.value;
    const optimizer = sc.optimizer?.ref ?? null;
    if (optimizer && sc.given.optimizer && 'value' in sc.given.optimizer && sc.given.optimizer.value.t !== 'optimizer') args.optimizer = { t: 'optimizer', spec: optimizer };
    return { name: sc.name, args, optimizer };
  }
}

/** Is the text before `at` (skipping blanks and line continuations) a plain `=` (not `==`, `+=`, `<=`...)? */
function afterPlainEquals(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 92 || c === 12) i--;
    else break;
  }
  if (i < 0 || text.charCodeAt(i) !== 61 /* = */) return false;
  return i === 0 || !'=!<>+-*/%&|^@:'.includes(text[i - 1]);
}

interface StepCall { node: Node; objText: string | null; objType: string | null; start: number; end: number; fnStart?: number | null }

/** Offsets of the final comma of lines like `name = value,` (brackets balanced on the line). */
function trailingCommaCandidates(text: string): number[] {
  const out: number[] = [];
  // A match never crosses a '\n' and ends like `tail`: the full pattern (slow: it is tried at every
  // line start) runs only on the lines where `tail` finds a comma, on that line alone (same
  // anchors: the line's ends are the text's ends or '\n's), in file order: the same matches.
  const tail = /,[ \t]*(?:#[^\n]*)?$/gm;
  const re = /^[ \t]*[A-Za-z_][A-Za-z0-9_]*[ \t]*=(?!=)([^\n]*),[ \t]*(?:#[^\n]*)?$/gm;
  let t: RegExpExecArray | null;
  while ((t = tail.exec(text)) && out.length < 1000) {
    const start = text.lastIndexOf('\n', t.index) + 1;
    let end = text.indexOf('\n', t.index);
    if (end === -1) end = text.length;
    tail.lastIndex = end;
    const line = text.slice(start, end);
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) && out.length < 1000) {
      const body = m[1];
      let depth = 0;
      for (const ch of body) {
        if (ch === '(' || ch === '[' || ch === '{') depth++;
        else if (ch === ')' || ch === ']' || ch === '}') depth--;
      }
      if (depth === 0) out.push(start + m.index + m[0].lastIndexOf(','));
    }
  }
  return out;
}

function indentWidth(s: string, tab: number): number {
  let w = 0;
  for (const ch of s) w = ch === '\t' ? (Math.floor(w / tab) + 1) * tab : w + 1;
  return w;
}

/**
 * `T_max=config.T_max` with `from cassava import config`: the evaluator names what another module
 * holds by its dotted path; as an argument value that is unknown (other modules are not read),
 * never the path itself.
 */
function notImported(node: Node, v: Val): Val {
  // library names (`SchedulerType.COSINE`, `torch.float32`) are read by the scheduler tables
  if (v.t !== 'qual' || /^(torch|transformers|diffusers|timm|keras|tensorflow|tf|optax|jax|math|numpy|builtins|enum)(\.|$)/.test(v.path)) return v;
  const dot = v.path.lastIndexOf('.');
  throw new Unknown(node, dot > 0 ? `${v.path} is defined in another module (${v.path.slice(0, dot)}), which is not read` : `${v.path} is an imported module, which is not read`);
}

/** Does `word` occur in `text` from `from` on as a whole word? */
function wordIn(text: string, word: string, from: number): boolean {
  for (let i = text.indexOf(word, from); i >= 0; i = text.indexOf(word, i + 1)) {
    if (!/\w/.test(text[i - 1] ?? '') && !/\w/.test(text[i + word.length] ?? '')) return true;
  }
  return false;
}

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

/**
 * `lr_lambda=lambda epoch, warmup_iters: ...`: the scheduler calls it with one argument (the step),
 * so a function that cannot take exactly one positional argument raises TypeError at the first step.
 */
function lintArity(f: UserFunction, param: string, scheduler: string, range: Range, diagnostics: Diagnostic[]): void {
  if (!f.node?.childForFieldName('parameters')) return;
  const ps = params(f.node);
  const positional = ps.filter((p) => p.kind === 'pos');
  let required = positional.filter((p) => !p.def).length;
  let max = ps.some((p) => p.kind === 'star') ? Infinity : positional.length;
  // a method reached through an instance (`lr_lambda=self.warmup`): `self` is already bound
  const def = f.node.parent?.type === 'decorated_definition' ? f.node.parent : f.node;
  if (f.bound || (def.parent?.type === 'block' && def.parent.parent?.type === 'class_definition' && !/@staticmethod\b/.test(def.text.slice(0, def.text.indexOf('def '))))) {
    required = Math.max(0, required - 1);
    max -= 1;
  }
  if (required <= 1 && max >= 1) return;
  const name = f.node.type === 'lambda' ? 'lambda' : f.name;
  const message = required > 1
    ? t('{0}: {1} requires {2} positional arguments, but {3} calls it with one (the step count): the first step raises TypeError.', param, name, required, scheduler)
    : t('{0}: {1} takes no positional argument, but {2} calls it with one (the step count): the first step raises TypeError.', param, name, scheduler);
  diagnostics.push({ severity: 'error', code: 'lambda-arity', range, message });
}

/**
 * What a for loop iterates over, through progress bars and enumerate: `tqdm(range(epochs))`,
 * `enumerate(tqdm(train_loader))` -> `range(epochs)`, `train_loader`.
 */
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
/** A comprehension's `for … in …` / `if …` clause (not its element). */
const isClause = (n: Node) => n.type === 'for_in_clause' || n.type === 'if_clause';

function loopIterable(l: Node): Node | null {
  let it = l.childForFieldName('right');
  for (let depth = 0; it && it.type === 'call' && depth < 4; depth++) {
    const f = it.childForFieldName('function')?.text ?? '';
    if (!/^((tqdm\.)?(auto\.|notebook\.)?tqdm|enumerate|iter)$/.test(f)) break;
    const first = (it.childForFieldName('arguments')?.namedChildren ?? []).find((c) => c && c.type !== 'comment' && c.type !== 'keyword_argument');
    if (!first) break;
    it = first;
  }
  return it;
}

function assignedTo(call: Node): string | undefined {
  let n: Node = call;
  while (n.parent && n.parent.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (p && p.type === 'assignment' && sameNode(p.childForFieldName('right'), n)) {
    const left = p.childForFieldName('left');
    if (left && (left.type === 'identifier' || left.type === 'attribute')) return left.text;
    // `lr_scheduler, num_epochs = create_scheduler_v2(...)` (timm's factories return a tuple)
    const first = left && (left.type === 'pattern_list' || left.type === 'tuple_pattern') ? left.namedChildren[0] : null;
    if (first && (first.type === 'identifier' || first.type === 'attribute')) return first.text;
  }
  return undefined;
}

// ------------------------------------------------------------------ public API

function safeRun(text: string, tree: Tree, opts: AnalyzeOptions, scans?: TextScans, snapshots?: SnapshotCache, asked?: Set<string>): AnalysisResult {
  try {
    const live = new LiveTree(text, tree);
    const analyzer = new Analyzer(text, live.root, opts, scans, snapshots, asked);
    const result = analyzer.run();
    // Functions the analysis built (lr_lambda) may read the tree when the engine calls them, after
    // this returns: then the tree lives as long as they do. Otherwise it is freed at once (a WASM
    // heap full of dead trees makes every later parse's malloc slower).
    if (analyzer.ev.functionsBuilt > 0) holdTree(tree, live);
    return result;
  } catch (e) {
    // Never throw into the editor: report what went wrong as a diagnostic.
    const msg = e instanceof PyError ? `${e.type}: ${e.message}` : e instanceof Unknown ? e.reason : e instanceof Error ? e.message : String(e);
    return {
      schedulers: [], getLrCalls: [],
      diagnostics: [{ severity: 'error', code: 'internal', message: t('lr-preview could not analyze this file: {0}', msg), range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 }, startIndex: 0, endIndex: 0 } }],
    };
  }
}

/** Skeleton parsing of long files (skeleton.ts); `force` also where it would save little (tests). */
export const SKELETON = { enabled: true, force: false };
/** Texts shorter than this (≈ 600 lines) are parsed whole: a skeleton would save little. */
const SKELETON_MIN = 20_000;

let skeletonNames: string[] | null = null;
/** Names whose mention makes a def/class body one the reader may read: the catalogs' callees, optimizers. */
function namesForSkeleton(): string[] {
  if (skeletonNames) return skeletonNames;
  const out = new Set<string>(Object.keys(OPTIMIZER_POSITIONAL));
  for (const e of [...(catalogEntries as CatalogEntry[]), TRAINER_ENTRY]) {
    out.add(e.name);
    for (const q of e.qualifiedNames) out.add(q.slice(q.lastIndexOf('.') + 1));
  }
  return (skeletonNames = [...out]);
}

/**
 * The skeleton's parse, when it is one: no syntax error, and its top-level statements start where
 * the skeleton's scan found them (else the scan misread the file and everything is parsed).
 */
function parseSkeleton(sk: Skeleton): Tree | null {
  const lines = new Lines(sk.text);
  const includedRanges = sk.included.map(([s, e]) => ({ startIndex: s, endIndex: e, startPosition: lines.pointAt(s), endPosition: lines.pointAt(e) }));
  const tree = parsePython(sk.text, null, { includedRanges });
  const root = tree.rootNode;
  let ok = !root.hasError;
  if (ok) {
    const starts: number[] = [];
    for (let c = root.firstChild; c; c = c.nextSibling) if (c.type !== 'comment') starts.push(c.startIndex);
    ok = starts.length === sk.statementStarts.length && starts.every((x, k) => x === sk.statementStarts[k]);
  }
  if (ok) return tree;
  tree.delete();
  return null;
}

/**
 * The analysis of a long file from its skeleton (skeleton.ts), or null where it would not pay or
 * cannot be vouched for. The names the analysis looked up across scopes are checked against what
 * was left out: a use there (a call site, a step, an alias) means another round that keeps those
 * bodies; after two, the whole file is parsed instead.
 */
function analyzeSkeleton(text: string, opts: AnalyzeOptions): AnalysisResult | null {
  if (!SKELETON.enabled || opts.entries || (!SKELETON.force && text.length <= SKELETON_MIN)) return null;
  const [minBlanked, minBody] = SKELETON.force ? [0, 0] : [0.25, 200];
  let seeds: number[] = [];
  for (let round = 0; round < 2; round++) {
    const sk = skeletonOf(text, namesForSkeleton(), minBlanked, minBody, seeds);
    const tree = sk && parseSkeleton(sk);
    if (!sk || !tree) return null;
    const asked = new Set<string>();
    holdTree(tree);
    let result: AnalysisResult;
    try {
      result = safeRun(sk.text, tree, opts, undefined, undefined, asked);
    } finally {
      releaseTree(tree);
    }
    // the reader failed on the skeleton (an internal error): the whole file decides
    if (result.diagnostics.some((d) => d.code === 'internal')) return null;
    const missed = usesLeftOut(sk, asked);
    if (!missed) return null;
    if (!missed.length) return result;
    seeds = [...seeds, ...missed];
  }
  return null;
}

/**
 * Analyzes a whole file (parses it). Requires `await initPython()` once before. Never throws after init.
 * A long file is analyzed from its skeleton (the bodies the reader never reads left out,
 * skeleton.ts): the same analysis, a fraction of the parse.
 */
export function analyzeSource(text: string, opts: AnalyzeOptions = {}): AnalysisResult {
  const r = analyzeSkeleton(text, opts);
  if (r) return r;
  const tree = parsePython(text);
  holdTree(tree);
  try {
    return safeRun(text, tree, opts);
  } finally {
    releaseTree(tree);
  }
}


/**
 * Notebook: cells in order, joined so names from earlier cells resolve. Every range in the result
 * carries `cell` and lines relative to that cell.
 */
export function analyzeCells(cells: string[], opts: AnalyzeOptions = {}): AnalysisResult {
  const joined = joinCells(cells);
  return toCells(analyzeSource(joined.text, opts), joined.starts);
}

/**
 * A notebook kept between edits: its cells joined into one PythonDocument (so an edit in one cell
 * re-parses incrementally), the result mapped back to cells. One analysis serves every cell.
 */
export class PythonNotebook {
  private doc: PythonDocument | null = null;
  private last: { text: string; key: string; result: AnalysisResult } | null = null;

  analyze(cells: string[], opts: AnalyzeOptions = {}): AnalysisResult {
    const joined = joinCells(cells);
    const key = opts.names ? JSON.stringify(Object.entries(opts.names).map(([k, v]) => [k, repr(v)])) : '';
    if (this.last && this.last.text === joined.text && this.last.key === key && !opts.entries) return this.last.result;
    if (!this.doc) this.doc = new PythonDocument(joined.text);
    else this.doc.update(joined.text);
    const result = toCells(this.doc.analyze(opts), joined.starts);
    this.last = { text: joined.text, key, result };
    return result;
  }

  dispose(): void {
    this.doc?.dispose();
    this.doc = null;
    this.last = null;
  }
}

/** Cells joined in order; IPython magics and shell escapes blanked (same length keeps offsets). */
function joinCells(cells: string[]): { text: string; starts: { line: number; index: number }[] } {
  const starts: { line: number; index: number }[] = [];
  let line = 0;
  let index = 0;
  const parts: string[] = [];
  for (const c of cells) {
    const clean = c.replace(/^([ \t]*)([%!].*)$/gm, (_m, ws: string, rest: string) => ws + ' '.repeat(rest.length));
    starts.push({ line, index });
    parts.push(clean);
    line += clean.split('\n').length;
    index += clean.length + 1;
  }
  return { text: parts.join('\n'), starts };
}

/** Every range of a joined-cells result made relative to its cell (in place; once per result). */
function toCells(result: AnalysisResult, starts: { line: number; index: number }[]): AnalysisResult {
  const map = (r: Range | undefined) => {
    if (!r || r.cell !== undefined) return;
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1].index <= r.startIndex) k++;
    r.cell = k;
    r.start = { line: r.start.line - starts[k].line, column: r.start.column };
    r.end = { line: r.end.line - starts[k].line, column: r.end.column };
    r.startIndex -= starts[k].index;
    r.endIndex -= starts[k].index;
  };
  const seen = new Set<SchedulerCall>();
  const mapCall = (s: SchedulerCall) => {
    if (seen.has(s)) return;
    seen.add(s);
    map(s.range); map(s.nameRange);
    for (const a of Object.values(s.args)) map(a.range);
    for (const a of s.argRanges) { map(a.nameRange); map(a.valueRange); }
    if (s.optimizer) { map(s.optimizer.range); s.optimizer.lrRanges.forEach(map); s.optimizer.line = s.optimizer.range.start.line; }
    s.stepping.calls.forEach(map);
    for (const d of s.diagnostics) map(d.range);
    s.children.forEach(mapCall);
  };
  result.schedulers.forEach(mapCall);
  result.diagnostics.forEach((d) => map(d.range));
  result.getLrCalls.forEach(map);
  return result;
}

/**
 * Arguments transformers' `get_scheduler(name, ...)` drops for the schedule it dispatches to
 * ("constant" takes only the optimizer): unknown values there do not stop the preview.
 */
function ignoredByDispatch(call: SchedulerCall): Set<string> {
  const name = call.given.name;
  if (call.framework === 'diffusers' && call.name === 'diffusers.get_scheduler' && name && 'value' in name) return diffusersIgnoredArgs(name.value);
  if (call.framework === 'timm') return timmIgnoredArgs(call.name, Object.fromEntries(Object.entries(call.given).map(([k, a]) => [k, 'value' in a ? a.value : undefined])));
  if (call.framework !== 'transformers' || call.name !== 'get_scheduler' || !name || !('value' in name)) return new Set();
  switch (dispatchTarget(name.value)) {
    case 'get_constant_schedule': return new Set(['num_warmup_steps', 'num_training_steps', 'scheduler_specific_kwargs']);
    case 'get_reduce_on_plateau_schedule': return new Set(['num_warmup_steps', 'num_training_steps']);
    case 'get_constant_schedule_with_warmup':
    case 'get_inverse_sqrt_schedule': return new Set(['num_training_steps']);
    default: return new Set();
  }
}

/** What is still unknown for a call (its own arguments and its children's), after overrides. */
export function missingValues(call: SchedulerCall, overrides: SchedulerOverrides = {}): Missing[] {
  const out: Missing[] = [];
  if (call.trainer) {
    const o = overrides.args ?? {};
    for (const [k, a] of Object.entries(call.given)) {
      if (!('unresolved' in a) || k in o) continue;
      if (k === 'num_training_steps' && ('batches_per_epoch' in o || 'max_steps' in o)) continue;
      out.push({ param: k, source: a.source, reason: a.reason, scheduler: call.name });
    }
    return out;
  }
  const ignored = ignoredByDispatch(call);
  for (const [k, a] of Object.entries(call.given)) {
    if (k === 'optimizer' && (overrides.optimizer || overrides.lr !== undefined)) continue;
    if (ignored.has(k)) continue;
    if ('unresolved' in a && !(overrides.args && k in overrides.args)) out.push({ param: k, source: a.source, reason: a.reason, scheduler: call.name });
  }
  // Keras / Optax schedules are functions of the step: they take no optimizer.
  if (!call.optimizer?.ref && !overrides.optimizer && !overrides.lr && call.name !== 'ChainedScheduler' && !isStepFunction(call)) {
    const reason = call.optimizer?.unresolved.map((u) => `${u.source}: ${u.reason}`).join('; ') || 'the optimizer is not constructed in this file';
    if (!out.some((m) => m.param === 'optimizer')) out.push({ param: 'optimizer', source: call.argRanges.find((r) => r.param === 'optimizer')?.source ?? 'optimizer', reason, scheduler: call.name });
  }
  if (call.bindError) return out;
  for (const c of call.children) out.push(...missingValues(c, { optimizer: overrides.optimizer, lr: overrides.lr }));
  return out;
}

/** A schedule with no optimizer (Keras' LearningRateSchedule, Optax's schedule functions). */
export function isStepFunction(call: { framework: Framework }): boolean {
  return call.framework === 'keras' || call.framework === 'optax';
}

export interface SchedulerOverrides {
  /** Values for parameters (replace unresolved or written values). */
  args?: Record<string, PyValue>;
  /** An optimizer to use instead of (or in the absence of) the file's. */
  optimizer?: OptimizerRef;
  /** Learning rate(s) per param group, when the optimizer is not known: an SGD with these LRs. */
  lr?: number | number[];
}

/**
 * The engine's SchedulerRef for a call. Arguments bound to parameter names as written (the engine
 * fills defaults and raises PyTorch's errors). Throws MissingValuesError if something is unknown.
 */
export function toSchedulerRef(call: SchedulerCall, overrides: SchedulerOverrides = {}): SchedulerRef {
  const missing = missingValues(call, overrides);
  if (missing.length) throw new MissingValuesError(missing);
  if (call.trainer) {
    // What Trainer.create_scheduler builds (its PyError, e.g. an unknown lr_scheduler_type, propagates).
    const kwargs: Record<string, PyValue> = {};
    for (const [k, a] of Object.entries(call.given)) if ('value' in a && k !== 'num_training_steps') kwargs[k] = a.value;
    const o = overrides.args ?? {};
    for (const [k, v] of Object.entries(o)) if (k in TA_DEFAULTS) kwargs[k] = v;
    if (o.num_training_steps && isNum(o.num_training_steps)) kwargs.max_steps = o.num_training_steps;
    const bpe = o.batches_per_epoch && isNum(o.batches_per_epoch) ? toNumber(o.batches_per_epoch) : undefined;
    return trainerSchedulerRef(kwargs, { batchesPerEpoch: bpe, optimizer: overrides.optimizer }).ref;
  }
  let optimizer: OptimizerRef | null = overrides.optimizer ?? call.optimizer?.ref ?? null;
  if (!optimizer && overrides.lr !== undefined) {
    const lrs = Array.isArray(overrides.lr) ? overrides.lr : [overrides.lr];
    optimizer = {
      name: 'SGD', id: 1_000_000,
      groups: lrs.map((lr) => ({ params: { t: 'opaque', source: 'params' }, lr: { t: 'float', v: lr } })),
      defaults: Object.fromEntries(optimizerDefaults('SGD') ?? []),
    };
  }
  const args: Record<string, PyValue> = {};
  for (const [k, a] of Object.entries(call.given)) if ('value' in a) args[k] = a.value;
  if (overrides.args) Object.assign(args, overrides.args);
  if (optimizer && 'optimizer' in args && args.optimizer.t !== 'optimizer') args.optimizer = { t: 'optimizer', spec: optimizer };
  if (optimizer && !('optimizer' in args) && call.name !== 'ChainedScheduler' && call.argRanges.some((r) => r.param === 'optimizer')) args.optimizer = { t: 'optimizer', spec: optimizer };
  // Children carry the same optimizer override when theirs was unknown.
  if (call.children.length && (overrides.optimizer || overrides.lr !== undefined)) {
    const childParam = call.name === 'SequentialLR' || call.name === 'ChainedScheduler' ? 'schedulers' : null;
    if (childParam && args[childParam] && (args[childParam].t === 'list' || args[childParam].t === 'tuple')) {
      const items = call.children.map((c) => ({ t: 'scheduler', spec: toSchedulerRef(c, { optimizer: optimizer ?? undefined }) }) as PyValue);
      args[childParam] = { t: 'list', items };
    }
  }
  return { name: call.name, args, optimizer };
}

/**
 * One editor document: keeps the tree and re-parses incrementally after edits; the analysis is
 * cached until the text changes. `update()` takes the full new text (the edit is found by diffing).
 * The text scans (where each name occurs) are carried across edits: only changed lines are
 * scanned again; so are copies of function bodies the evaluator makes (unchanged ones are reused).
 */
export class PythonDocument {
  /** The whole file's tree; null until an edit or a re-analysis needs it (the first may use a skeleton). */
  private tree: Tree | null = null;
  private edited = false;
  private disposed = false;
  private cached: AnalysisResult | null = null;
  private cachedKey = '';
  private scans: TextScans;
  private snapshots = new SnapshotCache();

  constructor(private textValue: string) {
    this.scans = new TextScans(textValue);
  }

  get text(): string {
    return this.textValue;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Parses the whole file now (an editor calls this when idle after the first analysis), so edits re-parse incrementally. */
  prepare(): Tree {
    if (!this.tree) {
      if (this.disposed) throw new Error('lr-preview: PythonDocument used after dispose()');
      this.tree = parsePython(this.textValue);
      holdTree(this.tree);
    }
    return this.tree;
  }

  update(newText: string): void {
    if (newText === this.textValue) return;
    const edit = diffEdit(this.textValue, newText);
    if (this.tree) {
      this.tree.edit(edit);
      const next = parsePython(newText, this.tree);
      releaseTree(this.tree); // earlier analyses keep it alive while their results are in use
      this.tree = next;
      holdTree(next);
    }
    this.scans = this.scans.rebase(newText, edit.startIndex, edit.oldEndIndex, edit.newEndIndex);
    this.textValue = newText;
    this.cached = null;
    this.edited = true;
  }

  analyze(opts: AnalyzeOptions = {}): AnalysisResult {
    const key = opts.names ? JSON.stringify(Object.keys(opts.names)) + JSON.stringify(Object.values(opts.names).map((v) => repr(v))) : '';
    if (this.cached && key === this.cachedKey && !opts.entries) return this.cached;
    // A long file just opened: its skeleton answers first (see analyzeSource)
    const first = !this.tree && !this.edited ? analyzeSkeleton(this.textValue, opts) : null;
    if (first) {
      this.cached = first;
    } else {
      this.snapshots.nextAnalysis();
      this.cached = safeRun(this.textValue, this.prepare(), opts, this.scans, this.snapshots);
    }
    this.cachedKey = key;
    return this.cached;
  }

  dispose(): void {
    this.disposed = true;
    if (this.tree) releaseTree(this.tree);
    this.tree = null;
  }
}
