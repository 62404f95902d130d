#!/usr/bin/env node
// Finds every string the extension translates at run time — the literal first argument of
// `vscode.l10n.t('…')`, `l10n.t('…')` and of the `t('…')` the pure text builders take (the same
// function passed down) — in src/**/*.ts, and writes l10n/bundle.l10n.json (English source →
// English, the file @vscode/l10n-dev's `export` would produce). @vscode/l10n-dev itself only
// recognises `l10n.t(...)` calls, not the `t` parameter the pure modules use, hence this script.
// Usage: node scripts/l10n-extract.mjs [--check]   (--check: exit 1 when a Korean translation is missing)
import { readdirSync, readFileSync, writeFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Reads a JS string literal (' " or ` without ${}) starting at s[i]; returns [value, end] or null. */
function readLiteral(s, i) {
  const q = s[i];
  if (q !== "'" && q !== '"' && q !== '`') return null;
  let v = '';
  for (let k = i + 1; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') {
      const n = s[k + 1];
      const map = { n: '\n', t: '\t', r: '\r', "'": "'", '"': '"', '`': '`', '\\': '\\' };
      if (n === 'u') {
        v += String.fromCharCode(parseInt(s.slice(k + 2, k + 6), 16));
        k += 5;
      } else {
        v += map[n] ?? n;
        k += 1;
      }
      continue;
    }
    if (q === '`' && c === '$' && s[k + 1] === '{') return null; // a template with substitutions: not a key
    if (c === q) return [v, k + 1];
    v += c;
  }
  return null;
}

/** Every translated literal in one source text, with its line. */
export function extractFromSource(text) {
  const found = [];
  const re = /(?<![\w$])(?:(?:vscode\.)?l10n\.t|t)\(\s*/g;
  for (let m; (m = re.exec(text)); ) {
    const at = m.index + m[0].length;
    const lit = readLiteral(text, at);
    if (!lit) continue;
    found.push({ message: lit[0], line: text.slice(0, m.index).split('\n').length });
  }
  return found;
}

export function extractAll(dir = path.join(root, 'src')) {
  const messages = new Map();
  for (const file of walk(dir)) {
    for (const f of extractFromSource(readFileSync(file, 'utf8'))) {
      if (!messages.has(f.message)) messages.set(f.message, `${path.relative(root, file)}:${f.line}`);
    }
  }
  return messages;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const messages = extractAll();
  const bundle = Object.fromEntries([...messages.keys()].sort().map((k) => [k, k]));
  writeFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), `${JSON.stringify(bundle, null, 2)}\n`);
  const koPath = path.join(root, 'l10n', 'bundle.l10n.ko.json');
  const ko = existsSync(koPath) ? JSON.parse(readFileSync(koPath, 'utf8')) : {};
  const missing = [...messages.keys()].filter((k) => typeof ko[k] !== 'string');
  const stale = Object.keys(ko).filter((k) => !messages.has(k));
  console.log(`l10n: ${messages.size} strings → l10n/bundle.l10n.json; Korean: ${messages.size - missing.length} translated, ${missing.length} missing, ${stale.length} stale`);
  for (const k of missing) console.log(`  missing: ${JSON.stringify(k)}  (${messages.get(k)})`);
  for (const k of stale) console.log(`  stale:   ${JSON.stringify(k)}`);
  if (process.argv.includes('--check') && missing.length) process.exit(1);
}
