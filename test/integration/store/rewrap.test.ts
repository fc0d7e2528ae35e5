import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueues, enqueue, startQueue, startWorkers } from '../../../src/jobs/queue.ts';
import { rewrapSecretsJob } from '../../../src/jobs/rewrap-secrets.ts';
import { countSecretsByKey, rewrapSecrets } from '../../../src/store/rewrap.ts';
import { Secret, generateKeyEntry, parseKeyring, type Sealed } from '../../../src/store/secrets.ts';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '../../support/database.ts';
import { waitFor } from '../../support/queue.ts';

const k1 = generateKeyEntry('k1');
const k2 = generateKeyEntry('k2');

let database: TestDatabase;
let agencyId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const agency = await database.db
    .insertInto('agencies')
    .values({ name: 'Rotate', slug: 'rotate' })
    .returning('id')
    .executeTakeFirstOrThrow();
  agencyId = agency.id;
});
afterAll(async () => {
  await database.destroy();
});

/** Stores `count` connections whose tokens are sealed with `keyring`, each bound to its row. */
async function storeTokens(
  keyring: ReturnType<typeof parseKeyring>,
  count: number,
  prefix: string,
) {
  for (let i = 0; i < count; i += 1) {
    const id = crypto.randomUUID();
    const sealed = keyring.seal(new Secret(`canary-${prefix}-${i}`), {
      table: 'platform_connections',
      column: 'access_token_ciphertext',
      rowId: id,
      agencyId,
    });
    await database.db
      .insertInto('platform_connections')
      .values({
        id,
        agency_id: agencyId,
        owner_kind: 'agency',
        platform: `p-${prefix}-${i}`,
        external_id: 'x',
        access_token_ciphertext: sealed,
      })
      .execute();
  }
}

async function readAll(keyring: ReturnType<typeof parseKeyring>): Promise<string[]> {
  const rows = await database.db.selectFrom('platform_connections').selectAll().execute();
  return rows
    .map((row) =>
      keyring
        .open(row.access_token_ciphertext as Sealed, {
          table: 'platform_connections',
          column: 'access_token_ciphertext',
          rowId: row.id,
          agencyId: row.agency_id,
        })
        .reveal(),
    )
    .sort();
}

describe(`key rotation on ${testDatabaseKind}`, () => {
  it('re-encrypts every row under the newest key, after which the old key can go', async () => {
    await storeTokens(parseKeyring(k1), 5, 'old');
    const rotated = parseKeyring(`${k2},${k1}`);
    expect(await countSecretsByKey(database)).toEqual({ k1: 5 });

    expect(await rewrapSecrets(database, rotated, 2)).toEqual({ rewrapped: 5 });
    expect(await countSecretsByKey(database)).toEqual({ k2: 5 });
    expect(await rewrapSecrets(database, rotated)).toEqual({ rewrapped: 0 });

    const onlyNew = parseKeyring(k2);
    expect(await readAll(onlyNew)).toEqual([
      'canary-old-0',
      'canary-old-1',
      'canary-old-2',
      'canary-old-3',
      'canary-old-4',
    ]);
    const dump = JSON.stringify(
      await database.db.selectFrom('platform_connections').selectAll().execute(),
    );
    expect(dump).not.toContain(`canary-`);
  });

  it('runs as a background job', async () => {
    const k3 = generateKeyEntry('k3');
    const keyring = parseKeyring(`${k3},${k2}`);
    await storeTokens(parseKeyring(k2), 3, 'job');
    const queue = await startQueue(database);
    try {
      await createQueues(queue.boss, [rewrapSecretsJob]);
      await startWorkers(queue.boss, [rewrapSecretsJob], { database, keyring });
      await enqueue(queue.boss, rewrapSecretsJob, {});
      await waitFor(async () => {
        const counts = await countSecretsByKey(database);
        return counts.k3 === 8 ? counts : undefined;
      });
    } finally {
      await queue.stop();
    }
    expect(await readAll(parseKeyring(k3))).toHaveLength(8);
  });
});
