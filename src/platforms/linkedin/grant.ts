/**
 * Granting (linkedin-api.md §3, §4). Ad account: read the agency member's row first, then
 * `PUT /adAccountUsers/(account,user)` with the role (LinkedIn's upsert, so a retried grant
 * lands once), then read it back. A role the agency already holds at or above the level is left
 * alone. Billing admin and Company Pages are guided steps (no API for them, items 1 and 3).
 */
import { PlatformError } from '../errors.ts';
import type { AgencyIdentity, AssetRef, GrantOutcome, ManualStep } from '../types.ts';
import { accountUserKey } from './api.ts';
import type { LinkedInDeps } from './deps.ts';
import { AccountUserSchema } from './listing.ts';
import { ACCOUNT_LEVEL_ROLES, PAGE_LEVEL, type AccountLevel } from './manifest.ts';
import { readLinkedInAccess } from './access.ts';

const ROLE_ORDER = Object.values(ACCOUNT_LEVEL_ROLES) as string[];

/** The level id of a LinkedIn account role. */
export function levelOfRole(role: string): AccountLevel | undefined {
  return (Object.keys(ACCOUNT_LEVEL_ROLES) as AccountLevel[]).find(
    (level) => ACCOUNT_LEVEL_ROLES[level] === role,
  );
}

/** Gives the agency member the level on the asset, idempotently. */
export async function grantLinkedInAccess(
  deps: LinkedInDeps,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  const { asset, agency, clientToken } = input;
  if (asset.type === 'company_page') {
    const held = await readLinkedInAccess(deps, { agency, asset });
    if (held.kind === 'holds') return { kind: 'already_granted', level: PAGE_LEVEL };
    return { kind: 'needs_manual_step', step: pageAdminStep(deps, agency, asset.id) };
  }
  if (asset.type !== 'ad_account')
    throw new PlatformError('invalid', `LinkedIn has no asset type ${asset.type}`, 'bad_type');
  const role = ACCOUNT_LEVEL_ROLES[input.level as AccountLevel] as string | undefined;
  if (role === undefined)
    throw new PlatformError(
      'invalid',
      `No level ${input.level} for a LinkedIn ad account`,
      'bad_level',
    );
  const key = accountUserKey(asset.id, agency.businessId);
  const before = await deps.api.get('/adAccountUsers/{key}', key, clientToken, AccountUserSchema);
  if (before && ROLE_ORDER.indexOf(before.role) >= ROLE_ORDER.indexOf(role))
    return { kind: 'already_granted', level: levelOfRole(before.role) ?? input.level };
  if (role === 'ACCOUNT_BILLING_ADMIN')
    return { kind: 'needs_manual_step', step: billingAdminStep(deps, agency, asset.id) };
  await deps.api.update(
    '/adAccountUsers/{key}',
    key,
    { account: key.key.account, user: key.key.user, role },
    clientToken,
  );
  const after = await deps.api.get('/adAccountUsers/{key}', key, clientToken, AccountUserSchema);
  if (after?.role !== role)
    throw new PlatformError(
      'unexpected',
      'LinkedIn accepted the role but does not list it',
      'not_visible',
    );
  return { kind: 'granted', level: input.level };
}

/** The client adds the agency member as an admin in the Page admin view. */
export function pageAdminStep(
  deps: LinkedInDeps,
  agency: AgencyIdentity,
  pageId: string,
): ManualStep {
  return {
    title: 'Add our LinkedIn member as an admin of your Company Page',
    instructions: [
      'Open your Page admin view (the button below) and sign in with a LinkedIn member who is an admin of the Page.',
      'Go to Settings › Manage admins and choose "Add admin".',
      `Search for our member (LinkedIn member id ${agency.businessId}) and give the "Super admin" role.`,
      'Save, then come back here and press "I did it": we check through LinkedIn that we are an admin.',
    ],
    actionUrl: `${deps.wwwBaseUrl.replace(/\/+$/, '')}/company/${encodeURIComponent(pageId)}/admin/settings/manage-admins`,
  };
}

/** LinkedIn has one billing admin per account, handed over in Campaign Manager. */
export function billingAdminStep(
  deps: LinkedInDeps,
  agency: AgencyIdentity,
  accountId: string,
): ManualStep {
  return {
    title: `Make our LinkedIn member the billing admin of ad account ${accountId}`,
    instructions: [
      'LinkedIn allows one billing admin per ad account, and only the current billing admin can hand the role over.',
      'Open Campaign Manager (the button below), choose the account, then Account settings › Manage access.',
      `Give the billing admin role to our member (LinkedIn member id ${agency.businessId}).`,
      'Come back here and press "I did it": we check through LinkedIn that we hold the role.',
    ],
    actionUrl: deps.campaignManagerUrl,
  };
}
