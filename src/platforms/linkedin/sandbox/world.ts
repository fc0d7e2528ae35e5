// The world file: the starting state of a LinkedIn sandbox (members, Company Pages and their
// admins, ad accounts and their users). The default is worlds/linkedin-default.json.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ACCOUNT_ROLES, ORG_ROLES, type LinkedInState } from './model.ts';

const memberId = z.string().regex(/^[A-Za-z0-9_-]{3,40}$/, 'member id');
const numericId = z.number().int().positive();

export const LinkedInWorldSchema = z.object({
  description: z.string().optional(),
  members: z.array(z.object({ id: memberId, name: z.string().min(1), email: z.email() })),
  organizations: z.array(
    z.object({ id: numericId, name: z.string().min(1), vanityName: z.string().min(1) }),
  ),
  organizationAcls: z
    .array(z.object({ organization: numericId, member: memberId, role: z.enum(ORG_ROLES) }))
    .default([]),
  adAccounts: z.array(
    z.object({
      id: numericId,
      name: z.string().min(1),
      organization: numericId,
      currency: z.string().length(3).default('USD'),
      status: z.enum(['ACTIVE', 'DRAFT', 'CANCELED']).default('ACTIVE'),
    }),
  ),
  adAccountUsers: z
    .array(z.object({ account: numericId, member: memberId, role: z.enum(ACCOUNT_ROLES) }))
    .default([]),
});

export type LinkedInWorld = z.input<typeof LinkedInWorldSchema>;

/** The default world shipped with the sandbox. */
export function readDefaultWorld(): LinkedInWorld {
  const file = new URL('../../../../worlds/linkedin-default.json', import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as LinkedInWorld;
}

/** A fresh state from a world (validated; a bad world throws with the zod message). */
export function stateFromWorld(world: LinkedInWorld, now: Date): LinkedInState {
  const w = LinkedInWorldSchema.parse(world);
  const at = now.getTime();
  const members = new Set(w.members.map((m) => m.id));
  const orgs = new Set(w.organizations.map((o) => o.id));
  const accounts = new Set(w.adAccounts.map((a) => a.id));
  for (const acl of w.organizationAcls) {
    if (!members.has(acl.member) || !orgs.has(acl.organization))
      throw new Error(`organizationAcls: unknown member or organization in ${JSON.stringify(acl)}`);
  }
  for (const row of w.adAccountUsers) {
    if (!members.has(row.member) || !accounts.has(row.account))
      throw new Error(`adAccountUsers: unknown member or account in ${JSON.stringify(row)}`);
  }
  return {
    members: w.members,
    organizations: w.organizations,
    organizationAcls: w.organizationAcls.map((a) => ({ ...a, state: 'APPROVED' as const })),
    adAccounts: w.adAccounts,
    adAccountUsers: w.adAccountUsers.map((u) => ({ ...u, created: at, lastModified: at })),
    codes: [],
    tokens: [],
  };
}
