/**
 * The runtime's database, opened on its own so that `latchkey start` can begin PGlite's set-up
 * (about a second of WebAssembly start-up) before it loads the server's modules: the two overlap.
 */
import type { Config } from '../config.ts';
import { lockDataDir } from '../store/data-lock.ts';
import { openDatabase, type Database } from '../store/database.ts';

export interface RuntimeStore {
  readonly database: Database;
  /** Gives the data folder's lock back (PGlite); a no-op on PostgreSQL. */
  readonly releaseLock: () => void;
}

/** Takes the data folder's lock (PGlite is single-process), then opens the database. */
export async function openRuntimeStore(config: Config): Promise<RuntimeStore> {
  const releaseLock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
    });
    return { database, releaseLock };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
