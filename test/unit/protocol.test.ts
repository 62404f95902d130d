// Messages from the webview are untrusted: the validator accepts exactly the protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateWebviewMessage as v, validateRestoreState, LIMITS } from '../../src/protocol';

test('accepts every well-formed message', () => {
  const ok: unknown[] = [
    { type: 'ready' },
    { type: 'setParam', name: 'T_0', value: '20' },
    { type: 'setParam', name: 'anneal_strategy', value: "'linear'" },
    { type: 'resetParam', name: 'T_0' },
    { type: 'applyToCode', name: 'T_mult', valueSource: '3' },
    { type: 'exportCsv' },
    { type: 'exportPng', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
    { type: 'setSteps', steps: 1000 },
    { type: 'setStepsPerEpoch', value: 391 },
    { type: 'setStepsPerEpoch', value: null },
    { type: 'toggleOverlay', id: 'call:StepLR#0', on: true },
    { type: 'selectCall', id: 'call:StepLR#1' },
    { type: 'revealCall' },
  ];
  for (const m of ok) assert.deepEqual(v(m), m, JSON.stringify(m));
});

test('rejects unknown kinds, wrong types, extra fields', () => {
  const bad: unknown[] = [
    null, undefined, 42, 'ready', [], [{ type: 'ready' }], {}, { type: 'nope' }, { type: 'READY' }, { type: 7 },
    { type: 'ready', extra: 1 },
    { type: 'setParam', name: 'T_0' },
    { type: 'setParam', name: 'T_0', value: 20 },
    { type: 'setParam', name: 'T 0', value: '1' },
    { type: 'setParam', name: '__proto__x;', value: '1' },
    { type: 'setParam', name: 'T_0', value: '   ' },
    { type: 'applyToCode', name: 'T_0', valueSource: '1\nimport os' },
    { type: 'applyToCode', name: 'T_0', value: '1' },
    { type: 'setSteps', steps: 0 },
    { type: 'setSteps', steps: 1.5 },
    { type: 'setSteps', steps: '100' },
    { type: 'setSteps', steps: LIMITS.maxSteps + 1 },
    { type: 'setSteps', steps: NaN },
    { type: 'setStepsPerEpoch', value: -3 },
    { type: 'setStepsPerEpoch' },
    { type: 'toggleOverlay', id: 'x' },
    { type: 'toggleOverlay', id: 'x', on: 'yes' },
    { type: 'exportPng', dataUrl: 'data:text/html;base64,PGgxPg==' },
    { type: 'exportPng', dataUrl: 'javascript:alert(1)' },
    { type: 'exportPng', dataUrl: 'data:image/png;base64,<script>' },
    { type: 'exportPng', dataUrl: 'data:image/png;base64,' },
  ];
  for (const m of bad) assert.equal(v(m), undefined, JSON.stringify(m));
});

test('rejects huge strings', () => {
  const huge = 'x'.repeat(LIMITS.maxValueLength + 1);
  assert.equal(v({ type: 'setParam', name: 'T_0', value: huge }), undefined);
  assert.equal(v({ type: 'applyToCode', name: 'T_0', valueSource: huge }), undefined);
  assert.equal(v({ type: 'setParam', name: 'a'.repeat(65), value: '1' }), undefined);
  assert.equal(v({ type: 'selectCall', id: 'i'.repeat(LIMITS.maxIdLength + 1) }), undefined);
  assert.equal(v({ type: 'exportPng', dataUrl: 'data:image/png;base64,' + 'A'.repeat(LIMITS.maxDataUrlLength) }), undefined);
  assert.equal(v({ type: 'setParam', name: 'T_0', value: '1\u0000' }), undefined);
});

test('restore state is sanitised', () => {
  assert.deepEqual(validateRestoreState(null), {});
  const r = validateRestoreState({ restore: { uri: 'file:///a.py', callId: 'c', steps: 100, stepsPerEpoch: null, overlays: ['a', 3], edits: { T_0: '20', 'bad name': '1', T_mult: 5 } }, ui: {} });
  assert.deepEqual(r, { uri: 'file:///a.py', callId: 'c', steps: 100, stepsPerEpoch: null, overlays: ['a'], edits: { T_0: '20' } });
  assert.deepEqual(validateRestoreState({ steps: -1, entryName: 'x y' }), {});
});
