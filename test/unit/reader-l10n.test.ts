// The Python reader's diagnostics follow the display language too: with a Korean translator
// installed (built from l10n/bundle.l10n.ko.json, as vscode.l10n.t would be in a Korean session)
// the unresolved-argument and removed-`verbose=` messages are Korean, the evaluator's reason and
// the code kept in place; with none, the English messages byte for byte.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeSource } from '../../src/python/analyze';
import { setTranslator, englishT } from '../../src/schedulers/l10n';
import { ready } from './python-helpers';

const KO = JSON.parse(readFileSync(path.join(process.cwd(), 'l10n/bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
const koT = (m: string, ...a: (string | number | boolean)[]) => englishT(KO[m] ?? m, ...a);

afterEach(() => setTranslator(undefined));

const SNIPPET = `import torch
from torch.optim.lr_scheduler import StepLR
optimizer = torch.optim.SGD([torch.zeros(1)], lr=0.1)
s = StepLR(optimizer, step_size=steps_per_epoch, gamma=0.5, verbose=True)
`;

function messages(): Record<string, string> {
  const r = analyzeSource(SNIPPET);
  assert.equal(r.schedulers.length, 1);
  const out: Record<string, string> = {};
  for (const d of r.schedulers[0].diagnostics) if (d.code === 'unresolved' || d.code === 'verbose-removed') out[d.code] = d.message;
  return out;
}

test('reader diagnostics: English without a translator, Korean with the Korean bundle', async () => {
  await ready;
  assert.deepEqual(messages(), {
    'verbose-removed': '`verbose=` was removed from StepLR in PyTorch 2.7: newer PyTorch raises TypeError. Remove it (print scheduler.get_last_lr() instead).',
    unresolved: "step_size=steps_per_epoch is not known statically (name 'steps_per_epoch' is not defined in this file); supply a value to preview.",
  });
  setTranslator(koT);
  assert.deepEqual(messages(), {
    'verbose-removed': 'PyTorch 2.7 버전에서 StepLR 클래스의 `verbose=` 인자가 제거되었습니다: 최신 PyTorch에서는 TypeError가 납니다. 이 인자를 지우세요(대신 scheduler.get_last_lr() 값을 출력하세요).',
    unresolved: "정적으로 알 수 없음: step_size=steps_per_epoch (이 파일에 정의되지 않은 이름: 'steps_per_epoch'). 미리보려면 값을 입력하세요.",
  });
  setTranslator(undefined);
  assert.equal(messages().unresolved, "step_size=steps_per_epoch is not known statically (name 'steps_per_epoch' is not defined in this file); supply a value to preview.");
});
