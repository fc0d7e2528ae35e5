/**
 * Sandbox worlds for lifecycle tests and the benchmark: an agency BC (Northwind Media, Nora its
 * admin) and `clients` client BCs, each sharing assets with the agency as a partner. Most shares
 * are "granted by Latchkey" (returned as seeds for grant rows); one advertiser per client is
 * shared outside Latchkey, so offboarding must keep it.
 */
import type { TikTokWorld } from '../../src/platforms/tiktok/sandbox/index.ts';

export const AGENCY_BC = '7200000000000000002';
export const AGENCY_ADMIN = '7100000000000000003';
/** A second agency's BC (Harbor Digital, Hugo its admin), for tests with two agencies. */
export const AGENCY2_BC = '7200000000000000009';
export const AGENCY2_ADMIN = '7100000000000000009';

export interface SeedGrant {
  readonly clientIndex: number;
  readonly assetType: 'advertiser' | 'pixel' | 'catalog' | 'tiktok_account';
  readonly assetId: string;
  readonly name: string;
  readonly ownerId: string;
  readonly level: string;
}

export interface LifecycleWorld {
  readonly world: TikTokWorld;
  readonly grants: readonly SeedGrant[];
  /** Assets the agency holds that Latchkey did not grant. */
  readonly notGranted: readonly { clientIndex: number; assetId: string }[];
  readonly clientBcs: readonly string[];
  readonly clientAdmins: readonly string[];
}

const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(19 - prefix.length, '0')}`;
const levels = ['ANALYST', 'OPERATOR', 'ADMIN'] as const;

/**
 * `perClient` granted assets per client: advertisers, then a pixel, a catalog and a TikTok account
 * linked to the agency BC (when perClient allows), plus one advertiser not granted by Latchkey.
 * The last `secondAgencyClients` clients share with the second agency's BC instead.
 */
export function buildLifecycleWorld(
  clients: number,
  perClient: number,
  secondAgencyClients = 0,
): LifecycleWorld {
  const users: TikTokWorld['users'] = [
    { userId: AGENCY_ADMIN, email: 'nora@northwind-media.example', name: 'Nora Lindqvist' },
  ];
  const businessCenters: TikTokWorld['businessCenters'] = [
    { bcId: AGENCY_BC, name: 'Northwind Media', company: 'Northwind Media Ltd.', type: 'AGENCY' },
  ];
  const members: TikTokWorld['members'] = [
    { bcId: AGENCY_BC, userId: AGENCY_ADMIN, userRole: 'ADMIN', financeRole: null },
  ];
  if (secondAgencyClients > 0) {
    users.push({ userId: AGENCY2_ADMIN, email: 'hugo@harbor-digital.example', name: 'Hugo Berg' });
    businessCenters.push({
      bcId: AGENCY2_BC,
      name: 'Harbor Digital',
      company: 'Harbor Digital Ltd.',
      type: 'AGENCY',
    });
    members.push({ bcId: AGENCY2_BC, userId: AGENCY2_ADMIN, userRole: 'ADMIN', financeRole: null });
  }
  const advertisers: NonNullable<TikTokWorld['advertisers']> = [];
  const pixels: NonNullable<TikTokWorld['pixels']> = [];
  const catalogs: NonNullable<TikTokWorld['catalogs']> = [];
  const tiktokAccounts: NonNullable<TikTokWorld['tiktokAccounts']> = [];
  const partners: NonNullable<TikTokWorld['partners']> = [];
  const grants: SeedGrant[] = [];
  const notGranted: { clientIndex: number; assetId: string }[] = [];
  const clientBcs: string[] = [];
  const clientAdmins: string[] = [];
  let serial = 1;
  for (let c = 0; c < clients; c += 1) {
    const agencyBc = c >= clients - secondAgencyClients ? AGENCY2_BC : AGENCY_BC;
    const bcId = id('72100', c + 1);
    const adminId = id('71100', c + 1);
    clientBcs.push(bcId);
    clientAdmins.push(adminId);
    users.push({
      userId: adminId,
      email: `admin${c + 1}@client${c + 1}.example`,
      name: `Client ${c + 1} admin`,
    });
    businessCenters.push({ bcId, name: `Client ${c + 1}`, company: `Client ${c + 1} Inc.` });
    members.push({ bcId, userId: adminId, userRole: 'ADMIN', financeRole: null });
    const shares: { assetId: string; roles: string[] }[] = [];
    const extras = perClient >= 6 ? 3 : 0;
    for (let a = 0; a < perClient - extras; a += 1) {
      const assetId = id('73', serial++);
      const level = levels[(c + a) % levels.length] ?? 'ANALYST';
      advertisers.push({
        advertiserId: assetId,
        name: `Client ${c + 1} ads ${a + 1}`,
        ownerBcId: bcId,
      });
      shares.push({ assetId, roles: [level] });
      grants.push({
        clientIndex: c,
        assetType: 'advertiser',
        assetId,
        name: `Client ${c + 1} ads ${a + 1}`,
        ownerId: bcId,
        level,
      });
    }
    if (extras > 0) {
      const pixelId = id('75', serial++);
      pixels.push({
        pixelId,
        pixelCode: `PX${pixelId.slice(-6)}`,
        name: `Client ${c + 1} pixel`,
        ownerBcId: bcId,
      });
      shares.push({ assetId: pixelId, roles: [] });
      grants.push({
        clientIndex: c,
        assetType: 'pixel',
        assetId: pixelId,
        name: `Client ${c + 1} pixel`,
        ownerId: bcId,
        level: 'SHARED',
      });
      const catalogId = id('76', serial++);
      catalogs.push({ catalogId, name: `Client ${c + 1} catalog`, ownerBcId: bcId });
      shares.push({ assetId: catalogId, roles: ['AD_PROMOTE'] });
      grants.push({
        clientIndex: c,
        assetType: 'catalog',
        assetId: catalogId,
        name: `Client ${c + 1} catalog`,
        ownerId: bcId,
        level: 'AD_PROMOTE',
      });
      const accountId = id('74', serial++);
      tiktokAccounts.push({
        accountId,
        name: `@client${c + 1}`,
        ownerUserId: adminId,
        linkedBcIds: [agencyBc],
        sharingAllowed: false,
      });
      grants.push({
        clientIndex: c,
        assetType: 'tiktok_account',
        assetId: accountId,
        name: `@client${c + 1}`,
        ownerId: bcId,
        level: 'AD_DELIVERY',
      });
    }
    const keptId = id('73', serial++);
    advertisers.push({
      advertiserId: keptId,
      name: `Client ${c + 1} shared by hand`,
      ownerBcId: bcId,
    });
    shares.push({ assetId: keptId, roles: ['ANALYST'] });
    notGranted.push({ clientIndex: c, assetId: keptId });
    partners.push({ bcId, partnerBcId: agencyBc, primaryMediaAgency: false, shares });
  }
  return {
    world: {
      users,
      businessCenters,
      members,
      advertisers,
      pixels,
      catalogs,
      tiktokAccounts,
      partners,
    },
    grants,
    notGranted,
    clientBcs,
    clientAdmins,
  };
}
