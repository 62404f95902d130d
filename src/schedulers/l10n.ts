// The engine's translate function. The engine never imports `vscode`: its per-step explanations
// (`explain(i)`) and event labels call `t(template, …args)` from this module (an English template with {0} placeholders), and the
// extension installs `vscode.l10n.t` at activation (setTranslator), so they follow VS Code's display
// language. Without a translator (the CLI, tests) `t` fills `{0}`, `{1}`, … into the English template,
// the way vscode.l10n.t does. Every template is a string literal so scripts/l10n-extract.mjs finds it;
// numbers are formatted by the caller and passed as arguments, never inside the template.
export type Translator = (message: string, ...args: (string | number | boolean)[]) => string;

/** English: the template with `{i}` replaced by args[i] (kept as is when there is no such argument). */
export const englishT: Translator = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));

let current: Translator = englishT;

/** The engine's translate function: the installed translator, English by default. */
export function t(message: string, ...args: (string | number | boolean)[]): string {
  return current(message, ...args);
}

/** Installs the display language's translator (`vscode.l10n.t`); undefined restores English. Returns the previous one. */
export function setTranslator(fn: Translator | undefined): Translator {
  const prev = current;
  current = fn ?? englishT;
  return prev;
}
