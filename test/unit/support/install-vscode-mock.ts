// Makes `require('vscode')` return the mock (esbuild keeps 'vscode' external). Import this first.
import Module from 'node:module';
import * as mock from './vscode-mock';

const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = M._load;
M._load = function (request: string, ...rest: unknown[]) {
  if (request === 'vscode') return mock;
  return load.call(this, request, ...rest);
};
