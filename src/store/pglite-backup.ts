/**
 * Backup and restore of the embedded database. A backup is PGlite's own data-folder tarball
 * (gzip), taken while no statement and no transaction runs: PGlite runs one statement at a time,
 * and the dump waits for its transaction lock too, so the copy is what a clean stop would leave.
 * Restoring unpacks it into an empty data folder; PostgreSQL replays its log on the first start.
 */
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { openPgliteThread, type PgliteDatabase } from './pglite-thread.ts';

/** PGlite's files inside a data folder (see openDatabase). */
export const pgliteFolder = (dataDir: string) => path.join(dataDir, 'pglite');

/** A consistent gzip tarball of the running database; other work waits while it is taken. */
export async function dumpPglite(pglite: PgliteDatabase): Promise<Buffer> {
  // A checkpoint first writes the shared buffers out, so the restored copy has little to replay.
  await pglite.exec('CHECKPOINT');
  let dump: Blob | undefined;
  // Inside a transaction: PGlite's transaction lock is held, so no other transaction (Kysely's or
  // pg-boss's) is half done when the files are read.
  await pglite.transaction(async () => {
    dump = await pglite.dumpDataDir('gzip');
  });
  return Buffer.from(await dump!.arrayBuffer());
}

/** True when the data folder already holds a database. */
export function hasPgliteDatabase(dataDir: string): boolean {
  const folder = pgliteFolder(dataDir);
  return existsSync(folder) && readdirSync(folder).length > 0;
}

export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
}

/**
 * Unpacks a backup into `dataDir` and opens it once to prove it is a database. A folder that
 * already holds one is refused unless `force`, which replaces it. The caller holds the lock.
 */
export async function restorePglite(
  dataDir: string,
  backup: Buffer,
  options: { force?: boolean } = {},
): Promise<void> {
  const folder = pgliteFolder(dataDir);
  if (hasPgliteDatabase(dataDir)) {
    if (!options.force) {
      throw new RestoreRefusedError(
        `${folder} already holds a database; restore into an empty data folder, or pass --force to replace it`,
      );
    }
    await rm(folder, { recursive: true, force: true });
  }
  try {
    const pglite = await openPgliteThread({
      dataPath: folder,
      loadDataDir: new Blob([new Uint8Array(backup)]),
    });
    try {
      await pglite.query('select 1');
    } finally {
      await pglite.close();
    }
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw new RestoreRefusedError(
      `Not a Latchkey backup, or a damaged one: ${(error as Error).message}`,
    );
  }
}
