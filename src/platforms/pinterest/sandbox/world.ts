// The world file: the starting state of a Pinterest sandbox (people, businesses, assets,
// partnerships, asset access, pending invites). Default: worlds/pinterest-default.json.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PERMISSIONS, type SandboxState } from './state.ts';

const numeric = z.string().regex(/^\d{5,20}$/, 'numeric id');
const permissions = z.array(z.enum(PERMISSIONS)).min(1);

export const PinterestWorldSchema = z.object({
  description: z.string().optional(),
  users: z.array(
    z.object({ id: numeric, name: z.string(), email: z.email(), username: z.string() }),
  ),
  businesses: z.array(
    z.object({
      id: numeric,
      name: z.string(),
      username: z.string(),
      admins: z.array(numeric).default([]),
      employees: z.array(numeric).default([]),
    }),
  ),
  assets: z.array(
    z.object({
      id: numeric,
      type: z.enum(['AD_ACCOUNT', 'PROFILE', 'CATALOG']),
      name: z.string(),
      ownerBusinessId: numeric,
      country: z.string().default('US'),
      currency: z.string().default('USD'),
    }),
  ),
  partnerships: z
    .array(z.object({ ownerBusinessId: numeric, partnerBusinessId: numeric }))
    .default([]),
  partnerAccess: z
    .array(
      z.object({
        ownerBusinessId: numeric,
        partnerBusinessId: numeric,
        assetId: numeric,
        permissions,
      }),
    )
    .default([]),
  memberAccess: z
    .array(z.object({ businessId: numeric, userId: numeric, assetId: numeric, permissions }))
    .default([]),
  invites: z
    .array(
      z.object({
        senderBusinessId: numeric,
        targetBusinessId: numeric,
        inviteType: z.enum(['PARTNER_INVITE', 'PARTNER_REQUEST']),
        assetPermissions: z.record(numeric, permissions).default({}),
      }),
    )
    .default([]),
});

export type PinterestWorld = z.input<typeof PinterestWorldSchema>;

/** Reads a world file from disk. */
export function readWorldFile(path: string | URL): PinterestWorld {
  return PinterestWorldSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The default world shipped in the repo: `worlds/pinterest-default.json`. */
export function readDefaultWorld(): PinterestWorld {
  return readWorldFile(new URL('../../../../worlds/pinterest-default.json', import.meta.url));
}

const INVITE_DAYS_MS = 30 * 24 * 3_600_000;

/** Builds a fresh sandbox state from a world (throws a zod error naming a bad field). */
export function stateFromWorld(input: PinterestWorld, at: Date): SandboxState {
  const w = PinterestWorldSchema.parse(input);
  const t = at.getTime();
  return {
    users: w.users.map((u) => ({ ...u })),
    businesses: w.businesses.map((b) => ({ id: b.id, name: b.name, username: b.username })),
    memberships: w.businesses.flatMap((b) => [
      ...b.admins.map((userId) => ({ businessId: b.id, userId, role: 'BIZ_ADMIN' as const })),
      ...b.employees.map((userId) => ({ businessId: b.id, userId, role: 'EMPLOYEE' as const })),
    ]),
    assets: w.assets.map((a) => ({ ...a, createdTime: Math.floor(t / 1000) })),
    partnerships: w.partnerships.map((p) => ({ ...p, createdTime: t })),
    partnerAccess: w.partnerAccess.map((a) => ({ ...a })),
    memberAccess: w.memberAccess.map((a) => ({ ...a })),
    invites: w.invites.map((i, n) => ({
      id: String(1300000000000001 + n),
      ...i,
      businessRole: 'PARTNER' as const,
      status: 'PENDING' as const,
      createdByUserId: null,
      sentAt: t,
      expiresAt: t + INVITE_DAYS_MS,
      updatedAt: t,
    })),
    nextId: 1300000000000001 + w.invites.length,
    codes: [],
    tokens: [],
  };
}

export { INVITE_DAYS_MS };
