// Python values as the engine sees them. The reader (src/python/) produces these from source text;
// the engine reads them. Ints and floats are kept apart because PyTorch's checks and messages
// depend on it ("Expected positive integer T_0, but got 10.0").

export type PyValue =
  | { t: 'int'; v: number }
  | { t: 'float'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'str'; v: string }
  | { t: 'none' }
  | { t: 'list'; items: PyValue[] }
  | { t: 'tuple'; items: PyValue[] }
  | { t: 'dict'; entries: [PyValue, PyValue][] }
  | PyFunction
  | { t: 'scheduler'; spec: SchedulerRef }
  | { t: 'optimizer'; spec: OptimizerRef }
  | { t: 'opaque'; source: string };

/** A callable the safe evaluator built from a lambda or a small `def`. */
export interface PyFunction {
  t: 'func';
  name: string;
  /** Calls the function; throws PyError for Python-level failures. */
  call(args: PyValue[]): PyValue;
  /**
   * The same function on plain numbers, where the evaluator could compile it (src/python/numeric.ts):
   * `callNumber(x)` for an integer x returns exactly the number `call([{ t: 'int', v: x }])` returns
   * (an int or a float), and throws (anything) wherever it cannot vouch for that: `call` then gives
   * the value or raises the Python error. Undefined when there is no such path.
   */
  callNumber?: (x: number) => number;
  /** A simulation starts: the evaluator's bound on operations in total is per simulation. */
  newRun?(): void;
}

/** Forward references filled by types.ts (kept loose here to avoid a cycle). */
export interface SchedulerRef { name: string; args: Record<string, PyValue>; optimizer: OptimizerRef | null }
export interface OptimizerRef { name: string; id: number; groups: Record<string, PyValue>[]; defaults: Record<string, PyValue> }

/** A Python exception with its type and message, exactly as Python would print them. */
export class PyError extends Error {
  constructor(public readonly type: string, message: string) {
    super(message);
  }
}

export const int = (v: number): PyValue => ({ t: 'int', v });
export const float = (v: number): PyValue => ({ t: 'float', v });
export const str = (v: string): PyValue => ({ t: 'str', v });
export const bool = (v: boolean): PyValue => ({ t: 'bool', v });
export const none: PyValue = { t: 'none' };
export const list = (items: PyValue[]): PyValue => ({ t: 'list', items });

export function isNumber(v: PyValue | undefined): v is { t: 'int' | 'float' | 'bool'; v: any } {
  return !!v && (v.t === 'int' || v.t === 'float' || v.t === 'bool');
}

/** Python int(): bools count as ints, as `isinstance(True, int)` does. */
export function isInt(v: PyValue | undefined): boolean {
  return !!v && (v.t === 'int' || v.t === 'bool');
}

export function toNumber(v: PyValue): number {
  if (v.t === 'int' || v.t === 'float') return v.v;
  if (v.t === 'bool') return v.v ? 1 : 0;
  throw new PyError('TypeError', `must be real number, not ${typeName(v)}`);
}

export function typeName(v: PyValue): string {
  switch (v.t) {
    case 'none': return 'NoneType';
    case 'func': return 'function';
    case 'scheduler': return v.spec.name;
    case 'optimizer': return v.spec.name;
    case 'opaque': return 'object';
    default: return v.t;
  }
}

/** Python's repr() of a float: shortest round-trip digits, `1e-05` style exponents, `10.0`. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  let s = String(x); // JS gives shortest round-trip digits too; only the layout differs
  const exp = Math.floor(Math.log10(Math.abs(x)));
  // Python switches to exponent notation when exp < -4 or exp >= 16.
  if (exp < -4 || exp >= 16) {
    let [mant, e] = x.toExponential().split('e');
    const en = parseInt(e, 10);
    const sign = en < 0 ? '-' : '+';
    const digits = String(Math.abs(en)).padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  if (s.includes('e')) s = x.toFixed(Math.max(0, -exp + 20)).replace(/0+$/, '');
  if (!s.includes('.')) s += '.0';
  return s;
}

/** Python's repr() of a value, as error messages print it. */
export function repr(v: PyValue): string {
  switch (v.t) {
    case 'int': return String(v.v);
    case 'float': return floatRepr(v.v);
    case 'bool': return v.v ? 'True' : 'False';
    case 'none': return 'None';
    case 'str': return `'${v.v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'list': return `[${v.items.map(repr).join(', ')}]`;
    case 'tuple': return v.items.length === 1 ? `(${repr(v.items[0])},)` : `(${v.items.map(repr).join(', ')})`;
    case 'dict': return `{${v.entries.map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ')}}`;
    case 'func': return `<function ${v.name}>`;
    case 'scheduler': return `<${v.spec.name} object>`;
    case 'optimizer': return `<${v.spec.name} optimizer>`;
    case 'opaque': return v.source;
  }
}

/** Python's str(): like repr but strings print bare. */
export function pyStr(v: PyValue): string {
  return v.t === 'str' ? v.v : repr(v);
}

/** Converts a plain JS value (from JSON, tests, the webview) into a PyValue. Integral numbers become ints. */
export function fromJS(x: unknown): PyValue {
  if (x === null || x === undefined) return none;
  if (typeof x === 'boolean') return bool(x);
  if (typeof x === 'number') return Number.isInteger(x) ? int(x) : float(x);
  if (typeof x === 'string') return str(x);
  if (Array.isArray(x)) return list(x.map(fromJS));
  return { t: 'opaque', source: String(x) };
}
