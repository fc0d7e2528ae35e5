// The world file: the starting state of a sandbox (users, BCs, members, assets, partners).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fullRoles } from './model/roles.ts';
import type { Holding, SandboxState } from './model/types.ts';

const id19 = z.string().regex(/^\d{19}$/, '19-digit ID');

export const TikTokWorldSchema = z.object({
  description: z.string().optional(),
  users: z.array(z.object({ userId: id19, email: z.email(), name: z.string() })),
  businessCenters: z.array(
    z.object({
      bcId: id19,
      name: z.string(),
      company: z.string(),
      currency: z.string().default('USD'),
      timezone: z.string().default('Etc/GMT'),
      registeredArea: z.string().default('US'),
      type: z
        .enum(['NORMAL', 'AGENCY', 'DIRECT', 'SELF_SERVICE', 'SELF_SERVICE_AGENCY'])
        .default('NORMAL'),
    }),
  ),
  members: z.array(
    z.object({
      bcId: id19,
      userId: id19,
      userRole: z.enum(['ADMIN', 'STANDARD']),
      financeRole: z.enum(['MANAGER', 'ANALYST']).nullable().default(null),
    }),
  ),
  advertisers: z
    .array(z.object({ advertiserId: id19, name: z.string(), ownerBcId: id19 }))
    .default([]),
  pixels: z
    .array(z.object({ pixelId: id19, pixelCode: z.string(), name: z.string(), ownerBcId: id19 }))
    .default([]),
  catalogs: z.array(z.object({ catalogId: id19, name: z.string(), ownerBcId: id19 })).default([]),
  tiktokAccounts: z
    .array(
      z.object({
        accountId: id19,
        name: z.string(),
        ownerUserId: id19,
        linkedBcIds: z.array(id19).default([]),
        sharingAllowed: z.boolean().default(true),
      }),
    )
    .default([]),
  assignments: z
    .array(z.object({ bcId: id19, userId: id19, assetId: id19, roles: z.array(z.string()) }))
    .default([]),
  partners: z
    .array(
      z.object({
        bcId: id19,
        partnerBcId: id19,
        primaryMediaAgency: z.boolean().default(false),
        shares: z.array(z.object({ assetId: id19, roles: z.array(z.string()) })).default([]),
      }),
    )
    .default([]),
});

export type TikTokWorld = z.input<typeof TikTokWorldSchema>;

/** Parses and validates a world (throws a zod error naming the bad field). */
export function parseWorld(input: unknown): z.output<typeof TikTokWorldSchema> {
  return TikTokWorldSchema.parse(input);
}

/** Reads a world file from disk. */
export function readWorldFile(path: string | URL): TikTokWorld {
  return parseWorld(JSON.parse(readFileSync(path, 'utf8')));
}

/** The default world shipped in the repo: `worlds/tiktok-default.json`. */
export function readDefaultWorld(): TikTokWorld {
  return readWorldFile(new URL('../../../../worlds/tiktok-default.json', import.meta.url));
}

/** Builds a fresh sandbox state from a world. */
export function stateFromWorld(input: TikTokWorld, at: Date): SandboxState {
  const w = parseWorld(input);
  const t = at.toISOString();
  const owned = (bcId: string, assetId: string, roles: string[]): Holding => ({
    bcId,
    assetId,
    relationType: 'OWNER_BC',
    status: 'BOUND',
    sourceBcId: null,
    roles,
    ttSharingAllowed: false,
    updatedAt: t,
  });
  const base = {
    ownerUserId: null,
    pixelCode: null,
    advertiserStatus: 'SHOW_ACCOUNT_STATUS_APPROVED' as const,
  };
  return {
    users: w.users.map((u) => ({ ...u })),
    businessCenters: w.businessCenters.map((b) => ({ ...b })),
    members: w.members.map((m) => ({
      ...m,
      email: emailOf(w.users, m.userId),
      status: 'BOUND' as const,
      invitedAt: t,
      resendCount: 0,
      inviteAssets: [],
    })),
    assets: [
      ...w.advertisers.map((a) => ({
        ...base,
        assetId: a.advertiserId,
        assetType: 'ADVERTISER' as const,
        name: a.name,
        ownerBcId: a.ownerBcId,
      })),
      ...w.pixels.map((p) => ({
        ...base,
        assetId: p.pixelId,
        assetType: 'PIXEL' as const,
        name: p.name,
        ownerBcId: p.ownerBcId,
        pixelCode: p.pixelCode,
      })),
      ...w.catalogs.map((c) => ({
        ...base,
        assetId: c.catalogId,
        assetType: 'CATALOG' as const,
        name: c.name,
        ownerBcId: c.ownerBcId,
      })),
      ...w.tiktokAccounts.map((a) => ({
        ...base,
        assetId: a.accountId,
        assetType: 'TT_ACCOUNT' as const,
        name: a.name,
        ownerBcId: null,
        ownerUserId: a.ownerUserId,
      })),
    ],
    holdings: [
      ...w.advertisers.map((a) => owned(a.ownerBcId, a.advertiserId, fullRoles('ADVERTISER'))),
      ...w.pixels.map((p) => owned(p.ownerBcId, p.pixelId, [])),
      ...w.catalogs.map((c) => owned(c.ownerBcId, c.catalogId, fullRoles('CATALOG'))),
      ...w.tiktokAccounts.flatMap((a) =>
        a.linkedBcIds.map((bcId) => ({
          ...owned(bcId, a.accountId, fullRoles('TT_ACCOUNT')),
          relationType: 'OWNER_INDIVIDUAL' as const,
          ttSharingAllowed: a.sharingAllowed,
        })),
      ),
      ...w.partners.flatMap((p) =>
        p.shares.map((s) => ({
          ...owned(p.partnerBcId, s.assetId, s.roles),
          relationType: 'OWNER_PARTNER' as const,
          sourceBcId: p.bcId,
        })),
      ),
    ],
    assignments: w.assignments.map((a) => ({ ...a })),
    partnerships: w.partners.map((p) => ({
      bcId: p.bcId,
      partnerBcId: p.partnerBcId,
      status: 'BOUND' as const,
      primaryMediaAgency: p.primaryMediaAgency,
      createdAt: t,
    })),
    requests: [],
    transfers: [],
    authCodes: [],
    tokens: [],
  };
}

function emailOf(users: Array<{ userId: string; email: string }>, userId: string): string {
  const user = users.find((u) => u.userId === userId);
  if (!user) throw new Error(`world: member ${userId} is not a user`);
  return user.email;
}
