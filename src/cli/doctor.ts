/** `latchkey doctor`: checks configuration, the keyring and the database, and says what is wrong. */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../store/database.ts';
import { loadMigrations } from '../store/migrate.ts';
import { parseKeyring } from '../store/secrets.ts';

/** Prints one line per check; returns 0 when every check passes. */
export async function runDoctor(env: Record<string, string | undefined>): Promise<number> {
  let failures = 0;
  const report = (ok: boolean, label: string, detail: string) => {
    if (!ok) failures += 1;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: ${detail}`);
  };
  let config;
  try {
    config = loadConfig(env);
    report(true, 'configuration', `public URL ${config.publicUrl}`);
  } catch (error) {
    report(false, 'configuration', (error as Error).message);
    return 1;
  }
  if (config.secretKeys) {
    try {
      const keyring = parseKeyring(config.secretKeys);
      report(
        true,
        'secret keys',
        `${keyring.keyIds.length} key(s), newest "${keyring.newestKeyId}"`,
      );
    } catch (error) {
      report(false, 'secret keys', (error as Error).message);
    }
  } else {
    report(
      config.env !== 'production',
      'secret keys',
      'not set: a development key in the data folder is used',
    );
  }
  if (!config.databaseUrl) {
    report(true, 'database', `embedded PGlite in ${config.dataDir} (not opened: it may be in use)`);
    return failures ? 1 : 0;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
  try {
    const reachable = await database.ping(5_000);
    report(reachable, 'database', reachable ? 'PostgreSQL answers' : 'PostgreSQL does not answer');
    if (reachable) {
      const known = (await loadMigrations()).map((m) => m.name);
      const applied = await database.db
        .selectFrom('schema_migrations')
        .select('name')
        .execute()
        .then((rows) => new Set(rows.map((row) => row.name)))
        .catch(() => new Set<string>());
      const pending = known.filter((name) => !applied.has(name));
      report(
        true,
        'migrations',
        pending.length ? `${pending.length} pending (applied at start)` : 'up to date',
      );
    }
  } finally {
    await database.close();
  }
  return failures ? 1 : 0;
}
