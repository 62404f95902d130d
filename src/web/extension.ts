// The browser entry (vscode.dev / github.dev): the web-worker extension host loads this bundle
// (package.json "browser"). Same activate() as the desktop build; everything it reaches is free of
// Node APIs (checked by test/unit/web-bundle.test.ts on the bundle's metafile). The parser WASM is
// read with vscode.workspace.fs from the extension's own URI (AnalysisService.ready()).
export { activate, deactivate } from '../extension';
