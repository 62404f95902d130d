// The syntax-node API the reader uses, and its implementation over a web-tree-sitter tree.
//
// Every property of a web-tree-sitter Node (`type`, `parent`, `endIndex`, `childForFieldName`...)
// is a call into WASM that allocates, and `parent` walks down from the root each time. The reader
// asks the same node the same questions many times (scopes, bindings, `sameNode`), so LiveNode
// asks each question once: one LiveNode per tree node (LiveTree.wrap keeps them by id), every
// answer remembered, a child's parent known from the node it was reached from, `text` sliced from
// the source string and `endPosition` computed from a line table, without WASM. Answers are the
// same as the wrapped node's.
import type { Node as TSNode, Tree } from 'web-tree-sitter';

export interface Point { row: number; column: number }

/** A syntax node: a LiveNode (over a parsed tree) or an SNode (a plain copy, see snapshot.ts). */
export interface Node {
  /** Unique among the nodes of one tree (copies have their own, negative ids). */
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly parent: Node | null;
  readonly children: Node[];
  readonly namedChildren: Node[];
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  child(i: number): Node | null;
  childForFieldName(name: string): Node | null;
  childrenForFieldName(name: string): Node[];
  descendantForIndex(start: number, end?: number): Node | null;
  descendantsOfType(type: string): Node[];
}

/** A source text and where its lines start: positions of offsets, as tree-sitter counts them. */
export class Lines {
  private starts: number[] | null = null;

  constructor(readonly source: string) {}

  /** Row and column of an offset (rows end at '\n'; columns in UTF-16 code units). */
  pointAt(index: number): Point {
    const lines = this.starts ??= lineStarts(this.source);
    let lo = 0, hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - lines[lo] };
  }
}

/** The LiveNodes of one parsed tree, and the source text it was parsed from. */
export class LiveTree {
  private nodes = new Map<number, LiveNode>();
  readonly lines: Lines;
  readonly root: LiveNode;

  constructor(readonly source: string, tree: Tree) {
    this.lines = new Lines(source);
    this.root = this.wrap(tree.rootNode)!;
    this.root.setParent(null);
  }

  /** The one LiveNode of a tree node. */
  wrap(raw: TSNode | null): LiveNode | null {
    if (!raw) return null;
    let n = this.nodes.get(raw.id);
    if (!n) {
      n = new LiveNode(raw, this);
      this.nodes.set(raw.id, n);
    }
    return n;
  }

  wrapAll(raws: (TSNode | null)[], parent?: LiveNode): LiveNode[] {
    const out: LiveNode[] = [];
    for (const r of raws) {
      const n = this.wrap(r);
      if (!n) continue;
      if (parent) n.setParent(parent);
      out.push(n);
    }
    return out;
  }

  pointAt(index: number): Point {
    return this.lines.pointAt(index);
  }
}

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

export class LiveNode implements Node {
  readonly id: number;
  readonly startIndex: number;
  readonly startPosition: Point;
  // Remembered answers; undefined (or -1) until first asked.
  private typeV: string | undefined;
  private endV = -1;
  private textV: string | undefined;
  private endPositionV: Point | undefined;
  private parentV: LiveNode | null | undefined;
  private childrenV: LiveNode[] | undefined;
  private namedV: LiveNode[] | undefined;
  private fieldsV: Map<string, LiveNode | null> | undefined;
  private namedFlag: boolean | undefined;
  private missingFlag: boolean | undefined;
  private errorFlag: boolean | undefined;

  constructor(readonly raw: TSNode, readonly tree: LiveTree) {
    this.id = raw.id;
    this.startIndex = raw.startIndex;
    this.startPosition = raw.startPosition;
  }

  /** Records the parent when it is known without asking (the node was reached from it). */
  setParent(p: LiveNode | null): void {
    if (this.parentV === undefined) this.parentV = p;
  }

  get type(): string {
    return this.typeV ??= this.raw.type;
  }

  get endIndex(): number {
    if (this.endV < 0) this.endV = this.raw.endIndex;
    return this.endV;
  }

  get text(): string {
    return this.textV ??= this.tree.source.slice(this.startIndex, this.endIndex);
  }

  get endPosition(): Point {
    return this.endPositionV ??= this.tree.pointAt(this.endIndex);
  }

  get parent(): LiveNode | null {
    if (this.parentV === undefined) this.parentV = this.tree.wrap(this.raw.parent);
    return this.parentV;
  }

  get children(): LiveNode[] {
    return this.childrenV ??= this.tree.wrapAll(this.raw.children, this);
  }

  get namedChildren(): LiveNode[] {
    return this.namedV ??= this.tree.wrapAll(this.raw.namedChildren, this);
  }

  get isNamed(): boolean {
    return this.namedFlag ??= this.raw.isNamed;
  }

  get isMissing(): boolean {
    return this.missingFlag ??= this.raw.isMissing;
  }

  get hasError(): boolean {
    return this.errorFlag ??= this.raw.hasError;
  }

  child(i: number): LiveNode | null {
    return this.children[i] ?? null;
  }

  childForFieldName(name: string): LiveNode | null {
    const fields = this.fieldsV ??= new Map();
    let c = fields.get(name);
    if (c === undefined) {
      c = this.tree.wrap(this.raw.childForFieldName(name));
      c?.setParent(this);
      fields.set(name, c);
    }
    return c;
  }

  childrenForFieldName(name: string): LiveNode[] {
    return this.tree.wrapAll(this.raw.childrenForFieldName(name), this);
  }

  descendantForIndex(start: number, end: number = start): LiveNode | null {
    return this.tree.wrap(this.raw.descendantForIndex(start, end));
  }

  descendantsOfType(type: string): LiveNode[] {
    return this.tree.wrapAll(this.raw.descendantsOfType(type));
  }
}

/** `a = b = value`: the targets left to right and the value (null for an annotation alone). */
export function assignmentParts(a: Node): { targets: Node[]; value: Node | null } {
  let value = a.childForFieldName('right');
  const targets: Node[] = [a.childForFieldName('left')!];
  while (value && value.type === 'assignment') {
    targets.push(value.childForFieldName('left')!);
    value = value.childForFieldName('right');
  }
  return { targets, value };
}
