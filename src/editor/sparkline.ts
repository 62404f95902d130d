// A small SVG picture of a schedule for hovers: one polyline per param group (per-pixel min/max
// decimation, so a million steps cost one pass), dashed vertical markers at events, returned as a
// base64 `data:` URI (hovers refuse inline <svg>). Pure: no vscode, no DOM.
import type { ScheduleEvent } from '../schedulers/types';

export interface SparklineOptions {
  width?: number;
  height?: number;
  /** Steps with a marker (restarts, milestones, phase boundaries). */
  events?: Pick<ScheduleEvent, 'step' | 'kind'>[];
  /** Log-scale y axis (non-positive values are drawn at the bottom). */
  log?: boolean;
  /** Line colours per group; a mid-tone blue first (reads on light and dark themes). */
  colors?: string[];
  markerColor?: string;
}

const COLORS = ['#3794ff', '#e2761b', '#16a34a', '#c026d3', '#dc2626'];

/** Pixel-column envelope of a series: for each x pixel, [first, min, max, last] of the values there. */
export function envelope(col: ArrayLike<number>, n: number, columns: number): { x: number; lo: number; hi: number; first: number; last: number }[] {
  const out: { x: number; lo: number; hi: number; first: number; last: number }[] = [];
  if (n <= 0) return out;
  const buckets = Math.max(1, Math.min(columns, n));
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor((b * n) / buckets);
    const end = Math.max(start + 1, Math.floor(((b + 1) * n) / buckets));
    let lo = Infinity;
    let hi = -Infinity;
    let first = NaN;
    let last = NaN;
    for (let i = start; i < end && i < n; i++) {
      const v = col[i];
      if (!Number.isFinite(v)) continue;
      if (Number.isNaN(first)) first = v;
      last = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (Number.isNaN(first)) continue;
    out.push({ x: n === 1 ? 0 : (start + end - 1) / 2 / (n - 1), lo, hi, first, last });
  }
  return out;
}

function r(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** The SVG text. Empty series draw an empty frame. */
export function sparklineSvg(columns: ArrayLike<number>[], opts: SparklineOptions = {}): string {
  const W = opts.width ?? 240;
  const H = opts.height ?? 60;
  const pad = 3;
  const n = columns.reduce((m, c) => Math.max(m, c.length), 0);
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of columns) {
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      if (!Number.isFinite(v) || (opts.log && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const log = !!opts.log && Number.isFinite(lo) && lo > 0;
  const tf = (v: number) => (log ? Math.log10(Math.max(v, lo)) : v);
  let a = Number.isFinite(lo) ? tf(lo) : 0;
  let b = Number.isFinite(hi) ? tf(hi) : 1;
  if (b - a < 1e-300 || !Number.isFinite(b - a)) {
    // a flat line sits in the middle
    a -= 1;
    b += 1;
  }
  const X = (f: number) => pad + f * (W - 2 * pad);
  const Y = (v: number) => H - pad - ((tf(v) - a) / (b - a)) * (H - 2 * pad);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`);
  parts.push(`<rect x="0.5" y="0.5" width="${W - 1}" height="${H - 1}" rx="3" fill="none" stroke="#8888" stroke-width="1"/>`);
  const marker = opts.markerColor ?? '#d18616';
  if (n > 1) {
    const seen = new Set<number>();
    for (const e of (opts.events ?? []).slice(0, 200)) {
      if (!(e.step > 0 && e.step < n)) continue;
      const x = Math.round(X(e.step / (n - 1)) * 2) / 2;
      if (seen.has(x)) continue;
      seen.add(x);
      parts.push(`<line x1="${x}" y1="${pad}" x2="${x}" y2="${H - pad}" stroke="${marker}" stroke-width="1" stroke-dasharray="2 2" opacity="0.8"/>`);
    }
  }
  const colors = opts.colors ?? COLORS;
  columns.forEach((col, g) => {
    const env = envelope(col, col.length, Math.max(1, W - 2 * pad));
    if (!env.length) return;
    const pts: string[] = [];
    const span = col.length > 1 ? (col.length - 1) / (n - 1 || 1) : 0;
    for (const p of env) {
      const x = r(X(p.x * span));
      pts.push(`${x},${r(Y(p.first))}`);
      if (p.lo !== p.hi) {
        // keep the extremes of this pixel column in the order they occur (first → extreme → last)
        const [u, v] = p.first >= p.last ? [p.hi, p.lo] : [p.lo, p.hi];
        pts.push(`${x},${r(Y(u))}`, `${x},${r(Y(v))}`);
      }
      pts.push(`${x},${r(Y(p.last))}`);
    }
    if (env.length === 1) pts.push(`${r(X(1))},${r(Y(env[0].last))}`);
    parts.push(`<polyline fill="none" stroke="${colors[g % colors.length]}" stroke-width="1.6" stroke-linejoin="round" points="${pts.join(' ')}"/>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function base64(s: string): string {
  const B = (globalThis as { Buffer?: { from(s: string, enc: string): { toString(enc: string): string } } }).Buffer;
  if (B) return B.from(s, 'utf8').toString('base64');
  return btoa(unescape(encodeURIComponent(s)));
}

/** `data:image/svg+xml;base64,...` of the sparkline. */
export function sparklineDataUri(columns: ArrayLike<number>[], opts: SparklineOptions = {}): string {
  return `data:image/svg+xml;base64,${base64(sparklineSvg(columns, opts))}`;
}

/** Markdown image for a hover, sized with VS Code's `|width=,height=` suffix. */
export function sparklineMarkdown(columns: ArrayLike<number>[], opts: SparklineOptions = {}, alt = 'LR'): string {
  const W = opts.width ?? 240;
  const H = opts.height ?? 60;
  return `![${alt}](${sparklineDataUri(columns, opts)}|width=${W},height=${H})`;
}
