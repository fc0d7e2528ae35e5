// `npm run build:server`: compiles src/ to dist/ (type-checking is `npm run typecheck`'s job, so
// the build only emits), copies the SQL migrations and PGlite's worker (plain JavaScript, which
// tsc does not emit) beside the compiled code, writes the PGlite
// template a fresh data folder starts from (src/store/pglite-template.ts), and bundles the
// `latchkey` command into dist/bundle/main.cjs (see bundleCommand).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { runBundle } from '../bin/bundle-loader.js';

const require = createRequire(import.meta.url);
const run = (args) => execFileSync(process.execPath, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noCheck']);
cpSync('src/store/migrations', 'dist/store/migrations', { recursive: true });
cpSync('src/store/pglite-worker.js', 'dist/store/pglite-worker.js');
run(['dist/cli/build-template.js']);
await bundleCommand();

/**
 * The command as one file instead of about 1,700 modules: Node's module loader (resolving,
 * reading and compiling each file) was about 0.5 s of every start (issue #17). dist/bundle/main.cjs
 * is what bin/latchkey.js runs, through bin/bundle-loader.js, which keeps V8's compiled code for it.
 * It is CommonJS because Node 20's code cache takes a single script; each command's modules are
 * still evaluated only when that command runs (esbuild wraps what is imported with `import()`).
 *
 * Left outside the bundle, loaded from node_modules as before: PGlite (it finds its WebAssembly
 * and data files beside its own module), pino and its transports (they start worker threads from
 * their own files), and pg's optional native binding. The Google and LinkedIn clients stay
 * outside too, since they are loaded with `require` on first use.
 *
 * A source that finds a file from its own place (`new URL('../x', import.meta.url)`) keeps
 * finding it: in each file of src/, `import.meta.url` becomes the URL of that file's compiled copy
 * in dist/, which the build above wrote, so migrations, PGlite's worker (dist/store), the PGlite
 * template, web/dist and worlds/ are found where they were.
 */
async function bundleCommand() {
  const src = path.resolve('src');
  const keepOwnUrl = {
    name: 'keep-own-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
        let contents = await readFile(file, 'utf8');
        if (file.startsWith(src + path.sep) && contents.includes('import.meta.url')) {
          const compiled = path.relative(src, file).replace(/\.ts$/, '.js').split(path.sep);
          const url = `new URL(${JSON.stringify(['..', ...compiled].join('/'))}, latchkeyBundleUrl).href`;
          contents = contents.replaceAll('import.meta.url', url);
        }
        return { contents, loader: 'ts' };
      });
    },
  };
  const { metafile } = await esbuild.build({
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/bundle/main.cjs',
    bundle: true,
    format: 'cjs',
    charset: 'ascii',
    platform: 'node',
    target: 'node20',
    external: ['@electric-sql/pglite', 'pino', 'pino-pretty', 'thread-stream', 'pg-native'],
    // The bundle's own URL, for the rewritten `import.meta.url`s (a source may name its own
    // `require`, so the rewrite cannot call it).
    banner: { js: "const latchkeyBundleUrl = require('node:url').pathToFileURL(__filename);" },
    plugins: [keepOwnUrl],
    metafile: true,
    logLevel: 'warning',
  });
  // A script made from V8's cached data loses its dynamic-import handler on Node 20, so an
  // `import()` left in the bundle would fail only on a start that used the cache.
  const dynamic = Object.values(metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((entry) => entry.kind === 'dynamic-import');
  if (dynamic.length > 0) {
    throw new Error(
      `the bundle must not use import(); require these instead: ${dynamic.map((entry) => entry.path).join(', ')}`,
    );
  }
  await keepAscii('dist/bundle/main.cjs');
  // Evaluating the bundle once here writes V8's code cache beside it (bin/bundle-loader.js).
  runBundle(path.resolve('dist/bundle/main.cjs'));
}

/**
 * Makes the bundle pure ASCII. Node reads an ASCII file into a one-byte string in about 2 ms, and
 * 8 MB with a few non-ASCII characters in about 110 ms (issue #17). With `charset: 'ascii'`
 * esbuild escapes every non-ASCII character in code; what is left is in comments (an em dash, an
 * arrow), and becomes `?`. The check below proves it: without comments, the code is unchanged.
 */
async function keepAscii(file) {
  const original = await readFile(file, 'utf8');
  const ascii = original.replace(/[^\p{ASCII}]/gu, '?');
  if (ascii === original) return;
  const code = async (text) =>
    (
      await esbuild.transform(text, {
        minifyWhitespace: true,
        legalComments: 'none',
        format: 'cjs',
      })
    ).code;
  if ((await code(ascii)) !== (await code(original))) {
    throw new Error(
      `${file}: a non-ASCII character outside a comment; esbuild should have escaped it`,
    );
  }
  await writeFile(file, ascii);
}
