// A plain-object copy of a syntax subtree. Functions built by the evaluator (lambdas, defs) outlive
// the parse tree (the engine calls them after analysis; the editor frees old trees on every edit),
// so their bodies are copied into these. Implements the part of web-tree-sitter's Node API the
// evaluator uses.
import type { Node } from 'web-tree-sitter';

let nextId = -1;

export class SNode {
  readonly id = nextId--;
  readonly children: SNode[] = [];
  private fields = new Map<string, SNode[]>();
  readonly snapshot = true;
  constructor(
    readonly type: string,
    readonly text: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly startPosition: { row: number; column: number },
    readonly endPosition: { row: number; column: number },
    readonly parent: SNode | null,
  ) {}
  get namedChildren(): SNode[] {
    return this.children.filter((c) => c.isNamed);
  }
  child(i: number): SNode | null {
    return this.children[i] ?? null;
  }
  childForFieldName(name: string): SNode | null {
    return this.fields.get(name)?.[0] ?? null;
  }
  childrenForFieldName(name: string): SNode[] {
    return this.fields.get(name) ?? [];
  }
  addField(name: string, c: SNode): void {
    const l = this.fields.get(name);
    if (l) l.push(c);
    else this.fields.set(name, [c]);
  }
  descendantForIndex(): null {
    return null;
  }
}

export function isSnapshot(n: Node): boolean {
  return (n as unknown as SNode).snapshot === true;
}

/** Copies `node` and its subtree; `source` is the full text the tree was parsed from. */
export function snapshot(node: Node, source: string): Node {
  if (isSnapshot(node)) return node;
  const cursor = node.walk();
  const make = (parent: SNode | null): SNode => {
    const n = cursor.currentNode;
    const s = new SNode(n.type, source.slice(n.startIndex, n.endIndex), n.isNamed, n.startIndex, n.endIndex, n.startPosition, n.endPosition, parent);
    if (cursor.gotoFirstChild()) {
      do {
        const field = cursor.currentFieldName;
        const c = make(s);
        s.children.push(c);
        if (field) s.addField(field, c);
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    return s;
  };
  try {
    return make(null) as unknown as Node;
  } finally {
    cursor.delete();
  }
}
