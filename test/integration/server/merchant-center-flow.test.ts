// Merchant Center through the one-link flow: the agency connects its Google account, the client
// consents and picks its Merchant Center account, the grant job adds the agency's Google user and
// the agency's own connection verifies it, so the grant lands `granted` and reads back as held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeGrant } from '../../../src/jobs/execute-grant.ts';
import { agencyIdentityFor } from '../../../src/jobs/grant-deps.ts';
import { TEST_PUBLIC_URL } from '../../support/agency.ts';
import {
  connectAgencyOn,
  consentInGoogle,
  createMultiHarness,
  G,
  type MultiHarness,
} from '../../support/multi-platform.ts';
import { browserCookieOf } from '../../support/onboarding.ts';

let h: MultiHarness;
beforeAll(async () => {
  h = await createMultiHarness();
});
afterAll(async () => h?.close());

describe('Merchant Center in one link', () => {
  it('grants a Merchant Center account, verified by the agency’s own connection', async () => {
    await connectAgencyOn(h, 'merchant_center', consentInGoogle, G.agency, G.agency);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: {
        ...h.agency.owner.headers,
        'content-type': 'application/json',
        origin: TEST_PUBLIC_URL,
      },
      payload: {
        title: 'Merchant Center for Acme',
        items: [
          {
            platform: 'merchant_center',
            assetType: 'merchant_account',
            permissionLevel: 'standard',
          },
        ],
      },
    });
    expect(created.statusCode).toBe(201);
    const link = created.json<{ link: { url: string } }>().link.url.split('/l/')[1] ?? '';
    const start = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link}/oauth/merchant_center/start`,
    });
    expect(start.statusCode).toBe(200);
    const authorizationUrl = new URL(start.json<{ authorizationUrl: string }>().authorizationUrl);
    expect(authorizationUrl.searchParams.get('scope')?.split(' ')).toContain(
      'https://www.googleapis.com/auth/content',
    );
    const cookie = browserCookieOf(start.headers['set-cookie']);
    const callback = await consentInGoogle(h, authorizationUrl.toString(), G.owner);
    const back = await h.app.inject({
      method: 'GET',
      url: `${callback.pathname}${callback.search}`,
      headers: { cookie },
    });
    expect(back.statusCode).toBe(303);
    const listed = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link}/assets/merchant_center`,
    });
    expect(listed.statusCode).toBe(200);
    expect(JSON.stringify(listed.json())).toContain('700100');
    const approve = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link}/approve`,
      payload: {
        selections: [
          { platform: 'merchant_center', assetType: 'merchant_account', assetId: '700100' },
        ],
      },
    });
    expect(approve.statusCode).toBe(202);
    const grant = await h.database.db
      .selectFrom('grants')
      .selectAll()
      .where('platform', '=', 'merchant_center')
      .executeTakeFirstOrThrow();
    await executeGrant(h.grantDeps, grant.id);
    const after = await h.database.db
      .selectFrom('grants')
      .select(['status', 'permission_level'])
      .where('id', '=', grant.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'granted', permission_level: 'standard' });
    expect(
      h.google.model.state.merchant?.users.find(
        (u) => u.accountId === '700100' && u.email === G.agency,
      ),
    ).toEqual({
      accountId: '700100',
      email: G.agency,
      accessRights: ['STANDARD'],
      state: 'VERIFIED',
    });
    const agency = await agencyIdentityFor(h.grantDeps, h.agency.agency.id, 'merchant_center');
    expect(agency.businessId).toBe(G.agency);
    expect(
      await h.services.platforms.merchant_center?.readAccess({
        agency,
        asset: { type: 'merchant_account', id: '700100' },
      }),
    ).toEqual({ kind: 'holds', level: 'standard' });
  });
});
