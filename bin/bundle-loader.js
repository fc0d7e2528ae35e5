// Runs dist/bundle/main.cjs, the `latchkey` command bundled into one CommonJS file, with V8's
// code cache kept beside it (main.cjs.cache). Compiling the bundle's 8 MB of JavaScript was about
// 0.3 s of every start; from the cache V8 reads the compiled code instead (issue #17).
//
// Node 22.1+ does this for every module itself (module.enableCompileCache, turned on in
// bin/latchkey.js); Node 20 has no such switch, and its code-cache API (vm.Script's cachedData)
// takes one script, which is why the bundle is a single CommonJS file. The bundle makes no
// `import()` (the build checks): a script made from cached data loses its dynamic-import handler
// on Node 20. The cache is written at build time and again whenever V8 rejects it (another Node
// version or V8 flags); a folder that cannot be written to only means no cache.
import { isAscii } from 'node:buffer';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Loads the bundle and evaluates it. Returns its exports (`main`), what became of the cache
 * (`used`, `written` when there was none or V8 rejected it, or `unwritable`), and `keepCompiled`.
 *
 * A cache written when the bundle is loaded holds only what loading compiled; the functions a
 * start runs (the server's set-up, pg-boss, the routes) are compiled on first call. `keepCompiled`,
 * called once a start is complete, rewrites the cache with those too (about 0.25 s less of the
 * main thread's time on the next start). It does so once per cache: `main.cjs.cache.warm` marks a
 * cache that has them.
 */
export function runBundle(file) {
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: compiled from source, and the cache written below.
  }
  const script = new vm.Script(module.wrap(readSource(file)), {
    filename: file,
    cachedData,
  });
  const bundle = { exports: {} };
  script.runInThisContext()(
    bundle.exports,
    module.createRequire(file),
    bundle,
    file,
    path.dirname(file),
  );
  const warmMark = `${cacheFile}.warm`;
  let cache = 'used';
  if (cachedData === undefined || script.cachedDataRejected) {
    rmSync(warmMark, { force: true });
    cache = saveCache(script, cacheFile) ? 'written' : 'unwritable';
  }
  const keepCompiled = () => {
    if (cache === 'unwritable' || existsSync(warmMark)) return false;
    if (!saveCache(script, cacheFile)) return false;
    writeFileSync(warmMark, '');
    return true;
  };
  return { exports: bundle.exports, cache, keepCompiled };
}

/** The bundle's text: ASCII (the build makes it so) decodes as Latin-1, faster than UTF-8. */
function readSource(file) {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function saveCache(script, cacheFile) {
  const partial = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cacheFile);
    return true;
  } catch {
    // A read-only install: every start compiles from source, as without a cache.
    return false;
  }
}
