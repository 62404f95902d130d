// The Python reader's public API. Call `await initPython(opts?)` once; everything else is synchronous.
export { initPython, isPythonReady, parsePython, diffEdit, type ParserInitOptions } from './parser';
export {
  analyzeSource, analyzeCells, toSchedulerRef, missingValues, toJSONValue, PythonDocument, MissingValuesError,
  type AnalysisResult, type AnalyzeOptions, type SchedulerCall, type ArgValue, type ArgRange, type Diagnostic,
  type OptimizerInfo, type Stepping, type Range, type Pos, type Missing, type SchedulerOverrides, type CatalogEntry,
} from './analyze';
export { LIMITS as EVAL_LIMITS } from './evaluate';
