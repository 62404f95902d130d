// Korean explanations of the Keras (keras.ts) and Optax (optax.ts) catalog entries, merged into
// catalog.ko.ts' table. Same register as the rest of the catalog: Korean sentences, code names and
// the ML terms Korean engineers keep (lr, step, warmup, decay, cosine, restart).
import type { KoEntry } from './catalog.ko';

const K_STEP = 'step은 optimizer의 iteration 수(optimizer.iterations)입니다: epoch이 아니라 batch(gradient update)마다 하나씩 올라갑니다.';
const K_ILR = 'step 0의 lr입니다(Python float; Keras는 float32로 계산합니다).';
const K_NAME = '연산 이름일 뿐, 스케줄은 바뀌지 않습니다.';
const O_STEP = 'step은 optimizer update 수입니다(optax가 update마다 셉니다): gradient accumulation(optax.MultiSteps)에서는 안쪽 optimizer를 감싸지 않으면 micro-batch마다 스케줄이 진행됩니다.';
const O_INIT = 'step 0의 값입니다(스케줄이 learning rate라면 절대 lr).';
const O_BEGIN = 'transition 전에 init_value를 유지하는 step 수입니다. 음수면 0으로 취급합니다.';
const O_BAS = 'step → scale dict입니다. 해당 step부터 값에 그 scale을 곱합니다(누적: {100: 0.1, 200: 0.1}이면 step 200부터 0.01 × init).';

export const KO_KERAS: Record<string, KoEntry> = {
  ExponentialDecay: {
    summary: '초기 lr에 `decay_steps` step마다 `decay_rate`를 한 번 곱하는 비율로 부드럽게(`staircase=True`면 계단식으로) 줄입니다.',
    params: {
      initial_learning_rate: K_ILR,
      decay_steps: 'lr에 decay_rate가 한 번 곱해지는 step 수입니다: decay_steps=100000, 0.96이면 10만 step마다 4%씩 줄어듭니다.',
      decay_rate: 'decay_steps마다 곱하는 배율입니다: 0.5면 decay_steps마다 절반이 되고, 1보다 크면 끝없이 커집니다.',
      staircase: 'True면 지수가 ⌊step / decay_steps⌋라서 decay_steps마다 계단처럼 떨어지고, False면 매끄러운 지수 곡선입니다.',
      name: K_NAME,
    },
    pitfalls: [K_STEP, 'decay_steps는 decay의 길이가 아닙니다: lr은 하한 없이 계속 줄어 결국 float32에서 0이 됩니다.'],
  },
  PiecewiseConstantDecay: {
    summary: '구간마다 일정한 lr: step `boundaries[0]`까지(포함) `values[0]`, `boundaries[1]`까지 `values[1]`, …, 그 뒤는 `values[-1]`입니다.',
    params: {
      boundaries: 'lr이 바뀌는 step입니다. boundary를 지난 다음 step부터 바뀝니다: step boundaries[0]은 아직 values[0], boundaries[0] + 1부터 values[1]입니다.',
      values: '각 구간의 lr입니다(배율이 아니라 절대 lr). boundaries보다 하나 많아야 합니다.',
      name: K_NAME,
    },
    pitfalls: [K_STEP, 'boundary step은 왼쪽 구간에 속합니다: boundaries=[100]이면 새 값은 step 100이 아니라 101부터입니다.'],
  },
  PolynomialDecay: {
    summary: '`initial_learning_rate`에서 `end_learning_rate`까지 `decay_steps` 동안 (1 − t/decay_steps)^power 모양으로 줄이고, 그 뒤 유지합니다(`cycle=True`면 다시 시작).',
    params: {
      initial_learning_rate: K_ILR,
      decay_steps: 'decay에 걸리는 step 수입니다. 그 뒤로는 end_learning_rate에 머뭅니다(cycle=True가 아니면).',
      end_learning_rate: 'decay_steps에 도달하고 그 뒤 유지되는 lr입니다(절대 lr, 기본값 1e-4 — 0이 아님).',
      power: 'decay 모양입니다: 1.0은 linear, 2.0은 처음에 빨리 떨어지고 평평해지며, 0.5는 오래 높게 유지됩니다.',
      cycle: 'True면 decay_steps를 지난 뒤 decay 길이가 step보다 큰 다음 decay_steps 배수로 늘어나서, 배수마다 lr이 튀어 오르고 점점 느리게 다시 줄어듭니다.',
      name: K_NAME,
    },
    pitfalls: [K_STEP, 'end_learning_rate 기본값은 0이 아니라 1e-4입니다: 초기 lr이 작으면 “decay”가 오히려 올라갈 수 있습니다.'],
  },
  InverseTimeDecay: {
    summary: '초기 lr을 1 + decay_rate × step / decay_steps로 나눕니다(1/t decay).',
    params: {
      initial_learning_rate: K_ILR,
      decay_steps: 'decay 한 단위의 step 수입니다: decay_steps step 뒤 lr은 initial / (1 + decay_rate)입니다.',
      decay_rate: 'lr이 떨어지는 속도입니다: k × decay_steps step 뒤 lr은 initial / (1 + k × decay_rate)입니다.',
      staircase: 'True면 ⌊step / decay_steps⌋를 써서 decay_steps마다만 lr이 바뀝니다.',
      name: K_NAME,
    },
    pitfalls: [K_STEP],
  },
  CosineDecay: {
    summary: '선택적으로 `initial_learning_rate`에서 `warmup_target`까지 linear warmup한 뒤, `decay_steps` 동안 반 주기 cosine으로 alpha × 최고 lr까지 내려가고 그 뒤 유지합니다.',
    params: {
      initial_learning_rate: 'step 0의 lr입니다: warmup_target이 있으면 warmup의 시작점, 없으면 cosine이 시작하는 최고 lr입니다.',
      decay_steps: 'warmup 뒤 cosine 구간의 길이(step)입니다. 그 뒤 lr은 alpha × 최고 lr에 머뭅니다.',
      alpha: '최고 lr(warmup_target, warmup이 없으면 initial_learning_rate)에 대한 decay 하한 비율입니다: 0.1이면 최고 lr의 1/10에서 끝납니다.',
      name: K_NAME,
      warmup_target: 'warmup 끝에 도달하는 최고 lr입니다. None(기본값)이면 warmup 없이 initial_learning_rate에서 cosine이 시작합니다.',
      warmup_steps: 'initial_learning_rate에서 warmup_target까지 linear warmup하는 길이입니다. warmup_target이 None이면 무시됩니다.',
    },
    pitfalls: [K_STEP, 'warmup_target 없이 warmup_steps만 주면 아무 효과가 없습니다.', 'decay_steps는 warmup 뒤부터 셉니다: 스케줄은 warmup_steps + decay_steps에서 끝납니다(Keras 3; Keras 2에는 warmup이 없었습니다).'],
  },
  CosineDecayRestarts: {
    summary: 'warm restart가 있는 cosine decay(SGDR)입니다: 주기 k는 first_decay_steps × t_mul^k step이고, m_mul^k × initial_learning_rate에서 시작합니다.',
    params: {
      initial_learning_rate: K_ILR,
      first_decay_steps: '첫 cosine 주기의 길이로, 첫 restart가 여기서 일어납니다.',
      t_mul: '주기마다 길이가 t_mul배가 됩니다: 2.0이면 10, 20, 40, … step이고, 1.0이면 같은 길이를 반복합니다.',
      m_mul: 'restart마다 최고 lr이 이전의 m_mul배가 됩니다: 0.5면 매번 절반, 1.0이면 초기 lr에서 다시 시작합니다.',
      alpha: '하한을 initial_learning_rate에 대한 비율로 줍니다(주기의 최고 lr 기준이 아님).',
      name: K_NAME,
    },
    pitfalls: [K_STEP, '기본값 t_mul=2.0은 주기를 매번 두 배로 늘립니다: first_decay_steps=10이면 restart가 10, 30, 70, 150 … step에 옵니다 — 같은 길이를 원하면 t_mul=1.0.'],
  },
};

const WCD = {
  init_value: 'step 0의 lr로, linear warmup이 여기서 시작합니다(보통 0.0).',
  peak_value: 'warmup 끝에 도달하는 lr로, cosine이 여기서 시작합니다.',
  warmup_steps: 'init_value에서 peak_value까지 linear warmup하는 길이입니다.',
  decay_steps: 'warmup을 포함한 전체 길이입니다: cosine은 decay_steps − warmup_steps step 동안이고 step decay_steps(warmup_steps + decay_steps가 아님)에서 end_value에 도달합니다.',
  end_value: 'cosine 끝과 그 뒤의 lr입니다.',
  exponent: 'cosine 배율을 이 지수로 거듭제곱합니다: 1보다 크면 더 일찍 떨어지고, 작으면 오래 높게 유지됩니다.',
};

export const KO_OPTAX: Record<string, KoEntry> = {
  'optax.constant_schedule': { summary: '모든 step에서 같은 값입니다.', params: { value: '모든 step에서 쓰는 lr입니다.' }, pitfalls: [O_STEP] },
  'optax.linear_schedule': {
    summary: '`transition_begin` 뒤 `transition_steps` 동안 `init_value`에서 `end_value`까지 linear로 바꾸고, 그 뒤 유지합니다.',
    params: { init_value: O_INIT, end_value: 'transition_steps 뒤에 도달하고 유지되는 값입니다.', transition_steps: 'linear 변화의 길이입니다. 0 이하면 스케줄이 상수 init_value가 됩니다.', transition_begin: O_BEGIN },
    pitfalls: [O_STEP],
  },
  'optax.polynomial_schedule': {
    summary: '`init_value`에서 `end_value`까지 (1 − t/transition_steps)^power 모양으로 바꾸고, 그 뒤 유지합니다.',
    params: { init_value: O_INIT, end_value: 'transition_steps 뒤에 도달하고 유지되는 값입니다.', power: '모양입니다: 1은 linear, 2는 빨리 떨어진 뒤 평평해지고, 0.5는 오래 높게 유지됩니다. int power는 반복 곱셈으로 계산됩니다.', transition_steps: 'decay 길이입니다. 0 이하면 스케줄이 상수 init_value가 됩니다.', transition_begin: O_BEGIN },
    pitfalls: [O_STEP],
  },
  'optax.exponential_decay': {
    summary: 'init_value × decay_rate^((t − transition_begin)/transition_steps)이고, 선택적으로 계단식이며 `end_value`에서 잘립니다.',
    params: { init_value: O_INIT, transition_steps: 'decay_rate를 한 번 곱하는 step 수입니다. 0 이하면 스케줄이 상수 init_value가 됩니다.', decay_rate: 'transition_steps마다 곱하는 배율입니다: 0.5면 절반씩, 0이면 (0이 아니라) 상수 스케줄이 되고, 1보다 크면 커집니다.', transition_begin: O_BEGIN, staircase: 'True면 지수가 정수라서 transition_steps마다 계단처럼 떨어집니다.', end_value: '값을 자르는 하한(decay_rate > 1이면 상한)입니다.' },
    pitfalls: [O_STEP, 'end_value가 없으면 decay가 멈추지 않습니다.'],
  },
  'optax.cosine_decay_schedule': {
    summary: '`decay_steps` 동안 반 주기 cosine으로 `init_value`에서 alpha × init_value까지 내려가고, 그 뒤 유지합니다.',
    params: { init_value: O_INIT, decay_steps: 'cosine의 길이입니다. 그 뒤 값은 alpha × init_value에 머뭅니다.', alpha: 'init_value에 대한 하한 비율입니다(절대 lr이 아님).', exponent: 'cosine 배율에 적용하는 지수입니다.' },
    pitfalls: [O_STEP, 'alpha는 init_value에 대한 비율입니다 — warmup_cosine_decay_schedule의 end_value(절대값)와 다릅니다.'],
  },
  'optax.warmup_cosine_decay_schedule': {
    summary: '`init_value`에서 `peak_value`까지 linear warmup한 뒤, step `decay_steps`(warmup 포함)에서 끝나는 cosine으로 `end_value`까지 내려갑니다.',
    params: WCD,
    pitfalls: [O_STEP, 'decay_steps는 warmup을 포함합니다: warmup_steps=1000, decay_steps=10000이면 11000이 아니라 step 10000에서 끝납니다.', 'init_value=0.0이면 첫 update가 lr 0을 씁니다.'],
  },
  'optax.warmup_exponential_decay_schedule': {
    summary: '`init_value`에서 `peak_value`까지 linear warmup한 뒤 peak_value를 exponential decay합니다(그 transition_begin은 warmup 끝부터 셉니다).',
    params: { init_value: 'step 0의 lr로, warmup이 여기서 시작합니다.', peak_value: 'warmup 끝의 lr로, decay가 여기서 시작합니다.', warmup_steps: 'linear warmup 길이입니다.', transition_steps: 'decay 구간에서 decay_rate를 한 번 곱하는 step 수입니다.', decay_rate: 'warmup 뒤 transition_steps마다 곱하는 배율입니다.', transition_begin: 'warmup 뒤 decay 전에 peak_value를 유지하는 step 수입니다.', staircase: 'True면 transition_steps마다 계단식으로 decay합니다.', end_value: 'decay를 자르는 하한입니다.' },
    pitfalls: [O_STEP],
  },
  'optax.warmup_constant_schedule': {
    summary: '`warmup_steps` 동안 `init_value`에서 `peak_value`까지 linear warmup한 뒤 상수입니다.',
    params: { init_value: 'step 0의 lr입니다.', peak_value: 'warmup 뒤 유지되는 lr입니다.', warmup_steps: 'linear warmup 길이입니다.' },
    pitfalls: [O_STEP],
  },
  'optax.piecewise_constant_schedule': {
    summary: 'boundary step에 도달할 때마다 init_value에 각 scale을 곱합니다(scale은 누적됩니다).',
    params: { init_value: O_INIT, boundaries_and_scales: O_BAS },
    pitfalls: [O_STEP, 'scale은 절대값이 아니라 곱해집니다: {100: 0.1, 200: 0.01}이면 0.001 × init_value로 끝납니다.'],
  },
  'optax.piecewise_interpolate_schedule': {
    summary: '각 boundary의 init_value × 누적 scale 사이를 linear 또는 cosine으로 보간합니다.',
    params: { interpolate_type: 'boundary 사이를 움직이는 방식입니다.', init_value: O_INIT, boundaries_and_scales: 'step → scale dict입니다. 각 boundary의 값은 init_value × 거기까지 scale의 곱이고, 이전 boundary에서 보간해서 도달합니다.' },
    pitfalls: [O_STEP],
  },
  'optax.linear_onecycle_schedule': {
    summary: 'linear one-cycle: peak/div_factor에서 peak_value까지 올라갔다가 pct_final까지 다시 내려오고, transition_steps에서 peak/(div_factor·final_div_factor)…까지 내려갑니다.',
    params: { transition_steps: '전체 cycle 길이입니다. 그 뒤 값은 유지됩니다.', peak_value: 'pct_start × transition_steps에서 도달하는 최고 lr입니다.', pct_start: 'cycle 중 올라가는 구간의 비율입니다.', pct_final: 'lr이 시작값으로 돌아오는 cycle 비율입니다.', div_factor: '시작값 = peak_value / div_factor.', final_div_factor: '마지막 값 = 시작값 / final_div_factor.' },
    pitfalls: [O_STEP],
  },
  'optax.cosine_onecycle_schedule': {
    summary: 'cosine one-cycle: peak/div_factor에서 pct_start에 peak_value까지 올라간 뒤, transition_steps에서 peak/(div_factor·final_div_factor)까지 내려갑니다.',
    params: { transition_steps: '전체 cycle 길이입니다. 그 뒤 값은 유지됩니다.', peak_value: 'pct_start × transition_steps에서 도달하는 최고 lr입니다.', pct_start: 'cycle 중 올라가는 구간의 비율입니다.', div_factor: '시작값 = peak_value / div_factor.', final_div_factor: '마지막 값 = 시작값 / final_div_factor.' },
    pitfalls: [O_STEP],
  },
  'optax.join_schedules': {
    summary: '스케줄을 차례로 이어 붙입니다: 각 스케줄은 자기 boundary에서 자기 step 0부터 시작합니다.',
    params: { schedules: '순서대로 쓰는 스케줄들입니다. k+1번째 스케줄은 step − boundaries[k]를 받습니다.', boundaries: '다음 스케줄로 넘어가는 step입니다(schedules보다 하나 적음).' },
    pitfalls: [O_STEP, '각 스케줄은 boundary에서 자기 count를 다시 시작합니다: 1000-step warmup 뒤의 cosine은 전역 step 1000에서 step 0을 봅니다.'],
  },
  'optax.sgdr_schedule': {
    summary: 'warm restart: cosine_kwargs의 dict마다 warmup_cosine_decay_schedule 하나를 만들어 이어 붙입니다.',
    params: { cosine_kwargs: '주기마다 warmup_cosine_decay_schedule 인자 dict 하나(init_value, peak_value, warmup_steps, decay_steps, …)입니다. 각 주기는 자기 decay_steps만큼 갑니다.' },
    pitfalls: [O_STEP],
  },
};
