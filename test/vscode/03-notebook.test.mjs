// Notebooks in the real VS Code: warm_restarts.ipynb (constants T_0, T_MULT, BASE_LR in an earlier
// cell than the scheduler) opens in VS Code's built-in notebook editor (the `ipynb` extension that
// ships with code-server; no Jupyter extension or kernel needed), and the hover on the scheduler in
// the later cell resolves the names across cells: restarts at steps 10, 30, 70.
import assert from 'node:assert/strict';
import { sleep, waitFor } from './harness.mjs';

const NOTEBOOK = 'warm_restarts.ipynb';
const RESTARTS = /\b10\b[\s\S]*\b30\b[\s\S]*\b70\b/;

/** Open the notebook through Quick Open and wait until its cells are rendered as editors. */
async function openNotebook(wb) {
  await wb.escape(2);
  await wb.runCommand('View: Close All Editors', { timeout: 3000 }).catch(() => {});
  await wb.hidePanel();
  await wb.setSideBar(false);
  // Quick Open, as wb.openFile does, but a notebook has no single editor text to wait for.
  const page = wb.page;
  const { widget } = await wb.quickInput('Control+P', NOTEBOOK);
  await waitFor(() => widget.locator('.monaco-list-row.focused').first().getAttribute('aria-label')
    .then((l) => (l ?? '').startsWith(NOTEBOOK)).catch(() => false), { timeout: 10_000, message: `${NOTEBOOK} in Quick Open` });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${NOTEBOOK}"]`).first().waitFor({ timeout: 10_000 });
  // The three code cells, each its own Monaco editor (the notebook list lives in an overlay).
  await waitFor(() => page.evaluate(() => [...document.querySelectorAll('.notebookOverlay .cell-editor-container .monaco-editor')].filter((e) => e.getBoundingClientRect().width > 0).length >= 3),
    { timeout: 15_000, message: 'three code cell editors' });
  await waitFor(async () => !!(await wb.wordPosition('CosineAnnealingWarmRestarts', 1, { cells: true })),
    { timeout: 10_000, message: 'the scheduler call visible in the last cell' });
}

/** Languages of the notebook's code cells as VS Code shows them (the cell status bar). */
function cellLanguages(wb) {
  return wb.page.evaluate(() => [...document.querySelectorAll('.notebookOverlay .cell-statusbar-container .cell-status-item')]
    .map((e) => e.textContent.trim()).filter((t) => /^(python|plaintext|plain text|markdown)$/i.test(t)));
}

export default [
  {
    name: 'notebook: hover on CosineAnnealingWarmRestarts in a later cell resolves T_0/T_MULT from an earlier cell (10, 30, 70)',
    needs: 'extension',
    async run({ wb }) {
      await openNotebook(wb);
      const langs = (await cellLanguages(wb)).filter((l) => !/markdown/i.test(l));
      assert.deepEqual(langs.map((l) => l.toLowerCase()), ['python', 'python', 'python'], `code cell languages: ${langs}`);
      // Click into the scheduler's cell so the status bar shows its language, then hover the call
      // (occurrence 0 is the import in cell 1, occurrence 1 the call in the last cell).
      const pos = await wb.wordPosition('CosineAnnealingWarmRestarts', 1, { cells: true });
      await wb.page.mouse.click(pos.x + 200, pos.y);
      await sleep(300);
      const text = await wb.hoverWord('CosineAnnealingWarmRestarts', { occurrence: 1, cells: true, until: RESTARTS, timeout: 40_000 });
      assert.match(text, RESTARTS, `hover text:\n${text}`);
      assert.doesNotMatch(text, /\bT_MULT\b[^\n]*(unknown|not defined|undefined)/i, `T_MULT resolved:\n${text}`);
      // The CodeLens above the call says the same.
      const lens = await waitFor(() => wb.page.evaluate(() => [...document.querySelectorAll('.notebookOverlay .codelens-decoration')]
        .map((e) => e.textContent).find((t) => /CosineAnnealingWarmRestarts/.test(t))), { timeout: 10_000, message: 'the CodeLens in the last cell' });
      assert.match(lens, /restarts at 10, 30, 70/, `CodeLens: ${lens}`);
      await wb.screenshot('notebook-light');
    },
  },
];
