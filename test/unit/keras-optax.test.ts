// Keras and Optax schedules in the reader and the editor: detected under their import paths, bound
// as the library binds them (Keras classes, Optax functions), no optimizer demanded, arguments
// resolved from constants and config dicts, simulated through simulate() on a one-group stand-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findEntry } from '../../src/schedulers/catalog';
import { simulate } from '../../src/schedulers/simulate';
import { KERAS_ENTRIES } from '../../src/schedulers/keras';
import { OPTAX_ENTRIES } from '../../src/schedulers/optax';
import { analyzeSource, toSchedulerRef, missingValues } from '../../src/python/analyze';
import { previewCall } from '../../src/editor/callPreview';
import { loadStepFnGolden } from './stepfn-golden-support';
import { ready } from './python-helpers';

const KERAS_SCRIPT = `
import tensorflow as tf
from tensorflow import keras

EPOCHS = 10
STEPS_PER_EPOCH = 100
INITIAL_LR = 0.1

def build_model():
    return keras.Sequential([keras.layers.Dense(10)])

model = build_model()
lr_schedule = keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=INITIAL_LR,
    decay_steps=EPOCHS * STEPS_PER_EPOCH,
    alpha=0.0,
)
optimizer = keras.optimizers.SGD(learning_rate=lr_schedule, momentum=0.9)
model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy")
decay = tf.keras.optimizers.schedules.ExponentialDecay(0.1, 10, 0.96, staircase=True)
bad = keras.optimizers.schedules.PiecewiseConstantDecay([10, 20], [1.0, 0.5])
`;

const OPTAX_SCRIPT = `
import jax
import optax
from flax.training import train_state

config = dict(learning_rate=1e-3, warmup_epochs=5, num_epochs=100, steps_per_epoch=50)

def create_learning_rate_fn(config):
    warmup_steps = config["warmup_epochs"] * config["steps_per_epoch"]
    schedule = optax.warmup_cosine_decay_schedule(
        init_value=0.0,
        peak_value=config["learning_rate"],
        warmup_steps=warmup_steps,
        decay_steps=config["num_epochs"] * config["steps_per_epoch"],
    )
    return schedule

def create_train_state(rng, config):
    tx = optax.adamw(learning_rate=create_learning_rate_fn(config))
    return tx

state = create_train_state(jax.random.PRNGKey(0), config)
warm = optax.linear_schedule(init_value=0.0, end_value=0.1, transition_steps=20)
joined = optax.join_schedules(
    schedules=[optax.linear_schedule(0.0, 0.1, 20), optax.cosine_decay_schedule(0.1, 50)],
    boundaries=[20],
)
from optax import schedules
other = schedules.exponential_decay(init_value=0.1, transition_steps=10, decay_rate=0.9)
`;

test('catalog: Keras classes and Optax functions under their import paths, no optimizer parameter', () => {
  assert.equal(KERAS_ENTRIES.length, 6);
  assert.equal(OPTAX_ENTRIES.length, 14);
  for (const e of [...KERAS_ENTRIES, ...OPTAX_ENTRIES]) {
    assert.equal(findEntry(e.name), e);
    assert.ok(e.stepFunction);
    assert.ok(!e.params.some((p) => p.name === 'optimizer'), e.name);
    for (const p of e.params) assert.ok(p.doc.length > 15, `${e.name}.${p.name} has a doc`);
  }
  assert.equal(findEntry('keras.optimizers.schedules.CosineDecay')?.framework, 'keras');
  assert.equal(findEntry('tensorflow.keras.optimizers.schedules.ExponentialDecay')?.name, 'ExponentialDecay');
  assert.equal(findEntry('keras.optimizers.schedules.learning_rate_schedule.PolynomialDecay')?.name, 'PolynomialDecay');
  assert.equal(findEntry('optax.schedules.warmup_cosine_decay_schedule')?.name, 'optax.warmup_cosine_decay_schedule');
  assert.equal(findEntry('optax.exponential_decay')?.framework, 'optax');
});

test('Keras script: CosineDecay found, arguments resolved, no optimizer asked for, simulated like Keras', async () => {
  await ready;
  const r = analyzeSource(KERAS_SCRIPT);
  const cos = r.schedulers.find((s) => s.name === 'CosineDecay')!;
  assert.ok(cos, 'found');
  assert.equal(cos.framework, 'keras');
  assert.equal(cos.qualifiedName, 'tensorflow.keras.optimizers.schedules.CosineDecay');
  assert.deepEqual(missingValues(cos), []);
  const a = cos.args as Record<string, { value?: { t: string; v?: unknown } }>;
  assert.deepEqual(a.initial_learning_rate.value, { t: 'float', v: 0.1 });
  assert.deepEqual(a.decay_steps.value, { t: 'int', v: 1000 });
  const s = simulate(toSchedulerRef(cos), { steps: 1200 });
  assert.equal(s.error, null);
  assert.equal(s.lrs[0][0], Math.fround(0.1));
  assert.equal(s.lrs[1000][0], 0);
  assert.equal(s.lrs[1199][0], 0, 'held at alpha × initial past decay_steps');
  // the same curve as Keras' own (golden k25 has the same shape at another LR): monotone half cosine
  for (let i = 1; i <= 1000; i++) assert.ok(s.lrs[i][0] <= s.lrs[i - 1][0]);
  assert.ok(Math.abs(s.lrs[500][0] - 0.05) < 1e-8);

  const exp = r.schedulers.find((x) => x.name === 'ExponentialDecay')!;
  assert.equal(exp.framework, 'keras');
  const se = simulate(toSchedulerRef(exp), { steps: 30 });
  assert.equal(se.lrs[9][0], Math.fround(0.1));
  assert.equal(se.lrs[10][0], Math.fround(Math.fround(0.1) * Math.fround(0.96)));
  assert.deepEqual(se.events.map((e) => e.step), [10, 20]);

  const bad = r.schedulers.find((x) => x.name === 'PiecewiseConstantDecay')!;
  const sb = simulate(toSchedulerRef(bad), { steps: 5 });
  assert.equal(sb.error?.type, 'ValueError');
  assert.equal(sb.error?.at, 'construct');
  assert.match(sb.error!.message, /The length of boundaries should be 1 less than the length of values/);
});

test('Keras: a call that does not fit the class is its TypeError, in the reader and the engine', async () => {
  await ready;
  const r = analyzeSource('import keras\ns = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10)\n');
  const c = r.schedulers[0];
  assert.deepEqual(c.bindError, { type: 'TypeError', message: "ExponentialDecay.__init__() missing 1 required positional argument: 'decay_rate'" });
  const k = loadStepFnGolden('keras.json').configs.find((x) => x.id === 'k32')!;
  assert.equal(k.error!.message, c.bindError!.message);
});

test('Optax/Flax script: warmup_cosine_decay_schedule from a config dict; children of join_schedules', async () => {
  await ready;
  const r = analyzeSource(OPTAX_SCRIPT);
  const w = r.schedulers.find((s) => s.name === 'optax.warmup_cosine_decay_schedule')!;
  assert.ok(w, 'found');
  assert.equal(w.framework, 'optax');
  assert.deepEqual(missingValues(w), [], JSON.stringify(missingValues(w)));
  const a = w.args as Record<string, { value?: { t: string; v?: unknown } }>;
  assert.deepEqual(a.peak_value.value, { t: 'float', v: 1e-3 });
  assert.deepEqual(a.warmup_steps.value, { t: 'int', v: 250 });
  assert.deepEqual(a.decay_steps.value, { t: 'int', v: 5000 });
  const s = simulate(toSchedulerRef(w), { steps: 5500 });
  assert.equal(s.error, null);
  assert.equal(s.lrs[0][0], 0);
  assert.equal(s.lrs[250][0], Math.fround(1e-3), 'peak at the end of the warmup');
  assert.equal(s.lrs[125][0], Math.fround(Math.fround(Math.fround(-1e-3) * 0.5) + Math.fround(1e-3)));
  assert.equal(s.lrs[5000][0], 0);
  assert.equal(s.lrs[5499][0], 0);
  assert.ok(s.events.some((e) => e.step === 250 && e.kind === 'switch'));
  assert.match(s.explain(1000).text, /cosine/);

  const j = r.schedulers.find((x) => x.name === 'optax.join_schedules')!;
  assert.equal(j.children.length, 2);
  assert.deepEqual(missingValues(j), []);
  const sj = simulate(toSchedulerRef(j), { steps: 100 });
  const g = loadStepFnGolden('optax.json').configs;
  assert.equal(sj.error, null);
  // golden o45 starts with the same warmup; its cosine part is on another boundary, so compare the warmup
  const o45 = g.find((c) => c.id === 'o45')!;
  for (let i = 0; i < 20; i++) assert.equal(sj.lrs[i][0], o45.lrs[i]);
  assert.equal(sj.lrs[20][0], Math.fround(0.1));
  assert.equal(sj.lrs[70][0], 0);

  const e = r.schedulers.find((x) => x.name === 'optax.exponential_decay')!;
  assert.equal(e.qualifiedName, 'optax.schedules.exponential_decay');
});

test('editor: an optimizer-less schedule previews with its own starting LR as base LR, no assumption', async () => {
  await ready;
  const r = analyzeSource(KERAS_SCRIPT + OPTAX_SCRIPT.replace(/^import jax$/m, ''));
  for (const c of r.schedulers) {
    const p = previewCall(c);
    assert.ok(!p.assumptions.some((x) => x.param === 'optimizer'), c.name);
    assert.equal(p.baseLrAssumed, false);
    if (c.name === 'CosineDecay') {
      assert.deepEqual(p.baseLrs, [0.1]);
      assert.equal(p.steps, 1201, 'natural length: past decay_steps');
      assert.equal(p.schedule?.lrs[0][0], Math.fround(0.1));
    }
    if (c.name === 'optax.warmup_cosine_decay_schedule') assert.deepEqual(p.baseLrs, [0.0]);
  }
});

test('sixth audit: a Keras schedule is stepped once per batch of model.fit(epochs=E, steps_per_epoch=S): E×S steps', async () => {
  await ready;
  // keras-io examples/vision/edsr.py: the schedule inline in the optimizer, the optimizer by name in compile
  const r = analyzeSource(`from tensorflow import keras
model = make_model(num_filters=64, num_of_residual_blocks=16)
optim_edsr = keras.optimizers.Adam(
    learning_rate=keras.optimizers.schedules.PiecewiseConstantDecay(
        boundaries=[5000], values=[1e-4, 5e-5]
    )
)
model.compile(optimizer=optim_edsr, loss="mae", metrics=[PSNR])
model.fit(train_ds, epochs=100, steps_per_epoch=200, validation_data=val_ds)
`);
  const p = r.schedulers[0];
  assert.equal(p.stepping.unit, 'per-batch');
  assert.equal(p.stepping.steps, 20000);
  // a schedule variable, the optimizer inline in compile, constants
  const r2 = analyzeSource(`import tensorflow as tf
EPOCHS = 10
STEPS = 50
lr = tf.keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=100, decay_rate=0.9)
other.compile(optimizer="adam")
other.fit(x, epochs=3, steps_per_epoch=7)
net.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=lr), loss="mse")
net.fit(x, y, epochs=EPOCHS, steps_per_epoch=STEPS)
`);
  assert.equal(r2.schedulers[0].stepping.steps, 500, 'the fit of the model compiled with this schedule');
  // fit without steps_per_epoch: per-batch, the count depends on the dataset's length
  const r3 = analyzeSource(`import keras
s = keras.optimizers.schedules.CosineDecay(1e-3, 1000)
opt = keras.optimizers.Adam(s)
model.compile(opt, loss="mse")
model.fit(train_ds, epochs=5)
`);
  assert.equal(r3.schedulers[0].stepping.unit, 'per-batch');
  assert.equal(r3.schedulers[0].stepping.steps, undefined);
});
