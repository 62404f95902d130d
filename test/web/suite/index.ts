// Entry of the in-editor suite in the web-worker extension host (@vscode/test-web): mocha's
// browser build, results printed through the console (test/web/run.mjs shows them).
import 'mocha/mocha';

declare const mocha: {  // mocha's browser build (a global)
  setup(o: { ui: string; reporter?: unknown; timeout?: number; color?: boolean }): void;
  run(cb: (failures: number) => void): void;
};

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.setup({ ui: 'tdd', reporter: undefined, timeout: 60_000, color: false });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./extension.test');
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed.`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
