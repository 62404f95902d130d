// The parts of a long file the reader never reads, blanked before parsing.
//
// tree-sitter's parse is most of a whole-file analysis (≈ 4–8 µs per line here), yet in a long
// file most top-level functions and classes have nothing to do with its schedulers: a model, data
// helpers, metrics, a vendored utility module. Their bodies are replaced by `pass` and spaces —
// same length, same line breaks, so every kept node has the offsets, rows and columns it has in the
// real text — and the parser skips what follows each `pass` (tree-sitter's included ranges: a run
// of spaces still costs it per character), so the skeleton parses in a fraction of the time.
//
// Which bodies are kept: Python resolves a name to a binding in the function itself, its enclosing
// functions or the module, never inside another function's or class's body. So the reader reads a
// def/class body only when something it reads mentions that def's name (a call, a factory, a class
// of the file), or the body itself mentions a name the reader looks up wholesale (a scheduler or
// optimizer class, `step`, `add_param_group`...: TRIGGERS), or it calls a def whose body is kept (a caller
// of the training function: where it is stepped). Module-level statements are always parsed. The
// closure over these links is computed on the text with strings and comments left out. After the
// analysis, every name it looked up across scopes is checked against the left-out bodies
// (usesLeftOut; analyze.ts then keeps those too, or parses everything).
// test/unit/python-skeleton.test.ts checks that analyses of skeletons equal full ones.

/** Words whose presence in a def/class body means the reader may read it without naming it. */
const TRIGGERS = [
  'step', 'step_update', 'get_lr', 'get_last_lr', 'add_param_group', 'param_groups', 'lr_scheduler', 'scheduler', 'optimizer',
  'optimizers', 'configure_optimizers', 'Trainer', 'HfArgumentParser', 'TrlParser', 'optim', 'lr', 'learning_rate', 'swa_utils',
  'optax', 'keras', 'timm', 'transformers', 'diffusers',
  // calls the reader collects from the whole file by method name (analyze.ts; argparse: ARGPARSE)
  'parse_args_into_dataclasses', 'parse_json_file', 'parse_yaml_file', 'parse_dict', 'parse_args_and_config',
];

/**
 * The argparse calls evaluate.ts reads from anywhere in the file: `add_argument('--lr', …)` (an
 * option string first; argparse's own `def add_argument(self, …)` is not one) and `set_defaults(…)`.
 */
const ARGPARSE = /\badd_argument\s*\(\s*[rRbBuUfF]{0,2}['"]|\bdest\s*=\s*['"]|(?<!def\s+)\bset_defaults\s*\(/g;

export interface Skeleton {
  /** The text with irrelevant bodies blanked (same length and line breaks as the original). */
  text: string;
  /** The blanked [start, end) ranges (each but its `pass`). */
  blanked: [number, number][];
  /** What the parser reads (tree-sitter's included ranges): all but the blanked bodies after `pass`. */
  included: [number, number][];
  /** Where the scan found the top-level statements: the parse of the skeleton must agree. */
  statementStarts: number[];
  /** The original text with string and comment contents as spaces. */
  code: string;
  /** Names no blanked body uses the way the reader looks for them (triggers, ARGPARSE's calls). */
  covered: Set<string>;
}

/**
 * Offsets inside blanked bodies where a name the analysis looked up across scopes (`identifiers`:
 * call sites, steps, aliases; `obj.attr` keys of attribute assignments) appears in code: the
 * analysis of the skeleton may have missed them. Empty: it read everything it needed. Null: a name
 * this check cannot look for.
 */
export function usesLeftOut(sk: Skeleton, asked: Iterable<string>): number[] | null {
  const parts: string[] = [];
  for (const n of asked) {
    if (sk.covered.has(n)) continue; // a body using it was kept for that reason
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) parts.push(n);
    else if (/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/.test(n)) parts.push(n.replace('.', '[ \\t]*\\.[ \\t]*'));
    else return null;
  }
  const out: number[] = [];
  if (!parts.length || !sk.blanked.length) return out;
  const re = new RegExp(`\\b(?:${parts.join('|')})\\b`, 'g');
  let r = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(sk.code))) {
    while (r < sk.blanked.length && sk.blanked[r][1] <= m.index) r++;
    if (r === sk.blanked.length) break;
    if (m.index >= sk.blanked[r][0]) {
      out.push(m.index);
      re.lastIndex = sk.blanked[r][1]; // one is enough per body
    }
  }
  return out;
}

interface Statement {
  start: number;
  end: number;
  /** def/class name, for a statement whose body may be blanked. */
  name?: string;
  /** [start, end) of the blankable body (the lines after the header). */
  body?: [number, number];
  /** The header's colon (the first one outside brackets). */
  colon?: number;
  /** Where `def`/`class` starts under decorators. */
  defAt?: number;
}

/**
 * The skeleton of `text` for the reader, or null when it would not pay (less than `minBlanked` of
 * the text blanked; bodies under `minBody` characters are kept) or the text is beyond this scan's
 * simple model (then the caller parses the whole text). `names`: the catalog's callee names
 * (scheduler and optimizer classes, factories), triggers too.
 */
export function skeletonOf(text: string, names: Iterable<string>, minBlanked = 0.25, minBody = 200, seeds: number[] = []): Skeleton | null {
  // Tabs in indentation: the reader's TabError check reads every line.
  if (tabIndented(text)) return null;
  const scan = scanStatements(text, minBody);
  if (!scan) return null;
  const { statements, code } = scan;
  const blocks = statements.filter((s) => s.name && s.body);
  if (!blocks.length) return null;
  // Where each statement starts, for mapping a match to its statement.
  const starts = statements.map((s) => s.start);
  const stmtAt = (i: number) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Seeds: statements that mention a trigger (outside strings and comments).
  const relevant = new Uint8Array(statements.length);
  const queue: number[] = [];
  const mark = (k: number) => { if (!relevant[k]) { relevant[k] = 1; queue.push(k); } };
  const words = new Set<string>(TRIGGERS);
  for (const n of names) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) words.add(n);
  for (const k of matches(code, words)) mark(stmtAt(k));
  for (const m of text.matchAll(ARGPARSE)) mark(stmtAt(m.index!));
  for (const k of seeds) mark(stmtAt(k));
  // Who defines a name at module level: a def/class by its name, any other statement by the names
  // it may bind (over-approximated: more kept bodies, never a missing one).
  const definers = new Map<string, number[]>();
  const define = (w: string, k: number) => { const l = definers.get(w); if (!l) definers.set(w, [k]); else if (l[l.length - 1] !== k) l.push(k); };
  statements.forEach((st, k) => {
    if (st.name) define(st.name, k);
    else for (const w of boundWords(code.slice(st.start, st.end))) define(w, k);
  });
  // Links, from each bare name (not an attribute: `argparse.ArgumentParser` is not this file's def):
  // a statement that uses a name needs its definers; a def/class is needed by the statements that
  // use it once it is needed itself (its callers: where a factory's result lands, where the
  // training function is called and stepped).
  // What could still be left out: too little already (the seeds keep most bodies) → parse it all.
  const bodySize = (k: number) => { const b = statements[k].body; return b ? b[1] - b[0] : 0; };
  const least = minBlanked * text.length;
  let room = 0;
  statements.forEach((_, k) => { if (!relevant[k]) room += bodySize(k); });
  if (room < least) return null;
  const imports = statements.map((st) => /^(?:from|import)\b/.test(text.slice(st.start, st.start + 7)));
  const uses: number[][] = statements.map(() => []);
  const usedBy: number[][] = statements.map(() => []);
  // Every bare name (the words /[A-Za-z_][A-Za-z0-9_]*/g finds), scanned by hand: a regex match
  // object per name costs more than the rest of the skeleton together on a long file.
  const n = code.length;
  for (let i = 0; i < n;) {
    const c = code.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) { i++; continue; }
    let j = i + 1;
    while (j < n && isAsciiWord(code.charCodeAt(j))) j++;
    const ds = definers.get(code.slice(i, j));
    const at = i;
    i = j;
    if (!ds || afterDot(code, at) || afterDefOrClass(code, at)) continue; // `def parse_args` in a class binds a method
    const from = stmtAt(at);
    if (imports[from]) continue; // an import binds its names, it uses none
    for (const to of ds) {
      if (to === from) continue;
      uses[from].push(to);
      if (statements[to].name) usedBy[to].push(from);
    }
  }
  const take = (k: number) => {
    if (relevant[k]) return;
    room -= bodySize(k);
    mark(k);
  };
  while (queue.length && room >= least) {
    const k = queue.pop()!;
    for (const to of uses[k]) take(to);
    for (const from of usedBy[k]) take(from);
  }
  if (room < least) return null;
  const keep = relevant;
  const blanked: [number, number][] = [];
  const passAt: number[] = [];
  let total = 0;
  statements.forEach((st, k) => {
    if (keep[k] || !st.body) return;
    const at = firstStatementLine(text, st.body[0], st.body[1]);
    if (at < 0) return;
    blanked.push(st.body);
    passAt.push(at);
    total += st.body[1] - st.body[0];
  });
  if (total < minBlanked * text.length) return null;
  const parts: string[] = [];
  let at = 0;
  blanked.forEach(([s, e], k) => {
    parts.push(text.slice(at, passAt[k]), 'pass', spaces(text, passAt[k] + 4, e));
    at = e;
  });
  parts.push(text.slice(at));
  const included: [number, number][] = [];
  at = 0;
  blanked.forEach(([, e], k) => {
    included.push([at, passAt[k] + 4]);
    at = e;
  });
  included.push([at, text.length]);
  words.add('add_argument').add('set_defaults');
  return { text: parts.join(''), blanked, included, statementStarts: statements.map((st) => st.start), code, covered: words };
}

/**
 * Where a body's first statement starts (after its indentation; blank and comment lines skipped),
 * to say `pass` there: -1 when that line is shorter than `pass` (it would eat the line break).
 */
function firstStatementLine(text: string, s: number, e: number): number {
  for (let i = s; i < e;) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl > e) nl = e;
    let j = i;
    while (j < nl && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    if (j < nl && text.charCodeAt(j) !== 35 && text.charCodeAt(j) !== 13) return nl - j >= 4 ? j : -1;
    i = nl + 1;
  }
  return -1;
}

/**
 * Names a module-level statement may bind: the words left of an assignment's `=`, of `for … in`,
 * after `as`, before `:=`, in imports, and nested def/class names. Attributes (after a `.`) are
 * left out, their objects kept (`cfg.lr = …` binds through `cfg`).
 */
function boundWords(stmt: string): Set<string> {
  const out = new Set<string>();
  const add = (part: string) => {
    const re = /[A-Za-z_][A-Za-z0-9_]*/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(part))) if (!afterDot(part, m.index)) out.add(m[0]);
  };
  if (/^(?:from|import)\b/.test(stmt)) {
    add(stmt);
    return out;
  }
  for (const line of stmt.split('\n')) {
    const eq = /^([^=]*?)(?:[-+*/%@&|^]|\/\/|\*\*|<<|>>)?=(?!=)/.exec(line);
    if (eq && !/[<>!]$/.test(eq[1])) add(eq[1]);
    const f = /^[ \t]*(?:async[ \t]+)?for[ \t]+(.*?)[ \t]+in\b/.exec(line);
    if (f) add(f[1]);
    const d = /^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+([A-Za-z_]\w*)/.exec(line);
    if (d) out.add(d[1]);
    if (/^[ \t]*(?:from|import)\b/.test(line)) add(line);
    for (const a of line.matchAll(/\bas[ \t]+([A-Za-z_]\w*)|([A-Za-z_]\w*)[ \t]*:=/g)) out.add(a[1] ?? a[2]);
  }
  return out;
}

/** text[s, e) as spaces, its line breaks kept. */
function spaces(text: string, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e;) {
    let nl = text.indexOf('\n', i);
    if (nl < 0 || nl >= e) nl = e;
    const cr = nl > i && nl < e && text.charCodeAt(nl - 1) === 13;
    out += ' '.repeat(nl - i - (cr ? 1 : 0)) + (cr ? '\r' : '') + (nl < e ? '\n' : '');
    i = nl + 1;
  }
  return out;
}

/** A line indented with a tab (`^[ ]*\t`, without a multiline regex over the whole text). */
function tabIndented(text: string): boolean {
  for (let i = text.indexOf('\t'); i >= 0; i = text.indexOf('\t', i + 1)) {
    let b = i - 1;
    while (b >= 0 && text.charCodeAt(b) === 32) b--;
    if (b < 0 || text.charCodeAt(b) === 10) return true;
  }
  return false;
}

/** Clauses that continue a compound statement at its own indentation. */
const CLAUSES = new Set(['else', 'elif', 'except', 'finally']);

function isAsciiWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Is the word at `i` the name a `def` or `class` gives (`def parse_args` binds, it does not use)? */
function afterDefOrClass(text: string, i: number): boolean {
  let b = i - 1;
  while (b >= 0 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b--;
  if (b === i - 1) return false;
  for (const kw of ['def', 'class']) {
    const s = b - kw.length + 1;
    if (s >= 0 && text.startsWith(kw, s) && (s === 0 || !isAsciiWord(text.charCodeAt(s - 1)))) return true;
  }
  return false;
}

/** Is the word at `i` an attribute (`x.name`, `x . name`)? */
function afterDot(text: string, i: number): boolean {
  let b = i - 1;
  while (b >= 0 && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9)) b--;
  return b >= 0 && text.charCodeAt(b) === 46;
}

function wordsRegex(words: Iterable<string>): RegExp | null {
  const list = [...words].filter((w) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(w));
  if (!list.length) return null;
  return new RegExp(`\\b(?:${list.sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
}

/** Offsets where any of `words` appears as a whole word in `code`. */
function matches(code: string, words: Set<string>): number[] {
  const re = wordsRegex(words);
  const out: number[] = [];
  if (!re) return out;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) out.push(m.index);
  return out;
}

/**
 * Top-level statements of `text`, found by a scan that knows strings, comments, brackets and line
 * continuations (not a parser: a statement starts at a line whose first character, outside any
 * string or bracket, is neither blank nor `#`). `code` is the text with string and comment
 * contents replaced by spaces. Null when the scan meets what it does not model (an unterminated
 * string or bracket, a form feed, an f-string nesting its own quotes): the caller parses everything.
 */
function scanStatements(text: string, minBody: number): { statements: Statement[]; code: string } | null {
  const n = text.length;
  const statements: Statement[] = [];
  const code: string[] = [];
  let codeFrom = 0; // text[codeFrom, i) is copied into code as is, once a string or comment ends it
  let depth = 0;
  let i = 0;
  let lineStart = true;
  let continued = false;
  let headerColon = -1; // first depth-0 ':' of the current statement
  let decorating = false; // the statement so far is decorators
  const open = (start: number) => {
    if (statements.length) closeLast(start);
    statements.push({ start, end: n });
    headerColon = -1;
  };
  const closeLast = (end: number) => {
    const s = statements[statements.length - 1];
    s.end = end;
    const from = s.defAt ?? s.start;
    const head = /^(?:async[ \t]+)?(def|class)[ \t]+([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(from, Math.min(end, from + 300)));
    if (!head) return;
    s.name = head[2];
    if (s.colon === undefined) return;
    // the body: the lines after the header line, when the header line ends at its colon
    const nl = text.indexOf('\n', s.colon);
    if (nl < 0 || nl + 1 >= end) return;
    if (!/^[ \t]*(?:#[^\n]*)?\r?$/.test(text.slice(s.colon + 1, nl))) return; // `def f(): return 1`
    let bodyEnd = end;
    while (bodyEnd > nl + 1 && /\s/.test(text[bodyEnd - 1])) bodyEnd--;
    if (bodyEnd - (nl + 1) < minBody) return; // not worth it
    s.body = [nl + 1, bodyEnd];
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      if (depth === 0 && !continued && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 35) {
        if (c === 12) return null; // form feed: indentation rules this scan does not model
        // `else:`/`except …:` go on the statement above; so does the def under a decorator
        const word = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 12))?.[0];
        if (decorating && (c === 64 || word === 'def' || word === 'class' || word === 'async')) {
          if (c !== 64) statements[statements.length - 1].defAt = i;
          decorating = c === 64;
        } else if (!(word && CLAUSES.has(word) && statements.length)) {
          open(i);
          decorating = c === 64;
        }
      }
      continued = false;
    }
    if (c === 10) { lineStart = true; i++; continue; }
    if (c === 35) { // comment to end of line
      const e = text.indexOf('\n', i);
      const end = e < 0 ? n : e;
      code.push(text.slice(codeFrom, i), ' '.repeat(end - i));
      codeFrom = i = end;
      continue;
    }
    if (c === 92) { // backslash: a line continuation outside strings
      if (text.charCodeAt(i + 1) === 10 || (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10)) continued = true;
      i++;
      continue;
    }
    if (c === 34 || c === 39) {
      // a string: its prefix letters are already copied; `f"{x["a"]}"` (3.12) is refused below
      const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
      const q = String.fromCharCode(c);
      const close = triple ? q + q + q : q;
      let j = i + close.length;
      let prefix = i - 1;
      while (prefix >= 0 && /[A-Za-z]/.test(text[prefix])) prefix--;
      const isF = /[fF]/.test(text.slice(prefix + 1, i));
      for (;;) {
        if (j >= n) return null; // unterminated
        const d = text.charCodeAt(j);
        if (d === 92) { j += 2; continue; }
        if (!triple && d === 10) return null; // a line break in a one-line string: not Python
        if (isF && d === 123 && text.charCodeAt(j + 1) !== 123) {
          // a replacement field: a quote inside it would be 3.12's nesting, which this scan refuses
          const e = text.indexOf('}', j);
          if (e < 0) return null;
          const field = text.slice(j, e);
          if (field.includes(q) || field.includes('\n') && !triple) return null;
          j = e + 1;
          continue;
        }
        if (d === c && text.startsWith(close, j)) break;
        j++;
      }
      const end = j + close.length;
      code.push(text.slice(codeFrom, i), spaces(text, i, end));
      codeFrom = i = end;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) { if (--depth < 0) return null; }
    else if (c === 58 && depth === 0 && headerColon < 0 && statements.length) {
      headerColon = i;
      statements[statements.length - 1].colon = i;
    }
    i++;
  }
  if (depth !== 0) return null;
  code.push(text.slice(codeFrom));
  if (statements.length) closeLast(n);
  return { statements, code: code.join('') };
}
