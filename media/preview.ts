// The preview webview: a chart.js line chart of the LR schedule, a parameter panel, controls.
// Bundled by esbuild (media/preview.ts → dist/media/preview.js, IIFE, browser). Nothing is loaded
// from the network; colours come only from VS Code's CSS variables. The host sends `render`
// messages (src/protocol.ts) and validates everything this script posts.
import {
  Chart,
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Tooltip,
  Legend,
  type ChartConfiguration,
  type ChartDataset,
  type Plugin,
  type TooltipModel,
} from 'chart.js';
import { fillString as F, UI_STRINGS_EN, validateUiStrings, type UiStrings, type ChartModel, type HostMessage, type ParamRow, type RestoreState, type WebviewMessage, type ChartEvent } from '../src/protocol';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Tooltip, Legend);

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

interface UiState {
  xUnit: 'steps' | 'epochs';
  logY: boolean;
}
interface SavedState {
  ui: UiState;
  restore: RestoreState;
}

const saved = (vscode.getState() ?? {}) as Partial<SavedState>;
const ui: UiState = {
  xUnit: saved.ui?.xUnit === 'epochs' ? 'epochs' : 'steps',
  logY: !!saved.ui?.logY,
};
let restore: RestoreState = saved.restore ?? {};
/** The UI's words in the display language: from the page (`data-l10n`), then each render message. */
let S: UiStrings = readInitialStrings();
function readInitialStrings(): UiStrings {
  try {
    const raw = document.body?.dataset.l10n;
    return raw ? validateUiStrings(JSON.parse(raw)) : { ...UI_STRINGS_EN };
  } catch {
    return { ...UI_STRINGS_EN };
  }
}
let model: ChartModel | null = null;
let chart: Chart<'line', { x: number; y: number | null }[]> | null = null;

function post(msg: WebviewMessage): void {
  vscode.postMessage(msg);
}
function persist(): void {
  vscode.setState({ ui, restore } satisfies SavedState);
}

// ---- small DOM helpers -------------------------------------------------------------------------

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: (Node | string | null | undefined)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) el.append(c);
  return el;
}
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** LR values: 4–6 significant digits, exponent for tiny ones. */
function fmt(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return x === null || x === undefined ? '—' : String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return String(Number(x.toPrecision(digits)));
  return x.toExponential(Math.max(1, digits - 1)).replace(/\.?0+e/, 'e').replace('e+', 'e');
}
/** A number as a Python literal of the right type (floats keep a dot). */
function pyLiteral(x: number, kind: 'int' | 'float'): string {
  if (kind === 'int') return String(Math.round(x));
  let s = fmt(x, 6);
  if (/^-?\d+$/.test(s)) s += '.0';
  return s;
}

/** Text with `code` spans (catalog docs use backticks) as DOM nodes, never as HTML. */
function richText(text: string): Node[] {
  return text.split(/(`[^`]*`)/).filter(Boolean).map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1 ? h('code', { text: part.slice(1, -1) }) : document.createTextNode(part)));
}

// ---- layout ------------------------------------------------------------------------------------

function buildLayout(): void {
  document.body.replaceChildren(
    h('header', { class: 'toolbar' },
      h('div', { class: 'title-row' },
        h('h1', { id: 'title', text: S.title }),
        h('span', { id: 'subtitle', class: 'subtitle' }),
        h('select', { id: 'callSelect', class: 'call-select', 'aria-label': S.schedulerCall, hidden: true }),
        h('button', { id: 'reveal', class: 'link', title: S.showInEditor, hidden: true, text: S.goToCode }),
      ),
      h('div', { class: 'controls', role: 'toolbar', 'aria-label': S.chartControls },
        h('label', {}, `${S.steps} `, h('input', { id: 'steps', type: 'number', min: '1', max: '5000000', step: '1', class: 'num' })),
        h('label', { title: S.stepsPerEpochTitle }, `${S.stepsPerEpoch} `, h('input', { id: 'spe', type: 'number', min: '1', step: '1', placeholder: '—', class: 'num' })),
        h('label', {}, `${S.xAxis} `,
          h('select', { id: 'xUnit' }, h('option', { value: 'steps', text: S.unitSteps }), h('option', { value: 'epochs', text: S.unitEpochs }))),
        h('label', { class: 'check' }, h('input', { id: 'logY', type: 'checkbox' }), ` ${S.logScale}`),
        h('span', { class: 'spacer' }),
        h('button', { id: 'png', class: 'secondary', title: S.exportPngTitle, text: S.exportPng }),
        h('button', { id: 'csv', class: 'secondary', title: S.exportCsvTitle, text: S.exportCsv }),
      ),
    ),
    h('main', { class: 'layout' },
      h('section', { class: 'chart-area', 'aria-label': S.chartRegion },
        h('div', { id: 'banner', class: 'banner', role: 'alert', hidden: true }),
        h('div', { id: 'chartWrap', class: 'chart-wrap' },
          h('canvas', { id: 'chart', role: 'img', 'aria-label': S.chartLabel }),
          h('div', { id: 'tooltip', class: 'chart-tooltip', role: 'tooltip', hidden: true }),
        ),
        h('div', { id: 'stats', class: 'stats' }),
        h('div', { id: 'eventLegend', class: 'event-legend' }),
        h('ul', { id: 'notes', class: 'notes' }),
      ),
      h('aside', { class: 'side', 'aria-label': S.parameters },
        h('h2', { text: S.parameters }),
        h('p', { id: 'summary', class: 'summary' }),
        h('div', { id: 'params', class: 'params' }),
        h('fieldset', { id: 'overlays', class: 'overlays', hidden: true }, h('legend', { text: S.compareWith }), h('div', { id: 'overlayList' })),
      ),
    ),
    h('div', { id: 'paramTip', class: 'param-tip', role: 'tooltip', hidden: true }),
  );

  const steps = $<HTMLInputElement>('steps');
  steps.addEventListener('change', () => {
    const n = Math.floor(Number(steps.value));
    if (Number.isFinite(n) && n >= 1 && n <= 5_000_000) post({ type: 'setSteps', steps: n });
    else if (model) steps.value = String(model.requestedSteps);
  });
  const spe = $<HTMLInputElement>('spe');
  spe.addEventListener('change', () => {
    const raw = spe.value.trim();
    if (!raw) return post({ type: 'setStepsPerEpoch', value: null });
    const n = Math.floor(Number(raw));
    if (Number.isFinite(n) && n >= 1 && n <= 10_000_000) post({ type: 'setStepsPerEpoch', value: n });
  });
  const xUnit = $<HTMLSelectElement>('xUnit');
  xUnit.value = ui.xUnit;
  xUnit.addEventListener('change', () => {
    ui.xUnit = xUnit.value === 'epochs' ? 'epochs' : 'steps';
    persist();
    drawChart();
  });
  const logY = $<HTMLInputElement>('logY');
  logY.checked = ui.logY;
  logY.addEventListener('change', () => {
    ui.logY = logY.checked;
    persist();
    drawChart();
  });
  $('png').addEventListener('click', exportPng);
  $('csv').addEventListener('click', () => post({ type: 'exportCsv' }));
  $('reveal').addEventListener('click', () => post({ type: 'revealCall' }));
  $<HTMLSelectElement>('callSelect').addEventListener('change', (e) => post({ type: 'selectCall', id: (e.target as HTMLSelectElement).value }));
}

function exportPng(): void {
  const canvas = $<HTMLCanvasElement>('chart');
  if (!chart || !canvas) return;
  post({ type: 'exportPng', dataUrl: canvas.toDataURL('image/png') });
}

// ---- theme ---------------------------------------------------------------------------------------

interface Theme {
  fg: string;
  muted: string;
  bg: string;
  grid: string;
  palette: string[];
  events: Record<ChartEvent['kind'], string>;
  font: string;
  fontSize: number;
  highContrast: boolean;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim() || getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** `color` with the given alpha (hex, rgb[a]); unchanged if it can't be parsed. */
function withAlpha(color: string, alpha: number): string {
  const c = color.trim();
  let m = /^#([0-9a-f]{3,8})$/i.exec(c);
  if (m) {
    let hex = m[1];
    if (hex.length === 3 || hex.length === 4) hex = [...hex].map((ch) => ch + ch).join('');
    const r = parseInt(hex.slice(0, 2), 16);
    const g = parseInt(hex.slice(2, 4), 16);
    const b = parseInt(hex.slice(4, 6), 16);
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  m = /^rgba?\(([^)]+)\)$/i.exec(c);
  if (m) {
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).slice(0, 3);
    return `rgba(${parts.join(', ')}, ${alpha})`;
  }
  return c;
}

function readTheme(): Theme {
  const cls = document.body.classList;
  const dark = cls.contains('vscode-dark') || (cls.contains('vscode-high-contrast') && !cls.contains('vscode-high-contrast-light'));
  const highContrast = cls.contains('vscode-high-contrast') || cls.contains('vscode-high-contrast-light');
  const fg = cssVar('--vscode-editor-foreground', dark ? '#cccccc' : '#333333');
  const bg = cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff');
  const muted = cssVar('--vscode-descriptionForeground', withAlpha(fg, 0.7));
  const blue = cssVar('--vscode-charts-blue', dark ? '#3794ff' : '#1a85ff');
  const orange = cssVar('--vscode-charts-orange', '#d18616');
  const green = cssVar('--vscode-charts-green', dark ? '#89d185' : '#388a34');
  const purple = cssVar('--vscode-charts-purple', dark ? '#b180d7' : '#652d90');
  const red = cssVar('--vscode-charts-red', dark ? '#f14c4c' : '#e51400');
  const yellow = cssVar('--vscode-charts-yellow', dark ? '#cca700' : '#bf8803');
  return {
    fg,
    muted,
    bg,
    grid: highContrast ? withAlpha(fg, 0.35) : withAlpha(fg, 0.12),
    palette: [blue, orange, green, purple, red, yellow],
    events: { restart: orange, milestone: purple, phase: green, reduce: red, switch: yellow, end: red },
    font: cssVar('--vscode-font-family', 'system-ui, sans-serif'),
    fontSize: Number.parseFloat(cssVar('--vscode-font-size', '13')) || 13,
    highContrast,
  };
}
let theme: Theme;

// ---- chart ---------------------------------------------------------------------------------------

interface MarkerOptions {
  events: ChartEvent[];
  scale: number;
  theme: Theme;
}

/** Short marker label: "warm restart #2 (next cycle 40 steps)" → "warm restart #2". */
function shortLabel(e: ChartEvent): string {
  return e.label.split(/\s[(:—]|:\s/)[0].trim() || e.kind;
}
function tinyLabel(e: ChartEvent): string {
  const num = /#\d+/.exec(e.label);
  return num ? num[0] : '';
}

/** Vertical markers at restarts, milestones and phase boundaries, labelled where there is room. */
const eventMarkers: Plugin<'line'> = {
  id: 'eventMarkers',
  beforeDatasetsDraw(c, _args, opts) {
    const o = opts as unknown as MarkerOptions;
    if (!o?.events?.length) return;
    const { ctx, chartArea } = c;
    const x = c.scales.x;
    ctx.save();
    ctx.font = `${Math.max(10, o.theme.fontSize - 2)}px ${o.theme.font}`;
    ctx.textBaseline = 'bottom';
    let lastEnd = -Infinity;
    for (const e of o.events) {
      const px = x.getPixelForValue(e.step / o.scale);
      if (!(px >= chartArea.left - 0.5 && px <= chartArea.right + 0.5)) continue;
      const color = o.theme.events[e.kind] ?? o.theme.fg;
      ctx.strokeStyle = withAlpha(color, o.theme.highContrast ? 0.95 : 0.6);
      ctx.lineWidth = o.theme.highContrast ? 1.5 : 1;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(Math.round(px) + 0.5, chartArea.top);
      ctx.lineTo(Math.round(px) + 0.5, chartArea.bottom);
      ctx.stroke();
      // a small triangle on top of the line
      ctx.setLineDash([]);
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(px - 4, chartArea.top - 5);
      ctx.lineTo(px + 4, chartArea.top - 5);
      ctx.lineTo(px, chartArea.top);
      ctx.closePath();
      ctx.fill();
      for (const text of [shortLabel(e), tinyLabel(e)]) {
        if (!text) continue;
        const w = ctx.measureText(text).width;
        const left = Math.min(Math.max(px - w / 2, chartArea.left), chartArea.right - w);
        if (left > lastEnd + 6) {
          ctx.fillStyle = o.theme.muted;
          ctx.fillText(text, left, chartArea.top - 7);
          lastEnd = left + w;
          break;
        }
      }
    }
    ctx.restore();
  },
};

/** Paints the editor background under the chart (so an exported PNG is not transparent). */
const background: Plugin<'line'> = {
  id: 'themeBackground',
  beforeDraw(c, _args, opts) {
    const color = (opts as { color?: string })?.color;
    if (!color) return;
    const { ctx, width, height } = c;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Log-axis labels only at 1, 2, 5 × 10^k (chart.js puts a tick at every integer mantissa). */
function logTick(v: number): string {
  if (!(v > 0)) return '';
  const mant = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
  return [1, 2, 5].some((m) => Math.abs(mant - m) < 1e-6) ? fmt(v, 3) : '';
}

function xScaleDiv(m: ChartModel): number {
  return ui.xUnit === 'epochs' && m.stepsPerEpoch ? m.stepsPerEpoch : 1;
}

function datasets(m: ChartModel): ChartDataset<'line', { x: number; y: number | null }[]>[] {
  const div = xScaleDiv(m);
  const pal = theme.palette;
  return m.series.map((s) => {
    const color = pal[s.color % pal.length];
    const data = s.x.map((x, k) => {
      let y = s.y[k];
      if (ui.logY && s.axis === 'lr' && y !== null && y <= 0) y = null;
      return { x: x / div, y };
    });
    return {
      label: s.label,
      data,
      borderColor: color,
      backgroundColor: color,
      borderWidth: theme.highContrast ? 3 : s.scheduleId === 'main' && s.axis === 'lr' ? 2 : 1.5,
      borderDash: s.dashed ? (s.axis === 'momentum' ? [2, 3] : [6, 4]) : [],
      pointRadius: s.x.length <= 60 && s.axis === 'lr' && s.scheduleId === 'main' ? 2 : 0,
      pointHoverRadius: 4,
      pointHitRadius: 4,
      yAxisID: s.axis === 'momentum' ? 'y2' : 'y',
      tension: 0,
      spanGaps: false,
      parsing: false,
      normalized: true,
    } as ChartDataset<'line', { x: number; y: number | null }[]>;
  });
}

function chartConfig(m: ChartModel): ChartConfiguration<'line', { x: number; y: number | null }[]> {
  const div = xScaleDiv(m);
  const hasMomentum = m.series.some((s) => s.axis === 'momentum');
  const maxStep = Math.max(1, ...m.series.map((s) => (s.x.length ? s.x[s.x.length - 1] : 0)));
  const tickFont = { family: theme.font, size: Math.max(10, theme.fontSize - 1) };
  const titleFont = { family: theme.font, size: theme.fontSize };
  const xTitle = div > 1 ? `${S.unitEpochs} (${m.stepsPerEpoch} ${S.unitSteps})` : m.stepUnit;
  return {
    type: 'line',
    data: { datasets: datasets(m) },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      color: theme.fg,
      font: titleFont,
      layout: { padding: { top: 22, right: 8 } },
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: maxStep / div,
          title: { display: true, text: xTitle, color: theme.muted, font: titleFont },
          ticks: { color: theme.fg, font: tickFont, maxRotation: 0, autoSkipPadding: 12, includeBounds: false, callback: (v) => fmt(Number(v), 6) },
          grid: { color: theme.grid },
          border: { color: withAlpha(theme.fg, 0.4) },
        },
        y: {
          type: ui.logY ? 'logarithmic' : 'linear',
          title: { display: true, text: S.axisLr, color: theme.muted, font: titleFont },
          ticks: { color: theme.fg, font: tickFont, autoSkip: !ui.logY, autoSkipPadding: 6, callback: (v) => (ui.logY ? logTick(Number(v)) : fmt(Number(v), 3)) },
          grid: { color: theme.grid },
          border: { color: withAlpha(theme.fg, 0.4) },
        },
        y2: {
          type: 'linear',
          display: hasMomentum,
          position: 'right',
          title: { display: hasMomentum, text: m.momentumLabel ?? S.axisMomentum, color: theme.muted, font: titleFont },
          ticks: { color: theme.fg, font: tickFont, callback: (v) => fmt(Number(v), 3) },
          grid: { drawOnChartArea: false },
          border: { color: withAlpha(theme.fg, 0.4) },
        },
      },
      plugins: {
        legend: {
          display: m.series.length > 1,
          position: 'bottom',
          labels: { color: theme.fg, font: tickFont, boxWidth: 18, boxHeight: 2, usePointStyle: false },
        },
        tooltip: { enabled: false, external: externalTooltip },
        eventMarkers: { events: m.events, scale: div, theme } as unknown as MarkerOptions,
        themeBackground: { color: theme.bg },
      } as never,
    },
    plugins: [eventMarkers, background],
  };
}

function drawChart(): void {
  const m = model;
  const canvas = $<HTMLCanvasElement>('chart');
  if (!m || !canvas) return;
  theme = readTheme();
  const noData = m.series.every((s) => s.x.length === 0);
  $('chartWrap').hidden = noData;
  if (noData) {
    chart?.destroy();
    chart = null;
    return;
  }
  const cfg = chartConfig(m);
  if (chart) {
    chart.data = cfg.data;
    chart.options = cfg.options!;
    chart.update('none');
  } else {
    chart = new Chart(canvas, cfg);
    (window as unknown as { __chart: unknown }).__chart = chart;
  }
  const s = m.stats;
  canvas.setAttribute(
    'aria-label',
    F(S.chartSummary, m.schedulerName, m.steps, fmt(s.start), fmt(s.peak?.value), fmt(s.min?.value), fmt(s.last)),
  );
}

// ---- tooltip -------------------------------------------------------------------------------------

function externalTooltip(context: { chart: Chart; tooltip: TooltipModel<'line'> }): void {
  const el = $('tooltip');
  const tip = context.tooltip;
  const m = model;
  if (!el || !m || tip.opacity === 0 || !tip.dataPoints?.length) {
    if (el) el.hidden = true;
    return;
  }
  const first = tip.dataPoints[0];
  const series0 = m.series[first.datasetIndex];
  const step = series0.x[first.dataIndex];
  const lines: Node[] = [];
  const epoch = m.stepsPerEpoch ? ` · ${F(S.ttEpoch, fmt(step / m.stepsPerEpoch, 4))}` : '';
  lines.push(h('div', { class: 'tt-title', text: `${F(S.ttStep, step)}${epoch}` }));
  const whys: string[] = [];
  const seen = new Set<string>();
  for (const dp of tip.dataPoints) {
    const s = m.series[dp.datasetIndex];
    if (!s) continue;
    const color = theme.palette[s.color % theme.palette.length];
    const sw = h('span', { class: 'tt-swatch' });
    sw.style.background = color;
    const y = s.y[dp.dataIndex];
    lines.push(h('div', { class: 'tt-row' }, sw, h('span', { class: 'tt-label', text: `${s.label}: ` }), h('span', { class: 'tt-value', text: fmt(y, 6) })));
    const why = m.explanations[s.scheduleId]?.[dp.dataIndex];
    const key = `${s.scheduleId}`;
    if (why && !seen.has(key)) {
      seen.add(key);
      whys.push(s.scheduleId === 'main' ? why : `${s.label.split(/[(·]/)[0].trim()}: ${why}`);
    }
  }
  for (const w of whys) lines.push(h('div', { class: 'tt-why', text: w }));
  for (const e of m.events) if (e.step === step) lines.push(h('div', { class: 'tt-event', text: `▼ ${e.label}` }));
  el.replaceChildren(...lines);
  el.hidden = false;
  // position next to the caret, inside the chart box
  const wrap = $('chartWrap');
  const W = wrap.clientWidth;
  const H = wrap.clientHeight;
  const tw = el.offsetWidth;
  const th = el.offsetHeight;
  let left = tip.caretX + 14;
  if (left + tw > W - 4) left = tip.caretX - tw - 14;
  let top = tip.caretY - th / 2;
  top = Math.max(4, Math.min(top, H - th - 4));
  el.style.left = `${Math.max(4, left)}px`;
  el.style.top = `${top}px`;
}

// ---- parameter panel -----------------------------------------------------------------------------

let panelKey = '';
const rowEls = new Map<string, { root: HTMLElement; input?: HTMLInputElement | HTMLSelectElement; slider?: HTMLInputElement; apply: HTMLButtonElement; reset: HTMLButtonElement; effect: HTMLElement; badge: HTMLElement; row: ParamRow }>();

function sliderToValue(r: ParamRow, t: number): number {
  const s = r.slider!;
  if (s.log && s.min > 0) return s.min * Math.pow(s.max / s.min, t / 1000);
  return t;
}
function valueToSlider(r: ParamRow, v: number): number {
  const s = r.slider!;
  if (s.log && s.min > 0) return (1000 * Math.log(Math.max(v, s.min) / s.min)) / Math.log(s.max / s.min);
  return v;
}
function numberOf(source: string): number | undefined {
  const t = source.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

let sliderTimer: ReturnType<typeof setTimeout> | undefined;
function sendParam(name: string, value: string, immediate = true): void {
  if (sliderTimer) clearTimeout(sliderTimer);
  if (immediate) post({ type: 'setParam', name, value });
  else sliderTimer = setTimeout(() => post({ type: 'setParam', name, value }), 40);
}

function buildRow(r: ParamRow): HTMLElement {
  const nameEl = h('span', { class: 'param-name', tabindex: '0', text: r.name, 'aria-describedby': 'paramTip' });
  const badge = h('span', { class: 'badge' });
  const apply = h('button', { class: 'apply', title: F(S.applyTitle, r.name), text: S.applyToCode });
  const reset = h('button', { class: 'icon', title: S.resetTitle, text: '↺', 'aria-label': F(S.resetLabel, r.name) });
  const effect = h('div', { class: 'param-effect' });
  let input: HTMLInputElement | HTMLSelectElement | undefined;
  let slider: HTMLInputElement | undefined;
  if (r.editor === 'int' || r.editor === 'float' || r.editor === 'text') {
    const i = h('input', { type: 'text', class: 'param-input', spellcheck: 'false', 'aria-label': r.name });
    i.addEventListener('change', () => {
      const v = i.value.trim();
      if (v && v !== rowEls.get(r.name)?.row.source) sendParam(r.name, v);
    });
    i.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') i.dispatchEvent(new Event('change'));
      if (e.key === 'Escape') i.value = rowEls.get(r.name)?.row.source ?? i.value;
    });
    input = i;
    if (r.slider) {
      const s = r.slider;
      slider = h('input', { type: 'range', class: 'param-slider', 'aria-label': `${r.name} slider` });
      if (s.log && s.min > 0) {
        slider.min = '0';
        slider.max = '1000';
        slider.step = '1';
      } else {
        slider.min = String(s.min);
        slider.max = String(s.max);
        slider.step = s.step ? String(s.step) : 'any';
      }
      slider.addEventListener('input', () => {
        const row = rowEls.get(r.name)?.row ?? r;
        const v = sliderToValue(row, Number(slider!.value));
        const lit = pyLiteral(v, row.editor === 'int' ? 'int' : 'float');
        i.value = lit;
        sendParam(r.name, lit, false);
      });
    }
  } else if (r.editor === 'choice') {
    const sel = h('select', { class: 'param-input', 'aria-label': r.name }, ...(r.choices ?? []).map((c) => h('option', { value: c, text: c })));
    sel.addEventListener('change', () => sendParam(r.name, sel.value));
    input = sel;
  } else if (r.editor === 'bool') {
    const sel = h('select', { class: 'param-input', 'aria-label': r.name }, h('option', { value: 'True', text: 'True' }), h('option', { value: 'False', text: 'False' }));
    sel.addEventListener('change', () => sendParam(r.name, sel.value));
    input = sel;
  }
  apply.addEventListener('click', () => {
    const row = rowEls.get(r.name)?.row;
    if (row) post({ type: 'applyToCode', name: r.name, valueSource: row.source });
  });
  reset.addEventListener('click', () => post({ type: 'resetParam', name: r.name }));
  const valueEl = input ?? h('code', { class: 'param-static' });
  const root = h('div', { class: 'param', 'data-name': r.name },
    h('div', { class: 'param-head' }, nameEl, badge),
    h('div', { class: 'param-edit' }, valueEl, reset, apply),
    slider ?? null,
    effect,
  );
  const showTip = () => showParamTip(r.name, nameEl);
  nameEl.addEventListener('mouseenter', showTip);
  nameEl.addEventListener('focus', showTip);
  nameEl.addEventListener('mouseleave', hideParamTip);
  nameEl.addEventListener('blur', hideParamTip);
  rowEls.set(r.name, { root, input, slider, apply, reset, effect, badge, row: r });
  return root;
}

function updateRow(r: ParamRow, standalone: boolean): void {
  const el = rowEls.get(r.name);
  if (!el) return;
  el.row = r;
  const focused = document.activeElement;
  if (el.input && focused !== el.input) {
    if (el.input instanceof HTMLSelectElement) {
      const want = r.editor === 'bool' ? (/^(True|1)$/.test(r.source.trim()) ? 'True' : 'False') : r.source.trim();
      if (![...el.input.options].some((o) => o.value === want)) el.input.append(h('option', { value: want, text: want }));
      el.input.value = want;
    } else el.input.value = r.source;
  } else if (!el.input) {
    const stat = el.root.querySelector('.param-static');
    if (stat) stat.textContent = r.source || (r.origin === 'required' ? S.required : '');
  }
  if (el.slider && focused !== el.slider && r.slider) {
    const v = numberOf(r.source);
    if (v !== undefined) el.slider.value = String(valueToSlider(r, v));
  }
  const changed = r.origin === 'edited';
  el.root.classList.toggle('edited', changed);
  el.root.classList.toggle('unresolved', !!r.unresolved);
  el.badge.textContent = changed ? (r.codeSource !== undefined ? F(S.badgeCode, r.codeSource) : S.badgeEdited) : r.origin === 'default' ? S.badgeDefault : r.unresolved ? S.badgeAssumed : '';
  el.badge.title = r.unresolved ? F(S.assumedTitle, r.unresolved, r.source) : '';
  el.apply.hidden = !(changed && r.canApply && !standalone);
  el.reset.hidden = !changed;
  el.effect.textContent = r.effect ?? '';
  el.effect.hidden = !r.effect;
}

function renderParams(m: ChartModel): void {
  const key = `${m.schedulerName}|${m.params.map((p) => `${p.name}:${p.editor}:${p.slider ? `${p.slider.min}-${p.slider.max}` : ''}`).join(',')}`;
  const box = $('params');
  if (key !== panelKey) {
    panelKey = key;
    rowEls.clear();
    box.replaceChildren(...m.params.map(buildRow));
  }
  for (const r of m.params) updateRow(r, m.standalone);
  $('summary').replaceChildren(...richText(m.summary ?? ''));
}

function showParamTip(name: string, anchor: HTMLElement): void {
  const r = rowEls.get(name)?.row;
  const tip = $('paramTip');
  if (!r || !tip) return;
  const facts: Node[] = [];
  const fact = (k: string, v: string | undefined) => {
    if (v) facts.push(h('div', { class: 'tip-fact' }, h('span', { class: 'tip-key', text: `${k} ` }), h('code', { text: v })));
  };
  fact(S.factType, r.type);
  fact(S.factDefault, r.default ?? S.factRequired);
  fact(S.factRange, r.range);
  fact(S.factUnit, r.unit);
  const parts: Node[] = [
    h('div', { class: 'tip-title' }, h('code', { text: `${r.name}=${r.source}` })),
    h('div', { class: 'tip-doc' }, ...richText(r.doc)),
    ...facts,
  ];
  if (r.effect) parts.push(h('div', { class: 'tip-effect' }, h('strong', { text: S.effectHere }), r.effect));
  if (r.unresolved) parts.push(h('div', { class: 'tip-unresolved', text: F(S.unresolvedTip, r.unresolved, r.source) }));
  tip.replaceChildren(...parts);
  tip.hidden = false;
  const a = anchor.getBoundingClientRect();
  const tw = tip.offsetWidth;
  const th = tip.offsetHeight;
  let left = a.left - tw - 8;
  if (left < 4) left = Math.min(a.left, window.innerWidth - tw - 4);
  let top = left === a.left - tw - 8 ? a.top - 4 : a.bottom + 4;
  top = Math.max(4, Math.min(top, window.innerHeight - th - 4));
  tip.style.left = `${Math.max(4, left)}px`;
  tip.style.top = `${top}px`;
}
function hideParamTip(): void {
  const tip = $('paramTip');
  if (tip) tip.hidden = true;
}

// ---- the rest of the model -----------------------------------------------------------------------

function renderMeta(m: ChartModel): void {
  $('title').textContent = m.schedulerName;
  $('subtitle').textContent = m.title;
  const steps = $<HTMLInputElement>('steps');
  if (document.activeElement !== steps) steps.value = String(m.requestedSteps);
  const spe = $<HTMLInputElement>('spe');
  if (document.activeElement !== spe) spe.value = m.stepsPerEpoch ? String(m.stepsPerEpoch) : '';
  const xUnit = $<HTMLSelectElement>('xUnit');
  const epochOpt = xUnit.querySelector('option[value="epochs"]') as HTMLOptionElement;
  epochOpt.disabled = !m.stepsPerEpoch;
  if (!m.stepsPerEpoch && ui.xUnit === 'epochs') xUnit.value = 'steps';
  else xUnit.value = ui.xUnit;
  $('reveal').hidden = m.standalone;

  const sel = $<HTMLSelectElement>('callSelect');
  sel.hidden = m.calls.length < 2;
  sel.replaceChildren(...m.calls.map((c) => h('option', { value: c.id, text: c.label })));
  if (m.currentCallId) sel.value = m.currentCallId;

  // PyTorch's own error: instead of the chart when the constructor raised, above it otherwise.
  const banner = $('banner');
  if (m.error) {
    const where = m.error.at === 'construct' ? S.raisedByConstructor : F(S.raisedByStep, Number(m.error.at) + 1, String(m.error.at));
    banner.replaceChildren(
      h('div', { class: 'err-msg' }, h('strong', { text: m.error.type === 'Unknown' ? S.cannotSimulate : `${m.error.type}: ` }), m.error.message),
      h('div', {
        class: 'err-where',
        text: m.error.type === 'Unknown' ? S.unknownHelp : F(S.pytorchMessage, where),
      }),
    );
    banner.className = `banner error${m.error.at === 'construct' ? ' big' : ''}`;
    banner.hidden = false;
  } else {
    banner.hidden = true;
  }

  const s = m.stats;
  const stat = (k: string, v: string) => h('span', { class: 'stat' }, h('span', { class: 'stat-key', text: k }), ' ', h('span', { class: 'stat-val', text: v }));
  $('stats').replaceChildren(
    ...(s.start === null
      ? []
      : [
          stat(S.statStart, fmt(s.start, 6)),
          stat(S.statPeak, `${fmt(s.peak?.value, 6)} @ ${s.peak?.step}`),
          stat(S.statMin, `${fmt(s.min?.value, 6)} @ ${s.min?.step}`),
          stat(S.statLast, fmt(s.last, 6)),
          stat(S.statSteps, `${m.steps}${m.decimated ? ` (${F(S.pointsDrawn, m.decimated.to)})` : ''}`),
        ]),
  );
  const kinds = [...new Set(m.events.map((e) => e.kind))];
  $('eventLegend').replaceChildren(
    ...kinds.map((k) => {
      const sw = h('span', { class: 'ev-swatch' });
      sw.style.borderColor = theme.events[k];
      const n = m.events.filter((e) => e.kind === k);
      const list = n.slice(0, 8).map((e) => e.step).join(', ') + (n.length > 8 ? ', …' : '');
      const label = k === 'restart' ? S.evRestart : k === 'milestone' ? S.evMilestone : k === 'phase' ? S.evPhase : k === 'reduce' ? S.evReduce : k === 'switch' ? S.evSwitch : S.evEnd;
      return h('span', { class: 'ev' }, sw, F(label, list));
    }),
  );
  const notes = [...m.notes, ...m.warnings];
  $('notes').replaceChildren(...notes.map((n) => h('li', { text: n })));

  const ov = $('overlays');
  ov.hidden = m.overlays.length === 0;
  $('overlayList').replaceChildren(
    ...m.overlays.map((o) => {
      const cb = h('input', { type: 'checkbox' });
      cb.checked = o.checked;
      cb.addEventListener('change', () => post({ type: 'toggleOverlay', id: o.id, on: cb.checked }));
      return h('label', { class: 'check overlay' }, cb, ` ${o.label}`);
    }),
  );
}

function render(m: ChartModel, r: RestoreState): void {
  model = m;
  restore = r;
  persist();
  theme = readTheme();
  renderMeta(m);
  renderParams(m);
  drawChart();
}

function showError(message: string): void {
  const banner = $('banner');
  banner.replaceChildren(h('div', { class: 'err-msg', text: message }));
  banner.className = 'banner error big';
  banner.hidden = false;
  if (!model) $('chartWrap').hidden = true;
}

window.addEventListener('message', (ev: MessageEvent) => {
  const msg = ev.data as HostMessage;
  if (!msg || typeof msg !== 'object') return;
  switch (msg.type) {
    case 'render':
      if (msg.strings) S = validateUiStrings(msg.strings);
      render(msg.model, msg.restore);
      break;
    case 'error':
      showError(String(msg.message));
      break;
    case 'theme':
      drawChart();
      break;
    case 'applied': {
      const el = rowEls.get(msg.name);
      if (el && !msg.ok) el.effect.textContent = msg.message ?? S.applyFailed;
      break;
    }
    case 'requestPng':
      exportPng();
      break;
  }
});

// Theme changes: VS Code swaps the body class and the CSS variables.
const themeObserver = new MutationObserver(() => {
  if (model) {
    drawChart();
    renderMeta(model);
  }
});
themeObserver.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['class', 'style'] });
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') hideParamTip();
});
buildLayout();
$('chartWrap').addEventListener('mouseleave', () => ($('tooltip').hidden = true));
theme = readTheme();
persist();
post({ type: 'ready' });
