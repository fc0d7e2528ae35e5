/**
 * Granting, reading and revoking the agency person's access to one ad account (contract §4–6).
 * The agency identity is the agency person's Snapchat sign-in email (`businessId`). The grant
 * reads before it writes: it invites the person to the client's organization once; while the
 * invitation waits at Snapchat it answers pending_acceptance; once the person is a member it gives
 * the organization role `member` (when they hold no organization role) and the ad-account role,
 * each only when missing, so a retried job never writes twice; then it reads the role back.
 */
import { PlatformError } from '../errors.ts';
import type {
  AccessReading,
  AssetAccessReading,
  AgencyIdentity,
  AssetRef,
  GrantOutcome,
  RevokeOutcome,
} from '../types.ts';
import {
  adAccountRoles,
  createRole,
  deleteMember,
  deleteRole,
  getMe,
  inviteMember,
  myOrganizations,
  orgAdAccounts,
  orgMembers,
  orgRoles,
  type SnapMember,
  type SnapRole,
} from './api.ts';
import type { SnapClient } from './client.ts';
import { snapchatManifest } from './manifest.ts';

const LEVELS = snapchatManifest.assetTypes[0].levels.map((l) => l.id) as string[];
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The highest manifest level among role types (org `admin` reaches every ad account as admin). */
export function levelOf(types: readonly string[]): string | undefined {
  let best = -1;
  for (const t of types) best = Math.max(best, LEVELS.indexOf(t));
  return best < 0 ? undefined : LEVELS[best];
}

function checkLevel(asset: AssetRef, level: string): void {
  if (asset.type !== 'ad_account')
    throw new PlatformError('invalid', `Unknown Snapchat asset type ${asset.type}`, 'bad_type');
  if (!LEVELS.includes(level))
    throw new PlatformError(
      'invalid',
      `Level ${level} is not offered for Snapchat ad accounts`,
      'bad_level',
    );
}

/** The organization that owns an ad account, as the token's holder sees it. */
export async function ownerOrg(
  client: SnapClient,
  token: string,
  asset: AssetRef,
): Promise<string | undefined> {
  if (asset.ownerId !== undefined) return asset.ownerId;
  for (const org of await myOrganizations(client, token)) {
    const ads = await orgAdAccounts(client, token, org.id);
    if (ads.some((a) => a.id === asset.id)) return org.id;
  }
  return undefined;
}

const pendingDetail = (email: string, orgName: string) =>
  `Snapchat sent an invitation to ${email} to join the organization ${orgName}. The agency person must accept it at Snapchat (Business Manager, Invitations) while signed in as ${email}. Latchkey then gives the role on the ad account at its next check.`;

export async function grantSnapAccess(
  client: SnapClient,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  checkLevel(input.asset, input.level);
  const token = input.clientToken;
  const email = input.agency.businessId;
  const orgId = await ownerOrg(client, token, input.asset);
  if (orgId === undefined)
    throw new PlatformError(
      'permission',
      `Ad account ${input.asset.id} is in no Snapchat organization you can reach.`,
      'not_org_admin',
    );
  const orgName = (await myOrganizations(client, token)).find((o) => o.id === orgId)?.name ?? orgId;
  const member = await findMember(client, token, orgId, email);
  if (member === undefined) {
    try {
      await inviteMember(client, token, orgId, { email, displayName: email });
    } catch (error) {
      // A retry after an invite that went through but whose answer was lost: Snap says conflict.
      if (!(error instanceof PlatformError && error.kind === 'conflict'))
        throw explain(error, orgName);
    }
    return { kind: 'pending_acceptance', detail: pendingDetail(email, orgName) };
  }
  if (member.member_status !== 'MEMBER')
    return { kind: 'pending_acceptance', detail: pendingDetail(email, orgName) };

  const roles = (await orgRoles(client, token, orgId)).filter((r) => r.member_id === member.id);
  const orgTypes = roles.filter((r) => r.organization_id !== undefined).map((r) => r.type);
  if (orgTypes.includes('admin')) return { kind: 'already_granted', level: 'admin' };
  const held = roles.filter((r) => r.ad_account_id === input.asset.id).map((r) => r.type);
  if (held.includes(input.level))
    return { kind: 'already_granted', level: levelOf(held) ?? input.level };
  if (!orgTypes.includes('member'))
    await ignoreConflict(
      createRole(client, token, orgId, {
        member_id: member.id,
        organization_id: orgId,
        type: 'member',
      }),
      orgName,
    );
  await ignoreConflict(
    createRole(client, token, orgId, {
      member_id: member.id,
      ad_account_id: input.asset.id,
      type: input.level,
    }),
    orgName,
  );
  const after = (await adAccountRoles(client, token, input.asset.id)).filter(
    (r) => r.member_id === member.id,
  );
  const level = levelOf(after.map((r) => r.type));
  if (level === undefined || !after.some((r) => r.type === input.level))
    throw new PlatformError(
      'unavailable',
      'Snapchat accepted the role but does not show it yet',
      'read_back_missing',
    );
  return { kind: 'granted', level };
}

async function ignoreConflict(call: Promise<unknown>, orgName: string): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'conflict') return;
    throw explain(error, orgName);
  }
}

function explain(error: unknown, orgName: string): unknown {
  if (!(error instanceof PlatformError) || error.kind !== 'permission') return error;
  return new PlatformError(
    'permission',
    `Only an admin of the Snapchat organization "${orgName}" can invite people and give roles. Ask one of its admins to open this link, or to make you an admin, then try again.`,
    'not_org_admin',
    error.extra,
  );
}

async function findMember(
  client: SnapClient,
  token: string,
  orgId: string,
  email: string,
): Promise<SnapMember | undefined> {
  return (await orgMembers(client, token, orgId)).find((m) => same(m.email, email));
}

/**
 * What the agency person holds on the ad account, read with their own token: nothing visible
 * ('lost') while they are only invited (Snap shows an invitation to no API), the highest role
 * once they are a member.
 */
export async function readSnapAccess(
  client: SnapClient,
  input: { agency: AgencyIdentity; asset: AssetRef },
): Promise<AccessReading> {
  const token = input.agency.accessToken;
  const orgs = await myOrganizations(client, token);
  const orgId = input.asset.ownerId ?? (await ownerOrg(client, token, input.asset));
  if (orgId === undefined || !orgs.some((o) => o.id === orgId)) return { kind: 'lost' };
  const me = await getMe(client, token);
  const member = await findMember(client, token, orgId, me.email);
  if (member === undefined || member.member_status !== 'MEMBER') return { kind: 'lost' };
  const roles = (await orgRoles(client, token, orgId)).filter((r) => r.member_id === member.id);
  if (roles.some((r) => r.organization_id !== undefined && r.type === 'admin'))
    return { kind: 'holds', level: 'admin' };
  const level = levelOf(roles.filter((r) => r.ad_account_id === input.asset.id).map((r) => r.type));
  return level === undefined ? { kind: 'lost' } : { kind: 'holds', level };
}

/**
 * Removes the agency person's roles on the ad account (the client's token: only org admins change
 * roles). When no ad-account role is left for them in the organization, the membership (or the
 * unanswered invitation) is removed too, so an offboarded agency keeps nothing there.
 */
export async function revokeSnapAccess(
  client: SnapClient,
  input: { agency: AgencyIdentity; clientToken?: string; asset: AssetRef },
): Promise<RevokeOutcome> {
  const token = input.clientToken;
  if (token === undefined)
    throw new PlatformError(
      'permission',
      `Only an admin of the client's Snapchat organization can remove roles and members: the client removes ${input.agency.businessId} in Snap Business Manager › Members.`,
      'client_token_needed',
    );
  const orgId = await ownerOrg(client, token, input.asset);
  if (orgId === undefined) return { kind: 'not_present' };
  const member = await findMember(client, token, orgId, input.agency.businessId);
  if (member === undefined) return { kind: 'not_present' };
  const roles = (await orgRoles(client, token, orgId)).filter((r) => r.member_id === member.id);
  const here = roles.filter((r) => r.ad_account_id === input.asset.id);
  for (const role of here) await ignoreMissing(deleteRole(client, token, role.id));
  const others = roles.filter(
    (r: SnapRole) => r.ad_account_id !== undefined && r.ad_account_id !== input.asset.id,
  );
  if (others.length === 0) await ignoreMissing(deleteMember(client, token, member.id));
  return here.length > 0 || member.member_status !== 'MEMBER'
    ? { kind: 'revoked' }
    : { kind: 'not_present' };
}

async function ignoreMissing(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'not_found') return;
    throw error;
  }
}

const ACCESS_LIMITS = [
  "Only the agency person's own access is read: the client's other members and their roles need the client's connection.",
];

/**
 * Who reaches the ad account through the agency (the effective-access explainer): the agency
 * person, read with their own token; nothing while the invitation waits.
 */
export async function readSnapAssetAccess(
  client: SnapClient,
  input: { agency: AgencyIdentity; asset: AssetRef },
): Promise<AssetAccessReading> {
  const token = input.agency.accessToken;
  const orgs = await myOrganizations(client, token);
  const orgId = input.asset.ownerId ?? (await ownerOrg(client, token, input.asset));
  const org = orgs.find((o) => o.id === orgId);
  if (org === undefined) return { holding: null, paths: [], limits: ACCESS_LIMITS };
  const me = await getMe(client, token);
  const member = await findMember(client, token, org.id, me.email);
  if (member === undefined || member.member_status !== 'MEMBER')
    return { holding: null, paths: [], limits: ACCESS_LIMITS };
  const roles = (await orgRoles(client, token, org.id)).filter((r) => r.member_id === member.id);
  const orgTypes = roles.filter((r) => r.organization_id !== undefined).map((r) => r.type);
  const admin = orgTypes.includes('admin');
  const levels = admin
    ? ['admin']
    : roles.filter((r) => r.ad_account_id === input.asset.id).map((r) => r.type);
  if (levels.length === 0) return { holding: null, paths: [], limits: ACCESS_LIMITS };
  const holding = {
    relation: 'member_role',
    status: 'holds' as const,
    levels,
    sourceName: org.name,
  };
  return {
    holding,
    paths: [
      {
        person: { id: me.id, name: me.display_name ?? null, email: me.email },
        business: { id: input.agency.businessId, relation: 'member_role', sourceName: org.name },
        businessRole: orgTypes.join(', ') || 'member',
        reason: admin ? 'business_admin' : 'asset_assignment',
        levels,
      },
    ],
    limits: ACCESS_LIMITS,
  };
}
