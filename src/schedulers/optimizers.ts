// Hover data for the optimizers the seed explains (torch.optim.SGD, Adagrad, RMSprop, Adam, AdamW):
// every constructor parameter with its default (newest PyTorch) and a one-line meaning, the update
// rule the way the seed (after Goodfellow et al., ch. 8) writes it, what PyTorch actually computes
// where that differs, pitfalls, and a markdown renderer that substitutes this call's values.
import { PyError, PyValue, isNumber, toNumber, repr, floatRepr } from './pyvalue';
import { SimOptimizer } from './optimizer';

export interface OptimizerParam {
  name: string;
  /** Position after `params` (1 = lr); undefined = keyword-only. */
  position?: number;
  /** Default as Python source. */
  default: string;
  type: string;
  doc: string;
  range?: string;
}

export interface OptimizerEntry {
  name: string;
  qualifiedNames: string[];
  summary: string;
  params: OptimizerParam[];
  /** The seed's (textbook) update rule, Unicode math, one statement per line, in symbols. */
  seedRule: string[];
  /** What each symbol of the seed's rule is, in PyTorch terms. */
  symbols: string;
  /** PyTorch's implementation (torch/optim/*.py, single-tensor path), one statement per line. */
  torchRule: string[];
  /** Where PyTorch's implementation differs from the seed's formula. */
  differences: string[];
  pitfalls: string[];
}

const LR = (def: string, extra = ''): OptimizerParam => ({
  name: 'lr', position: 1, default: def, type: 'float | Tensor', range: '≥ 0',
  doc: `Learning rate ε: the step size every update is multiplied by; a scheduler overwrites it each step${extra}.`,
});
const WD_L2: OptimizerParam = {
  name: 'weight_decay', default: '0', type: 'float', range: '≥ 0',
  doc: 'L2 penalty λ added to the gradient (g ← g + λθ) before the update; larger values pull weights toward 0.',
};
const MAXIMIZE: OptimizerParam = { name: 'maximize', default: 'False', type: 'bool', doc: 'True ascends the objective (uses −g): for maximizing a reward instead of minimizing a loss.' };
const FOREACH: OptimizerParam = { name: 'foreach', default: 'None', type: 'bool | None', doc: 'Use the multi-tensor (foreach) implementation: faster on GPU, more memory; None picks it automatically. Same math.' };
const CAPTURABLE: OptimizerParam = { name: 'capturable', default: 'False', type: 'bool', doc: 'Keep step counters on the device so the step can be captured in a CUDA graph; slower otherwise. Same math.' };
const DIFFERENTIABLE: OptimizerParam = { name: 'differentiable', default: 'False', type: 'bool', doc: 'Let autograd differentiate through the optimizer step (meta-learning); slower. Same math.' };
const FUSED: OptimizerParam = { name: 'fused', default: 'None', type: 'bool | None', doc: 'Use the fused single-kernel implementation (CUDA and some other devices, floating-point params). Same math.' };
const EPS = (def: string, where: string): OptimizerParam => ({ name: 'eps', default: def, type: 'float', range: '≥ 0', doc: `Small δ added to the denominator ${where} to avoid dividing by zero; it also caps the step for parameters with tiny gradients.` });
const BETAS: OptimizerParam = {
  name: 'betas', position: 2, default: '(0.9, 0.999)', type: 'tuple[float, float]', range: 'each in [0, 1)',
  doc: '(ρ₁, ρ₂): decay rates of the running mean of g (momentum) and of g⊙g (per-parameter scale); closer to 1 = longer memory.',
};
const AMSGRAD: OptimizerParam = { name: 'amsgrad', position: 5, default: 'False', type: 'bool', doc: 'Use the maximum of all v̂ so far in the denominator (AMSGrad): the effective step can only shrink.' };

const ADAM_SEED = [
  'm ← ρ₁·m + (1 − ρ₁)·g',
  'm̂ ← m / (1 − ρ₁ᵗ)',
  'v ← ρ₂·v + (1 − ρ₂)·g⊙g',
  'v̂ ← v / (1 − ρ₂ᵗ)',
  'Δθ ← −ε·m̂ / (δ + √v̂)',
  'θ ← θ + Δθ',
];

export const OPTIMIZERS: OptimizerEntry[] = [
  {
    name: 'SGD',
    qualifiedNames: ['torch.optim.SGD', 'torch.optim.sgd.SGD'],
    summary: 'Stochastic gradient descent, optionally with (Nesterov) momentum. On a mini-batch DataLoader it is mini-batch gradient descent.',
    params: [
      LR('1e-3'),
      { name: 'momentum', position: 2, default: '0', type: 'float', range: '≥ 0 (usually < 1)', doc: 'Momentum α (μ): the fraction of the previous velocity kept each step; 0 disables momentum, 0.9 is typical, and the steady-state step grows as 1/(1 − α).' },
      { name: 'dampening', position: 3, default: '0', type: 'float', range: '[0, 1]', doc: 'Dampening τ: scales the new gradient by (1 − τ) when adding it to the velocity (not on the first step); must be 0 with nesterov.' },
      { ...WD_L2, position: 4 },
      { name: 'nesterov', position: 5, default: 'False', type: 'bool', doc: 'Nesterov momentum: step along g + α·v (a look-ahead) instead of v; needs momentum > 0 and dampening = 0.' },
      MAXIMIZE, FOREACH, DIFFERENTIABLE, FUSED,
    ],
    seedRule: ['v ← α·v − ε·g', 'θ ← θ + v'],
    symbols: 'α = momentum, ε = lr, g = gradient',
    torchRule: ['g ← g + λ·θ            (weight_decay λ ≠ 0)', 'v ← μ·v + (1 − τ)·g     (first step: v ← g)', 'g ← g + μ·v  if nesterov, else  g ← v', 'θ ← θ − lr·g'],
    differences: [
      'PyTorch keeps v ← μ·v + g and steps θ ← θ − lr·v: the LR multiplies the whole velocity at each step. The seed’s v ← α·v − ε·g bakes each step’s ε into v. The two agree only while the LR is constant — under a scheduler (warmup, decay) they differ: after an LR cut, PyTorch’s next step shrinks at once, the textbook one only gradually.',
      'The seed’s alternative form v ← α·v − (1 − α)·ε·g corresponds to dampening τ = α (PyTorch applies (1 − τ) from the second step on).',
    ],
    pitfalls: [
      'With momentum α the steady-state step is lr·g / (1 − α): momentum=0.9 ≈ 10× the LR, momentum=0.99 ≈ 100× — lower the LR when raising momentum.',
      'nesterov=True needs momentum > 0 and dampening = 0 ("Nesterov momentum requires a momentum and zero dampening").',
      'weight_decay here is an L2 term added to the gradient (it goes through momentum).',
    ],
  },
  {
    name: 'Adagrad',
    qualifiedNames: ['torch.optim.Adagrad', 'torch.optim.adagrad.Adagrad'],
    summary: 'Adagrad: divides each parameter’s step by the root of the sum of all its past squared gradients, so frequently-updated directions slow down.',
    params: [
      LR('1e-2'),
      { name: 'lr_decay', position: 2, default: '0', type: 'float', range: '≥ 0', doc: 'Built-in LR decay: step t uses lr / (1 + (t − 1)·lr_decay), on top of any scheduler.' },
      { ...WD_L2, position: 3 },
      { name: 'initial_accumulator_value', position: 4, default: '0', type: 'float', range: '≥ 0', doc: 'Starting value of the squared-gradient sum r; a positive value damps the very first steps.' },
      { ...EPS('1e-10', 'outside the square root (√r + δ)'), position: 5 },
      { ...FOREACH, position: 6 }, MAXIMIZE, DIFFERENTIABLE, FUSED,
    ],
    seedRule: ['r ← r + g⊙g', 'Δθ ← −ε / (δ + √r) ⊙ g', 'θ ← θ + Δθ'],
    symbols: 'ε = lr, δ = eps, r = running sum of squared gradients',
    torchRule: ['g ← g + λ·θ            (weight_decay λ ≠ 0)', 'clr ← lr / (1 + (t − 1)·lr_decay)', 'r ← r + g⊙g             (r₀ = initial_accumulator_value)', 'θ ← θ − clr·g / (√r + eps)'],
    differences: ['Same rule as the seed (δ outside the root), plus PyTorch’s own lr_decay and initial_accumulator_value; PyTorch’s default eps is 1e-10, the seed suggests δ ≈ 1e-7.'],
    pitfalls: ['r only grows, so the effective LR only shrinks: long runs can stall (the reason RMSprop exists).'],
  },
  {
    name: 'RMSprop',
    qualifiedNames: ['torch.optim.RMSprop', 'torch.optim.rmsprop.RMSprop'],
    summary: 'RMSprop: like Adagrad but with an exponential moving average of squared gradients, so old gradients are forgotten.',
    params: [
      LR('1e-2'),
      { name: 'alpha', position: 2, default: '0.99', type: 'float', range: '[0, 1)', doc: 'Smoothing constant ρ of the squared-gradient average: 0.99 remembers roughly the last 100 steps.' },
      { ...EPS('1e-8', 'outside the square root (√v + eps)'), position: 3 },
      { ...WD_L2, position: 4 },
      { name: 'momentum', position: 5, default: '0', type: 'float', range: '≥ 0', doc: 'Momentum applied to the normalized step (a velocity buffer); 0 disables it.' },
      { name: 'centered', position: 6, default: 'False', type: 'bool', doc: 'Divide by an estimate of the gradient’s variance (v − ḡ²) instead of its raw second moment; can be more stable, costs memory.' },
      { ...CAPTURABLE, position: 7 }, { ...FOREACH, position: 8 }, { ...MAXIMIZE, position: 9 }, { ...DIFFERENTIABLE, position: 10 },
    ],
    seedRule: ['r ← ρ·r + (1 − ρ)·g⊙g', 'Δθ ← −ε / √(δ + r) ⊙ g', 'θ ← θ + Δθ'],
    symbols: 'ρ = alpha, ε = lr, δ = eps',
    torchRule: ['g ← g + λ·θ            (weight_decay λ ≠ 0)', 'v ← α·v + (1 − α)·g⊙g', 'v ← v − ḡ²  (centered; ḡ ← α·ḡ + (1 − α)·g)', 'b ← μ·b + g / (√v + eps);  θ ← θ − lr·b   (momentum μ > 0)', 'θ ← θ − lr·g / (√v + eps)               (momentum = 0)'],
    differences: ['PyTorch adds eps outside the square root (√v + eps); the seed puts δ inside (√(δ + r)). With eps=1e-8 outside vs δ=1e-6 inside, the floor on the denominator differs (1e-8 vs 1e-3).'],
    pitfalls: ['PyTorch’s alpha is the seed’s ρ (the decay of the average), not the learning rate.', 'momentum here applies to the normalized step, so it multiplies the effective LR by up to 1/(1 − momentum).'],
  },
  {
    name: 'Adam',
    qualifiedNames: ['torch.optim.Adam', 'torch.optim.adam.Adam'],
    summary: 'Adam: momentum (running mean of g) and RMSprop-style scaling (running mean of g⊙g), both bias-corrected.',
    params: [
      LR('1e-3'), BETAS,
      { ...EPS('1e-8', 'outside the square root (√v̂ + eps)'), position: 3 },
      { ...WD_L2, position: 4, doc: 'L2 penalty λ added to the gradient (g ← g + λθ): it then goes through m and v and is divided by √v̂, so it is NOT decoupled weight decay — use AdamW (or decoupled_weight_decay=True) for that.' },
      AMSGRAD, FOREACH, MAXIMIZE, CAPTURABLE, DIFFERENTIABLE, FUSED,
      { name: 'decoupled_weight_decay', default: 'False', type: 'bool', doc: 'True applies weight decay directly to θ (θ ← θ − lr·λ·θ) like AdamW; then Adam is AdamW.' },
    ],
    seedRule: ['g ← g + λ·θ   (weight_decay: an L2 penalty in the loss)', ...ADAM_SEED],
    symbols: 'ρ₁, ρ₂ = betas, ε = lr, δ = eps, λ = weight_decay, t = step count',
    torchRule: ['g ← g + λ·θ            (weight_decay λ ≠ 0)', 'm ← β₁·m + (1 − β₁)·g', 'v ← β₂·v + (1 − β₂)·g⊙g   (amsgrad: v_max ← max(v_max, v))', 'θ ← θ − lr / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + eps)'],
    differences: ['Same rule as the seed (δ outside the root, bias corrections folded into the step size). The seed writes m ← ρ₁m − (1 − ρ₁)g; with Δθ = −ε·m̂/(δ + √v̂) the sign must be +, as PyTorch and Goodfellow have it.'],
    pitfalls: [
      'Adam’s weight_decay is an L2 penalty, not decoupled weight decay: parameters with large gradients are barely decayed. Use AdamW for decoupled decay.',
      'betas must be in [0, 1) ("Invalid beta parameter at index 0: 1.0"); β₂ close to 1 (0.999) makes early steps rely on the bias correction.',
    ],
  },
  {
    name: 'AdamW',
    qualifiedNames: ['torch.optim.AdamW', 'torch.optim.adamw.AdamW'],
    summary: 'AdamW: Adam with decoupled weight decay — the weights shrink by lr·λ each step, outside the adaptive scaling.',
    params: [
      LR('1e-3'), BETAS,
      { ...EPS('1e-8', 'outside the square root (√v̂ + eps)'), position: 3 },
      { name: 'weight_decay', position: 4, default: '1e-2', type: 'float', range: '≥ 0', doc: 'Decoupled weight decay λ: every step multiplies θ by (1 − lr·λ) before the Adam update, so it scales with the scheduled LR.' },
      AMSGRAD, MAXIMIZE, FOREACH, CAPTURABLE, DIFFERENTIABLE, FUSED,
    ],
    seedRule: ['θ ← θ − ε·λ·θ   (decoupled: applied to the weights, not to g)', ...ADAM_SEED],
    symbols: 'ρ₁, ρ₂ = betas, ε = lr, δ = eps, λ = weight_decay, t = step count',
    torchRule: ['θ ← θ·(1 − lr·λ)', 'm ← β₁·m + (1 − β₁)·g', 'v ← β₂·v + (1 − β₂)·g⊙g   (amsgrad: v_max ← max(v_max, v))', 'θ ← θ − lr / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + eps)'],
    differences: ['PyTorch decays first (θ ← θ·(1 − lr·λ)) and then applies the Adam step, as the seed describes; the decay is multiplied by the current (scheduled) lr, not by a separate schedule as in the AdamW paper.'],
    pitfalls: [
      'The default weight_decay is 0.01 (Adam’s is 0): switching Adam → AdamW without setting it adds decay.',
      'The decay is lr·λ per step: when a scheduler lowers the LR, the weight decay weakens with it.',
      'betas must be in [0, 1).',
    ],
  },
];

/** Looks an optimizer up by class name or qualified name (`torch.optim.AdamW`, `optim.AdamW`). */
export function findOptimizer(name: string): OptimizerEntry | undefined {
  const short = name.split('.').pop()!;
  return OPTIMIZERS.find((o) => o.name === short && (name === short || o.qualifiedNames.includes(name) || /^(torch\.)?optim\.\w+$/.test(name)));
}

// ---- rendering -----------------------------------------------------------------------------------

/** A value as Python prints it (`1e-05`, `0.9`, `(0.9, 0.999)`, `True`). */
function show(v: PyValue): string {
  if (v.t === 'float') return floatRepr(v.v);
  return repr(v);
}
const numOf = (v: PyValue | undefined): number | undefined => (v && isNumber(v) ? toNumber(v) : undefined);
const truthy = (v: PyValue | undefined): boolean => !!v && ((v.t === 'bool' && v.v) || (isNumber(v) && toNumber(v) !== 0));
/** A number for a formula: Python's repr, or the symbol when the value is not known. */
const n = (v: PyValue | undefined, symbol: string): string => (v && isNumber(v) ? show(v.t === 'bool' ? { t: 'int', v: v.v ? 1 : 0 } : v) : symbol);
const betaOf = (v: PyValue | undefined, k: number): PyValue | undefined => (v && (v.t === 'tuple' || v.t === 'list') ? v.items[k] : undefined);
const oneMinus = (v: PyValue | undefined, symbol: string): string => {
  const x = numOf(v);
  return x === undefined ? `(1 − ${symbol})` : floatRepr(Number((1 - x).toPrecision(12)));
};

/** The seed's rule with this call's numbers in place of its symbols. */
function substitutedSeedRule(o: OptimizerEntry, a: Record<string, PyValue>): string[] {
  const lr = n(a.lr, 'ε');
  const wd = numOf(a.weight_decay) ?? 0;
  switch (o.name) {
    case 'SGD': {
      const m = numOf(a.momentum) ?? 0;
      if (m === 0) return [`θ ← θ − ${lr}·g`];
      return [`v ← ${n(a.momentum, 'α')}·v − ${lr}·g`, 'θ ← θ + v'];
    }
    case 'Adagrad':
      return ['r ← r + g⊙g', `Δθ ← −${lr} / (${n(a.eps, 'δ')} + √r) ⊙ g`, 'θ ← θ + Δθ'];
    case 'RMSprop':
      return [`r ← ${n(a.alpha, 'ρ')}·r + ${oneMinus(a.alpha, 'ρ')}·g⊙g`, `Δθ ← −${lr} / √(${n(a.eps, 'δ')} + r) ⊙ g`, 'θ ← θ + Δθ'];
    default: {
      const b1 = betaOf(a.betas, 0);
      const b2 = betaOf(a.betas, 1);
      const lines = [
        `m ← ${n(b1, 'ρ₁')}·m + ${oneMinus(b1, 'ρ₁')}·g`,
        `m̂ ← m / (1 − ${n(b1, 'ρ₁')}ᵗ)`,
        `v ← ${n(b2, 'ρ₂')}·v + ${oneMinus(b2, 'ρ₂')}·g⊙g`,
        `v̂ ← v / (1 − ${n(b2, 'ρ₂')}ᵗ)`,
        `Δθ ← −${lr}·m̂ / (${n(a.eps, 'δ')} + √v̂)`,
        'θ ← θ + Δθ',
      ];
      const decoupled = o.name === 'AdamW' || truthy(a.decoupled_weight_decay);
      if (wd !== 0 || a.weight_decay === undefined) {
        lines.unshift(decoupled ? `θ ← θ − ${lr}·${n(a.weight_decay, 'λ')}·θ   (decoupled weight decay)` : `g ← g + ${n(a.weight_decay, 'λ')}·θ   (L2 penalty)`);
      }
      return lines;
    }
  }
}

/** PyTorch's rule with this call's numbers. */
function substitutedTorchRule(o: OptimizerEntry, a: Record<string, PyValue>): string[] {
  const lr = n(a.lr, 'lr');
  const wd = numOf(a.weight_decay) ?? 0;
  const out: string[] = [];
  if (truthy(a.maximize)) out.push('g ← −g   (maximize)');
  if (wd !== 0 && !(o.name === 'AdamW' || (o.name === 'Adam' && truthy(a.decoupled_weight_decay)))) out.push(`g ← g + ${n(a.weight_decay, 'λ')}·θ`);
  switch (o.name) {
    case 'SGD': {
      const m = numOf(a.momentum) ?? 0;
      if (m === 0) return [...out, `θ ← θ − ${lr}·g`];
      const damp = numOf(a.dampening) ?? 0;
      out.push(damp ? `v ← ${n(a.momentum, 'μ')}·v + ${oneMinus(a.dampening, 'τ')}·g   (first step: v ← g)` : `v ← ${n(a.momentum, 'μ')}·v + g   (first step: v ← g)`);
      out.push(truthy(a.nesterov) ? `θ ← θ − ${lr}·(g + ${n(a.momentum, 'μ')}·v)   (Nesterov)` : `θ ← θ − ${lr}·v`);
      return out;
    }
    case 'Adagrad': {
      const decay = numOf(a.lr_decay) ?? 0;
      out.push(decay ? `clr ← ${lr} / (1 + (t − 1)·${n(a.lr_decay, 'lr_decay')})` : `clr ← ${lr}`);
      out.push(`r ← r + g⊙g   (r₀ = ${n(a.initial_accumulator_value, 'initial_accumulator_value')})`);
      out.push(`θ ← θ − clr·g / (√r + ${n(a.eps, 'eps')})`);
      return out;
    }
    case 'RMSprop': {
      out.push(`v ← ${n(a.alpha, 'α')}·v + ${oneMinus(a.alpha, 'α')}·g⊙g`);
      if (truthy(a.centered)) out.push(`ḡ ← ${n(a.alpha, 'α')}·ḡ + ${oneMinus(a.alpha, 'α')}·g;  v ← v − ḡ²   (centered)`);
      const m = numOf(a.momentum) ?? 0;
      if (m) out.push(`b ← ${n(a.momentum, 'μ')}·b + g / (√v + ${n(a.eps, 'eps')})`, `θ ← θ − ${lr}·b`);
      else out.push(`θ ← θ − ${lr}·g / (√v + ${n(a.eps, 'eps')})`);
      return out;
    }
    default: {
      const b1 = betaOf(a.betas, 0);
      const b2 = betaOf(a.betas, 1);
      if (o.name === 'AdamW' || truthy(a.decoupled_weight_decay)) {
        if (wd !== 0 || a.weight_decay === undefined) out.push(`θ ← θ·(1 − ${lr}·${n(a.weight_decay, 'λ')})`);
      }
      out.push(`m ← ${n(b1, 'β₁')}·m + ${oneMinus(b1, 'β₁')}·g`);
      out.push(`v ← ${n(b2, 'β₂')}·v + ${oneMinus(b2, 'β₂')}·g⊙g`);
      const vv = truthy(a.amsgrad) ? 'v_max' : 'v';
      if (truthy(a.amsgrad)) out.push('v_max ← max(v_max, v)   (amsgrad)');
      out.push(`θ ← θ − ${lr} / (1 − ${n(b1, 'β₁')}ᵗ) · m / (√${vv} / √(1 − ${n(b2, 'β₂')}ᵗ) + ${n(a.eps, 'eps')})`);
      return out;
    }
  }
}

/** Pitfalls that apply to this call's values (plus the entry's general ones). */
function callNotes(o: OptimizerEntry, a: Record<string, PyValue>): string[] {
  const notes: string[] = [];
  const m = numOf(a.momentum);
  if ((o.name === 'SGD' || o.name === 'RMSprop') && m !== undefined && m > 0 && m < 1) {
    const k = 1 / (1 - m);
    const lr = numOf(a.lr);
    notes.push(
      `momentum=${show(a.momentum)}: a steady gradient g builds a step of lr·g / (1 − ${show(a.momentum)}) ≈ ${Number(k.toPrecision(3))}× the LR${lr !== undefined ? ` (effective LR ≈ ${floatRepr(Number((lr * k).toPrecision(3)))})` : ''}.`,
    );
  }
  if (m !== undefined && m >= 1 && (o.name === 'SGD' || o.name === 'RMSprop')) notes.push(`momentum=${show(a.momentum)} ≥ 1: the velocity never decays and training diverges.`);
  if (o.name === 'Adam' && (numOf(a.weight_decay) ?? 0) > 0 && !truthy(a.decoupled_weight_decay)) {
    notes.push(`weight_decay=${show(a.weight_decay)} is an L2 penalty in Adam (divided by √v̂ like the gradient), not decoupled weight decay: use torch.optim.AdamW for that.`);
  }
  return notes;
}

export interface DrivingScheduler {
  name: string;
  /** 1-based line of the scheduler's construction. */
  line: number;
  /** LR of the first param group right after construction (step 0); null when unknown. */
  startLr: number | null;
}

/**
 * Markdown for a hover on `torch.optim.<name>(...)`: the update rule the seed writes with this
 * call's values, what PyTorch computes where it differs, every parameter (value, default,
 * meaning), pitfalls, PyTorch's own validation error if the values are invalid, and the
 * schedulers in the file that drive this optimizer with the LR they start from.
 */
export function optimizerHoverMarkdown(name: string, resolvedArgs: Record<string, PyValue>, drivingSchedulers: DrivingScheduler[]): string {
  const o = findOptimizer(name);
  if (!o) return `**${name}** — not an optimizer this extension describes.`;
  const defaults: Record<string, PyValue> = {};
  for (const p of o.params) defaults[p.name] = parseDefault(p.default);
  const a: Record<string, PyValue> = { ...defaults, ...resolvedArgs };
  const md: string[] = [];
  md.push(`**torch.optim.${o.name}** — ${o.summary}`);

  // PyTorch's own validation, in its words.
  try {
    const given: Record<string, PyValue> = {};
    for (const [k, v] of Object.entries(resolvedArgs)) if (v.t !== 'opaque') given[k] = v;
    new SimOptimizer(o.name, 0, [], given);
  } catch (e) {
    if (e instanceof PyError) md.push(`\n⚠️ PyTorch raises **${e.type}: ${e.message}**`);
  }

  md.push(`\n**Update rule** (as the seed writes it; ${o.symbols}), with this call’s values:`);
  md.push('```text', ...substitutedSeedRule(o, a), '```');
  md.push('**What PyTorch computes** (`torch/optim`, per parameter, each `step()`):');
  md.push('```text', ...substitutedTorchRule(o, a), '```');
  for (const d of o.differences) md.push(`- ${d}`);

  md.push('\n| parameter | this call | default | meaning |', '|---|---|---|---|');
  for (const p of o.params) {
    const given = p.name in resolvedArgs;
    const val = given ? (resolvedArgs[p.name].t === 'opaque' ? `\`${(resolvedArgs[p.name] as { source: string }).source}\`` : `**${show(resolvedArgs[p.name])}**`) : '—';
    md.push(`| \`${p.name}\` | ${val} | \`${p.default}\` | ${p.doc.replace(/\|/g, '\\|')} |`);
  }

  const notes = [...callNotes(o, a), ...o.pitfalls];
  if (notes.length) {
    md.push('\n**Pitfalls**');
    for (const x of notes) md.push(`- ${x}`);
  }

  md.push('');
  if (drivingSchedulers.length) {
    md.push('**Scheduled by**');
    const lr = numOf(a.lr);
    for (const s of drivingSchedulers) {
      const start = s.startLr === null ? 'starting LR unknown' : `starts at LR ${floatRepr(s.startLr)}${lr !== undefined && s.startLr !== lr ? ` (not lr=${floatRepr(lr)})` : ''}`;
      md.push(`- \`${s.name}\` (line ${s.line}) — ${start}`);
    }
  } else {
    md.push(`No scheduler in this file drives this optimizer: every step uses lr=${n(a.lr, 'lr')}.`);
  }
  return md.join('\n');
}

function parseDefault(src: string): PyValue {
  const s = src.trim();
  if (s === 'None') return { t: 'none' };
  if (s === 'True' || s === 'False') return { t: 'bool', v: s === 'True' };
  const tup = /^\((.*)\)$/.exec(s);
  if (tup) return { t: 'tuple', items: tup[1].split(',').map((x) => parseDefault(x)) };
  if (/^-?\d+$/.test(s)) return { t: 'int', v: Number(s) };
  return { t: 'float', v: Number(s) };
}
