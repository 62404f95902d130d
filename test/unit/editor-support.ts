// Shared by the hover / codelens / diagnostic tests (not a test file itself): analyse a Python
// source with the real reader and build each call's CallPreview.
import { initPython } from '../../src/python/parser';
import { analyzeSource, type AnalysisResult } from '../../src/python/analyze';
import { previewCall, type CallPreview, type PreviewSettings, type Supplied } from '../../src/editor/callPreview';
import { loadTorchGolden } from './golden-support';

export const ready = initPython();

export interface Analysed {
  text: string;
  result: AnalysisResult;
  previews: CallPreview[];
  /** The preview of the call whose class name is `name` (the n-th one). */
  call(name: string, n?: number): CallPreview;
  /** Offset of the n-th occurrence of `needle` (+ delta). */
  at(needle: string, n?: number, delta?: number): number;
}

export async function analyse(text: string, settings?: PreviewSettings, supplied?: Supplied): Promise<Analysed> {
  await ready;
  const result = analyzeSource(text, { names: supplied?.names });
  const previews = result.schedulers.map((c) => previewCall(c, settings, supplied));
  return {
    text,
    result,
    previews,
    call(name, n = 0) {
      const p = previews.filter((x) => x.call.name === name)[n];
      if (!p) throw new Error(`no ${name} call #${n}`);
      return p;
    },
    at(needle, n = 0, delta = 0) {
      let i = -1;
      for (let k = 0; k <= n; k++) {
        i = text.indexOf(needle, i + 1);
        if (i < 0) throw new Error(`${needle} #${n} not in text`);
      }
      return i + delta;
    },
  };
}

export const HEADER = `import torch
from torch import nn
from torch.optim.lr_scheduler import *

model = nn.Linear(10, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
`;

/** The seed's call (test/vscode/workspace/cosine_restarts.py). */
export const SEED = `${HEADER}lr_sched = CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=0.01)

for epoch in range(70):
    optimizer.step()
    lr_sched.step()
`;

/** PyTorch's own error for a golden config id. */
export function goldenError(id: string): { type: string; message: string; at: 'construct' | number } {
  const c = loadTorchGolden().find((x) => x.id === id);
  if (!c || !c.error) throw new Error(`golden ${id} has no error`);
  return c.error;
}

/** CosineAnnealingWarmRestarts by its formula: restart steps and the LR at step i. */
export function cawr(T0: number, mult: number, base: number, eta: number) {
  const restarts: number[] = [];
  let at = 0;
  let len = T0;
  while (at + len < 100_000 && restarts.length < 20) {
    at += len;
    restarts.push(at);
    len *= mult;
  }
  const lr = (i: number) => {
    let start = 0;
    let L = T0;
    while (i >= start + L) {
      start += L;
      L *= mult;
    }
    return eta + ((base - eta) * (1 + Math.cos((Math.PI * (i - start)) / L))) / 2;
  };
  return { restarts, lr };
}

/** 4 significant digits, as the hover prints LRs. */
export const sig4 = (x: number) => String(Number(x.toPrecision(4)));

/** A training script of about `lines` lines: argparse, config, helpers, a model, the loop. */
export function trainingScript(lines: number): string {
  const head = [
    'import argparse', 'import math', 'import torch', 'from torch import nn',
    'from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts, LinearLR, SequentialLR, CosineAnnealingLR',
    '', 'parser = argparse.ArgumentParser()',
    "parser.add_argument('--lr', type=float, default=0.1)",
    "parser.add_argument('--epochs', type=int, default=70)",
    "parser.add_argument('--warmup', type=int, default=5)",
    'args = parser.parse_args()', 'CONFIG = {"t0": 10, "mult": 2, "eta_min": 0.01}', '',
  ];
  const body: string[] = [];
  let k = 0;
  while (head.length + body.length < lines - 25) {
    body.push(
      `def helper_${k}(x, scale=${k % 7 + 1}):`,
      `    """Helper ${k}: scales and clips."""`,
      `    y = x * scale + ${k}`,
      `    if y > ${100 + k}:`,
      `        y = ${100 + k}`,
      `    return math.sqrt(abs(y))`,
      '',
      `class Block${k}(nn.Module):`,
      `    def __init__(self, n=${k % 5 + 8}):`,
      '        super().__init__()',
      '        self.lin = nn.Linear(n, n)',
      '',
      '    def forward(self, x):',
      `        return self.lin(x) * helper_${k}(${k})`,
      '',
    );
    k++;
  }
  const tail = [
    'model = nn.Sequential(Block0(), Block1())',
    'optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)',
    'warm = LinearLR(optimizer, start_factor=0.1, total_iters=args.warmup)',
    'cos = CosineAnnealingLR(optimizer, T_max=args.epochs - args.warmup)',
    'seq = SequentialLR(optimizer, schedulers=[warm, cos], milestones=[args.warmup])',
    'lr_sched = CosineAnnealingWarmRestarts(optimizer, T_0=CONFIG["t0"], T_mult=CONFIG["mult"], eta_min=CONFIG["eta_min"])',
    '',
    'for epoch in range(args.epochs):',
    '    for batch in range(10):',
    '        optimizer.zero_grad()',
    '        loss = model(torch.randn(4, 8)).sum()',
    '        loss.backward()',
    '        optimizer.step()',
    '    lr_sched.step()',
    '    seq.step()',
  ];
  return [...head, ...body, ...tail].join('\n') + '\n';
}

