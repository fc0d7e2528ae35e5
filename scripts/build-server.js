// `npm run build:server`: compiles src/ to dist/ (type-checking is `npm run typecheck`'s job, so
// the build only emits), copies the SQL migrations and PGlite's worker (plain JavaScript, which
// tsc does not emit) beside the compiled code, writes the PGlite
// template a fresh data folder starts from (src/store/pglite-template.ts), and bundles the
// `latchkey` command into dist/bundle/ (see bundleCommand).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const run = (args) => execFileSync(process.execPath, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noCheck']);
cpSync('src/store/migrations', 'dist/store/migrations', { recursive: true });
cpSync('src/store/pglite-worker.js', 'dist/store/pglite-worker.js');
run(['dist/cli/build-template.js']);
await bundleCommand();

/**
 * The command as a few files instead of about 1,700 modules: Node's module loader (resolving,
 * reading and compiling each file) was about 0.5 s of every start (issue #17). dist/bundle/main.js
 * is what bin/latchkey.js runs; each command's modules are their own chunk, loaded when it runs.
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
          const url = `new URL(${JSON.stringify(['..', ...compiled].join('/'))}, import.meta.url).href`;
          contents = contents.replaceAll('import.meta.url', url);
        }
        return { contents, loader: 'ts' };
      });
    },
  };
  await esbuild.build({
    entryPoints: ['src/cli/main.ts'],
    outdir: 'dist/bundle',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@electric-sql/pglite', 'pino', 'pino-pretty', 'thread-stream', 'pg-native'],
    // Bundled CommonJS packages call `require` for Node's own modules.
    banner: {
      js: "import { createRequire as latchkeyCreateRequire } from 'node:module'; const require = latchkeyCreateRequire(import.meta.url);",
    },
    plugins: [keepOwnUrl],
    logLevel: 'warning',
  });
}
