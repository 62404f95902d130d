// Name bindings of one parsed file, found lazily: occurrences of a name are located with a text
// scan, then classified with the syntax tree (so comments and strings never count). Resolution
// picks "the assignment that reaches the use": the last binding in the innermost scope that holds
// one, textually before the use.
import type { Node } from './node';

export type BindingKind = 'assign' | 'augassign' | 'import' | 'def' | 'class' | 'param' | 'for' | 'with' | 'other';

export interface Binding {
  kind: BindingKind;
  name: string;
  /** The identifier that binds. */
  id: Node;
  /** The statement (assignment, import, def, ...). */
  stmt: Node;
  /** Right-hand side of an assignment, or a parameter's default value. */
  value?: Node;
  /** Indices into nested tuples for `a, (b, c) = ...`. */
  unpack?: number[];
  /** For imports: the dotted path the name stands for (`torch.optim.lr_scheduler.StepLR`). */
  importPath?: string;
  /** Scope node (module, function_definition, lambda, class_definition, comprehension). */
  scope: Node;
  /** Offset from which the binding is in effect. */
  at: number;
}

const SCOPE_TYPES = new Set([
  'function_definition', 'lambda', 'class_definition',
  'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression',
]);

const TARGET_CONTAINERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression']);

export interface StarImport { module: string; at: number; scope: Node }

/**
 * Text scans of one source text: whole-word occurrences of names and `obj.attr =` assignments
 * (comments and strings included; the tree filters them later). Every match lies within one line,
 * so after an edit `rebase` keeps the matches of unchanged lines (shifted) and scans only the
 * changed lines again: a PythonDocument carries its scans from one text to the next.
 */
export class TextScans {
  /** Offsets of each name's whole-word occurrences, in order. */
  readonly occ = new Map<string, number[]>();
  /** Offsets of `obj.attr =` by `obj.attr`, in order; null until first asked. */
  attrAsg: Map<string, number[]> | null = null;

  constructor(readonly text: string) {}

  occurrences(name: string): number[] {
    let found = this.occ.get(name);
    if (found) return found;
    const dot = name.lastIndexOf('.');
    if (dot > 0 && DOTTED.test(name)) {
      // `optax.sgdr_schedule`: the occurrences of its last word that follow the rest (the same
      // matches as a scan for the whole string, from a list that is usually primed already).
      const prefix = name.slice(0, dot + 1);
      const text = this.text;
      found = this.occurrences(name.slice(dot + 1)).filter((at) => {
        const s = at - prefix.length;
        return s >= 0 && text.startsWith(prefix, s) && !(s > 0 && isWordChar(text.charCodeAt(s - 1)));
      });
    } else {
      found = name ? wordsIn(this.text, name, 0, this.text.length) : [];
    }
    this.occ.set(name, found);
    return found;
  }

  /** Finds the occurrences of many names in one pass over the text (cheaper than one scan each). */
  prime(names: Iterable<string>): void {
    const words = new Set<string>();
    for (const n of names) words.add(DOTTED.test(n) ? n.slice(n.lastIndexOf('.') + 1) : n); // dotted: see occurrences()
    const todo = [...words].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && !this.occ.has(n));
    if (!todo.length) return;
    for (const n of todo) this.occ.set(n, []);
    // `\b` is faster than lookarounds; it takes non-ASCII letters for boundaries, so those are
    // rejected here (at most one name can match at a word start: a longer one ends mid-word).
    const re = new RegExp(`\\b(?:${todo.sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
    const text = this.text;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const end = m.index + m[0].length;
      if ((m.index > 0 && text.charCodeAt(m.index - 1) > 127) || (end < text.length && text.charCodeAt(end) > 127)) continue;
      this.occ.get(m[0])!.push(m.index);
    }
  }

  attributeAssignments(key: string): number[] {
    this.attrAsg ??= attributeAssignmentsIn(this.text, 0, this.text.length);
    return this.attrAsg.get(key) ?? [];
  }

  /** The same scans for `text`, which replaced this text's [start, oldEnd) with its [start, newEnd). */
  rebase(text: string, start: number, oldEnd: number, newEnd: number): TextScans {
    const out = new TextScans(text);
    if (this.occ.size > 2000) return out; // names pile up while typing: start over now and then
    // The changed lines: the same start in both texts (same prefix); their ends follow equal suffixes.
    const lo = start > 0 ? this.text.lastIndexOf('\n', start - 1) + 1 : 0;
    const oldHi = lineEnd(this.text, oldEnd);
    const newHi = lineEnd(text, newEnd);
    const delta = newHi - oldHi;
    const rebaseList = (old: number[], fresh: number[]) => {
      const list: number[] = [];
      for (const i of old) if (i < lo) list.push(i); else break;
      list.push(...fresh);
      for (const i of old) if (i > oldHi) list.push(i + delta);
      return list;
    };
    for (const [name, old] of this.occ) {
      // Names that are not one word could match across lines: scanned afresh when asked.
      if (!isWord(name)) continue;
      out.occ.set(name, rebaseList(old, wordsIn(text, name, lo, newHi)));
    }
    if (this.attrAsg) {
      const fresh = attributeAssignmentsIn(text, lo, newHi);
      const m = new Map<string, number[]>();
      for (const [k, old] of this.attrAsg) {
        const l = rebaseList(old, fresh.get(k) ?? []);
        if (l.length) m.set(k, l);
      }
      for (const [k, l] of fresh) if (!m.has(k)) m.set(k, l);
      out.attrAsg = m;
    }
    return out;
  }
}

/** `a.b.c`: ASCII words joined by dots, nothing else. */
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** Offsets in [from, to) where `name` appears as a whole word. */
function wordsIn(text: string, name: string, from: number, to: number): number[] {
  const found: number[] = [];
  // Searched in the range alone: indexOf in the whole text would run on to the next occurrence.
  const range = from === 0 && to === text.length ? text : text.slice(from, to);
  let i = range.indexOf(name);
  while (i !== -1) {
    const at = from + i;
    const before = at > 0 ? text.charCodeAt(at - 1) : 32;
    const after = at + name.length < text.length ? text.charCodeAt(at + name.length) : 32;
    if (!isWordChar(before) && !isWordChar(after)) found.push(at);
    i = range.indexOf(name, i + name.length);
  }
  return found;
}

/**
 * `obj.attr =` in [from, to) (whole lines), keyed `obj.attr`. The same matches as
 * /(?<![A-Za-z0-9_.\u0080-\uffff])([A-Za-z_]\w*)[ \t]*\.[ \t]*([A-Za-z_]\w*)[ \t]*=(?!=)/g, found from
 * the `.` (a regex starting at every name is several times slower): `.attr =`, then the name
 * before the dot read backwards.
 */
function attributeAssignmentsIn(text: string, from: number, to: number): Map<string, number[]> {
  const m = new Map<string, number[]>();
  const re = /\.[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*=(?!=)/g;
  re.lastIndex = from;
  let r: RegExpExecArray | null;
  while ((r = re.exec(text)) && r.index < to) {
    let e = r.index;
    while (e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    let s = e;
    while (s > 0 && isAsciiWordChar(text.charCodeAt(s - 1))) s--;
    if (s === e) continue;
    const first = text.charCodeAt(s);
    if (first >= 48 && first <= 57) continue;
    const before = s > 0 ? text.charCodeAt(s - 1) : 32;
    if (before === 46 /* . */ || before >= 128) continue;
    const k = `${text.slice(s, e)}.${r[1]}`;
    const l = m.get(k);
    if (l) l.push(s); else m.set(k, [s]);
  }
  return m;
}

/** Offset of the end of the line holding `i` (its '\n', or the end of the text). */
function lineEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  return e === -1 ? text.length : e;
}

function isWord(name: string): boolean {
  if (!name) return false;
  for (let i = 0; i < name.length; i++) if (!isWordChar(name.charCodeAt(i))) return false;
  return true;
}

export class FileIndex {
  private binds = new Map<string, Binding[]>();
  private stars: StarImport[] | null = null;
  private ids = new Map<string, Node[]>();
  private methods = new Map<string, Node[]>();
  private scopes = new Map<number, Node>();
  readonly scans: TextScans;
  /** Names whose binding the analysis looked up (what the scheduler values were read from). */
  readonly lookedUp = new Set<string>();

  /**
   * `scans`: the text scans of `text` kept from an earlier analysis (PythonDocument), if any.
   * `asked`: collects the names looked up across scopes (identifiers, `obj.attr =` keys), for a
   * skeleton's check that nothing it left out was needed (skeleton.ts).
   */
  constructor(readonly text: string, readonly root: Node, scans?: TextScans, private readonly asked?: Set<string>) {
    this.scans = scans && scans.text === text ? scans : new TextScans(text);
  }

  /** Offsets where `name` appears as a whole word (comments and strings included; filtered later). */
  occurrences(name: string): number[] {
    return this.scans.occurrences(name);
  }

  /** Finds the occurrences of many names in one pass over the text (cheaper than one scan each). */
  prime(names: Iterable<string>): void {
    this.scans.prime(names);
  }

  /** Offsets of `obj.attr = ...` (a plain name's attribute assigned), keyed `obj.attr`. */
  attributeAssignments(key: string): number[] {
    this.asked?.add(key);
    return this.scans.attributeAssignments(key);
  }

  /** Identifier nodes named `name` (not in comments or strings). */
  identifiers(name: string): Node[] {
    const cached = this.ids.get(name);
    if (cached) return cached;
    this.asked?.add(name);
    const out: Node[] = [];
    this.ids.set(name, out);
    for (const i of this.occurrences(name)) {
      const n = this.root.descendantForIndex(i, i + name.length);
      if (n && n.type === 'identifier' && n.startIndex === i && n.endIndex === i + name.length) out.push(n);
    }
    return out;
  }

  /** Call nodes `<something>.method(...)` for a method name, in file order. */
  methodCalls(method: string): Node[] {
    const cached = this.methods.get(method);
    if (cached) return cached;
    const out: Node[] = [];
    this.methods.set(method, out);
    for (const id of this.identifiers(method)) {
      const attr = id.parent;
      if (!attr || attr.type !== 'attribute' || !sameNode(attr.childForFieldName('attribute'), id)) continue;
      const call = attr.parent;
      if (call && call.type === 'call' && sameNode(call.childForFieldName('function'), attr)) out.push(call);
    }
    return out;
  }

  scopeOf(node: Node): Node {
    // Node ids are unique within one tree (snapshot nodes have their own negative ids).
    const key = node.id;
    let s = this.scopes.get(key);
    if (!s) {
      s = this.computeScope(node);
      this.scopes.set(key, s);
    }
    return s;
  }

  private computeScope(node: Node): Node {
    for (let n = node.parent, child: Node = node; n; child = n, n = n.parent) {
      if (!SCOPE_TYPES.has(n.type)) continue;
      if (n.type === 'function_definition') {
        // The name and decorators belong to the outer scope; default values too (approximately).
        const name = n.childForFieldName('name');
        if (name && sameNode(name, child)) continue;
        const params = n.childForFieldName('parameters');
        if (params && sameNode(params, child) && !isParamName(node, params)) continue;
        return n;
      }
      if (n.type === 'class_definition') {
        const name = n.childForFieldName('name');
        if (name && sameNode(name, child)) continue;
        return n;
      }
      if (n.type === 'lambda') {
        const params = n.childForFieldName('parameters');
        if (params && sameNode(params, child) && !isParamName(node, params)) continue;
        return n;
      }
      return n;
    }
    return this.root;
  }

  bindings(name: string): Binding[] {
    let found = this.binds.get(name);
    if (found) return found;
    found = [];
    const seenStmts = new Set<number>();
    const text = this.text;
    // Text pre-filter: `name.attr`, `name(...)`, `name[...]` and `obj.name` never bind `name`.
    const plausible = this.occurrences(name).filter((i) => {
      if (i > 0 && text.charCodeAt(i - 1) === 46 /* . */) return false;
      if (/(?:def|class)\s+$/.test(text.slice(Math.max(0, i - 12), i))) return true;
      let j = i + name.length;
      while (text.charCodeAt(j) === 32) j++;
      const c = text.charCodeAt(j);
      return c !== 46 && c !== 40 && c !== 91;
    });
    const ids: Node[] = [];
    for (const i of plausible) {
      const n = this.root.descendantForIndex(i, i + name.length);
      if (n && n.type === 'identifier' && n.startIndex === i && n.endIndex === i + name.length) ids.push(n);
    }
    for (const id of ids) {
      const b = this.classify(id, name, seenStmts);
      if (b) found.push(b);
    }
    this.binds.set(name, found);
    return found;
  }

  starImports(): StarImport[] {
    if (this.stars) return this.stars;
    const stars: StarImport[] = [];
    for (const i of this.occurrences('import')) {
      const n = this.root.descendantForIndex(i, i + 6);
      const stmt = n?.parent;
      if (!stmt || stmt.type !== 'import_from_statement') continue;
      if (!stmt.namedChildren.some((c) => c?.type === 'wildcard_import')) continue;
      const mod = stmt.childForFieldName('module_name');
      if (mod) stars.push({ module: mod.text, at: stmt.endIndex, scope: this.scopeOf(stmt) });
    }
    this.stars = stars;
    return stars;
  }

  /**
   * The binding of `name` that reaches `use`: innermost scope first (class scopes only for uses
   * directly in the class body), the last binding in effect before the use, else (a global
   * defined later, read when a function runs) the first one after it. `fromScope` skips scopes
   * up to and including that node (for free variables of a function being evaluated).
   */
  lookup(name: string, use: Node, fromScope?: Node): Binding | null {
    this.lookedUp.add(name);
    const all = this.bindings(name);
    if (all.length === 0) return null;
    const chain = this.scopeChain(use);
    let start = 0;
    if (fromScope) {
      const k = chain.findIndex((s) => sameNode(s, fromScope));
      if (k >= 0) start = k + 1;
    }
    for (let k = start; k < chain.length; k++) {
      const scope = chain[k];
      if (k > 0 && scope.type === 'class_definition') continue;
      const inScope = all.filter((b) => sameNode(b.scope, scope));
      if (inScope.length === 0) continue;
      let best: Binding | null = null;
      for (const b of inScope) if (b.at <= use.startIndex && (!best || b.at >= best.at)) best = b;
      if (best) return best;
      // Read from inside a function (k > 0): the value at call time, a binding made later.
      if (k > 0) return inScope.reduce((a, b) => (a.at < b.at ? a : b));
    }
    return null;
  }

  scopeChain(node: Node): Node[] {
    const chain: Node[] = [];
    let s = this.scopeOf(node);
    chain.push(s);
    while (s.type !== 'module' && s.parent) {
      s = this.scopeOf(s);
      chain.push(s);
    }
    if (chain[chain.length - 1].type !== 'module') chain.push(this.root);
    return chain;
  }

  private classify(id: Node, name: string, seen: Set<number>): Binding | null {
    const p = id.parent;
    if (!p) return null;
    const scope = () => this.scopeOf(id);
    switch (p.type) {
      case 'keyword_argument':
        return null;
      case 'attribute':
        return null;
      case 'function_definition':
        if (sameNode(p.childForFieldName('name'), id)) return { kind: 'def', name, id, stmt: p, scope: scope(), at: p.startIndex };
        return null;
      case 'class_definition':
        if (sameNode(p.childForFieldName('name'), id)) return { kind: 'class', name, id, stmt: p, scope: scope(), at: p.startIndex };
        return null;
      case 'parameters':
      case 'lambda_parameters':
        return { kind: 'param', name, id, stmt: p.parent ?? p, scope: scope(), at: (p.parent ?? p).startIndex };
      case 'typed_parameter':
        return { kind: 'param', name, id, stmt: p.parent?.parent ?? p, scope: scope(), at: (p.parent?.parent ?? p).startIndex };
      case 'default_parameter':
      case 'typed_default_parameter':
        if (sameNode(p.childForFieldName('name'), id)) {
          return { kind: 'param', name, id, stmt: p.parent?.parent ?? p, value: p.childForFieldName('value') ?? undefined, scope: scope(), at: (p.parent?.parent ?? p).startIndex };
        }
        return null;
      case 'list_splat_pattern':
      case 'dictionary_splat_pattern':
        if (p.parent && (p.parent.type === 'parameters' || p.parent.type === 'lambda_parameters')) {
          return { kind: 'param', name, id, stmt: p.parent.parent ?? p, scope: scope(), at: (p.parent.parent ?? p).startIndex };
        }
        break;
      case 'as_pattern_target':
        return { kind: 'with', name, id, stmt: p, scope: scope(), at: p.startIndex };
      case 'named_expression':
        if (sameNode(p.childForFieldName('name'), id)) return { kind: 'assign', name, id, stmt: p, value: p.childForFieldName('value') ?? undefined, unpack: [], scope: scope(), at: p.endIndex };
        return null;
      case 'global_statement':
      case 'nonlocal_statement':
        return null;
      case 'dotted_name':
      case 'aliased_import':
      case 'import_statement':
      case 'import_from_statement':
        return this.classifyImport(id, name, seen);
    }
    // Assignment targets, possibly inside tuples: climb while in target containers.
    const unpack: number[] = [];
    let child: Node = id;
    let n: Node | null = p;
    while (n && TARGET_CONTAINERS.has(n.type)) {
      if (n.type !== 'parenthesized_expression') {
        const idx = n.namedChildren.findIndex((c) => c && sameNode(c, child));
        unpack.unshift(idx);
      }
      child = n;
      n = n.parent;
    }
    if (!n) return null;
    if (n.type === 'assignment' && sameNode(n.childForFieldName('left'), child)) {
      // Chained `a = b = 1`: the right side may itself be an assignment.
      let value = n.childForFieldName('right');
      while (value && value.type === 'assignment') value = value.childForFieldName('right');
      let stmt: Node = n;
      while (stmt.parent && stmt.parent.type === 'assignment') stmt = stmt.parent;
      return { kind: 'assign', name, id, stmt, value: value ?? undefined, unpack, scope: scope(), at: stmt.endIndex };
    }
    if (n.type === 'augmented_assignment' && sameNode(n.childForFieldName('left'), child)) {
      return { kind: 'augassign', name, id, stmt: n, value: n.childForFieldName('right') ?? undefined, scope: scope(), at: n.endIndex };
    }
    if ((n.type === 'for_statement' || n.type === 'for_in_clause') && sameNode(n.childForFieldName('left'), child)) {
      return { kind: 'for', name, id, stmt: n, value: n.childForFieldName('right') ?? undefined, unpack, scope: scope(), at: n.startIndex };
    }
    return null;
  }

  private classifyImport(id: Node, name: string, seen: Set<number>): Binding | null {
    let stmt: Node | null = id.parent;
    while (stmt && stmt.type !== 'import_statement' && stmt.type !== 'import_from_statement') stmt = stmt.parent;
    if (!stmt || seen.has(stmt.id)) return null;
    for (const [bound, path] of importedNames(stmt)) {
      if (bound === name) {
        seen.add(stmt.id);
        return { kind: 'import', name, id, stmt, importPath: path, scope: this.scopeOf(stmt), at: stmt.endIndex };
      }
    }
    return null;
  }
}

/** (bound name, dotted path) pairs of an import statement. `import a.b` binds `a` to `a`. */
export function importedNames(stmt: Node): [string, string][] {
  const out: [string, string][] = [];
  if (stmt.type === 'import_statement') {
    for (const c of stmt.childrenForFieldName('name')) {
      if (!c) continue;
      if (c.type === 'aliased_import') {
        const n = c.childForFieldName('name');
        const a = c.childForFieldName('alias');
        if (n && a) out.push([a.text, dotted(n)]);
      } else if (c.type === 'dotted_name') {
        const first = c.namedChildren[0];
        if (first) out.push([first.text, first.text]);
      }
    }
  } else if (stmt.type === 'import_from_statement') {
    const mod = stmt.childForFieldName('module_name');
    if (!mod) return out;
    const base = mod.type === 'relative_import' ? '.' + mod.text.replace(/^\.+/, '') : dotted(mod);
    for (const c of stmt.childrenForFieldName('name')) {
      if (!c) continue;
      if (c.type === 'aliased_import') {
        const n = c.childForFieldName('name');
        const a = c.childForFieldName('alias');
        if (n && a) out.push([a.text, `${base}.${dotted(n)}`]);
      } else if (c.type === 'dotted_name') {
        out.push([c.text, `${base}.${dotted(c)}`]);
      }
    }
  }
  return out;
}

function dotted(n: Node): string {
  return n.text.replace(/\s+/g, '');
}

function isParamName(node: Node, params: Node): boolean {
  // True when `node` is (inside) a parameter name rather than a default value.
  for (let n: Node | null = node; n && !sameNode(n, params); n = n.parent) {
    const p = n.parent;
    if (!p) return false;
    if ((p.type === 'default_parameter' || p.type === 'typed_default_parameter') && sameNode(p.childForFieldName('value'), n)) return false;
  }
  return true;
}

export function sameNode(a: Node | null | undefined, b: Node | null | undefined): boolean {
  if (a === b) return !!a; // one LiveNode per tree node: the common case is the very same object
  return !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
