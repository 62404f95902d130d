#!/usr/bin/env node
// A standalone visual check of the preview webview, without VS Code:
//   1. bundles media/preview.ts → dist/media/preview.js (as the extension ships it);
//   2. builds sample `render` messages with the real engine and chart model (the seed's
//      CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.01), OneCycleLR with momentum and
//      an overlay, the T_mult=0 error);
//   3. serves a page with the extension's CSP and a mocked acquireVsCodeApi on 127.0.0.1;
//   4. opens it in headless Chromium (playwright-core) with VS Code's light, dark and high-contrast
//      theme variables, hovers a point and a parameter name, and saves docs/screenshots/preview-*.png.
// Fails (exit 1) on a console error, a CSP violation, an empty canvas, or a missing tooltip.
// Usage: node scripts/preview-screenshot.mjs [--out docs/screenshots]
import * as esbuild from 'esbuild';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const OUT = path.resolve(ROOT, outArg > 0 ? process.argv[outArg + 1] : 'docs/screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// ---- 1. bundles --------------------------------------------------------------------------------
await esbuild.build({
  entryPoints: [path.join(ROOT, 'media/preview.ts')],
  outdir: path.join(ROOT, 'dist/media'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  sourcemap: 'linked',
  logLevel: 'warning',
});

const scratch = mkdtempSync(path.join(tmpdir(), 'lr-preview-shot-'));
const modelEntry = `
import { simulate } from './src/schedulers/simulate';
import { findEntry } from './src/schedulers/catalog';
import { buildChartModel, buildParamRows } from './src/editor/chartModel';
const f = (v) => ({ t: 'float', v });
const i = (v) => ({ t: 'int', v });
const sgd = { name: 'SGD', id: 1, groups: [{ lr: f(0.1) }], defaults: { momentum: f(0.9) } };
function message(name, args, sources, steps, extra = {}) {
  const entry = findEntry(name);
  const edited = Object.fromEntries(Object.entries(extra.edits ?? {}).map(([k, v]) => [k, /^-?\d+$/.test(v) ? i(Number(v)) : f(Number(v))]));
  const ref = { name, args: { optimizer: { t: 'optimizer', spec: sgd }, ...args, ...edited }, optimizer: sgd };
  const schedule = simulate(ref, { steps });
  const overlays = (extra.overlays ?? []).map((o) => ({ ...o, schedule: o.checked ? simulate({ name: o.name, args: o.args, optimizer: sgd }, { steps }) : undefined }));
  const params = buildParamRows({
    entry, values: ref.args, schedule, requestedSteps: steps, canInsert: true,
    args: [{ name: 'optimizer', source: 'optimizer', canApply: false }, ...Object.entries(sources).map(([name, source]) => ({ name, source }))],
    edits: extra.edits,
  });
  const model = buildChartModel({
    title: extra.title ?? 'lr_sched = … · cosine_restarts.py:7', schedule, entry, requestedSteps: steps, stepsPerEpoch: extra.stepsPerEpoch ?? null,
    params, overlays, calls: extra.calls ?? [], currentCallId: extra.calls?.[0]?.id ?? null,
  });
  return { type: 'render', model, restore: { uri: 'file:///work/cosine_restarts.py', callId: 'CosineAnnealingWarmRestarts#0', steps } };
}
export const messages = {
  cawr: message('CosineAnnealingWarmRestarts', { T_0: i(10), T_mult: i(2), eta_min: f(0.01) }, { T_0: '10', T_mult: '2', eta_min: '0.01' }, 150,
    { overlays: [{ id: 'StepLR#0', label: 'StepLR(step_size=30) · line 12', checked: false, name: 'StepLR', args: { step_size: i(30) } }] }),
  onecycle: message('OneCycleLR', { max_lr: f(0.1), total_steps: i(1000) }, { max_lr: '0.1', total_steps: '1000' }, 1000, {
    title: 'sched = OneCycleLR(…) · train.py:31', stepsPerEpoch: 100, edits: { pct_start: '0.25' },
    overlays: [{ id: 'CosineAnnealingLR#0', label: 'CosineAnnealingLR(T_max=1000) · line 40', checked: true, name: 'CosineAnnealingLR', args: { T_max: i(1000) } }],
    calls: [{ id: 'OneCycleLR#0', label: 'OneCycleLR · line 31' }, { id: 'CosineAnnealingLR#0', label: 'CosineAnnealingLR · line 40' }],
  }),
  error: message('CosineAnnealingWarmRestarts', { T_0: i(10), T_mult: i(0), eta_min: f(0.01) }, { T_0: '10', T_mult: '0', eta_min: '0.01' }, 150, { title: 'lr_sched = … · invalid.py:7' }),
};
`;
const modelFile = path.join(scratch, 'model.cjs');
await esbuild.build({
  stdin: { contents: modelEntry, resolveDir: ROOT, loader: 'ts', sourcefile: 'preview-model.ts' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: modelFile,
  logLevel: 'warning',
});
const { messages } = createRequire(import.meta.url)(modelFile);

// ---- 2. themes (the variables VS Code sets on <html>, the class it sets on <body>) --------------
const common = {
  '--vscode-font-family': "-apple-system, BlinkMacSystemFont, 'Segoe UI', Ubuntu, 'Droid Sans', sans-serif",
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': "'Droid Sans Mono', 'monospace', monospace",
};
const THEMES = {
  light: {
    cls: 'vscode-light',
    vars: {
      '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b', '--vscode-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#3b3b3b', '--vscode-charts-blue': '#1a85ff', '--vscode-charts-orange': '#d18616',
      '--vscode-charts-green': '#388a34', '--vscode-charts-purple': '#652d90', '--vscode-charts-red': '#e51400',
      '--vscode-charts-yellow': '#bf8803', '--vscode-focusBorder': '#005fb8', '--vscode-button-background': '#005fb8',
      '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#0258a8', '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-input-background': '#ffffff', '--vscode-input-foreground': '#3b3b3b',
      '--vscode-input-border': '#cecece', '--vscode-dropdown-background': '#ffffff', '--vscode-dropdown-border': '#cecece',
      '--vscode-panel-border': '#e5e5e5', '--vscode-editorHoverWidget-background': '#f8f8f8', '--vscode-editorHoverWidget-foreground': '#3b3b3b',
      '--vscode-editorHoverWidget-border': '#c8c8c8', '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.16)', '--vscode-textLink-foreground': '#005fb8',
      '--vscode-errorForeground': '#f85149', '--vscode-inputValidation-errorBackground': '#fdf1f1', '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-editorWarning-foreground': '#bf8803', '--vscode-editorGutter-modifiedBackground': '#2090d3',
    },
  },
  dark: {
    cls: 'vscode-dark',
    vars: {
      '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d', '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#d18616',
      '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7', '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-yellow': '#cca700', '--vscode-focusBorder': '#0078d4', '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#026ec1', '--vscode-button-secondaryBackground': '#313131',
      '--vscode-button-secondaryForeground': '#cccccc', '--vscode-input-background': '#313131', '--vscode-input-foreground': '#cccccc',
      '--vscode-input-border': '#3c3c3c', '--vscode-dropdown-background': '#313131', '--vscode-dropdown-border': '#3c3c3c',
      '--vscode-panel-border': '#2b2b2b', '--vscode-editorHoverWidget-background': '#202020', '--vscode-editorHoverWidget-foreground': '#cccccc',
      '--vscode-editorHoverWidget-border': '#454545', '--vscode-widget-shadow': 'rgba(0, 0, 0, 0.36)', '--vscode-textLink-foreground': '#4daafc',
      '--vscode-errorForeground': '#f85149', '--vscode-inputValidation-errorBackground': '#5a1d1d', '--vscode-inputValidation-errorBorder': '#be1100',
      '--vscode-editorWarning-foreground': '#cca700', '--vscode-editorGutter-modifiedBackground': '#0078d4',
    },
  },
  hc: {
    cls: 'vscode-high-contrast',
    vars: {
      '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-foreground': '#ffffff',
      '--vscode-descriptionForeground': '#ffffff', '--vscode-charts-blue': '#3794ff', '--vscode-charts-orange': '#d18616',
      '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7', '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-yellow': '#ffd700', '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df',
      '--vscode-button-background': '#000000', '--vscode-button-border': '#6fc3df', '--vscode-button-foreground': '#ffffff',
      '--vscode-input-background': '#000000', '--vscode-input-border': '#6fc3df', '--vscode-panel-border': '#6fc3df',
      '--vscode-editorHoverWidget-background': '#0c141f', '--vscode-editorHoverWidget-border': '#6fc3df',
    },
  },
};

// ---- 3. the page ---------------------------------------------------------------------------------
const NONCE = 'c2NyZWVuc2hvdA';
function page(theme) {
  const t = THEMES[theme];
  const style = Object.entries({ ...common, ...t.vars }).map(([k, v]) => `${k}: ${v}`).join('; ');
  // The mock is the only inline script; it carries the nonce like the real page's script.
  return `<!DOCTYPE html>
<html lang="en" style="${style}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${NONCE}'; style-src 'self'; img-src 'self' data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="/media/preview.css">
<title>LR Schedule Preview</title>
</head>
<body class="${t.cls}">
<script nonce="${NONCE}">
  window.__posted = [];
  let state;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
</script>
<script nonce="${NONCE}" src="/dist/media/preview.js"></script>
</body>
</html>`;
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const theme = url.searchParams.get('theme') ?? 'light';
  if (url.pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    return res.end(page(THEMES[theme] ? theme : 'light'));
  }
  const allowed = { '/media/preview.css': 'text/css', '/dist/media/preview.js': 'text/javascript', '/dist/media/preview.js.map': 'application/json' };
  if (allowed[url.pathname]) {
    res.writeHead(200, { 'content-type': allowed[url.pathname] });
    return res.end(readFileSync(path.join(ROOT, url.pathname)));
  }
  res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

// ---- 4. screenshots ------------------------------------------------------------------------------
const { chromium } = await import('playwright-core');
if (!existsSync(CHROMIUM)) {
  console.error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM=...)`);
  process.exit(2);
}
const profile = path.join(scratch, 'profile');
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1180, height: 720 },
  deviceScaleFactor: 1,
  env: { ...process.env, HOME: scratch, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, TMPDIR: scratch },
});
mkdirSync(OUT, { recursive: true });
const problems = [];
const saved = [];

async function open(theme, message) {
  const p = await context.newPage();
  p.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`[${theme}] console: ${m.text()}`);
  });
  p.on('pageerror', (e) => problems.push(`[${theme}] page error: ${e.message}`));
  await p.goto(`${base}/?theme=${theme}`);
  await p.waitForFunction(() => window.__posted?.some((m) => m.type === 'ready'));
  await p.evaluate((msg) => window.postMessage(msg, '*'), message);
  await p.waitForTimeout(300);
  return p;
}

async function canvasPixels(p) {
  return p.evaluate(() => {
    const c = document.querySelector('canvas');
    if (!c || !c.width) return 0;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const [r, g, b] = [d[0], d[1], d[2]];
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) > 30) n++;
    return n;
  });
}

async function hoverStep(p, step) {
  const pt = await p.evaluate((s) => {
    const ch = window.__chart;
    const r = ch.canvas.getBoundingClientRect();
    const ds = ch.data.datasets[0].data;
    const k = ds.findIndex((d) => d.x >= s);
    return { x: r.left + ch.scales.x.getPixelForValue(ds[k].x), y: r.top + ch.scales.y.getPixelForValue(ds[k].y) };
  }, step);
  await p.mouse.move(pt.x, pt.y - 40);
  await p.mouse.move(pt.x, pt.y, { steps: 3 });
  await p.waitForTimeout(200);
  return p.evaluate(() => {
    const t = document.querySelector('[role="tooltip"].chart-tooltip');
    return t && !t.hidden ? t.innerText : '';
  });
}

async function shot(p, name) {
  const file = path.join(OUT, `preview-${name}.png`);
  await p.screenshot({ path: file, animations: 'disabled' });
  saved.push(path.relative(ROOT, file));
}

function check(cond, what) {
  if (!cond) problems.push(what);
}

for (const theme of ['light', 'dark']) {
  const p = await open(theme, messages.cawr);
  check((await canvasPixels(p)) > 2000, `[${theme}] the chart canvas is empty`);
  const tip = await hoverStep(p, 35);
  check(/step 35/.test(tip) && /warm restart #2/.test(tip), `[${theme}] tooltip at step 35: ${JSON.stringify(tip)}`);
  await shot(p, theme);
  // the parameter panel's hover: same facts as the editor hover
  await p.mouse.move(5, 5);
  await p.hover('.param[data-name="T_mult"] .param-name');
  await p.waitForTimeout(150);
  const ptip = await p.evaluate(() => document.getElementById('paramTip').innerText);
  check(/restarts at steps 10, 30, 70, 150/.test(ptip) && /default/.test(ptip), `[${theme}] param tooltip: ${JSON.stringify(ptip)}`);
  await shot(p, `param-${theme}`);
  await p.close();
}

{
  const p = await open('dark', messages.onecycle);
  await p.evaluate(() => document.getElementById('xUnit').value = 'epochs');
  await p.selectOption('#xUnit', 'epochs');
  check((await canvasPixels(p)) > 2000, '[onecycle] the chart canvas is empty');
  const tip = await hoverStep(p, 5); // x axis in epochs: step 500
  check(/epoch \d/.test(tip) && /momentum/.test(tip), `[onecycle] tooltip: ${JSON.stringify(tip)}`);
  await shot(p, 'momentum-dark');
  await p.close();
}
{
  const p = await open('light', messages.error);
  const text = await p.evaluate(() => document.getElementById('banner').innerText);
  check(/ValueError: Expected integer T_mult >= 1, but got 0/.test(text), `[error] banner: ${JSON.stringify(text)}`);
  await shot(p, 'error-light');
  await p.close();
}
{
  const p = await open('hc', messages.cawr);
  await p.click('#logY');
  await p.waitForTimeout(100);
  check((await canvasPixels(p)) > 2000, '[hc] the chart canvas is empty');
  await hoverStep(p, 75);
  await shot(p, 'hc-log');
  await p.close();
}

await context.close();
server.close();
rmSync(scratch, { recursive: true, force: true });
for (const s of saved) console.log(`saved ${s}`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
