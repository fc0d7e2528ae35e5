/**
 * Merchant Center grant, verify, read and revoke over account users
 * (docs/platforms/merchant-center-api.md): the client's token adds (or raises) the agency's Google
 * user with one access right; the new user is PENDING; the agency's own token then calls
 * users.me.verifySelf, which moves it to VERIFIED with no email click. Read back first (R2).
 */
import { PlatformError } from '../errors.ts';
import type {
  AccessReading,
  AgencyIdentity,
  AssetRef,
  GrantOutcome,
  RevokeOutcome,
} from '../types.ts';
import {
  createUser,
  deleteUser,
  getUser,
  patchUser,
  verifySelf,
  type MerchantApiDeps,
  type MerchantUser,
} from './api.ts';
import { ACCESS_RIGHT_OF, MERCHANT_LEVELS } from './manifest.ts';

/** The account id of a `merchant_account` asset, or PlatformError invalid. */
export function accountOf(asset: AssetRef): string {
  if (asset.type === 'merchant_account' && /^\d{1,20}$/.test(asset.id)) return asset.id;
  throw new PlatformError(
    'invalid',
    `Unknown Merchant Center asset ${asset.type} ${asset.id}`,
    'bad_asset',
  );
}

/** The highest Latchkey level a user's access rights give, or undefined for none. */
export function levelOf(user: MerchantUser | undefined): string | undefined {
  const rights = user?.accessRights ?? [];
  return [...MERCHANT_LEVELS].reverse().find((level) => rights.includes(ACCESS_RIGHT_OF[level]!));
}

const rank = (level: string): number => MERCHANT_LEVELS.indexOf(level);
const isMissing = (error: unknown): boolean =>
  error instanceof PlatformError && (error.kind === 'not_found' || error.kind === 'permission');

/** A user by email (or `me`); undefined when there is none. */
async function userOrNone(
  deps: MerchantApiDeps,
  token: string,
  accountId: string,
  who: string,
): Promise<MerchantUser | undefined> {
  try {
    return await getUser(deps, token, accountId, who);
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'not_found') return undefined;
    throw error;
  }
}

const pendingDetail = (email: string): string =>
  `Merchant Center added ${email} as a pending user. It becomes active when the agency's Google connection verifies it (checked again automatically) or when ${email} accepts the invitation email.`;

/**
 * The agency's own token verifies its pending user (users.me.verifySelf). True when the user is
 * verified; false when the agency's token cannot (another Google account, no `content` scope).
 */
async function verifyAsAgency(
  deps: MerchantApiDeps,
  agency: AgencyIdentity,
  accountId: string,
): Promise<boolean> {
  try {
    const user = await verifySelf(deps, agency.accessToken, accountId);
    return user.state === 'VERIFIED';
  } catch (error) {
    if (isMissing(error) || (error instanceof PlatformError && error.kind === 'auth')) return false;
    throw error;
  }
}

/** Grants `level`; the same or a higher level already held (and verified) is already_granted. */
export async function grantMerchant(
  deps: MerchantApiDeps,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  const accountId = accountOf(input.asset);
  const right = ACCESS_RIGHT_OF[input.level];
  if (right === undefined || rank(input.level) < 0)
    throw new PlatformError('invalid', `Unknown Merchant Center level ${input.level}`, 'bad_level');
  const email = input.agency.businessId.toLowerCase();
  const existing = await userOrNone(deps, input.clientToken, accountId, email);
  const held = levelOf(existing);
  const enough = held !== undefined && rank(held) >= rank(input.level);
  if (!enough) {
    if (existing) await patchUser(deps, input.clientToken, accountId, email, [right]);
    else await createUser(deps, input.clientToken, accountId, email, [right]);
  }
  const verified =
    (enough && existing?.state === 'VERIFIED') ||
    (await verifyAsAgency(deps, input.agency, accountId));
  if (!verified) return { kind: 'pending_acceptance', detail: pendingDetail(email) };
  return enough
    ? { kind: 'already_granted', level: held }
    : { kind: 'granted', level: input.level };
}

/** At a re-check: a user still pending is verified with the agency's own token. */
export async function continueMerchant(
  deps: MerchantApiDeps,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  const accountId = accountOf(input.asset);
  const own = await userOrNone(deps, input.agency.accessToken, accountId, 'me').catch(
    (error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    },
  );
  const level = levelOf(own);
  if (own === undefined || level === undefined)
    return { kind: 'pending_acceptance', detail: pendingDetail(input.agency.businessId) };
  if (own.state === 'VERIFIED' || (await verifyAsAgency(deps, input.agency, accountId)))
    return { kind: 'granted', level };
  return { kind: 'pending_acceptance', detail: pendingDetail(input.agency.businessId) };
}

/** Reads the agency's own user with its token: holds (verified), pending, or lost. */
export async function readMerchant(
  deps: MerchantApiDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AccessReading> {
  let own: MerchantUser | undefined;
  try {
    own = await getUser(deps, agency.accessToken, accountOf(asset), 'me');
  } catch (error) {
    // No user on the account any more (or the account is gone): the agency has lost it.
    if (isMissing(error)) return { kind: 'lost' };
    throw error;
  }
  const level = levelOf(own);
  if (level === undefined) return { kind: 'lost' };
  return own.state === 'VERIFIED' ? { kind: 'holds', level } : { kind: 'pending', level };
}

/** Removes the agency's user: with the client's token by email, else the agency removes itself. */
export async function revokeMerchant(
  deps: MerchantApiDeps,
  input: { agency: AgencyIdentity; clientToken?: string; asset: AssetRef },
): Promise<RevokeOutcome> {
  const accountId = accountOf(input.asset);
  const token = input.clientToken ?? input.agency.accessToken;
  const who = input.clientToken !== undefined ? input.agency.businessId.toLowerCase() : 'me';
  let existing: MerchantUser | undefined;
  try {
    existing = await userOrNone(deps, token, accountId, who);
  } catch (error) {
    if (input.clientToken === undefined && isMissing(error)) return { kind: 'not_present' };
    throw error;
  }
  if (!existing) return { kind: 'not_present' };
  await deleteUser(deps, token, accountId, who);
  return { kind: 'revoked' };
}
