// Optimizer hovers: the catalog (parameters, newest-PyTorch defaults), the seed's update rules with
// this call's values substituted, where PyTorch differs, pitfalls, driving schedulers, and
// PyTorch's own validation messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPTIMIZERS, findOptimizer, optimizerHoverMarkdown } from '../../src/schedulers/optimizers';
import { SimOptimizer, optimizerDefaults } from '../../src/schedulers/optimizer';
import type { PyValue } from '../../src/schedulers/pyvalue';

const f = (v: number): PyValue => ({ t: 'float', v });
const i = (v: number): PyValue => ({ t: 'int', v });
const b = (v: boolean): PyValue => ({ t: 'bool', v });
const tup = (...xs: number[]): PyValue => ({ t: 'tuple', items: xs.map(f) });

test('catalog: the five seed optimizers, every parameter documented, defaults of newest PyTorch', () => {
  assert.deepEqual(OPTIMIZERS.map((o) => o.name), ['SGD', 'Adagrad', 'RMSprop', 'Adam', 'AdamW']);
  const want: Record<string, string[]> = {
    SGD: ['lr', 'momentum', 'dampening', 'weight_decay', 'nesterov', 'maximize', 'foreach', 'differentiable', 'fused'],
    Adagrad: ['lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps', 'foreach', 'maximize', 'differentiable', 'fused'],
    RMSprop: ['lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered', 'capturable', 'foreach', 'maximize', 'differentiable'],
    Adam: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad', 'foreach', 'maximize', 'capturable', 'differentiable', 'fused', 'decoupled_weight_decay'],
    AdamW: ['lr', 'betas', 'eps', 'weight_decay', 'amsgrad', 'maximize', 'foreach', 'capturable', 'differentiable', 'fused'],
  };
  for (const o of OPTIMIZERS) {
    assert.deepEqual(o.params.map((p) => p.name), want[o.name], o.name);
    for (const p of o.params) assert.ok(p.doc.length > 30 && p.doc.endsWith('.'), `${o.name}.${p.name}: one-sentence doc`);
  }
  // PyTorch's signatures (torch/optim/*.py): lr defaults and the ones people trip on
  const def = (o: string, p: string) => findOptimizer(o)!.params.find((x) => x.name === p)!.default;
  assert.equal(def('SGD', 'lr'), '1e-3');
  assert.equal(def('Adagrad', 'lr'), '1e-2');
  assert.equal(def('Adagrad', 'eps'), '1e-10');
  assert.equal(def('RMSprop', 'lr'), '1e-2');
  assert.equal(def('RMSprop', 'alpha'), '0.99');
  assert.equal(def('Adam', 'weight_decay'), '0');
  assert.equal(def('AdamW', 'weight_decay'), '1e-2');
  assert.equal(def('Adam', 'betas'), '(0.9, 0.999)');
  // consistent with the engine's optimizer defaults where both list a parameter
  for (const o of OPTIMIZERS) {
    for (const [k, v] of optimizerDefaults(o.name)!) {
      const p = o.params.find((x) => x.name === k);
      assert.ok(p, `${o.name}.${k} in the hover catalog`);
      if (v.t === 'int' || v.t === 'float') assert.equal(Number(p.default), v.v, `${o.name}.${k}`);
    }
  }
  assert.equal(findOptimizer('torch.optim.AdamW')!.name, 'AdamW');
  assert.equal(findOptimizer('optim.SGD')!.name, 'SGD');
  assert.equal(findOptimizer('torch.optim.LBFGS'), undefined);
});

test('SGD hover: the seed’s v ← αv − εg with this call’s numbers, PyTorch’s v ← μv + g, and the 1/(1−α) pitfall', () => {
  const md = optimizerHoverMarkdown('torch.optim.SGD', { lr: f(0.1), momentum: f(0.99) }, [{ name: 'CosineAnnealingLR', line: 12, startLr: 0.1 }]);
  assert.match(md, /v ← 0\.99·v − 0\.1·g\nθ ← θ \+ v/);
  assert.match(md, /v ← 0\.99·v \+ g {3}\(first step: v ← g\)\nθ ← θ − 0\.1·v/);
  assert.match(md, /equal|agree only while the LR is constant/);
  assert.match(md, /≈ 100× the LR \(effective LR ≈ 10\.0\)/); // 0.1 / (1 − 0.99)
  assert.match(md, /\| `momentum` \| \*\*0\.99\*\* \| `0` \|/);
  assert.match(md, /\| `nesterov` \| — \| `False` \|/);
  assert.match(md, /`CosineAnnealingLR` \(line 12\) — starts at LR 0\.1/);
  // plain SGD: no velocity at all
  const plain = optimizerHoverMarkdown('SGD', { lr: f(0.01) }, []);
  assert.match(plain, /```text\nθ ← θ − 0\.01·g\n```/);
  assert.match(plain, /No scheduler in this file drives this optimizer: every step uses lr=0\.01/);
  // Nesterov, dampening, weight decay in PyTorch's rule
  const nes = optimizerHoverMarkdown('SGD', { lr: f(0.1), momentum: f(0.9), nesterov: b(true), weight_decay: f(5e-4) }, []);
  assert.match(nes, /g ← g \+ 0\.0005·θ\nv ← 0\.9·v \+ g {3}\(first step: v ← g\)\nθ ← θ − 0\.1·\(g \+ 0\.9·v\) {3}\(Nesterov\)/);
  assert.match(optimizerHoverMarkdown('SGD', { lr: f(0.1), momentum: f(0.9), dampening: f(0.5) }, []), /v ← 0\.9·v \+ 0\.5·g/);
});

test('RMSprop hover: r ← ρr + (1−ρ) g⊙g, δ inside the root in the seed, eps outside in PyTorch', () => {
  const md = optimizerHoverMarkdown('torch.optim.RMSprop', { lr: f(0.001), alpha: f(0.9) }, []);
  assert.match(md, /r ← 0\.9·r \+ 0\.1·g⊙g\nΔθ ← −0\.001 \/ √\(1e-08 \+ r\) ⊙ g/);
  assert.match(md, /θ ← θ − 0\.001·g \/ \(√v \+ 1e-08\)/);
  assert.match(md, /adds eps outside the square root/);
  const c = optimizerHoverMarkdown('RMSprop', { momentum: f(0.5), centered: b(true) }, []);
  assert.match(c, /v ← v − ḡ² {3}\(centered\)/);
  assert.match(c, /b ← 0\.5·b \+ g \/ \(√v \+ 1e-08\)\nθ ← θ − 0\.01·b/); // default lr 1e-2
});

test('Adagrad hover: r ← r + g⊙g, lr_decay and initial accumulator in PyTorch’s rule', () => {
  const md = optimizerHoverMarkdown('Adagrad', { lr: f(0.05), lr_decay: f(0.01), initial_accumulator_value: f(0.1) }, []);
  assert.match(md, /r ← r \+ g⊙g\nΔθ ← −0\.05 \/ \(1e-10 \+ √r\) ⊙ g/);
  assert.match(md, /clr ← 0\.05 \/ \(1 \+ \(t − 1\)·0\.01\)\nr ← r \+ g⊙g {3}\(r₀ = 0\.1\)\nθ ← θ − clr·g \/ \(√r \+ 1e-10\)/);
});

test('Adam vs AdamW hovers: bias-corrected m̂, v̂; L2 penalty vs decoupled weight decay', () => {
  const adam = optimizerHoverMarkdown('torch.optim.Adam', { lr: f(3e-4), betas: tup(0.9, 0.98), weight_decay: f(0.01) }, []);
  assert.match(adam, /g ← g \+ 0\.01·θ {3}\(L2 penalty\)\nm ← 0\.9·m \+ 0\.1·g\nm̂ ← m \/ \(1 − 0\.9ᵗ\)\nv ← 0\.98·v \+ 0\.02·g⊙g\nv̂ ← v \/ \(1 − 0\.98ᵗ\)\nΔθ ← −0\.0003·m̂ \/ \(1e-08 \+ √v̂\)/);
  assert.match(adam, /weight_decay=0\.01 is an L2 penalty in Adam[^\n]*use torch\.optim\.AdamW/);
  const adamw = optimizerHoverMarkdown('torch.optim.AdamW', { lr: f(3e-4) }, [{ name: 'get_cosine_schedule_with_warmup', line: 20, startLr: 0 }]);
  assert.match(adamw, /θ ← θ − 0\.0003·0\.01·θ {3}\(decoupled weight decay\)/); // default weight_decay 1e-2
  assert.match(adamw, /θ ← θ·\(1 − 0\.0003·0\.01\)\nm ← 0\.9·m \+ 0\.1·g\nv ← 0\.999·v \+ 0\.001·g⊙g\nθ ← θ − 0\.0003 \/ \(1 − 0\.9ᵗ\) · m \/ \(√v \/ √\(1 − 0\.999ᵗ\) \+ 1e-08\)/);
  assert.match(adamw, /`get_cosine_schedule_with_warmup` \(line 20\) — starts at LR 0\.0 \(not lr=0\.0003\)/);
  assert.doesNotMatch(adamw, /is an L2 penalty in Adam \(/);
  assert.match(optimizerHoverMarkdown('Adam', { amsgrad: b(true) }, []), /v_max ← max\(v_max, v\) {3}\(amsgrad\)/);
  assert.match(optimizerHoverMarkdown('Adam', { decoupled_weight_decay: b(true), weight_decay: f(0.1) }, []), /θ ← θ·\(1 − 0\.001·0\.1\)/);
});

test('unresolved values stay symbolic; opaque sources are shown as written', () => {
  const md = optimizerHoverMarkdown('SGD', { lr: { t: 'opaque', source: 'args.lr' }, momentum: f(0.9) }, [{ name: 'StepLR', line: 3, startLr: null }]);
  assert.match(md, /v ← 0\.9·v − ε·g/);
  assert.match(md, /\| `lr` \| `args\.lr` \|/);
  assert.match(md, /starting LR unknown/);
});

test('PyTorch’s own validation errors, in its words (constructor and hover)', () => {
  const err = (name: string, d: Record<string, PyValue>) => {
    try {
      new SimOptimizer(name, 1, [], d);
    } catch (e) {
      return (e as Error).message;
    }
    return null;
  };
  assert.equal(err('SGD', { lr: f(-0.1) }), 'Invalid learning rate: -0.1');
  assert.equal(err('SGD', { lr: f(0.1), momentum: f(-0.5) }), 'Invalid momentum value: -0.5');
  assert.equal(err('SGD', { lr: f(0.1), weight_decay: f(-1e-4) }), 'Invalid weight_decay value: -0.0001');
  assert.equal(err('SGD', { lr: f(0.1), nesterov: b(true) }), 'Nesterov momentum requires a momentum and zero dampening');
  assert.equal(err('Adam', { betas: tup(1.0, 0.999) }), 'Invalid beta parameter at index 0: 1.0');
  assert.equal(err('AdamW', { betas: tup(0.9, 1.5) }), 'Invalid beta parameter at index 1: 1.5');
  assert.equal(err('Adam', { eps: f(-1e-8) }), 'Invalid epsilon value: -1e-08');
  assert.equal(err('RMSprop', { alpha: f(-0.9) }), 'Invalid alpha value: -0.9');
  assert.equal(err('Adagrad', { lr_decay: f(-1) }), 'Invalid lr_decay value: -1.0');
  assert.equal(err('Adagrad', { initial_accumulator_value: i(-1) }), 'Invalid initial_accumulator_value value: -1');
  assert.equal(err('AdamW', { lr: f(1e-3) }), null);
  assert.match(optimizerHoverMarkdown('torch.optim.SGD', { lr: f(-0.1) }, []), /PyTorch raises \*\*ValueError: Invalid learning rate: -0\.1\*\*/);
  assert.match(optimizerHoverMarkdown('Adam', { betas: tup(0.9, 1.0) }, []), /Invalid beta parameter at index 1: 1\.0/);
});

test('every hover names the pitfalls the issue lists', () => {
  const all = OPTIMIZERS.flatMap((o) => o.pitfalls).join('\n');
  assert.match(all, /momentum=0\.99 ≈ 100×/);
  assert.match(all, /Adam’s weight_decay is an L2 penalty[^\n]*AdamW/);
  assert.match(all, /betas must be in \[0, 1\)/);
});
