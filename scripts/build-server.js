// `npm run build:server`: compiles src/ to dist/ (type-checking is `npm run typecheck`'s job, so
// the build only emits), copies the SQL migrations beside the compiled code, and writes the
// PGlite template a fresh data folder starts from (src/store/pglite-template.ts).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (args) => execFileSync(process.execPath, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noCheck']);
cpSync('src/store/migrations', 'dist/store/migrations', { recursive: true });
run(['dist/cli/build-template.js']);
