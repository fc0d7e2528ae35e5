// The custom platforms store (0014_custom_platforms.sql): scoped by agency, one slug per agency,
// the body read back through zod (a tampered row is left out, never trusted), archived not deleted,
// and the slug checked by the database itself.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readyMadeDefinitions } from '../../../src/platforms/custom/ready-made/index.ts';
import { insertAgency } from '../../../src/store/agencies.ts';
import {
  findCustomPlatform,
  insertCustomPlatform,
  listCustomPlatforms,
  updateCustomPlatform,
} from '../../../src/store/custom-platforms.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../support/database.ts';

let database: TestDatabase;
let a: string;
let b: string;
const body = readyMadeDefinitions.find((r) => r.id === 'wix')!.definition;

beforeAll(async () => {
  database = await createTestDatabase();
  a = (await insertAgency(database.db, { name: 'A', slug: 'store-a' })).id;
  b = (await insertAgency(database.db, { name: 'B', slug: 'store-b' })).id;
});
afterAll(async () => database.destroy());

describe(`custom platforms store on ${testDatabaseKind}`, () => {
  it('keeps one slug per agency, and agencies apart', async () => {
    const first = await insertCustomPlatform(database.db, a, {
      slug: 'wix',
      body,
      readyMade: 'wix',
    });
    expect(first).toMatchObject({ slug: 'wix', readyMade: 'wix', archivedAt: null, name: 'Wix' });
    expect(
      await insertCustomPlatform(database.db, a, { slug: 'wix', body, readyMade: null }),
    ).toBeUndefined();
    // The same slug in another agency is its own row.
    const other = await insertCustomPlatform(database.db, b, {
      slug: 'wix',
      body,
      readyMade: null,
    });
    expect(other?.id).not.toBe(first?.id);
    expect((await listCustomPlatforms(database.db, a)).map((d) => d.id)).toEqual([first!.id]);
    expect(await findCustomPlatform(database.db, b, first!.id)).toBeUndefined();
    expect(
      await updateCustomPlatform(
        database.db,
        b,
        first!.id,
        { body: { ...body, name: 'Stolen' }, archivedAt: null },
        new Date(),
      ),
    ).toBeUndefined();
    expect((await findCustomPlatform(database.db, a, first!.id))?.name).toBe('Wix');
  });

  it('archives and restores; never deletes', async () => {
    const [found] = await listCustomPlatforms(database.db, a);
    const at = new Date('2026-12-06T00:00:00Z');
    const archived = await updateCustomPlatform(
      database.db,
      a,
      found!.id,
      { body: { ...body, name: 'Wix (old)' }, archivedAt: at },
      at,
    );
    expect(archived).toMatchObject({ name: 'Wix (old)', archivedAt: at });
    expect(await listCustomPlatforms(database.db, a)).toHaveLength(1);
  });

  it('refuses an invalid body before writing it, and leaves a tampered row out', async () => {
    await expect(
      insertCustomPlatform(database.db, a, {
        slug: 'broken',
        body: { ...body, steps: [] },
        readyMade: null,
      }),
    ).rejects.toThrow();
    await sql`insert into custom_platforms (agency_id, slug, definition)
      values (${a}, 'tampered', ${JSON.stringify({ name: 'x', steps: 'not a list' })}::jsonb)`.execute(
      database.db,
    );
    expect((await listCustomPlatforms(database.db, a)).map((d) => d.slug)).toEqual(['wix']);
    await expect(
      sql`insert into custom_platforms (agency_id, slug, definition)
        values (${a}, 'Bad Slug!', '{}'::jsonb)`.execute(database.db),
    ).rejects.toThrow();
  });
});
