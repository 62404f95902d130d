// Shared by the python*.test.ts files (not a test file itself).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initPython } from '../../src/python/parser';
import type { AnalysisResult } from '../../src/python/analyze';

export const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'python');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
/** The bundles sit in dist-test/ with the WASM files copied next to them. */
export const ready = initPython();

/** Everything a result says, functions included (called at a few steps). */
export function serialize(r: AnalysisResult): string {
  return JSON.stringify(r, (_k, v) => {
    if (v && typeof v === 'object' && v.t === 'func' && typeof v.call === 'function') {
      const calls = [0, 1, 7, 100].map((x) => {
        try { return JSON.stringify(v.call([{ t: 'int', v: x }])); } catch (e) { return `raises ${(e as Error).message}`; }
      });
      return { ...v, calls };
    }
    return v;
  });
}
