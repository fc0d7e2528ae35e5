// A Business Profile grant in the project's own flow: the grant waits (pending_acceptance) after
// the client's token invited the agency; the re-check (grants.recheck, the client's "check again",
// the sweep) has the agency's own connection accept the invitation, reads the role back with the
// agency's token and settles the grant as granted, with no one clicking the emailed invitation.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { grantIdempotencyKey } from '../../../../src/domain/grant.ts';
import { recheckGrant } from '../../../../src/jobs/recheck-grant.ts';
import { createBusinessProfileConnector } from '../../../../src/platforms/business-profile/connector.ts';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import type { Platform } from '../../../../src/platforms/types.ts';
import { insertAccessRequest } from '../../../../src/store/access-requests.ts';
import { insertAgency } from '../../../../src/store/agencies.ts';
import { findGrant, insertGrants } from '../../../../src/store/grants.ts';
import { findOrCreateOnboarding, setOnboardingStatus } from '../../../../src/store/onboardings.ts';
import {
  saveAgencyConnection,
  saveOnboardingConnection,
  setAgencyBusiness,
} from '../../../../src/store/platform-connections.ts';
import { generateKeyEntry, parseKeyring, Secret } from '../../../../src/store/secrets.ts';
import { createTestDatabase, type TestDatabase } from '../../../support/database.ts';
import { controlAuth } from '../../../support/sandbox-control.ts';
import { AGENCY, APP, G, OWNER, startSandbox, tokenFor } from './helpers.ts';

const SCOPES = [`${G}business.manage`, 'openid', 'email'];
const keyring = parseKeyring(generateKeyEntry('gbp'));
let sb: GoogleSandbox;
let db: TestDatabase;
let platform: Platform;
beforeEach(async () => {
  sb = await startSandbox();
  db = await createTestDatabase();
  platform = createBusinessProfileConnector({
    baseUrls: { accounts: sb.url, oauth2: sb.url, openid: sb.url },
    rootUrl: sb.url,
    informationRootUrl: sb.url,
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
  });
});
afterEach(async () => {
  await db.destroy();
  await sb.close();
});

async function pendingGrant(assetType: string, assetId: string, level: string) {
  const now = new Date();
  const dana = await tokenFor(sb.url, OWNER, SCOPES);
  const nora = await tokenFor(sb.url, AGENCY, SCOPES);
  const agency = await insertAgency(db.db, { name: 'Northwind Media', slug: `nw-${Date.now()}` });
  const request = await insertAccessRequest(db.db, {
    agencyId: agency.id,
    clientId: null,
    title: 'Business Profile',
    message: null,
    linkId: `gbp-${assetId}`,
    linkSecretHash: 'x'.repeat(64),
    linkExpiresAt: new Date(now.getTime() + 86_400_000),
    accessEndsAt: null,
    createdBy: null,
    items: [{ platform: 'business_profile', assetType, permissionLevel: level }],
  });
  const { onboarding } = await findOrCreateOnboarding(db.db, {
    agencyId: agency.id,
    requestId: request.id,
  });
  await setOnboardingStatus(db.db, onboarding.id, 'approved', now);
  await saveOnboardingConnection(db.db, keyring, {
    agencyId: agency.id,
    onboardingId: onboarding.id,
    platform: 'business_profile',
    now,
    tokens: { accessToken: new Secret(dana), scopes: SCOPES },
  });
  await saveAgencyConnection(db.db, keyring, {
    agencyId: agency.id,
    platform: 'business_profile',
    now,
    tokens: { accessToken: new Secret(nora), scopes: SCOPES },
  });
  const [business] = await platform.listAgencyBusinesses!(nora);
  expect(business?.id).toBe(AGENCY);
  await setAgencyBusiness(db.db, {
    agencyId: agency.id,
    platform: 'business_profile',
    businessId: business!.id,
    businessName: business!.name,
    now,
  });
  const [grant] = await insertGrants(db.db, [
    {
      agencyId: agency.id,
      onboardingId: onboarding.id,
      platform: 'business_profile',
      assetType,
      assetId,
      assetName: assetId,
      ownerId: '8010',
      permissionLevel: level,
      idempotencyKey: grantIdempotencyKey({
        onboardingId: onboarding.id,
        platform: 'business_profile',
        assetType,
        assetId,
        level,
      }),
    },
  ]);
  // The grant job's answer: the invitation went out.
  const outcome = await platform.grantAccess({
    clientToken: dana,
    agency: { businessId: AGENCY, accessToken: nora },
    asset: { type: assetType, id: assetId },
    level,
  });
  expect(outcome.kind).toBe('pending_acceptance');
  await db.db
    .updateTable('grants')
    .set({ status: 'pending_acceptance' })
    .where('id', '=', grant!.id)
    .execute();
  return grant!;
}

const deps = () => ({
  database: db,
  keyring,
  platforms: { business_profile: platform },
  now: () => new Date(),
});

it('a location: pending after the invitation, granted at the first re-check', async () => {
  const grant = await pendingGrant('business_location', '4100', 'manager');
  const before = sb.model.state.businessProfile?.admins.find(
    (a) => a.parent === 'locations/4100' && a.email === AGENCY,
  );
  expect(before?.pending).toBe(true);
  const settled = await recheckGrant(deps(), grant.id);
  expect(settled?.status).toBe('granted');
  expect((await findGrant(db.db, grant.id))?.status).toBe('granted');
  const after = sb.model.state.businessProfile?.admins.find(
    (a) => a.parent === 'locations/4100' && a.email === AGENCY,
  );
  expect(after).toMatchObject({ role: 'MANAGER', pending: false });
});

it('stays pending when the client withdrew the invitation before the agency accepted', async () => {
  const grant = await pendingGrant('business_account', '8010', 'owner');
  await fetch(`${sb.url}/_control/business-profile/remove-admin`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...controlAuth,
    },
    body: JSON.stringify({ parent: 'accounts/8010', email: AGENCY }),
  });
  expect((await recheckGrant(deps(), grant.id))?.status).toBe('pending_acceptance');
  expect(
    sb.model.state.businessProfile?.admins.some(
      (a) => a.parent === 'accounts/8010' && a.email === AGENCY,
    ),
  ).toBe(false);
});
