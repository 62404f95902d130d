// The catalog: one description per scheduler. Hover, diagnostics, chart tooltips, the CLI and the
// "new preview" picker all read it; the simulation lives in the class it names (torch.ts).
import type { Framework, ParamSpec } from './types';
import * as torch from './torch';
import type { SimOptimizer } from './optimizer';

export type TorchCtor = new (sink: torch.WarningSink, opt: SimOptimizer, args: torch.Args, children: torch.LRScheduler[]) => torch.LRScheduler;

export interface SchedulerEntry {
  name: string;
  framework: Framework;
  /** Fully qualified import names that refer to this scheduler. */
  qualifiedNames: string[];
  /** One sentence: what the schedule does. */
  summary: string;
  /** The formula as the docs write it (Unicode math). */
  formula?: string;
  params: ParamSpec[];
  /** The checks the library makes, in words (the engine raises them with the library's own message). */
  checks: string[];
  /** Pitfalls worth a hover note. */
  pitfalls: string[];
  /** Where `step()` is usually called: per epoch or per batch. */
  typicalStepping: 'per-epoch' | 'per-batch' | 'per-metric';
  /** The engine's implementation (torch schedulers). */
  ctor?: TorchCtor;
  /** Parameters that take other schedulers (composites). */
  childParam?: string;
  /**
   * A function of the step with no optimizer (Keras, Optax): the Builder gives it a one-group
   * stand-in optimizer whose lr is the schedule's value (stepfn.ts); the reader asks for no optimizer.
   */
  stepFunction?: boolean;
}

const OPT: ParamSpec = {
  name: 'optimizer',
  position: 0,
  type: 'Optimizer',
  doc: 'The wrapped optimizer; each param group’s `lr` at construction becomes that group’s base LR (`initial_lr`), which the schedule scales.',
};
const LAST_EPOCH = (position: number, unit = 'steps'): ParamSpec => ({
  name: 'last_epoch',
  position,
  default: '-1',
  type: 'int',
  unit,
  range: 'integer ≥ −1',
  doc: 'Index of the last step already taken, for resuming; −1 starts fresh. Any other value needs `initial_lr` in every param group (from a loaded optimizer state) or PyTorch raises KeyError.',
});
const LAMBDA_DOC =
  'A function of the step index (0, 1, 2, …) returning a number, or a list with one such function per param group.';

const TORCH = 'torch.optim.lr_scheduler';
const qn = (name: string, mod = TORCH) => [`${mod}.${name}`];

export const entries: SchedulerEntry[] = [
  {
    name: 'LambdaLR',
    framework: 'torch',
    qualifiedNames: qn('LambdaLR'),
    summary: 'Sets each group’s LR to its base LR times `lr_lambda(step)`.',
    formula: 'lr(t) = base_lr × lr_lambda(t)',
    params: [
      OPT,
      { name: 'lr_lambda', position: 1, type: 'Callable[[int], float] | list[Callable]', unit: '× base LR', doc: `${LAMBDA_DOC} The LR is base LR × that factor: the factor is absolute, not cumulative (compare MultiplicativeLR).` },
      LAST_EPOCH(2),
    ],
    checks: ['A list of lr_lambdas must have one function per param group.'],
    pitfalls: ['lr_lambda(0) is applied at construction: a warmup lambda returning 0 at step 0 trains the first step with LR 0.'],
    typicalStepping: 'per-epoch',
    ctor: torch.LambdaLR as unknown as TorchCtor,
  },
  {
    name: 'MultiplicativeLR',
    framework: 'torch',
    qualifiedNames: qn('MultiplicativeLR'),
    summary: 'Multiplies each group’s current LR by `lr_lambda(step)` at every step (cumulative).',
    formula: 'lr(t) = lr(t−1) × lr_lambda(t)',
    params: [
      OPT,
      { name: 'lr_lambda', position: 1, type: 'Callable[[int], float] | list[Callable]', unit: '× previous LR', doc: `${LAMBDA_DOC} Each step multiplies the current LR by the factor, so a constant 0.95 decays like 0.95^t.` },
      LAST_EPOCH(2),
    ],
    checks: ['A list of lr_lambdas must have one function per param group.', 'Every lr_lambda must be callable.'],
    pitfalls: ['The factor compounds: returning 0.9 for 10 steps leaves 0.9^10 ≈ 0.35 of the LR.'],
    typicalStepping: 'per-epoch',
    ctor: torch.MultiplicativeLR as unknown as TorchCtor,
  },
  {
    name: 'StepLR',
    framework: 'torch',
    qualifiedNames: qn('StepLR'),
    summary: 'Multiplies the LR by `gamma` every `step_size` steps.',
    formula: 'lr(t) = base_lr × gamma^⌊t / step_size⌋',
    params: [
      OPT,
      { name: 'step_size', position: 1, type: 'int', unit: 'steps', range: 'integer ≥ 1', doc: 'Period of the decay, in scheduler steps (epochs if you call `step()` once per epoch): the LR drops at steps step_size, 2·step_size, …' },
      { name: 'gamma', position: 2, default: '0.1', type: 'float', unit: '× per decay', range: '0 < gamma ≤ 1 to decay', doc: 'Factor applied at each decay: 0.1 divides the LR by 10 every step_size steps; 0.5 halves it.' },
      LAST_EPOCH(3),
    ],
    checks: ['step_size = 0 fails at the first step() with ZeroDivisionError.'],
    pitfalls: ['Stepped once per batch instead of once per epoch, step_size counts batches.'],
    typicalStepping: 'per-epoch',
    ctor: torch.StepLR as unknown as TorchCtor,
  },
  {
    name: 'MultiStepLR',
    framework: 'torch',
    qualifiedNames: qn('MultiStepLR'),
    summary: 'Multiplies the LR by `gamma` each time the step count reaches a milestone.',
    formula: 'lr(t) = base_lr × gamma^(number of milestones ≤ t)',
    params: [
      OPT,
      { name: 'milestones', position: 1, type: 'list[int]', unit: 'steps', range: 'increasing integers', doc: 'Steps at which the LR is multiplied by gamma (e.g. [30, 80]); a milestone listed twice applies gamma twice.' },
      { name: 'gamma', position: 2, default: '0.1', type: 'float', unit: '× per milestone', doc: 'Factor applied at each milestone: 0.1 divides the LR by 10.' },
      LAST_EPOCH(3),
    ],
    checks: ['milestones must be iterable.'],
    pitfalls: ['Milestones count scheduler steps: with a per-batch step() they are batch indices, not epochs.'],
    typicalStepping: 'per-epoch',
    ctor: torch.MultiStepLR as unknown as TorchCtor,
  },
  {
    name: 'ConstantLR',
    framework: 'torch',
    qualifiedNames: qn('ConstantLR'),
    summary: 'Multiplies the LR by a constant `factor` for the first `total_iters` steps, then restores the base LR.',
    formula: 'lr(t) = base_lr × factor for t < total_iters, base_lr after',
    params: [
      OPT,
      { name: 'factor', position: 1, default: '1.0 / 3', type: 'float', unit: '× base LR', range: '0 ≤ factor ≤ 1', doc: 'Fraction of the base LR used until total_iters: 0.5 trains at half the LR, then jumps to the full LR.' },
      { name: 'total_iters', position: 2, default: '5', type: 'int', unit: 'steps', doc: 'Number of steps the factor is applied for; the LR jumps back to the base LR at this step.' },
      LAST_EPOCH(3),
    ],
    checks: ['factor must be between 0 and 1.'],
    pitfalls: ['The jump back to the base LR is instantaneous, not a ramp (use LinearLR for a ramp).'],
    typicalStepping: 'per-epoch',
    ctor: torch.ConstantLR as unknown as TorchCtor,
  },
  {
    name: 'LinearLR',
    framework: 'torch',
    qualifiedNames: qn('LinearLR'),
    summary: 'Changes the LR factor linearly from `start_factor` to `end_factor` over `total_iters` steps, then holds it.',
    formula: 'lr(t) = base_lr × (start + (end − start) · min(t, total_iters) / total_iters)',
    params: [
      OPT,
      { name: 'start_factor', position: 1, default: '1.0 / 3', type: 'float', unit: '× base LR', range: '0 < start_factor ≤ 1', doc: 'Factor at step 0: 0.1 starts at a tenth of the base LR. Smaller than end_factor = a warmup.' },
      { name: 'end_factor', position: 2, default: '1.0', type: 'float', unit: '× base LR', range: '0 ≤ end_factor ≤ 1', doc: 'Factor reached at total_iters and held afterwards: 1.0 ends at the base LR; smaller than start_factor = a linear decay.' },
      { name: 'total_iters', position: 3, default: '5', type: 'int', unit: 'steps', doc: 'Number of steps the linear change takes; after it the LR stays at base LR × end_factor.' },
      LAST_EPOCH(4),
    ],
    checks: ['start_factor must be in (0, 1].', 'end_factor must be in [0, 1].'],
    pitfalls: ['With its defaults (1/3 → 1 over 5 steps) LinearLR is a warmup, not a decay.'],
    typicalStepping: 'per-epoch',
    ctor: torch.LinearLR as unknown as TorchCtor,
  },
  {
    name: 'ExponentialLR',
    framework: 'torch',
    qualifiedNames: qn('ExponentialLR'),
    summary: 'Multiplies the LR by `gamma` at every step.',
    formula: 'lr(t) = base_lr × gamma^t',
    params: [
      OPT,
      { name: 'gamma', position: 1, type: 'float', unit: '× per step', range: '0 < gamma ≤ 1 to decay', doc: 'Per-step factor: 0.95 loses 5% per step, halving the LR about every 13.5 steps (ln 2 / −ln gamma).' },
      LAST_EPOCH(2),
    ],
    checks: [],
    pitfalls: ['Stepped per batch, even gamma=0.999 reaches ~0 within a few thousand steps.'],
    typicalStepping: 'per-epoch',
    ctor: torch.ExponentialLR as unknown as TorchCtor,
  },
  {
    name: 'PolynomialLR',
    framework: 'torch',
    qualifiedNames: qn('PolynomialLR'),
    summary: 'Decays the LR polynomially to 0 over `total_iters` steps.',
    formula: 'lr(t) = base_lr × (1 − min(t, total_iters)/total_iters)^power',
    params: [
      OPT,
      { name: 'total_iters', position: 1, default: '5', type: 'int', unit: 'steps', doc: 'Steps until the LR reaches 0 (and stays there).' },
      { name: 'power', position: 2, default: '1.0', type: 'float', range: '> 0', doc: 'Shape of the decay: 1.0 is linear, 2.0 drops fast early, 0.5 stays high longer.' },
      LAST_EPOCH(3),
    ],
    checks: [],
    pitfalls: ['The LR is exactly 0 from total_iters on: training continues without learning.'],
    typicalStepping: 'per-epoch',
    ctor: torch.PolynomialLR as unknown as TorchCtor,
  },
  {
    name: 'CosineAnnealingLR',
    framework: 'torch',
    qualifiedNames: qn('CosineAnnealingLR'),
    summary: 'Follows a cosine from the base LR down to `eta_min` over `T_max` steps — and keeps following it afterwards.',
    formula: 'lr(t) = η_min + ½(base_lr − η_min)(1 + cos(π·t / T_max))',
    params: [
      OPT,
      { name: 'T_max', position: 1, type: 'int', unit: 'steps', range: 'integer ≥ 1', doc: 'Half-period of the cosine in steps: the LR reaches eta_min at step T_max, then rises back to the base LR at 2·T_max. Set it to your total number of steps.' },
      { name: 'eta_min', position: 2, default: '0.0', type: 'float', unit: 'LR', doc: 'The lowest LR, reached at step T_max (an absolute LR, not a factor).' },
      LAST_EPOCH(3),
    ],
    checks: ['T_max = 0 fails at the first step() with ZeroDivisionError.'],
    pitfalls: ['There is no restart and no stop: past T_max the cosine rises again toward the base LR (period 2·T_max).'],
    typicalStepping: 'per-epoch',
    ctor: torch.CosineAnnealingLR as unknown as TorchCtor,
  },
  {
    name: 'ChainedScheduler',
    framework: 'torch',
    qualifiedNames: qn('ChainedScheduler'),
    summary: 'Steps several schedulers together at every step, so their factors multiply.',
    params: [
      { name: 'schedulers', position: 0, type: 'Sequence[LRScheduler]', doc: 'Schedulers stepped one after another on each step(); each multiplies the LR the previous one left, so their effects compound.' },
      { name: 'optimizer', position: 1, default: 'None', type: 'Optimizer | None', doc: 'The optimizer they all drive; defaults to the first scheduler’s.' },
    ],
    checks: ['At least one scheduler.', 'No ReduceLROnPlateau.', 'All schedulers on the same optimizer.'],
    pitfalls: ['Factors multiply: a warmup chained with a decay decays during the warmup too.', 'Closed-form schedulers (CosineAnnealingWarmRestarts, OneCycleLR, CyclicLR, LambdaLR) overwrite the LR instead of multiplying it.'],
    typicalStepping: 'per-epoch',
    ctor: torch.ChainedScheduler as unknown as TorchCtor,
    childParam: 'schedulers',
  },
  {
    name: 'SequentialLR',
    framework: 'torch',
    qualifiedNames: qn('SequentialLR'),
    summary: 'Runs one scheduler after another, switching at the milestones.',
    params: [
      OPT,
      { name: 'schedulers', position: 1, type: 'list[LRScheduler]', doc: 'Schedulers used in turn: the first until milestones[0], the next until milestones[1], …' },
      { name: 'milestones', position: 2, type: 'list[int]', unit: 'steps', doc: 'Steps at which the next scheduler takes over; one fewer than schedulers. The next scheduler starts from its own step 0 there.' },
      LAST_EPOCH(3),
    ],
    checks: ['At least one scheduler.', 'No ReduceLROnPlateau.', 'All schedulers on the same optimizer.', 'len(milestones) == len(schedulers) − 1.'],
    pitfalls: ['At a milestone the next scheduler restarts from its own step 0: a CosineAnnealingLR after a 5-step warmup needs T_max = total − 5.'],
    typicalStepping: 'per-epoch',
    ctor: torch.SequentialLR as unknown as TorchCtor,
    childParam: 'schedulers',
  },
  {
    name: 'ReduceLROnPlateau',
    framework: 'torch',
    qualifiedNames: qn('ReduceLROnPlateau'),
    summary: 'Multiplies the LR by `factor` when the metric passed to `step(metric)` stops improving for more than `patience` steps.',
    params: [
      OPT,
      { name: 'mode', position: 1, default: "'min'", type: "'min' | 'max'", range: "'min' | 'max'", doc: "'min' for a loss (lower is better), 'max' for an accuracy (higher is better)." },
      { name: 'factor', position: 2, default: '0.1', type: 'float', unit: '× per reduction', range: '< 1', doc: 'Factor applied on each reduction: new LR = LR × factor.' },
      { name: 'patience', position: 3, default: '10', type: 'int', unit: 'steps', doc: 'Steps without improvement tolerated: the LR drops after patience + 1 bad steps in a row.' },
      { name: 'threshold', position: 4, default: '1e-4', type: 'float', doc: 'Minimum change that counts as an improvement (relative or absolute, see threshold_mode).' },
      { name: 'threshold_mode', position: 5, default: "'rel'", type: "'rel' | 'abs'", range: "'rel' | 'abs'", doc: "'rel': better means below best × (1 − threshold) in min mode; 'abs': below best − threshold." },
      { name: 'cooldown', position: 6, default: '0', type: 'int', unit: 'steps', doc: 'Steps after a reduction during which bad steps are not counted.' },
      { name: 'min_lr', position: 7, default: '0', type: 'float | list[float]', unit: 'LR', doc: 'Lower bound on the LR (one per group if a list).' },
      { name: 'eps', position: 8, default: '1e-8', type: 'float', doc: 'A reduction smaller than eps is skipped.' },
    ],
    checks: ['factor < 1.0.', "mode in {'min', 'max'}.", "threshold_mode in {'rel', 'abs'}.", 'min_lr list has one value per group.'],
    pitfalls: ['Depends on the metric values: the preview needs a metric sequence (default: a plateauing loss).', 'step(metric) is normally called once per epoch, after validation.'],
    typicalStepping: 'per-metric',
    ctor: torch.ReduceLROnPlateau as unknown as TorchCtor,
  },
  {
    name: 'CyclicLR',
    framework: 'torch',
    qualifiedNames: qn('CyclicLR'),
    summary: 'Cycles the LR between `base_lr` and `max_lr` (and momentum inversely), changing it after every batch.',
    params: [
      OPT,
      { name: 'base_lr', position: 1, type: 'float | list[float]', unit: 'LR', doc: 'Lower LR boundary of each cycle; it replaces the optimizer’s lr.' },
      { name: 'max_lr', position: 2, type: 'float | list[float]', unit: 'LR', doc: 'Upper LR boundary; the amplitude is max_lr − base_lr (scaled down per cycle in triangular2/exp_range).' },
      { name: 'step_size_up', position: 3, default: '2000', type: 'int', unit: 'steps', doc: 'Steps (batches) from base_lr up to max_lr.' },
      { name: 'step_size_down', position: 4, default: 'None', type: 'int | None', unit: 'steps', doc: 'Steps back down to base_lr; None = same as step_size_up. A full cycle is up + down steps.' },
      { name: 'mode', position: 5, default: "'triangular'", type: "'triangular' | 'triangular2' | 'exp_range'", doc: "'triangular': constant amplitude; 'triangular2': halves the amplitude every cycle; 'exp_range': amplitude × gamma^step." },
      { name: 'gamma', position: 6, default: '1.0', type: 'float', doc: "Amplitude decay per step in 'exp_range' mode." },
      { name: 'scale_fn', position: 7, default: 'None', type: 'Callable | None', doc: 'Custom amplitude scaling function (overrides mode).' },
      { name: 'scale_mode', position: 8, default: "'cycle'", type: "'cycle' | 'iterations'", doc: 'Whether scale_fn receives the cycle number or the step index.' },
      { name: 'cycle_momentum', position: 9, default: 'True', type: 'bool', doc: 'Also cycle momentum (SGD) or beta1 (Adam) inversely to the LR between max_momentum and base_momentum.' },
      { name: 'base_momentum', position: 10, default: '0.8', type: 'float | list[float]', doc: 'Momentum at the LR peak.' },
      { name: 'max_momentum', position: 11, default: '0.9', type: 'float | list[float]', doc: 'Momentum at the start of each cycle (LR at base_lr).' },
      LAST_EPOCH(12, 'batches'),
    ],
    checks: ["mode must be 'triangular', 'triangular2' or 'exp_range' unless scale_fn is given.", 'Lists need one value per group.', 'cycle_momentum needs an optimizer with momentum or betas.'],
    pitfalls: ['Meant to be stepped per batch: step_size_up=2000 counts batches.', 'With Adam, cycle_momentum=True cycles beta1; with Adagrad it raises — pass cycle_momentum=False.'],
    typicalStepping: 'per-batch',
    ctor: torch.CyclicLR as unknown as TorchCtor,
  },
  {
    name: 'CosineAnnealingWarmRestarts',
    framework: 'torch',
    qualifiedNames: qn('CosineAnnealingWarmRestarts'),
    summary: 'Cosine-anneals from the base LR to `eta_min` over a cycle, then restarts at the base LR; each cycle is `T_mult` times longer than the last.',
    formula: 'lr = η_min + ½(base_lr − η_min)(1 + cos(π·T_cur / T_i))',
    params: [
      OPT,
      { name: 'T_0', position: 1, type: 'int', unit: 'steps', range: 'integer ≥ 1', doc: 'Length of the first cycle in steps: the first warm restart (LR jumps back to the base LR) happens at step T_0.' },
      { name: 'T_mult', position: 2, default: '1', type: 'int', range: 'integer ≥ 1', doc: 'Growth of the cycle length after each restart: T_i = T_0·T_mult^i. 1 keeps every cycle T_0 steps; 2 doubles them (restarts at T_0, 3·T_0, 7·T_0, …).' },
      { name: 'eta_min', position: 3, default: '0.0', type: 'float', unit: 'LR', doc: 'The LR at the bottom of every cycle (absolute LR), reached just before each restart.' },
      LAST_EPOCH(4),
    ],
    checks: ['T_0 must be a positive integer.', 'T_mult must be an integer ≥ 1 (2.0 is rejected).', 'eta_min must be a float or int.', 'step(epoch) needs epoch ≥ 0.'],
    pitfalls: ['T_mult must be an int: T_mult=2.0 raises ValueError.', 'step(epoch + i / iters) with fractional epochs is supported; with T_mult > 1, math.log can land just below an integer and miss a restart.'],
    typicalStepping: 'per-epoch',
    ctor: torch.CosineAnnealingWarmRestarts as unknown as TorchCtor,
  },
  {
    name: 'OneCycleLR',
    framework: 'torch',
    qualifiedNames: qn('OneCycleLR'),
    summary: 'One cycle: warms up from max_lr/div_factor to `max_lr`, then anneals far below the start (1cycle policy), per batch.',
    params: [
      OPT,
      { name: 'max_lr', position: 1, type: 'float | list[float]', unit: 'LR', doc: 'Peak LR, reached after pct_start of the steps; it replaces the optimizer’s lr (start = max_lr / div_factor).' },
      { name: 'total_steps', position: 2, default: 'None', type: 'int | None', unit: 'steps', doc: 'Length of the cycle in scheduler steps; or give epochs and steps_per_epoch. Stepping past it raises ValueError.' },
      { name: 'epochs', position: 3, default: 'None', type: 'int | None', unit: 'epochs', doc: 'With steps_per_epoch: total_steps = epochs × steps_per_epoch.' },
      { name: 'steps_per_epoch', position: 4, default: 'None', type: 'int | None', unit: 'steps', doc: 'Batches per epoch (usually len(train_loader)).' },
      { name: 'pct_start', position: 5, default: '0.3', type: 'float', range: '0 ≤ pct_start ≤ 1 (a float)', doc: 'Fraction of the cycle spent warming up to max_lr: 0.3 peaks at 30% of total_steps.' },
      { name: 'anneal_strategy', position: 6, default: "'cos'", type: "'cos' | 'linear'", doc: "Shape of both ramps: 'cos' or 'linear'." },
      { name: 'cycle_momentum', position: 7, default: 'True', type: 'bool', doc: 'Cycle momentum (SGD) or beta1 (Adam) inversely: max_momentum at the start, base_momentum at the peak.' },
      { name: 'base_momentum', position: 8, default: '0.85', type: 'float | list[float]', doc: 'Momentum at the LR peak.' },
      { name: 'max_momentum', position: 9, default: '0.95', type: 'float | list[float]', doc: 'Momentum at the start and the end.' },
      { name: 'div_factor', position: 10, default: '25.0', type: 'float', doc: 'Start LR = max_lr / div_factor.' },
      { name: 'final_div_factor', position: 11, default: '1e4', type: 'float', doc: 'Final LR = start LR / final_div_factor (so max_lr / (div_factor · final_div_factor)).' },
      { name: 'three_phase', position: 12, default: 'False', type: 'bool', doc: 'True: up, back down to the start LR, then a final drop (the paper’s version); False: up then one long anneal (fastai).' },
      LAST_EPOCH(13, 'batches'),
    ],
    checks: ['total_steps, or epochs and steps_per_epoch, must be positive integers.', 'pct_start must be a float in [0, 1].', "anneal_strategy in {'cos', 'linear'}.", 'Stepping more than total_steps times raises ValueError.'],
    pitfalls: ['Calling step() more than total_steps times raises "Tried to step X times".', 'It overrides the optimizer’s lr: the LR starts at max_lr / div_factor.'],
    typicalStepping: 'per-batch',
    ctor: torch.OneCycleLR as unknown as TorchCtor,
  },
  {
    name: 'SWALR',
    framework: 'torch',
    qualifiedNames: qn('SWALR', 'torch.optim.swa_utils'),
    summary: 'Anneals each group’s LR to a constant `swa_lr` over `anneal_epochs`, for stochastic weight averaging.',
    params: [
      OPT,
      { name: 'swa_lr', position: 1, type: 'float | list[float]', unit: 'LR', doc: 'The constant LR used during SWA, reached after anneal_epochs.' },
      { name: 'anneal_epochs', position: 2, default: '10', type: 'int', unit: 'steps', range: 'integer ≥ 0', doc: 'Steps spent moving from the current LR to swa_lr; 0 switches at once.' },
      { name: 'anneal_strategy', position: 3, default: "'cos'", type: "'cos' | 'linear'", doc: "Shape of the move to swa_lr: 'cos' or 'linear'." },
      LAST_EPOCH(4),
    ],
    checks: ["anneal_strategy in {'cos', 'linear'}.", 'anneal_epochs must be an integer ≥ 0.'],
    pitfalls: ['Usually started late in training, after another scheduler has run.'],
    typicalStepping: 'per-epoch',
    ctor: torch.SWALR as unknown as TorchCtor,
  },
];

const byName = new Map<string, SchedulerEntry>();
for (const e of entries) {
  byName.set(e.name, e);
  for (const q of e.qualifiedNames) byName.set(q, e);
}

/** Looks an entry up by class name (`StepLR`) or qualified name (`torch.optim.lr_scheduler.StepLR`). */
export function findEntry(name: string): SchedulerEntry | undefined {
  return byName.get(name);
}

/** Adds entries of another framework (transformers) to the catalog. */
export function registerEntries(more: SchedulerEntry[]): void {
  for (const e of more) {
    entries.push(e);
    byName.set(e.name, e);
    for (const q of e.qualifiedNames) byName.set(q, e);
  }
}

export function findParam(entry: SchedulerEntry, name: string): ParamSpec | undefined {
  return entry.params.find((p) => p.name === name);
}
