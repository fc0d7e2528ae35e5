import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePgliteTemplate } from '../../../src/cli/build-template.ts';
import { jobs } from '../../../src/jobs/registry.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { loadMigrations, migrate } from '../../../src/store/migrate.ts';

// A fresh data folder starts from the build's template (initdb, migrations and pg-boss's schema
// done once at build time) instead of running initdb: same schema, no data, and it persists.
let dir: string;
let template: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-template-test-'));
  template = path.join(dir, 'template');
  await writePgliteTemplate(template);
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the PGlite template', () => {
  it('gives a fresh folder every migration and job queue, and no data', async () => {
    const dataDir = path.join(dir, 'fresh');
    const database = await openDatabase({ dataDir, template });
    try {
      expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
      const applied = await database.db.selectFrom('schema_migrations').select('name').execute();
      expect(applied.map((row) => row.name)).toEqual((await loadMigrations()).map((m) => m.name));
      expect(await migrate(database)).toEqual([]);
      const queues = await sql<{ name: string }>`select name from pgboss.queue`.execute(
        database.db,
      );
      const ours = queues.rows
        .map((row) => row.name)
        .filter((name) => !name.startsWith('__pgboss'));
      expect(ours.sort()).toEqual(jobs.map((job) => job.name).sort());
      const agencies = await database.db.selectFrom('agencies').select('id').execute();
      expect(agencies).toEqual([]);
      await sql`insert into schema_migrations (name, checksum) values ('9999_marker', 'x')`.execute(
        database.db,
      );
    } finally {
      await database.close();
    }
    // Opened again, the folder is no longer fresh: its own data stays, nothing is unpacked over it.
    const again = await openDatabase({ dataDir, template });
    try {
      const marker = await again.db
        .selectFrom('schema_migrations')
        .select('name')
        .where('name', '=', '9999_marker')
        .execute();
      expect(marker).toHaveLength(1);
    } finally {
      await again.close();
    }
  }, 180_000);

  it('replaces what a start stopped half-way through copying left behind', async () => {
    const dataDir = path.join(dir, 'interrupted');
    // A partial copy beside an empty data folder: what a start killed during the copy leaves.
    await mkdir(path.join(dataDir, 'pglite.from-template', 'base'), { recursive: true });
    await writeFile(path.join(dataDir, 'pglite.from-template', 'base', 'half'), 'x');
    await mkdir(path.join(dataDir, 'pglite'));
    const database = await openDatabase({ dataDir, template });
    try {
      expect(await migrate(database)).toEqual([]);
      expect(existsSync(path.join(dataDir, 'pglite', 'base', 'half'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'pglite.from-template'))).toBe(false);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('never copies over a data folder that has data', async () => {
    const dataDir = path.join(dir, 'occupied');
    await mkdir(path.join(dataDir, 'pglite'), { recursive: true });
    await writeFile(path.join(dataDir, 'pglite', 'notes.txt'), 'mine');
    await expect(openDatabase({ dataDir, template })).rejects.toThrow(
      /holds files but no database/,
    );
    expect(existsSync(path.join(dataDir, 'pglite.from-template'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'pglite', 'notes.txt'))).toBe(true);
  }, 180_000);
});
