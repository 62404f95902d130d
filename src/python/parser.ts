// Parser wrapper: loads web-tree-sitter + tree-sitter-python once (async), then parses synchronously.
// The location of the two WASM files is injectable (the extension passes its own paths/bytes; a
// browser build passes URLs or bytes). Default: next to the running bundle (`__dirname`).
import type { Tree, Node, Range, Language as LanguageT, Parser as ParserT } from 'web-tree-sitter';
// `require` picks the package's CommonJS build: its ESM build reads `import.meta.url`, which a
// CommonJS bundle (the extension, the CLI, the tests) does not have.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Parser, Language } = require('web-tree-sitter') as typeof import('web-tree-sitter');

export type { Tree, Node };

export interface ParserInitOptions {
  /** Path, URL string or bytes of `tree-sitter.wasm` (the runtime). Default: `<__dirname>/tree-sitter.wasm`. */
  treeSitterWasm?: string | Uint8Array;
  /** Path, URL string or bytes of `tree-sitter-python.wasm`. Default: `<__dirname>/tree-sitter-python.wasm`. */
  pythonWasm?: string | Uint8Array;
}

let language: LanguageT | null = null;
let parser: ParserT | null = null;
let initializing: Promise<void> | null = null;

function defaultDir(): string {
  // Bundles are CommonJS: __dirname is the bundle's folder. In a browser there is none.
  return typeof __dirname === 'string' ? __dirname : '.';
}

function join(dir: string, file: string): string {
  return dir.endsWith('/') || dir.endsWith('\\') ? dir + file : `${dir}/${file}`;
}

/** Loads the parser. Safe to call many times; resolves once both WASM modules are ready. */
export function initPython(opts: ParserInitOptions = {}): Promise<void> {
  if (language) return Promise.resolve();
  if (initializing) return initializing;
  initializing = (async () => {
    const runtime = opts.treeSitterWasm ?? join(defaultDir(), 'tree-sitter.wasm');
    const initOpts: Record<string, unknown> =
      typeof runtime === 'string' ? { locateFile: () => runtime } : { wasmBinary: runtime };
    await Parser.init(initOpts as any);
    const lang = await Language.load(opts.pythonWasm ?? join(defaultDir(), 'tree-sitter-python.wasm'));
    const p = new Parser();
    p.setLanguage(lang);
    parser = p;
    language = lang;
  })();
  initializing.catch(() => { initializing = null; });
  return initializing;
}

export function isPythonReady(): boolean {
  return language !== null;
}

function requireParser(): ParserT {
  if (!parser) throw new Error('lr-preview: Python parser not initialised; await initPython() first');
  return parser;
}

/** Parses Python source; pass the previous (already `edit`ed) tree to re-parse incrementally. */
export function parsePython(text: string, oldTree?: Tree | null, options?: { includedRanges?: Range[] }): Tree {
  const tree = requireParser().parse(text, oldTree ?? null, options);
  if (!tree) throw new Error('lr-preview: parse failed');
  return tree;
}

/** Row/column (0-based; column in UTF-16 code units) of an offset. */
export function pointAt(text: string, index: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}

/**
 * One edit between two texts, found as the differing middle (common prefix and suffix). Enough for
 * typing, pasting and replacing one range; several scattered edits become one larger edit.
 */
export function diffEdit(oldText: string, newText: string) {
  // Equal chunks first (comparing strings is much faster than a loop over characters), then
  // characters: the same common prefix and suffix as a loop over characters alone.
  const CHUNK = 1024;
  let start = 0;
  const min = Math.min(oldText.length, newText.length);
  while (start + CHUNK <= min && oldText.slice(start, start + CHUNK) === newText.slice(start, start + CHUNK)) start += CHUNK;
  while (start < min && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd - CHUNK >= start && newEnd - CHUNK >= start && oldText.slice(oldEnd - CHUNK, oldEnd) === newText.slice(newEnd - CHUNK, newEnd)) {
    oldEnd -= CHUNK;
    newEnd -= CHUNK;
  }
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  // Both texts are the same up to `start`: the end points are counted on from its point.
  const startPosition = pointAt(oldText, start);
  const endPoint = (text: string, end: number) => {
    let row = startPosition.row;
    let lineStart = start - startPosition.column;
    for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
      row++;
      lineStart = i + 1;
    }
    return { row, column: end - lineStart };
  };
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: endPoint(oldText, oldEnd),
    newEndPosition: endPoint(newText, newEnd),
  };
}

// ---- tree lifetime ---------------------------------------------------------------------------
// A web-tree-sitter tree lives in WASM memory and must be deleted by hand. An analysis keeps using
// its tree after it returns: the lr_lambda functions it built read argparse defaults or class
// attributes when the engine calls them, and previews re-simulate later. So a tree is deleted when
// nothing holds it any more: each analysis's node wrappers (LiveTree) hold it until they are
// garbage-collected, a PythonDocument holds its current tree until the next edit.

const holds = new Map<Tree, number>();
const finalizer = new FinalizationRegistry<Tree>((tree) => releaseTree(tree));

/** One more holder of `tree`; with `owner`, the hold ends when `owner` is garbage-collected. */
export function holdTree(tree: Tree, owner?: object): void {
  holds.set(tree, (holds.get(tree) ?? 0) + 1);
  if (owner) finalizer.register(owner, tree);
}

/** Ends one hold; the last one deletes the tree. */
export function releaseTree(tree: Tree): void {
  const n = (holds.get(tree) ?? 1) - 1;
  if (n > 0) holds.set(tree, n);
  else {
    holds.delete(tree);
    tree.delete();
  }
}

/** Trees not yet deleted (tests). */
export function liveTreeCount(): number {
  return holds.size;
}
