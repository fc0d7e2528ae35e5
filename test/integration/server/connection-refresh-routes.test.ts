// S10 through the agency's Settings routes, with LinkedIn (its sandbox plays an approved partner
// app, so the connection carries a refresh token): a due token is refreshed before the businesses
// are listed; a refused refresh shows the connection as needing to be reconnected, and connecting
// again clears that.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contextFor } from '../../../src/store/platform-connections.ts';
import { Secret } from '../../../src/store/secrets.ts';
import {
  connectAgencyOn,
  consentInLinkedIn,
  createMultiHarness,
  type MultiHarness,
} from '../../support/multi-platform.ts';

const NORA = 'n0raL1ndq10';
const DAY = 86_400_000;

let h: MultiHarness;
beforeAll(async () => {
  h = await createMultiHarness();
  await connectAgencyOn(h, 'linkedin', consentInLinkedIn, NORA, NORA);
});
afterAll(async () => h?.close());

const storedRow = () =>
  h.database.db
    .selectFrom('platform_connections')
    .selectAll()
    .where('agency_id', '=', h.agency.agency.id)
    .where('owner_kind', '=', 'agency')
    .where('platform', '=', 'linkedin')
    .executeTakeFirstOrThrow();

const businesses = () =>
  h.app.inject({
    method: 'GET',
    url: '/api/v1/agency/connections/linkedin/businesses',
    headers: h.agency.owner.headers,
  });

const linkedInInList = async () => {
  const list = await h.app.inject({
    method: 'GET',
    url: '/api/v1/agency/connections',
    headers: h.agency.owner.headers,
  });
  return list
    .json<{ connections: { platform: string; needsReconnect: boolean }[] }>()
    .connections.find((c) => c.platform === 'linkedin');
};

it('a due LinkedIn token is refreshed before the businesses are listed', async () => {
  const connected = await storedRow();
  expect(connected.refresh_token_ciphertext).not.toBeNull();
  await h.database.db
    .updateTable('platform_connections')
    .set({ expires_at: new Date(Date.now() - 60_000) })
    .where('id', '=', connected.id)
    .execute();
  const answer = await businesses();
  expect(answer.statusCode).toBe(200);
  expect(answer.json<{ businesses: { id: string }[] }>().businesses.map((b) => b.id)).toEqual([
    NORA,
  ]);
  const after = await storedRow();
  expect(after.access_token_ciphertext).not.toBe(connected.access_token_ciphertext);
  expect(after.expires_at!.getTime()).toBeGreaterThan(Date.now() + 59 * DAY);
  expect(after.granted_ids).toEqual(connected.granted_ids);
  expect((await linkedInInList())?.needsReconnect).toBe(false);
});

it('a refused refresh: Settings says reconnect, and connecting again clears it', async () => {
  const row = await storedRow();
  await h.database.db
    .updateTable('platform_connections')
    .set({
      expires_at: new Date(Date.now() - 60_000),
      refresh_token_ciphertext: h.keyring.seal(
        new Secret('a-refresh-token-linkedin-never-issued'),
        contextFor(row, 'refresh_token_ciphertext'),
      ),
    })
    .where('id', '=', row.id)
    .execute();
  const answer = await businesses();
  expect(answer.statusCode).toBe(409);
  expect(answer.json<{ error: { details: { reason: string } } }>().error.details.reason).toBe(
    'needs_reconnect',
  );
  expect((await linkedInInList())?.needsReconnect).toBe(true);

  await connectAgencyOn(h, 'linkedin', consentInLinkedIn, NORA, NORA);
  expect((await linkedInInList())?.needsReconnect).toBe(false);
  expect((await businesses()).statusCode).toBe(200);
});
