#!/usr/bin/env node
// The `latchkey` command. It runs the JavaScript compiled and bundled into dist/bundle/main.cjs at
// install (`npm run build`), with V8's code cache (bin/bundle-loader.js), so no start pays for
// transpiling TypeScript, loading a thousand modules or compiling them again. When the bundle is missing or older than a source file (a developer edited src/ since
// the last build), it runs the sources through tsx instead, so a stale build is never what runs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Node 22.1+ keeps V8's compiled code on disk between starts (a no-op on older Node).
module.enableCompileCache?.();

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist/bundle/main.cjs');

/** Newest modification time of any file under a folder, in ms. */
function newestUnder(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function builtIsCurrent() {
  if (!existsSync(built)) return false;
  const sources = path.join(root, 'src');
  if (!existsSync(sources)) return true;
  return statSync(built).mtimeMs >= newestUnder(sources);
}

let main;
let hooks = {};
let afterMain = async () => {};
if (builtIsCurrent()) {
  // The embedded database's thread starts first, so loading PGlite and compiling its WebAssembly
  // overlap loading the server's code (src/store/pglite-thread.ts).
  if (process.argv[2] === 'start' && !process.env.DATABASE_URL) {
    const thread = await import('../dist/store/pglite-thread.js');
    thread.prewarmPgliteWorker();
    // Ended when the command returns if nothing took it (a start refused before opening PGlite).
    afterMain = () => thread.discardPrewarmedPgliteWorker();
  }
  const bundle = (await import('./bundle-loader.js')).runBundle(built);
  ({ main } = bundle.exports);
  hooks = { onStarted: bundle.keepCompiled };
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2), hooks);
await afterMain();
