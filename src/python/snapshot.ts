// A plain-object copy of a syntax subtree. Functions built by the evaluator (lambdas, defs) outlive
// the parse tree (the engine calls them after analysis; the editor frees old trees on every edit),
// so their bodies are copied into these. Implements the reader's Node interface (node.ts).
import { LiveNode, type Lines, type Node, type Point } from './node';

let nextId = -1;

export class SNode implements Node {
  readonly id = nextId--;
  private textV: string | undefined;
  readonly children: SNode[] = [];
  // Most nodes (leaves) have no fields: the map is made on the first.
  private fields: Map<string, SNode[]> | null = null;
  private named: SNode[] | null = null;
  /** The field this node is in its parent (`body`, `left`...), if any. */
  field: string | null = null;
  readonly snapshot = true;
  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The source (text and positions are read from it when asked: most never are). */
    private lines: Lines,
    readonly parent: SNode | null,
  ) {}
  get text(): string {
    return this.textV ??= this.lines.source.slice(this.startIndex, this.endIndex);
  }
  /** Reads from `lines` from now on: a newer source with this subtree's text at the same offsets and rows. */
  rebind(lines: Lines): void {
    this.lines = lines;
    for (const c of this.children) c.rebind(lines);
  }
  get startPosition(): Point {
    return this.lines.pointAt(this.startIndex);
  }
  get endPosition(): Point {
    return this.lines.pointAt(this.endIndex);
  }
  get namedChildren(): SNode[] {
    return this.named ??= this.children.filter((c) => c.isNamed);
  }
  // Not copied (only asked of the live tree: syntax-error lints).
  get isMissing(): boolean {
    return false;
  }
  get hasError(): boolean {
    return false;
  }
  child(i: number): SNode | null {
    return this.children[i] ?? null;
  }
  childForFieldName(name: string): SNode | null {
    return this.fields?.get(name)?.[0] ?? null;
  }
  childrenForFieldName(name: string): SNode[] {
    return this.fields?.get(name) ?? [];
  }
  addField(name: string, c: SNode): void {
    c.field = name;
    const fields = this.fields ??= new Map();
    const l = fields.get(name);
    if (l) l.push(c);
    else fields.set(name, [c]);
  }
  descendantForIndex(): null {
    return null;
  }
  descendantsOfType(type: string): SNode[] {
    const out: SNode[] = [];
    const visit = (n: SNode) => {
      for (const c of n.children) {
        if (c.type === type) out.push(c);
        visit(c);
      }
    };
    visit(this);
    return out;
  }
}

export function isSnapshot(n: Node): boolean {
  return (n as SNode).snapshot === true;
}

/**
 * Copies of subtrees by shape, kept by a PythonDocument from one analysis to the next: a function
 * an edit did not touch has the same text at the same column, hence the same syntax tree, so its
 * earlier copy is copied again (moved to where it is now) instead of walking the tree.
 */
export class SnapshotCache {
  // Two generations: the copies this analysis used, and the previous analysis's.
  private cur = new Map<string, SNode>();
  private prev = new Map<string, SNode>();

  /** Starts an analysis: copies the previous one did not use are dropped. */
  nextAnalysis(): void {
    this.prev = this.cur;
    this.cur = new Map();
  }

  get(key: string): SNode | undefined {
    const s = this.cur.get(key) ?? this.prev.get(key);
    if (s) this.cur.set(key, s);
    return s;
  }

  set(key: string, s: SNode): void {
    this.cur.set(key, s);
  }
}

/** Copies `node` and its subtree (through `cache` when given). */
export function snapshot(node: Node, cache?: SnapshotCache): Node {
  if (!(node instanceof LiveNode)) return node;
  // The tree of a text with a syntax error may depend on what surrounds it: never reused.
  const key = cache && !node.hasError ? `${node.type}:${node.startPosition.column}:${node.text}` : null;
  const earlier = key !== null ? cache!.get(key) : undefined;
  if (earlier) {
    const delta = node.startIndex - earlier.startIndex;
    // Not moved (an edit after it, or none): the same copy, reading the new source (which holds
    // the same text there) instead of pinning the old one.
    if (delta === 0 && earlier.startPosition.row === node.startPosition.row) {
      earlier.rebind(node.tree.lines);
      return earlier;
    }
    const moved = relocate(earlier, delta, node.tree.lines, null);
    cache!.set(key!, moved);
    return moved;
  }
  const copied = copy(node);
  if (key !== null) cache!.set(key, copied);
  return copied;
}

function copy(node: LiveNode): SNode {
  // One cursor walk over the subtree. Types and named-ness come from the language's tables by type
  // id, text and positions from the source: fewer calls into WASM than asking each node.
  const cursor = node.raw.walk();
  const lang = node.raw.tree.language;
  const lines = node.tree.lines;
  const make = (parent: SNode | null): SNode => {
    const typeId = cursor.nodeTypeId;
    const s = new SNode(typeName(lang, typeId), isNamedType(lang, typeId), cursor.startIndex, cursor.endIndex, lines, parent);
    if (cursor.gotoFirstChild()) {
      do {
        const field = cursor.currentFieldId;
        const c = make(s);
        s.children.push(c);
        if (field) s.addField(lang.fields[field]!, c);
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    return s;
  };
  try {
    return make(null);
  } finally {
    cursor.delete();
  }
}

/** A copy of `s` whose text now starts `delta` characters later, in `lines`' source. */
function relocate(s: SNode, delta: number, lines: Lines, parent: SNode | null): SNode {
  const out = new SNode(s.type, s.isNamed, s.startIndex + delta, s.endIndex + delta, lines, parent);
  for (const c of s.children) {
    const r = relocate(c, delta, lines, out);
    out.children.push(r);
    if (c.field) out.addField(c.field, r);
  }
  return out;
}

type Language = LiveNode['raw']['tree']['language'];

function typeName(lang: Language, typeId: number): string {
  return lang.types[typeId] || 'ERROR';
}

const namedByLanguage = new WeakMap<Language, boolean[]>();
function isNamedType(lang: Language, typeId: number): boolean {
  let named = namedByLanguage.get(lang);
  if (!named) namedByLanguage.set(lang, (named = []));
  return named[typeId] ??= lang.nodeTypeIsNamed(typeId);
}
