/**
 * `latchkey backup <file>` and `latchkey restore <file> [--force]` for the embedded database.
 * A backup asks the running server for a copy over its admin socket (it holds PGlite open), or
 * when none runs, takes the data folder's lock and copies it itself. A restore needs the server
 * stopped and an empty data folder (or --force). On PostgreSQL they point to pg_dump/pg_restore.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../../config.ts';
import { lockDataDir } from '../../store/data-lock.ts';
import { openDatabase } from '../../store/database.ts';
import { dumpPglite, hasPgliteDatabase, restorePglite } from '../../store/pglite-backup.ts';
import { AdminSocketUnreachable, callAdminSocket } from '../admin-socket.ts';

type Env = Record<string, string | undefined>;

const POSTGRES_BACKUP =
  'DATABASE_URL is set: back up PostgreSQL with its own tools, e.g. pg_dump -Fc "$DATABASE_URL" > latchkey.dump (docs/operations.md)';
const POSTGRES_RESTORE =
  'DATABASE_URL is set: restore PostgreSQL with its own tools, e.g. pg_restore -d "$DATABASE_URL" latchkey.dump (docs/operations.md)';

/** `latchkey backup <file>`; returns the exit code. */
export async function runBackup(args: string[], env: Env): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) return usage('latchkey backup <file>');
  const config = loadConfig(env);
  if (config.databaseUrl) return fail(POSTGRES_BACKUP);
  if (!hasPgliteDatabase(config.dataDir)) {
    return fail(`There is no database in ${config.dataDir} to back up (LATCHKEY_DATA_DIR).`);
  }
  const { bytes, running } = await takeBackup(config.dataDir);
  const temp = `${file}.${process.pid}.partial`;
  try {
    await writeFile(temp, bytes, { mode: 0o600 });
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
  const size = (bytes.length / 1024 / 1024).toFixed(1);
  console.log(
    `Backed up ${config.dataDir} to ${file} (${size} MB, ${running ? 'taken by the running server' : 'no server was running'}).`,
  );
  noteDevelopmentKey(config);
  return 0;
}

/** `latchkey restore <file> [--force]`; returns the exit code. */
export async function runRestore(args: string[], env: Env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { force: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) return usage('latchkey restore <file> [--force]');
  const config = loadConfig(env);
  if (config.databaseUrl) return fail(POSTGRES_RESTORE);
  if (!existsSync(file)) return fail(`${file} does not exist.`);
  const backup = await readFile(file);
  // The lock refuses a restore under a running server, --force or not.
  const release = lockDataDir(config.dataDir);
  try {
    await restorePglite(config.dataDir, backup, { force: values.force === true });
  } finally {
    release();
  }
  console.log(
    `Restored ${file} into ${config.dataDir}. Start Latchkey with LATCHKEY_DATA_DIR=${config.dataDir}.`,
  );
  noteDevelopmentKey(config);
  return 0;
}

/** The backup bytes: from the running server when one holds the folder, else taken here. */
async function takeBackup(dataDir: string): Promise<{ bytes: Buffer; running: boolean }> {
  try {
    return { bytes: await callAdminSocket(dataDir, 'backup'), running: true };
  } catch (error) {
    if (!(error instanceof AdminSocketUnreachable)) throw error;
  }
  const release = lockDataDir(dataDir);
  try {
    const database = await openDatabase({ dataDir, template: false });
    try {
      return { bytes: await dumpPglite(database.pglite!), running: false };
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}

/** Without LATCHKEY_SECRET_KEYS, encrypted fields use the data folder's key, kept apart. */
function noteDevelopmentKey(config: Config): void {
  if (config.secretKeys) return;
  const keyFile = path.join(config.dataDir, 'secret-keys');
  console.log(
    `Note: LATCHKEY_SECRET_KEYS is not set, so encrypted fields use the development key in ${keyFile}. ` +
      'It is not in the backup: keep a copy of that file with it and put it back beside a restore.',
  );
}

function usage(line: string): number {
  console.error(`Usage: ${line}`);
  return 2;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}
