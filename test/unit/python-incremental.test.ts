// The editor's path (PythonDocument: incremental re-parse, text scans carried from one text to the
// next) gives the same analysis as a from-scratch analyzeSource of the same text, after sequences
// of random edits: typing and deleting anywhere, in imports, module constants a scheduler in
// another function reads, argparse defaults, scheduler arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource, PythonDocument } from '../../src/python/analyze';
import { TextScans } from '../../src/python/scope';
import { diffEdit, pointAt } from '../../src/python/parser';
import { fixture, ready, FIXTURES, serialize } from './python-helpers';

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['0', '5', '.', ',', ' ', '\n', '\n    ', '(', ')', '#', '_', 'x', 'lr', 'args', 'import ', 'step', 'optimizer', 'scheduler', ' = ', '10', 'def ', 'torch', 'math.', '"'];

/** Lines worth editing: imports, module constants, argparse defaults, scheduler and optimizer calls. */
const TARGETS = /^(?:from |import |[A-Z_][A-Z0-9_]* = )|default=|LR\(|_schedule|Adam|SGD|lr=|T_0|gamma|milestones|\.step\(/;

function randomEdit(text: string, r: () => number): string {
  let at: number;
  if (r() < 0.6) {
    // somewhere in a line the analysis reads
    const lines: number[] = [];
    let start = 0;
    for (const line of text.split('\n')) {
      if (TARGETS.test(line)) lines.push(start + Math.floor(r() * (line.length + 1)));
      start += line.length + 1;
    }
    at = lines.length ? lines[Math.floor(r() * lines.length)] : Math.floor(r() * (text.length + 1));
  } else at = Math.floor(r() * (text.length + 1));
  const kind = r();
  if (kind < 0.45) return text.slice(0, at) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(r() * 6)));
  // replace a digit run or a word with another value
  const m = /[0-9]+|[A-Za-z_]+/.exec(text.slice(at));
  if (!m) return text + '\n';
  const s = at + m.index;
  const repl = /^[0-9]/.test(m[0]) ? String(Math.floor(r() * 200)) : ['lr', 'args', 'optimizer', 'CONFIG', 'epochs', 'scheduler', 'gamma'][Math.floor(r() * 7)];
  return text.slice(0, s) + repl + text.slice(s + m[0].length);
}

const FILES = ['argparse_train.py', 'config_dict.py', 'lambdas_and_defs.py', 'aliases.py', 'seed_lambda_func_config.py', 'real/hf_run_glue_no_trainer.py', 'real/yolov5_train.py'];

for (const [k, file] of FILES.entries()) {
  test(`PythonDocument after random edits = analyzeSource from scratch: ${file}`, async () => {
    await ready;
    const r = rng(1000 + k);
    let text = fixture(file);
    const doc = new PythonDocument(text);
    try {
      assert.equal(serialize(doc.analyze()), serialize(analyzeSource(text)));
      for (let step = 0; step < 40; step++) {
        // Sometimes several edits between two analyses (typing fast), sometimes one.
        const n = r() < 0.3 ? 1 + Math.floor(r() * 3) : 1;
        for (let i = 0; i < n; i++) {
          text = randomEdit(text, r);
          doc.update(text);
        }
        assert.equal(serialize(doc.analyze()), serialize(analyzeSource(text)), `${file}, after edit ${step}`);
      }
    } finally {
      doc.dispose();
    }
  });
}

test('carried text scans equal fresh scans after every edit (occurrences, obj.attr = ...)', async () => {
  const r = rng(7);
  let text = readFileSync(join(FIXTURES, 'real', 'hf_lightning_base.py'), 'utf8') + '\nself.lr = 1\nx .y= 2\nw.z == 3\n';
  const names = ['self', 'lr', 'args', 'optimizer', 'scheduler', 'import', 'x', 'step', 'hparams', 'model', 'é'];
  let scans = new TextScans(text);
  scans.prime(['step', 'import', 'optimizer']);
  for (const n of names) scans.occurrences(n);
  scans.attributeAssignments('self.lr');
  for (let step = 0; step < 300; step++) {
    const next = step % 50 === 49 ? text.replace(/\n/, '\r\n') : randomEdit(text, r);
    // the edit as PythonDocument finds it (common prefix and suffix)
    let s = 0;
    while (s < Math.min(text.length, next.length) && text[s] === next[s]) s++;
    let oe = text.length, ne = next.length;
    while (oe > s && ne > s && text[oe - 1] === next[ne - 1]) { oe--; ne--; }
    scans = scans.rebase(next, s, oe, ne);
    text = next;
    const fresh = new TextScans(text);
    for (const n of names) assert.deepEqual(scans.occurrences(n), fresh.occurrences(n), `'${n}' after edit ${step}`);
    fresh.attributeAssignments('');
    assert.deepEqual([...scans.attrAsg!].sort(), [...fresh.attrAsg!].sort(), `obj.attr = after edit ${step}`);
  }
});

test('diffEdit finds the common prefix and suffix a loop over characters finds, and their points', () => {
  const r = rng(11);
  const base = fixture('argparse_train.py').repeat(3);
  for (let k = 0; k < 200; k++) {
    const a = base.slice(0, Math.floor(r() * base.length));
    let b = a;
    for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) b = randomEdit(b, r);
    if (r() < 0.1) b = a; // no change
    let start = 0;
    while (start < Math.min(a.length, b.length) && a[start] === b[start]) start++;
    let oe = a.length, ne = b.length;
    while (oe > start && ne > start && a[oe - 1] === b[ne - 1]) { oe--; ne--; }
    assert.deepEqual(diffEdit(a, b), {
      startIndex: start, oldEndIndex: oe, newEndIndex: ne,
      startPosition: pointAt(a, start), oldEndPosition: pointAt(a, oe), newEndPosition: pointAt(b, ne),
    }, `case ${k}`);
  }
});
