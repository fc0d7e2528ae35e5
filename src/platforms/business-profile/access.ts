/**
 * Business Profile grant, acceptance, read and revoke (docs/platforms/business-profile.md):
 * the client's token invites the agency as an admin (pending); at each re-check the agency's own
 * token lists its invitations and accepts the matching one; the agency's token reads its role
 * back; revoking deletes the admin entry.
 *
 * Who the agency is: `businessId` is its Google account email, or `accounts/{id}`, a location
 * group of the agency's. An admin entry names a person by email while the invitation is pending,
 * then by the person's first and last name ([REF] Admin.admin), so the agency's entry is matched
 * by `account`, by email, or, once accepted, by the name of its PERSONAL account.
 */
import { isDeniedOrMissing, PlatformError } from '../errors.ts';
import type {
  AccessReading,
  AgencyIdentity,
  AssetRef,
  GrantOutcome,
  RevokeOutcome,
} from '../types.ts';
import {
  acceptInvitation,
  createAdmin,
  deleteAdmin,
  getLocation,
  listAccounts,
  listAdmins,
  listInvitations,
  patchAdminRole,
  type BpAdmin,
  type BusinessProfileApiDeps,
} from './api.ts';
import { businessProfileManifest, LEVEL_ORDER, levelOfRole, ROLE_BY_LEVEL } from './manifest.ts';

/** How the agency shows up in an admin list, and the account its invitations arrive on. */
export interface AgencyWho {
  readonly email?: string;
  /** `accounts/{id}`: the agency's location group, or its PERSONAL account. */
  readonly account?: string;
  /** The PERSONAL account's name (the person's first and last name). */
  readonly name?: string;
  /** Where its invitations are listed. */
  readonly inviteeAccount: string;
}

const GROUP = /^accounts\/\d{1,20}$/;

/** The resource name of an asset, or PlatformError invalid. */
export function parentOf(asset: AssetRef): string {
  const key = businessProfileManifest.assetTypes.find((t) => t.id === asset.type)?.platformKey;
  if (key === undefined || !/^\d{1,20}$/.test(asset.id))
    throw new PlatformError(
      'invalid',
      `Unknown Business Profile asset ${asset.type} ${asset.id}`,
      'bad_asset',
    );
  return `${key}/${asset.id}`;
}

function levelsOf(assetType: string): readonly string[] {
  return (
    businessProfileManifest.assetTypes.find((t) => t.id === assetType)?.levels.map((l) => l.id) ??
    []
  );
}

const rank = (level: string | undefined): number =>
  level === undefined ? -1 : LEVEL_ORDER.indexOf(level);

/** The agency as its own token sees itself (one accounts.list). */
export async function agencyWho(
  deps: BusinessProfileApiDeps,
  agency: AgencyIdentity,
): Promise<AgencyWho> {
  if (GROUP.test(agency.businessId))
    return { account: agency.businessId, inviteeAccount: agency.businessId };
  const accounts = await listAccounts(deps, agency.accessToken);
  const personal = accounts.find((a) => a.type === 'PERSONAL');
  if (!personal?.name)
    throw new PlatformError(
      'invalid',
      'The agency’s Google account has no Business Profile account to receive invitations.',
      'no_personal_account',
    );
  return {
    email: agency.businessId.toLowerCase(),
    account: personal.name,
    ...(personal.accountName ? { name: personal.accountName } : {}),
    inviteeAccount: personal.name,
  };
}

/** Whether an admin entry is the agency's. */
export function isAgency(admin: BpAdmin, who: AgencyWho): boolean {
  if (who.account !== undefined && admin.account === who.account) return true;
  const shown = (admin.admin ?? '').toLowerCase();
  if (who.email !== undefined && shown === who.email) return true;
  return (
    admin.pendingInvitation !== true &&
    who.name !== undefined &&
    who.email !== undefined &&
    admin.account == null &&
    admin.admin === who.name
  );
}

function checkLevel(asset: AssetRef, level: string): string {
  if (!levelsOf(asset.type).includes(level))
    throw new PlatformError(
      'invalid',
      `Unknown Business Profile level ${level} for ${asset.type}`,
      'bad_level',
    );
  return ROLE_BY_LEVEL[level] as string;
}

const pendingDetail = (level: string): string =>
  `Invited as ${level}; the agency's Google connection accepts the invitation at the next check.`;

/** Invites the agency with the client's token; an entry at that level or above is kept. */
export async function grantBusinessProfile(
  deps: BusinessProfileApiDeps,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  const role = checkLevel(input.asset, input.level);
  const parent = parentOf(input.asset);
  if (input.asset.type === 'business_account' && GROUP.test(input.agency.businessId))
    throw new PlatformError(
      'invalid',
      'A location group can be an admin of a location only; choose the agency’s Google account.',
      'group_on_account',
    );
  const who = await agencyWho(deps, input.agency);
  const existing = (await listAdmins(deps, input.clientToken, parent)).find((a) =>
    isAgency(a, who),
  );
  const held = levelOfRole(existing?.role);
  if (existing?.name && rank(held) >= rank(input.level)) {
    return existing.pendingInvitation === true
      ? { kind: 'pending_acceptance', detail: pendingDetail(held as string) }
      : { kind: 'already_granted', level: held as string };
  }
  if (existing?.name) {
    await patchAdminRole(deps, input.clientToken, existing.name, role);
    return existing.pendingInvitation === true
      ? { kind: 'pending_acceptance', detail: pendingDetail(input.level) }
      : { kind: 'granted', level: input.level };
  }
  const invitee =
    who.email !== undefined ? { admin: who.email } : { account: who.account as string };
  await createAdmin(deps, input.clientToken, parent, { ...invitee, role });
  return { kind: 'pending_acceptance', detail: pendingDetail(input.level) };
}

/**
 * The re-check's step: the agency's own token accepts the invitation for this asset. An account
 * invitation names its account; a location invitation names only the location's title ([REF]
 * TargetLocation), read with the client's token; two invitations with that title are left alone.
 */
export async function acceptBusinessProfile(
  deps: BusinessProfileApiDeps,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  const parent = parentOf(input.asset);
  const who = await agencyWho(deps, input.agency);
  const invitations = await listInvitations(deps, input.agency.accessToken, who.inviteeAccount);
  let matching;
  if (input.asset.type === 'business_account') {
    matching = invitations.filter((i) => i.targetAccount?.name === parent);
  } else {
    const title = await locationTitle(deps, input.clientToken, parent);
    matching = invitations.filter(
      (i) =>
        i.targetLocation != null && title !== undefined && i.targetLocation.locationName === title,
    );
  }
  const enough = matching.filter((i) => rank(levelOfRole(i.role)) >= rank(input.level));
  if (enough.length === 1 && enough[0]?.name) {
    await acceptInvitation(deps, input.agency.accessToken, enough[0].name);
    return { kind: 'granted', level: levelOfRole(enough[0].role) as string };
  }
  const reading = await readBusinessProfile(deps, input.agency, input.asset);
  if (reading.kind === 'holds') return { kind: 'granted', level: reading.level };
  return {
    kind: 'pending_acceptance',
    detail:
      enough.length > 1
        ? 'Several invitations name a location with this title; the agency accepts the right one in Business Profile.'
        : pendingDetail(input.level),
  };
}

/** A location's title with the client's token; none when the client may no longer read it. */
async function locationTitle(
  deps: BusinessProfileApiDeps,
  clientToken: string,
  name: string,
): Promise<string | undefined> {
  try {
    return (await getLocation(deps, clientToken, name)).title;
  } catch (error) {
    if (isDeniedOrMissing(error)) return undefined;
    throw error;
  }
}

/** The agency's role on the asset, read with its own token: holds, pending (invited) or lost. */
export async function readBusinessProfile(
  deps: BusinessProfileApiDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AccessReading> {
  const parent = parentOf(asset);
  const who = await agencyWho(deps, agency);
  if (asset.type === 'business_account') {
    const account = (await listAccounts(deps, agency.accessToken)).find((a) => a.name === parent);
    const level = levelOfRole(account?.role);
    if (level !== undefined) return { kind: 'holds', level };
    const invited = (await listInvitations(deps, agency.accessToken, who.inviteeAccount)).find(
      (i) => i.targetAccount?.name === parent,
    );
    const pending = levelOfRole(invited?.role);
    return pending !== undefined ? { kind: 'pending', level: pending } : { kind: 'lost' };
  }
  let admins: BpAdmin[];
  try {
    admins = await listAdmins(deps, agency.accessToken, parent);
  } catch (error) {
    if (isDeniedOrMissing(error)) return { kind: 'lost' };
    throw error;
  }
  const own = admins.find((a) => isAgency(a, who));
  const level = levelOfRole(own?.role);
  if (level === undefined) return { kind: 'lost' };
  return own?.pendingInvitation === true ? { kind: 'pending', level } : { kind: 'holds', level };
}

/** Deletes the agency's admin entry (pending or not), with the client's token when given. */
export async function revokeBusinessProfile(
  deps: BusinessProfileApiDeps,
  input: { agency: AgencyIdentity; clientToken?: string; asset: AssetRef },
): Promise<RevokeOutcome> {
  const parent = parentOf(input.asset);
  const token = input.clientToken ?? input.agency.accessToken;
  const who = await agencyWho(deps, input.agency);
  let admins: BpAdmin[];
  try {
    admins = await listAdmins(deps, token, parent);
  } catch (error) {
    if (input.clientToken === undefined && isDeniedOrMissing(error)) return { kind: 'not_present' };
    throw error;
  }
  const own = admins.find((a) => isAgency(a, who));
  if (!own?.name) return { kind: 'not_present' };
  await deleteAdmin(deps, token, own.name);
  return { kind: 'revoked' };
}
