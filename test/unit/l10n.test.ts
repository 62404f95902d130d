// Localisation: package.nls.json ↔ package.nls.ko.json ↔ package.json's %keys%, every runtime
// string (vscode.l10n.t / t('…') in src/) translated in l10n/bundle.l10n.ko.json with the same
// {0} placeholders, and the catalog's Korean explanations (catalog.ko.ts) complete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { entries } from '../../src/schedulers/catalog';
import '../../src/schedulers/transformers';
import { OPTIMIZERS } from '../../src/schedulers/optimizers';
import { KO_CATALOG, KO_OPTIMIZERS, localizedDoc, localizedPitfalls, localizedSummary, localizedOptimizer, isKorean } from '../../src/schedulers/catalog.ko';
import { uiStrings } from '../../src/editor/uiStrings';
import { UI_STRINGS_EN, validateUiStrings, fillString } from '../../src/protocol';
import { effectHere } from '../../src/editor/effects';

const root = process.cwd();
const json = (f: string) => JSON.parse(readFileSync(path.join(root, f), 'utf8')) as Record<string, unknown>;
const placeholders = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort().join(',');
const HANGUL = /[\uac00-\ud7a3]/;

test('package.nls.json and package.nls.ko.json have the same keys, all in Korean', () => {
  const en = json('package.nls.json');
  const ko = json('package.nls.ko.json');
  assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
  for (const [k, v] of Object.entries(ko)) {
    assert.equal(typeof v, 'string', k);
    assert.ok(HANGUL.test(v as string) || v === en[k], `${k} is translated`);
    assert.equal(placeholders(v as string), placeholders(en[k] as string), `${k} placeholders`);
  }
});

test('every %key% in package.json exists in package.nls.json, and every nls key is used', () => {
  const raw = readFileSync(path.join(root, 'package.json'), 'utf8');
  const used = new Set([...raw.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
  const en = json('package.nls.json');
  assert.ok(used.size >= 10, 'command titles, category, settings are localised');
  for (const k of used) assert.ok(k in en, `%${k}% in package.nls.json`);
  for (const k of Object.keys(en)) assert.ok(used.has(k), `${k} is used in package.json`);
  const pkg = json('package.json') as { l10n?: string; contributes: { commands: { title: string; category: string }[] } };
  assert.equal(pkg.l10n, './l10n');
  for (const c of pkg.contributes.commands) {
    assert.match(c.title, /^%.+%$/);
    assert.match(c.category, /^%.+%$/);
  }
});

test('every l10n.t / t() string in src has a Korean translation with the same placeholders', async () => {
  const mod = (await import(pathToFileURL(path.join(root, 'scripts/l10n-extract.mjs')).href)) as { extractAll(dir: string): Map<string, string> };
  const messages = mod.extractAll(path.join(root, 'src'));
  assert.ok(messages.size > 150, `${messages.size} strings found`);
  const ko = json('l10n/bundle.l10n.ko.json');
  const missing = [...messages.keys()].filter((k) => typeof ko[k] !== 'string');
  assert.deepEqual(missing, [], 'untranslated (run node scripts/l10n-extract.mjs)');
  for (const [k, v] of Object.entries(ko)) {
    assert.ok(messages.has(k), `stale translation: ${k}`);
    assert.equal(placeholders(v as string), placeholders(k), `placeholders of ${JSON.stringify(k)}`);
  }
  // the strings that matter most are really Korean
  for (const k of ['Restarts at steps {0}', 'Open preview', 'cycles of {0} steps; restarts at steps {1}', 'Parameters']) {
    assert.match(ko[k] as string, HANGUL, k);
  }
  assert.ok(existsSync(path.join(root, 'l10n/bundle.l10n.json')), 'the English bundle is generated');
});

test('the extractor reads t(), c.t(), l10n.t() and vscode.l10n.t() literals, not templates or other calls', async () => {
  const mod = (await import(pathToFileURL(path.join(root, 'scripts/l10n-extract.mjs')).href)) as { extractFromSource(s: string): { message: string }[] };
  // `c.t('…')`: the effect builders reach the translate function through their context object
  const src = "t('a {0}', x); vscode.l10n.t(\"b\"); l10n.t(`c`); t(`d ${x}`); format('e'); c.t('f'); at('g'); t('it\\'s')";
  assert.deepEqual(mod.extractFromSource(src).map((m) => m.message), ['a {0}', 'b', 'c', 'f', 'it\'s']);
});

test('every catalog entry and every parameter has a Korean summary, doc and pitfalls', () => {
  assert.ok(entries.length >= 28, 'torch + transformers entries registered');
  for (const e of entries) {
    const ko = KO_CATALOG[e.name];
    assert.ok(ko, `${e.name} has a Korean entry`);
    assert.match(ko.summary, HANGUL, `${e.name} summary`);
    for (const p of e.params) {
      assert.ok(ko.params[p.name], `${e.name}.${p.name} has a Korean doc`);
      assert.match(ko.params[p.name], HANGUL, `${e.name}.${p.name}`);
      assert.equal(localizedDoc(e.name, p.name, 'ko'), ko.params[p.name]);
      assert.equal(localizedDoc(e.name, p.name, 'en'), p.doc, 'English stays the default');
    }
    for (const k of Object.keys(ko.params)) assert.ok(e.params.some((p) => p.name === k), `${e.name}.${k} is a real parameter`);
    assert.equal(ko.pitfalls.length, e.pitfalls.length, `${e.name} pitfalls`);
    assert.deepEqual(localizedPitfalls(e.name, 'ko-KR'), ko.pitfalls);
    assert.equal(localizedSummary(e.name, undefined), e.summary);
  }
  for (const k of Object.keys(KO_CATALOG)) assert.ok(entries.some((e) => e.name === k), `${k} is a catalog entry`);
});

test('the register: the user’s own words for CosineAnnealingWarmRestarts, code identifiers kept', () => {
  assert.match(localizedDoc('CosineAnnealingWarmRestarts', 'T_0', 'ko')!, /^최저점을 찍는 첫 주기/);
  assert.match(localizedDoc('CosineAnnealingWarmRestarts', 'eta_min', 'ko')!, /^최저 lr/);
  assert.match(localizedDoc('torch.optim.lr_scheduler.CosineAnnealingLR', 'T_max', 'ko')!, /T_max/);
  assert.equal(localizedDoc('NoSuchScheduler', 'x', 'ko'), undefined);
  assert.ok(isKorean('ko') && isKorean('ko-kr') && !isKorean('en') && !isKorean('kok') && !isKorean(undefined));
});

test('every optimizer and parameter has a Korean explanation', () => {
  for (const o of OPTIMIZERS) {
    const ko = KO_OPTIMIZERS[o.name];
    assert.ok(ko, o.name);
    for (const p of o.params) assert.match(ko.params[p.name] ?? '', HANGUL, `${o.name}.${p.name}`);
    assert.equal(ko.pitfalls.length, o.pitfalls.length, `${o.name} pitfalls`);
    assert.equal(localizedOptimizer(o.name, 'en')!.summary, o.summary);
    assert.equal(localizedOptimizer(o.name, 'ko')!.summary, ko.summary);
  }
});

test('the webview string table: every key translated through t, English fallback, {0} filled', () => {
  const ko = json('l10n/bundle.l10n.ko.json') as Record<string, string>;
  const tKo = (m: string, ...a: (string | number | boolean)[]) => fillString(ko[m] ?? m, ...a.map(String));
  const table = uiStrings(tKo);
  assert.deepEqual(Object.keys(table).sort(), Object.keys(UI_STRINGS_EN).sort());
  assert.deepEqual(uiStrings(), UI_STRINGS_EN);
  assert.equal(table.parameters, '파라미터');
  assert.equal(validateUiStrings({ parameters: 7, steps: 'x'.repeat(600), title: 'T' }).parameters, UI_STRINGS_EN.parameters);
  assert.equal(validateUiStrings({ title: 'T' }).title, 'T');
  assert.equal(fillString(table.ttStep, 12), 'step 12');
});

test('effect texts go through t: Korean with a Korean t, English by default', () => {
  const ko = json('l10n/bundle.l10n.ko.json') as Record<string, string>;
  const tKo = (m: string, ...a: (string | number | boolean)[]) => fillString(ko[m] ?? m, ...a.map(String));
  const args = { T_0: 10, T_mult: 2, eta_min: 0.01 };
  assert.equal(effectHere('CosineAnnealingWarmRestarts', 'T_mult', args), 'cycles of 10, 20, 40, 80 steps; restarts at steps 10, 30, 70, 150');
  assert.equal(effectHere('CosineAnnealingWarmRestarts', 'T_mult', args, undefined, tKo), '주기 10, 20, 40, 80 step, restart step: 10, 30, 70, 150');
});
