#!/usr/bin/env node
// Draws media/icon.png (128×128, the marketplace icon): a stylised learning-rate curve — a linear
// warmup, a cosine decay, a warm restart and a second, longer cosine — on a dark rounded square.
// The SVG is built here and rendered to PNG by headless Debian Chromium through playwright-core.
//
//   node scripts/make-icon.mjs [out.png] [--svg]   (default media/icon.png; --svg also writes the SVG)
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? path.join(REPO, 'media', 'icon.png'));
const SIZE = 128;

/** The curve in a 0..1 box: warmup (0..0.14), cosine to 0.42, restart, cosine with period ×2. */
function lr(x) {
  const lo = 0.08;
  const w = 0.14;
  const r = 0.42;
  if (x < w) return lo + (1 - lo) * (x / w);
  const cos = (t) => lo + (1 - lo) * 0.5 * (1 + Math.cos(Math.PI * t));
  if (x < r) return cos((x - w) / (r - w));
  return 0.1 + 0.82 * (cos((x - r) / (1 - r)) - lo) / (1 - lo); // restart to a lower peak
}

// Plot area inside the square.
const L = 18, R = 112, T = 26, B = 100;
const pts = [];
for (let i = 0; i <= 200; i++) {
  const x = i / 200;
  pts.push([L + x * (R - L), B - lr(x) * (B - T)]);
}
const line = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(2)} ${y.toFixed(2)}`).join(' ');
const area = `${line} L${R} ${B} L${L} ${B} Z`;
const restartX = L + 0.42 * (R - L);

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#26303f"/><stop offset="1" stop-color="#161c26"/>
    </linearGradient>
    <linearGradient id="stroke" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#ffb547"/><stop offset="0.45" stop-color="#ff7a45"/><stop offset="1" stop-color="#ee4c7c"/>
    </linearGradient>
    <linearGradient id="fill" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#ff8a45" stop-opacity="0.42"/><stop offset="1" stop-color="#ff8a45" stop-opacity="0"/>
    </linearGradient>
  </defs>
  <rect x="2" y="2" width="124" height="124" rx="24" fill="url(#bg)"/>
  <g stroke="#ffffff" stroke-opacity="0.10" stroke-width="1">
    <line x1="${L}" y1="${T}" x2="${R}" y2="${T}"/><line x1="${L}" y1="${(T + B) / 2}" x2="${R}" y2="${(T + B) / 2}"/>
  </g>
  <line x1="${restartX}" y1="${T - 6}" x2="${restartX}" y2="${B}" stroke="#7fb4ff" stroke-opacity="0.55" stroke-width="1.5" stroke-dasharray="3 3"/>
  <line x1="${L}" y1="${B}" x2="${R}" y2="${B}" stroke="#c9d4e3" stroke-opacity="0.7" stroke-width="2.5" stroke-linecap="round"/>
  <line x1="${L}" y1="${T - 8}" x2="${L}" y2="${B}" stroke="#c9d4e3" stroke-opacity="0.7" stroke-width="2.5" stroke-linecap="round"/>
  <path d="${area}" fill="url(#fill)"/>
  <path d="${line}" fill="none" stroke="url(#stroke)" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/>
  <circle cx="${pts[Math.round(0.14 * 200)][0]}" cy="${pts[Math.round(0.14 * 200)][1]}" r="4.5" fill="#fff4e0"/>
</svg>`;

const scratch = mkdtempSync(path.join(os.tmpdir(), 'lrsp-icon-'));
const env = { ...process.env, HOME: scratch, TMPDIR: scratch, XDG_CONFIG_HOME: scratch, XDG_CACHE_HOME: scratch };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  env,
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
} finally {
  await browser.close();
  rmSync(scratch, { recursive: true, force: true });
}
if (process.argv.includes('--svg')) writeFileSync(out.replace(/\.png$/, '.svg'), svg);
console.log(`wrote ${path.relative(REPO, out)} (${SIZE}×${SIZE})`);
