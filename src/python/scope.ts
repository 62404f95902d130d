// Name bindings of one parsed file, found lazily: occurrences of a name are located with a text
// scan, then classified with the syntax tree (so comments and strings never count). Resolution
// picks "the assignment that reaches the use": the last binding in the innermost scope that holds
// one, textually before the use.
import type { Node } from 'web-tree-sitter';

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

export class FileIndex {
  private occ = new Map<string, number[]>();
  private binds = new Map<string, Binding[]>();
  private stars: StarImport[] | null = null;
  private ids = new Map<string, Node[]>();
  private methods = new Map<string, Node[]>();
  private scopes = new Map<number, Node>();

  constructor(readonly text: string, readonly root: Node) {}

  /** Offsets where `name` appears as a whole word (comments and strings included; filtered later). */
  occurrences(name: string): number[] {
    let found = this.occ.get(name);
    if (found) return found;
    found = [];
    if (!name) return found;
    const text = this.text;
    let i = text.indexOf(name);
    while (i !== -1) {
      const before = i > 0 ? text.charCodeAt(i - 1) : 32;
      const after = i + name.length < text.length ? text.charCodeAt(i + name.length) : 32;
      if (!isWordChar(before) && !isWordChar(after)) found.push(i);
      i = text.indexOf(name, i + name.length);
    }
    this.occ.set(name, found);
    return found;
  }

  /** Finds the occurrences of many names in one pass over the text (cheaper than one scan each). */
  prime(names: Iterable<string>): void {
    const todo = [...new Set(names)].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n) && !this.occ.has(n));
    if (!todo.length) return;
    for (const n of todo) this.occ.set(n, []);
    const re = new RegExp(`(?<![A-Za-z0-9_\\u0080-\\uffff])(?:${todo.sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z0-9_\\u0080-\\uffff])`, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(this.text))) this.occ.get(m[0])!.push(m.index);
  }

  private attrAsg: Map<string, number[]> | null = null;

  /**
   * Offsets of `obj.attr = ...` (a plain name's attribute assigned), keyed `obj.attr`: one text
   * scan for the whole file (comments and strings included; filtered with the tree later).
   */
  attributeAssignments(key: string): number[] {
    if (!this.attrAsg) {
      const m = new Map<string, number[]>();
      const re = /(?<![A-Za-z0-9_.\u0080-\uffff])([A-Za-z_][A-Za-z0-9_]*)[ \t]*\.[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*=(?!=)/g;
      let r: RegExpExecArray | null;
      while ((r = re.exec(this.text))) {
        const k = `${r[1]}.${r[2]}`;
        const l = m.get(k);
        if (l) l.push(r.index); else m.set(k, [r.index]);
      }
      this.attrAsg = m;
    }
    return this.attrAsg.get(key) ?? [];
  }

  /** Identifier nodes named `name` (not in comments or strings). */
  identifiers(name: string): Node[] {
    const cached = this.ids.get(name);
    if (cached) return cached;
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
  return !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}
