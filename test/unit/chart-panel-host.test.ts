// The preview's host side (previewPanel.ts) driven with a mocked `vscode`: HTML and CSP, messages
// validated, render models, parameter edits, Apply to code as an edit of the exact argument,
// live update on document change, the serializer, CSV / PNG export.
import './support/install-vscode-mock';
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as mock from './support/vscode-mock';
import { PreviewManager, VIEW_TYPE } from '../../src/editor/previewPanel';
import { initPython, analyzeSource } from '../../src/python';

const SRC = `import torch
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts, StepLR

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
lr_sched = CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=0.01)
other = StepLR(optimizer, 30)
`;

const context = { extensionUri: mock.Uri.file('/ext'), subscriptions: [] } as any;
let manager: PreviewManager;
const doc = new mock.TextDocument(mock.Uri.file('/ws/train.py'), SRC);
mock.docs.push(doc);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const renders = (p: mock.MockPanel) => mock.posted.filter((x) => x.panel === p && x.msg.type === 'render').map((x) => x.msg);
const lastRender = (p: mock.MockPanel) => renders(p).pop();

before(async () => {
  await initPython();
  manager = new PreviewManager(context, (d: any) => ({ calls: analyzeSource(d.getText()).schedulers }), { debounceMs: 10 });
});

test('showForCall opens one panel with a strict CSP and renders the call', async () => {
  await manager.showForCall(doc as any, 0);
  assert.equal(mock.panels.length, 1);
  const p = mock.panels[0];
  assert.equal(p.viewType, VIEW_TYPE);
  const html = p.webview.html;
  const nonce = /nonce-([A-Za-z0-9]+)/.exec(html)![1];
  assert.ok(nonce.length >= 16);
  assert.match(html, new RegExp(`default-src 'none'; script-src 'nonce-${nonce}'; style-src https://mock.vscode-cdn.net; img-src https://mock.vscode-cdn.net data:;`));
  assert.match(html, new RegExp(`<script nonce="${nonce}" src="https://mock.vscode-cdn.net/ext/dist/media/preview.js">`));
  assert.doesNotMatch(html, /http:\/\/|cdn\.jsdelivr|unpkg/);
  assert.deepEqual(p.webview.options.localResourceRoots.map((u: mock.Uri) => u.path), ['/ext/dist/media', '/ext/media']);
  p.send({ type: 'ready' });
  await sleep(20);
  const m = lastRender(p).model;
  assert.equal(m.schedulerName, 'CosineAnnealingWarmRestarts');
  assert.deepEqual(m.events.map((e: any) => e.step).slice(0, 2), [10, 30]);
  assert.equal(m.calls.length, 2);
  assert.match(m.params.find((r: any) => r.name === 'T_mult').effect, /cycles of 10, 20, 40 steps; restarts at steps 10, 30, 70$/); // a 70-step run
  // the same file reuses its panel
  await manager.showForCall(doc as any, 1);
  assert.equal(mock.panels.length, 1);
  assert.equal(lastRender(p).model.schedulerName, 'StepLR');
  await manager.showForCall(doc as any, 0);
});

test('malformed messages are ignored; setParam re-renders at once', async () => {
  const p = mock.panels[0];
  const n = renders(p).length;
  for (const bad of [{ type: 'setParam', name: 'T_0' }, { type: 'eval', code: '1' }, 'ready', null, { type: 'setParam', name: 'T_0', value: '__import__("os")' }]) p.send(bad);
  await sleep(20);
  assert.equal(renders(p).length, n, 'no render for malformed messages');
  p.send({ type: 'setParam', name: 'T_0', value: '20' });
  await sleep(20);
  const m = lastRender(p).model;
  assert.deepEqual(m.events.map((e: any) => e.step).slice(0, 1), [20]);
  const row = m.params.find((r: any) => r.name === 'T_0');
  assert.equal(row.origin, 'edited');
  assert.equal(row.codeSource, '10');
  assert.equal(lastRender(p).restore.edits.T_0, '20');
});

test('Apply to code replaces the exact argument; only the panel\'s own value', async () => {
  const p = mock.panels[0];
  p.send({ type: 'applyToCode', name: 'T_0', valueSource: 'import os' });
  await sleep(20);
  assert.match(doc.text, /T_0=10,/);
  p.send({ type: 'applyToCode', name: 'T_0', valueSource: '20' });
  await sleep(50);
  assert.match(doc.text, /CosineAnnealingWarmRestarts\(optimizer, T_0=20, T_mult=2, eta_min=0\.01\)/);
  // a parameter not written in the call is added as a keyword
  p.send({ type: 'setParam', name: 'last_epoch', value: '-1' });
  p.send({ type: 'setParam', name: 'eta_min', value: '0.001' });
  await sleep(20);
  p.send({ type: 'applyToCode', name: 'eta_min', valueSource: '0.001' });
  await sleep(50);
  assert.match(doc.text, /eta_min=0\.001\)/);
});

test('live update when the source changes (debounced)', async () => {
  const p = mock.panels[0];
  mock.editDocument(doc, doc.text.replace('T_mult=2', 'T_mult=1'));
  await sleep(60);
  const m = lastRender(p).model;
  assert.deepEqual(m.events.map((e: any) => e.step).slice(0, 2), [20, 40]); // T_0=20 (applied), T_mult=1
  mock.editDocument(doc, doc.text.replace('T_mult=1', 'T_mult=0'));
  await sleep(60);
  const e = lastRender(p).model;
  assert.equal(e.error.type, 'ValueError');
  assert.match(e.error.message, /Expected integer T_mult >= 1, but got 0/);
  mock.editDocument(doc, doc.text.replace('T_mult=0', 'T_mult=2'));
  await sleep(60);
});

test('overlays, steps, CSV and PNG export', async () => {
  const p = mock.panels[0];
  p.send({ type: 'setSteps', steps: 200 });
  p.send({ type: 'toggleOverlay', id: 'StepLR#0', on: true });
  await sleep(30);
  const m = lastRender(p).model;
  assert.equal(m.requestedSteps, 200);
  assert.ok(m.series.some((s: any) => s.scheduleId === 'StepLR#0'));
  mock.setSaveTarget(mock.Uri.file('/ws/out.csv'));
  p.send({ type: 'exportCsv' });
  await sleep(30);
  const csv = new TextDecoder().decode(mock.written.get('file:///ws/out.csv'));
  assert.equal(csv.split('\n')[0], 'step,lr');
  assert.equal(csv.trim().split('\n').length, 201);
  // a real 1×1 PNG
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  mock.setSaveTarget(mock.Uri.file('/ws/chart.png'));
  p.send({ type: 'exportPng', dataUrl: `data:image/png;base64,${png}` });
  await sleep(30);
  const bytes = mock.written.get('file:///ws/chart.png')!;
  assert.deepEqual([...bytes.slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  // not a PNG: nothing written
  mock.setSaveTarget(mock.Uri.file('/ws/evil.png'));
  p.send({ type: 'exportPng', dataUrl: 'data:image/png;base64,PGh0bWw+PC9odG1sPg==' });
  await sleep(30);
  assert.equal(mock.written.has('file:///ws/evil.png'), false);
});

test('the serializer restores a panel from its saved state; New Preview has no source', async () => {
  const ser = mock.serializers.get(VIEW_TYPE);
  const panel = new mock.MockPanel(VIEW_TYPE);
  const last = lastRender(mock.panels[0]);
  await ser.deserializeWebviewPanel(panel, { ui: { xUnit: 'steps', logY: false }, restore: last.restore });
  panel.send({ type: 'ready' });
  await sleep(30);
  const m = lastRender(panel).model;
  assert.equal(m.schedulerName, 'CosineAnnealingWarmRestarts');
  assert.equal(m.requestedSteps, 200);
  await manager.showNew('OneCycleLR');
  const np = mock.panels[mock.panels.length - 1];
  np.send({ type: 'ready' });
  np.send({ type: 'setParam', name: 'pct_start', value: '0.5' });
  await sleep(30);
  const nm = lastRender(np).model;
  assert.equal(nm.standalone, true);
  assert.equal(nm.error, null);
  assert.equal(nm.momentumLabel, 'momentum');
  assert.equal(nm.stats.peak.step, 49);
  assert.ok(nm.params.every((r: any) => r.canApply === false));
  np.send({ type: 'applyToCode', name: 'pct_start', valueSource: '0.5' });
  await sleep(20);
  const applied = mock.posted.filter((x) => x.panel === np && x.msg.type === 'applied').pop();
  assert.equal(applied?.msg.ok, false);
  manager.dispose();
});
