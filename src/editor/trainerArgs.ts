// `TrainingArguments(...)` (and the configs that subclass it: Seq2SeqTrainingArguments, trl's
// SFTConfig, ...) as the editor shows them. The reader reports such a call as the schedule the HF
// Trainer builds (`call.name` = the schedule function, `call.trainer` set), but its `given` / `args`
// / `argRanges` are the config's fields (`learning_rate`, `warmup_steps`, `max_steps`, ...), not the
// schedule function's parameters. This module maps between the two. Pure (no vscode).
import { findEntry, findParam, type SchedulerEntry } from '../schedulers/catalog';
import { SCHEDULER_TYPES } from '../schedulers/transformers';
import type { OptimizerRef, PyValue } from '../schedulers/pyvalue';
import type { ParamSpec } from '../schedulers/types';
import type { SchedulerCall } from '../python/analyze';

export type TrainerCall = SchedulerCall & { trainer: NonNullable<SchedulerCall['trainer']> };

export function isTrainerCall(call: Pick<SchedulerCall, 'trainer'> | undefined): call is TrainerCall {
  return !!call?.trainer;
}

/** What a config field feeds in the schedule: a parameter of the schedule function, or the optimizer. */
export interface TrainerField extends ParamSpec {
  /** The schedule function's parameter it becomes (`num_warmup_steps`), when it becomes one. */
  maps?: 'num_warmup_steps' | 'num_training_steps' | 'name' | 'scheduler_specific_kwargs' | 'optimizer';
}

const TYPE_CHOICES = SCHEDULER_TYPES.map((x) => `'${x[1]}'`).join(' | ');

/** The TrainingArguments fields the Trainer reads to build its LR scheduler (defaults: transformers v5). */
export const TRAINER_FIELDS: TrainerField[] = [
  {
    name: 'learning_rate', default: '5e-05', type: 'float', unit: 'LR', range: '> 0', maps: 'optimizer',
    doc: 'The peak learning rate: the AdamW optimizer the Trainer builds starts from it, and the schedule multiplies it (warmup climbs to it, the decay starts from it).',
  },
  {
    name: 'lr_scheduler_type', default: "'linear'", type: 'str', range: TYPE_CHOICES, maps: 'name',
    doc: 'Which schedule the Trainer builds: `get_scheduler(lr_scheduler_type, ...)` dispatches to the matching transformers schedule function (`"cosine"` → get_cosine_schedule_with_warmup, `"linear"` → get_linear_schedule_with_warmup, ...).',
  },
  {
    name: 'lr_scheduler_kwargs', default: 'None', type: 'dict | str', maps: 'scheduler_specific_kwargs',
    doc: 'Extra keyword arguments for the schedule function (`scheduler_specific_kwargs`), e.g. `{"num_cycles": 2}` or `{"min_lr_rate": 0.1}`; a JSON string is accepted.',
  },
  {
    name: 'warmup_steps', default: '0', type: 'int | float', unit: 'optimizer steps', range: '≥ 0; < 1 is a ratio', maps: 'num_warmup_steps',
    doc: 'Linear warmup length, passed to the schedule as num_warmup_steps: the LR climbs from 0 at step 0 to learning_rate at this step. A value ≥ 1 is a number of optimizer updates; a float below 1 is a ratio of the total steps (ceil(num_training_steps × warmup_steps)).',
  },
  {
    name: 'warmup_ratio', default: 'None', type: 'float | None', unit: '× total steps', range: '[0, 1]', maps: 'num_warmup_steps',
    doc: 'Deprecated (transformers v5): warmup as a fraction of the total steps; when set it replaces warmup_steps (num_warmup_steps = ceil(num_training_steps × warmup_ratio)). Pass the same float as warmup_steps instead.',
  },
  {
    name: 'max_steps', default: '-1', type: 'int', unit: 'optimizer steps', range: '> 0, or -1 (use num_train_epochs)', maps: 'num_training_steps',
    doc: 'Total optimizer updates; when > 0 it is the schedule’s num_training_steps (the decay ends there) and overrides num_train_epochs.',
  },
  {
    name: 'num_train_epochs', default: '3.0', type: 'float', unit: 'epochs', range: '> 0', maps: 'num_training_steps',
    doc: 'Epochs to train when max_steps is not set: num_training_steps = ceil(num_train_epochs × ceil(len(train_dataloader) / gradient_accumulation_steps)), which needs the number of batches per epoch.',
  },
  {
    name: 'gradient_accumulation_steps', default: '1', type: 'int', unit: 'batches', range: 'integer ≥ 1', maps: 'num_training_steps',
    doc: 'Batches per optimizer update: the scheduler steps once per update, so with num_train_epochs the schedule has ceil(batches per epoch / gradient_accumulation_steps) steps per epoch.',
  },
  { name: 'weight_decay', default: '0.0', type: 'float', range: '≥ 0', maps: 'optimizer', doc: 'AdamW’s weight decay; it does not change the LR schedule.' },
  { name: 'adam_beta1', default: '0.9', type: 'float', range: '[0, 1)', maps: 'optimizer', doc: 'AdamW’s beta1; it does not change the LR schedule.' },
  { name: 'adam_beta2', default: '0.999', type: 'float', range: '[0, 1)', maps: 'optimizer', doc: 'AdamW’s beta2; it does not change the LR schedule.' },
  { name: 'adam_epsilon', default: '1e-08', type: 'float', range: '> 0', maps: 'optimizer', doc: 'AdamW’s epsilon; it does not change the LR schedule.' },
  {
    name: 'eval_strategy', default: "'no'", type: 'str', range: "'no' | 'steps' | 'epoch'",
    doc: 'When the Trainer evaluates; lr_scheduler_type="reduce_lr_on_plateau" needs it (the plateau is detected on the evaluation metric), otherwise it does not change the LR schedule.',
  },
];

/** A field of the config, or undefined. */
export function trainerField(name: string): TrainerField | undefined {
  return TRAINER_FIELDS.find((f) => f.name === name);
}

/** The catalog parameter of the schedule function a field becomes (for its doc and unit), if any. */
export function scheduleParamOf(call: SchedulerCall, field: string): ParamSpec | undefined {
  const f = trainerField(field);
  if (!f?.maps || f.maps === 'optimizer' || f.maps === 'name' || f.maps === 'scheduler_specific_kwargs') return undefined;
  const entry = findEntry(call.name);
  return entry ? findParam(entry, f.maps) : undefined;
}

/**
 * A SchedulerEntry describing the config itself (its name, e.g. `TrainingArguments`), with the
 * fields as parameters: what the preview's parameter panel lists and edits for a trainer call.
 */
export function trainerEntry(call: TrainerCall): SchedulerEntry {
  const fn = findEntry(call.name);
  return {
    name: call.trainer.config,
    framework: 'transformers',
    qualifiedNames: [call.qualifiedName],
    summary: fn ? `${call.trainer.config} → ${call.name}: ${fn.summary}` : `${call.trainer.config}: the LR schedule the Trainer builds.`,
    formula: fn?.formula,
    params: TRAINER_FIELDS.map(({ maps: _maps, ...p }) => p),
    checks: fn?.checks ?? [],
    pitfalls: fn?.pitfalls ?? [],
    typicalStepping: 'per-batch',
  };
}

/** The entry the panel and the argument hovers use for a call: the config's for a trainer call. */
export function panelEntry(call: SchedulerCall): SchedulerEntry | undefined {
  return isTrainerCall(call) ? trainerEntry(call) : findEntry(call.name);
}

/**
 * The schedule function's arguments for a trainer call (what `get_scheduler` passes it):
 * num_warmup_steps, num_training_steps, the lr_scheduler_kwargs entries, and the optimizer.
 * Read from the engine input `toSchedulerRef` built; empty when there is none.
 */
export function scheduleArgsOf(ref: { args: Record<string, PyValue>; optimizer: unknown } | null | undefined): Record<string, PyValue> {
  const out: Record<string, PyValue> = {};
  if (!ref || ref.args.name?.t !== 'str') return out;
  for (const k of ['num_warmup_steps', 'num_training_steps']) if (ref.args[k] && ref.args[k].t !== 'none') out[k] = ref.args[k];
  const kw = ref.args.scheduler_specific_kwargs;
  if (kw && kw.t === 'dict') for (const [k, v] of kw.entries) if (k.t === 'str') out[k.v] = v;
  const opt = ref.optimizer as OptimizerRef | null | undefined;
  if (opt) out.optimizer = { t: 'optimizer', spec: opt };
  return out;
}
