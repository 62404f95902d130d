// Korean: a second code-server started with `--locale ko` (the display language VS Code hands the
// extension as vscode.env.language). The hover on the scheduler and the preview must show Korean;
// screenshots docs/screenshots/hover-ko.png and preview-ko.png.
// Pending while the Korean bundle (l10n/bundle.l10n.ko.json) does not exist or holds no Korean yet.
// VS Code switches the display language only to a locale with a language pack installed, so
// scripts/code-server.mjs installs a minimal stand-in pack (no UI translations: code-server's own
// chrome stays English; the marketplace's Korean pack cannot be downloaded here).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep, waitFor } from './harness.mjs';
import { ensureDebianPackages } from '../../scripts/code-server.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = path.join(REPO, 'l10n', 'bundle.l10n.ko.json');
const HANGUL = /[\uac00-\ud7a3]/;
const RESTARTS = /\b10\b[\s\S]*\b30\b[\s\S]*\b70\b/;

/** Why the case cannot run yet, or '' when the Korean bundle has Korean in it. */
function bundleMissing() {
  if (!existsSync(BUNDLE)) return 'l10n/bundle.l10n.ko.json does not exist yet';
  let values = [];
  try {
    values = Object.values(JSON.parse(readFileSync(BUNDLE, 'utf8'))).map((v) => (typeof v === 'string' ? v : v?.message ?? ''));
  } catch (e) { return `l10n/bundle.l10n.ko.json is not valid JSON yet (${e.message})`; }
  return values.some((v) => HANGUL.test(v)) ? '' : 'l10n/bundle.l10n.ko.json holds no Korean strings yet';
}

/** Hangul-bearing lines of a text (for messages). */
const hangulLines = (t) => t.split('\n').filter((l) => HANGUL.test(l));

export default [
  {
    name: 'Korean (--locale ko): the hover and the preview show Korean (hover-ko, preview-ko)',
    needs: 'extension',
    timeout: 120_000,
    async run(ctx) {
      const why = bundleMissing();
      if (why) ctx.pending(why);
      ensureDebianPackages(['fonts-nanum']); // a Hangul font for Chromium (else tofu boxes in the screenshots)
      // (startCodeServer installs a stand-in Korean language pack: see standInLanguagePack)
      const { wb } = await ctx.startWorkbench({ locale: 'ko' });
      await wb.setSideBar(false);
      await wb.openFile('cosine_restarts.py');
      // occurrence 1: the call (occurrence 0 is the import).
      const text = await wb.hoverWord('CosineAnnealingWarmRestarts', { occurrence: 1, until: (t) => RESTARTS.test(t) && HANGUL.test(t), timeout: 40_000 })
        .catch(async (e) => { throw new Error(`${e.message}\n(hover now: ${JSON.stringify(await wb.hoverText())})`); });
      assert.match(text, HANGUL, `hover text:\n${text}`);
      assert.match(text, RESTARTS, `hover text:\n${text}`);
      await wb.screenshot('hover-ko');

      // The hover's "open preview" link (its title is Korean; find it by its command).
      const frames = wb.page.frames().length;
      const link = wb.page.locator('.monaco-hover a[data-href^="command:lrSchedulePreview.previewAtCursor"], .monaco-hover a[href^="command:lrSchedulePreview.previewAtCursor"]').first();
      await link.waitFor({ state: 'visible', timeout: 5000 });
      const box = await link.boundingBox();
      await wb.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
      await link.click();
      const frame = await wb.webviewFrame({ selector: 'canvas', timeout: 20_000 });
      assert.ok(wb.page.frames().length > frames || frame, 'a webview frame appeared');
      assert.ok(await wb.canvasHasPixels(frame, 'canvas', { min: 500, timeout: 10_000 }), 'the chart draws');
      await sleep(800); // chart.js animation
      // Korean in the webview's own text (panel, legend, labels) or in the chart's titles/labels.
      const shown = await waitFor(async () => {
        const t = await frame.evaluate(() => {
          const parts = [document.body.innerText];
          const chart = window.Chart?.getChart?.(document.querySelector('canvas'));
          if (chart) {
            parts.push(...(chart.data?.datasets ?? []).map((d) => d.label ?? ''));
            for (const sc of Object.values(chart.options?.scales ?? {})) parts.push(sc?.title?.text ?? '');
          }
          return parts.join('\n');
        });
        return HANGUL.test(t) ? t : '';
      }, { timeout: 8000, message: 'Korean text in the preview' });
      assert.ok(hangulLines(shown).length > 0);
      const title = await wb.page.locator('.tabs-container .tab.active').first().innerText().catch(() => '');
      await wb.page.mouse.move(5, 400);
      await wb.screenshot('preview-ko');
      if (process.env.VERBOSE_KO) console.log(`hover: ${hangulLines(text).slice(0, 3).join(' | ')}\npreview tab: ${title}\npreview: ${hangulLines(shown).slice(0, 5).join(' | ')}`);
    },
  },
];
