// A stand-in for torch.optim.Optimizer: just the param groups a scheduler reads and writes,
// the `defaults` PyTorch's schedulers inspect, and the constructor's own validation.
import { PyError, PyValue, OptimizerRef, repr, toNumber, isNumber } from './pyvalue';

/** A param group as a Python dict: numbers stay JS numbers; `ints` remembers which were Python ints. */
export type Group = Record<string, any> & { lr: number };

/** Constructor defaults of each optimizer class (newest PyTorch), in PyTorch's key order. */
const OPTIMIZER_DEFAULTS: Record<string, [string, PyValue][]> = {
  SGD: [
    ['lr', { t: 'float', v: 0.001 }], ['momentum', { t: 'int', v: 0 }], ['dampening', { t: 'int', v: 0 }],
    ['weight_decay', { t: 'int', v: 0 }], ['nesterov', { t: 'bool', v: false }], ['maximize', { t: 'bool', v: false }],
    ['foreach', { t: 'none' }], ['differentiable', { t: 'bool', v: false }],
  ],
  Adam: [
    ['lr', { t: 'float', v: 0.001 }], ['betas', { t: 'tuple', items: [{ t: 'float', v: 0.9 }, { t: 'float', v: 0.999 }] }],
    ['eps', { t: 'float', v: 1e-8 }], ['weight_decay', { t: 'int', v: 0 }], ['amsgrad', { t: 'bool', v: false }],
    ['maximize', { t: 'bool', v: false }], ['foreach', { t: 'none' }], ['capturable', { t: 'bool', v: false }],
    ['differentiable', { t: 'bool', v: false }], ['fused', { t: 'none' }],
  ],
  AdamW: [
    ['lr', { t: 'float', v: 0.001 }], ['betas', { t: 'tuple', items: [{ t: 'float', v: 0.9 }, { t: 'float', v: 0.999 }] }],
    ['eps', { t: 'float', v: 1e-8 }], ['weight_decay', { t: 'float', v: 0.01 }], ['amsgrad', { t: 'bool', v: false }],
    ['maximize', { t: 'bool', v: false }], ['foreach', { t: 'none' }], ['capturable', { t: 'bool', v: false }],
    ['differentiable', { t: 'bool', v: false }], ['fused', { t: 'none' }],
  ],
  RMSprop: [
    ['lr', { t: 'float', v: 0.01 }], ['alpha', { t: 'float', v: 0.99 }], ['eps', { t: 'float', v: 1e-8 }],
    ['weight_decay', { t: 'int', v: 0 }], ['momentum', { t: 'int', v: 0 }], ['centered', { t: 'bool', v: false }],
    ['capturable', { t: 'bool', v: false }], ['foreach', { t: 'none' }], ['maximize', { t: 'bool', v: false }],
    ['differentiable', { t: 'bool', v: false }],
  ],
  Adagrad: [
    ['lr', { t: 'float', v: 0.01 }], ['lr_decay', { t: 'int', v: 0 }], ['weight_decay', { t: 'int', v: 0 }],
    ['initial_accumulator_value', { t: 'int', v: 0 }], ['eps', { t: 'float', v: 1e-10 }], ['foreach', { t: 'none' }],
    ['maximize', { t: 'bool', v: false }], ['differentiable', { t: 'bool', v: false }],
  ],
};
// Optimizers PyTorch ships that the engine knows only by name: they cycle nothing special.
const MOMENTUM_LIKE = new Set(['SGD', 'RMSprop', 'NAdam', 'RAdam', 'Adamax', 'Adadelta', 'ASGD', 'Rprop', 'LBFGS', 'SparseAdam', 'Adafactor']);
const BETAS_LIKE = new Set(['Adam', 'AdamW', 'NAdam', 'RAdam', 'Adamax', 'SparseAdam']);

export function optimizerDefaults(name: string): [string, PyValue][] | undefined {
  return OPTIMIZER_DEFAULTS[name];
}

export class SimOptimizer {
  readonly groups: Group[] = [];
  readonly defaults: Record<string, PyValue>;
  /** Set by optimizer.step(); PyTorch's "scheduler before optimizer" warning reads it. */
  optCalled = false;

  constructor(readonly name: string, readonly id: number, groups: Record<string, PyValue>[], defaults: Record<string, PyValue>) {
    const known = OPTIMIZER_DEFAULTS[name];
    const merged: Record<string, PyValue> = {};
    if (known) for (const [k, v] of known) merged[k] = v;
    else {
      // Unknown optimizer: keep what the call gave; PyTorch's schedulers look for these keys.
      if (MOMENTUM_LIKE.has(name)) merged.momentum = { t: 'int', v: 0 };
      if (BETAS_LIKE.has(name)) merged.betas = { t: 'tuple', items: [{ t: 'float', v: 0.9 }, { t: 'float', v: 0.999 }] };
    }
    Object.assign(merged, defaults);
    this.defaults = merged;
    validateOptimizer(name, merged);
    const specs = groups.length ? groups : [{}];
    for (const spec of specs) {
      const g: Group = { lr: 0, __ints: new Set<string>() } as Group;
      const all = { ...merged, ...spec };
      for (const [k, v] of Object.entries(all)) {
        if (k === 'params') continue;
        setGroupValue(g, k, v);
      }
      this.groups.push(g);
    }
  }

  static from(ref: OptimizerRef): SimOptimizer {
    return new SimOptimizer(ref.name, ref.id, ref.groups, ref.defaults);
  }

  /** Python's repr(optimizer), as SequentialLR/ChainedScheduler print it in their error. */
  repr(): string {
    let s = `${this.name} (`;
    this.groups.forEach((g, i) => {
      s += `\nParameter Group ${i}`;
      for (const k of Object.keys(g).filter((k) => k !== '__ints').sort()) s += `\n    ${k}: ${groupValueRepr(g, k)}`;
    });
    return s + '\n)';
  }
}

function setGroupValue(g: Group, k: string, v: PyValue): void {
  const ints: Set<string> = g.__ints;
  if (v.t === 'int' || v.t === 'float') {
    g[k] = v.v;
    if (v.t === 'int') ints.add(k);
  } else if (v.t === 'bool') g[k] = v.v;
  else if (v.t === 'none') g[k] = null;
  else if ((v.t === 'tuple' || v.t === 'list') && v.items.every(isNumber)) g[k] = v.items.map(toNumber);
  else if (v.t === 'str') g[k] = v.v;
  else g[k] = repr(v);
}

function groupValueRepr(g: Group, k: string): string {
  const v = g[k];
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return repr(g.__ints.has(k) && Number.isInteger(v) ? { t: 'int', v } : { t: 'float', v });
  if (Array.isArray(v)) return `(${v.map((x) => repr({ t: 'float', v: x })).join(', ')})`;
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}

/** Marks a key of a group as holding a Python float from now on (schedulers write floats). */
export function setFloat(g: Group, k: string, v: number): void {
  g[k] = v;
  g.__ints.delete(k);
}

function num(d: Record<string, PyValue>, k: string): number | undefined {
  const v = d[k];
  return v && isNumber(v) ? toNumber(v) : undefined;
}

/** The ValueErrors PyTorch's optimizer constructors raise (newest PyTorch wording). */
function validateOptimizer(name: string, d: Record<string, PyValue>): void {
  const check = (key: string, bad: (x: number) => boolean, msg: string) => {
    const x = num(d, key);
    if (x !== undefined && bad(x)) throw new PyError('ValueError', `${msg}: ${repr(d[key])}`);
  };
  check('lr', (x) => x < 0, 'Invalid learning rate');
  if (name === 'SGD' || name === 'RMSprop') check('momentum', (x) => x < 0, 'Invalid momentum value');
  if (name === 'Adam' || name === 'AdamW' || name === 'RMSprop' || name === 'Adagrad') check('eps', (x) => x < 0, 'Invalid epsilon value');
  if (name === 'Adam' || name === 'AdamW') {
    const b = d.betas;
    if (b && (b.t === 'tuple' || b.t === 'list')) {
      b.items.slice(0, 2).forEach((x, i) => {
        if (isNumber(x) && !(toNumber(x) >= 0 && toNumber(x) < 1)) {
          throw new PyError('ValueError', `Invalid beta parameter at index ${i}: ${repr(x)}`);
        }
      });
    }
  }
  if (name in OPTIMIZER_DEFAULTS) check('weight_decay', (x) => x < 0, 'Invalid weight_decay value');
  if (name === 'RMSprop') check('alpha', (x) => x < 0, 'Invalid alpha value');
  if (name === 'Adagrad') {
    check('lr_decay', (x) => x < 0, 'Invalid lr_decay value');
    check('initial_accumulator_value', (x) => x < 0, 'Invalid initial_accumulator_value value');
  }
  if (name === 'SGD') {
    const nesterov = d.nesterov;
    if (nesterov && nesterov.t === 'bool' && nesterov.v) {
      const m = num(d, 'momentum') ?? 0;
      const damp = num(d, 'dampening') ?? 0;
      if (m <= 0 || damp !== 0) throw new PyError('ValueError', 'Nesterov momentum requires a momentum and zero dampening');
    }
  }
}
