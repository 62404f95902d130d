// Python's arithmetic where it differs from JavaScript's, so the engine (and the safe evaluator)
// produce the same bits and the same ZeroDivisionError messages as CPython 3.11.
import { PyError } from './pyvalue';

/** CPython's float_divmod: returns [floordiv, mod] with Python's sign rules. */
export function floatDivmod(vx: number, wx: number): [number, number] {
  if (wx === 0) throw new PyError('ZeroDivisionError', 'float divmod()');
  let mod = vx % wx; // C fmod
  let div = (vx - mod) / wx;
  if (mod) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = wx < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    floordiv = vx / wx < 0 ? -0 : 0;
  }
  return [floordiv, mod];
}

/** a % b. `ints` = both operands are Python ints. */
export function pyMod(a: number, b: number, ints: boolean): number {
  if (b === 0) throw new PyError('ZeroDivisionError', ints ? 'integer modulo by zero' : 'float modulo');
  if (ints) {
    const m = a % b;
    return m !== 0 && m < 0 !== b < 0 ? m + b : m;
  }
  if (!Number.isFinite(a) || Number.isNaN(b)) return NaN;
  if (!Number.isFinite(b)) return a === 0 || (a > 0) === (b > 0) ? a : b; // CPython: a % inf
  const m = a % b;
  if (m) return m < 0 !== b < 0 ? m + b : m;
  return b < 0 ? -0 : 0;
}

/** a // b. */
export function pyFloorDiv(a: number, b: number, ints: boolean): number {
  if (b === 0) throw new PyError('ZeroDivisionError', ints ? 'integer division or modulo by zero' : 'float floor division by zero');
  if (ints) return Math.floor(a / b);
  return floatDivmod(a, b)[0];
}

/** a / b (true division). */
export function pyDiv(a: number, b: number, ints: boolean): number {
  if (b === 0) throw new PyError('ZeroDivisionError', ints ? 'division by zero' : 'float division by zero');
  return a / b;
}

/** a ** b. Python raises where C's pow would return inf/nan for finite inputs. */
export function pyPow(a: number, b: number, ints: boolean): number {
  if (ints && b >= 0) return Math.pow(a, b);
  if (a === 0 && b < 0) {
    throw new PyError('ZeroDivisionError', ints ? '0.0 cannot be raised to a negative power' : '0.0 cannot be raised to a negative power');
  }
  if (a < 0 && Number.isFinite(b) && !Number.isInteger(b) && Number.isFinite(a)) {
    // Python returns a complex number here; the engine treats it as an error.
    throw new PyError('ValueError', 'math domain error (negative number raised to a fractional power gives a complex number)');
  }
  const r = Math.pow(a, b);
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) {
    throw new PyError('OverflowError', "(34, 'Numerical result out of range')");
  }
  return r;
}

/** CPython's math.log(x, base) = log(x) / log(base). */
export function pyLog(x: number, base?: number): number {
  if (!(x > 0)) throw new PyError('ValueError', 'math domain error');
  const num = Math.log(x);
  if (base === undefined) return num;
  if (!(base > 0)) throw new PyError('ValueError', 'math domain error');
  const den = Math.log(base);
  if (den === 0) throw new PyError('ZeroDivisionError', 'float division by zero');
  return num / den;
}

/** Python int() of a float: truncates toward zero; raises on nan/inf. */
export function pyIntOf(x: number): number {
  if (Number.isNaN(x)) throw new PyError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new PyError('OverflowError', 'cannot convert float infinity to integer');
  return Math.trunc(x);
}

/** Python's math.floor of a float returns an int; same checks as int(). */
export function pyFloor(x: number): number {
  if (Number.isNaN(x)) throw new PyError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw new PyError('OverflowError', 'cannot convert float infinity to integer');
  return Math.floor(x);
}

/** Python's math.cos: raises on infinities. */
export function pyCos(x: number): number {
  if (x === Infinity || x === -Infinity) throw new PyError('ValueError', 'math domain error');
  return Math.cos(x);
}
