// A small, safe evaluator for the Python the reader meets in training scripts: literals, arithmetic
// with Python's semantics (int vs float, `/` vs `//`, Python's `%`, ZeroDivisionError messages),
// `math.*`, a few builtins, names resolved statically (FileIndex), argparse defaults, dict configs,
// dataclass defaults, and user lambdas / small `def`s turned into callable PyFunction values.
// It has no access to anything but these: no imports run, no attribute of an unknown object is read.
// What cannot be known statically raises `Unknown` (never a guess); Python-level failures raise PyError.
import { assignmentParts, type Node } from './node';
import { PyError, type PyValue, type PyFunction, typeName as pyTypeName, repr, pyStr, floatRepr } from '../schedulers/pyvalue';
import { FileIndex, sameNode, type Binding } from './scope';
import { snapshot, isSnapshot, type SnapshotCache } from './snapshot';
import { t } from '../schedulers/l10n';
import { compileNumeric, NUMERIC, type NumericFunction, type NumericLib } from './numeric';

/** Values the evaluator handles beyond PyValue: modules/classes known by dotted path, user classes... */
export type Val =
  | PyValue
  | { t: 'qual'; path: string }
  | { t: 'argns'; node: Node }
  | { t: 'parser' }
  | { t: 'class'; name: string; node: Node }
  | { t: 'instance'; cls: { t: 'class'; name: string; node: Node }; fields: Map<string, Val> }
  | { t: 'builtin'; name: string; fn: (args: Val[], kw: Map<string, Val>, node: Node) => Val }
  | { t: 'method'; self: Val; name: string };

/** The value cannot be known statically. `node` is where, `reason` says why (for the user). */
export class Unknown {
  /** Source text of `node`, kept because the tree may be gone when the message is read. */
  readonly text: string;
  readonly isName: boolean;
  constructor(readonly node: Node, readonly reason: string) {
    this.text = node.text;
    this.isName = node.type === 'identifier';
  }
}

/**
 * An integer only the run knows, such as accelerate's `accelerator.num_processes` (the number of
 * processes/GPUs): unknown, but an int, so `0 * it` is 0 (`num_warmup_steps * num_processes`
 * with a warmup default of 0, as in the transformers `*_no_trainer.py` scripts).
 */
export class RunTimeInt extends Unknown {}

export interface UserFunction extends PyFunction {
  node: Node;
  source: string;
  /** Free names resolved when the function was built (values, or why they are unknown). */
  captured?: Map<string, Val | Unknown | PyError>;
  callKw(args: Val[], kw: Map<string, Val>): Val;
  /** Set on a method read through an instance: `self` is already bound. */
  bound?: true;
}

export interface EvalHooks {
  /** Builds a value for a call of a dotted path (schedulers, optimizers); undefined = not handled. */
  callQualified?(path: string, call: Node, args: () => { pos: Val[]; kw: Map<string, Val> }): Val | undefined;
  /** True if `path` is a name the caller cares about (used for `from m import *`). */
  isKnownPath?(path: string): boolean;
  /** A value for a name never bound in the file (e.g. a scheduler class used without import). */
  unboundName?(name: string, node: Node): Val | undefined;
  /** Values the user supplied for names that are not known statically. */
  names?: Record<string, PyValue>;
  /** The argument a parameter without default receives where the file calls its function (one value). */
  paramArgument?(b: Binding): Node | null;
}

export const LIMITS = { opsPerCall: 200_000, opsTotal: 50_000_000, staticOps: 2_000_000, depth: 150 };

interface Env {
  get(name: string, node: Node): Val;
}

class StaticEnv implements Env {
  constructor(private ev: Evaluator, private fromScope?: Node) {}
  get(name: string, node: Node): Val {
    return this.ev.lookupStatic(name, node, this.fromScope);
  }
}

class LocalEnv implements Env {
  vars = new Map<string, Val>();
  constructor(private parent: Env, private locals: Set<string>, private fnName: string) {}
  get(name: string, node: Node): Val {
    const v = this.vars.get(name);
    if (v !== undefined) return v;
    if (this.locals.has(name)) {
      throw new PyError('UnboundLocalError', `cannot access local variable '${name}' where it is not associated with a value`);
    }
    return this.parent.get(name, node);
  }
}

class CapturedEnv implements Env {
  constructor(private values: Map<string, Val | Unknown | PyError>) {}
  get(name: string, node: Node): Val {
    const v = this.values.get(name);
    if (v === undefined) {
      const b = BUILTINS.get(name);
      if (b) return b;
      throw new Unknown(node, t("name '{0}' is not defined", name));
    }
    if (v instanceof Unknown || v instanceof PyError) throw v;
    return v;
  }
}

/** Statement calls a user function may make that change nothing the preview reads. */
const IGNORED_CALLS = /^(print|logging\.|logger\.|warnings\.warn|super\(\)\.__init__)/;

// How a statement ends, returned (not thrown: a throw per `return` costs more than the rest of a
// small lr_lambda call): undefined = go on.
class ReturnSignal { constructor(readonly value: Val) {} }
const BREAK = { flow: 'break' } as const;
const CONTINUE = { flow: 'continue' } as const;
type Flow = ReturnSignal | typeof BREAK | typeof CONTINUE | undefined;

export class Evaluator {
  private memo = new Map<string, Val | Unknown>();
  private inProgress = new Set<string>();
  private localsCache = new Map<number, Set<string>>();
  private staticOps = 0;
  private depth = 0;
  /** Shared by all functions this evaluator builds (one analysis). */
  private totalOps = 0;
  private callOps = 0;
  private selfRefs: string[] = [];
  private attrCands = new Map<string, Node[]>();
  private argIndex: Map<string, Node[]> | null = null;

  /** `snapshots`: copies of function bodies kept from an earlier analysis of the document, if any. */
  constructor(readonly index: FileIndex, readonly hooks: EvalHooks = {}, private readonly snapshots?: SnapshotCache) {}

  /** Evaluates an expression node where it stands in the file. */
  evalStatic(node: Node): Val {
    return this.eval(node, new StaticEnv(this));
  }

  /** Resolves a name as seen from `node`, skipping scopes up to `fromScope`. */
  lookupStatic(name: string, node: Node, fromScope?: Node): Val {
    const supplied = this.hooks.names?.[name];
    if (supplied) return supplied;
    const b = this.index.lookup(name, node, fromScope);
    if (!b) {
      const builtin = BUILTINS.get(name);
      if (builtin) return builtin;
      // `raise ValueError(...)` in a user function: the exception classes are Python's builtins.
      if (BUILTIN_EXCEPTIONS.has(name)) return { t: 'qual', path: `builtins.${name}` };
      for (const s of this.index.starImports()) {
        const path = `${s.module}.${name}`;
        if (this.hooks.isKnownPath?.(path) || KNOWN_CONSTANTS.has(path) || MATH_FUNCS.has(path)) return { t: 'qual', path };
      }
      const v = this.hooks.unboundName?.(name, node);
      if (v) return v;
      const star = this.index.starImports().find((st) => !/^(torch|math)(\.|$)/.test(st.module));
      throw new Unknown(node, star ? t("name '{0}' is not defined in this file (it may come from `from {1} import *`)", name, star.module) : t("name '{0}' is not defined in this file", name));
    }
    return this.bindingValue(this.reaching(b, node), node);
  }

  /**
   * An assignment inside an `if` whose condition is statically false (`if args.resume:` with
   * store_true) does not run: the binding before it in the same scope reaches the use.
   */
  reaching(b: Binding, use: Node): Binding {
    for (let guard = 0; guard < 20 && (b.kind === 'assign' || b.kind === 'augassign') && this.branchTaken(b.stmt, use, b.scope) === 'no'; guard++) {
      let prev: Binding | null = null;
      for (const x of this.index.bindings(b.name)) if (sameNode(x.scope, b.scope) && x.at < b.at && (!prev || x.at > prev.at)) prev = x;
      if (!prev) break;
      b = prev;
    }
    return b;
  }

  bindingValue(b: Binding, use: Node): Val {
    const key = `${b.stmt.id}:${b.id.startIndex}`;
    const cached = this.memo.get(key);
    if (cached instanceof Unknown) throw cached;
    if (cached !== undefined) return cached;
    if (this.inProgress.has(key) || this.inProgress.size > LIMITS.depth) throw new Unknown(use, `'${b.name}' refers to itself`);
    this.inProgress.add(key);
    try {
      const v = this.computeBinding(b, use);
      this.memo.set(key, v);
      return v;
    } catch (e) {
      if (e instanceof Unknown) this.memo.set(key, e);
      throw e;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private computeBinding(b: Binding, use: Node): Val {
    switch (b.kind) {
      case 'import':
        return { t: 'qual', path: b.importPath! };
      case 'assign': {
        if (!b.value) throw new Unknown(use, `'${b.name}' has no value`);
        // `a, b = x, f(y)`: evaluate only the element that binds (a literal tuple on the right).
        let src: Node = b.value;
        let k = 0;
        const unpack = b.unpack ?? [];
        while (k < unpack.length && (src.type === 'tuple' || src.type === 'expression_list' || src.type === 'list')) {
          const items = src.namedChildren.filter((c) => c && c.type !== 'comment') as Node[];
          if (items.some((c) => c.type === 'list_splat') || unpack[k] < 0 || unpack[k] >= items.length) break;
          src = items[unpack[k]];
          k++;
        }
        if (k > 0) {
          let w = this.evalStatic(src);
          for (const i of unpack.slice(k)) w = unpackItem(w, i, src, unpack.length - k);
          return w;
        }
        let v = this.evalStatic(b.value);
        for (const i of b.unpack ?? []) v = unpackItem(v, i, b.value, b.unpack!.length);
        return v;
      }
      case 'augassign': {
        const prev = this.lookupStatic(b.name, b.stmt);
        const op = b.stmt.childForFieldName('operator')?.text ?? '+=';
        return binop(op.slice(0, -1), prev, this.evalStatic(b.value!), b.stmt);
      }
      case 'def':
        return this.makeFunction(b.stmt, new StaticEnv(this, b.stmt));
      case 'class':
        return { t: 'class', name: b.name, node: b.stmt };
      case 'param': {
        // `def train(config): ...` called as `train(config)`, `build_optimizer(lr=args.lr0)`: the
        // value every call site passes wins over the default
        const arg = this.hooks.paramArgument?.(b);
        if (arg) return this.evalStatic(arg);
        if (b.value) return this.evalStatic(b.value);
        // `def __init__(self, cfg: TrainConfig)` with TrainConfig a @dataclass of this file: its
        // field defaults (as argparse defaults are the values a run uses unless told otherwise).
        const typed = b.id.parent?.type === 'typed_parameter' ? b.id.parent.childForFieldName('type') : null;
        if (typed) {
          let cls: Val | null = null;
          try { cls = this.evalStatic(typed.namedChildren[0] ?? typed); } catch { cls = null; }
          if (cls?.t === 'class' && isDataclass(cls.node)) return { t: 'instance', cls, fields: new Map() };
        }
        const fn = b.stmt.type === 'function_definition' ? b.stmt.childForFieldName('name')?.text : 'lambda';
        // `@hydra.main(config_path=..., config_name=...) def main(cfg)`: Hydra composes cfg from YAML files
        const deco = b.stmt.parent?.type === 'decorated_definition' ? b.stmt.parent : null;
        if (deco?.namedChildren.some((d) => d?.type === 'decorator' && /^@\s*hydra\.main\s*\(/.test(d.text))) {
          throw new Unknown(b.id, t("'{0}' is the Hydra config of {1}() (@hydra.main): its values come from the YAML config files, which are not read", b.name, String(fn)));
        }
        throw new Unknown(b.id, t("'{0}' is a parameter of {1}() with no default", b.name, String(fn)));
      }
      case 'for':
        throw new Unknown(b.id, `'${b.name}' is a loop variable`);
      case 'with':
        throw new Unknown(b.id, `'${b.name}' is bound by a with statement`);
      default:
        throw new Unknown(b.id, t("'{0}' is not known statically", b.name));
    }
  }

  // ---------------------------------------------------------------- expressions

  /** Counts one operation (the per-call and total bounds). */
  tick(node: Node): void {
    if (this.depth > 0) {
      this.callOps++;
      this.totalOps++;
      if (this.callOps > LIMITS.opsPerCall) {
        throw new PyError('RuntimeError', `lr-preview stopped evaluating this function: more than ${LIMITS.opsPerCall} operations in one call`);
      }
      if (this.totalOps > LIMITS.opsTotal) {
        throw new PyError('RuntimeError', `lr-preview stopped evaluating: more than ${LIMITS.opsTotal} operations in total`);
      }
    } else if (++this.staticOps > LIMITS.staticOps) {
      throw new Unknown(node, 'too much to evaluate statically');
    }
  }

  /**
   * Counts the `n` operations of one top-level call made by a user function's numeric path
   * (numeric.ts), as the boxed call's ticks would count them. false, counting nothing, when a call
   * is in progress or when the boxed call would stop at a limit: the boxed call then runs (and raises).
   */
  chargeOps(n: number): boolean {
    if (this.depth !== 0 || n > LIMITS.opsPerCall || this.totalOps + n > LIMITS.opsTotal) return false;
    this.totalOps += n;
    this.callOps = n;
    return true;
  }

  /** Runs `f` as inside a call: its value and the operations it counted (the counters are restored). */
  measureOps<T>(f: () => T): { value: T; ops: number } {
    const { depth, callOps, totalOps } = this;
    this.depth = depth + 1;
    this.callOps = 0;
    this.totalOps = 0;
    try {
      const value = f();
      return { value, ops: this.callOps };
    } finally {
      this.depth = depth;
      this.callOps = callOps;
      this.totalOps = totalOps;
    }
  }

  /**
   * A simulation starts (PyFunction.newRun): LIMITS.opsTotal bounds one simulation, not every
   * simulation of one analysis together (a hover, the chart and a CodeLens reuse its functions).
   */
  newRun(): void {
    if (this.depth === 0) this.totalOps = 0;
  }

  /** Operations counted so far in calls of the user functions this evaluator built. */
  get operations(): number {
    return this.totalOps;
  }

  eval(node: Node, env: Env): Val {
    this.tick(node);
    switch (node.type) {
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
        return literal(node);
      case 'string': return { t: 'str', v: this.stringValue(node, env) };
      case 'concatenated_string': return { t: 'str', v: node.namedChildren.map((c) => this.stringValue(c!, env)).join('') };
      case 'identifier':
        if (!node.text) throw new Unknown(node, 'syntax error (missing name)');
        return env.get(node.text, node);
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c && c.type !== 'comment');
        if (!inner) throw new Unknown(node, 'empty expression');
        return this.eval(inner, env);
      }
      case 'tuple':
      case 'expression_list':
        return { t: 'tuple', items: this.evalItems(node, env) };
      case 'list':
        return { t: 'list', items: this.evalItems(node, env) };
      case 'dictionary': {
        const entries: [PyValue, PyValue][] = [];
        for (const c of node.namedChildren) {
          if (!c || c.type === 'comment') continue;
          if (c.type === 'pair') {
            const k = toPy(this.eval(c.childForFieldName('key')!, env));
            const v = toPy(this.eval(c.childForFieldName('value')!, env));
            dictSet(entries, k, v);
          } else if (c.type === 'dictionary_splat') {
            const d = this.eval(c.namedChildren[0]!, env);
            if (d.t !== 'dict') throw new Unknown(c, `cannot expand ${c.text}`);
            for (const [k, v] of d.entries) dictSet(entries, k, v);
          } else throw new Unknown(c, 'unsupported dictionary item');
        }
        return { t: 'dict', entries };
      }
      case 'unary_operator': {
        const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text;
        const a = this.eval(node.childForFieldName('argument')!, env);
        return unop(op ?? '-', a);
      }
      case 'not_operator':
        return { t: 'bool', v: !truthy(this.eval(node.childForFieldName('argument')!, env)) };
      case 'binary_operator': {
        const op = node.childForFieldName('operator')!.text;
        if (op === '*') {
          // 0 × a run-time int is 0; any other product with it stays unknown
          const side = (n: Node): Val | RunTimeInt => {
            try {
              return this.eval(n, env);
            } catch (e) {
              if (e instanceof RunTimeInt) return e;
              throw e;
            }
          };
          const a = side(node.childForFieldName('left')!);
          const b = side(node.childForFieldName('right')!);
          if (a instanceof RunTimeInt || b instanceof RunTimeInt) {
            const other = a instanceof RunTimeInt ? b : a;
            if (!(other instanceof RunTimeInt) && other.t === 'int' && Number(other.v) === 0) return { t: 'int', v: 0 };
            throw a instanceof RunTimeInt ? a : b;
          }
          return binop(op, a, b, node);
        }
        const a = this.eval(node.childForFieldName('left')!, env);
        const b = this.eval(node.childForFieldName('right')!, env);
        return binop(op, a, b, node);
      }
      case 'boolean_operator': {
        const op = node.childForFieldName('operator')!.text;
        const a = this.eval(node.childForFieldName('left')!, env);
        if (op === 'and' ? !truthy(a) : truthy(a)) return a;
        return this.eval(node.childForFieldName('right')!, env);
      }
      case 'comparison_operator':
        return this.compare(node, env);
      case 'conditional_expression': {
        const [a, cond, b] = node.namedChildren;
        if (!a || !cond || !b) throw new Unknown(node, 'incomplete conditional expression');
        return truthy(this.eval(cond, env)) ? this.eval(a, env) : this.eval(b, env);
      }
      case 'lambda':
        return this.makeFunction(node, env);
      case 'attribute':
        return this.attribute(node, env);
      case 'subscript':
        return this.subscript(node, env);
      case 'call':
        return this.call(node, env);
      case 'list_comprehension':
        return { t: 'list', items: this.comprehension(node, env) };
      default:
        throw new Unknown(node, node.type === 'ERROR' ? t('syntax error') : t('{0} is not evaluated', node.type.replace(/_/g, ' ')));
    }
  }

  private stringValue(node: Node, env: Env): string {
    if (node.type === 'concatenated_string') return node.namedChildren.map((c) => this.stringValue(c!, env)).join('');
    if (node.type !== 'string') throw new Unknown(node, 'not a string');
    const start = node.child(0)?.text ?? '';
    const prefix = start.replace(/['"]+$/, '').toLowerCase();
    let out = '';
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'string_content') out += prefix.includes('r') ? c.text : unescape(c.text);
      else if (c.type === 'escape_sequence') out += prefix.includes('r') ? c.text : unescape(c.text);
      else if (c.type === 'interpolation') {
        const e = c.childForFieldName('expression');
        if (!e || c.childForFieldName('format_specifier') || c.childForFieldName('type_conversion')) throw new Unknown(c, 'f-string formatting is not evaluated');
        out += pyStr(toPy(this.eval(e, env)));
      }
    }
    return out;
  }

  private evalItems(node: Node, env: Env): PyValue[] {
    const items: PyValue[] = [];
    for (const c of node.namedChildren) {
      if (!c || c.type === 'comment') continue;
      if (c.type === 'list_splat') {
        const v = this.eval(c.namedChildren[0]!, env);
        items.push(...iterate(v, c));
      } else items.push(toPy(this.eval(c, env)));
    }
    return items;
  }

  private compare(node: Node, env: Env): Val {
    const { operands, ops } = comparisonParts(node);
    let left = this.eval(operands[0], env);
    for (let i = 0; i < ops.length; i++) {
      const right = this.eval(operands[i + 1], env);
      if (!compareOp(ops[i], left, right)) return { t: 'bool', v: false };
      left = right;
    }
    return { t: 'bool', v: true };
  }

  private comprehension(node: Node, env: Env): PyValue[] {
    const body = node.childForFieldName('body');
    const clauses = node.namedChildren.filter((c) => c && (c.type === 'for_in_clause' || c.type === 'if_clause')) as Node[];
    if (!body || clauses.length === 0 || clauses[0].type !== 'for_in_clause') throw new Unknown(node, 'comprehension not evaluated');
    const locals = new Set<string>();
    for (const c of clauses) if (c.type === 'for_in_clause') collectTargets(c.childForFieldName('left')!, locals);
    const out: PyValue[] = [];
    const run = (k: number, e: LocalEnv) => {
      if (k === clauses.length) {
        out.push(toPy(this.eval(body, e)));
        return;
      }
      const c = clauses[k];
      if (c.type === 'if_clause') {
        if (truthy(this.eval(c.namedChildren[0]!, e))) run(k + 1, e);
        return;
      }
      const it = this.eval(c.childForFieldName('right')!, k === 0 ? env : e);
      for (const item of iterate(it, c)) {
        this.tick(c);
        assignTarget(c.childForFieldName('left')!, item, e);
        run(k + 1, e);
      }
    };
    const scopeEnv = new LocalEnv(env, new Set(), '<listcomp>');
    run(0, scopeEnv);
    return out;
  }

  private attribute(node: Node, env: Env): Val {
    const objNode = node.childForFieldName('object')!;
    const attr = node.childForFieldName('attribute')!.text;
    if (env instanceof StaticEnv && objNode.type === 'identifier') {
      const assigned = this.attrAssignment(node);
      if (assigned) return assigned;
    }
    // Lightning: `self.hparams.lr` after `self.save_hyperparameters()` is __init__'s argument `lr`.
    if (objNode.type === 'attribute' && objNode.childForFieldName('attribute')?.text === 'hparams') {
      const h = this.lightningHparam(objNode.childForFieldName('object')!, attr, node);
      if (h) return h;
    }
    let obj: Val;
    try {
      obj = this.eval(objNode, env);
    } catch (e) {
      // `args.lr` / `self.hparams.lr` where `args` is a parameter (main(args)) or an unknown object:
      // argparse defaults.
      if (e instanceof Unknown && (objNode.type === 'identifier' || (objNode.type === 'attribute' && objNode.childForFieldName('object')?.type === 'identifier'))) {
        const d = this.argparseDefault(attr, node, false);
        if (d) return d;
      }
      // `accelerator.num_processes` (accelerate's Accelerator / PartialState): how many processes run
      if (e instanceof Unknown && attr === 'num_processes') throw new RunTimeInt(node, t('the number of processes is only known at run time'));
      // `self.num_epochs` with no `self.num_epochs = …` in the class: say that, not that `self` has no default
      const cls = e instanceof Unknown && objNode.type === 'identifier' && env instanceof StaticEnv ? this.selfClass(objNode, this.index.scopeOf(node)) : null;
      if (cls) throw new Unknown(node, t('{0} is not set in class {1} in this file (a base class or a run-time value)', node.text, cls.childForFieldName('name')?.text ?? ''));
      throw e;
    }
    return this.getAttr(obj, attr, node);
  }

  /**
   * `obj.attr = value` statements that reach the read `use` (`obj` a plain name): in the same
   * function, the last one before the use whose enclosing `if`s are statically taken (a branch not
   * known statically makes the value unknown); for `self.attr` in a method, the assignments in the
   * class's methods (one value, or the same value everywhere). null = no such assignment.
   */
  private attrAssignment(use: Node): Val | null {
    const objNode = use.childForFieldName('object')!;
    const attrNode = use.childForFieldName('attribute');
    if (!attrNode) return null;
    const text = `${objNode.text}.${attrNode.text}`;
    const offsets = this.index.attributeAssignments(text);
    if (!offsets.length) return null;
    let cands = this.attrCands.get(text);
    if (!cands) {
      cands = [];
      for (const i of offsets) {
        const o = this.index.root.descendantForIndex(i, i + objNode.text.length);
        const a = o?.parent;
        if (!o || o.type !== 'identifier' || !a || a.type !== 'attribute' || !sameNode(a.childForFieldName('object'), o)) continue;
        const asg = a.parent;
        if (asg && asg.type === 'assignment' && sameNode(asg.childForFieldName('left'), a) && asg.childForFieldName('right')) cands.push(asg);
      }
      this.attrCands.set(text, cands);
    }
    if (!cands.length) return null;
    const useScope = this.index.scopeOf(use);
    const cls = this.selfClass(objNode, useScope);
    const line = (n: Node) => n.startPosition.row + 1;
    const before = cands.filter((a) => a.endIndex <= use.startIndex && sameNode(this.index.scopeOf(a), useScope));
    for (let i = before.length - 1; i >= 0; i--) {
      const a = before[i];
      const taken = this.branchTaken(a, use, useScope);
      if (taken === 'no') continue;
      if (taken === 'maybe') throw new Unknown(use, t('{0} is reassigned at line {1} under a condition not known statically', text, line(a)));
      const rhs = a.childForFieldName('right')!;
      try {
        return this.evalStatic(rhs);
      } catch (e) {
        if (e instanceof Unknown) throw new Unknown(use, `${text} = ${rhs.text.length > 60 ? rhs.text.slice(0, 59) + '…' : rhs.text} (line ${line(a)}): ${e.text === rhs.text ? e.reason : `${e.text}: ${e.reason}`}`);
        throw e;
      }
    }
    if (!cls) return null;
    // Other methods of the same class (`self.lr = lr` in __init__, read in configure_optimizers).
    const inClass = cands.filter((a) => {
      const s = this.index.scopeOf(a);
      return !sameNode(s, useScope) && s.type === 'function_definition' && sameNode(this.selfClass(a.childForFieldName('left')!.childForFieldName('object')!, s), cls);
    });
    if (!inClass.length) return null;
    let value: Val | null = null;
    for (const a of inClass) {
      const v = this.evalStatic(a.childForFieldName('right')!);
      if (value && repr(toPy(value)) !== repr(toPy(v))) {
        throw new Unknown(use, `${text} is assigned different values (lines ${inClass.map(line).join(', ')})`);
      }
      value ??= v;
    }
    return value;
  }

  /** `self.hparams.<attr>` in a class whose __init__ calls save_hyperparameters(): that parameter's default. */
  private lightningHparam(selfNode: Node, attr: string, use: Node): Val | null {
    const cls = this.selfClass(selfNode, this.index.scopeOf(use));
    const body = cls?.childForFieldName('body');
    if (!body) return null;
    for (const item of body.namedChildren) {
      const stmt = item?.type === 'decorated_definition' ? item.childForFieldName('definition') : item;
      if (stmt?.type !== 'function_definition' || stmt.childForFieldName('name')?.text !== '__init__') continue;
      if (!/\.save_hyperparameters\s*\(/.test(stmt.text)) return null;
      for (const p of stmt.childForFieldName('parameters')?.namedChildren ?? []) {
        if (!p) continue;
        const name = p.type === 'identifier' ? p.text : p.type === 'typed_parameter' ? p.namedChildren[0]?.text : p.childForFieldName('name')?.text;
        if (name !== attr) continue;
        // the parameter as a binding: the value the class's instantiations pass (`Model(lr=1e-3)`), else its default
        const id = p.type === 'identifier' ? p : p.type === 'typed_parameter' ? p.namedChildren[0] : p.childForFieldName('name');
        const b = id ? this.index.lookup(attr, id) : null;
        if (b && b.kind === 'param') {
          try {
            return this.bindingValue(b, use);
          } catch (e) {
            if (e instanceof Unknown && !p.childForFieldName('value')) throw new Unknown(use, `hparams.${attr} is __init__'s parameter ${attr}, which has no default`);
            throw e;
          }
        }
        const value = p.childForFieldName('value');
        if (!value) throw new Unknown(use, `hparams.${attr} is __init__'s parameter ${attr}, which has no default`);
        return this.evalStatic(value);
      }
      return null;
    }
    return null;
  }

  /** The class whose method has `obj` as its first parameter (`self`), or null. */
  private selfClass(obj: Node, scope: Node): Node | null {
    if (scope.type !== 'function_definition') return null;
    const first = scope.childForFieldName('parameters')?.namedChildren.find((c) => c && c.type !== 'comment');
    const name = first?.type === 'identifier' ? first.text : first?.type === 'typed_parameter' ? first.namedChildren[0]?.text : undefined;
    if (name !== obj.text) return null;
    let p = scope.parent;
    if (p?.type === 'decorated_definition') p = p.parent;
    return p?.type === 'block' && p.parent?.type === 'class_definition' ? p.parent : null;
  }

  /** Does the statement `stmt` run on the way to `use`? Judged from the `if`s around it (within `scope`). */
  branchTaken(stmt: Node, use: Node, scope: Node): 'yes' | 'no' | 'maybe' {
    const test = (c: Node | null): boolean | null => {
      if (!c) return null;
      try { return truthy(this.evalStatic(c)); } catch { return null; }
    };
    let result: 'yes' | 'no' | 'maybe' = 'yes';
    for (let n: Node | null = stmt.parent; n && !sameNode(n, scope); n = n.parent) {
      if (use.startIndex >= n.startIndex && use.endIndex <= n.endIndex) break;
      if (n.type === 'for_statement' || n.type === 'while_statement' || n.type === 'try_statement' || n.type === 'with_statement') {
        if (n.type !== 'with_statement') result = 'maybe';
        continue;
      }
      if (n.type !== 'if_statement') continue;
      const branches = [n, ...n.childrenForFieldName('alternative')].filter((x): x is Node => !!x);
      const k = branches.findIndex((b) => {
        const r = b.type === 'if_statement' ? b.childForFieldName('consequence') : b;
        return !!r && stmt.startIndex >= r.startIndex && stmt.endIndex <= r.endIndex;
      });
      if (k < 0) continue;
      for (let j = 0; j <= k; j++) {
        const b = branches[j];
        if (b.type === 'else_clause') break;
        const t = test(b.childForFieldName('condition'));
        const want = j === k;
        if (t === null) { result = 'maybe'; break; }
        if (t !== want) return 'no';
      }
    }
    return result;
  }

  getAttr(obj: Val, attr: string, node: Node): Val {
    switch (obj.t) {
      case 'qual': {
        const path = `${obj.path}.${attr}`;
        const c = KNOWN_CONSTANTS.get(path);
        if (c !== undefined) return { t: 'float', v: c };
        return { t: 'qual', path };
      }
      case 'argns': {
        const d = this.argparseDefault(attr, node, true);
        if (d) return d;
        throw new Unknown(node, `no add_argument() in this file defines '${attr}'`);
      }
      case 'instance': {
        const f = obj.fields.get(attr);
        if (f !== undefined) return f;
        if (obj.cls.node.type === 'call') throw new Unknown(node, `${obj.cls.name} ${node.childForFieldName('object')?.text ?? ''} has no key '${attr}' where it is built`);
        const v = this.classAttr(obj.cls, attr, node);
        // a method read through an instance (`DecayLR(...).step`): bound to it
        if (v.t === 'func' && (v as UserFunction).callKw && (v as UserFunction).node?.type === 'function_definition') return bindMethod(v as UserFunction, obj);
        return v;
      }
      case 'class':
        return this.classAttr(obj, attr, node);
      case 'dict':
      case 'parser':
      case 'list':
      case 'str':
        return { t: 'method', self: obj, name: attr };
      case 'optimizer':
        if (attr === 'defaults') return { t: 'dict', entries: Object.entries(obj.spec.defaults).map(([k, v]) => [{ t: 'str', v: k }, v]) };
        if (attr === 'param_groups') return { t: 'list', items: obj.spec.groups.map((g) => ({ t: 'dict', entries: Object.entries(g).map(([k, v]) => [{ t: 'str', v: k }, v] as [PyValue, PyValue]) })) };
        throw new Unknown(node, t('{0} is not known statically', `optimizer.${attr}`));
      case 'opaque':
        if (attr === 'num_processes') throw new RunTimeInt(node, t('the number of processes is only known at run time'));
        throw new Unknown(node, t('{0} is not known statically', node.text));
      case 'func':
        throw new Unknown(node, t('{0} is not known statically', node.text));
      default:
        throw new PyError('AttributeError', `'${typeName(obj)}' object has no attribute '${attr}'`);
    }
  }

  private classAttr(cls: { t: 'class'; name: string; node: Node }, attr: string, node: Node): Val {
    const body = cls.node.childForFieldName('body');
    const bs = this.index.bindings(attr).filter((b) => sameNode(b.scope, cls.node));
    if (!body || bs.length === 0) throw new Unknown(node, `${cls.name}.${attr} is not defined in the class body`);
    const b = bs[bs.length - 1];
    if (b.kind === 'assign' && b.value) {
      const v = this.bindingValue(b, node);
      return fieldDefault(v);
    }
    if (b.kind === 'def') return this.bindingValue(b, node);
    throw new Unknown(node, `${cls.name}.${attr} has no default`);
  }

  /** The default of `--attr` from `add_argument(...)` calls anywhere in the file (first wins). */
  argparseDefault(attr: string, node: Node, certain: boolean): Val | null {
    // Parser-level defaults (`parser.set_defaults(lr=0.01)`) override add_argument's: the last one wins.
    const set = this.index.methodCalls('set_defaults').flatMap((c) => (c.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === attr) as Node[]);
    if (set.length) return this.evalStatic(set[set.length - 1].childForFieldName('value')!);
    // Which add_argument() calls can define `attr`: one pass over all of them, then a map.
    if (!this.argIndex) {
      this.argIndex = new Map();
      for (const call of this.index.methodCalls('add_argument')) {
        const args = call.childForFieldName('arguments');
        if (!args) continue;
        const names = new Set<string>();
        for (const a of args.namedChildren) {
          if (!a) continue;
          if (a.type === 'string') names.add(a.text.replace(/^[rbuRBU]*['"]+|['"]+$/g, '').replace(/^-+/, '').replace(/-/g, '_'));
          else if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'dest') names.add((a.childForFieldName('value')?.text ?? '').replace(/^[rbuRBU]*['"]+|['"]+$/g, '').replace(/-/g, '_'));
        }
        for (const nm of names) {
          const l = this.argIndex.get(nm);
          if (l) l.push(call); else this.argIndex.set(nm, [call]);
        }
      }
    }
    for (const call of this.argIndex.get(attr) ?? []) {
      const args = call.childForFieldName('arguments');
      if (!args) continue;
      let dest: string | null = null;
      let firstLong: string | null = null;
      let firstShort: string | null = null;
      let def: Node | null = null;
      let action: string | null = null;
      let typeNode: Node | null = null;
      for (const a of args.namedChildren) {
        if (!a) continue;
        if (a.type === 'string') {
          const s = a.text.replace(/^[rbuRBU]*['"]+|['"]+$/g, '');
          if (s.startsWith('--')) firstLong ??= s.slice(2);
          else if (s.startsWith('-')) firstShort ??= s.slice(1);
          else dest ??= s;
        } else if (a.type === 'keyword_argument') {
          const k = a.childForFieldName('name')?.text;
          const v = a.childForFieldName('value');
          if (k === 'dest' && v?.type === 'string') dest = v.text.replace(/^[rbuRBU]*['"]+|['"]+$/g, '');
          else if (k === 'default') def = v;
          else if (k === 'action' && v?.type === 'string') action = v.text.replace(/^['"]+|['"]+$/g, '');
          else if (k === 'type') typeNode = v;
        }
      }
      const name = (dest ?? firstLong ?? firstShort ?? '').replace(/-/g, '_');
      if (name !== attr) continue;
      if (!def) {
        if (action === 'store_true') return { t: 'bool', v: false };
        if (action === 'store_false') return { t: 'bool', v: true };
        return { t: 'none' };
      }
      let v = this.evalStatic(def);
      if (v.t === 'str' && typeNode) {
        const conv = typeNode.text;
        if (conv === 'int' || conv === 'float') v = callBuiltin(conv, [v], node);
      }
      return v;
    }
    void certain;
    return null;
  }

  private subscript(node: Node, env: Env): Val {
    const obj = this.eval(node.childForFieldName('value')!, env);
    const subs = node.childrenForFieldName('subscript').filter((c) => c) as Node[];
    if (subs.length !== 1) throw new Unknown(node, 'multi-dimensional subscript');
    const sub = subs[0];
    if (sub.type === 'slice') {
      if (obj.t !== 'list' && obj.t !== 'tuple' && obj.t !== 'str') throw new Unknown(node, `cannot slice ${node.text}`);
      const parts: (number | null)[] = [null, null, null];
      let k = 0;
      for (const c of sub.children) {
        if (!c) continue;
        if (c.type === ':') k++;
        else parts[k] = toIntIndex(this.eval(c, env), c);
      }
      const seq = obj.t === 'str' ? [...obj.v].map((ch) => ({ t: 'str', v: ch }) as PyValue) : obj.items;
      const out = pySlice(seq, parts[0], parts[1], parts[2]);
      if (obj.t === 'str') return { t: 'str', v: out.map((x) => (x as { v: string }).v).join('') };
      return { t: obj.t, items: out };
    }
    const key = this.eval(sub, env);
    return getItem(obj, key, node);
  }

  evalArgs(argList: Node | null, env: Env): { pos: Val[]; kw: Map<string, Val> } {
    const pos: Val[] = [];
    const kw = new Map<string, Val>();
    if (!argList) return { pos, kw };
    if (argList.type === 'generator_expression') throw new Unknown(argList, 'generator expressions are not evaluated');
    for (const a of argList.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        kw.set(a.childForFieldName('name')!.text, this.eval(a.childForFieldName('value')!, env));
      } else if (a.type === 'list_splat') {
        pos.push(...iterate(this.eval(a.namedChildren[0]!, env), a));
      } else if (a.type === 'dictionary_splat') {
        const d = this.eval(a.namedChildren[0]!, env);
        if (d.t !== 'dict') throw new Unknown(a, `cannot expand ${a.text}`);
        for (const [k, v] of d.entries) if (k.t === 'str') kw.set(k.v, v);
      } else pos.push(this.eval(a, env));
    }
    return { pos, kw };
  }

  private call(node: Node, env: Env): Val {
    const fnNode = node.childForFieldName('function')!;
    const argList = node.childForFieldName('arguments');
    const fn = this.eval(fnNode, env);
    if (fn.t === 'qual') {
      const hooked = this.hooks.callQualified?.(fn.path, node, () => this.evalArgs(argList, env));
      if (hooked) return hooked;
      if (!isEvaluatedPath(fn.path)) throw new Unknown(node, t('{0}() is not evaluated', fn.path));
      const { pos, kw } = this.evalArgs(argList, env);
      return this.callQual(fn.path, pos, kw, node);
    }
    if (fn.t === 'builtin' && fn.name === 'len') {
      // `len(train_dataloader)`: say what is unknown (a length known at run time), not why the
      // loader itself could not be evaluated (`Accelerator() is not evaluated`).
      try {
        const { pos, kw } = this.evalArgs(argList, env);
        return this.callValue(fn, pos, kw, node);
      } catch (e) {
        if (e instanceof Unknown) throw new Unknown(node, argList?.namedChildren[0] ? t('the length of {0} is only known at run time', argList.namedChildren[0].text) : t('the length of it is only known at run time'));
        throw e;
      }
    }
    const { pos, kw } = this.evalArgs(argList, env);
    return this.callValue(fn, pos, kw, node);
  }

  callValue(fn: Val, pos: Val[], kw: Map<string, Val>, node: Node): Val {
    switch (fn.t) {
      case 'func': {
        const uf = fn as UserFunction;
        if (uf.callKw) return uf.callKw(pos, kw);
        if (kw.size) throw new Unknown(node, 'keyword arguments to this function are not supported');
        return fn.call(pos.map(toPy));
      }
      case 'builtin':
        return fn.fn(pos, kw, node);
      case 'qual':
        return this.callQual(fn.path, pos, kw, node);
      case 'class':
        return this.instantiate(fn, pos, kw, node);
      case 'method':
        return this.callMethod(fn.self, fn.name, pos, kw, node);
      case 'opaque':
      case 'scheduler':
      case 'optimizer':
        throw new Unknown(node, t('{0} is not evaluated', node.text));
      default:
        throw new PyError('TypeError', `'${typeName(fn)}' object is not callable`);
    }
  }

  callQual(path: string, pos: Val[], kw: Map<string, Val>, node: Node): Val {
    const short = path.replace(/^(numpy|np)\./, 'math.');
    const m = MATH_FUNCS.get(short);
    if (m) {
      if (kw.size) throw new Unknown(node, `keyword arguments to ${path}() are not supported`);
      return m(pos.map(toPy));
    }
    if (path === 'functools.partial') {
      const [f, ...bound] = pos;
      if (!f) throw new PyError('TypeError', 'type \'partial\' takes at least one argument');
      const self = this;
      const g: UserFunction = {
        t: 'func', name: 'partial', node, source: node.text,
        call(args) { return toPy(self.callValue(f, [...bound, ...args], new Map(kw), node)); },
        callKw(args, k2) { return self.callValue(f, [...bound, ...args], new Map([...kw, ...k2]), node); },
      };
      return g;
    }
    if (path === 'dataclasses.field') {
      const d = kw.get('default');
      if (d) return d;
      throw new Unknown(node, 'dataclass field without a default');
    }
    if (path === 'argparse.ArgumentParser') return { t: 'parser' };
    const ns = NAMESPACES.get(path);
    if (ns !== undefined) return namespace(path.slice(path.lastIndexOf('.') + 1), ns, pos, kw, node);
    const b = BUILTINS.get(path.replace(/^builtins\./, ''));
    if (b && path.startsWith('builtins.')) return b.fn(pos, kw, node);
    throw new Unknown(node, t('{0}() is not evaluated', path));
  }

  private callMethod(self: Val, name: string, pos: Val[], kw: Map<string, Val>, node: Node): Val {
    if (self.t === 'dict') {
      if (name === 'get') {
        const key = toPy(pos[0] ?? kw.get('key') ?? { t: 'none' });
        const found = self.entries.find(([k]) => pyEquals(k, key));
        if (found) return found[1];
        return pos[1] ?? kw.get('default') ?? { t: 'none' };
      }
      if (name === 'keys') return { t: 'list', items: self.entries.map(([k]) => k) };
      if (name === 'values') return { t: 'list', items: self.entries.map(([, v]) => v) };
      if (name === 'items') return { t: 'list', items: self.entries.map(([k, v]) => ({ t: 'tuple', items: [k, v] })) };
      if (name === 'copy') return { t: 'dict', entries: [...self.entries] };
    }
    if (self.t === 'parser' && (name === 'parse_args')) return { t: 'argns', node };
    if (self.t === 'parser' && name === 'parse_known_args') return { t: 'tuple', items: [{ t: 'argns', node }, { t: 'list', items: [] }] } as Val;
    if (self.t === 'str' && (name === 'startswith' || name === 'endswith') && pos.length === 1 && kw.size === 0) {
      // `args.opt.lower().startswith("sgd")`: which optimizer branch the defaults take
      const a = pos[0];
      const parts = a.t === 'str' ? [a.v] : a.t === 'tuple' && a.items.every((x) => x.t === 'str') ? a.items.map((x) => (x as { v: string }).v) : null;
      if (!parts) throw new PyError('TypeError', `${name} first arg must be str or a tuple of str, not ${typeName(a)}`);
      return { t: 'bool', v: parts.some((p) => (name === 'startswith' ? self.v.startsWith(p) : self.v.endsWith(p))) };
    }
    if (self.t === 'str' && (name === 'strip' || name === 'lstrip' || name === 'rstrip') && pos.length === 0 && kw.size === 0) {
      const ws = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;
      const v = name === 'strip' ? self.v.replace(ws, '') : name === 'lstrip' ? self.v.replace(/^[ \t\n\r\f\v]+/, '') : self.v.replace(/[ \t\n\r\f\v]+$/, '');
      return { t: 'str', v };
    }
    if (self.t === 'str' && name === 'lower') return { t: 'str', v: self.v.toLowerCase() };
    if (self.t === 'str' && name === 'upper') return { t: 'str', v: self.v.toUpperCase() };
    throw new Unknown(node, `.${name}() is not evaluated`);
  }

  private instantiate(cls: { t: 'class'; name: string; node: Node }, pos: Val[], kw: Map<string, Val>, node: Node): Val {
    const body = cls.node.childForFieldName('body');
    const fields = new Map<string, Val>();
    const order: string[] = [];
    for (const stmt of body?.namedChildren ?? []) {
      if (!stmt) continue;
      if (stmt.type === 'function_definition' && stmt.childForFieldName('name')?.text === '__init__') {
        // `DecayLR(200, 0, 100)`: run a small __init__ that sets attributes (self.x = ...)
        const init = this.classAttr(cls, '__init__', node);
        const self: Val = { t: 'instance', cls, fields };
        if (init.t !== 'func' || !(init as UserFunction).callKw) throw new Unknown(node, `${cls.name}.__init__ is not evaluated`);
        (init as UserFunction).callKw([self, ...pos], kw);
        return self;
      }
      const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : null;
      if (a && a.type === 'assignment' && a.childForFieldName('left')?.type === 'identifier' && a.childForFieldName('type')) {
        order.push(a.childForFieldName('left')!.text);
      }
    }
    if (pos.length > order.length) throw new PyError('TypeError', `${cls.name}.__init__() takes ${order.length + 1} positional arguments but ${pos.length + 1} were given`);
    pos.forEach((v, i) => fields.set(order[i], v));
    for (const [k, v] of kw) {
      if (!order.includes(k)) throw new PyError('TypeError', `${cls.name}.__init__() got an unexpected keyword argument '${k}'`);
      fields.set(k, v);
    }
    return { t: 'instance', cls, fields };
  }

  // ---------------------------------------------------------------- functions

  /** Builds a callable from a `lambda` or `def` node; free names resolve through `closure`. */
  /** User functions built so far (they may read the syntax tree when called, after the analysis). */
  functionsBuilt = 0;

  makeFunction(liveOrSnap: Node, closureEnv: Env): UserFunction {
    this.functionsBuilt++;
    let node = liveOrSnap;
    let closure = closureEnv;
    const name = node.type === 'lambda' ? '<lambda>' : node.childForFieldName('name')?.text ?? '<function>';
    const self = this;
    const defaults = new Map<string, Val>();
    let defaultsDone = false;
    let defaultsError: unknown = null;
    let captured: Map<string, Val | Unknown | PyError> | undefined;
    let selfNames: string[] = [];
    if (!isSnapshot(liveOrSnap)) {
      // Built from the live tree: resolve free names and defaults now, keep a copy of the body.
      const live = liveOrSnap;
      const outer = closureEnv instanceof StaticEnv ? new StaticEnv(this, live) : closureEnv;
      // The copy is plain JS: walking it (locals, free names) is much cheaper than the live tree.
      const snap = snapshot(live, this.snapshots);
      this.selfRefs = [];
      captured = this.capture(live, outer, snap);
      selfNames = this.selfRefs;
      try {
        for (const p of params(live)) if (p.def) defaults.set(p.name, this.eval(p.def, closureEnv));
      } catch (e) {
        if (!(e instanceof Unknown || e instanceof PyError)) throw e;
        defaultsError = e;
      }
      defaultsDone = true;
      node = snap;
      closure = new CapturedEnv(captured);
    }
    let compiled: CompiledBody | null = null;
    const fn: UserFunction = {
      t: 'func', name, node, source: node.text, captured,
      call(args: PyValue[]): PyValue {
        try {
          return toPy(fn.callKw(args, new Map()));
        } catch (e) {
          if (e instanceof Unknown) throw new PyError('NameError', `lr-preview cannot evaluate ${e.text}: ${e.reason}`);
          if (e instanceof RangeError) throw new PyError('RecursionError', 'maximum recursion depth exceeded');
          throw e;
        }
      },
      callKw(args: Val[], kw: Map<string, Val>): Val {
        if (defaultsError) throw defaultsError;
        if (!defaultsDone) {
          for (const p of params(node)) if (p.def) defaults.set(p.name, self.eval(p.def, closure));
          defaultsDone = true;
        }
        const top = self.depth === 0;
        if (top) self.callOps = 0;
        if (++self.depth > LIMITS.depth) {
          self.depth--;
          throw new PyError('RecursionError', 'maximum recursion depth exceeded');
        }
        try {
          const env = new LocalEnv(closure, self.localsOf(node), name);
          bindParams(name, node, args, kw, defaults, env);
          if (COMPILE.enabled) {
            compiled ??= compileBody(self, node, self.localsOf(node), closure instanceof CapturedEnv);
            if (compiled.expr) return compiled.expr(env);
            const flow = compiled.block!(env);
            return flow instanceof ReturnSignal ? flow.value : { t: 'none' };
          }
          const body = node.childForFieldName('body')!;
          if (node.type === 'lambda') return self.eval(body, env);
          const flow = self.execBlock(body, env);
          return flow instanceof ReturnSignal ? flow.value : { t: 'none' };
        } finally {
          self.depth--;
        }
      },
    };
    if (captured) for (const n of selfNames) captured.set(n, fn);
    Object.defineProperty(fn, 'newRun', { enumerable: false, value: () => self.newRun() });
    // Keep values JSON-safe (they travel to webviews): the syntax copy and captures are not data.
    Object.defineProperty(fn, 'node', { enumerable: false });
    Object.defineProperty(fn, 'captured', { enumerable: false });
    // The plain-number path (PyFunction.callNumber), compiled when first asked for. Asked for only
    // outside calls: then no function is running, and every value its free names can reach is
    // final (an enclosing call has returned; no later code can assign in its scope).
    let numeric: NumericFunction | null | undefined;
    Object.defineProperty(fn, 'callNumber', {
      enumerable: false,
      configurable: true,
      get(): NumericFunction | undefined {
        if (!NUMERIC.enabled || self.depth !== 0) return undefined;
        if (numeric === undefined) {
          numeric = null;
          if (!defaultsError && !defaultsDone) {
            try {
              for (const p of params(node)) if (p.def) defaults.set(p.name, self.eval(p.def, closure));
              defaultsDone = true;
            } catch {
              // the boxed call raises it
            }
          }
          if (defaultsDone && !defaultsError) numeric = self.numeric(node, closure, defaults);
        }
        return numeric ?? undefined;
      },
    });
    return fn;
  }

  /** A user function's numeric path (numeric.ts), or null. */
  private numeric(node: Node, closure: Env, defaults: Map<string, Val>): NumericFunction | null {
    return compileNumeric({
      node,
      locals: this.localsOf(node),
      params: params(node),
      defaults,
      free: (name, use) => closure.get(name, use),
      getAttr: (obj, attr, use) => this.getAttr(obj, attr, use),
      argparseDefault: (attr, use) => this.argparseDefault(attr, use, false),
      evalConst: (n) => this.eval(n, closure),
      measure: (f) => this.measureOps(f),
      charge: (n) => this.chargeOps(n),
    }, NUMERIC_LIB);
  }

  localsOf(fn: Node): Set<string> {
    let s = this.localsCache.get(fn.id);
    if (s) return s;
    s = new Set<string>();
    for (const p of params(fn)) s.add(p.name);
    if (fn.type === 'function_definition') collectAssigned(fn.childForFieldName('body')!, s);
    this.localsCache.set(fn.id, s);
    return s;
  }

  private execBlock(block: Node, env: LocalEnv): Flow {
    for (const stmt of block.namedChildren) {
      if (!stmt) continue;
      const flow = this.exec(stmt, env);
      if (flow) return flow;
    }
    return undefined;
  }

  exec(stmt: Node, env: LocalEnv): Flow {
    this.tick(stmt);
    switch (stmt.type) {
      case 'comment':
      case 'pass_statement':
      case 'global_statement':
      case 'nonlocal_statement':
        return;
      case 'expression_statement': {
        for (const c of stmt.namedChildren) {
          if (!c) continue;
          if (c.type === 'assignment') this.assign(c, env);
          else if (c.type === 'augmented_assignment') {
            const left = c.childForFieldName('left')!;
            if (left.type !== 'identifier') throw new Unknown(left, 'augmented assignment target not supported');
            const op = c.childForFieldName('operator')!.text.slice(0, -1);
            env.vars.set(left.text, binop(op, this.eval(left, env), this.eval(c.childForFieldName('right')!, env), c));
          } else if (c.type === 'string' || c.type === 'concatenated_string') {
            // docstring
          } else if (c.type === 'call' && IGNORED_CALLS.test(c.text)) {
            // output only (and a base class's __init__, whose attributes the preview does not need)
          } else this.eval(c, env);
        }
        return;
      }
      case 'return_statement': {
        const v = stmt.namedChildren.find((c) => c && c.type !== 'comment');
        return new ReturnSignal(v ? this.eval(v, env) : { t: 'none' });
      }
      case 'if_statement': {
        if (truthy(this.eval(stmt.childForFieldName('condition')!, env))) return this.execBlock(stmt.childForFieldName('consequence')!, env);
        for (const alt of stmt.childrenForFieldName('alternative')) {
          if (!alt) continue;
          if (alt.type === 'elif_clause') {
            if (truthy(this.eval(alt.childForFieldName('condition')!, env))) return this.execBlock(alt.childForFieldName('consequence')!, env);
          } else if (alt.type === 'else_clause') {
            return this.execBlock(alt.childForFieldName('body')!, env);
          }
        }
        return;
      }
      case 'for_statement': {
        const it = this.eval(stmt.childForFieldName('right')!, env);
        const body = stmt.childForFieldName('body')!;
        for (const item of iterate(it, stmt)) {
          assignTarget(stmt.childForFieldName('left')!, item, env);
          const flow = this.execBlock(body, env);
          if (flow === BREAK) return undefined; // skips the else clause
          if (flow instanceof ReturnSignal) return flow;
        }
        return this.loopElse(stmt, env);
      }
      case 'while_statement': {
        const body = stmt.childForFieldName('body')!;
        while (truthy(this.eval(stmt.childForFieldName('condition')!, env))) {
          const flow = this.execBlock(body, env);
          if (flow === BREAK) return undefined;
          if (flow instanceof ReturnSignal) return flow;
        }
        return this.loopElse(stmt, env);
      }
      case 'break_statement': return BREAK;
      case 'continue_statement': return CONTINUE;
      case 'function_definition':
        env.vars.set(stmt.childForFieldName('name')!.text, this.makeFunction(stmt, env));
        return;
      case 'raise_statement': {
        const e = stmt.namedChildren[0];
        if (e && e.type === 'call') {
          const typeName = e.childForFieldName('function')!.text;
          const args = this.evalArgs(e.childForFieldName('arguments'), env);
          throw new PyError(typeName, args.pos.length ? pyStr(toPy(args.pos[0])) : '');
        }
        throw new PyError(e?.text ?? 'RuntimeError', '');
      }
      case 'assert_statement': {
        const [cond, msg] = stmt.namedChildren;
        if (cond && !truthy(this.eval(cond, env))) throw new PyError('AssertionError', msg ? pyStr(toPy(this.eval(msg, env))) : '');
        return;
      }
      default:
        throw new Unknown(stmt, t('{0} is not evaluated', stmt.type.replace(/_/g, ' ')));
    }
  }

  /** A loop's `else:` runs when the loop ends without break. */
  private loopElse(stmt: Node, env: LocalEnv): Flow {
    const alt = stmt.childForFieldName('alternative');
    return alt ? this.execBlock(alt.childForFieldName('body') ?? alt, env) : undefined;
  }

  private assign(a: Node, env: LocalEnv): void {
    const { targets, value } = assignmentParts(a);
    if (!value) return; // annotation only
    const v = this.eval(value, env);
    for (const t of targets) assignTarget(t, v, env);
  }

  /** Free names of a function (and of functions it uses) that are not known statically. */
  unresolvedFreeNames(fn: UserFunction, seen = new Set<UserFunction>()): Unknown[] {
    if (seen.has(fn) || !fn.captured) return [];
    seen.add(fn);
    const out: Unknown[] = [];
    for (const v of fn.captured.values()) {
      if (v instanceof Unknown) out.push(v);
      else if (!(v instanceof PyError) && v.t === 'func') out.push(...this.unresolvedFreeNames(v as UserFunction, seen));
    }
    return out;
  }

  /** Resolves the free names of a live function node through `env`. */
  private capture(fn: Node, env: Env, snap: Node): Map<string, Val | Unknown | PyError> {
    const out = new Map<string, Val | Unknown | PyError>();
    const names = new Map<string, Node>();
    collectUses(snap.childForFieldName('body')!, names);
    // Same names as the live node's (the copy has the same shape).
    const locals = this.localsOf(snap);
    this.localsCache.set(fn.id, locals);
    for (const [name, snapUse] of names) {
      if (locals.has(name)) continue;
      // The live identifier at the same place (lookups climb the live tree).
      const found = this.index.root.descendantForIndex(snapUse.startIndex, snapUse.endIndex);
      const use = found && found.type === 'identifier' && found.startIndex === snapUse.startIndex && found.endIndex === snapUse.endIndex ? found : liveUse(fn, name);
      if (!use) continue;
      const b = this.index.lookup(name, use);
      if (b && isWithin(b.scope, fn) && !sameNode(b.scope, fn)) continue; // nested lambda params etc.
      if (b && b.kind === 'def' && sameNode(b.stmt, fn)) { this.selfRefs.push(name); continue; } // recursion
      try {
        out.set(name, env.get(name, use));
      } catch (e) {
        if (e instanceof Unknown || e instanceof PyError) out.set(name, e);
        else throw e;
      }
    }
    return out;
  }
}

// ---------------------------------------------------------------- helpers

/** The value of a number, True/False or None literal, as eval reads it (Unknown if unreadable). */
export function literal(node: Node): Val {
  switch (node.type) {
    case 'integer': {
      const t = node.text.replace(/_/g, '');
      if (/[jJ]$/.test(t)) throw new Unknown(node, 'complex numbers are not supported');
      const v = /^0[0-7]+$/.test(t) ? NaN : Number(t.replace(/[lL]$/, ''));
      if (Number.isNaN(v)) throw new Unknown(node, `cannot read the number ${node.text}`);
      return { t: 'int', v };
    }
    case 'float': {
      const t = node.text.replace(/_/g, '');
      if (/[jJ]$/.test(t)) throw new Unknown(node, 'complex numbers are not supported');
      return { t: 'float', v: Number(t) };
    }
    case 'true': return { t: 'bool', v: true };
    case 'false': return { t: 'bool', v: false };
    case 'none': return { t: 'none' };
    default: throw new Unknown(node, 'not a literal');
  }
}

export interface ParamInfo { name: string; kind: 'pos' | 'star' | 'kwonly' | 'dstar'; def?: Node }

/** Parameters of a function node; read once per node (bindParams asks at every call). */
const paramsCache = new WeakMap<Node, ParamInfo[]>();
export function params(fn: Node): ParamInfo[] {
  let out = paramsCache.get(fn);
  if (!out) paramsCache.set(fn, (out = readParams(fn)));
  return out;
}

function readParams(fn: Node): ParamInfo[] {
  const ps = fn.childForFieldName('parameters');
  const out: ParamInfo[] = [];
  if (!ps) return out;
  let kwonly = false;
  for (const p of ps.namedChildren) {
    if (!p) continue;
    switch (p.type) {
      case 'identifier': out.push({ name: p.text, kind: kwonly ? 'kwonly' : 'pos' }); break;
      case 'typed_parameter': {
        const id = p.namedChildren[0];
        if (id?.type === 'identifier') out.push({ name: id.text, kind: kwonly ? 'kwonly' : 'pos' });
        else if (id?.type === 'list_splat_pattern') { out.push({ name: id.namedChildren[0]!.text, kind: 'star' }); kwonly = true; }
        else if (id?.type === 'dictionary_splat_pattern') out.push({ name: id.namedChildren[0]!.text, kind: 'dstar' });
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        out.push({ name: p.childForFieldName('name')!.text, kind: kwonly ? 'kwonly' : 'pos', def: p.childForFieldName('value') ?? undefined });
        break;
      case 'list_splat_pattern': out.push({ name: p.namedChildren[0]?.text ?? '_', kind: 'star' }); kwonly = true; break;
      case 'keyword_separator': kwonly = true; break;
      case 'dictionary_splat_pattern': out.push({ name: p.namedChildren[0]?.text ?? '_', kind: 'dstar' }); break;
    }
  }
  return out;
}

function bindParams(fname: string, fn: Node, args: Val[], kw: Map<string, Val>, defaults: Map<string, Val>, env: LocalEnv): void {
  const ps = params(fn);
  // The common call, `lr_lambda(step)`: as many positional arguments as plain parameters.
  if (kw.size === 0 && args.length === ps.length && ps.every((p) => p.kind === 'pos')) {
    for (let i = 0; i < ps.length; i++) env.vars.set(ps[i].name, args[i]);
    return;
  }
  const positional = ps.filter((p) => p.kind === 'pos');
  const star = ps.find((p) => p.kind === 'star');
  const dstar = ps.find((p) => p.kind === 'dstar');
  if (args.length > positional.length && !star) {
    const min = positional.filter((p) => !p.def).length;
    const takes = min === positional.length ? `${positional.length} positional argument${positional.length === 1 ? '' : 's'}` : `from ${min} to ${positional.length} positional arguments`;
    throw new PyError('TypeError', `${fname}() takes ${takes} but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`);
  }
  positional.forEach((p, i) => { if (i < args.length) env.vars.set(p.name, args[i]); });
  if (star) env.vars.set(star.name, { t: 'tuple', items: args.slice(positional.length).map(toPy) });
  const extra: [PyValue, PyValue][] = [];
  for (const [k, v] of kw) {
    const p = ps.find((q) => q.name === k && (q.kind === 'pos' || q.kind === 'kwonly'));
    if (!p) {
      if (dstar) { extra.push([{ t: 'str', v: k }, toPy(v)]); continue; }
      throw new PyError('TypeError', `${fname}() got an unexpected keyword argument '${k}'`);
    }
    if (env.vars.has(k)) throw new PyError('TypeError', `${fname}() got multiple values for argument '${k}'`);
    env.vars.set(k, v);
  }
  if (dstar) env.vars.set(dstar.name, { t: 'dict', entries: extra });
  const missing = positional.filter((p) => !env.vars.has(p.name) && !p.def).map((p) => p.name);
  if (missing.length) {
    const list = missing.length === 1 ? `'${missing[0]}'` : missing.slice(0, -1).map((m) => `'${m}'`).join(', ') + ` and '${missing[missing.length - 1]}'`;
    throw new PyError('TypeError', `${fname}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`);
  }
  const missingKw = ps.filter((p) => p.kind === 'kwonly' && !env.vars.has(p.name) && !p.def).map((p) => p.name);
  if (missingKw.length) throw new PyError('TypeError', `${fname}() missing ${missingKw.length} required keyword-only argument${missingKw.length === 1 ? '' : 's'}: ${missingKw.map((m) => `'${m}'`).join(', ')}`);
  for (const p of ps) if (!env.vars.has(p.name) && defaults.has(p.name)) env.vars.set(p.name, defaults.get(p.name)!);
}

function collectTargets(t: Node, out: Set<string>): void {
  if (t.type === 'identifier') out.add(t.text);
  else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression'].includes(t.type)) {
    for (const c of t.namedChildren) if (c) collectTargets(c, out);
  }
}

function collectAssigned(n: Node, out: Set<string>): void {
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'function_definition' || c.type === 'class_definition') {
      const nm = c.childForFieldName('name');
      if (nm) out.add(nm.text);
      continue;
    }
    if (c.type === 'lambda' || c.type.endsWith('comprehension') || c.type === 'generator_expression') continue;
    if (c.type === 'assignment' || c.type === 'augmented_assignment') {
      collectTargets(c.childForFieldName('left')!, out);
      let r = c.childForFieldName('right');
      while (r && r.type === 'assignment') { collectTargets(r.childForFieldName('left')!, out); r = r.childForFieldName('right'); }
    } else if (c.type === 'for_statement') collectTargets(c.childForFieldName('left')!, out);
    else if (c.type === 'named_expression') out.add(c.childForFieldName('name')!.text);
    collectAssigned(c, out);
  }
}

function collectUses(n: Node, out: Map<string, Node>): void {
  if (n.type === 'identifier') {
    const p = n.parent;
    if (p && p.type === 'attribute' && sameNode(p.childForFieldName('attribute'), n)) return;
    if (p && p.type === 'keyword_argument' && sameNode(p.childForFieldName('name'), n)) return;
    if (!out.has(n.text)) out.set(n.text, n);
    return;
  }
  for (const c of n.namedChildren) if (c) collectUses(c, out);
}

/** First use of `name` in a live function body, found by walking it (fallback). */
function liveUse(fn: Node, name: string): Node | null {
  const names = new Map<string, Node>();
  collectUses(fn.childForFieldName('body')!, names);
  return names.get(name) ?? null;
}

function isWithin(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

function assignTarget(t: Node, v: Val, env: LocalEnv): void {
  if (t.type === 'identifier') {
    env.vars.set(t.text, v);
    return;
  }
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(t.type)) {
    const targets = t.namedChildren.filter((c) => c && c.type !== 'comment') as Node[];
    const items = iterate(v, t);
    if (items.length !== targets.length) {
      throw new PyError('ValueError', items.length > targets.length ? `too many values to unpack (expected ${targets.length})` : `not enough values to unpack (expected ${targets.length}, got ${items.length})`);
    }
    targets.forEach((c, i) => assignTarget(c, items[i], env));
    return;
  }
  if (t.type === 'parenthesized_expression' && t.namedChildren[0]) return assignTarget(t.namedChildren[0], v, env);
  // `self.n_epochs = n_epochs` in a method: the instance's field
  const obj = t.type === 'attribute' ? t.childForFieldName('object') : null;
  if (obj?.type === 'identifier') {
    let target: Val | null = null;
    try { target = env.get(obj.text, obj); } catch { target = null; }
    if (target?.t === 'instance' && target.cls.node.type !== 'call') {
      target.fields.set(t.childForFieldName('attribute')!.text, v);
      return;
    }
  }
  throw new Unknown(t, `assignment to ${t.text} is not evaluated`);
}

/** A method bound to an instance: called with `self` first. */
function bindMethod(fn: UserFunction, self: Val): UserFunction {
  const bound: UserFunction = {
    t: 'func', name: fn.name, node: fn.node, source: fn.source, captured: fn.captured,
    call(args: PyValue[]): PyValue {
      try {
        return toPy(fn.callKw([self, ...args], new Map()));
      } catch (e) {
        if (e instanceof Unknown) throw new PyError('NameError', `lr-preview cannot evaluate ${e.text}: ${e.reason}`);
        throw e;
      }
    },
    callKw: (args, kw) => fn.callKw([self, ...args], kw),
    bound: true,
  };
  Object.defineProperty(bound, 'node', { enumerable: false });
  Object.defineProperty(bound, 'captured', { enumerable: false });
  return bound;
}

function unpackItem(v: Val, i: number, node: Node, _n: number): Val {
  if (v.t === 'tuple' || v.t === 'list') {
    const item = v.items[i];
    if (item === undefined) throw new PyError('ValueError', `not enough values to unpack (expected more than ${v.items.length})`);
    return item;
  }
  if (v.t === 'str') return { t: 'str', v: v.v[i] ?? '' };
  throw new Unknown(node, `cannot unpack ${node.text}`);
}

function fieldDefault(v: Val): Val {
  return v;
}

export function toPy(v: Val): PyValue {
  switch (v.t) {
    case 'qual': return { t: 'opaque', source: v.path };
    case 'argns': return { t: 'opaque', source: 'args' };
    case 'parser': return { t: 'opaque', source: 'ArgumentParser' };
    case 'class': return { t: 'opaque', source: v.name };
    case 'instance': return { t: 'opaque', source: `${v.cls.name}(...)` };
    case 'builtin': return { t: 'opaque', source: v.name };
    case 'method': return { t: 'opaque', source: v.name };
    default: return v;
  }
}

export function typeName(v: Val): string {
  switch (v.t) {
    case 'qual': return 'module';
    case 'argns': return 'Namespace';
    case 'parser': return 'ArgumentParser';
    case 'class': return 'type';
    case 'instance': return v.cls.name;
    case 'builtin': return 'builtin_function_or_method';
    case 'method': return 'method';
    default: return pyTypeName(v);
  }
}

export function truthy(v: Val): boolean {
  switch (v.t) {
    case 'int': case 'float': return v.v !== 0;
    case 'bool': return v.v;
    case 'str': return v.v.length > 0;
    case 'none': return false;
    case 'list': case 'tuple': return v.items.length > 0;
    case 'dict': return v.entries.length > 0;
    default: return true;
  }
}

function isNum(v: Val): v is { t: 'int' | 'float' | 'bool'; v: any } {
  return v.t === 'int' || v.t === 'float' || v.t === 'bool';
}
function num(v: { t: 'int' | 'float' | 'bool'; v: any }): number {
  return v.t === 'bool' ? (v.v ? 1 : 0) : v.v;
}
function isIntLike(v: Val): boolean {
  return v.t === 'int' || v.t === 'bool';
}

const OP_NAMES: Record<string, string> = { '+': '+', '-': '-', '*': '*', '/': '/', '//': '//', '%': '%', '**': '** or pow()', '@': '@', '&': '&', '|': '|', '^': '^', '<<': '<<', '>>': '>>' };

function checkFloat(x: number, op: string): number {
  if (!Number.isFinite(x) && op === '**') throw new PyError('OverflowError', "(34, 'Numerical result out of range')");
  return x;
}

export function binop(op: string, a: Val, b: Val, node: Node): Val {
  if (a.t === 'opaque' || b.t === 'opaque' || a.t === 'scheduler' || b.t === 'scheduler' || a.t === 'optimizer' || b.t === 'optimizer') {
    throw new Unknown(node, t('{0} is not known statically', node.text));
  }
  if (isNum(a) && isNum(b)) {
    const x = num(a), y = num(b);
    const ints = isIntLike(a) && isIntLike(b);
    switch (op) {
      case '+': return ints ? { t: 'int', v: x + y } : { t: 'float', v: x + y };
      case '-': return ints ? { t: 'int', v: x - y } : { t: 'float', v: x - y };
      case '*': return ints ? { t: 'int', v: x * y } : { t: 'float', v: x * y };
      case '/':
        if (y === 0) throw new PyError('ZeroDivisionError', ints ? 'division by zero' : 'float division by zero');
        return { t: 'float', v: x / y };
      case '//':
        if (y === 0) throw new PyError('ZeroDivisionError', ints ? 'integer division or modulo by zero' : 'float floor division by zero');
        return ints ? { t: 'int', v: Math.floor(x / y) } : { t: 'float', v: floatFloorDiv(x, y) };
      case '%':
        if (y === 0) throw new PyError('ZeroDivisionError', ints ? 'integer modulo by zero' : 'float modulo');
        return ints ? { t: 'int', v: intMod(x, y) } : { t: 'float', v: floatMod(x, y) };
      case '**': {
        if (x === 0 && y < 0) throw new PyError('ZeroDivisionError', '0.0 cannot be raised to a negative power');
        if (ints && y >= 0) return { t: 'int', v: Math.pow(x, y) };
        if (x < 0 && !Number.isInteger(y)) throw new Unknown(node, 'a negative number to a fractional power is complex');
        return { t: 'float', v: checkFloat(Math.pow(x, y), '**') };
      }
      case '&': case '|': case '^': case '<<': case '>>':
        if (!ints) break;
        return { t: 'int', v: op === '&' ? x & y : op === '|' ? x | y : op === '^' ? x ^ y : op === '<<' ? x * 2 ** y : Math.floor(x / 2 ** y) };
    }
  }
  if (op === '+') {
    if (a.t === 'str' && b.t === 'str') return { t: 'str', v: a.v + b.v };
    if (a.t === 'str') throw new PyError('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
    if (a.t === 'list' && b.t === 'list') return { t: 'list', items: [...a.items, ...b.items] };
    if (a.t === 'tuple' && b.t === 'tuple') return { t: 'tuple', items: [...a.items, ...b.items] };
    if (a.t === 'list') throw new PyError('TypeError', `can only concatenate list (not "${typeName(b)}") to list`);
    if (a.t === 'tuple') throw new PyError('TypeError', `can only concatenate tuple (not "${typeName(b)}") to tuple`);
  }
  if (op === '*') {
    const seq = a.t === 'list' || a.t === 'tuple' || a.t === 'str' ? a : b.t === 'list' || b.t === 'tuple' || b.t === 'str' ? b : null;
    const other = seq === a ? b : a;
    if (seq) {
      if (!isIntLike(other)) throw new PyError('TypeError', `can't multiply sequence by non-int of type '${typeName(other)}'`);
      const n = Math.max(0, num(other as any));
      const len = seq.t === 'str' ? seq.v.length : (seq as { items: PyValue[] }).items.length;
      if (n * Math.max(1, len) > 100_000) throw new Unknown(node, 'sequence too long to evaluate');
      if (seq.t === 'str') return { t: 'str', v: seq.v.repeat(n) };
      const items: PyValue[] = [];
      for (let i = 0; i < n; i++) items.push(...(seq as { items: PyValue[] }).items);
      return { t: (seq as { t: 'list' | 'tuple' }).t, items };
    }
  }
  if (op === '%' && a.t === 'str') throw new Unknown(node, 'string formatting is not evaluated');
  if (a.t === 'func' || b.t === 'func' || isNum(a) || isNum(b) || a.t === 'str' || a.t === 'list' || a.t === 'tuple' || a.t === 'none' || b.t === 'none' || b.t === 'tuple' || b.t === 'list' || b.t === 'str' || a.t === 'dict' || b.t === 'dict') {
    throw new PyError('TypeError', `unsupported operand type(s) for ${OP_NAMES[op] ?? op}: '${typeName(a)}' and '${typeName(b)}'`);
  }
  throw new Unknown(node, t('{0} is not known statically', node.text));
}

function intMod(x: number, y: number): number {
  const r = x % y;
  return r !== 0 && (r < 0) !== (y < 0) ? r + y : r === 0 ? 0 : r;
}

function floatMod(x: number, y: number): number {
  let mod = x % y;
  if (mod) {
    if ((y < 0) !== (mod < 0)) mod += y;
  } else mod = y < 0 ? -0 : 0;
  return mod;
}

function floatFloorDiv(x: number, y: number): number {
  // CPython float_floor_div
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod) {
    if ((y < 0) !== (mod < 0)) { mod += y; div -= 1.0; }
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else floordiv = (x / y < 0 ? -0 : 0);
  return floordiv;
}

export function unop(op: string, a: Val): Val {
  if (isNum(a)) {
    const x = num(a);
    if (op === '-') return a.t === 'float' ? { t: 'float', v: -x } : { t: 'int', v: -x };
    if (op === '+') return a.t === 'float' ? a : { t: 'int', v: x };
    if (op === '~' && a.t !== 'float') return { t: 'int', v: -x - 1 };
  }
  if (a.t === 'opaque') throw new PyError('TypeError', 'unknown');
  throw new PyError('TypeError', `bad operand type for unary ${op}: '${typeName(a)}'`);
}

export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (isNum(a) && isNum(b)) return num(a) === num(b);
  if (a.t === 'str' && b.t === 'str') return a.v === b.v;
  if (a.t === 'none' && b.t === 'none') return true;
  if ((a.t === 'list' && b.t === 'list') || (a.t === 'tuple' && b.t === 'tuple')) {
    return a.items.length === b.items.length && a.items.every((x, i) => pyEquals(x, b.items[i]));
  }
  if (a.t === 'dict' && b.t === 'dict') return a.entries.length === b.entries.length && a.entries.every(([k, v]) => b.entries.some(([k2, v2]) => pyEquals(k, k2) && pyEquals(v, v2)));
  return a === b;
}

/** A class decorated with `@dataclass` / `@dataclasses.dataclass(...)`. */
function isDataclass(cls: Node): boolean {
  const d = cls.parent?.type === 'decorated_definition' ? cls.parent : null;
  return !!d && d.namedChildren.some((c) => c?.type === 'decorator' && /^@\s*(dataclasses\.)?dataclass\b/.test(c.text));
}

/** `a < b <= c`: the operands and the operators between them (`not in`, `is not` joined). */
function comparisonParts(node: Node): { operands: Node[]; ops: string[] } {
  const operands: Node[] = [];
  const ops: string[] = [];
  for (const c of node.children) {
    if (!c) continue;
    if (c.isNamed) {
      if (c.type !== 'comment') operands.push(c);
    } else {
      const prev = ops.length > operands.length - 1 ? ops.pop() : undefined;
      ops.push(prev ? `${prev} ${c.text}` : c.text);
    }
  }
  return { operands, ops };
}

function compareOp(op: string, a: Val, b: Val): boolean {
  const pa = toPy(a), pb = toPy(b);
  switch (op) {
    case '==': return pyEquals(pa, pb);
    case '!=': case '<>': return !pyEquals(pa, pb);
    case 'is': return (pa.t === 'none' && pb.t === 'none') || (pa.t === 'bool' && pb.t === 'bool' && pa.v === pb.v) || pa === pb;
    case 'is not': return !compareOp('is', a, b);
    case 'in': return contains(pb, pa);
    case 'not in': return !contains(pb, pa);
  }
  if (isNum(pa) && isNum(pb)) {
    const x = num(pa), y = num(pb);
    return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
  }
  if (pa.t === 'str' && pb.t === 'str') return op === '<' ? pa.v < pb.v : op === '<=' ? pa.v <= pb.v : op === '>' ? pa.v > pb.v : pa.v >= pb.v;
  throw new PyError('TypeError', `'${op}' not supported between instances of '${typeName(pa)}' and '${typeName(pb)}'`);
}

function contains(container: PyValue, x: PyValue): boolean {
  if (container.t === 'list' || container.t === 'tuple') return container.items.some((i) => pyEquals(i, x));
  if (container.t === 'dict') return container.entries.some(([k]) => pyEquals(k, x));
  if (container.t === 'str' && x.t === 'str') return container.v.includes(x.v);
  throw new PyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

function iterate(v: Val, node: Node): PyValue[] {
  if (v.t === 'list' || v.t === 'tuple') return v.items;
  if (v.t === 'dict') return v.entries.map(([k]) => k);
  if (v.t === 'str') return [...v.v].map((c) => ({ t: 'str', v: c }) as PyValue);
  if (isNum(v) || v.t === 'none' || v.t === 'func') throw new PyError('TypeError', `'${typeName(v)}' object is not iterable`);
  throw new Unknown(node, t('{0} is not known statically', node.text));
}

function toIntIndex(v: Val, node: Node): number | null {
  if (v.t === 'none') return null;
  if (isIntLike(v)) return num(v as any);
  throw new Unknown(node, 'slice indices must be integers');
}

function pySlice(seq: PyValue[], start: number | null, stop: number | null, step: number | null): PyValue[] {
  const n = seq.length;
  const st = step ?? 1;
  if (st === 0) throw new PyError('ValueError', 'slice step cannot be zero');
  const norm = (i: number | null, d: number) => (i === null ? d : i < 0 ? Math.max(i + n, st < 0 ? -1 : 0) : Math.min(i, st < 0 ? n - 1 : n));
  const a = norm(start, st < 0 ? n - 1 : 0);
  const b = norm(stop, st < 0 ? -1 : n);
  const out: PyValue[] = [];
  if (st > 0) for (let i = a; i < b; i += st) out.push(seq[i]);
  else for (let i = a; i > b; i += st) out.push(seq[i]);
  return out;
}

function getItem(obj: Val, key: Val, node: Node): Val {
  if (obj.t === 'list' || obj.t === 'tuple' || obj.t === 'str') {
    if (!isIntLike(key)) throw new PyError('TypeError', `${obj.t} indices must be integers or slices, not ${typeName(key)}`);
    const len = obj.t === 'str' ? obj.v.length : obj.items.length;
    let i = num(key as any);
    if (i < 0) i += len;
    if (i < 0 || i >= len) throw new PyError('IndexError', `${obj.t} index out of range`);
    return obj.t === 'str' ? { t: 'str', v: obj.v[i] } : obj.items[i];
  }
  if (obj.t === 'dict') {
    const k = toPy(key);
    const found = obj.entries.find(([kk]) => pyEquals(kk, k));
    if (!found) throw new PyError('KeyError', repr(k));
    return found[1];
  }
  if (obj.t === 'instance' && obj.cls.node.type === 'call' && key.t === 'str' && obj.fields.has(key.v)) return obj.fields.get(key.v)!; // EasyDict['lr']
  if (obj.t === 'instance' || obj.t === 'opaque' || obj.t === 'qual' || obj.t === 'argns' || obj.t === 'optimizer' || obj.t === 'scheduler') {
    throw new Unknown(node, t('{0} is not known statically', node.text));
  }
  throw new PyError('TypeError', `'${typeName(obj)}' object is not subscriptable`);
}

function dictSet(entries: [PyValue, PyValue][], k: PyValue, v: PyValue): void {
  const i = entries.findIndex(([kk]) => pyEquals(kk, k));
  if (i >= 0) entries[i] = [entries[i][0], v];
  else entries.push([k, v]);
}

function unescape(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|N\{[^}]*\}|[0-7]{1,3}|.|\n)/g, (m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case '\\': return '\\';
      case "'": return "'";
      case '"': return '"';
      case '\n': return '';
      case 'x': case 'u': return e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : m;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': return String.fromCharCode(parseInt(e, 8));
      default: return m;
    }
  });
}

// ---------------------------------------------------------------- math and builtins

const KNOWN_CONSTANTS = new Map<string, number>([
  ['math.pi', Math.PI], ['math.e', Math.E], ['math.tau', 2 * Math.PI], ['math.inf', Infinity], ['math.nan', NaN],
  ['numpy.pi', Math.PI], ['numpy.e', Math.E], ['numpy.inf', Infinity], ['numpy.nan', NaN],
]);

/**
 * math.* on plain numbers, keyed `path/arity` (`math.cos/1`, `math.log/2`): what MATH_FUNCS computes
 * once it has read its arguments, with the same checks and the same errors. The boxed MATH_FUNCS
 * call these; numeric.ts (user functions compiled to plain-number code) calls them directly.
 * `result`: the Python type of the value (a bool is 1 or 0); `memo`: costly enough for a one-entry
 * cache per call site.
 */
export interface MathKernel { fn: (x: number, y: number) => number; result: 'float' | 'int' | 'bool'; memo: boolean }
const MATH_KERNELS = new Map<string, MathKernel>();
const CHEAP = new Set(['sqrt', 'fabs', 'degrees', 'radians']);

function f1(name: string, fn: (x: number) => number, domain?: (x: number) => boolean): (a: PyValue[]) => PyValue {
  const k = (x: number): number => {
    if (domain && !domain(x)) throw new PyError('ValueError', 'math domain error');
    const r = fn(x);
    if (!Number.isFinite(r) && Number.isFinite(x)) throw new PyError('OverflowError', 'math range error');
    return r;
  };
  MATH_KERNELS.set(`math.${name}/1`, { fn: k, result: 'float', memo: !CHEAP.has(name) });
  return (a) => {
    if (a.length !== 1) throw new PyError('TypeError', `math.${name}() takes exactly one argument (${a.length} given)`);
    return { t: 'float', v: k(mathArg(a[0])) };
  };
}

/** Registers a kernel of `arity` arguments under `math.<name>/<arity>`; returns it. */
function kernel<F extends (x: number, y: number) => number>(name: string, arity: number, result: MathKernel['result'], memo: boolean, fn: F): F {
  MATH_KERNELS.set(`math.${name}/${arity}`, { fn, result, memo });
  return fn;
}

function mathArg(v: PyValue): number {
  if (isNum(v)) return num(v);
  throw new PyError('TypeError', `must be real number, not ${typeName(v)}`);
}

const logK = kernel('log', 1, 'float', true, (x: number): number => {
  if (x <= 0) throw new PyError('ValueError', 'math domain error');
  return Math.log(x);
});
const logBaseK = kernel('log', 2, 'float', true, (x: number, b: number): number => {
  if (x <= 0) throw new PyError('ValueError', 'math domain error');
  if (b <= 0) throw new PyError('ValueError', 'math domain error');
  if (b === 1) throw new PyError('ZeroDivisionError', 'float division by zero');
  return Math.log(x) / Math.log(b);
});
const powK = kernel('pow', 2, 'float', true, (x: number, y: number): number => {
  if (x === 0 && y < 0) throw new PyError('ValueError', 'math domain error');
  const r = Math.pow(x, y);
  if (Number.isNaN(r) && !Number.isNaN(x) && !Number.isNaN(y)) throw new PyError('ValueError', 'math domain error');
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) throw new PyError('OverflowError', 'math range error');
  return r;
});
const atan2K = kernel('atan2', 2, 'float', true, (y: number, x: number): number => Math.atan2(y, x));
const copysignK = kernel('copysign', 2, 'float', false, (x: number, y: number): number => {
  const m = Math.abs(x);
  return y < 0 || Object.is(y, -0) ? -m : m;
});
const floorK = kernel('floor', 1, 'int', false, (x: number): number => intNumber(Math.floor(x)));
const ceilK = kernel('ceil', 1, 'int', false, (x: number): number => intNumber(Math.ceil(x)));
const truncK = kernel('trunc', 1, 'int', false, (x: number): number => intNumber(Math.trunc(x)));
const isfiniteK = kernel('isfinite', 1, 'bool', false, (x: number): number => (Number.isFinite(x) ? 1 : 0));
const isinfK = kernel('isinf', 1, 'bool', false, (x: number): number => (x === Infinity || x === -Infinity ? 1 : 0));
const isnanK = kernel('isnan', 1, 'bool', false, (x: number): number => (Number.isNaN(x) ? 1 : 0));

const MATH_FUNCS = new Map<string, (a: PyValue[]) => PyValue>([
  ['math.cos', f1('cos', Math.cos, Number.isFinite)], ['math.sin', f1('sin', Math.sin, Number.isFinite)], ['math.tan', f1('tan', Math.tan, Number.isFinite)],
  ['math.acos', f1('acos', Math.acos, (x) => x >= -1 && x <= 1)], ['math.asin', f1('asin', Math.asin, (x) => x >= -1 && x <= 1)], ['math.atan', f1('atan', Math.atan)],
  ['math.cosh', f1('cosh', Math.cosh)], ['math.sinh', f1('sinh', Math.sinh)], ['math.tanh', f1('tanh', Math.tanh)],
  ['math.exp', f1('exp', Math.exp)], ['math.expm1', f1('expm1', Math.expm1)],
  ['math.sqrt', f1('sqrt', Math.sqrt, (x) => x >= 0)], ['math.log2', f1('log2', Math.log2, (x) => x > 0)], ['math.log10', f1('log10', Math.log10, (x) => x > 0)],
  ['math.log1p', f1('log1p', Math.log1p, (x) => x > -1)], ['math.fabs', f1('fabs', Math.abs)],
  ['math.degrees', f1('degrees', (x) => (x * 180) / Math.PI)], ['math.radians', f1('radians', (x) => (x * Math.PI) / 180)],
  ['math.log', (a) => {
    if (a.length < 1 || a.length > 2) throw new PyError('TypeError', `log expected at least 1 argument, got ${a.length}`);
    const x = mathArg(a[0]);
    if (a.length === 1) return { t: 'float', v: logK(x) };
    if (x <= 0) throw new PyError('ValueError', 'math domain error'); // before the base is read
    return { t: 'float', v: logBaseK(x, mathArg(a[1])) };
  }],
  ['math.pow', (a) => {
    const x = mathArg(a[0]), y = mathArg(a[1]);
    return { t: 'float', v: powK(x, y) };
  }],
  ['math.atan2', (a) => { const y = mathArg(a[0]), x = mathArg(a[1]); return { t: 'float', v: atan2K(y, x) }; }],
  ['math.hypot', (a) => ({ t: 'float', v: Math.hypot(...a.map(mathArg)) })],
  ['math.copysign', (a) => { const x = mathArg(a[0]), y = mathArg(a[1]); return { t: 'float', v: copysignK(x, y) }; }],
  ['math.floor', (a) => ({ t: 'int', v: floorK(mathArg(a[0])) })],
  ['math.ceil', (a) => ({ t: 'int', v: ceilK(mathArg(a[0])) })],
  ['math.trunc', (a) => ({ t: 'int', v: truncK(mathArg(a[0])) })],
  ['math.isfinite', (a) => ({ t: 'bool', v: isfiniteK(mathArg(a[0])) === 1 })],
  ['math.isinf', (a) => ({ t: 'bool', v: isinfK(mathArg(a[0])) === 1 })],
  ['math.isnan', (a) => ({ t: 'bool', v: isnanK(mathArg(a[0])) === 1 })],
]);

/** A float made a Python int (int(), math.floor...): raises on nan and infinities. */
function intNumber(x: number): number {
  if (Number.isNaN(x)) throw new PyError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new PyError('OverflowError', 'cannot convert float infinity to integer');
  return x;
}

function intResult(x: number): PyValue {
  return { t: 'int', v: intNumber(x) };
}

function pyRound(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x - Math.trunc(x)) === 0.5) return 2 * Math.round(x / 2);
  return r;
}

/** round(x, n) of a float x. */
function roundDigits(x: number, n: number): number {
  const f = 10 ** n;
  return pyRound(x * f) / f;
}

function minmax(name: 'min' | 'max', args: Val[], kw: Map<string, Val>, node: Node): Val {
  if (kw.has('key')) throw new Unknown(node, `${name}(key=...) is not evaluated`);
  let items: PyValue[];
  if (args.length === 0) throw new PyError('TypeError', `${name} expected at least 1 argument, got 0`);
  if (args.length === 1) {
    items = iterate(args[0], node);
    if (items.length === 0) {
      const d = kw.get('default');
      if (d) return d;
      throw new PyError('ValueError', `${name}() arg is an empty sequence`);
    }
  } else items = args.map(toPy);
  let best = items[0];
  for (const x of items.slice(1)) {
    if (name === 'min' ? compareOp('<', x, best) : compareOp('>', x, best)) best = x;
  }
  return best;
}

function callBuiltin(name: string, args: Val[], node: Node, kw: Map<string, Val> = new Map()): Val {
  const a = args.map(toPy);
  switch (name) {
    case 'min': case 'max': return minmax(name, args, kw, node);
    case 'abs':
      if (a.length !== 1 || !isNum(a[0])) throw new PyError('TypeError', `bad operand type for abs(): '${a[0] ? typeName(a[0]) : 'NoneType'}'`);
      return a[0].t === 'float' ? { t: 'float', v: Math.abs(a[0].v) } : { t: 'int', v: Math.abs(num(a[0])) };
    case 'round': {
      const x = a[0];
      if (!x || !isNum(x)) throw new PyError('TypeError', `type ${x ? typeName(x) : 'NoneType'} doesn't define __round__ method`);
      const nd = a[1] ?? kw.get('ndigits');
      if (!nd || nd.t === 'none') return x.t === 'float' ? intResult(pyRound(x.v)) : { t: 'int', v: num(x) };
      const n = num(nd as any);
      if (x.t !== 'float') return { t: 'int', v: num(x) };
      return { t: 'float', v: roundDigits(x.v, n) };
    }
    case 'int': {
      const x = a[0];
      if (!x) return { t: 'int', v: 0 };
      if (isNum(x)) return x.t === 'float' ? intResult(Math.trunc(x.v)) : { t: 'int', v: num(x) };
      if (x.t === 'str') {
        const s = x.v.trim().replace(/_/g, '');
        if (!/^[+-]?\d+$/.test(s)) throw new PyError('ValueError', `invalid literal for int() with base 10: ${repr(x)}`);
        return { t: 'int', v: Number(s) };
      }
      throw new PyError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
    }
    case 'float': {
      const x = a[0];
      if (!x) return { t: 'float', v: 0 };
      if (isNum(x)) return { t: 'float', v: num(x) };
      if (x.t === 'str') {
        const s = x.v.trim().toLowerCase().replace(/_/g, '');
        const special: Record<string, number> = { inf: Infinity, '+inf': Infinity, '-inf': -Infinity, infinity: Infinity, '-infinity': -Infinity, nan: NaN, '+nan': NaN, '-nan': NaN };
        if (s in special) return { t: 'float', v: special[s] };
        if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) throw new PyError('ValueError', `could not convert string to float: ${repr(x)}`);
        return { t: 'float', v: Number(s) };
      }
      throw new PyError('TypeError', `float() argument must be a string or a real number, not '${typeName(x)}'`);
    }
    case 'print': return { t: 'none' }; // output only: nothing to evaluate
    case 'bool': return { t: 'bool', v: a[0] ? truthy(a[0]) : false };
    case 'str': return { t: 'str', v: a[0] ? pyStr(a[0]) : '' };
    case 'len': {
      const x = args[0];
      if (!x) throw new PyError('TypeError', 'len() takes exactly one argument (0 given)');
      if (x.t === 'list' || x.t === 'tuple') return { t: 'int', v: x.items.length };
      if (x.t === 'dict') return { t: 'int', v: x.entries.length };
      if (x.t === 'str') return { t: 'int', v: x.v.length };
      if (isNum(x) || x.t === 'none') throw new PyError('TypeError', `object of type '${typeName(x)}' has no len()`);
      throw new Unknown(node, t('{0} is not known statically', node.text));
    }
    case 'sum': {
      let acc: Val = toPy(args[1] ?? kw.get('start') ?? { t: 'int', v: 0 });
      for (const x of iterate(args[0], node)) acc = binop('+', acc, x, node);
      return acc;
    }
    case 'pow': return binop('**', args[0], args[1], node);
    case 'divmod': return { t: 'tuple', items: [toPy(binop('//', args[0], args[1], node)), toPy(binop('%', args[0], args[1], node))] };
    case 'range': {
      const n = a.map((x) => { if (!isIntLike(x)) throw new PyError('TypeError', `'${typeName(x)}' object cannot be interpreted as an integer`); return num(x as any); });
      const [start, stop, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? 1];
      if (step === 0) throw new PyError('ValueError', 'range() arg 3 must not be zero');
      const count = Math.max(0, Math.ceil((stop - start) / step));
      if (count > 1_000_000) throw new Unknown(node, 'range too long to evaluate');
      const items: PyValue[] = [];
      for (let i = 0; i < count; i++) items.push({ t: 'int', v: start + i * step });
      return { t: 'list', items };
    }
    case 'list': return { t: 'list', items: args[0] ? iterate(args[0], node) : [] };
    case 'tuple': return { t: 'tuple', items: args[0] ? iterate(args[0], node) : [] };
    case 'dict': {
      const entries: [PyValue, PyValue][] = args[0] && args[0].t === 'dict' ? [...args[0].entries] : [];
      for (const [k, v] of kw) dictSet(entries, { t: 'str', v: k }, toPy(v));
      return { t: 'dict', entries };
    }
    case 'sorted': {
      const items = [...iterate(args[0], node)];
      items.sort((x, y) => (compareOp('<', x, y) ? -1 : compareOp('<', y, x) ? 1 : 0));
      return { t: 'list', items };
    }
    case 'enumerate': return { t: 'list', items: iterate(args[0], node).map((x, i) => ({ t: 'tuple', items: [{ t: 'int', v: i }, x] }) as PyValue) };
    case 'zip': {
      const seqs = args.map((x) => iterate(x, node));
      const n = Math.min(...seqs.map((s) => s.length));
      const items: PyValue[] = [];
      for (let i = 0; i < n; i++) items.push({ t: 'tuple', items: seqs.map((s) => s[i]) });
      return { t: 'list', items };
    }
  }
  throw new Unknown(node, t('{0}() is not evaluated', name));
}

function isEvaluatedPath(path: string): boolean {
  const short = path.replace(/^(numpy|np)\./, 'math.');
  return MATH_FUNCS.has(short) || NAMESPACES.has(path) || path === 'functools.partial' || path === 'dataclasses.field' || path === 'argparse.ArgumentParser' || (path.startsWith('builtins.') && BUILTINS.has(path.slice(9)));
}

/** Attribute-access configs built from literals; true = nested dicts become namespaces too. */
const NAMESPACES = new Map<string, boolean>([
  ['easydict.EasyDict', true], ['addict.Dict', true], ['addict.addict.Dict', true], ['box.Box', true], ['attrdict.AttrDict', true],
  ['ml_collections.ConfigDict', true], ['ml_collections.config_dict.ConfigDict', true], ['omegaconf.OmegaConf.create', true],
  ['types.SimpleNamespace', false], ['argparse.Namespace', false],
]);

/** `EasyDict({'lr': 0.1})`, `SimpleNamespace(step=7)`: an instance whose fields are the keys. */
function namespace(name: string, nested: boolean, pos: Val[], kw: Map<string, Val>, node: Node): Val {
  const make = (entries: [Val, Val][], extra: Map<string, Val>): Val => {
    const fields = new Map<string, Val>();
    for (const [k, v] of [...entries, ...[...extra].map(([k2, v2]) => [{ t: 'str', v: k2 }, v2] as [Val, Val])]) {
      if (k.t !== 'str') continue;
      fields.set(k.v, nested && v.t === 'dict' ? make(v.entries, new Map()) : v);
    }
    return { t: 'instance', cls: { t: 'class', name, node }, fields };
  };
  const src = pos[0];
  if (src && src.t !== 'dict') throw new Unknown(node, `${name}(${src.t === 'opaque' ? src.source : '…'}) is not known statically`);
  return make(src ? src.entries : [], kw);
}

const BUILTIN_EXCEPTIONS = new Set(['Exception', 'ValueError', 'TypeError', 'RuntimeError', 'KeyError', 'IndexError', 'ZeroDivisionError', 'AssertionError', 'NotImplementedError', 'ArithmeticError', 'OverflowError', 'AttributeError', 'NameError', 'LookupError']);
const BUILTIN_NAMES = ['print', 'min', 'max', 'abs', 'round', 'int', 'float', 'bool', 'str', 'len', 'sum', 'pow', 'divmod', 'range', 'list', 'tuple', 'dict', 'sorted', 'enumerate', 'zip'];
const BUILTINS = new Map<string, Extract<Val, { t: 'builtin' }>>(
  BUILTIN_NAMES.map((n) => [n, { t: 'builtin', name: n, fn: (args, kw, node) => callBuiltin(n, args, node, kw) }]),
);

export { floatRepr };

// ---------------------------------------------------------------- compiled function bodies
//
// A preview calls the user's lr_lambda once per step: a million times for a long run. Walking the
// syntax for each call (a switch on the node type, field lookups) was most of that cost, so a
// function body is compiled once, at its first call, into a tree of closures. Each closure does
// what Evaluator.eval / exec does for its node type, with the same helpers (binop, compareOp,
// truthy, getAttr, callValue, assignTarget) and the same operation count; a node type not handled
// here is handed to the interpreter itself. test/unit/python-compile.test.ts compares both.

type CExpr = (env: LocalEnv) => Val;
type CStmt = (env: LocalEnv) => Flow;

/** Off in tests that compare the compiled bodies with the interpreter. */
export const COMPILE = { enabled: true };

const NO_KW: Map<string, Val> = new Map();

function compileExpr(ev: Evaluator, node: Node): CExpr {
  const interpret: CExpr = (env) => ev.eval(node, env);
  switch (node.type) {
    case 'integer':
    case 'float':
    case 'true':
    case 'false':
    case 'none': {
      // A literal's value never changes (Vals are not mutated): build it once (not counted: the
      // operation is counted where the literal is evaluated, as the interpreter counts it).
      let v: Val;
      try {
        v = literal(node);
      } catch {
        return interpret; // raises again, where the interpreter would
      }
      return () => {
        ev.tick(node);
        return v;
      };
    }
    case 'identifier': {
      const name = node.text;
      if (!name) return interpret;
      if (compiling?.fixedFree && !compiling.locals.has(name)) {
        // A free name of a function whose closure is fixed (the names it captured when it was
        // built): the same value at every call, so looked up once.
        let value: Val | undefined;
        return (env) => {
          ev.tick(node);
          return (value ??= env.get(name, node));
        };
      }
      return (env) => {
        ev.tick(node);
        return env.get(name, node);
      };
    }
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c && c.type !== 'comment');
      if (!inner) return interpret;
      const c = compileExpr(ev, inner);
      return (env) => {
        ev.tick(node);
        return c(env);
      };
    }
    case 'unary_operator': {
      const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text ?? '-';
      const a = compileExpr(ev, node.childForFieldName('argument')!);
      return (env) => {
        ev.tick(node);
        return unop(op, a(env));
      };
    }
    case 'not_operator': {
      const a = compileExpr(ev, node.childForFieldName('argument')!);
      return (env) => {
        ev.tick(node);
        return { t: 'bool', v: !truthy(a(env)) };
      };
    }
    case 'binary_operator': {
      const op = node.childForFieldName('operator')!.text;
      const l = compileExpr(ev, node.childForFieldName('left')!);
      const r = compileExpr(ev, node.childForFieldName('right')!);
      return (env) => {
        ev.tick(node);
        const a = l(env);
        const b = r(env);
        return binop(op, a, b, node);
      };
    }
    case 'boolean_operator': {
      const and = node.childForFieldName('operator')!.text === 'and';
      const l = compileExpr(ev, node.childForFieldName('left')!);
      const r = compileExpr(ev, node.childForFieldName('right')!);
      return (env) => {
        ev.tick(node);
        const a = l(env);
        if (and ? !truthy(a) : truthy(a)) return a;
        return r(env);
      };
    }
    case 'comparison_operator': {
      const { operands, ops } = comparisonParts(node);
      if (operands.length !== ops.length + 1) return interpret;
      const cs = operands.map((o) => compileExpr(ev, o));
      return (env) => {
        ev.tick(node);
        let left = cs[0](env);
        for (let i = 0; i < ops.length; i++) {
          const right = cs[i + 1](env);
          if (!compareOp(ops[i], left, right)) return { t: 'bool', v: false };
          left = right;
        }
        return { t: 'bool', v: true };
      };
    }
    case 'conditional_expression': {
      const [a, cond, b] = node.namedChildren;
      if (!a || !cond || !b) return interpret;
      const ca = compileExpr(ev, a), cc = compileExpr(ev, cond), cb = compileExpr(ev, b);
      return (env) => {
        ev.tick(node);
        return truthy(cc(env)) ? ca(env) : cb(env);
      };
    }
    case 'tuple':
    case 'expression_list':
    case 'list': {
      const items = node.namedChildren.filter((c) => c && c.type !== 'comment') as Node[];
      if (items.some((c) => c.type === 'list_splat')) return interpret;
      const cs = items.map((c) => compileExpr(ev, c));
      const t = node.type === 'list' ? 'list' : 'tuple';
      return (env) => {
        ev.tick(node);
        return { t, items: cs.map((c) => toPy(c(env))) };
      };
    }
    case 'attribute': {
      const objNode = node.childForFieldName('object')!;
      const attr = node.childForFieldName('attribute')!.text;
      if (objNode.type === 'attribute' && objNode.childForFieldName('attribute')?.text === 'hparams') return interpret;
      const obj = compileExpr(ev, objNode);
      let qualPath: string | null = null;
      let qualValue: Val | null = null;
      const argparseFallback = objNode.type === 'identifier' || (objNode.type === 'attribute' && objNode.childForFieldName('object')?.type === 'identifier');
      return (env) => {
        ev.tick(node);
        let o: Val;
        try {
          o = obj(env);
        } catch (e) {
          if (e instanceof Unknown && argparseFallback) {
            const d = ev.argparseDefault(attr, node, false);
            if (d) return d;
          }
          throw e;
        }
        if (o.t !== 'qual') return ev.getAttr(o, attr, node);
        // `math.pi`, `math.cos`: the same module path gives the same value every call
        if (o.path !== qualPath) {
          qualValue = ev.getAttr(o, attr, node);
          qualPath = o.path;
        }
        return qualValue!;
      };
    }
    case 'subscript': {
      const subs = node.childrenForFieldName('subscript').filter((c) => c) as Node[];
      if (subs.length !== 1 || subs[0].type === 'slice') return interpret;
      const obj = compileExpr(ev, node.childForFieldName('value')!);
      const key = compileExpr(ev, subs[0]);
      return (env) => {
        ev.tick(node);
        const o = obj(env);
        return getItem(o, key(env), node);
      };
    }
    case 'call': {
      const fnNode = node.childForFieldName('function')!;
      const argList = node.childForFieldName('arguments');
      const args = (argList?.namedChildren ?? []).filter((c) => c && c.type !== 'comment') as Node[];
      // Keywords, splats, generators and len() (its own message) keep the interpreter's path.
      if (!argList || argList.type !== 'argument_list' || args.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat') || fnNode.text === 'len') return interpret;
      const fn = compileExpr(ev, fnNode);
      const cs = args.map((a) => compileExpr(ev, a));
      return (env) => {
        ev.tick(node);
        const f = fn(env);
        if (f.t === 'builtin' && f.name === 'len') return interpretCall(ev, node, env);
        if (f.t === 'qual') {
          // math.*: the analysis hook builds schedulers and optimizers only, never these.
          const m = MATH_FUNCS.get(f.path.replace(/^(numpy|np)\./, 'math.'));
          if (m) return m(cs.map((c) => toPy(c(env))));
          const hooked = ev.hooks.callQualified?.(f.path, node, () => ev.evalArgs(argList, env));
          if (hooked) return hooked;
          if (!isEvaluatedPath(f.path)) throw new Unknown(node, t('{0}() is not evaluated', f.path));
          return ev.callQual(f.path, cs.map((c) => c(env)), new Map(), node);
        }
        return ev.callValue(f, cs.map((c) => c(env)), NO_KW, node);
      };
    }
    default:
      return interpret;
  }
}

/** The interpreter's call(), for a node whose function turned out to need it (len). */
function interpretCall(ev: Evaluator, node: Node, env: LocalEnv): Val {
  return ev.eval(node, env);
}

function compileBlock(ev: Evaluator, block: Node): CStmt {
  const stmts = block.namedChildren.filter((s) => s) as Node[];
  const cs = stmts.map((s) => compileStmt(ev, s));
  return (env) => {
    for (let i = 0; i < cs.length; i++) {
      const flow = cs[i](env);
      if (flow) return flow;
    }
    return undefined;
  };
}

function compileStmt(ev: Evaluator, stmt: Node): CStmt {
  const interpret: CStmt = (env) => ev.exec(stmt, env);
  switch (stmt.type) {
    case 'comment':
    case 'pass_statement':
    case 'global_statement':
    case 'nonlocal_statement':
      return () => {
        ev.tick(stmt);
        return undefined;
      };
    case 'expression_statement': {
      const parts: ((env: LocalEnv) => void)[] = [];
      for (const c of stmt.namedChildren) {
        if (!c) continue;
        if (c.type === 'assignment') {
          const { targets, value } = assignmentParts(c);
          if (!value) continue; // annotation only
          const v = compileExpr(ev, value);
          parts.push((env) => {
            const x = v(env);
            for (const t of targets) assignTarget(t, x, env);
          });
        } else if (c.type === 'augmented_assignment') {
          const left = c.childForFieldName('left')!;
          if (left.type !== 'identifier') return interpret;
          const name = left.text;
          const op = c.childForFieldName('operator')!.text.slice(0, -1);
          const l = compileExpr(ev, left), r = compileExpr(ev, c.childForFieldName('right')!);
          parts.push((env) => {
            const a = l(env);
            env.vars.set(name, binop(op, a, r(env), c));
          });
        } else if (c.type === 'string' || c.type === 'concatenated_string') {
          // docstring
        } else if (c.type === 'call' && IGNORED_CALLS.test(c.text)) {
          // output only, or a base class's __init__
        } else {
          const e = compileExpr(ev, c);
          parts.push((env) => void e(env));
        }
      }
      return (env) => {
        ev.tick(stmt);
        for (let i = 0; i < parts.length; i++) parts[i](env);
        return undefined;
      };
    }
    case 'return_statement': {
      const v = stmt.namedChildren.find((c) => c && c.type !== 'comment');
      const c = v ? compileExpr(ev, v) : null;
      return (env) => {
        ev.tick(stmt);
        return new ReturnSignal(c ? c(env) : { t: 'none' });
      };
    }
    case 'if_statement': {
      const branches: [CExpr | null, CStmt][] = [[compileExpr(ev, stmt.childForFieldName('condition')!), compileBlock(ev, stmt.childForFieldName('consequence')!)]];
      for (const alt of stmt.childrenForFieldName('alternative')) {
        if (!alt) continue;
        if (alt.type === 'elif_clause') branches.push([compileExpr(ev, alt.childForFieldName('condition')!), compileBlock(ev, alt.childForFieldName('consequence')!)]);
        else if (alt.type === 'else_clause') {
          branches.push([null, compileBlock(ev, alt.childForFieldName('body')!)]);
          break;
        }
      }
      return (env) => {
        ev.tick(stmt);
        for (const [cond, body] of branches) if (!cond || truthy(cond(env))) return body(env);
        return undefined;
      };
    }
    case 'for_statement': {
      const it = compileExpr(ev, stmt.childForFieldName('right')!);
      const target = stmt.childForFieldName('left')!;
      const body = compileBlock(ev, stmt.childForFieldName('body')!);
      const alt = stmt.childForFieldName('alternative');
      const orElse = alt ? compileBlock(ev, alt.childForFieldName('body') ?? alt) : null;
      return (env) => {
        ev.tick(stmt);
        for (const item of iterate(it(env), stmt)) {
          assignTarget(target, item, env);
          const flow = body(env);
          if (flow === BREAK) return undefined;
          if (flow instanceof ReturnSignal) return flow;
        }
        return orElse ? orElse(env) : undefined;
      };
    }
    case 'while_statement': {
      const cond = compileExpr(ev, stmt.childForFieldName('condition')!);
      const body = compileBlock(ev, stmt.childForFieldName('body')!);
      const alt = stmt.childForFieldName('alternative');
      const orElse = alt ? compileBlock(ev, alt.childForFieldName('body') ?? alt) : null;
      return (env) => {
        ev.tick(stmt);
        while (truthy(cond(env))) {
          const flow = body(env);
          if (flow === BREAK) return undefined;
          if (flow instanceof ReturnSignal) return flow;
        }
        return orElse ? orElse(env) : undefined;
      };
    }
    case 'break_statement':
      return () => {
        ev.tick(stmt);
        return BREAK;
      };
    case 'continue_statement':
      return () => {
        ev.tick(stmt);
        return CONTINUE;
      };
    default:
      return interpret;
  }
}

/** A user function's body, compiled: a lambda's expression or a def's block. */
export interface CompiledBody {
  expr?: CExpr;
  block?: CStmt;
}

/** What compileExpr may assume about names while a body is compiled (compiling is synchronous). */
let compiling: { locals: Set<string>; fixedFree: boolean } | null = null;

function compileBody(ev: Evaluator, fn: Node, locals: Set<string>, fixedFree: boolean): CompiledBody {
  const body = fn.childForFieldName('body')!;
  compiling = { locals, fixedFree };
  try {
    return fn.type === 'lambda' ? { expr: compileExpr(ev, body) } : { block: compileBlock(ev, body) };
  } finally {
    compiling = null;
  }
}

/** What numeric.ts compiles with: the evaluator's own arithmetic, so both paths agree bit for bit. */
const NUMERIC_LIB: NumericLib = {
  literal,
  binop,
  unop,
  truthy,
  compareOp,
  comparisonParts,
  getItem,
  mathFunc: (path) => MATH_FUNCS.get(path),
  mathKernel: (path, arity) => MATH_KERNELS.get(`${path}/${arity}`),
  intMod,
  floatMod,
  floatFloorDiv,
  pyRound,
  roundDigits,
  intNumber,
  ignoredCall: IGNORED_CALLS,
  isUnknown: (e) => e instanceof Unknown,
};
