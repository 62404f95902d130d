// Hugging Face diffusers' learning-rate schedules (`diffusers.optimization`), transcribed statement
// for statement from huggingface/diffusers src/diffusers/optimization.py (commit 013f5550) — same
// order of floating-point operations, Python semantics (`float(x)`, `max(1, n)`, `%` on floats,
// `int("10")`, tuple unpacking) — and run on the engine's torch LambdaLR, exactly as diffusers runs
// them on PyTorch's. Also diffusers' own `get_scheduler(name, optimizer, step_rules, num_warmup_steps,
// num_training_steps, num_cycles, power, last_epoch)`, which is not transformers': a plain-Enum
// SchedulerType with 7 members (piecewise_constant, no inverse_sqrt / min-LR / WSD), `num_cycles`
// passed only to "cosine_with_restarts", `power` only to "polynomial", and Enum's own ValueError.
//
// The entries are named `diffusers.<function>` (the catalog is keyed by name, and transformers
// already owns the bare names); their qualified names are the real import paths.
import { PyError, PyValue, isInt, typeName, repr } from './pyvalue';
import { pyMod, pyDiv, pyPow, pyCos } from './pymath';
import * as torch from './torch';
import { SimOptimizer } from './optimizer';
import { entries as catalogEntries, registerEntries, type SchedulerEntry } from './catalog';
import type { ParamSpec, StepReason } from './types';
import { t } from './l10n';
import {
  pyMax, isNone, pyFloat, pyIntOfStr, operand, PI, fmt, closureFn, type Ev, type Lambda, type Builder,
  HfLambdaLR, HfConstant, HfConstantWarmup, HfLinear, HfCosine, HfCosineRestarts, HfPolynomial, polynomialEnds,
  bindCall, factory, HF_OPT, HF_LAST_EPOCH, lookupSchedulerType, type SchedulerTypeTable,
} from './hfcommon';

// ---- SchedulerType (a plain Enum in optimization.py) ---------------------------------------------

/** diffusers' SchedulerType members in declaration order: [MEMBER, value, schedule function]. */
export const DIFFUSERS_SCHEDULER_TYPES: SchedulerTypeTable = [
  ['LINEAR', 'linear', 'get_linear_schedule_with_warmup'],
  ['COSINE', 'cosine', 'get_cosine_schedule_with_warmup'],
  ['COSINE_WITH_RESTARTS', 'cosine_with_restarts', 'get_cosine_with_hard_restarts_schedule_with_warmup'],
  ['POLYNOMIAL', 'polynomial', 'get_polynomial_decay_schedule_with_warmup'],
  ['CONSTANT', 'constant', 'get_constant_schedule'],
  ['CONSTANT_WITH_WARMUP', 'constant_with_warmup', 'get_constant_schedule_with_warmup'],
  ['PIECEWISE_CONSTANT', 'piecewise_constant', 'get_piecewise_constant_schedule'],
];

/**
 * `SchedulerType(name)`: the member, or Enum's ValueError ("'x' is not a valid SchedulerType").
 * Accepts `SchedulerType.X` spelled out (an unknown X is Python 3.11's `AttributeError: X`).
 */
export function diffusersSchedulerType(v: PyValue): { member: string; value: string; fn: string } {
  const t = lookupSchedulerType(DIFFUSERS_SCHEDULER_TYPES, v);
  if (t && 'unknownMember' in t) throw new PyError('AttributeError', t.unknownMember);
  if (t) return t;
  throw new PyError('ValueError', `${repr(v)} is not a valid SchedulerType`);
}

/** The function diffusers' `get_scheduler(name, ...)` dispatches to (bare name), or null for an invalid name. */
export function diffusersDispatchTarget(name: PyValue): string | null {
  try {
    return diffusersSchedulerType(name).fn;
  } catch {
    return null;
  }
}

/**
 * Arguments diffusers' `get_scheduler(name, ...)` never reads for this name (their values cannot
 * change the schedule, so an unknown one need not stop a preview). Empty for an invalid name.
 */
export function diffusersIgnoredArgs(name: PyValue): Set<string> {
  let value: string;
  try {
    value = diffusersSchedulerType(name).value;
  } catch {
    return new Set();
  }
  switch (value) {
    case 'constant': return new Set(['step_rules', 'num_warmup_steps', 'num_training_steps', 'num_cycles', 'power']);
    case 'piecewise_constant': return new Set(['num_warmup_steps', 'num_training_steps', 'num_cycles', 'power']);
    case 'constant_with_warmup': return new Set(['step_rules', 'num_training_steps', 'num_cycles', 'power']);
    case 'cosine_with_restarts': return new Set(['step_rules', 'power']);
    case 'polynomial': return new Set(['step_rules', 'num_cycles']);
    default: return new Set(['step_rules', 'num_cycles', 'power']); // linear, cosine
  }
}

// ---- The lambdas (diffusers' own statements) ----------------------------------------------------

/** get_constant_schedule_with_warmup's `lr_lambda`. */
function constantWarmupLambda(num_warmup_steps: PyValue): Lambda {
  return (current_step) => {
    const w = operand(num_warmup_steps, '<', 'int', false);
    if (current_step < w) return current_step / pyMax(1.0, w); // float(current_step) / float(max(1.0, num_warmup_steps))
    return 1.0;
  };
}

/** get_linear_schedule_with_warmup's `lr_lambda`. */
function linearLambda(num_warmup_steps: PyValue, num_training_steps: PyValue): Lambda {
  return (current_step) => {
    const w = operand(num_warmup_steps, '<', 'int', false);
    if (current_step < w) return current_step / pyMax(1, w);
    const t = operand(num_training_steps, '-', 'int', true);
    return pyMax(0.0, (t - current_step) / pyMax(1, t - w));
  };
}

/** get_cosine_schedule_with_warmup's `lr_lambda`. */
function cosineLambda(num_warmup_steps: PyValue, num_training_steps: PyValue, num_cycles: PyValue): Lambda {
  return (current_step) => {
    const w = operand(num_warmup_steps, '<', 'int', false);
    if (current_step < w) return current_step / pyMax(1, w);
    const t = operand(num_training_steps, '-', typeName(num_warmup_steps), true);
    const progress = (current_step - w) / pyMax(1, t - w);
    return pyMax(0.0, 0.5 * (1.0 + pyCos(PI * pyFloat(num_cycles) * 2.0 * progress)));
  };
}

/** get_cosine_with_hard_restarts_schedule_with_warmup's `lr_lambda`. */
function restartsLambda(num_warmup_steps: PyValue, num_training_steps: PyValue, num_cycles: PyValue): Lambda {
  return (current_step) => {
    const w = operand(num_warmup_steps, '<', 'int', false);
    if (current_step < w) return current_step / pyMax(1, w);
    const t = operand(num_training_steps, '-', typeName(num_warmup_steps), true);
    const progress = (current_step - w) / pyMax(1, t - w);
    if (progress >= 1.0) return 0.0;
    return pyMax(0.0, 0.5 * (1.0 + pyCos(PI * pyMod(pyFloat(num_cycles) * progress, 1.0, false))));
  };
}

/** get_polynomial_decay_schedule_with_warmup's `lr_lambda` (after the lr_end < lr check). */
function polynomialLambda(opt: SimOptimizer, a: Record<string, PyValue>, lr_init: number, lr_end: number): Lambda {
  const nws = a.num_warmup_steps;
  const nts = a.num_training_steps;
  const power = a.power;
  const lrInts = isInt(opt.defaults.lr) && isInt(a.lr_end); // `lr_end / lr_init` of two ints is int division's message
  return (current_step) => {
    const w = operand(nws, '<', 'int', false);
    if (current_step < w) return current_step / pyMax(1, w);
    const t = operand(nts, '>', 'int', false);
    if (current_step > t) return pyDiv(lr_end, lr_init, lrInts); // as LambdaLR multiplies by lr_init
    const lr_range = lr_init - lr_end;
    const decay_steps = t - w;
    const pct_remaining = 1 - pyDiv(current_step - w, decay_steps, isInt(nws) && isInt(nts));
    const decay = lr_range * pyPow(pct_remaining, operand(power, '**', 'float', false), false) + lr_end;
    return pyDiv(decay, lr_init, false); // as LambdaLR multiplies by lr_init
  };
}

// ---- get_piecewise_constant_schedule ------------------------------------------------------------

/** Parses `step_rules` as the function does: `"1:10,0.1:20,0.005"` → {10: 1, 20: 0.1}, last 0.005. */
export function parseStepRules(stepRules: PyValue): { rules: Map<number, number>; last: number } {
  if (stepRules.t !== 'str') throw new PyError('AttributeError', `'${typeName(stepRules)}' object has no attribute 'split'`);
  const rules = new Map<number, number>(); // rules_dict = {}
  const ruleList = stepRules.v.split(',');
  for (const ruleStr of ruleList.slice(0, -1)) {
    const parts = ruleStr.split(':'); // value_str, steps_str = rule_str.split(":")
    if (parts.length > 2) throw new PyError('ValueError', 'too many values to unpack (expected 2)');
    if (parts.length < 2) throw new PyError('ValueError', `not enough values to unpack (expected 2, got ${parts.length})`);
    const steps = pyIntOfStr(parts[1]);
    const value = pyFloat({ t: 'str', v: parts[0] });
    rules.set(steps, value);
  }
  const last = pyFloat({ t: 'str', v: ruleList[ruleList.length - 1] });
  return { rules, last };
}

class DfPiecewise extends HfLambdaLR {
  readonly hfName = 'get_piecewise_constant_schedule';
  /** [step, multiple], sorted by step: the multiple applies below that step. */
  sorted: [number, number][];
  last: number;
  constructor(sink: torch.WarningSink, opt: SimOptimizer, a: Record<string, PyValue>) {
    const { rules, last } = parseStepRules(a.step_rules);
    // rule_func: sorted(rules_dict.keys()) on every call; the dict never changes, so sort once.
    const sortedSteps = [...rules.keys()].sort((x, y) => x - y);
    const values = sortedSteps.map((s) => rules.get(s)!);
    super(sink, opt, closureFn('rule_func', (steps) => {
      for (let i = 0; i < sortedSteps.length; i++) if (steps < sortedSteps[i]) return values[i];
      return last;
    }), a.last_epoch);
    this.sorted = sortedSteps.map((s, k) => [s, values[k]]);
    this.last = last;
  }
  override explain(i: number): StepReason {
    const k = this.sorted.findIndex(([s]) => i < s);
    if (k < 0) {
      const text = this.sorted.length
        ? t('step_rules: last multiple {0} × base LR (from step {1} on)', fmt(this.last), this.sorted[this.sorted.length - 1][0])
        : t('step_rules: last multiple {0} × base LR', fmt(this.last));
      return { phase: t('last rule'), text };
    }
    const [s, v] = this.sorted[k];
    return { phase: t('rule {0}', k + 1), text: t('step_rules "{0}:{1}": {0} × base LR until step {1} (an absolute step, not a length)', fmt(v), s) };
  }
  override events(steps: number): Ev[] {
    const out: Ev[] = [];
    this.sorted.forEach(([s], k) => {
      if (s <= 0 || s >= steps || out.length >= 400) return;
      const next = k + 1 < this.sorted.length ? this.sorted[k + 1][1] : this.last;
      out.push({ step: s, kind: 'milestone', label: t('step_rules: × {0} from step {1}', fmt(next), s) });
    });
    return out;
  }
}

// ---- Calling the functions ----------------------------------------------------------------------

const BUILDERS: Record<string, Builder> = {
  get_constant_schedule: (s, o, a) => new HfConstant(s, o, a, closureFn('<lambda>', () => 1)),
  get_constant_schedule_with_warmup: (s, o, a) => new HfConstantWarmup(s, o, a, closureFn('lr_lambda', constantWarmupLambda(a.num_warmup_steps))),
  get_piecewise_constant_schedule: (s, o, a) => new DfPiecewise(s, o, a),
  get_linear_schedule_with_warmup: (s, o, a) => new HfLinear(s, o, a, closureFn('lr_lambda', linearLambda(a.num_warmup_steps, a.num_training_steps))),
  get_cosine_schedule_with_warmup: (s, o, a) => new HfCosine(s, o, a, closureFn('lr_lambda', cosineLambda(a.num_warmup_steps, a.num_training_steps, a.num_cycles))),
  get_cosine_with_hard_restarts_schedule_with_warmup: (s, o, a) =>
    new HfCosineRestarts(s, o, a, closureFn('lr_lambda', restartsLambda(a.num_warmup_steps, a.num_training_steps, a.num_cycles))),
  get_polynomial_decay_schedule_with_warmup: (s, o, a) => {
    const [lrInit, lrEnd] = polynomialEnds(o, a.lr_end);
    return new HfPolynomial(s, o, a, closureFn('lr_lambda', polynomialLambda(o, a, lrInit, lrEnd)), lrInit, lrEnd);
  },
};

/** Calls diffusers function `fn` (bare name) with keyword arguments, as Python would. */
export function callDiffusersFunction(fn: string, sink: torch.WarningSink, opt: SimOptimizer, given: Record<string, PyValue>): torch.LRScheduler {
  const entry = DIFFUSERS_ENTRIES.find((e) => e.name === `${DF}.${fn}`);
  const build = BUILDERS[fn];
  if (!entry || !build) throw new PyError('NameError', `name '${fn}' is not defined`);
  const { args } = bindCall(fn, entry.params, given);
  return build(sink, opt, args);
}

/** `get_scheduler(name, optimizer, step_rules=None, num_warmup_steps=None, num_training_steps=None, num_cycles=1, power=1.0, last_epoch=-1)`. */
function getScheduler(sink: torch.WarningSink, opt: SimOptimizer, given: Record<string, PyValue>): torch.LRScheduler {
  const { args: a } = bindCall('get_scheduler', GET_SCHEDULER_PARAMS, given);
  const t = diffusersSchedulerType(a.name); // name = SchedulerType(name)
  const call = (kw: Record<string, PyValue>) => callDiffusersFunction(t.fn, sink, opt, { ...kw, last_epoch: a.last_epoch });
  const member = `SchedulerType.${t.member}`; // f"{name}" of a plain Enum
  if (t.value === 'constant') return call({});
  if (t.value === 'piecewise_constant') return call({ step_rules: a.step_rules });
  if (isNone(a.num_warmup_steps)) throw new PyError('ValueError', `${member} requires \`num_warmup_steps\`, please provide that argument.`);
  if (t.value === 'constant_with_warmup') return call({ num_warmup_steps: a.num_warmup_steps });
  if (isNone(a.num_training_steps)) throw new PyError('ValueError', `${member} requires \`num_training_steps\`, please provide that argument.`);
  const both = { num_warmup_steps: a.num_warmup_steps, num_training_steps: a.num_training_steps };
  if (t.value === 'cosine_with_restarts') return call({ ...both, num_cycles: a.num_cycles });
  if (t.value === 'polynomial') return call({ ...both, power: a.power });
  return call(both);
}

// ---- The catalog ---------------------------------------------------------------------------------

const DF = 'diffusers';
/** Functions `diffusers/__init__.py` re-exports at the top level (get_piecewise_constant_schedule is not one). */
const TOP_LEVEL = new Set([
  'get_constant_schedule', 'get_constant_schedule_with_warmup', 'get_cosine_schedule_with_warmup',
  'get_cosine_with_hard_restarts_schedule_with_warmup', 'get_linear_schedule_with_warmup',
  'get_polynomial_decay_schedule_with_warmup', 'get_scheduler',
]);
const qn = (fn: string) => [`${DF}.optimization.${fn}`, ...(TOP_LEVEL.has(fn) ? [`${DF}.${fn}`] : [])];

const WARMUP: ParamSpec = {
  name: 'num_warmup_steps',
  position: 1,
  type: 'int',
  unit: 'scheduler steps',
  range: 'integer ≥ 0',
  doc: 'Length of the linear warmup in scheduler.step() calls: the LR climbs from 0 at step 0 to the base LR at this step; 0 skips the warmup. A float like 0.1 is not a ratio here — it is a warmup shorter than one step.',
};
const TRAINING = (position: number): ParamSpec => ({
  name: 'num_training_steps',
  position,
  type: 'int',
  unit: 'scheduler steps',
  range: 'integer > num_warmup_steps',
  doc: 'Total scheduler.step() calls the decay spans; it ends here. diffusers’ training scripts pass max_train_steps × accelerator.num_processes, because accelerate steps a prepared scheduler once per process per optimizer update.',
});
const NUM_CYCLES_COS = (position: number): ParamSpec => ({
  name: 'num_cycles',
  position,
  default: '0.5',
  type: 'float',
  unit: 'cosine waves',
  range: '> 0',
  doc: 'Number of full cosine waves over the decay: 0.5 (default) is one half-cosine from the base LR to 0; 1.0 goes down and back up to the base LR; larger values oscillate.',
});

const WARMUP_PITFALLS = [
  'Warmup starts at LR 0: step 0 trains with LR 0 (the first update does nothing) and the base LR is reached only at step num_warmup_steps.',
  'Under accelerate (every diffusers training script), a prepared scheduler steps accelerator.num_processes times per optimizer update — which is why the scripts multiply num_warmup_steps and num_training_steps by accelerator.num_processes. Called without accelerate, or with split_batches=True, do not multiply: the schedule would be stretched num_processes×.',
];

const GET_SCHEDULER_PARAMS: ParamSpec[] = [
  {
    name: 'name', position: 0, type: 'str | SchedulerType',
    range: DIFFUSERS_SCHEDULER_TYPES.map((x) => `'${x[1]}'`).join(' | '),
    doc: `Which schedule: ${DIFFUSERS_SCHEDULER_TYPES.map((x) => `"${x[1]}" = ${x[2]}`).join('; ')}. Exact lower-case spelling; transformers-only names such as "cosine_with_min_lr" or "inverse_sqrt" are a ValueError here.`,
  },
  { ...HF_OPT, position: 1 },
  { name: 'step_rules', position: 2, default: 'None', type: 'str | None', doc: 'Only for "piecewise_constant": "1:10,0.1:20,0.005" = 1 × base LR before step 10, 0.1 × before step 20, 0.005 × after. Note it comes third: get_scheduler("linear", optimizer, 10, 100) binds 10 to step_rules.' },
  { name: 'num_warmup_steps', position: 3, default: 'None', type: 'int | None', unit: 'scheduler steps', doc: 'Warmup length (LR 0 at step 0, base LR at this step); required by every name except "constant" and "piecewise_constant", which ignore it. Not a ratio: 0.1 is less than one step.' },
  { name: 'num_training_steps', position: 4, default: 'None', type: 'int | None', unit: 'scheduler steps', doc: 'Where the decay ends; required by "linear", "cosine", "cosine_with_restarts" and "polynomial", ignored by the constant ones. The training scripts pass max_train_steps × accelerator.num_processes.' },
  { name: 'num_cycles', position: 5, default: '1', type: 'int', unit: 'cycles', doc: 'Only for "cosine_with_restarts": the number of cosine decays, each restarting at the base LR (1 = no restart). "cosine" never receives it: it always uses half a wave.' },
  { name: 'power', position: 6, default: '1.0', type: 'float', doc: 'Only for "polynomial": shape of the decay to lr_end = 1e-7 (1.0 linear, 2.0 drops fast then flattens, 0.5 stays high longer).' },
  HF_LAST_EPOCH(7),
];

export const DIFFUSERS_ENTRIES: SchedulerEntry[] = [
  {
    name: `${DF}.get_constant_schedule`,
    framework: 'diffusers',
    qualifiedNames: qn('get_constant_schedule'),
    summary: 'Keeps the optimizer’s learning rate constant (a LambdaLR whose factor is always 1).',
    formula: 'lr(t) = base_lr',
    params: [HF_OPT, HF_LAST_EPOCH(1)],
    checks: [],
    pitfalls: ['No warmup and no decay: get_scheduler("constant", ...) — the diffusers scripts’ default --lr_scheduler — ignores num_warmup_steps (use "constant_with_warmup").'],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callDiffusersFunction('get_constant_schedule', s, o, a)),
  },
  {
    name: `${DF}.get_constant_schedule_with_warmup`,
    framework: 'diffusers',
    qualifiedNames: qn('get_constant_schedule_with_warmup'),
    summary: 'Linear warmup from 0 to the optimizer’s LR over `num_warmup_steps`, then constant.',
    formula: 'lr(t) = base_lr × t / max(1, W) for t < W, base_lr after',
    params: [HF_OPT, WARMUP, HF_LAST_EPOCH(2)],
    checks: [],
    pitfalls: WARMUP_PITFALLS,
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callDiffusersFunction('get_constant_schedule_with_warmup', s, o, a)),
  },
  {
    name: `${DF}.get_piecewise_constant_schedule`,
    framework: 'diffusers',
    qualifiedNames: qn('get_piecewise_constant_schedule'),
    summary: 'Step-wise constant LR from a rule string: `"1:10,0.1:20,0.005"` is 1 × the optimizer’s LR before step 10, 0.1 × before step 20, 0.005 × after.',
    formula: 'lr(t) = base_lr × value of the first rule "value:step" with t < step (rules sorted by step), else base_lr × the last value',
    params: [
      HF_OPT,
      { name: 'step_rules', position: 1, type: 'str', doc: 'Comma-separated "multiple:step" rules, then a final multiple: "1:10,0.1:20,0.005" trains at 1 × the base LR before step 10, 0.1 × before step 20, 0.005 × from then on. Steps are absolute step indices (sorted for you), multiples are factors of each group’s LR.' },
      HF_LAST_EPOCH(2),
    ],
    checks: [
      'Every rule but the last must be "value:step" ("not enough values to unpack (expected 2, got 1)" / "too many values to unpack (expected 2)").',
      'Each step must be an integer ("invalid literal for int() with base 10: \'1.5\'") and each value a float ("could not convert string to float: …"); a trailing comma leaves an empty last value.',
    ],
    pitfalls: [
      'The steps are absolute, not lengths: "1:10,0.1:20" keeps 0.1 × only for steps 10–19, although diffusers’ docstring reads "0.1 for the next 20 steps".',
      'get_piecewise_constant_schedule is only in diffusers.optimization, not a top-level diffusers export; through get_scheduler("piecewise_constant", ...) pass step_rules= or it fails with AttributeError (None has no split).',
    ],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callDiffusersFunction('get_piecewise_constant_schedule', s, o, a)),
  },
  {
    name: `${DF}.get_linear_schedule_with_warmup`,
    framework: 'diffusers',
    qualifiedNames: qn('get_linear_schedule_with_warmup'),
    summary: 'Linear warmup from 0 to the optimizer’s LR, then linear decay to 0 at `num_training_steps` (and 0 after).',
    formula: 'lr(t) = base_lr × t / max(1, W) for t < W; base_lr × max(0, (T − t) / max(1, T − W)) after',
    params: [HF_OPT, WARMUP, TRAINING(2), HF_LAST_EPOCH(3)],
    checks: [],
    pitfalls: [...WARMUP_PITFALLS, 'The LR is exactly 0 from num_training_steps on: steps past it do not learn.'],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callDiffusersFunction('get_linear_schedule_with_warmup', s, o, a)),
  },
  {
    name: `${DF}.get_cosine_schedule_with_warmup`,
    framework: 'diffusers',
    qualifiedNames: qn('get_cosine_schedule_with_warmup'),
    summary: 'Linear warmup from 0, then a cosine from the optimizer’s LR down to 0 at `num_training_steps` (half a wave by default).',
    formula: 'lr(t) = base_lr × t / max(1, W) for t < W; base_lr × max(0, ½(1 + cos(2π · num_cycles · p))), p = (t − W) / max(1, T − W)',
    params: [HF_OPT, WARMUP, TRAINING(2), NUM_CYCLES_COS(3), HF_LAST_EPOCH(4)],
    checks: [],
    pitfalls: [...WARMUP_PITFALLS, 'Past num_training_steps the cosine keeps going (it rises again); it does not stop at 0.', 'get_scheduler("cosine", num_cycles=…) does not pass num_cycles on: "cosine" is always half a wave (--lr_num_cycles only affects "cosine_with_restarts").'],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callDiffusersFunction('get_cosine_schedule_with_warmup', s, o, a)),
  },
  {
    name: `${DF}.get_cosine_with_hard_restarts_schedule_with_warmup`,
    framework: 'diffusers',
    qualifiedNames: qn('get_cosine_with_hard_restarts_schedule_with_warmup'),
    summary: 'Linear warmup from 0, then `num_cycles` cosine decays to 0, each restarting at the optimizer’s LR; 0 from `num_training_steps` on.',
    formula: 'lr(t) = base_lr × ½(1 + cos(π · ((num_cycles · p) mod 1))), p = (t − W) / max(1, T − W); 0 once p ≥ 1',
    params: [
      HF_OPT, WARMUP, TRAINING(2),
      { name: 'num_cycles', position: 3, default: '1', type: 'int', unit: 'cycles', range: 'integer ≥ 1', doc: 'Number of cosine decays between warmup and num_training_steps; each one restarts at the base LR. The default 1 has no restart at all — it is the plain cosine schedule.' },
      HF_LAST_EPOCH(4),
    ],
    checks: [],
    pitfalls: ['With the default num_cycles=1 (get_scheduler("cosine_with_restarts") with --lr_num_cycles left at 1) there is no restart: it is the plain cosine schedule, ending at 0.', ...WARMUP_PITFALLS],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callDiffusersFunction('get_cosine_with_hard_restarts_schedule_with_warmup', s, o, a)),
  },
  {
    name: `${DF}.get_polynomial_decay_schedule_with_warmup`,
    framework: 'diffusers',
    qualifiedNames: qn('get_polynomial_decay_schedule_with_warmup'),
    summary: 'Linear warmup from 0, then a polynomial decay from the optimizer’s LR to `lr_end` at `num_training_steps`, held after.',
    formula: 'lr(t) = (lr_init − lr_end) × (1 − (t − W)/(T − W))^power + lr_end, scaled per group by group_lr / lr_init',
    params: [
      HF_OPT, WARMUP, TRAINING(2),
      { name: 'lr_end', position: 3, default: '1e-7', type: 'float', unit: 'LR', range: '< optimizer lr', doc: 'The absolute LR reached at num_training_steps and held afterwards; must be below the optimizer’s default lr or the call raises ValueError. get_scheduler("polynomial") always uses 1e-7.' },
      { name: 'power', position: 4, default: '1.0', type: 'float', range: '> 0', doc: 'Shape of the decay: 1.0 is linear, 2.0 drops quickly then flattens, 0.5 stays high longer and drops late.' },
      HF_LAST_EPOCH(5),
    ],
    checks: ['lr_end must be smaller than optimizer.defaults["lr"] ("lr_end (…) must be smaller than initial lr (…)").', 'num_training_steps == num_warmup_steps divides by zero at that step.'],
    pitfalls: ['It reads optimizer.defaults["lr"] (the lr= keyword of the optimizer), not each param group’s LR: a group with its own lr decays to lr_end × group_lr / default_lr.', ...WARMUP_PITFALLS],
    typicalStepping: 'per-batch',
    ctor: factory((s, o, a) => callDiffusersFunction('get_polynomial_decay_schedule_with_warmup', s, o, a)),
  },
  {
    name: `${DF}.get_scheduler`,
    framework: 'diffusers',
    qualifiedNames: qn('get_scheduler'),
    summary: 'diffusers’ own get_scheduler: builds the schedule named by `name` ("constant", "linear", "cosine", …) — what the diffusers training scripts call with --lr_scheduler.',
    params: GET_SCHEDULER_PARAMS,
    checks: [
      'name must be a diffusers SchedulerType value ("\'x\' is not a valid SchedulerType").',
      'num_warmup_steps is required except for constant / piecewise_constant ("SchedulerType.X requires `num_warmup_steps`, please provide that argument.").',
      'num_training_steps is required for linear, cosine, cosine_with_restarts and polynomial ("SchedulerType.X requires `num_training_steps`, …").',
      'piecewise_constant needs step_rules (None has no split: AttributeError).',
    ],
    pitfalls: [
      ...WARMUP_PITFALLS,
      'Not transformers’ get_scheduler: no scheduler_specific_kwargs (TypeError), no "inverse_sqrt", "cosine_with_min_lr" or "warmup_stable_decay"; num_cycles and power are its own arguments.',
      '"cosine" ignores num_cycles (always half a wave) and "polynomial" always ends at lr_end = 1e-7; only "cosine_with_restarts" reads num_cycles and only "polynomial" reads power.',
      '"constant" ignores num_warmup_steps: the scripts’ default --lr_scheduler="constant" with --lr_warmup_steps=500 has no warmup.',
    ],
    typicalStepping: 'per-batch',
    ctor: factory(getScheduler),
  },
];

let registered = false;
/** Adds the diffusers entries to the engine's catalog (idempotent). transformers.ts calls it. */
export function registerDiffusers(): void {
  if (registered || catalogEntries.some((e) => e.framework === 'diffusers')) {
    registered = true;
    return;
  }
  registered = true;
  registerEntries(DIFFUSERS_ENTRIES);
}

/** The catalog entry name of a diffusers function (`get_scheduler` → `diffusers.get_scheduler`). */
export const diffusersEntryName = (fn: string): string => `${DF}.${fn}`;
