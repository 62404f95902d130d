// Drives a real VS Code workbench (code-server in headless Chromium) the way a user would.
// See ../../../shared/TESTING.md for why code-server + playwright-core + Debian's chromium.
//
//   const wb = await openWorkbench({ url, env, folder, scratch });
//   await wb.openFile('cosine_restarts.py');
//   const text = await wb.hoverWord('T_mult');
//   await wb.runCommand('LR Schedule: Preview Scheduler at Cursor');
//   const frame = await wb.webviewFrame();
//   await wb.canvasHasPixels(frame, 'canvas');
//   await wb.screenshot('hover-light');
//   await wb.close();
import { chromium } from 'playwright-core';
import { mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = path.join(REPO, 'docs', 'screenshots');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll fn until it returns a truthy value; throws `message` after timeout. */
export async function waitFor(fn, { timeout = 10_000, interval = 200, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastErr;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) { lastErr = e; }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${message}${lastErr ? ` (last error: ${lastErr.message})` : ''}`);
    }
    await sleep(interval);
  }
}

function chromiumPath() {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (p && existsSync(p)) return p;
  }
  throw new Error('chromium not found (apt-get install chromium, or set CHROMIUM_PATH)');
}

/**
 * Launch Chromium on the workbench at `url` (a running code-server) and wait until it is up.
 * `folder` opens that folder (code-server's ?folder=); `env` keeps Chromium's writes in scratch.
 */
export async function openWorkbench({ url, folder, env, scratch, viewport = { width: 1280, height: 800 } }) {
  const profile = path.join(scratch ?? env?.TMPDIR ?? '/tmp', 'chromium-profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    env: env ?? process.env,
    viewport,
    deviceScaleFactor: 1,
    colorScheme: 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const wb = new Workbench(context, page);
  page.on('pageerror', (e) => wb.pageErrors.push(String(e)));
  const target = new URL(url);
  if (folder) target.searchParams.set('folder', folder);
  await page.goto(target.href, { waitUntil: 'domcontentloaded', timeout: 30_000 });
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 30_000 });
  await page.waitForSelector('.monaco-workbench .part.sidebar, .monaco-workbench .part.editor', { timeout: 30_000 });
  await sleep(300);
  return wb;
}

export class Workbench {
  constructor(context, page) {
    this.context = context;
    this.page = page;
    this.pageErrors = [];
    /** Where screenshot() writes; the runner points it elsewhere for stand-in extensions. */
    this.screenshotDir = process.env.LRSP_SCREENSHOTS ?? SCREENSHOTS;
  }

  async close() {
    await this.context.close().catch(() => {});
  }

  /** Dismiss notifications / quick input / hovers. */
  async escape(times = 1) {
    for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape');
  }

  /** Focus the workbench so keybindings reach it (not a webview iframe). */
  async focusWorkbench() {
    await this.page.bringToFront();
    const editor = this.page.locator('.part.editor .monaco-editor.focused, .part.editor .monaco-editor').first();
    if (await editor.count()) {
      await editor.locator('.view-lines').click({ position: { x: 5, y: 5 }, timeout: 2000 }).catch(() => {});
    } else {
      await this.page.locator('.part.statusbar').click({ position: { x: 2, y: 2 } }).catch(() => {});
    }
  }

  async quickInput(prefixKey, text) {
    const page = this.page;
    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('input.input, .quick-input-box input').first();
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.keyboard.press(prefixKey);
      try {
        await input.waitFor({ state: 'visible', timeout: 3000 });
        break;
      } catch {
        await this.escape();
        await this.focusWorkbench();
      }
    }
    await input.fill(text);
    return { widget, input };
  }

  /** Open a workspace file through Quick Open (Ctrl+P) and wait for its editor. */
  async openFile(relPath) {
    const page = this.page;
    const base = path.basename(relPath);
    const { widget } = await this.quickInput('Control+P', relPath);
    // Wait until the list is filtered (the focused row is our file), else Enter may pick a stale
    // "recently opened" row.
    await waitFor(() => widget.locator('.monaco-list-row.focused').first()
      .getAttribute('aria-label').then((l) => (l ?? '').startsWith(base)).catch(() => false),
    { timeout: 10_000, message: `${relPath} focused in Quick Open` });
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab.active[aria-label*="${base}"], .tabs-container .tab.active:has-text("${base}")`)
      .first().waitFor({ timeout: 10_000 });
    await waitFor(() => this.editorText().then((t) => t.trim().length > 0), { message: `text of ${relPath}` });
    await sleep(200);
  }

  /** Visible text of the active editor (the rendered lines). */
  async editorText() {
    return this.page.evaluate(() => {
      const ed = document.querySelector('.part.editor .editor-group-container.active .monaco-editor .view-lines')
        ?? document.querySelector('.part.editor .monaco-editor .view-lines');
      if (!ed) return '';
      return [...ed.querySelectorAll('.view-line')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
    });
  }

  /** Language shown in the status bar (e.g. "Python"). */
  async statusLanguage() {
    return this.page.locator('[id="status.editor.mode"]').innerText().catch(() => '');
  }

  /**
   * Client rect centre of the n-th occurrence (0-based) of `word` in the active editor. With
   * `cells: true`, across the code cell editors of the visible notebook, from top to bottom.
   */
  async wordPosition(word, occurrence = 0, { cells = false } = {}) {
    return this.page.evaluate(({ word, occurrence, cells }) => {
      const group = '.part.editor .editor-group-container.active .monaco-editor .view-lines';
      // A notebook's cell editors live in an overlay attached to the workbench, not in .part.editor.
      const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
      const editors = cells ? [...document.querySelectorAll('.notebookOverlay .cell-editor-container .monaco-editor .view-lines')]
        .filter(shown).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        : [document.querySelector(group) ?? document.querySelector('.part.editor .monaco-editor .view-lines')].filter(Boolean);
      if (!editors.length) return null;
      const lines = editors.flatMap((ed) => [...ed.querySelectorAll('.view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top)));
      let seen = 0;
      const isWord = (c) => c !== undefined && /[A-Za-z0-9_]/.test(c);
      for (const line of lines) {
        // Concatenate the line's text nodes, remember where each starts.
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const nodes = [];
        let text = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, text.length]); text += n.data; }
        let from = 0;
        for (;;) {
          const i = text.indexOf(word, from);
          if (i < 0) break;
          from = i + 1;
          if (isWord(text[i - 1]) || isWord(text[i + word.length])) continue; // whole words only
          if (seen++ !== occurrence) continue;
          // Middle character of the word -> a DOM Range over it.
          const mid = i + Math.floor(word.length / 2);
          const [node, start] = nodes.filter(([, s]) => s <= mid).pop();
          const range = document.createRange();
          range.setStart(node, mid - start);
          range.setEnd(node, Math.min(mid - start + 1, node.data.length));
          const r = range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
      }
      return null;
    }, { word, occurrence, cells });
  }

  /** Visible hover widget text, or '' if none. */
  async hoverText() {
    return this.page.evaluate(() => {
      const hovers = [...document.querySelectorAll('.monaco-hover')].filter((h) => {
        if (h.classList.contains('hidden')) return false;
        const r = h.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(h).visibility !== 'hidden';
      });
      return hovers.map((h) => h.innerText).join('\n').trim();
    });
  }

  /**
   * Hover `word` (its `occurrence`-th whole-word match) in the active editor and return the hover
   * widget's text. Re-hovers until the widget shows text matching `until` (a RegExp or predicate;
   * default: any text) — the first hovers may land before the extension host is up. `cells: true`
   * counts occurrences across all cells of a notebook.
   */
  async hoverWord(word, { occurrence = 0, until, timeout = 25_000, cells = false } = {}) {
    const page = this.page;
    const ok = typeof until === 'function' ? until : until instanceof RegExp ? (t) => until.test(t) : (t) => t.length > 0;
    // (A notebook's status bar shows "Cell n of m", not the language: nothing to wait for there.)
    if (!cells) await waitFor(async () => /python/i.test(await this.statusLanguage()), { timeout: 15_000, message: 'status bar language' }).catch(() => {});
    const deadline = Date.now() + timeout;
    let last = '';
    while (Date.now() < deadline) {
      const pos = await this.wordPosition(word, occurrence, { cells });
      if (!pos) throw new Error(`word "${word}" (occurrence ${occurrence}) not visible in the editor`);
      // Move away, then onto the word, so the hover controller sees a fresh mouse move.
      await page.mouse.move(pos.x, pos.y + 200);
      await sleep(50);
      await page.mouse.move(pos.x - 2, pos.y);
      await page.mouse.move(pos.x, pos.y, { steps: 2 });
      const t1 = Date.now();
      while (Date.now() - t1 < 2500) {
        last = await this.hoverText();
        // "Loading..." shows while providers run.
        if (last && !/^Loading\.\.\.$/.test(last) && ok(last)) {
          await sleep(250); // let the widget finish layout (and image sparklines load)
          return await this.hoverText() || last;
        }
        await sleep(150);
      }
    }
    throw new Error(`no hover over "${word}" matching ${until ?? 'any text'} within ${timeout} ms; last hover text: ${JSON.stringify(last)}`);
  }

  /** All command titles the palette offers for `text` (for presence checks). */
  async commandsMatching(text) {
    const { widget } = await this.quickInput('F1', `>${text}`);
    await sleep(400);
    const labels = await widget.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.innerText));
    await this.escape();
    return labels;
  }

  /** Run a command by its palette title ("Category: Title") via F1. */
  async runCommand(title, { timeout = 10_000 } = {}) {
    const page = this.page;
    const { widget } = await this.quickInput('F1', `>${title}`);
    const norm = (s) => s.replace(/\s+/g, ' ').trim().toLowerCase();
    const want = norm(title);
    const idx = await waitFor(async () => {
      const labels = await widget.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? r.innerText));
      const i = labels.findIndex((l) => norm(l).startsWith(want));
      return i >= 0 ? i + 1 : 0;
    }, { timeout, message: `command "${title}" in the palette` });
    const rows = widget.locator('.monaco-list-row');
    await rows.nth(idx - 1).click();
    await sleep(200);
  }

  /**
   * The inner frame (the one running the extension's HTML) of a webview. code-server serves
   * webviews same-site: an outer iframe loading .../webview/browser/pre/index.html with an inner
   * `active-frame` loading fake.html. Picks the newest visible one, or the one whose document
   * matches `selector` when given.
   */
  async webviewFrame({ selector, timeout = 15_000 } = {}) {
    return waitFor(async () => {
      const frames = this.page.frames().filter((f) => {
        const parent = f.parentFrame();
        return /fake\.html/.test(f.url()) || (parent && /webview\/.*index\.html/.test(parent.url()) && f.name() === 'active-frame');
      }).filter((f) => !f.isDetached());
      for (const f of frames.reverse()) {
        try {
          const ok = await f.evaluate((sel) => document.readyState !== 'loading' && (!sel || !!document.querySelector(sel)), selector ?? null);
          if (ok) return f;
        } catch { /* frame navigating */ }
      }
      return null;
    }, { timeout, message: `a webview frame${selector ? ` with ${selector}` : ''}` });
  }

  /** Count of canvas pixels differing from its background (corner colour / transparent). */
  async canvasPixels(frame, selector = 'canvas') {
    return frame.evaluate((sel) => {
      const c = document.querySelector(sel);
      if (!c || !c.width || !c.height) return { count: 0, total: 0, hash: 0, width: 0, height: 0 };
      const ctx = c.getContext('2d');
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      const bg = [data[0], data[1], data[2], data[3]];
      let count = 0;
      let hash = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] !== bg[0] || data[i + 1] !== bg[1] || data[i + 2] !== bg[2] || data[i + 3] !== bg[3]) {
          count++;
          hash = (hash * 31 + data[i] * 7 + data[i + 1] * 13 + data[i + 2] * 17 + i) | 0;
        }
      }
      return { count, total: c.width * c.height, hash, width: c.width, height: c.height };
    }, selector);
  }

  /** True once the canvas has at least `min` non-background pixels (waits for chart animation). */
  async canvasHasPixels(frame, selector = 'canvas', { min = 500, timeout = 10_000 } = {}) {
    try {
      await waitFor(async () => (await this.canvasPixels(frame, selector)).count >= min, { timeout, message: `pixels on ${selector}` });
      return true;
    } catch { return false; }
  }

  /**
   * Move the mouse over the chart canvas (points across its plot area, in page coordinates) and
   * return the tooltip text: an HTML tooltip in the webview, or chart.js' own canvas tooltip
   * read through Chart.getChart when the webview exposes Chart. '' if none appeared.
   */
  async chartTooltip(frame, selector = 'canvas', { fractions = [0.3, 0.5, 0.7, 0.2, 0.85] } = {}) {
    const el = await frame.$(selector);
    if (!el) throw new Error(`no ${selector} in the webview`);
    for (const fx of fractions) {
      const box = await el.boundingBox(); // page coordinates (playwright adds frame offsets)
      if (!box) throw new Error('chart canvas has no box');
      const x = box.x + box.width * fx;
      const y = box.y + box.height * 0.5;
      await this.page.mouse.move(x, y - 30, { steps: 2 });
      await this.page.mouse.move(x, y, { steps: 4 });
      const t0 = Date.now();
      while (Date.now() - t0 < 1500) {
        const text = await frame.evaluate((sel) => {
          const visible = (e) => {
            const r = e.getBoundingClientRect();
            const s = getComputedStyle(e);
            return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
          };
          const dom = [...document.querySelectorAll('[role="tooltip"], .tooltip, #tooltip, .chart-tooltip, .chartjs-tooltip, [data-tooltip]')]
            .filter(visible).map((e) => e.innerText.trim()).filter(Boolean);
          if (dom.length) return dom.join('\n');
          const Chart = window.Chart;
          const canvas = document.querySelector(sel);
          const chart = Chart?.getChart?.(canvas) ?? window.__chart ?? window.chart;
          const tip = chart?.tooltip;
          if (tip && tip.opacity > 0 && tip.getActiveElements?.().length) {
            const parts = [...(tip.title ?? []), ...(tip.beforeBody ?? []), ...(tip.body ?? []).flatMap((b) => [...b.before, ...b.lines, ...b.after]), ...(tip.afterBody ?? []), ...(tip.footer ?? [])];
            return parts.join('\n').trim() || '(canvas tooltip)';
          }
          return '';
        }, selector).catch(() => '');
        if (text) return text;
        await sleep(150);
      }
    }
    return '';
  }

  /** Save a PNG of the whole workbench in docs/screenshots/<name>.png (screenshotDir); returns the path. */
  async screenshot(name, { clip } = {}) {
    mkdirSync(this.screenshotDir, { recursive: true });
    const file = path.join(this.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file, clip, animations: 'disabled', caret: 'hide' });
    return file;
  }

  /** Markers from the Problems panel: [{ severity, message, source, line, col, file }]. */
  async problems({ open = true } = {}) {
    const page = this.page;
    if (open) {
      await this.runCommand('View: Focus Problems');
      await page.locator('.markers-panel').first().waitFor({ timeout: 5000 }).catch(() => {});
      await sleep(400);
    }
    return page.evaluate(() => {
      const rows = [...document.querySelectorAll('.markers-panel .monaco-list-row')];
      let file = '';
      const out = [];
      for (const r of rows) {
        const label = r.getAttribute('aria-label') ?? '';
        if (r.querySelector('.file-icon, .resource-label') && !r.querySelector('.marker-message-details, .marker-icon')) {
          file = r.innerText.split('\n')[0];
          continue;
        }
        const icon = r.querySelector('.marker-icon');
        const cls = icon ? icon.className : '';
        const severity = /error/.test(cls) ? 'error' : /warning/.test(cls) ? 'warning' : /info/.test(cls) ? 'info' : '';
        const message = r.querySelector('.marker-message-line .marker-message, .marker-message')?.textContent ?? label;
        const source = r.querySelector('.marker-source')?.textContent ?? '';
        const lc = r.querySelector('.marker-line')?.textContent ?? '';
        const m = /(\d+)\D+(\d+)/.exec(lc);
        out.push({ severity, message: message.trim(), source: source.trim(), line: m ? +m[1] : 0, col: m ? +m[2] : 0, file, label });
      }
      return out;
    });
  }

  /** Place the cursor at 1-based line:col (Go to Line) in the active editor and type `text`. */
  async goTo(line, col = 1) {
    await this.focusWorkbench();
    const { input } = await this.quickInput('Control+G', `:${line}:${col}`);
    await input.press('Enter');
    await sleep(150);
  }

  async typeAt(line, col, text, { select = 0 } = {}) {
    await this.goTo(line, col);
    for (let i = 0; i < select; i++) await this.page.keyboard.press('Shift+ArrowRight');
    await this.page.keyboard.type(text, { delay: 10 });
    await sleep(100);
  }

  /** Undo all edits of the active editor since it was opened (File: Revert File). */
  async revertFile() {
    await this.runCommand('File: Revert File');
    await sleep(200);
  }

  /** Hide the bottom panel (Problems, Output, ...) if it is open. */
  async hidePanel() {
    if (!(await this.page.locator('.part.panel.bottom').isVisible().catch(() => false))) return;
    for (const t of ['View: Hide Panel', 'View: Close Panel']) {
      try { await this.runCommand(t, { timeout: 2000 }); return; } catch { await this.escape(); }
    }
  }

  /** Show or hide the primary side bar (Explorer). */
  async setSideBar(visible) {
    const shown = await this.page.locator('.part.sidebar').isVisible().catch(() => false);
    if (shown === visible) return;
    await this.runCommand('View: Toggle Primary Side Bar Visibility');
    await waitFor(async () => (await this.page.locator('.part.sidebar').isVisible().catch(() => false)) === visible,
      { timeout: 3000, message: `side bar ${visible ? 'shown' : 'hidden'}` });
    await sleep(200);
  }

  /** Switch the colour theme through the picker ("Default Light Modern" / "Default Dark Modern"). */
  async setTheme(name) {
    const page = this.page;
    await this.runCommand('Preferences: Color Theme');
    const input = page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await input.fill(name);
    // Click the theme's own row: Enter may pick "Browse Additional Color Themes..." (the
    // marketplace, unreachable offline).
    const row = await waitFor(async () => {
      const rows = page.locator('.quick-input-widget .monaco-list-row');
      const labels = await rows.evaluateAll((rs) => rs.map((r) => (r.getAttribute('aria-label') ?? r.innerText).trim()));
      // aria-label is "Dark Modern, Default Dark Modern" (label, description) in VS Code 1.100.
      const short = name.replace(/^Default /, '');
      const i = labels.findIndex((l) => { const parts = l.split(', '); return parts.includes(name) || parts[0] === short; });
      return i >= 0 ? rows.nth(i) : null;
    }, { timeout: 5000, message: `theme row "${name}"` });
    await row.click();
    const dark = /dark/i.test(name);
    await waitFor(() => page.evaluate((dark) => {
      const cl = document.querySelector('.monaco-workbench')?.classList;
      return cl && (dark ? cl.contains('vs-dark') : cl.contains('vs') && !cl.contains('vs-dark'));
    }, dark), { timeout: 5000, message: `theme ${name}` });
    await sleep(400);
  }
}
