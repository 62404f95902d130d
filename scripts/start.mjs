#!/usr/bin/env node
// `npm start`: try the extension in a real VS Code in your browser, in one command.
//   1. builds the extension (production) and packages the .vsix (scripts/package.mjs);
//   2. installs code-server 4.100.3 (VS Code 1.100.3) once into .cache/code-server/ (offline-safe,
//      the same one the tests drive: scripts/code-server.mjs);
//   3. starts it on 127.0.0.1 (a free port, or $PORT) with that .vsix installed and examples/ as the
//      workspace (the real folder: edits you make there are edits to the repository's examples);
//   4. prints the URL and runs until Ctrl-C, then stops code-server (its whole process group).
//
//   npm start [-- --port N] [-- --locale ko] [-- --folder dir]
import path from 'node:path';
import { ensureCodeServer, startCodeServer, CODE_SERVER_VERSION, REPO } from './code-server.mjs';
import { packageVsix } from './package.mjs';

const argv = process.argv.slice(2);
const opt = (f) => (argv.includes(f) ? argv[argv.indexOf(f) + 1] : undefined);
const port = Number(opt('--port') ?? process.env.PORT ?? 0) || undefined;
const locale = opt('--locale');
const folder = path.resolve(opt('--folder') ?? path.join(REPO, 'examples'));
const t0 = Date.now();
const secs = (t = t0) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

let t = Date.now();
const { vsix, bytes } = packageVsix({ quiet: true });
console.log(`built and packaged ${path.relative(REPO, vsix)} (${(bytes / 1024).toFixed(0)} KB) in ${secs(t)}`);

t = Date.now();
ensureCodeServer();
console.log(`code-server ${CODE_SERVER_VERSION} ready in ${secs(t)}`);

t = Date.now();
const cs = await startCodeServer({ folder, vsix, port, locale });
const bar = '─'.repeat(64);
console.log(`\n${bar}\n  LR Schedule Preview in VS Code ${'1.100.3'} (code-server), workspace ${path.relative(process.cwd(), folder) || folder}\n\n    ${cs.url}\n\n  Open it in your browser. Ctrl-C stops it.  (up in ${secs()})\n${bar}\n`);

let stopping = false;
const quit = (code) => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping code-server');
  cs.stop();
  process.exit(code);
};
process.on('SIGINT', () => quit(0));
process.on('SIGTERM', () => quit(0));
process.on('SIGHUP', () => quit(0));
cs.proc.on('exit', (c) => {
  if (stopping) return;
  console.error(`code-server exited with ${c}; its log: ${cs.logFile}`);
  quit(c || 1);
});
