/**
 * The Snapchat calls the connector makes (contract §2–5), each returning zod-checked objects.
 * Paths come from the manifest; every list follows paging to its end (client.ts).
 */
import { z } from 'zod';
import type { SnapClient } from './client.ts';
import { snapPath } from './manifest.ts';

export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  display_name: z.string().optional(),
});
export const orgSchema = z.object({ id: z.string(), name: z.string() });
export const adAccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  organization_id: z.string(),
  status: z.string().optional(),
});
export const memberSchema = z.object({
  id: z.string(),
  email: z.string(),
  organization_id: z.string(),
  display_name: z.string().optional(),
  member_status: z.string(),
});
export const roleSchema = z.object({
  id: z.string(),
  member_id: z.string(),
  organization_id: z.string().optional(),
  ad_account_id: z.string().optional(),
  type: z.string(),
});

export type SnapMe = z.output<typeof meSchema>;
export type SnapOrg = z.output<typeof orgSchema>;
export type SnapAdAccount = z.output<typeof adAccountSchema>;
export type SnapMember = z.output<typeof memberSchema>;
export type SnapRole = z.output<typeof roleSchema>;

export const getMe = (c: SnapClient, token: string) =>
  c.getOne(token, snapPath('me'), 'me', meSchema);
export const myOrganizations = (c: SnapClient, token: string) =>
  c.get(token, snapPath('meOrganizations'), 'organizations', 'organization', orgSchema);
export const orgAdAccounts = (c: SnapClient, token: string, orgId: string) =>
  c.get(
    token,
    snapPath('organizationAdAccounts', { organization_id: orgId }),
    'adaccounts',
    'adaccount',
    adAccountSchema,
  );
export const orgMembers = (c: SnapClient, token: string, orgId: string) =>
  c.get(
    token,
    snapPath('organizationMembers', { organization_id: orgId }),
    'members',
    'member',
    memberSchema,
  );
export const orgRoles = (c: SnapClient, token: string, orgId: string) =>
  c.get(
    token,
    snapPath('organizationRoles', { organization_id: orgId }),
    'roles',
    'role',
    roleSchema,
  );
export const adAccountRoles = (c: SnapClient, token: string, adAccountId: string) =>
  c.get(
    token,
    snapPath('adAccountRoles', { ad_account_id: adAccountId }),
    'roles',
    'role',
    roleSchema,
  );

export async function inviteMember(
  c: SnapClient,
  token: string,
  orgId: string,
  who: { email: string; displayName: string },
): Promise<SnapMember | undefined> {
  const body = {
    members: [{ email: who.email, organization_id: orgId, display_name: who.displayName }],
  };
  const [member] = await c.send(
    'POST',
    token,
    snapPath('organizationMembers', { organization_id: orgId }),
    body,
    'members',
    'member',
    memberSchema,
  );
  return member;
}

export async function createRole(
  c: SnapClient,
  token: string,
  orgId: string,
  role: { member_id: string; type: string; organization_id?: string; ad_account_id?: string },
): Promise<SnapRole | undefined> {
  const [created] = await c.send(
    'POST',
    token,
    snapPath('organizationRoles', { organization_id: orgId }),
    { roles: [role] },
    'roles',
    'role',
    roleSchema,
  );
  return created;
}

export const deleteRole = (c: SnapClient, token: string, roleId: string) =>
  c.send(
    'DELETE',
    token,
    snapPath('role', { role_id: roleId }),
    undefined,
    'roles',
    'role',
    roleSchema,
  );
export const deleteMember = (c: SnapClient, token: string, memberId: string) =>
  c.send(
    'DELETE',
    token,
    snapPath('member', { member_id: memberId }),
    undefined,
    'members',
    'member',
    memberSchema,
  );
