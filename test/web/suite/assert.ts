// The few assertions the in-editor suite uses (Node's `assert` does not exist in the web worker).
export function ok(value: unknown, message?: string): asserts value {
  if (!value) throw new Error(message ? `assertion failed: ${message}` : 'assertion failed');
}

export function strictEqual<T>(actual: T, expected: T, message?: string): void {
  if (actual !== expected) throw new Error(`${message ? `${message}: ` : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function match(text: string, re: RegExp, message?: string): void {
  if (!re.test(text)) throw new Error(`expected ${re} to match${message ? `: ${message.slice(0, 2000)}` : ''}`);
}
