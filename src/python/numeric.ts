// User functions of one number compiled to plain-number code, for the engine's hot loops.
//
// LambdaLR calls the user's lr_lambda once per step: a million calls for a long run. The boxed
// path (evaluate.ts: one `{t, v}` object per value, a closure per syntax node) costs a few hundred
// nanoseconds a call; `0.5 ** (s // 1000)` compiled here costs a few. A function qualifies when
// every value in it is a number whose Python type (int, float, bool) is known when it is compiled:
// the parameter is an int, other parameters take their defaults, free names are the numbers (and
// math module, builtins, dicts/tuples/argparse defaults) they were resolved to when the function
// was built, and each local's type follows from the statements that assign it. What is not handled
// makes compileNumeric return null (the engine then keeps the boxed path).
//
// The result is exact, not approximate: every operation is the boxed one on the same doubles (the
// evaluator's own helpers: intMod, floatFloorDiv, the math kernels, pyRound...), int vs float as
// the boxed path decides it. Where a value or an error would depend on something this code does not
// track (a ZeroDivisionError, an overflow, a nan where Python raises, an operation limit), the
// compiled function THROWS and the engine redoes that step through the boxed `call`, which raises
// Python's exact error. It counts the operations the boxed path would count (one per syntax node
// evaluated, Evaluator.tick) and charges them to the evaluator when it returns, so the run stops at
// the same step when it would exceed LIMITS.
//
// The code is JavaScript generated from the syntax and run with `new Function`: straight-line
// arithmetic on doubles runs a few times faster than a tree of closures (and a one-entry cache per
// `**` or math call site skips the repeats of a stepwise schedule). Nothing from the user's
// source is ever copied into it: names become generated identifiers (t0, l1...), numbers are
// printed by JavaScript's own number formatting, and the result is checked against a list of the
// only identifiers the generator writes before it is compiled. Where `new Function` is not allowed
// (a content security policy), there is simply no numeric path.
import { assignmentParts, type Node } from './node';
import type { Val, ParamInfo, MathKernel } from './evaluate';
import type { PyValue } from '../schedulers/pyvalue';

/** Off in tests that need the boxed path only. */
export const NUMERIC = { enabled: true };

/** The evaluator's helpers the compiled code and the constant folding use (evaluate.ts). */
export interface NumericLib {
  literal(node: Node): Val;
  binop(op: string, a: Val, b: Val, node: Node): Val;
  unop(op: string, a: Val): Val;
  truthy(v: Val): boolean;
  compareOp(op: string, a: Val, b: Val): boolean;
  comparisonParts(node: Node): { operands: Node[]; ops: string[] };
  getItem(obj: Val, key: Val, node: Node): Val;
  /** The boxed math.* function of a `math.` path (numpy's already renamed), for folding constants. */
  mathFunc(path: string): ((a: PyValue[]) => PyValue) | undefined;
  mathKernel(path: string, arity: number): MathKernel | undefined;
  intMod(x: number, y: number): number;
  floatMod(x: number, y: number): number;
  floatFloorDiv(x: number, y: number): number;
  pyRound(x: number): number;
  roundDigits(x: number, n: number): number;
  intNumber(x: number): number;
  /** Statement calls the evaluator skips (print, logging...). */
  ignoredCall: RegExp;
  /** An `Unknown` (not known statically), as opposed to a Python error. */
  isUnknown(e: unknown): boolean;
}

/** One function: its syntax, parameters, and access to its evaluator. */
export interface NumericSource {
  /** A lambda or function_definition (the copy the boxed path runs). */
  node: Node;
  locals: Set<string>;
  params: ParamInfo[];
  defaults: Map<string, Val>;
  /** A free name's value, as the boxed path reads it (throws as it would). */
  free(name: string, use: Node): Val;
  getAttr(obj: Val, attr: string, use: Node): Val;
  /** `args.x` where `args` is not known: the argparse default, or null. */
  argparseDefault(attr: string, use: Node): Val | null;
  /** Evaluates a node that reads no local (a string literal) as the boxed path does. */
  evalConst(node: Node): Val;
  /** Runs `f` as inside a call: its value and the operations the evaluator counted for it. */
  measure<T>(f: () => T): { value: T; ops: number };
  /** Counts `n` operations of one call; false (nothing counted) if that would cross a limit. */
  charge(n: number): boolean;
}

export type NumericFunction = (x: number) => number;

/** Thrown by compiled code when the boxed path must redo the call (never seen by users). */
export const NUMERIC_REDO: Error = Object.freeze(new Error('lr-preview: numeric path declined this call')) as Error;

/** Compiles `src`; null if some part is not handled (the boxed path is then the only one). */
export function compileNumeric(src: NumericSource, lib: NumericLib): NumericFunction | null {
  try {
    return new Compiler(src, lib).compile();
  } catch {
    // Bail (not handled), or anything unexpected: no numeric path is always correct.
    return null;
  }
}

// ---------------------------------------------------------------- types and values

/** Python types a number may have at a point, as bits: a union where paths disagree. */
const INT = 1, FLOAT = 2, BOOL = 4;

/**
 * A compiled expression: a number (JS code that reads it: a temporary, a local or a literal; `c`
 * when it is known at compile time) or a value known at compile time that is not a number (a
 * module, a builtin, a dict, None...), usable only where it is folded away.
 */
type Expr = { k: 'num'; mask: number; code: string; c?: number; test?: string } | { k: 'val'; v: Val };
/** What a local holds at a point: a number, a known value, or something this compiler gave up on. */
type Local = { k: 'num'; mask: number; c?: number } | { k: 'val'; v: Val } | { k: 'bad' };
/** Locals assigned on every path to a point; null = the point is not reached. */
type State = Map<string, Local> | null;

class Bail {
  constructor(readonly why: string) {}
}
function bail(why: string): never {
  throw new Bail(why);
}

function lit(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  const s = String(v);
  return v < 0 ? `(${s})` : s;
}

function numExpr(v: Val): Expr {
  switch (v.t) {
    case 'int': return { k: 'num', mask: INT, code: lit(v.v), c: v.v };
    case 'float': return { k: 'num', mask: FLOAT, code: lit(v.v), c: v.v };
    case 'bool': return { k: 'num', mask: BOOL, code: v.v ? '1' : '0', c: v.v ? 1 : 0 };
    default: return { k: 'val', v };
  }
}

/** The boxed value of a number known at compile time. */
function boxed(e: Expr): Val | null {
  if (e.k === 'val') return e.v;
  if (e.c === undefined) return null;
  if (e.mask === INT) return { t: 'int', v: e.c };
  if (e.mask === FLOAT) return { t: 'float', v: e.c };
  if (e.mask === BOOL) return { t: 'bool', v: e.c !== 0 };
  return null;
}

const isIntLike = (mask: number) => (mask & FLOAT) === 0;

// ---------------------------------------------------------------- code blocks

/**
 * Generated statements of one nested block. Operations are counted per region (straight-line
 * code: once its first statement runs, all of it runs, unless it throws, and a throw discards the
 * count): `o += n` at the region's start, filled in when the region ends.
 */
class Block {
  lines: string[] = [''];
  private at = 0;
  private ticks = 0;
  tick(n: number): void {
    this.ticks += n;
  }
  /** Ends the current region; later statements count in a new one (after a branch that may return). */
  region(): void {
    this.lines[this.at] = this.ticks ? `o += ${this.ticks};` : '';
    this.at = this.lines.length;
    this.lines.push('');
    this.ticks = 0;
  }
  close(): string {
    this.region();
    return this.lines.filter((l) => l).join('\n');
  }
}

// ---------------------------------------------------------------- the compiler

class Compiler {
  private block = new Block();
  private state: State = new Map();
  private temps = 0;
  private localNames = new Map<string, string>();
  /** Values the factory receives (K): helpers, memo arrays, tables. */
  private consts: unknown[] = [];
  private constNames = new Map<unknown, string>();
  private prelude: string[] = [];

  constructor(private readonly src: NumericSource, private readonly lib: NumericLib) {}

  compile(): NumericFunction | null {
    const { node } = this.src;
    this.bindParams();
    const body = node.childForFieldName('body') ?? bail('no body');
    if (node.type === 'lambda') {
      this.returns(this.expr(body));
    } else if (node.type === 'function_definition') {
      this.compileBlock(body);
      if (this.state) this.emit('throw F;'); // falls off the end: returns None
    } else bail(node.type);
    const code = this.block.close();
    const decls = [...Array(this.temps).keys()].map((i) => `t${i} = 0`).concat([...this.localNames.values()].map((n) => `${n} = 0`));
    const isInt = this.helper(Number.isInteger); // (before the prelude is read)
    const source = [
      ...this.prelude,
      'return function (x) {',
      `if (!${isInt}(x)) throw F;`,
      'let o = 0;',
      decls.length ? `let ${decls.join(', ')};` : '',
      `${this.localName(this.src.params[0].name)} = x;`,
      code,
      '};',
    ].join('\n');
    const factory = factoryOf(source);
    if (!factory) return null;
    const charge = this.src.charge;
    return factory(NUMERIC_REDO, (n) => charge(n), this.consts);
  }

  // ---- emission helpers

  private emit(line: string): void {
    this.block.lines.push(line);
  }
  private tick(n = 1): void {
    this.block.tick(n);
  }
  private temp(): string {
    return `t${this.temps++}`;
  }
  /** Compiles `f` into a nested block; returns its code. */
  private sub(f: () => void): string {
    const saved = this.block;
    this.block = new Block();
    try {
      f();
      return this.block.close();
    } finally {
      this.block = saved;
    }
  }
  /** A value the generated code reads as a constant (`k3`), from the factory's K. */
  private constant(v: unknown): string {
    let name = this.constNames.get(v);
    if (!name) {
      name = `k${this.consts.length}`;
      this.prelude.push(`const ${name} = K[${this.consts.length}];`);
      this.consts.push(v);
      this.constNames.set(v, name);
    }
    return name;
  }
  private helper(f: (...a: number[]) => number | boolean): string {
    return this.constant(f);
  }
  /** A one-entry cache: a Float64Array [arg..., result], first arg NaN (never equal). */
  private memo(size: number): string {
    const m = new Float64Array(size);
    m[0] = NaN;
    return this.constant(m);
  }
  private localName(name: string): string {
    let n = this.localNames.get(name);
    if (!n) {
      n = `l${this.localNames.size}`;
      this.localNames.set(name, n);
    }
    return n;
  }
  /** A number expression: code for it in a fresh temporary. */
  private computed(code: string, mask: number): Expr {
    const t = this.temp();
    this.emit(`${t} = ${code};`);
    return { k: 'num', mask, code: t };
  }
  /** An expression that always raises here (the boxed path raises; so does this code). */
  private raises(): Expr {
    this.emit('throw F;');
    return { k: 'num', mask: FLOAT, code: '0' };
  }
  private num(e: Expr, what: string): Extract<Expr, { k: 'num' }> {
    return e.k === 'num' ? e : bail(`${what}: not a number`);
  }
  /** Folds an operation on values known at compile time with the boxed helper itself. */
  private fold(f: () => Val): Expr {
    let v: Val;
    try {
      v = f();
    } catch {
      return this.raises();
    }
    return numExpr(v);
  }
  /** JS that is true when `e` is truthy (a comparison's own test where there is one). */
  private truthCode(e: Extract<Expr, { k: 'num' }>): string {
    return e.test ?? `${e.code} !== 0`;
  }

  // ---- parameters and locals

  private bindParams(): void {
    const ps = this.src.params;
    if (ps.length === 0 || ps[0].kind !== 'pos') bail('first parameter');
    const state = this.state!;
    state.set(ps[0].name, { k: 'num', mask: INT });
    this.localName(ps[0].name);
    for (const p of ps.slice(1)) {
      let v: Val | undefined;
      if (p.kind === 'star') v = { t: 'tuple', items: [] };
      else if (p.kind === 'dstar') v = { t: 'dict', entries: [] };
      else v = this.src.defaults.get(p.name) ?? bail(`parameter ${p.name} has no default`);
      this.assign(p.name, numExpr(v));
    }
  }

  private assign(name: string, e: Expr): void {
    if (!this.src.locals.has(name)) bail(`${name} is not a local`);
    if (e.k === 'val') {
      this.state!.set(name, { k: 'val', v: e.v });
      return;
    }
    this.emit(`${this.localName(name)} = ${e.code};`);
    this.state!.set(name, e.c !== undefined ? { k: 'num', mask: e.mask, c: e.c } : { k: 'num', mask: e.mask });
  }

  private read(name: string): Expr {
    const l = this.state!.get(name) ?? bail(`${name} may be unassigned`);
    if (l.k === 'bad') bail(`${name} differs between paths`);
    if (l.k === 'val') return { k: 'val', v: l.v };
    if (l.c !== undefined) return { k: 'num', mask: l.mask, code: lit(l.c), c: l.c };
    return { k: 'num', mask: l.mask, code: this.localName(name) };
  }

  private static merge(states: State[]): State {
    const live = states.filter((s): s is Map<string, Local> => s !== null);
    if (live.length === 0) return null;
    const out = new Map<string, Local>();
    for (const [name, first] of live[0]) {
      const all = live.map((s) => s.get(name));
      if (all.some((l) => l === undefined)) continue; // unassigned on some path
      const ls = all as Local[];
      if (ls.every((l) => l.k === 'num')) {
        const nums = ls as { k: 'num'; mask: number; c?: number }[];
        const mask = nums.reduce((m, l) => m | l.mask, 0);
        const c = nums[0].c;
        const same = c !== undefined && nums.every((l) => l.c !== undefined && Object.is(l.c, c) && l.mask === mask);
        out.set(name, same ? { k: 'num', mask, c } : { k: 'num', mask });
      } else if (first.k === 'val' && ls.every((l) => l.k === 'val' && l.v === first.v)) {
        out.set(name, first);
      } else out.set(name, { k: 'bad' });
    }
    return out;
  }

  // ---- statements

  private compileBlock(block: Node): void {
    for (const stmt of block.namedChildren) {
      if (!stmt) continue;
      if (!this.state) return; // after a return: not reached
      this.stmt(stmt);
    }
  }

  private stmt(stmt: Node): void {
    switch (stmt.type) {
      case 'comment':
      case 'pass_statement':
      case 'global_statement':
      case 'nonlocal_statement':
        this.tick();
        return;
      case 'expression_statement':
        this.tick();
        for (const c of stmt.namedChildren) {
          if (!c) continue;
          if (c.type === 'assignment') {
            const { targets, value } = assignmentParts(c);
            if (!value) continue; // annotation only
            const v = this.expr(value);
            for (const t of targets) {
              if (t.type !== 'identifier') bail('assignment target');
              this.assign(t.text, v);
            }
          } else if (c.type === 'augmented_assignment') {
            const left = c.childForFieldName('left')!;
            if (left.type !== 'identifier') bail('augmented assignment target');
            const op = c.childForFieldName('operator')!.text.slice(0, -1);
            const a = this.expr(left);
            const b = this.expr(c.childForFieldName('right')!);
            this.assign(left.text, this.binop(op, a, b, c));
          } else if (c.type === 'string' || c.type === 'concatenated_string') {
            // docstring
          } else if (c.type === 'call' && this.lib.ignoredCall.test(c.text)) {
            // print, logging
          } else if (c.type === 'comment') {
            bail('comment in an expression statement');
          } else this.expr(c);
        }
        return;
      case 'return_statement': {
        this.tick();
        const v = stmt.namedChildren.find((c) => c && c.type !== 'comment');
        if (!v) this.emit('throw F;'); // returns None
        else this.returns(this.expr(v));
        this.state = null;
        return;
      }
      case 'if_statement':
        this.ifStatement(stmt);
        return;
      case 'assert_statement': {
        this.tick();
        const cond = stmt.namedChildren[0] ?? bail('assert');
        const c = this.expr(cond);
        const known = this.knownTruth(c);
        if (known === false) {
          this.emit('throw F;');
          this.state = null;
        } else if (known === null) this.emit(`if (${this.num(c, 'assert').code} === 0) throw F;`);
        return;
      }
      case 'raise_statement':
        this.emit('throw F;');
        this.state = null;
        return;
      default:
        bail(stmt.type);
    }
  }

  private returns(e: Expr): void {
    if (e.k === 'val') {
      this.emit('throw F;'); // None, a string...: not a number the engine takes
      return;
    }
    if (e.mask & BOOL) bail('returns a bool');
    this.emit(`if (!C(o)) throw F;`);
    this.emit(`return ${e.code};`);
  }

  private ifStatement(stmt: Node): void {
    this.tick();
    const branches: [Node | null, Node][] = [[stmt.childForFieldName('condition')!, stmt.childForFieldName('consequence')!]];
    for (const alt of stmt.childrenForFieldName('alternative')) {
      if (!alt) continue;
      if (alt.type === 'elif_clause') branches.push([alt.childForFieldName('condition')!, alt.childForFieldName('consequence')!]);
      else if (alt.type === 'else_clause') {
        branches.push([null, alt.childForFieldName('body')!]);
        break;
      }
    }
    const ends: State[] = [];
    const go = (i: number): void => {
      if (i === branches.length) {
        ends.push(this.state);
        return;
      }
      const [condNode, body] = branches[i];
      if (!condNode) {
        this.compileBlock(body);
        ends.push(this.state);
        return;
      }
      const c = this.expr(condNode);
      const known = this.knownTruth(c);
      if (known === true) {
        this.compileBlock(body);
        ends.push(this.state);
        return;
      }
      if (known === false) return go(i + 1);
      const before = this.state;
      const thenCode = this.sub(() => {
        this.state = new Map(before);
        this.compileBlock(body);
        ends.push(this.state);
      });
      const elseCode = this.sub(() => {
        this.state = new Map(before);
        go(i + 1);
      });
      this.emit(`if (${this.truthCode(this.num(c, 'condition'))}) {\n${thenCode}\n} else {\n${elseCode}\n}`);
    };
    go(0);
    this.state = Compiler.merge(ends);
    this.block.region();
  }

  /** The truth of an expression known at compile time, else null. */
  private knownTruth(e: Expr): boolean | null {
    if (e.k === 'val') return this.lib.truthy(e.v);
    return e.c !== undefined ? e.c !== 0 : null;
  }

  // ---- expressions (each counts what Evaluator.eval / compileExpr counts for the node)

  private expr(node: Node): Expr {
    switch (node.type) {
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none': {
        this.tick();
        let v: Val;
        try {
          v = this.lib.literal(node);
        } catch {
          return bail('literal');
        }
        return numExpr(v);
      }
      case 'string':
      case 'concatenated_string': {
        if (node.descendantsOfType('interpolation').length) bail('f-string');
        const { value, ops } = this.stable(() => this.src.evalConst(node));
        this.tick(ops);
        return numExpr(value);
      }
      case 'identifier': {
        const name = node.text;
        if (!name) bail('empty name');
        this.tick();
        if (this.src.locals.has(name)) return this.read(name);
        const { value, ops } = this.stable(() => this.src.free(name, node));
        if (ops) bail('a free name that costs operations');
        return numExpr(value);
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c && c.type !== 'comment') ?? bail('empty parentheses');
        this.tick();
        return this.expr(inner);
      }
      case 'unary_operator': {
        const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text ?? '-';
        this.tick();
        return this.unop(op, this.expr(node.childForFieldName('argument')!));
      }
      case 'not_operator': {
        this.tick();
        const a = this.expr(node.childForFieldName('argument')!);
        const known = this.knownTruth(a);
        if (known !== null) return numExpr({ t: 'bool', v: !known });
        const test = `!(${this.truthCode(this.num(a, 'not'))})`;
        return { k: 'num', mask: BOOL, code: `(${test} ? 1 : 0)`, test };
      }
      case 'binary_operator': {
        const op = node.childForFieldName('operator')!.text;
        this.tick();
        const a = this.expr(node.childForFieldName('left')!);
        const b = this.expr(node.childForFieldName('right')!);
        return this.binop(op, a, b, node);
      }
      case 'boolean_operator':
        return this.boolean(node);
      case 'comparison_operator':
        return this.comparison(node);
      case 'conditional_expression':
        return this.conditional(node);
      case 'attribute':
        return this.attribute(node);
      case 'subscript':
        return this.subscript(node);
      case 'call':
        return this.call(node);
      case 'tuple':
      case 'expression_list':
      case 'list': {
        // a literal of constants (`[1.0, 0.5, 0.25][s % 3]`): a value known at compile time
        const items = node.namedChildren.filter((c) => c && c.type !== 'comment') as Node[];
        if (items.some((c) => c.type === 'list_splat')) bail('splat');
        this.tick();
        const vals = items.map((c) => boxed(this.expr(c)) ?? bail('a sequence of values not known'));
        return { k: 'val', v: { t: node.type === 'list' ? 'list' : 'tuple', items: vals as PyValue[] } };
      }
      default:
        return bail(node.type);
    }
  }

  /** Runs an evaluator step twice: the same count both times (memos filled) or no numeric path. */
  private stable(f: () => Val): { value: Val; ops: number } {
    let first: { value: Val; ops: number };
    try {
      first = this.src.measure(f);
    } catch {
      return bail('not known');
    }
    const again = this.src.measure(f);
    if (again.ops !== first.ops) bail('operation count varies');
    return again;
  }

  private unop(op: string, a: Expr): Expr {
    const v = boxed(a);
    if (v) return this.fold(() => this.lib.unop(op, v));
    const x = this.num(a, 'unary');
    const mask = (x.mask & FLOAT ? FLOAT : 0) | (x.mask & (INT | BOOL) ? INT : 0);
    switch (op) {
      case '-': return this.computed(`-${x.code}`, mask);
      case '+': return { k: 'num', mask, code: x.code };
      case '~':
        if (x.mask & FLOAT) bail('~ of a float');
        return this.computed(`-${x.code} - 1`, INT);
      default: return bail(op);
    }
  }

  private zeroCheck(b: Extract<Expr, { k: 'num' }>): void {
    if (b.c === undefined) this.emit(`if (${b.code} === 0) throw F;`);
  }

  private binop(op: string, a: Expr, b: Expr, node: Node): Expr {
    const va = boxed(a), vb = boxed(b);
    if (va && vb) return this.fold(() => this.lib.binop(op, va, vb, node));
    const x = this.num(a, op), y = this.num(b, op);
    const ints = isIntLike(x.mask) && isIntLike(y.mask);
    const floats = x.mask === FLOAT || y.mask === FLOAT;
    const arith = ints ? INT : floats ? FLOAT : INT | FLOAT;
    switch (op) {
      case '+':
      case '-':
      case '*':
        return this.computed(`${x.code} ${op} ${y.code}`, arith);
      case '/':
        if (y.c === 0) return this.raises();
        this.zeroCheck(y);
        return this.computed(`${x.code} / ${y.code}`, FLOAT);
      case '//':
      case '%': {
        if (!ints && !floats) bail(`${op} of an int or a float`);
        if (y.c === 0) return this.raises();
        this.zeroCheck(y);
        if (op === '//') {
          return ints ? this.computed(`${this.helper(Math.floor)}(${x.code} / ${y.code})`, INT) : this.computed(`${this.helper(this.lib.floatFloorDiv)}(${x.code}, ${y.code})`, FLOAT);
        }
        return this.computed(`${this.helper(ints ? this.lib.intMod : this.lib.floatMod)}(${x.code}, ${y.code})`, ints ? INT : FLOAT);
      }
      case '**':
        return this.power(x, y, ints, floats);
      default:
        return bail(op);
    }
  }

  /**
   * x ** y as binop computes it: ints with y >= 0 give an int (Math.pow, unchecked); otherwise a
   * float, raising for 0 ** negative, a negative base to a fractional power and a result that is
   * not finite. A one-entry cache per site: `0.5 ** (s // 1000)` repeats each value 1000 times, and
   * Math.pow of an integer exponent is slow.
   */
  private power(x: Extract<Expr, { k: 'num' }>, y: Extract<Expr, { k: 'num' }>, ints: boolean, floats: boolean): Expr {
    const pow = this.helper(Math.pow);
    const t = this.temp();
    const [a, b] = [x.code, y.code];
    let mask: number;
    let checks: string;
    const isInt = this.helper(Number.isInteger);
    if (ints) {
      // (an int may be inf or nan in the boxed path too: `y >= 0` is the test it makes)
      mask = y.c !== undefined && y.c >= 0 ? INT : INT | FLOAT;
      checks = `if (${a} === 0 && ${b} < 0) throw F;\nif (${b} >= 0) ${t} = ${pow}(${a}, ${b});\nelse {\nif (${a} < 0 && !${isInt}(${b})) throw F;\n${t} = ${pow}(${a}, ${b});\nif (${t} - ${t} !== 0) throw F;\n}`;
    } else {
      // a float operand, or not known which: the float path (its checks only add a throw where
      // ints would give an int inf, and the engine then redoes the call)
      mask = floats ? FLOAT : INT | FLOAT;
      checks = `if (${a} === 0 && ${b} < 0) throw F;\nif (${a} < 0 && !${isInt}(${b})) throw F;\n${t} = ${pow}(${a}, ${b});\nif (${t} - ${t} !== 0) throw F;`;
    }
    this.emitMemo(t, [x, y], checks);
    return { k: 'num', mask, code: t };
  }

  /**
   * `compute` (which sets `t` or throws) behind a one-entry cache keyed by the arguments not known
   * at compile time. -0 and 0 compare equal but may give different results: a zero argument
   * matches only the same zero.
   */
  private emitMemo(t: string, args: Extract<Expr, { k: 'num' }>[], compute: string): void {
    const keys = args.filter((e) => e.c === undefined).map((e) => e.code);
    if (keys.length === 0) {
      this.emit(compute);
      return;
    }
    const m = this.memo(keys.length + 1);
    const hit = keys.map((k, i) => `${k} === ${m}[${i}] && (${k} !== 0 || 1 / ${k} === 1 / ${m}[${i}])`).join(' && ');
    const store = keys.map((k, i) => `${m}[${i}] = ${k};`).join(' ');
    this.emit(`if (${hit}) ${t} = ${m}[${keys.length}];\nelse {\n${compute}\n${store} ${m}[${keys.length}] = ${t};\n}`);
  }

  private boolean(node: Node): Expr {
    const and = node.childForFieldName('operator')!.text === 'and';
    this.tick();
    const a = this.expr(node.childForFieldName('left')!);
    const right = node.childForFieldName('right')!;
    const known = this.knownTruth(a);
    if (known !== null) return known === and ? this.expr(right) : a;
    const x = this.num(a, 'and/or');
    const t = this.temp();
    this.emit(`${t} = ${x.code};`);
    let mask = 0;
    const code = this.sub(() => {
      const b = this.num(this.expr(right), 'and/or');
      this.emit(`${t} = ${b.code};`);
      mask = b.mask;
    });
    this.emit(`if (${t} ${and ? '!==' : '==='} 0) {\n${code}\n}`);
    return { k: 'num', mask: x.mask | mask, code: t };
  }

  private comparison(node: Node): Expr {
    const { operands, ops } = this.lib.comparisonParts(node);
    if (operands.length !== ops.length + 1) bail('comparison');
    this.tick();
    if (ops.length === 1) {
      // `a < b`: no temporary; an `if` tests it directly
      const c = this.compare(ops[0], this.expr(operands[0]), this.expr(operands[1]));
      if (typeof c === 'boolean') return numExpr({ t: 'bool', v: c });
      return { k: 'num', mask: BOOL, code: `(${c} ? 1 : 0)`, test: `(${c})` };
    }
    const t = this.temp();
    this.emit(`${t} = 0;`);
    let known: boolean | null = true;
    const go = (i: number, left: Expr): void => {
      if (i === ops.length) {
        this.emit(`${t} = 1;`);
        return;
      }
      const right = this.expr(operands[i + 1]);
      const c = this.compare(ops[i], left, right);
      if (c === false) {
        if (known) known = false;
        return;
      }
      if (c === true) return go(i + 1, right);
      known = null;
      const code = this.sub(() => go(i + 1, right));
      this.emit(`if (${c}) {\n${code}\n}`);
    };
    go(0, this.expr(operands[0]));
    if (known !== null) return numExpr({ t: 'bool', v: known });
    return { k: 'num', mask: BOOL, code: t };
  }

  /** A comparison: its result if known at compile time, else JS code for it. */
  private compare(op: string, a: Expr, b: Expr): boolean | string {
    const va = boxed(a), vb = boxed(b);
    if (va && vb) {
      try {
        return this.lib.compareOp(op, va, vb);
      } catch {
        this.emit('throw F;');
        return false;
      }
    }
    if (op === 'in' || op === 'not in') {
      if (b.k !== 'val') bail('in');
      const c = b.v;
      const keys = c.t === 'list' || c.t === 'tuple' ? c.items : c.t === 'dict' ? c.entries.map(([k]) => k) : bail('in of this container');
      const x = this.num(a, 'in');
      // pyEquals: a number equals only numbers of the same value
      const nums = keys.filter((k) => k.t === 'int' || k.t === 'float' || k.t === 'bool').map((k) => (k.t === 'bool' ? (k.v ? 1 : 0) : (k as { v: number }).v));
      if (nums.length > 64) bail('long container');
      const any = nums.length ? `(${nums.map((n) => `${x.code} === ${lit(n)}`).join(' || ')})` : 'false';
      return op === 'in' ? any : `!${any}`;
    }
    const x = this.num(a, op), y = this.num(b, op);
    switch (op) {
      case '<': case '<=': case '>': case '>=':
        return `${x.code} ${op} ${y.code}`;
      case '==':
        return `${x.code} === ${y.code}`;
      case '!=': case '<>':
        return `${x.code} !== ${y.code}`;
      default:
        return bail(op);
    }
  }

  private conditional(node: Node): Expr {
    const [a, cond, b] = node.namedChildren;
    if (!a || !cond || !b) bail('conditional');
    this.tick();
    const c = this.expr(cond);
    const known = this.knownTruth(c);
    if (known !== null) return this.expr(known ? a : b);
    const t = this.temp();
    let mask = 0;
    const branch = (n: Node) => this.sub(() => {
      const e = this.num(this.expr(n), 'conditional');
      this.emit(`${t} = ${e.code};`);
      mask |= e.mask;
    });
    const then = branch(a), other = branch(b);
    this.emit(`if (${this.truthCode(this.num(c, 'condition'))}) {\n${then}\n} else {\n${other}\n}`);
    return { k: 'num', mask, code: t };
  }

  private attribute(node: Node): Expr {
    const objNode = node.childForFieldName('object')!;
    const attr = node.childForFieldName('attribute')!.text;
    if (objNode.type === 'attribute' && objNode.childForFieldName('attribute')?.text === 'hparams') bail('hparams');
    this.tick();
    let obj: Expr;
    if (objNode.type === 'identifier' && !this.src.locals.has(objNode.text)) {
      // `args.lr` where `args` is not known (a parameter of main): the argparse default, as the
      // boxed path falls back to it
      let unknown = false;
      try {
        this.src.measure(() => this.src.free(objNode.text, objNode));
      } catch (e) {
        if (!this.lib.isUnknown(e)) bail('a name that raises');
        unknown = true;
      }
      if (unknown) {
        this.tick(); // the name, counted before it raised
        const { value, ops } = this.stable(() => this.src.argparseDefault(attr, node) ?? bail('no argparse default'));
        this.tick(ops);
        return numExpr(value);
      }
    }
    obj = this.expr(objNode);
    if (obj.k !== 'val') return bail('attribute of a number');
    const o = obj.v;
    // modules (math.pi), argparse namespaces, and attribute-style dicts (EasyDict, SimpleNamespace,
    // which no code can assign to); not class instances, whose fields a method may change
    if (o.t !== 'qual' && o.t !== 'argns' && !(o.t === 'instance' && o.cls.node.type === 'call')) bail(`attribute of ${o.t}`);
    const { value, ops } = this.stable(() => this.src.getAttr(o, attr, node));
    this.tick(ops);
    return numExpr(value);
  }

  private subscript(node: Node): Expr {
    const subs = node.childrenForFieldName('subscript').filter((c) => c) as Node[];
    if (subs.length !== 1 || subs[0].type === 'slice') bail('subscript');
    this.tick();
    const obj = this.expr(node.childForFieldName('value')!);
    const key = this.expr(subs[0]);
    if (obj.k !== 'val') return bail('subscript of a number');
    const o = obj.v;
    if (o.t !== 'list' && o.t !== 'tuple' && o.t !== 'dict' && !(o.t === 'instance' && o.cls.node.type === 'call')) bail(`subscript of ${o.t}`);
    const kv = boxed(key);
    if (kv) return this.fold(() => this.lib.getItem(o, kv, node));
    // a number index into a list or tuple of numbers
    const k = this.num(key, 'index');
    if ((o.t !== 'list' && o.t !== 'tuple') || !isIntLike(k.mask)) return bail('index');
    const items = o.items.map((it) => numExpr(it));
    if (items.some((it) => it.k !== 'num')) bail('a sequence of values not numbers');
    const table = this.constant(Float64Array.from(items.map((it) => (it as { c: number }).c)));
    const mask = items.reduce((m, it) => m | (it as { mask: number }).mask, 0);
    const i = this.temp();
    const n = items.length;
    this.emit(`${i} = ${k.code};\nif (${i} < 0) ${i} += ${n};\nif (!(${i} >= 0 && ${i} < ${n})) throw F;`);
    return this.computed(`${table}[${i}]`, mask || FLOAT);
  }

  private call(node: Node): Expr {
    const fnNode = node.childForFieldName('function')!;
    const argList = node.childForFieldName('arguments');
    const argNodes = (argList?.namedChildren ?? []).filter((c) => c && c.type !== 'comment') as Node[];
    if (!argList || argList.type !== 'argument_list' || argNodes.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat') || fnNode.text === 'len') {
      bail('call form');
    }
    this.tick();
    const f = this.expr(fnNode);
    if (f.k !== 'val') return bail('call of a number');
    const fv = f.v;
    const args = argNodes.map((a) => this.expr(a));
    const vals = args.map(boxed);
    if (fv.t === 'builtin') {
      if (!BUILTINS.has(fv.name)) bail(`${fv.name}()`);
      if (vals.every((v) => v)) return this.fold(() => fv.fn(vals as Val[], new Map(), node));
      return this.builtin(fv.name, args.map((a) => this.num(a, `${fv.name}()`)), node);
    }
    if (fv.t === 'qual') {
      const path = fv.path.replace(/^(numpy|np)\./, 'math.');
      const boxedFn = this.lib.mathFunc(path) ?? bail(`${path}()`);
      if (vals.every((v) => v)) return this.fold(() => boxedFn(vals as PyValue[]));
      const k = this.lib.mathKernel(path, args.length) ?? bail(`${path}() with ${args.length} arguments`);
      const xs = args.map((a) => this.num(a, path));
      const t = this.temp();
      const call = `${t} = ${this.helper(k.fn)}(${xs.map((x) => x.code).join(', ')});`;
      if (k.memo) this.emitMemo(t, xs, call);
      else this.emit(call);
      return { k: 'num', mask: k.result === 'int' ? INT : k.result === 'bool' ? BOOL : FLOAT, code: t };
    }
    return bail(`call of ${fv.t}`);
  }

  /** min, max, abs, round, int, float, bool, pow of numbers, as callBuiltin computes them. */
  private builtin(name: string, xs: Extract<Expr, { k: 'num' }>[], node: Node): Expr {
    const one = () => (xs.length === 1 ? xs[0] : bail(`${name}() with ${xs.length} arguments`));
    switch (name) {
      case 'min':
      case 'max': {
        if (xs.length < 2) bail(`${name}() of one argument`);
        // best = first; each later item replaces it if compareOp('<' / '>', item, best)
        const t = this.temp();
        this.emit(`${t} = ${xs[0].code};`);
        for (const x of xs.slice(1)) this.emit(`if (${x.code} ${name === 'min' ? '<' : '>'} ${t}) ${t} = ${x.code};`);
        return { k: 'num', mask: xs.reduce((m, x) => m | x.mask, 0), code: t };
      }
      case 'abs': {
        const x = one();
        return this.computed(`${this.helper(Math.abs)}(${x.code})`, (x.mask & FLOAT ? FLOAT : 0) | (x.mask & (INT | BOOL) ? INT : 0));
      }
      case 'round': {
        if (xs.length === 2) {
          const [x, n] = xs;
          if (x.mask === FLOAT) return this.computed(`${this.helper(this.lib.roundDigits)}(${x.code}, ${n.code})`, FLOAT);
          if (isIntLike(x.mask)) return { k: 'num', mask: INT, code: x.code };
          return bail('round(x, n) of an int or a float');
        }
        const x = one();
        // an int is itself; a float is pyRound'ed and must be finite (an int value is unchanged by
        // pyRound, and an int inf raises here where the boxed path returns it: redone there)
        if (x.mask & FLOAT) return this.computed(`${this.helper(this.lib.intNumber)}(${this.helper(this.lib.pyRound)}(${x.code}))`, INT);
        return { k: 'num', mask: INT, code: x.code };
      }
      case 'int': {
        const x = one();
        if (x.mask & FLOAT) return this.computed(`${this.helper(this.lib.intNumber)}(${this.helper(Math.trunc)}(${x.code}))`, INT);
        return { k: 'num', mask: INT, code: x.code };
      }
      case 'float':
        return { k: 'num', mask: FLOAT, code: one().code };
      case 'bool':
        return this.computed(`${one().code} !== 0 ? 1 : 0`, BOOL);
      case 'pow':
        if (xs.length !== 2) bail('pow() arguments');
        return this.binop('**', xs[0], xs[1], node);
      default:
        return bail(`${name}()`);
    }
  }
}

type Factory = (F: Error, C: (n: number) => boolean, K: unknown[]) => NumericFunction;

/** The factory of a generated source (null where `new Function` is not allowed). */
function factoryOf(source: string): Factory | null {
  checkGenerated(source);
  try {
    return new Function('F', 'C', 'K', source) as Factory;
  } catch {
    return null; // no eval here (a content security policy): the boxed path only
  }
}

/** Builtins compiled here (the others keep the boxed path). */
const BUILTINS = new Set(['min', 'max', 'abs', 'round', 'int', 'float', 'bool', 'pow']);

/**
 * The generated source may hold only what the generator writes: its own identifiers, keywords,
 * numbers, operators. A check against a bug ever copying text from the user's file into it.
 */
const ALLOWED_WORDS = /^(?:[FCKox]|[tlk]\d+|e\d*|let|return|function|if|else|throw|const|NaN|Infinity|false)$/;
function checkGenerated(source: string): void {
  if (!/^[\w\s+\-*/%().,;:=<>!&|?{}[\]]*$/.test(source)) throw new Bail('generated source: unexpected character');
  for (const w of source.match(/[A-Za-z_$][\w$]*/g) ?? []) if (!ALLOWED_WORDS.test(w)) throw new Bail(`generated source: unexpected word ${w}`);
}
