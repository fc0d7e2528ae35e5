/**
 * The six-platform browser test's cast (who signs in where, what the request asks for, which ad
 * account the client ticks) and the check that each sandbox's own model shows the agency holding
 * exactly what was asked for.
 */
import { expect } from 'vitest';
import type { Runtime } from '../../src/cli/runtime.ts';
import { control } from './onboarding.ts';
import { controlAuth } from './sandbox-control.ts';

type Sandboxes = Runtime['sandboxes'];

export type Platform = 'tiktok' | 'meta' | 'linkedin' | 'pinterest' | 'microsoft_ads' | 'snapchat';

export interface Cast {
  /** Sign-in buttons of the agency's person and the client's, and the consent page's "allow". */
  readonly agencyPerson: string;
  readonly clientPerson: string;
  readonly allow: string;
  /** Where grants go on the agency's side (Settings' picker). */
  readonly agencyBusiness: string;
  /** What the request asks for, and the client's ad account ticked. */
  readonly assetType: string;
  readonly level: string;
  readonly asset: string;
}

/** The sandbox people and things this test clicks (worlds/*.json, the Snapchat default world). */
export const CAST: Record<Platform, Cast> = {
  tiktok: {
    agencyPerson: 'sign-in-nora@northwind-media.example',
    clientPerson: 'sign-in-dana@acme-outdoor.example',
    allow: 'consent-approve',
    agencyBusiness: '7200000000000000002',
    assetType: 'advertiser',
    level: 'OPERATOR',
    asset: '7300000000000000001',
  },
  meta: {
    agencyPerson: 'signin-user-100000000000010',
    clientPerson: 'signin-user-100000000000001',
    allow: 'consent-allow',
    agencyBusiness: '200000000000010',
    assetType: 'ad_account',
    level: 'partial',
    asset: 'act_300000000000001',
  },
  linkedin: {
    agencyPerson: 'signin-member-n0raL1ndq10',
    clientPerson: 'signin-member-dAnAr3y3s01',
    allow: 'consent-allow',
    agencyBusiness: 'n0raL1ndq10',
    assetType: 'ad_account',
    level: 'campaign_manager',
    asset: '507000001',
  },
  pinterest: {
    agencyPerson: 'sign-in-1100000000000001',
    clientPerson: 'sign-in-1100000000000003',
    allow: 'oauth-allow',
    agencyBusiness: '1200000000000001',
    assetType: 'ad_account',
    level: 'campaign_manager',
    asset: '549700000001',
  },
  microsoft_ads: {
    agencyPerson: 'signin-user-70000010',
    clientPerson: 'signin-user-70000001',
    allow: 'consent-accept',
    agencyBusiness: '81000010',
    assetType: 'ad_account',
    level: 'client_link',
    asset: '150000002',
  },
  snapchat: {
    agencyPerson: 'signin-nora@northwind-media.example',
    clientPerson: 'signin-dana@acme-outdoor.example',
    allow: 'consent-allow',
    agencyBusiness: 'nora@northwind-media.example',
    assetType: 'ad_account',
    level: 'general',
    asset: '00000000-0000-4000-8000-000000000201',
  },
};
export const PLATFORMS = Object.keys(CAST) as Platform[];
/** The agency's person, as Snapchat knows her (by email). */
export const NORA = { email: 'nora@northwind-media.example' };

/** Ids of the client's (Acme Outdoor's) side in each sandbox's world. */
export const ACME = {
  tiktokBc: '7200000000000000001',
  metaBusiness: '200000000000001',
  linkedinOrganizations: [10001001, 10001002, 10001003],
  pinterestBusiness: '1200000000000002',
  microsoftCustomer: '81000001',
  snapOrganization: '00000000-0000-4000-8000-000000000200',
};

/** Reads a sandbox's own model of who holds what (its control API, read-only). */
const stateIn =
  (sandboxes: Sandboxes) =>
  async <T>(platform: Platform): Promise<T> => {
    const response = await fetch(`${sandboxes[platform] ?? ''}/_control/state`, {
      headers: controlAuth,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

/**
 * Each sandbox's own model of who holds what: the agency holds on the client's side exactly the
 * asset and level the request asked for, and nothing more (no other asset, no second role, no
 * invitation left open).
 */
export async function verifyHoldings(sandboxes: Sandboxes): Promise<void> {
  const stateOf = stateIn(sandboxes);
  const tiktok = (await control({ base: sandboxes.tiktok ?? '' }, 'state')) as {
    assets: { assetId: string; ownerBcId: string | null }[];
    holdings: {
      bcId: string;
      assetId: string;
      relationType: string;
      status: string;
      roles: string[];
    }[];
  };
  const acmeTikTok = new Set(
    tiktok.assets.filter((a) => a.ownerBcId === ACME.tiktokBc).map((a) => a.assetId),
  );
  expect(
    tiktok.holdings
      .filter((h) => h.bcId === CAST.tiktok.agencyBusiness && acmeTikTok.has(h.assetId))
      .map((h) => [h.assetId, h.relationType, h.status, h.roles]),
  ).toEqual([[CAST.tiktok.asset, 'OWNER_PARTNER', 'BOUND', ['OPERATOR']]]);

  const meta = await stateOf<{
    assets: { id: string; ownerBusinessId: string | null }[];
    shares: { assetId: string; partnerBusinessId: string; tasks: string[]; accessStatus: string }[];
  }>('meta');
  const acmeMeta = new Set(
    meta.assets.filter((a) => a.ownerBusinessId === ACME.metaBusiness).map((a) => a.id),
  );
  expect(
    meta.shares
      .filter((x) => x.partnerBusinessId === CAST.meta.agencyBusiness && acmeMeta.has(x.assetId))
      .map((x) => [`act_${x.assetId}`, [...x.tasks].sort(), x.accessStatus]),
  ).toEqual([[CAST.meta.asset, ['ADVERTISE', 'ANALYZE'], 'CONFIRMED']]);

  const linkedin = await stateOf<{
    adAccounts: { id: number; organization: number }[];
    adAccountUsers: { account: number; member: string; role: string }[];
    organizationAcls: { organization: number; member: string; state: string }[];
  }>('linkedin');
  const acmeLinkedIn = new Set(
    linkedin.adAccounts
      .filter((a) => ACME.linkedinOrganizations.includes(a.organization))
      .map((a) => a.id),
  );
  expect(
    linkedin.adAccountUsers
      .filter((u) => u.member === CAST.linkedin.agencyBusiness && acmeLinkedIn.has(u.account))
      .map((u) => [String(u.account), u.role]),
  ).toEqual([[CAST.linkedin.asset, 'CAMPAIGN_MANAGER']]);
  expect(
    linkedin.organizationAcls.filter(
      (a) =>
        a.member === CAST.linkedin.agencyBusiness &&
        ACME.linkedinOrganizations.includes(a.organization),
    ),
  ).toEqual([]);

  const pinterest = await stateOf<{
    partnerAccess: {
      ownerBusinessId: string;
      partnerBusinessId: string;
      assetId: string;
      permissions: string[];
    }[];
    invites: { senderBusinessId: string; targetBusinessId: string; status: string }[];
  }>('pinterest');
  expect(
    pinterest.partnerAccess
      .filter(
        (x) =>
          x.ownerBusinessId === ACME.pinterestBusiness &&
          x.partnerBusinessId === CAST.pinterest.agencyBusiness,
      )
      .map((x) => [x.assetId, x.permissions]),
  ).toEqual([[CAST.pinterest.asset, ['CAMPAIGN_MANAGER']]]);
  expect(
    pinterest.invites.filter(
      (i) =>
        i.senderBusinessId === ACME.pinterestBusiness &&
        i.targetBusinessId === CAST.pinterest.agencyBusiness &&
        i.status === 'PENDING',
    ),
  ).toEqual([]);

  const microsoft = await stateOf<{
    accounts: { id: string; customerId: string }[];
    links: { clientAccountId: string; managingCustomerId: string; status: string }[];
    invitations: unknown[];
  }>('microsoft_ads');
  const acmeMicrosoft = new Set(
    microsoft.accounts.filter((a) => a.customerId === ACME.microsoftCustomer).map((a) => a.id),
  );
  expect(
    microsoft.links
      .filter(
        (l) =>
          l.managingCustomerId === CAST.microsoft_ads.agencyBusiness &&
          acmeMicrosoft.has(l.clientAccountId),
      )
      .map((l) => [l.clientAccountId, l.status]),
  ).toEqual([[CAST.microsoft_ads.asset, 'Active']]);
  expect(microsoft.invitations).toEqual([]);

  const snapchat = await stateOf<{
    members: { id: string; organizationId: string; email: string; status: string }[];
    roles: {
      memberId: string;
      organizationId: string | null;
      adAccountId: string | null;
      type: string;
    }[];
  }>('snapchat');
  const membership = snapchat.members.filter(
    (m) => m.organizationId === ACME.snapOrganization && m.email === NORA.email,
  );
  expect(membership.map((m) => m.status)).toEqual(['MEMBER']);
  expect(
    snapchat.roles
      .filter((r) => r.memberId === membership[0]?.id)
      .map((r) => [r.organizationId, r.adAccountId, r.type]),
  ).toEqual([
    // Joining the organization makes Nora a plain member (Snap's `member` role); the ad account
    // role is the one asked for, and no organization-wide admin role comes with it.
    [ACME.snapOrganization, null, 'member'],
    [null, CAST.snapchat.asset, 'general'],
  ]);
}
