// The translation function the pure text builders take. In the extension it is `vscode.l10n.t`;
// in tests and the CLI it is `plainT`, which fills `{0}`, `{1}`, … the way vscode.l10n.t does.
export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

export const plainT: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

/** Short number for prose: 4 significant digits, exponent form for tiny/huge values. */
export function fmtLr(x: number | null | undefined): string {
  if (x === null || x === undefined) return '?';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return String(Number(x.toPrecision(4)));
  return x.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/** A list of step numbers, at most `max` shown, `…` when there are more. */
export function listSteps(xs: number[], max = 6): string {
  const shown = xs.slice(0, max).join(', ');
  return xs.length > max ? `${shown}, …` : shown;
}

/** Markdown-escapes text written by users (sources, messages) for a hover. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => `\\${c}`);
}

/** Inline code span that survives backticks inside. */
export function code(s: string): string {
  const t = s.length > 120 ? `${s.slice(0, 117)}…` : s;
  const fence = t.includes('`') ? '``' : '`';
  return `${fence}${t.includes('`') ? ` ${t} ` : t}${fence}`;
}
