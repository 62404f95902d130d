// Shared by the python*.test.ts files (not a test file itself).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initPython } from '../../src/python/parser';

export const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'python');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
/** The bundles sit in dist-test/ with the WASM files copied next to them. */
export const ready = initPython();
