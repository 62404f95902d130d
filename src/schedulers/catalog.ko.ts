// Korean versions of the catalog’s explanations (catalog.ts, transformers.ts HF_ENTRIES, diffusers.ts DIFFUSERS_ENTRIES,
// optimizers.ts), written for a Korean ML engineer in the register of the user's own notes
// ("T_0: 최저점을 찍는 첫 주기", "eta_min: 최저 lr"): Korean sentences, code identifiers and the
// English ML terms Korean engineers keep as they are (lr, base LR, step, epoch, batch, warmup,
// decay, cosine, restart, param group, scheduler). Keyed by entry name, then parameter name.
// localizedDoc / localizedSummary / localizedPitfalls fall back to the English catalog.
import { findEntry } from './catalog';
import { findOptimizer } from './optimizers';
import { KO_KERAS, KO_OPTAX } from './stepfn.ko';
import { KO_TIMM } from './timm.ko';

export interface KoEntry {
  summary: string;
  params: Record<string, string>;
  pitfalls: string[];
}

/** True for a Korean display language (`ko`, `ko-KR`). */
export function isKorean(lang: string | undefined): boolean {
  return !!lang && /^ko(\b|[-_])/i.test(lang);
}

// ---- shared parameters ---------------------------------------------------------------------------

const OPT = 'scheduler가 감싸는 optimizer입니다. 생성 시점의 각 param group `lr`이 그 group의 base LR(`initial_lr`)이 되고, 스케줄은 이 값을 기준으로 배율을 곱합니다.';
const LAST_EPOCH = '이미 진행한 마지막 step의 index로, 학습을 이어서 할 때 씁니다. −1이면 처음부터 시작합니다. 다른 값을 주려면 모든 param group에 `initial_lr`이 있어야 하고(불러온 optimizer state에서), 없으면 PyTorch가 KeyError를 냅니다.';
const LAMBDA = 'step index(0, 1, 2, …)를 받아 숫자를 돌려주는 함수, 또는 param group마다 하나씩 준 함수 list입니다.';

const HF_OPT = '스케줄을 적용할 optimizer입니다. 생성 시점의 각 param group `lr`이 스케줄이 곱해 나가는 base LR(= 최고 lr)이 됩니다.';
const HF_WARMUP = 'linear warmup 길이(optimizer update 횟수 기준)입니다. lr이 step 0의 0에서 이 step의 base LR까지 올라가고, 0이면 warmup이 없습니다. 0.1 같은 float는 여기서 비율이 아닙니다 — 1 step도 안 되는 warmup이라는 뜻이 됩니다.';
const HF_TRAINING = '스케줄이 덮는 전체 optimizer update 수입니다(len(dataloader) × epochs ÷ gradient_accumulation_steps). decay가 여기서 끝나므로 크게 잡으면 학습이 끝날 때 lr이 아직 높게 남습니다.';
const HF_LAST_EPOCH = '이미 진행한 마지막 step의 index로, 이어서 학습할 때 씁니다. −1이면 처음부터 시작합니다(다른 값은 모든 param group에 `initial_lr`, 즉 불러온 optimizer state가 필요합니다).';
const HF_NUM_CYCLES_COS = 'decay 구간에 들어가는 cosine 파동 수입니다. 0.5(기본값)는 base LR에서 0까지 내려가는 반 주기 cosine 하나, 1.0은 내려갔다가 다시 base LR까지 올라오고, 더 크면 여러 번 출렁입니다.';

// diffusers: the scripts run under accelerate, whose prepared scheduler steps once per process.
const DF_WARMUP = 'linear warmup 길이(scheduler.step() 호출 수 기준)입니다. lr이 step 0의 0에서 이 step의 base LR까지 올라가고, 0이면 warmup이 없습니다. 0.1 같은 float는 여기서 비율이 아닙니다 — 1 step도 안 되는 warmup이라는 뜻이 됩니다.';
const DF_TRAINING = 'decay가 걸치는 전체 scheduler.step() 호출 수로, decay가 여기서 끝납니다. diffusers 학습 script는 max_train_steps × accelerator.num_processes를 넘기는데, accelerate가 준비한 scheduler는 optimizer update 한 번에 process 수만큼 step하기 때문입니다.';
const DF_WARMUP_PITFALLS = [
  'warmup이 lr 0에서 시작합니다: step 0은 lr 0으로 학습하고(첫 update는 아무 일도 안 함) base LR에는 step num_warmup_steps에서야 도달합니다.',
  'accelerate 아래에서는(diffusers 학습 script 전부) 준비된 scheduler가 optimizer update 한 번에 accelerator.num_processes번 step합니다 — 그래서 script가 num_warmup_steps와 num_training_steps에 accelerator.num_processes를 곱합니다. accelerate 없이, 또는 split_batches=True로 부르면 곱하지 마세요: 스케줄이 num_processes배로 늘어납니다.',
];

const WARMUP_PITFALLS = [
  'warmup이 lr 0에서 시작합니다: step 0은 lr 0으로 학습하고(첫 update는 아무 일도 안 함) base LR에는 step num_warmup_steps에서야 도달합니다.',
  'num_training_steps는 batch 수가 아니라 optimizer update 수로 세야 합니다. gradient_accumulation_steps=k면 len(dataloader) × epochs를 k로 나누세요. 안 그러면 스케줄이 k배로 늘어나 lr이 끝까지 decay되지 않습니다.',
  'get_scheduler / Trainer: TrainingArguments(warmup_ratio=...)는 transformers v5에서 deprecated이고 float warmup_steps(< 1이면 비율)로 바뀌었습니다. num_warmup_steps에 0.1을 바로 넘기면 비율이 아닙니다.',
];

// ReduceLROnPlateau's parameters (also passed through by get_reduce_on_plateau_schedule)
const RLRP: Record<string, string> = {
  mode: "'min'은 loss처럼 낮을수록 좋은 metric, 'max'는 accuracy처럼 높을수록 좋은 metric에 씁니다.",
  factor: '줄일 때마다 곱하는 배율입니다: 새 lr = lr × factor.',
  patience: '개선 없이 버텨 주는 step 수입니다. 개선 없는 step이 patience + 1번 연속되면 lr을 줄입니다.',
  threshold: '개선으로 인정하는 최소 변화량입니다(상대/절대는 threshold_mode에 따름).',
  threshold_mode: "'rel': min mode에서 best × (1 − threshold)보다 낮아야 개선, 'abs': best − threshold보다 낮아야 개선.",
  cooldown: 'lr을 줄인 뒤 나쁜 step을 세지 않고 쉬는 step 수입니다.',
  min_lr: 'lr의 하한입니다(list면 group마다 하나).',
  eps: '줄어드는 폭이 eps보다 작으면 줄이지 않고 건너뜁니다.',
};

// ---- torch.optim.lr_scheduler --------------------------------------------------------------------

const KO: Record<string, KoEntry> = {
  LambdaLR: {
    summary: '각 group의 lr을 base LR × `lr_lambda(step)`으로 정합니다.',
    params: {
      optimizer: OPT,
      lr_lambda: `${LAMBDA} lr은 base LR × 그 값입니다. 배율은 누적이 아니라 절대값입니다(MultiplicativeLR과 비교).`,
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['lr_lambda(0)은 생성할 때 바로 적용됩니다: step 0에서 0을 돌려주는 warmup lambda면 첫 step을 lr 0으로 학습합니다.'],
  },
  MultiplicativeLR: {
    summary: '매 step마다 각 group의 현재 lr에 `lr_lambda(step)`을 곱합니다(누적).',
    params: {
      optimizer: OPT,
      lr_lambda: `${LAMBDA} 매 step 현재 lr에 그 값을 곱하므로, 0.95를 계속 돌려주면 0.95^t처럼 decay됩니다.`,
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['배율이 누적됩니다: 10 step 동안 0.9를 돌려주면 lr이 0.9^10 ≈ 0.35배만 남습니다.'],
  },
  StepLR: {
    summary: '`step_size` step마다 lr에 `gamma`를 곱합니다.',
    params: {
      optimizer: OPT,
      step_size: 'decay 주기(scheduler step 기준, `step()`을 epoch마다 부르면 epoch)입니다. lr은 step_size, 2·step_size, … 에서 떨어집니다.',
      gamma: '한 번 decay할 때 곱하는 배율입니다. 0.1이면 step_size마다 lr이 1/10, 0.5면 절반이 됩니다.',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['epoch이 아니라 batch마다 step을 부르면 step_size도 batch 수로 셉니다.'],
  },
  MultiStepLR: {
    summary: 'step 수가 milestone에 닿을 때마다 lr에 `gamma`를 곱합니다.',
    params: {
      optimizer: OPT,
      milestones: 'lr에 gamma를 곱할 step들입니다(예: [30, 80]). 같은 milestone을 두 번 쓰면 gamma가 두 번 곱해집니다.',
      gamma: 'milestone마다 곱하는 배율입니다. 0.1이면 lr이 1/10이 됩니다.',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['milestone은 scheduler step 수입니다: step()을 batch마다 부르면 epoch이 아니라 batch index가 됩니다.'],
  },
  ConstantLR: {
    summary: '처음 `total_iters` step 동안 lr에 상수 `factor`를 곱했다가, 그 뒤 base LR로 되돌립니다.',
    params: {
      optimizer: OPT,
      factor: 'total_iters 전까지 쓰는 base LR의 비율입니다. 0.5면 절반 lr로 학습하다가 원래 lr로 점프합니다.',
      total_iters: 'factor를 적용하는 step 수입니다. 이 step에서 lr이 base LR로 돌아갑니다.',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['base LR로 돌아갈 때 ramp 없이 한 번에 점프합니다(서서히 올리려면 LinearLR).'],
  },
  LinearLR: {
    summary: '`total_iters` step 동안 lr 배율을 `start_factor`에서 `end_factor`까지 선형으로 바꾼 뒤 그대로 유지합니다.',
    params: {
      optimizer: OPT,
      start_factor: 'step 0의 배율입니다. 0.1이면 base LR의 1/10에서 시작합니다. end_factor보다 작으면 warmup입니다.',
      end_factor: 'total_iters에서 도달해 이후 유지하는 배율입니다. 1.0이면 base LR로 끝나고, start_factor보다 작으면 linear decay입니다.',
      total_iters: '선형 변화에 걸리는 step 수입니다. 그 뒤로 lr은 base LR × end_factor로 고정됩니다.',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['기본값(1/3 → 1, 5 step)의 LinearLR은 decay가 아니라 warmup입니다.'],
  },
  ExponentialLR: {
    summary: '매 step lr에 `gamma`를 곱합니다.',
    params: {
      optimizer: OPT,
      gamma: 'step마다 곱하는 배율입니다. 0.95면 step마다 5%씩 줄어, 약 13.5 step(ln 2 / −ln gamma)마다 lr이 절반이 됩니다.',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['batch마다 step을 부르면 gamma=0.999여도 몇천 step 안에 lr이 거의 0이 됩니다.'],
  },
  PolynomialLR: {
    summary: '`total_iters` step에 걸쳐 lr을 다항식 모양으로 0까지 decay합니다.',
    params: {
      optimizer: OPT,
      total_iters: 'lr이 0에 닿는(그리고 계속 0인) step입니다.',
      power: 'decay 모양입니다. 1.0은 직선, 2.0은 초반에 빨리 떨어지고, 0.5는 오래 높게 버팁니다.',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['total_iters부터 lr이 정확히 0입니다: 학습은 돌아가도 더 배우지 않습니다.'],
  },
  CosineAnnealingLR: {
    summary: 'base LR에서 `eta_min`까지 `T_max` step 동안 cosine을 따라 내려가고 — 그 뒤에도 cosine을 계속 따라갑니다.',
    params: {
      optimizer: OPT,
      T_max: 'cosine의 반주기(step)입니다. step T_max에서 eta_min을 찍고, 2·T_max에서 다시 base LR로 올라갑니다. 전체 step 수로 잡으세요.',
      eta_min: '최저 lr입니다. step T_max에서 도달합니다(배율이 아니라 lr 절대값).',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['restart도 멈춤도 없습니다: T_max를 지나면 cosine이 base LR 쪽으로 다시 올라갑니다(주기 2·T_max).'],
  },
  ChainedScheduler: {
    summary: '여러 scheduler를 매 step 함께 step해서 배율이 서로 곱해집니다.',
    params: {
      schedulers: 'step()마다 차례로 step되는 scheduler들입니다. 각자 앞의 scheduler가 남긴 lr에 곱하므로 효과가 누적됩니다.',
      optimizer: '모두가 움직이는 optimizer입니다. 기본값은 첫 scheduler의 optimizer입니다.',
    },
    pitfalls: [
      '배율이 곱해집니다: warmup과 decay를 chain하면 warmup 중에도 decay가 걸립니다.',
      'closed-form scheduler(CosineAnnealingWarmRestarts, OneCycleLR, CyclicLR, LambdaLR)는 lr에 곱하지 않고 덮어씁니다.',
    ],
  },
  SequentialLR: {
    summary: 'milestone에서 scheduler를 바꿔 가며 하나씩 차례로 씁니다.',
    params: {
      optimizer: OPT,
      schedulers: '차례로 쓸 scheduler들입니다. 첫 번째는 milestones[0]까지, 다음은 milestones[1]까지, …',
      milestones: '다음 scheduler로 넘어가는 step들로, schedulers보다 하나 적습니다. 넘어간 scheduler는 거기서 자기 step 0부터 시작합니다.',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['milestone에서 다음 scheduler는 자기 step 0부터 다시 셉니다: 5 step warmup 뒤의 CosineAnnealingLR은 T_max = 전체 − 5가 되어야 합니다.'],
  },
  ReduceLROnPlateau: {
    summary: '`step(metric)`으로 넘긴 metric이 `patience` step 넘게 개선되지 않으면 lr에 `factor`를 곱합니다.',
    params: { optimizer: OPT, ...RLRP },
    pitfalls: [
      'metric 값에 따라 달라집니다: 미리보기에는 metric 시퀀스가 필요합니다(기본값: 개선되다 정체되는 loss).',
      'step(metric)은 보통 validation 뒤 epoch마다 한 번 부릅니다.',
    ],
  },
  CyclicLR: {
    summary: 'lr을 `base_lr`와 `max_lr` 사이에서 주기적으로 오르내리게 하고(momentum은 반대로), batch마다 바꿉니다.',
    params: {
      optimizer: OPT,
      base_lr: '각 주기의 lr 하한입니다. optimizer의 lr을 이 값으로 대체합니다.',
      max_lr: 'lr 상한입니다. 진폭은 max_lr − base_lr이고, triangular2/exp_range에서는 주기마다 줄어듭니다.',
      step_size_up: 'base_lr에서 max_lr까지 올라가는 step(batch) 수입니다.',
      step_size_down: 'base_lr까지 다시 내려오는 step 수입니다. None이면 step_size_up과 같습니다. 한 주기 = up + down step.',
      mode: "'triangular': 진폭 일정, 'triangular2': 주기마다 진폭 절반, 'exp_range': 진폭 × gamma^step.",
      gamma: "'exp_range' mode에서 step마다 진폭에 곱하는 배율입니다.",
      scale_fn: '진폭을 조절하는 사용자 함수입니다(mode보다 우선).',
      scale_mode: 'scale_fn에 주기 번호를 넘길지(cycle) step index를 넘길지(iterations)입니다.',
      cycle_momentum: 'momentum(SGD) 또는 beta1(Adam)도 lr과 반대로 max_momentum ↔ base_momentum 사이에서 움직입니다.',
      base_momentum: 'lr이 최고일 때의 momentum입니다.',
      max_momentum: '각 주기 시작(lr이 base_lr)일 때의 momentum입니다.',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: [
      'batch마다 step하도록 만든 scheduler입니다: step_size_up=2000은 batch 수입니다.',
      'Adam에서는 cycle_momentum=True가 beta1을 순환시키고, Adagrad에서는 에러가 납니다 — cycle_momentum=False를 주세요.',
    ],
  },
  CosineAnnealingWarmRestarts: {
    summary: '한 주기 동안 base LR에서 `eta_min`까지 cosine으로 내려갔다가 base LR로 restart하고, 주기는 매번 `T_mult`배씩 길어집니다.',
    params: {
      optimizer: OPT,
      T_0: '최저점을 찍는 첫 주기(step)입니다. step T_0에서 첫 warm restart(lr이 base LR로 점프)가 일어납니다.',
      T_mult: 'restart할 때마다 주기에 곱하는 값입니다: T_i = T_0·T_mult^i. 1이면 매 주기 T_0 step 그대로, 2면 두 배씩 늘어납니다(restart는 T_0, 3·T_0, 7·T_0, …).',
      eta_min: '최저 lr입니다. 매 주기 바닥(lr 절대값)으로, restart 직전에 도달합니다.',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: [
      'T_mult는 int여야 합니다: T_mult=2.0은 ValueError가 납니다.',
      'step(epoch + i / iters)처럼 소수 epoch도 되지만, T_mult > 1이면 math.log가 정수보다 살짝 작게 나와 restart를 놓칠 수 있습니다.',
    ],
  },
  OneCycleLR: {
    summary: '한 주기: max_lr/div_factor에서 `max_lr`까지 warmup한 뒤 시작값보다 훨씬 낮게 anneal합니다(1cycle policy). batch마다 step합니다.',
    params: {
      optimizer: OPT,
      max_lr: '최고 lr로, 전체 step의 pct_start 지점에서 도달합니다. optimizer의 lr을 대체합니다(시작 = max_lr / div_factor).',
      total_steps: 'scheduler step 기준 주기 길이입니다. 아니면 epochs와 steps_per_epoch를 주세요. 이 수를 넘겨 step하면 ValueError가 납니다.',
      epochs: 'steps_per_epoch와 함께: total_steps = epochs × steps_per_epoch.',
      steps_per_epoch: 'epoch당 batch 수입니다(보통 len(train_loader)).',
      pct_start: '주기 중 max_lr까지 warmup하는 비율입니다. 0.3이면 total_steps의 30% 지점에서 최고점을 찍습니다.',
      anneal_strategy: "올라가고 내려가는 모양입니다: 'cos' 또는 'linear'.",
      cycle_momentum: 'momentum(SGD) 또는 beta1(Adam)을 lr과 반대로 움직입니다: 시작은 max_momentum, 최고점에서 base_momentum.',
      base_momentum: 'lr이 최고일 때의 momentum입니다.',
      max_momentum: '시작과 끝의 momentum입니다.',
      div_factor: '시작 lr = max_lr / div_factor.',
      final_div_factor: '마지막 lr = 시작 lr / final_div_factor (즉 max_lr / (div_factor · final_div_factor)).',
      three_phase: 'True: 올라갔다가 시작 lr로 다시 내려온 뒤 마지막에 한 번 더 떨어집니다(논문 버전). False: 올라간 뒤 길게 한 번 anneal합니다(fastai).',
      last_epoch: LAST_EPOCH,
    },
    pitfalls: [
      'step()을 total_steps번보다 많이 부르면 "Tried to step X times" 에러가 납니다.',
      'optimizer의 lr을 덮어씁니다: lr은 max_lr / div_factor에서 시작합니다.',
    ],
  },
  SWALR: {
    summary: 'stochastic weight averaging용으로, 각 group의 lr을 `anneal_epochs` 동안 상수 `swa_lr`로 옮깁니다.',
    params: {
      optimizer: OPT,
      swa_lr: 'SWA 동안 쓰는 상수 lr로, anneal_epochs 뒤에 도달합니다.',
      anneal_epochs: '현재 lr에서 swa_lr로 옮겨 가는 step 수입니다. 0이면 바로 바뀝니다.',
      anneal_strategy: "swa_lr로 옮겨 가는 모양입니다: 'cos' 또는 'linear'.",
      last_epoch: LAST_EPOCH,
    },
    pitfalls: ['보통 다른 scheduler가 돈 다음, 학습 후반에 시작합니다.'],
  },

  // ---- transformers ------------------------------------------------------------------------------
  get_constant_schedule: {
    summary: 'optimizer의 learning rate를 그대로 유지합니다(배율이 항상 1인 LambdaLR).',
    params: { optimizer: HF_OPT, last_epoch: HF_LAST_EPOCH },
    pitfalls: ['warmup도 decay도 없습니다: Trainer에서 lr_scheduler_type="constant"는 warmup_steps를 무시합니다("constant_with_warmup"을 쓰세요).'],
  },
  get_constant_schedule_with_warmup: {
    summary: '`num_warmup_steps` 동안 0에서 optimizer의 lr까지 linear warmup한 뒤 일정하게 유지합니다.',
    params: { optimizer: HF_OPT, num_warmup_steps: HF_WARMUP, last_epoch: HF_LAST_EPOCH },
    pitfalls: [WARMUP_PITFALLS[0]],
  },
  get_linear_schedule_with_warmup: {
    summary: '0에서 optimizer의 lr까지 linear warmup한 뒤, `num_training_steps`에서 0이 되도록 linear decay합니다(이후 0).',
    params: { optimizer: HF_OPT, num_warmup_steps: HF_WARMUP, num_training_steps: HF_TRAINING, last_epoch: HF_LAST_EPOCH },
    pitfalls: [...WARMUP_PITFALLS, 'num_training_steps부터 lr이 정확히 0입니다: 그 뒤의 step은 학습하지 않습니다.'],
  },
  get_cosine_schedule_with_warmup: {
    summary: '0에서 linear warmup한 뒤, optimizer의 lr에서 `num_training_steps`의 0까지 cosine으로 내려갑니다(기본은 반 주기).',
    params: { optimizer: HF_OPT, num_warmup_steps: HF_WARMUP, num_training_steps: HF_TRAINING, num_cycles: HF_NUM_CYCLES_COS, last_epoch: HF_LAST_EPOCH },
    pitfalls: [...WARMUP_PITFALLS, 'num_training_steps를 지나도 cosine은 계속 갑니다(다시 올라감). 0에서 멈추지 않습니다.'],
  },
  get_cosine_with_hard_restarts_schedule_with_warmup: {
    summary: '0에서 linear warmup한 뒤, `num_cycles`번 cosine으로 0까지 decay하며 매번 optimizer의 lr로 restart합니다. `num_training_steps`부터는 0입니다.',
    params: {
      optimizer: HF_OPT, num_warmup_steps: HF_WARMUP, num_training_steps: HF_TRAINING,
      num_cycles: 'warmup과 num_training_steps 사이의 cosine decay 횟수로, 매번 base LR로 restart합니다. 기본값 1이면 restart가 아예 없는 평범한 cosine 스케줄입니다.',
      last_epoch: HF_LAST_EPOCH,
    },
    pitfalls: ['기본값 num_cycles=1("cosine_with_restarts"에 scheduler_specific_kwargs / lr_scheduler_kwargs={"num_cycles": n}을 안 준 경우)이면 restart가 없습니다: 0에서 끝나는 평범한 cosine입니다.', ...WARMUP_PITFALLS],
  },
  get_polynomial_decay_schedule_with_warmup: {
    summary: '0에서 linear warmup한 뒤, optimizer의 lr에서 `num_training_steps`의 `lr_end`까지 다항식으로 decay하고 이후 유지합니다.',
    params: {
      optimizer: HF_OPT, num_warmup_steps: HF_WARMUP, num_training_steps: HF_TRAINING,
      lr_end: 'num_training_steps에서 도달해 이후 유지하는 lr 절대값입니다. optimizer의 기본 lr보다 작아야 하고, 아니면 ValueError가 납니다.',
      power: 'decay 모양입니다. 1.0은 직선, 2.0은 빨리 떨어졌다가 완만해지고, 0.5는 오래 높게 버티다 늦게 떨어집니다.',
      last_epoch: HF_LAST_EPOCH,
    },
    pitfalls: ['각 param group의 lr이 아니라 optimizer.defaults["lr"](optimizer의 lr= 인자)을 읽습니다: lr을 따로 준 group은 lr_end × group_lr / default_lr까지 decay됩니다.', ...WARMUP_PITFALLS],
  },
  get_inverse_sqrt_schedule: {
    summary: '0에서 linear warmup한 뒤, 1/√((t + timescale − W)/timescale)로 decay하며 0에는 닿지 않습니다.',
    params: {
      optimizer: HF_OPT, num_warmup_steps: HF_WARMUP,
      timescale: 'decay 시간 척도(optimizer step)입니다. warmup이 끝날 때 base LR, 정확히 timescale step 뒤에 base LR / √2가 됩니다. None이면 num_warmup_steps(0이면 10 000)를 씁니다. 클수록 천천히 decay합니다.',
      last_epoch: HF_LAST_EPOCH,
    },
    pitfalls: ['num_training_steps가 없습니다: 학습하는 내내 lr이 조금씩 계속 떨어집니다.', WARMUP_PITFALLS[0]],
  },
  get_reduce_on_plateau_schedule: {
    summary: 'torch의 ReduceLROnPlateau입니다: metric이 개선되지 않으면 lr을 `factor`배로 줄입니다(keyword 인자는 그대로 전달).',
    params: {
      optimizer: HF_OPT,
      ...Object.fromEntries(Object.entries(RLRP).map(([k, v]) => [k, `torch ReduceLROnPlateau로 그대로 전달: ${v}`])),
    },
    pitfalls: [
      'Trainer는 evaluation마다 평가 metric(metric_for_best_model, 기본 "loss")으로 step하므로 eval_strategy가 "no"가 아니어야 합니다.',
      '이 type에서는 get_scheduler가 num_warmup_steps / num_training_steps를 무시합니다.',
    ],
  },
  get_cosine_with_min_lr_schedule_with_warmup: {
    summary: '0에서 linear warmup한 뒤, optimizer의 lr에서 `min_lr` 또는 `min_lr_rate`로 준 바닥까지 cosine으로 내려갑니다.',
    params: {
      optimizer: HF_OPT, num_warmup_steps: HF_WARMUP, num_training_steps: HF_TRAINING, num_cycles: HF_NUM_CYCLES_COS, last_epoch: HF_LAST_EPOCH,
      min_lr: 'cosine 끝에서 도달하는 최저 lr(절대값)입니다. optimizer.defaults["lr"] 대비 비율로 바뀝니다. min_lr_rate와 둘 중 하나만 주세요.',
      min_lr_rate: '각 group base LR 대비 바닥 비율입니다(0.1이면 최고점의 1/10에서 끝남). min_lr과 둘 중 하나만 주세요.',
    },
    pitfalls: ['min_lr은 각 group의 lr이 아니라 optimizer.defaults["lr"]로 나눕니다: lr을 따로 준 group은 min_lr × group_lr / default_lr에서 끝납니다.', ...WARMUP_PITFALLS],
  },
  get_cosine_with_min_lr_schedule_with_warmup_lr_rate: {
    summary: '0보다 큰 값(1/W 또는 `warmup_lr_rate`)에서 시작하는 warmup 뒤, `min_lr` 또는 `min_lr_rate`로 준 바닥까지 cosine으로 내려갑니다.',
    params: {
      optimizer: HF_OPT, num_warmup_steps: HF_WARMUP, num_training_steps: HF_TRAINING, num_cycles: HF_NUM_CYCLES_COS, last_epoch: HF_LAST_EPOCH,
      min_lr: 'cosine 끝의 최저 lr(절대값)로, optimizer.defaults["lr"] 대비 비율로 바뀝니다. min_lr_rate와 둘 중 하나만 주세요.',
      min_lr_rate: '각 group base LR 대비 바닥 비율입니다. min_lr과 둘 중 하나만 주세요.',
      warmup_lr_rate: 'step 0에서 warmup이 시작하는 base LR 비율입니다. None이면 1/num_warmup_steps에서 시작합니다(그래서 step 0부터 학습함).',
    },
    pitfalls: [
      '다른 warmup과 달리 0에서 시작하지 않습니다: step 0은 base LR의 1/num_warmup_steps(또는 warmup_lr_rate)를 씁니다.',
      'cosine이 cosine_with_min_lr보다 한 step 앞섭니다: warmup 다음 첫 step에서 progress를 1부터 셉니다.',
      'min_lr은 optimizer.defaults["lr"]로 나눕니다.',
    ],
  },
  get_wsd_schedule: {
    summary: 'Warmup–stable–decay: optimizer의 lr까지 warmup하고, 유지하다가, `num_decay_steps` 동안 `min_lr_ratio` × lr까지 decay합니다.',
    params: {
      optimizer: HF_OPT, num_warmup_steps: HF_WARMUP,
      num_decay_steps: '마지막 decay 구간 길이(optimizer update)입니다. 끝에서 lr이 min_lr_ratio × base LR이 됩니다.',
      num_training_steps: '전체 optimizer update 수입니다. stable 구간은 warmup과 decay를 빼고 남은 만큼(T − W − D)입니다. 이것과 num_stable_steps 중 하나를 주세요.',
      num_stable_steps: 'base LR로 유지하는 구간 길이입니다. num_training_steps와 둘 다 주면 이 값이 이깁니다(warning 발생).',
      warmup_type: "warmup 모양입니다: 'linear'는 고르게, 'cosine'은 시작과 끝이 완만하게, '1-sqrt'는 빨리 올랐다가 천천히.",
      decay_type: "decay 모양입니다: 'cosine'(기본)은 양 끝이 완만하고, 'linear'는 고르게, '1-sqrt'는 decay 초반에 빨리 떨어집니다.",
      min_lr_ratio: 'warmup 시작점이자 decay 끝점의 base LR 비율입니다. 0.1이면 warmup이 0이 아니라 최고점의 1/10에서 시작하고 거기서 끝납니다.',
      num_cycles: HF_NUM_CYCLES_COS,
      last_epoch: HF_LAST_EPOCH,
    },
    pitfalls: [
      'min_lr_ratio > 0이면 warmup이 0이 아니라 min_lr_ratio × base LR에서 시작합니다.',
      'warmup + stable + decay 뒤의 step은 min_lr_ratio × base LR(기본 0)에 머뭅니다.',
      WARMUP_PITFALLS[1],
    ],
  },
  get_scheduler: {
    summary: 'SchedulerType 문자열("linear", "cosine", …)로 스케줄을 만듭니다 — Trainer와 accelerate 스타일 루프가 부르는 함수입니다.',
    params: {
      name: '어떤 스케줄인지: "linear" = get_linear_schedule_with_warmup; "cosine" = get_cosine_schedule_with_warmup; "cosine_with_restarts" = get_cosine_with_hard_restarts_schedule_with_warmup; "polynomial" = get_polynomial_decay_schedule_with_warmup; "constant" = get_constant_schedule; "constant_with_warmup" = get_constant_schedule_with_warmup; "inverse_sqrt" = get_inverse_sqrt_schedule; "reduce_lr_on_plateau" = get_reduce_on_plateau_schedule; "cosine_with_min_lr" = get_cosine_with_min_lr_schedule_with_warmup; "cosine_warmup_with_min_lr" = get_cosine_with_min_lr_schedule_with_warmup_lr_rate; "warmup_stable_decay" = get_wsd_schedule. 소문자, 철자 그대로.',
      optimizer: HF_OPT,
      num_warmup_steps: 'warmup 길이(optimizer update)입니다(step 0에서 0, 이 step에서 base LR). "constant"와 "reduce_lr_on_plateau"는 무시하고, 나머지 type은 모두 필요합니다. 비율이 아닙니다: 0.1은 1 step도 안 됩니다.',
      num_training_steps: '전체 optimizer update 수입니다(batch 수를 gradient_accumulation_steps로 나눔). decay하는 type은 필요하고, constant, constant_with_warmup, inverse_sqrt, reduce_lr_on_plateau는 무시합니다.',
      scheduler_specific_kwargs: '고른 함수에 넘길 추가 keyword 인자입니다(num_cycles, lr_end, power, min_lr, num_decay_steps…). 받지 않는 인자면 TypeError지만, constant, constant_with_warmup, inverse_sqrt는 조용히 무시합니다.',
    },
    pitfalls: [
      ...WARMUP_PITFALLS,
      '"cosine_with_restarts"에 scheduler_specific_kwargs={"num_cycles": n}을 안 주면 num_cycles=1입니다: restart 없이 "cosine"과 같은 곡선입니다.',
      'get_scheduler는 스케줄이 받지 않는 인자를 조용히 버립니다: "constant"는 전부 무시하고, "constant_with_warmup"과 "inverse_sqrt"는 num_training_steps와 scheduler_specific_kwargs를 무시합니다.',
    ],
  },

  // ---- diffusers (diffusers.optimization) ------------------------------------------------------
  'diffusers.get_constant_schedule': {
    summary: 'optimizer의 learning rate를 그대로 유지합니다(배율이 항상 1인 LambdaLR).',
    params: { optimizer: HF_OPT, last_epoch: HF_LAST_EPOCH },
    pitfalls: ['warmup도 decay도 없습니다: diffusers 학습 script의 기본값인 get_scheduler("constant", ...)는 num_warmup_steps를 무시합니다("constant_with_warmup"을 쓰세요).'],
  },
  'diffusers.get_constant_schedule_with_warmup': {
    summary: '`num_warmup_steps` 동안 0에서 optimizer의 lr까지 linear warmup한 뒤 일정하게 유지합니다.',
    params: { optimizer: HF_OPT, num_warmup_steps: DF_WARMUP, last_epoch: HF_LAST_EPOCH },
    pitfalls: DF_WARMUP_PITFALLS,
  },
  'diffusers.get_piecewise_constant_schedule': {
    summary: '규칙 문자열로 정한 계단식 상수 lr입니다: `"1:10,0.1:20,0.005"`는 step 10 전까지 optimizer lr × 1, step 20 전까지 × 0.1, 그 뒤로 × 0.005입니다.',
    params: {
      optimizer: HF_OPT,
      step_rules: '쉼표로 구분한 "배율:step" 규칙들과 마지막 배율입니다. "1:10,0.1:20,0.005"면 step 10 전까지 base LR × 1, step 20 전까지 × 0.1, 그 뒤로는 × 0.005로 학습합니다. step은 길이가 아니라 절대 step index이고(알아서 정렬됨), 배율은 각 group lr에 곱합니다.',
      last_epoch: HF_LAST_EPOCH,
    },
    pitfalls: [
      'step은 길이가 아니라 절대값입니다: "1:10,0.1:20"에서 × 0.1은 step 10–19에만 적용됩니다. diffusers docstring의 "다음 20 step 동안 0.1"과 다릅니다.',
      'get_piecewise_constant_schedule은 diffusers.optimization에만 있고 diffusers 최상위 export가 아닙니다. get_scheduler("piecewise_constant", ...)로 부를 때 step_rules=를 안 주면 AttributeError(None에는 split이 없음)가 납니다.',
    ],
  },
  'diffusers.get_linear_schedule_with_warmup': {
    summary: '0에서 optimizer의 lr까지 linear warmup한 뒤, `num_training_steps`에서 0이 되도록 linear decay합니다(이후 0).',
    params: { optimizer: HF_OPT, num_warmup_steps: DF_WARMUP, num_training_steps: DF_TRAINING, last_epoch: HF_LAST_EPOCH },
    pitfalls: [...DF_WARMUP_PITFALLS, 'num_training_steps부터 lr이 정확히 0입니다: 그 뒤의 step은 학습하지 않습니다.'],
  },
  'diffusers.get_cosine_schedule_with_warmup': {
    summary: '0에서 linear warmup한 뒤, optimizer의 lr에서 `num_training_steps`의 0까지 cosine으로 내려갑니다(기본은 반 주기).',
    params: { optimizer: HF_OPT, num_warmup_steps: DF_WARMUP, num_training_steps: DF_TRAINING, num_cycles: HF_NUM_CYCLES_COS, last_epoch: HF_LAST_EPOCH },
    pitfalls: [
      ...DF_WARMUP_PITFALLS,
      'num_training_steps를 지나도 cosine은 계속 갑니다(다시 올라감). 0에서 멈추지 않습니다.',
      'get_scheduler("cosine", num_cycles=…)는 num_cycles를 넘기지 않습니다: "cosine"은 항상 반 주기입니다(--lr_num_cycles는 "cosine_with_restarts"에만 적용).',
    ],
  },
  'diffusers.get_cosine_with_hard_restarts_schedule_with_warmup': {
    summary: '0에서 linear warmup한 뒤, `num_cycles`번 cosine으로 0까지 decay하며 매번 optimizer의 lr로 restart합니다. `num_training_steps`부터는 0입니다.',
    params: {
      optimizer: HF_OPT, num_warmup_steps: DF_WARMUP, num_training_steps: DF_TRAINING,
      num_cycles: 'warmup과 num_training_steps 사이의 cosine decay 횟수로, 매번 base LR로 restart합니다. 기본값 1이면 restart가 아예 없는 평범한 cosine 스케줄입니다.',
      last_epoch: HF_LAST_EPOCH,
    },
    pitfalls: ['기본값 num_cycles=1(--lr_num_cycles를 1로 둔 get_scheduler("cosine_with_restarts"))이면 restart가 없습니다: 0에서 끝나는 평범한 cosine입니다.', ...DF_WARMUP_PITFALLS],
  },
  'diffusers.get_polynomial_decay_schedule_with_warmup': {
    summary: '0에서 linear warmup한 뒤, optimizer의 lr에서 `num_training_steps`의 `lr_end`까지 다항식으로 decay하고 이후 유지합니다.',
    params: {
      optimizer: HF_OPT, num_warmup_steps: DF_WARMUP, num_training_steps: DF_TRAINING,
      lr_end: 'num_training_steps에서 도달해 이후 유지하는 lr 절대값입니다. optimizer의 기본 lr보다 작아야 하고, 아니면 ValueError가 납니다. get_scheduler("polynomial")는 항상 1e-7을 씁니다.',
      power: 'decay 모양입니다. 1.0은 직선, 2.0은 빨리 떨어졌다가 완만해지고, 0.5는 오래 높게 버티다 늦게 떨어집니다.',
      last_epoch: HF_LAST_EPOCH,
    },
    pitfalls: ['각 param group의 lr이 아니라 optimizer.defaults["lr"](optimizer의 lr= 인자)을 읽습니다: lr을 따로 준 group은 lr_end × group_lr / default_lr까지 decay됩니다.', ...DF_WARMUP_PITFALLS],
  },
  'diffusers.get_scheduler': {
    summary: 'diffusers 자체의 get_scheduler입니다: `name`("constant", "linear", "cosine", …)으로 스케줄을 만듭니다 — diffusers 학습 script가 --lr_scheduler로 부르는 함수입니다.',
    params: {
      name: '어떤 스케줄인지: "linear" = get_linear_schedule_with_warmup; "cosine" = get_cosine_schedule_with_warmup; "cosine_with_restarts" = get_cosine_with_hard_restarts_schedule_with_warmup; "polynomial" = get_polynomial_decay_schedule_with_warmup; "constant" = get_constant_schedule; "constant_with_warmup" = get_constant_schedule_with_warmup; "piecewise_constant" = get_piecewise_constant_schedule. 소문자, 철자 그대로. "cosine_with_min_lr"이나 "inverse_sqrt" 같은 transformers 전용 이름은 여기서 ValueError입니다.',
      optimizer: HF_OPT,
      step_rules: '"piecewise_constant"에서만 씁니다: "1:10,0.1:20,0.005" = step 10 전까지 base LR × 1, step 20 전까지 × 0.1, 그 뒤로 × 0.005. 세 번째 위치 인자라는 점에 주의: get_scheduler("linear", optimizer, 10, 100)은 10을 step_rules에 넣습니다.',
      num_warmup_steps: 'warmup 길이입니다(step 0에서 lr 0, 이 step에서 base LR). "constant"와 "piecewise_constant"는 무시하고, 나머지 이름은 모두 필요합니다. 비율이 아닙니다: 0.1은 1 step도 안 됩니다.',
      num_training_steps: 'decay가 끝나는 지점입니다. "linear", "cosine", "cosine_with_restarts", "polynomial"에 필요하고 constant 계열은 무시합니다. 학습 script는 max_train_steps × accelerator.num_processes를 넘깁니다.',
      num_cycles: '"cosine_with_restarts"에서만 씁니다: cosine decay 횟수로, 매번 base LR로 restart합니다(1이면 restart 없음). "cosine"에는 전달되지 않아 항상 반 주기입니다.',
      power: '"polynomial"에서만 씁니다: lr_end = 1e-7까지 가는 decay 모양입니다(1.0 직선, 2.0 빨리 떨어졌다 완만, 0.5 오래 높게 버팀).',
      last_epoch: HF_LAST_EPOCH,
    },
    pitfalls: [
      ...DF_WARMUP_PITFALLS,
      'transformers의 get_scheduler가 아닙니다: scheduler_specific_kwargs가 없고(TypeError), "inverse_sqrt", "cosine_with_min_lr", "warmup_stable_decay"도 없습니다. num_cycles와 power는 이 함수의 인자입니다.',
      '"cosine"은 num_cycles를 무시하고(항상 반 주기) "polynomial"은 항상 lr_end = 1e-7에서 끝납니다. num_cycles는 "cosine_with_restarts"만, power는 "polynomial"만 읽습니다.',
      '"constant"는 num_warmup_steps를 무시합니다: script 기본값 --lr_scheduler="constant"에 --lr_warmup_steps=500을 줘도 warmup이 없습니다.',
    ],
  },
  // ---- timm (timm.scheduler): timm.ko.ts ---------------------------------------------------------
  ...KO_TIMM,
};

// ---- torch.optim optimizers (the optimizer hover) ----------------------------------------------

const OPT_LR = 'learning rate ε입니다. 매 update에 곱하는 step 크기이고, scheduler가 매 step 덮어씁니다';
const OPT_WD_L2 = 'gradient에 더하는 L2 penalty λ입니다(g ← g + λθ, update 전에). 클수록 weight를 0 쪽으로 당깁니다.';
const OPT_COMMON: Record<string, string> = {
  maximize: 'True면 목적 함수를 올라갑니다(−g 사용): loss를 줄이는 대신 reward를 키울 때 씁니다.',
  foreach: 'multi-tensor(foreach) 구현을 씁니다. GPU에서 빠르고 메모리를 더 씁니다. None이면 자동으로 고릅니다. 수식은 같습니다.',
  capturable: 'step counter를 device에 둬서 CUDA graph로 capture할 수 있게 합니다. 아니면 더 느립니다. 수식은 같습니다.',
  differentiable: 'optimizer step을 autograd로 미분할 수 있게 합니다(meta-learning). 더 느립니다. 수식은 같습니다.',
  fused: 'fused 단일 kernel 구현을 씁니다(CUDA 등 일부 device, floating-point param). 수식은 같습니다.',
};
const OPT_BETAS = '(ρ₁, ρ₂): g의 이동 평균(momentum)과 g⊙g의 이동 평균(파라미터별 scale)의 decay rate입니다. 1에 가까울수록 오래 기억합니다.';
const OPT_AMSGRAD = '분모에 지금까지 v̂의 최댓값을 씁니다(AMSGrad): 실제 step 크기는 줄어들기만 합니다.';
const OPT_EPS = '0으로 나누는 것을 막으려고 분모에 더하는 작은 δ입니다. gradient가 아주 작은 파라미터의 step 상한 역할도 합니다.';

export const KO_OPTIMIZERS: Record<string, KoEntry> = {
  SGD: {
    summary: 'Stochastic gradient descent로, (Nesterov) momentum을 선택해서 쓸 수 있습니다. mini-batch DataLoader에 쓰면 사실상 mini-batch gradient descent입니다.',
    params: {
      lr: `${OPT_LR}.`,
      momentum: 'momentum α(μ): 매 step 이전 velocity를 얼마나 남길지입니다. 0이면 momentum 없음, 보통 0.9이고, 정상 상태 step은 1/(1 − α)배로 커집니다.',
      dampening: 'dampening τ: velocity에 새 gradient를 더할 때 (1 − τ)를 곱합니다(첫 step 제외). nesterov면 0이어야 합니다.',
      weight_decay: OPT_WD_L2,
      nesterov: 'Nesterov momentum: v 대신 g + α·v 방향(한 발 앞서 보기)으로 step합니다. momentum > 0, dampening = 0이 필요합니다.',
      ...OPT_COMMON,
    },
    pitfalls: [
      'momentum α면 정상 상태 step이 lr·g / (1 − α)입니다: momentum=0.9는 lr의 약 10배, 0.99는 약 100배 — momentum을 올리면 lr을 낮추세요.',
      'nesterov=True는 momentum > 0, dampening = 0이 필요합니다("Nesterov momentum requires a momentum and zero dampening").',
      '여기서 weight_decay는 gradient에 더하는 L2 항입니다(momentum을 거쳐 갑니다).',
    ],
  },
  Adagrad: {
    summary: 'Adagrad: 각 파라미터의 step을 지금까지 gradient 제곱 합의 제곱근으로 나눕니다. 자주 업데이트된 방향일수록 느려집니다.',
    params: {
      lr: `${OPT_LR}.`,
      lr_decay: '내장 lr decay입니다: step t는 lr / (1 + (t − 1)·lr_decay)를 쓰고, scheduler와 별도로 겹쳐 걸립니다.',
      weight_decay: OPT_WD_L2,
      initial_accumulator_value: 'gradient 제곱 합 r의 시작값입니다. 양수면 맨 처음 step들이 약해집니다.',
      eps: OPT_EPS,
      ...OPT_COMMON,
    },
    pitfalls: ['r은 커지기만 하므로 실제 lr은 줄어들기만 합니다: 오래 학습하면 멈출 수 있습니다(RMSprop이 나온 이유).'],
  },
  RMSprop: {
    summary: 'RMSprop: Adagrad와 비슷하지만 gradient 제곱의 지수 이동 평균을 써서 오래된 gradient는 잊습니다.',
    params: {
      lr: `${OPT_LR}.`,
      alpha: 'gradient 제곱 평균의 smoothing 상수 ρ입니다. 0.99면 대략 최근 100 step을 기억합니다.',
      eps: OPT_EPS,
      weight_decay: OPT_WD_L2,
      momentum: '정규화된 step에 거는 momentum(velocity buffer)입니다. 0이면 안 씁니다.',
      centered: '원래 second moment 대신 gradient 분산 추정치(v − ḡ²)로 나눕니다. 더 안정적일 수 있지만 메모리를 더 씁니다.',
      ...OPT_COMMON,
    },
    pitfalls: [
      'PyTorch의 alpha는 seed 문서의 ρ(평균의 decay)이지 learning rate가 아닙니다.',
      '여기 momentum은 정규화된 step에 걸리므로 실제 lr을 최대 1/(1 − momentum)배 키웁니다.',
    ],
  },
  Adam: {
    summary: 'Adam: momentum(g의 이동 평균)과 RMSprop식 scaling(g⊙g의 이동 평균)을 합치고, 둘 다 bias correction합니다.',
    params: {
      lr: `${OPT_LR}.`,
      betas: OPT_BETAS,
      eps: OPT_EPS,
      weight_decay: 'gradient에 더하는 L2 penalty λ입니다(g ← g + λθ). 그래서 m과 v를 거쳐 √v̂로 나뉘므로 decoupled weight decay가 아닙니다 — 그걸 원하면 AdamW(또는 decoupled_weight_decay=True)를 쓰세요.',
      decoupled_weight_decay: 'True면 AdamW처럼 weight decay를 θ에 직접 적용합니다(θ ← θ − lr·λ·θ). 그러면 Adam이 곧 AdamW입니다.',
      amsgrad: OPT_AMSGRAD,
      ...OPT_COMMON,
    },
    pitfalls: [
      'Adam의 weight_decay는 decoupled weight decay가 아니라 L2 penalty입니다: gradient가 큰 파라미터는 거의 decay되지 않습니다. decoupled decay는 AdamW로.',
      'betas는 [0, 1) 안이어야 합니다("Invalid beta parameter at index 0: 1.0"). β₂가 1에 가까우면(0.999) 초반 step은 bias correction에 크게 의존합니다.',
    ],
  },
  AdamW: {
    summary: 'AdamW: decoupled weight decay를 쓰는 Adam입니다 — adaptive scaling 바깥에서 매 step weight가 lr·λ만큼 줄어듭니다.',
    params: {
      lr: `${OPT_LR}.`,
      betas: OPT_BETAS,
      eps: OPT_EPS,
      weight_decay: 'decoupled weight decay λ: 매 step Adam update 전에 θ에 (1 − lr·λ)를 곱하므로, scheduler가 정한 lr에 비례합니다.',
      amsgrad: OPT_AMSGRAD,
      ...OPT_COMMON,
    },
    pitfalls: [
      'weight_decay 기본값이 0.01입니다(Adam은 0): Adam → AdamW로 바꾸면서 안 정하면 decay가 추가됩니다.',
      'decay는 step마다 lr·λ입니다: scheduler가 lr을 낮추면 weight decay도 같이 약해집니다.',
      'betas는 [0, 1) 안이어야 합니다.',
    ],
  },
};

/** Headings of the optimizer hover (optimizers.ts), English → Korean. */
export const KO_OPTIMIZER_HEADINGS: [string, string][] = [
  ['**Update rule** (as the seed writes it;', '**Update 규칙** (seed 문서 표기;'],
  ['), with this call’s values:', '), 이 호출의 값으로:'],
  ['**What PyTorch computes** (`torch/optim`, per parameter, each `step()`):', '**PyTorch가 실제로 계산하는 것** (`torch/optim`, 파라미터마다, `step()`마다):'],
  ['| parameter | this call | default | meaning |', '| 파라미터 | 이 호출 | 기본값 | 의미 |'],
  ['**Pitfalls**', '**주의할 점**'],
  ['**Scheduled by**', '**이 optimizer를 움직이는 scheduler**'],
  ['starting LR unknown', '시작 lr 모름'],
  ['No scheduler in this file drives this optimizer: every step uses', '이 파일에는 이 optimizer를 움직이는 scheduler가 없습니다: 모든 step이 다음 lr을 씁니다:'],
  ['⚠️ PyTorch raises', '⚠️ PyTorch 에러:'],
];

// ---- lookup --------------------------------------------------------------------------------------

function koEntry(entryName: string): KoEntry | undefined {
  const e = findEntry(entryName);
  return KO[e?.name ?? entryName];
}

/** The entry's one-sentence summary in `lang` (English when there is no translation). */
export function localizedSummary(entryName: string, lang?: string): string | undefined {
  const en = findEntry(entryName)?.summary;
  if (!isKorean(lang)) return en;
  return koEntry(entryName)?.summary ?? en;
}

/** A parameter's explanation in `lang` (English when there is no translation). */
export function localizedDoc(entryName: string, paramName: string, lang?: string): string | undefined {
  const en = findEntry(entryName)?.params.find((p) => p.name === paramName)?.doc;
  if (!isKorean(lang)) return en;
  return koEntry(entryName)?.params[paramName] ?? en;
}

/** The entry's pitfalls in `lang` (English when there is no translation). */
export function localizedPitfalls(entryName: string, lang?: string): string[] {
  const en = findEntry(entryName)?.pitfalls ?? [];
  if (!isKorean(lang)) return en;
  const ko = koEntry(entryName)?.pitfalls;
  return ko && ko.length === en.length ? ko : en;
}

/** An optimizer's summary / parameter doc / pitfalls in `lang`, falling back to English. */
export function localizedOptimizer(name: string, lang?: string): KoEntry | undefined {
  const o = findOptimizer(name);
  if (!o) return undefined;
  const en: KoEntry = { summary: o.summary, params: Object.fromEntries(o.params.map((p) => [p.name, p.doc])), pitfalls: o.pitfalls };
  if (!isKorean(lang)) return en;
  const ko = KO_OPTIMIZERS[o.name];
  if (!ko) return en;
  return {
    summary: ko.summary,
    params: Object.fromEntries(o.params.map((p) => [p.name, ko.params[p.name] ?? p.doc])),
    pitfalls: ko.pitfalls.length === o.pitfalls.length ? ko.pitfalls : o.pitfalls,
  };
}

// Keras and Optax (keras.ts, optax.ts): kept in their own file.
Object.assign(KO, KO_KERAS, KO_OPTAX);

/** The Korean table, for tests (every entry and parameter covered). */
export const KO_CATALOG: Readonly<Record<string, KoEntry>> = KO;
