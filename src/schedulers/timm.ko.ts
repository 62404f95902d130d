// Korean versions of timm.ts's TIMM_ENTRIES explanations (same register as catalog.ko.ts), merged
// into catalog.ko.ts's table. Keyed by entry name, then parameter name; pitfalls in the same order.
import type { KoEntry } from './catalog.ko';

const OPT = '스케줄을 적용할 optimizer입니다. 생성 시점의 각 param group `lr`(`initial_lr`로 보관)이 그 group의 base LR, 즉 스케줄의 최고 lr이 됩니다. `lr_scale` 키가 있는 group(timm의 layer-wise decay)은 lr × lr_scale을 받습니다.';
const T_INITIAL = '첫 cycle의 길이입니다: t_initial epoch 동안(t_in_epochs=False면 update 동안) base LR에서 lr_min까지 내려갑니다. cycle_limit=1(기본값)이면 그 뒤로 lr_min에 머뭅니다. warmup_prefix=True가 아니면 warmup도 이 안에 포함됩니다.';
const LR_MIN = '각 cycle 끝의 lr(배율이 아닌 절대 lr)이며, cycle_limit만큼 cycle이 끝나면 이 값에 머뭅니다.';
const CYCLE_MUL = 'cycle 길이의 증가율입니다: k번째 cycle은 t_initial × cycle_mul^k입니다. 1이면 모든 cycle이 t_initial, 2면 매번 두 배(restart가 t_initial, 3·t_initial, 7·t_initial…). cycle_limit > 1일 때만 의미가 있습니다.';
const CYCLE_DECAY = 'restart할 때마다 최고 lr이 낮아집니다: k번째 cycle은 base LR × cycle_decay^k에서 시작합니다(0.5면 restart마다 절반). cycle_limit > 1일 때만 의미가 있습니다.';
const CYCLE_LIMIT = 'lr_min에 머물기 전까지 도는 cycle 수입니다. 1(기본값)은 restart 없는 decay 한 번, 3이면 cycle 1, 2 끝에서 두 번 warm restart합니다.';
const WARMUP_T = 'warmup_lr_init에서 base LR까지 올라가는 linear warmup 길이입니다(epoch, t_in_epochs=False면 update). 0이면 warmup이 없습니다. 생성자가 lr을 warmup_lr_init으로 바꿔 두므로 epoch 0은 warmup_lr_init으로 학습합니다.';
const WARMUP_LR_INIT = 'warmup이 시작하는 lr(모든 param group에 같은 절대 lr)로, 생성 직후부터 첫 step까지 쓰입니다.';
const PREFIX_CYCLIC = 'False(여기서 기본값): warmup이 첫 cycle 안에 들어가서, warmup이 끝날 때 cosine/poly/tanh 곡선은 이미 일부 내려와 있습니다. True: 스케줄이 warmup 뒤에 시작해서(t를 warmup_t부터 셈) warmup이 앞에 덧붙고 전체가 warmup_t만큼 길어집니다.';
const PREFIX_STEP = 'True(여기서 기본값): decay_t를 warmup이 끝난 뒤부터 셉니다(decay가 warmup_t만큼 늦게 옴). False: warmup을 포함해 epoch 0부터 셉니다.';
const T_IN_EPOCHS = 'True: t가 epoch을 셉니다 — scheduler.step(epoch)이 lr을 바꾸고 step_update()는 아무것도 안 합니다(preview의 step = epoch). False: t가 optimizer update를 셉니다 — 매 batch 뒤 step_update(num_updates)가 바꾸고 step(epoch)은 아무것도 안 합니다(preview의 step = update, t_initial과 warmup_t도 update 단위).';
const NOISE_RANGE = 'timm이 lr을 흔드는 구간입니다: t 기준 [start, end), 숫자 하나면 그 t부터, None이면 noise 없음. 구간 안의 lr에 1 + n(|n| < noise_pct, noise_seed + t로 seed한 난수)을 곱합니다. preview는 noise 없이 곡선을 그립니다.';
const NOISE_PCT = 'noise의 한계입니다: |n| < noise_pct라서 0.67이면 lr이 최대 ±67% 움직입니다.';
const NOISE_STD = 'timm이 선언한 normal noise의 표준편차(1.0)지만 timm 1.0.29는 쓰지 않습니다 — 표준정규분포에서 뽑고 |n| < noise_pct가 될 때까지 다시 뽑습니다.';
const NOISE_SEED = 'noise의 seed입니다: t에서의 추첨은 noise_seed + t로 seed한 generator를 쓰므로 같은 run은 같은 noise를 받습니다.';
const K_DECAY = 'k-decay: 곡선이 t_curr/t_i 대신 (t_curr/t_i)^k를 따릅니다. k > 1이면 lr을 오래 높게 유지하다 늦게 떨어지고, k < 1이면 일찍 떨어집니다. 1.0은 보통 곡선입니다.';
const INITIALIZE = 'True: 각 group의 lr을 `initial_lr`로 저장하고(이미 있으면 그대로) base LR로 씁니다. False: 모든 group에 `initial_lr`이 있어야 합니다(resume용) — 없으면 KeyError.';

const NOISE_PITFALL = 'noise_range_t 구간에서는 timm이 ±noise_pct 범위의 난수처럼 보이는 흔들림(noise_seed + t로 seed)을 더합니다: preview는 그것 없이 곡선을 그립니다.';
const STEPPING_PITFALL = 'timm scheduler는 step을 스스로 세지 않습니다: step(epoch)에 epoch을(train.py는 매 epoch 뒤 step(epoch + 1)), step_update(num_updates)에 update 수를 넘기세요. epoch 없이 scheduler.step()을 부르면 TypeError입니다.';
const T_IN_EPOCHS_PITFALL = 't_in_epochs=True(기본값)는 step_update()를 무시합니다: batch마다만 step하면 lr이 처음 값에서 안 움직입니다. t_in_epochs=False면 t_initial과 warmup_t가 epoch이 아니라 update 단위입니다.';
const WARMUP_INIT_PITFALL = 'warmup_t > 0이면 생성자가 이미 lr을 warmup_lr_init(기본 0)으로 바꿔 둡니다: epoch 0은 warmup_lr_init으로 학습합니다.';
const CYCLIC_PITFALLS = (shape: string) => [
  `cycle_limit=1(기본값)이면 ${shape}이 t_initial 동안 한 번 돌고 그 뒤 lr_min에 머뭅니다 — 학습 끝에 lr_min에 닿으려면 t_initial이 학습할 epoch 수여야 합니다(warmup_prefix=True가 아니면 warmup 포함).`,
  WARMUP_INIT_PITFALL, STEPPING_PITFALL, T_IN_EPOCHS_PITFALL, NOISE_PITFALL,
];
const NOISE_PARAMS = { noise_range_t: NOISE_RANGE, noise_pct: NOISE_PCT, noise_std: NOISE_STD, noise_seed: NOISE_SEED };
const CYCLIC = {
  optimizer: OPT, t_initial: T_INITIAL, lr_min: LR_MIN, cycle_mul: CYCLE_MUL, cycle_decay: CYCLE_DECAY, cycle_limit: CYCLE_LIMIT,
  warmup_t: WARMUP_T, warmup_lr_init: WARMUP_LR_INIT, warmup_prefix: PREFIX_CYCLIC, t_in_epochs: T_IN_EPOCHS, ...NOISE_PARAMS, initialize: INITIALIZE,
};
const STEPWISE = { optimizer: OPT, warmup_t: WARMUP_T, warmup_lr_init: WARMUP_LR_INIT, warmup_prefix: PREFIX_STEP, t_in_epochs: T_IN_EPOCHS, ...NOISE_PARAMS, initialize: INITIALIZE };

export const KO_TIMM: Record<string, KoEntry> = {
  CosineLRScheduler: {
    summary: 'timm의 cosine 스케줄입니다: warmup_lr_init에서의 linear warmup(선택) 뒤 t_initial epoch 동안 base LR에서 lr_min까지 cosine으로 내려가고, 이를 cycle_limit번 반복합니다(cycle마다 cycle_mul배 길고 cycle_decay배 낮게 시작). 그 뒤는 lr_min입니다.',
    params: { ...CYCLIC, k_decay: K_DECAY },
    pitfalls: CYCLIC_PITFALLS('cosine'),
  },
  TanhLRScheduler: {
    summary: 'timm의 tanh 스케줄입니다: lr이 ½(1 − tanh)를 따라 base LR 근처에서 lr_min 근처까지 t_initial epoch 동안 내려갑니다(lb/ub가 양 끝의 평평함을 정함). warmup과 cycle은 CosineLRScheduler와 같습니다.',
    params: {
      ...CYCLIC,
      lb: 'cycle 시작의 tanh 인자입니다: −7이면 ≈ base LR에서 시작합니다(½(1 − tanh(−7)) ≈ 1). 0에 가까울수록 낮게 시작합니다.',
      ub: 'cycle 끝의 tanh 인자입니다: 3이면 lr_min보다 조금(≈ 0.25%) 위에서 끝나고, 클수록 lr_min에 더 가깝게 끝납니다.',
    },
    pitfalls: [...CYCLIC_PITFALLS('tanh 곡선'), 'warmup_prefix가 False면 warmup이 base LR이 아니라 tanh 곡선의 warmup_t 지점 값까지 올라갑니다.'],
  },
  StepLRScheduler: {
    summary: 'timm의 step decay입니다: linear warmup(선택) 뒤 decay_t epoch마다 lr에 decay_rate를 곱합니다.',
    params: {
      ...STEPWISE,
      decay_t: 'decay 주기입니다: t = decay_t, 2·decay_t, …에서 lr이 decay_rate배가 됩니다(2.5 같은 float도 됩니다: t // 2.5).',
      decay_rate: 'decay 한 번의 배율입니다: 0.1이면 lr이 1/10. 기본값 1.0은 decay하지 않습니다.',
    },
    pitfalls: ['decay_rate 기본값이 1.0이라 주지 않으면 lr이 전혀 바뀌지 않습니다.', WARMUP_INIT_PITFALL, STEPPING_PITFALL, T_IN_EPOCHS_PITFALL, NOISE_PITFALL],
  },
  MultiStepLRScheduler: {
    summary: 'timm의 multi-step decay입니다: warmup(선택) 뒤 decay_t의 milestone마다(timm의 계산으로는 그 한 epoch 전에) lr에 decay_rate를 곱합니다.',
    params: {
      ...STEPWISE,
      decay_t: 'milestone 목록입니다: t + 1이 각 milestone에 닿으면, 즉 milestone − 1 epoch부터 lr에 decay_rate를 곱합니다. 정렬되어 있어야 합니다.',
      decay_rate: 'milestone 한 번의 배율이며, 기본값 1.0은 decay하지 않습니다.',
    },
    pitfalls: [
      'timm은 한 epoch 일찍 decay합니다: bisect_right(decay_t, t + 1)이라 milestone 30을 t = 29에서 셉니다(PyTorch MultiStepLR은 30에서).',
      'decay_t는 정렬되어 있어야 합니다: 정렬 안 된 list에 bisect하면 개수가 틀립니다.',
      'decay_rate 기본값이 1.0이라 주지 않으면 lr이 전혀 바뀌지 않습니다.',
      WARMUP_INIT_PITFALL, STEPPING_PITFALL, NOISE_PITFALL,
    ],
  },
  PlateauLRScheduler: {
    summary: 'PyTorch ReduceLROnPlateau를 감싼 timm scheduler입니다: warmup(선택) 뒤 step(epoch, metric)에 준 metric이 patience_t epoch 넘게 좋아지지 않으면 lr에 decay_rate를 곱합니다.',
    params: {
      optimizer: OPT,
      decay_rate: 'lr을 줄일 때의 배율입니다(ReduceLROnPlateau의 factor).',
      patience_t: '개선 없이 참는 epoch 수입니다: 연속 patience_t + 1번 나쁘면 lr이 떨어집니다.',
      threshold: '개선으로 치는 최소 상대 변화량입니다(threshold_mode "rel").',
      cooldown_t: 'lr을 줄인 뒤 나쁜 epoch을 세지 않는 epoch 수입니다.',
      warmup_t: WARMUP_T,
      warmup_lr_init: WARMUP_LR_INIT,
      lr_min: 'lr의 하한입니다.',
      mode: "'max'(timm 기본값): metric이 클수록 좋음(accuracy). loss에는 'min'을 쓰세요.",
      noise_range_t: 'timm이 lr을 흔드는 epoch 구간입니다(다음 plateau step 전에 되돌림). preview는 noise를 빼고 그립니다.',
      noise_type: 'noise의 분포입니다.',
      noise_pct: 'noise의 한계(±noise_pct)입니다.',
      noise_std: '선언된 noise 표준편차입니다(timm 1.0.29는 쓰지 않음).',
      noise_seed: 'noise seed입니다(None이면 42).',
      initialize: INITIALIZE,
    },
    pitfalls: [
      "mode 기본값이 'max'(accuracy)입니다: metric으로 loss를 주면서 mode='min'을 안 주면 loss가 좋아지는데도 lr이 떨어집니다.",
      'step(epoch, metric)에 metric이 있어야 합니다: 없으면 lr이 절대 떨어지지 않습니다. step_update()는 아무것도 안 합니다.',
      'metric에 따라 달라집니다: preview는 metric 수열(기본값: 정체하는 loss)을 씁니다.',
      NOISE_PITFALL,
    ],
  },
  PolyLRScheduler: {
    summary: 'timm의 polynomial decay입니다: t_initial epoch 동안 base LR에서 lr_min까지 (1 − t/t_initial)^power로 내려가며, warmup, k-decay, cycle은 CosineLRScheduler와 같습니다.',
    params: { ...CYCLIC, k_decay: K_DECAY, power: 'decay 모양입니다: 1.0은 직선, 2.0은 초반에 빨리 떨어지고, 0.5(기본값)는 높게 유지하다 끝에서 가파르게 떨어집니다.' },
    pitfalls: CYCLIC_PITFALLS('polynomial decay'),
  },
  create_scheduler_v2: {
    summary: 'timm의 scheduler factory(train.py가 부르는 것)입니다: `sched`로 고른 scheduler를 epoch 수로 만들고 (scheduler, num_epochs)를 돌려줍니다.',
    params: {
      optimizer: OPT,
      sched: "어떤 scheduler인지: 'cosine' CosineLRScheduler, 'tanh' TanhLRScheduler, 'step' StepLRScheduler, 'multistep' MultiStepLRScheduler, 'plateau' PlateauLRScheduler, 'poly' PolyLRScheduler(power = decay_rate). 그 밖의 이름은 조용히 None을 돌려줘 스케줄이 아예 없습니다.",
      num_epochs: 'cosine / tanh / poly의 첫 cycle 길이(t_initial)로 epoch 단위입니다(step_on_epochs=False면 × updates_per_epoch). 두 번째 반환값은 실제로 학습할 전체 epoch: cycle들 + cooldown_epochs(warmup_prefix면 warmup 포함)입니다.',
      decay_epochs: "'step': decay_epochs epoch마다 lr에 decay_rate를 곱합니다.",
      decay_milestones: "'multistep': lr에 decay_rate를 곱하는 epoch들입니다(timm은 각각 한 epoch 일찍, milestone − 1에 적용).",
      cooldown_epochs: '마지막 cycle 뒤 lr_min으로 더 도는 epoch 수입니다: 반환되는 num_epochs만 늘립니다(lr은 이미 min_lr).',
      patience_epochs: "'plateau': lr을 줄이기 전까지 개선 없이 참는 epoch 수입니다.",
      decay_rate: "'step' / 'multistep' / 'plateau'의 decay 배율이고, 'poly'에서는 다항식의 power입니다.",
      min_lr: '스케줄의 lr_min입니다: cosine / tanh / poly cycle의 바닥, plateau의 하한.',
      warmup_lr: 'warmup_lr_init: warmup이 시작하는 lr입니다(warmup_epochs > 0이면 생성 직후의 lr).',
      warmup_epochs: 'linear warmup 길이(warmup_t)로 epoch 단위입니다(step_on_epochs=False면 × updates_per_epoch).',
      warmup_prefix: 'True: warmup을 스케줄 앞에 덧붙입니다(스케줄은 그 뒤 시작). False: 첫 cycle / decay 주기 안에 포함됩니다. plateau에는 넘기지 않습니다.',
      noise: 'lr noise 구간을 t_initial의 비율로 줍니다: [0.4, 0.8]이면 첫 cycle의 40%~80% 사이에서 lr을 흔듭니다. preview는 noise 없이 그립니다.',
      noise_pct: 'noise의 한계입니다: lr이 최대 ±noise_pct 움직입니다.',
      noise_std: 'noise_std로 넘깁니다(timm 1.0.29의 noise는 쓰지 않음).',
      noise_seed: 'noise seed입니다: t에서의 추첨은 noise_seed + t로 seed합니다.',
      cycle_mul: 'cosine / tanh / poly의 cycle_mul: 각 cycle이 앞 cycle보다 cycle_mul배 깁니다.',
      cycle_decay: 'cycle_decay: restart마다 최고 lr이 앞 cycle의 cycle_decay배가 됩니다. factory 기본값은 0.1입니다(class 기본값은 1.0). cycle_limit > 1일 때만 의미가 있습니다.',
      cycle_limit: 'min_lr에 머물기 전까지 도는 cycle 수이며, 1이면 restart가 없습니다.',
      k_decay: 'cosine / poly의 k-decay: > 1이면 lr을 오래 높게 유지하고, < 1이면 일찍 떨어집니다.',
      plateau_mode: "'plateau': accuracy 같은 metric에는 'max'(timm 기본값), loss에는 'min'.",
      step_on_epochs: 'True: t가 epoch을 셉니다(t_in_epochs=True, updates_per_epoch는 읽지 않음). False: 모든 epoch 길이에 updates_per_epoch를 곱하고 매 optimizer update마다(step_update) lr이 바뀝니다.',
      updates_per_epoch: 'epoch당 optimizer update 수(batch 수 ÷ grad_accum_steps)입니다. step_on_epochs=False면 필수(> 0), 아니면 무시됩니다.',
    },
    pitfalls: [
      '알 수 없는 sched(오타)는 None을 돌려줍니다: train.py의 `if lr_scheduler is not None`이 모든 step을 건너뛰어 lr이 전혀 안 바뀝니다.',
      'cycle_decay 기본값이 여기서는 0.1(class는 1.0), warmup_epochs는 0입니다. create_scheduler(args)는 또 다른 기본값(epochs 100, warmup_epochs 5)을 씁니다.',
      '반환되는 num_epochs(cycle들 + cooldown_epochs)가 train.py가 실제로 도는 epoch 수입니다 — 넘긴 num_epochs가 아닙니다.',
      NOISE_PITFALL,
    ],
  },
  create_scheduler: {
    summary: 'timm의 argparse용 입구입니다: create_scheduler_v2(optimizer, **scheduler_kwargs(args), updates_per_epoch=…) — 학습 script 인자에서 sched, epochs, warmup_epochs, …를 읽습니다.',
    params: {
      args: '학습 script가 parse한 인자입니다. scheduler_kwargs가 sched(필수), epochs, warmup_epochs, warmup_lr, min_lr, decay_epochs, decay_milestones, decay_rate, cooldown_epochs, patience_epochs, lr_cycle_mul/decay/limit, lr_k_decay, lr_noise*, seed, eval_metric, sched_on_updates를 읽습니다. 없는 속성은 scheduler_kwargs의 getattr 기본값(epochs 100, warmup_epochs 5, lr_cycle_decay 0.1 — create_scheduler_v2의 값이 아님)을 씁니다.',
      optimizer: OPT,
      updates_per_epoch: 'epoch당 optimizer update 수입니다. args.sched_on_updates=True일 때만 필요합니다.',
    },
    pitfalls: [
      'args에 없는 속성은 timm train.py의 add_argument 기본값이 아니라 scheduler_kwargs의 getattr 기본값(epochs 100, warmup_epochs 5, lr_cycle_decay 0.1, warmup_lr 1e-5)을 씁니다.',
      "plateau의 mode는 eval_metric에서 정해집니다: 'loss'가 들어 있을 때만 'min'.",
      '알 수 없는 sched는 None을 돌려줍니다: lr이 전혀 안 바뀝니다.',
      NOISE_PITFALL,
    ],
  },
};
