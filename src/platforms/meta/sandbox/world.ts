// The world file: the starting state of a Meta sandbox (people, businesses, assets, shares).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SandboxState } from './model/types.ts';

const numeric = z.string().regex(/^\d{5,20}$/, 'numeric id');

export const MetaWorldSchema = z.object({
  description: z.string().optional(),
  users: z.array(z.object({ id: numeric, name: z.string(), email: z.email() })),
  businesses: z.array(
    z.object({
      id: numeric,
      name: z.string(),
      verificationStatus: z.string().default('verified'),
      admins: z.array(numeric).default([]),
      employees: z.array(numeric).default([]),
    }),
  ),
  assets: z.array(
    z.object({
      id: numeric,
      kind: z.enum(['ad_account', 'page', 'pixel', 'catalog', 'instagram_account']),
      name: z.string(),
      ownerBusinessId: numeric.nullable().default(null),
      ownerUserId: numeric.nullable().default(null),
      currency: z.string().default('USD'),
      username: z.string().nullable().default(null),
    }),
  ),
  assignments: z
    .array(
      z.object({
        assetId: numeric,
        businessId: numeric,
        userId: numeric,
        tasks: z.array(z.string()),
      }),
    )
    .default([]),
  shares: z
    .array(
      z.object({
        assetId: numeric,
        partnerBusinessId: numeric,
        tasks: z.array(z.string()),
        accessStatus: z.enum(['CONFIRMED', 'PENDING']).default('CONFIRMED'),
      }),
    )
    .default([]),
});

export type MetaWorld = z.input<typeof MetaWorldSchema>;

/** Parses and validates a world (throws a zod error naming the bad field). */
export function parseWorld(input: unknown): z.output<typeof MetaWorldSchema> {
  const world = MetaWorldSchema.parse(input);
  for (const asset of world.assets) {
    if ((asset.ownerBusinessId === null) === (asset.ownerUserId === null)) {
      throw new Error(`world: asset ${asset.id} needs exactly one of ownerBusinessId/ownerUserId`);
    }
  }
  return world;
}

/** Reads a world file from disk. */
export function readWorldFile(path: string | URL): MetaWorld {
  return parseWorld(JSON.parse(readFileSync(path, 'utf8')));
}

/** The default world shipped in the repo: `worlds/meta-default.json`. */
export function readDefaultWorld(): MetaWorld {
  return readWorldFile(new URL('../../../../worlds/meta-default.json', import.meta.url));
}

/** Builds a fresh sandbox state from a world. */
export function stateFromWorld(input: MetaWorld, at: Date): SandboxState {
  const w = parseWorld(input);
  const t = at.toISOString();
  return {
    users: w.users.map((u) => ({ ...u })),
    businesses: w.businesses.map((b) => ({
      id: b.id,
      name: b.name,
      verificationStatus: b.verificationStatus,
      createdTime: t,
    })),
    businessUsers: w.businesses.flatMap((b) => [
      ...b.admins.map((userId) => ({ businessId: b.id, userId, role: 'ADMIN' as const })),
      ...b.employees.map((userId) => ({ businessId: b.id, userId, role: 'EMPLOYEE' as const })),
    ]),
    assets: w.assets.map((a) => ({ ...a })),
    assignments: w.assignments.map((a) => ({ ...a })),
    shares: w.shares.map((s) => ({ ...s, requestedTime: t, updatedTime: t })),
    codes: [],
    tokens: [],
  };
}
