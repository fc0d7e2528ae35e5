/**
 * What the client can share, read with the client's token (linkedin-api.md §2–§4): the ad
 * accounts it reaches (`adAccounts?q=search`) with its own role on each
 * (`adAccountUsers?q=authenticatedUser`), and the Company Pages it administers
 * (`organizationAcls?q=roleAssignee`), named through `/organizations/{id}`. No id is typed.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import type { LinkedInDeps } from './deps.ts';
import { UserinfoSchema } from './oauth.ts';

const urnId = (urn: string) => urn.slice(urn.lastIndexOf(':') + 1);

export const AdAccountSchema = z.object({
  id: z.number(),
  name: z.string(),
  reference: z.string().optional(),
  status: z.string().optional(),
});
export const AccountUserSchema = z.object({
  account: z.string(),
  user: z.string(),
  role: z.string(),
});
export const OrgAclSchema = z.object({
  organization: z.string(),
  roleAssignee: z.string(),
  role: z.string(),
  state: z.string(),
});
const OrganizationSchema = z.object({ id: z.number(), localizedName: z.string() });

/** Roles that may add people to an ad account (linkedin-api.md item 3). */
const MANAGING_ROLES = new Set(['ACCOUNT_MANAGER', 'ACCOUNT_BILLING_ADMIN']);

/** Lists the client's ad accounts and Company Pages, with why any cannot be shared. */
export async function listLinkedInClientAssets(
  deps: LinkedInDeps,
  token: string,
): Promise<ClientAssetListing> {
  // The client consented only to the scopes its request needs (`linkedinScopesFor`): a part the
  // token has no scope for answers 403 and lists nothing.
  const accounts = await unlessNotPermitted(() =>
    deps.api.searchAll(
      '/adAccounts',
      { search: { status: { values: ['ACTIVE', 'DRAFT'] } } },
      token,
      AdAccountSchema,
    ),
  );
  const roles =
    accounts.length === 0
      ? []
      : await deps.api.findAll(
          '/adAccountUsers',
          'authenticatedUser',
          {},
          token,
          AccountUserSchema,
        );
  const acls = await unlessNotPermitted(() =>
    deps.api.findAll(
      '/organizationAcls',
      'roleAssignee',
      { role: 'ADMINISTRATOR', state: 'APPROVED' },
      token,
      OrgAclSchema,
    ),
  );
  const pageIds = acls.map((a) => urnId(a.organization));
  const ownerIds = accounts
    .map((a) => a.reference)
    .filter((r): r is string => r?.startsWith('urn:li:organization:') === true)
    .map(urnId);
  const names = new Map<string, string>();
  for (const id of new Set([...pageIds, ...ownerIds])) {
    const org = await deps.api.get(
      '/organizations/{id}',
      { id: Number(id) },
      token,
      OrganizationSchema,
    );
    if (org) names.set(id, org.localizedName);
  }
  const roleOf = new Map(roles.map((r) => [urnId(r.account), r.role]));
  const assets: ClientAsset[] = accounts.map((a) => {
    const id = String(a.id);
    const owner = a.reference?.startsWith('urn:li:organization:') ? urnId(a.reference) : undefined;
    const role = roleOf.get(id);
    return {
      type: 'ad_account',
      id,
      name: a.name,
      ...(owner === undefined ? {} : { ownerId: owner, ownerName: names.get(owner) ?? owner }),
      ...(role !== undefined && MANAGING_ROLES.has(role)
        ? {}
        : {
            blocked: {
              code: 'not_account_manager',
              message: `Your role on this ad account is ${role ?? 'none'}: only an account manager or the billing admin can add people.`,
            },
          }),
    };
  });
  for (const id of new Set(pageIds)) {
    assets.push({
      type: 'company_page',
      id,
      name: names.get(id) ?? `Page ${id}`,
      ownerId: id,
      ownerName: names.get(id) ?? id,
    });
  }
  const businesses = [...new Set([...pageIds, ...ownerIds])].map((id) => ({
    id,
    name: names.get(id) ?? id,
    isAdmin: pageIds.includes(id),
  }));
  return {
    businesses,
    assets,
    ...(assets.length === 0
      ? {
          notice: {
            code: 'nothing_to_share',
            message: 'This LinkedIn member has no ad account and administers no Company Page.',
          },
        }
      : {}),
  };
}

/** The agency's identity: the member who signed in (`urn:li:person:{sub}`). */
export async function listLinkedInAgencyMembers(
  deps: LinkedInDeps,
  token: string,
): Promise<ClientAssetListing['businesses']> {
  const me = await deps.api.getV2('/userinfo', token, UserinfoSchema);
  return [{ id: me.sub, name: me.name ?? me.email ?? me.sub, isAdmin: true }];
}

/** The rows of a read, or none when LinkedIn refuses it for want of a scope (403). */
async function unlessNotPermitted<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'permission') return [];
    throw error;
  }
}
