// The editor experience of issue 4, checked in a real VS Code with the packaged .vsix installed.
// Workspace: test/vscode/workspace/ (cosine_restarts.py holds the seed's call, invalid.py T_mult=0).
// `needs: 'extension'` cases are reported pending until src/extension.ts exists and packages;
// `needsCommand` cases until the manifest contributes that command.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sleep, waitFor } from './harness.mjs';

const FILE = 'cosine_restarts.py';
const PREVIEW = 'LR Schedule: Preview Scheduler at Cursor';
const RESTARTS = /\b10\b[\s\S]*\b30\b[\s\S]*\b70\b/; // restart steps of T_0=10, T_mult=2
const DIAGNOSTIC = 'Expected integer T_mult >= 1, but got 0';

/** 1-based line and column of `needle` in a workspace file (col of its first character + offset). */
function locate(ctx, file, needle, offset = 0) {
  const lines = readFileSync(path.join(ctx.workspace, file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${needle} in ${file}`);
  return { line: line + 1, col: lines[line].indexOf(needle) + 1 + offset };
}

async function freshEditor(wb, file = FILE) {
  await wb.escape(2);
  await wb.runCommand('View: Close All Editors', { timeout: 3000 }).catch(() => {});
  await wb.hidePanel();
  await wb.setSideBar(true);
  await wb.openFile(file);
}

/** Put the cursor inside the scheduler call and open the preview; returns its webview frame. */
async function openPreview(ctx) {
  const { wb } = ctx;
  const frames = wb.page.frames().length;
  await wb.setSideBar(false); // room for the chart (and better screenshots)
  const at = locate(ctx, FILE, 'CosineAnnealingWarmRestarts(optimizer', 5);
  await wb.goTo(at.line, at.col);
  await wb.runCommand(PREVIEW);
  const frame = await wb.webviewFrame({ selector: 'canvas', timeout: 20_000 });
  assert.ok(wb.page.frames().length > frames || frame, 'a webview frame appeared');
  return frame;
}

export default [
  {
    name: 'hover on CosineAnnealingWarmRestarts shows the restart steps 10, 30, 70',
    needs: 'extension',
    async run({ wb }) {
      await freshEditor(wb);
      // occurrence 1: the call (occurrence 0 is the import).
      const text = await wb.hoverWord('CosineAnnealingWarmRestarts', { occurrence: 1, until: RESTARTS, timeout: 30_000 });
      assert.match(text, RESTARTS, `hover text:\n${text}`);
      await wb.screenshot('hover-light');
    },
  },
  {
    name: 'hover on T_mult explains it ("restarts at" 10, 30, 70)',
    needs: 'extension',
    async run({ wb }) {
      await freshEditor(wb);
      const text = await wb.hoverWord('T_mult', { until: /restarts at/i });
      assert.match(text, /restarts at/i, `hover text:\n${text}`);
      assert.match(text, RESTARTS, `hover text:\n${text}`);
      await wb.screenshot('hover-param-light');
    },
  },
  {
    name: 'hover on torch.optim.SGD explains the optimizer: its update rule with this call’s lr and the scheduler it feeds',
    needs: 'extension',
    async run({ wb }) {
      await freshEditor(wb);
      const text = await wb.hoverWord('SGD', { until: /θ/ , timeout: 30_000 });
      assert.match(text, /θ/, `hover text:\n${text}`); // the update rule is written out
      assert.match(text, /0\.1/, `the call's lr=0.1 substituted:\n${text}`);
      assert.match(text, /CosineAnnealingWarmRestarts/, `names the scheduler it drives:\n${text}`);
      await wb.screenshot('hover-optimizer-light');
    },
  },
  {
    name: `"${PREVIEW}" opens a webview whose chart draws`,
    needs: 'extension',
    needsCommand: 'Preview Scheduler at Cursor',
    async run(ctx) {
      const { wb } = ctx;
      await freshEditor(wb);
      const frame = await openPreview(ctx);
      assert.ok(await wb.canvasHasPixels(frame, 'canvas', { min: 500, timeout: 10_000 }),
        `the chart canvas stays empty: ${JSON.stringify(await wb.canvasPixels(frame, 'canvas'))}`);
      await sleep(600); // chart.js animation
      await wb.page.mouse.move(5, 400);
      await wb.screenshot('preview-light');
    },
  },
  {
    name: 'moving the mouse over the chart shows a tooltip that explains the point',
    needs: 'extension',
    needsCommand: 'Preview Scheduler at Cursor',
    async run(ctx) {
      const { wb } = ctx;
      const frame = await wb.webviewFrame({ selector: 'canvas', timeout: 3000 }).catch(() => null) ?? await openPreview(ctx);
      const before = await wb.canvasPixels(frame, 'canvas');
      const text = await wb.chartTooltip(frame, 'canvas');
      if (!text) {
        const after = await wb.canvasPixels(frame, 'canvas');
        assert.fail(after.hash !== before.hash
          ? 'something was drawn on the canvas on mouse move, but no tooltip text is readable: render the tooltip as HTML (role="tooltip") or expose chart.js as window.Chart'
          : 'no tooltip appeared on mouse move over the chart');
      }
      assert.match(text, /step/i, `tooltip text:\n${text}`);
      assert.match(text, /restart|cycle|T_i|T_cur/i, `the tooltip explains the point:\n${text}`);
      await wb.screenshot('tooltip-light');
    },
  },
  {
    name: 'editing the source (T_0=10 -> 20) updates the chart',
    needs: 'extension',
    needsCommand: 'Preview Scheduler at Cursor',
    async run(ctx) {
      const { wb } = ctx;
      const frame = await wb.webviewFrame({ selector: 'canvas', timeout: 3000 }).catch(() => null) ?? await openPreview(ctx);
      await wb.page.mouse.move(5, 400); // no tooltip in the picture
      await wb.canvasHasPixels(frame, 'canvas');
      await sleep(800);
      const before = await wb.canvasPixels(frame, 'canvas');
      const at = locate(ctx, FILE, 'T_0=10', 4);
      await wb.typeAt(at.line, at.col, '20', { select: 2 });
      assert.match(await wb.editorText(), /T_0=20/, 'the edit landed');
      let now = before;
      try {
        await waitFor(async () => {
          const f = await wb.webviewFrame({ selector: 'canvas', timeout: 2000 });
          now = await wb.canvasPixels(f, 'canvas');
          return now.count > 500 && now.hash !== before.hash;
        }, { timeout: 8000, message: 'the chart to change' });
        await sleep(800);
        await wb.screenshot('preview-edited-light');
      } finally {
        await wb.revertFile().catch(() => {});
      }
    },
  },
  {
    name: `invalid.py (T_mult=0) shows PyTorch's message as a diagnostic: "${DIAGNOSTIC}"`,
    needs: 'extension',
    async run(ctx) {
      const { wb } = ctx;
      await freshEditor(wb, 'invalid.py');
      const at = locate(ctx, 'invalid.py', 'T_mult=0');
      let markers = [];
      await waitFor(async () => {
        markers = await wb.problems();
        return markers.some((m) => m.message.includes(DIAGNOSTIC));
      }, { timeout: 20_000, message: 'the diagnostic in the Problems panel' })
        .catch((e) => { throw new Error(`${e.message}; markers: ${JSON.stringify(markers)}`); });
      const m = markers.find((x) => x.message.includes(DIAGNOSTIC));
      assert.equal(m.severity, 'error', `severity of ${JSON.stringify(m)}`);
      if (m.line) assert.equal(m.line, at.line, `line of ${JSON.stringify(m)}`);
      await wb.openFile('invalid.py');
      const hover = await wb.hoverWord('T_mult', { until: (t) => t.includes(DIAGNOSTIC) });
      assert.ok(hover.includes(DIAGNOSTIC));
      await wb.screenshot('diagnostic-light');
    },
  },
  {
    name: 'dark theme: hover, preview and diagnostic screenshots',
    needs: 'extension',
    async run(ctx) {
      const { wb, ext } = ctx;
      await wb.setTheme('Default Dark Modern');
      try {
        await freshEditor(wb);
        await wb.hoverWord('CosineAnnealingWarmRestarts', { occurrence: 1, until: RESTARTS });
        await wb.screenshot('hover-dark');
        if (ext.hasCommand('Preview Scheduler at Cursor')) {
          const frame = await openPreview(ctx);
          assert.ok(await wb.canvasHasPixels(frame, 'canvas'), 'the chart draws in the dark theme');
          await sleep(600);
          await wb.page.mouse.move(5, 400);
          await wb.screenshot('preview-dark');
        }
        await freshEditor(wb, 'invalid.py');
        await wb.problems();
        await wb.openFile('invalid.py');
        await wb.hoverWord('T_mult', { until: (t) => t.includes(DIAGNOSTIC) });
        await wb.screenshot('diagnostic-dark');
      } finally {
        await wb.escape(2);
        await wb.setTheme('Default Light Modern');
      }
    },
  },
];
