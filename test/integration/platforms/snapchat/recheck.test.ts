/* eslint-disable @typescript-eslint/no-unsafe-call -- loose JSON from the control API */
// A Snapchat grant in the project's own flow: the grant waits (pending_acceptance) while the
// invitation waits at Snapchat; the re-check (grants.recheck, the client's "check again") finds
// the agency person accepted, gives the ad-account role with the client's token and settles the
// grant as granted.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { grantIdempotencyKey } from '../../../../src/domain/grant.ts';
import { recheckGrant } from '../../../../src/jobs/recheck-grant.ts';
import {
  createSnapchatConnector,
  snapchatSandboxBaseUrls,
  type SnapchatPlatform,
} from '../../../../src/platforms/snapchat/connector.ts';
import { IDS } from '../../../../src/platforms/snapchat/sandbox/index.ts';
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
import { APP, startHarness, type SnapHarness } from './harness.ts';

const keyring = parseKeyring(generateKeyEntry('snap'));
let h: SnapHarness;
let db: TestDatabase;
let snap: SnapchatPlatform;
beforeEach(async () => {
  h = await startHarness();
  db = await createTestDatabase();
  snap = createSnapchatConnector({
    baseUrls: snapchatSandboxBaseUrls(h.base),
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
  });
});
afterEach(async () => {
  await db.destroy();
  await h.close();
});

it('pending while the invitation waits; granted at the re-check after the agency accepts', async () => {
  const now = new Date();
  const dana = (await h.tokens('dana@acme-outdoor.example')).access_token as string;
  const nora = (await h.tokens('nora@northwind-media.example')).access_token as string;
  const agency = await insertAgency(db.db, { name: 'Northwind Media', slug: `nw-${Date.now()}` });
  const request = await insertAccessRequest(db.db, {
    agencyId: agency.id,
    clientId: null,
    title: 'Snap',
    message: null,
    linkId: 'snaplink',
    linkSecretHash: 'x'.repeat(64),
    linkExpiresAt: new Date(now.getTime() + 86_400_000),
    accessEndsAt: null,
    createdBy: null,
    items: [{ platform: 'snapchat', assetType: 'ad_account', permissionLevel: 'general' }],
  });
  const { onboarding } = await findOrCreateOnboarding(db.db, {
    agencyId: agency.id,
    requestId: request.id,
  });
  await setOnboardingStatus(db.db, onboarding.id, 'approved', now);
  await saveOnboardingConnection(db.db, keyring, {
    agencyId: agency.id,
    onboardingId: onboarding.id,
    platform: 'snapchat',
    now,
    tokens: { accessToken: new Secret(dana), scopes: [] },
  });
  await saveAgencyConnection(db.db, keyring, {
    agencyId: agency.id,
    platform: 'snapchat',
    now,
    tokens: { accessToken: new Secret(nora), scopes: [] },
  });
  const [business] = await snap.listAgencyBusinesses!(nora);
  await setAgencyBusiness(db.db, {
    agencyId: agency.id,
    platform: 'snapchat',
    businessId: business!.id,
    businessName: business!.name,
    now,
  });
  const [grant] = await insertGrants(db.db, [
    {
      agencyId: agency.id,
      onboardingId: onboarding.id,
      platform: 'snapchat',
      assetType: 'ad_account',
      assetId: IDS.adAcmeUs,
      assetName: 'Acme Outdoor US',
      ownerId: IDS.orgAcme,
      permissionLevel: 'general',
      idempotencyKey: grantIdempotencyKey({
        onboardingId: onboarding.id,
        platform: 'snapchat',
        assetType: 'ad_account',
        assetId: IDS.adAcmeUs,
        level: 'general',
      }),
    },
  ]);
  await db.db
    .updateTable('grants')
    .set({ status: 'pending_acceptance' })
    .where('id', '=', grant!.id)
    .execute();
  // The grant job's answer: the invitation went out.
  const outcome = await snap.grantAccess({
    clientToken: dana,
    agency: { businessId: business!.id, accessToken: nora },
    asset: { type: 'ad_account', id: IDS.adAcmeUs, ownerId: IDS.orgAcme },
    level: 'general',
  });
  expect(outcome.kind).toBe('pending_acceptance');

  const deps = { database: db, keyring, platforms: { snapchat: snap }, now: () => new Date() };
  expect((await recheckGrant(deps, grant!.id))?.status).toBe('pending_acceptance');

  const member = (await h.control('state')).body.members.find(
    (m: { email: string; organizationId: string }) =>
      m.email === 'nora@northwind-media.example' && m.organizationId === IDS.orgAcme,
  );
  await h.control('invitations/accept', {
    email: 'nora@northwind-media.example',
    member_id: member.id,
  });

  const settled = await recheckGrant(deps, grant!.id);
  expect(settled?.status).toBe('granted');
  expect((await findGrant(db.db, grant!.id))?.status).toBe('granted');
  const roles = (await h.control('state')).body.roles.filter(
    (r: { memberId: string }) => r.memberId === member.id,
  );
  expect(roles.map((r: { type: string }) => r.type).sort()).toEqual(['general', 'member']);
});
