// Reader benchmarks (whole-file analysis, re-analysis after an edit). Filled in once the reader's API lands.
export function benchReader(_print: (rows: string[][]) => void): void {
  console.log('\n# Reader: not measured yet');
}
