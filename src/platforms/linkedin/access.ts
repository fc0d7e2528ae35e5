/**
 * Reading, listing and revoking what the agency member holds (linkedin-api.md §3, §4), with the
 * agency's own token: `GET /adAccountUsers/(account,user)`, `adAccountUsers?q=authenticatedUser`,
 * `organizationAcls?q=roleAssignee`; `DELETE /adAccountUsers/(account,user)` revokes (the
 * client's token when given, else the member removes itself: item 2). Page admin has no API.
 */
import { PlatformError } from '../errors.ts';
import type {
  AccessReading,
  AgencyHolding,
  AgencyIdentity,
  AssetAccessReading,
  AssetRef,
  RevokeOutcome,
} from '../types.ts';
import { accountUserKey } from './api.ts';
import type { LinkedInDeps } from './deps.ts';
import { AccountUserSchema, OrgAclSchema } from './listing.ts';
import { UserinfoSchema } from './oauth.ts';
import { ACCOUNT_LEVEL_ROLES, PAGE_LEVEL, type AccountLevel } from './manifest.ts';

const urnId = (urn: string) => urn.slice(urn.lastIndexOf(':') + 1);
const levelOf = (role: string) =>
  (Object.keys(ACCOUNT_LEVEL_ROLES) as AccountLevel[]).find((l) => ACCOUNT_LEVEL_ROLES[l] === role);

type RetryPage = <T>(read: () => Promise<T>) => Promise<T>;

async function adminPages(deps: LinkedInDeps, token: string, retryPage?: RetryPage) {
  return deps.api.findAll(
    '/organizationAcls',
    'roleAssignee',
    { role: 'ADMINISTRATOR', state: 'APPROVED' },
    token,
    OrgAclSchema,
    retryPage,
  );
}

/** What the agency member holds on one asset; a row it can no longer see reads as lost. */
export async function readLinkedInAccess(
  deps: LinkedInDeps,
  input: { agency: AgencyIdentity; asset: AssetRef },
): Promise<AccessReading> {
  const { agency, asset } = input;
  const token = agency.accessToken;
  if (asset.type === 'company_page') {
    const acls = await adminPages(deps, token);
    return acls.some((a) => urnId(a.organization) === asset.id)
      ? { kind: 'holds', level: PAGE_LEVEL }
      : { kind: 'lost' };
  }
  checkAccountType(asset);
  try {
    const row = await deps.api.get(
      '/adAccountUsers/{key}',
      accountUserKey(asset.id, agency.businessId),
      token,
      AccountUserSchema,
    );
    const level = row === undefined ? undefined : levelOf(row.role);
    return level === undefined ? { kind: 'lost' } : { kind: 'holds', level };
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'permission') return { kind: 'lost' };
    throw error;
  }
}

/** Ends the agency member's role on an ad account; Pages are left to a person (no API). */
export async function revokeLinkedInAccess(
  deps: LinkedInDeps,
  input: { agency: AgencyIdentity; clientToken?: string; asset: AssetRef },
): Promise<RevokeOutcome> {
  const { agency, asset } = input;
  if (asset.type === 'company_page') {
    const held = await readLinkedInAccess(deps, { agency, asset });
    if (held.kind === 'lost') return { kind: 'not_present' };
    throw new PlatformError(
      'invalid',
      'A LinkedIn Page admin is removed by hand in the Page admin view (no API)',
      'manual_only',
    );
  }
  checkAccountType(asset);
  const removed = await deps.api.delete(
    '/adAccountUsers/{key}',
    accountUserKey(asset.id, agency.businessId),
    input.clientToken ?? agency.accessToken,
  );
  return removed ? { kind: 'revoked' } : { kind: 'not_present' };
}

/**
 * Every ad account and Page the agency member holds, in one paged read per type; each page's read
 * goes through `retryPage` when given (a transient error re-reads one page).
 */
export async function listLinkedInAgencyHoldings(
  deps: LinkedInDeps,
  input: { agency: AgencyIdentity; assetTypes: readonly string[]; retryPage?: RetryPage },
): Promise<AgencyHolding[]> {
  const token = input.agency.accessToken;
  const out: AgencyHolding[] = [];
  if (input.assetTypes.includes('ad_account')) {
    const rows = await deps.api.findAll(
      '/adAccountUsers',
      'authenticatedUser',
      {},
      token,
      AccountUserSchema,
      input.retryPage,
    );
    for (const row of rows) {
      const level = levelOf(row.role);
      if (level === undefined) continue;
      out.push({
        type: 'ad_account',
        id: urnId(row.account),
        name: null,
        reading: { kind: 'holds', level },
        relation: 'account_role',
        sourceName: null,
      });
    }
  }
  if (input.assetTypes.includes('company_page')) {
    for (const acl of await adminPages(deps, token, input.retryPage)) {
      out.push({
        type: 'company_page',
        id: urnId(acl.organization),
        name: null,
        reading: { kind: 'holds', level: PAGE_LEVEL },
        relation: 'page_role',
        sourceName: null,
      });
    }
  }
  return out;
}

/** The explainer's reading: the agency member's own role on the asset, and what stays unseen. */
export async function readLinkedInAssetAccess(
  deps: LinkedInDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AssetAccessReading> {
  const reading = await readLinkedInAccess(deps, { agency, asset });
  const limits = [
    'LinkedIn gives roles to members one by one, not to a business: only the connected agency member is read here; a colleague reaches the asset only with a role of their own.',
  ];
  if (reading.kind === 'lost') return { holding: null, paths: [], limits };
  // The member's own name and email, as its sign-in shows them (`/v2/userinfo`, api §1).
  const me = await deps.api.getV2('/userinfo', agency.accessToken, UserinfoSchema);
  const page = asset.type === 'company_page';
  const role = page ? 'ADMINISTRATOR' : ACCOUNT_LEVEL_ROLES[reading.level as AccountLevel];
  const relation = page ? 'page_role' : 'account_role';
  return {
    holding: { relation, status: 'holds', levels: [reading.level], sourceName: null },
    paths: [
      {
        person: { id: agency.businessId, name: me.name ?? null, email: me.email ?? null },
        business: { id: agency.businessId, relation, sourceName: null },
        businessRole: role,
        reason: 'asset_assignment',
        levels: [reading.level],
      },
    ],
    limits,
  };
}

function checkAccountType(asset: AssetRef): void {
  if (asset.type !== 'ad_account')
    throw new PlatformError('invalid', `LinkedIn has no asset type ${asset.type}`, 'bad_type');
}
