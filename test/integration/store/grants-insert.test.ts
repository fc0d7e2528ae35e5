// insertGrants returns fresh rows from the ids and times the insert returns, not from whole rows:
// what it returns must be exactly what a read of the table gives, for fresh and retried keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertGrants,
  listGrantsByOnboarding,
  type NewGrantInput,
} from '../../../src/store/grants.ts';
import { findOrCreateOnboarding } from '../../../src/store/onboardings.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { insertAgency, insertRequest } from '../../support/outbox-fixtures.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.destroy();
});

async function onboardingOf(): Promise<{ agencyId: string; onboardingId: string }> {
  const agencyId = await insertAgency(database.db);
  const requestId = await insertRequest(database.db, agencyId);
  const { onboarding } = await findOrCreateOnboarding(database.db, { agencyId, requestId });
  return { agencyId, onboardingId: onboarding.id };
}

function inputs(at: { agencyId: string; onboardingId: string }, ids: string[]): NewGrantInput[] {
  return ids.map((assetId, i) => ({
    ...at,
    platform: 'tiktok',
    assetType: 'advertiser',
    assetId,
    assetName: `Ad account ${assetId}`,
    ownerId: i % 2 === 0 ? '7200000000000000002' : null,
    permissionLevel: 'ADMIN',
    idempotencyKey: `${at.onboardingId}:advertiser:${assetId}`,
  }));
}

const byId = <T extends { id: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe('insertGrants', () => {
  it('returns fresh grants exactly as the table stores them, in the order given', async () => {
    const at = await onboardingOf();
    const given = inputs(at, ['7100000000000000003', '7100000000000000001', '7100000000000000002']);
    const returned = await insertGrants(database.db, given);
    expect(returned.map((g) => g.assetId)).toEqual(given.map((g) => g.assetId));
    expect(byId(returned)).toEqual(
      byId(await listGrantsByOnboarding(database.db, at.onboardingId)),
    );
    expect(returned[0]).toMatchObject({
      status: 'queued',
      steps: [],
      attempts: 0,
      leaseOwner: null,
    });
  });

  it('returns stored rows for keys that existed, fresh ones for the rest, each once', async () => {
    const at = await onboardingOf();
    const [first, second] = inputs(at, ['7100000000000000011', '7100000000000000012']);
    if (!first || !second) throw new Error('two inputs');
    const [stored] = await insertGrants(database.db, [first]);
    await database.db
      .updateTable('grants')
      .set({ status: 'granted' })
      .where('id', '=', stored!.id)
      .execute();
    const returned = await insertGrants(database.db, [second, first, first]);
    expect(returned.map((g) => [g.assetId, g.status])).toEqual([
      [second.assetId, 'queued'],
      [first.assetId, 'granted'],
    ]);
    expect(byId(returned)).toEqual(
      byId(await listGrantsByOnboarding(database.db, at.onboardingId)),
    );
  });
});
