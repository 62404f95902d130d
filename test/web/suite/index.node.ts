// Entry of the same suite in desktop VS Code (@vscode/test-electron, Node extension host).
import Mocha from 'mocha';

export function run(): Promise<void> {
  const m = new Mocha({ ui: 'tdd', timeout: 60_000, color: true });
  m.suite.emit('pre-require', globalThis, 'extension.test', m);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./extension.test');
  return new Promise((resolve, reject) => {
    m.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
  });
}
