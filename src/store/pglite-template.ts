/**
 * A ready PGlite data folder, made once at build time: initdb, every migration and pg-boss's
 * schema and queues. Running initdb in WebAssembly is most of a fresh start (about 4 s of a 5 s
 * start on a quiet machine), so a fresh data folder is unpacked from this tarball instead and
 * only migrations newer than the build run at start. It holds schema only: no agency, key or
 * token exists when it is made.
 * Built by src/cli/build-template.ts (`npm run build`).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Where the build writes the template (dist/, beside the compiled code). */
export const pgliteTemplatePath = fileURLToPath(
  new URL('../../dist/pglite-template.tar.gz', import.meta.url),
);

/** The template's bytes, or undefined when the build has not made one. */
export async function readPgliteTemplate(file = pgliteTemplatePath): Promise<Blob | undefined> {
  if (!existsSync(file)) return undefined;
  return new Blob([await readFile(file)]);
}
