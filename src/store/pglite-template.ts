/**
 * A ready PGlite data folder, made once at build time: initdb, every migration and pg-boss's
 * schema and queues. Running initdb in WebAssembly is most of a fresh start (about 4 s of a 5 s
 * start on a quiet machine), so a fresh data folder is copied from this one instead and only
 * migrations newer than the build run at start. It holds schema only: no agency, key or token
 * exists when it is made.
 *
 * It is kept as a plain folder rather than an archive: the operating system copies its 1,200 files
 * (about 40 MB) in a fraction of the time PGlite takes to unpack a tarball into its WebAssembly
 * file system (about 1.3 s of every fresh start, issue #17), and the copy runs outside the main
 * thread while the server's modules load.
 * Built by src/cli/build-template.ts (`npm run build`).
 */
import { constants, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the build writes the template (dist/, beside the compiled code). */
export const pgliteTemplatePath = fileURLToPath(
  new URL('../../dist/pglite-template', import.meta.url),
);

/** True when `dir` holds a Postgres data folder. */
export function isPgliteFolder(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}

/**
 * Makes `dataPath` a copy of the template folder; false (and nothing done) when the build made no
 * template. The copy is written beside the target and renamed into place, so a start that stops
 * half-way leaves no half-made data folder behind, only a partial copy the next start replaces.
 * The caller holds the data folder's lock.
 */
export async function copyPgliteTemplate(
  dataPath: string,
  template = pgliteTemplatePath,
): Promise<boolean> {
  if (!isPgliteFolder(template)) return false;
  // An empty folder where the data goes (made by hand, or by an older start) is replaced; one
  // holding other files is someone's, and is left alone.
  const existing = existsSync(dataPath) ? await readdir(dataPath) : undefined;
  if (existing && existing.length > 0) {
    throw new Error(
      `${dataPath} holds files but no database (no PG_VERSION); move them away or choose another LATCHKEY_DATA_DIR`,
    );
  }
  const partial = `${dataPath}.from-template`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(path.dirname(dataPath), { recursive: true });
  await copyTree(template, partial);
  if (existing) await rmdir(dataPath);
  await rename(partial, dataPath);
  return true;
}

const COPIES_AT_ONCE = 8;

/**
 * Copies a folder's files side by side (fs.cp goes one file at a time, with checks this copy
 * does not need: about twice as long). Each file is cloned where the file system can (btrfs, XFS,
 * APFS), copied otherwise.
 */
async function copyTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const relative = (entry: (typeof entries)[number]) =>
    path.relative(from, path.join(entry.parentPath, entry.name));
  await mkdir(to, { recursive: true });
  for (const entry of entries) {
    if (entry.isDirectory()) await mkdir(path.join(to, relative(entry)), { recursive: true });
  }
  const files = entries.filter((entry) => entry.isFile()).map(relative);
  let next = 0;
  const copier = async () => {
    for (let file = files[next++]; file !== undefined; file = files[next++]) {
      await copyFile(path.join(from, file), path.join(to, file), constants.COPYFILE_FICLONE);
    }
  };
  await Promise.all(Array.from({ length: COPIES_AT_ONCE }, copier));
}
