// The world file: the starting state of a Microsoft Advertising sandbox (people, customers, ad
// accounts, user roles, client links).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LINK_STATUSES, type SandboxState } from './model.ts';

const numeric = z.string().regex(/^\d{4,19}$/, 'numeric id');

export const MicrosoftAdsWorldSchema = z.object({
  description: z.string().optional(),
  users: z.array(z.object({ id: numeric, name: z.string().min(1), email: z.email() })),
  customers: z.array(
    z.object({
      id: numeric,
      name: z.string().min(1),
      number: z.string().min(1),
      manager: z.boolean().default(false),
    }),
  ),
  accounts: z.array(
    z.object({
      id: numeric,
      name: z.string().min(1),
      number: z.string().min(1),
      customerId: numeric,
      currency: z.string().default('USD'),
      prepaid: z.boolean().default(false),
    }),
  ),
  roles: z.array(
    z.object({
      userId: numeric,
      customerId: numeric,
      roleId: z.union([
        z.literal(16),
        z.literal(33),
        z.literal(41),
        z.literal(100),
        z.literal(203),
      ]),
      /** The accounts the role covers; absent = every account of the customer. */
      accountIds: z.array(numeric).optional(),
    }),
  ),
  links: z
    .array(
      z.object({
        clientAccountId: numeric,
        managingCustomerId: numeric,
        status: z.enum(LINK_STATUSES),
        name: z.string().max(40).default('Client link'),
        isBillToClient: z.boolean().default(true),
      }),
    )
    .default([]),
});

export type MicrosoftAdsWorld = z.input<typeof MicrosoftAdsWorldSchema>;

/** Parses a world and checks that every reference points at something in it. */
export function parseWorld(input: unknown): z.output<typeof MicrosoftAdsWorldSchema> {
  const w = MicrosoftAdsWorldSchema.parse(input);
  const has = (list: { id: string }[], id: string) => list.some((x) => x.id === id);
  for (const a of w.accounts)
    if (!has(w.customers, a.customerId)) throw new Error(`world: account ${a.id}: no customer`);
  for (const r of w.roles) {
    if (!has(w.users, r.userId) || !has(w.customers, r.customerId))
      throw new Error(`world: role of ${r.userId} on ${r.customerId}: unknown user or customer`);
  }
  for (const l of w.links) {
    if (!has(w.accounts, l.clientAccountId) || !has(w.customers, l.managingCustomerId))
      throw new Error(`world: link to ${l.clientAccountId}: unknown account or customer`);
  }
  return w;
}

/** The default world shipped in the repo: `worlds/microsoft-ads-default.json`. */
export function readDefaultWorld(): MicrosoftAdsWorld {
  const file = new URL('../../../../worlds/microsoft-ads-default.json', import.meta.url);
  return parseWorld(JSON.parse(readFileSync(file, 'utf8')));
}

/** Builds a fresh sandbox state from a world. */
export function stateFromWorld(input: MicrosoftAdsWorld, at: Date): SandboxState {
  const w = parseWorld(input);
  const t = at.toISOString();
  return {
    users: w.users.map((u) => ({ ...u })),
    customers: w.customers.map((c) => ({ ...c })),
    accounts: w.accounts.map((a) => ({ ...a })),
    roles: w.roles.map((r) => ({ ...r, accountIds: r.accountIds ?? null })),
    links: w.links.map((l, i) => ({
      id: String(9_000_001 + i),
      clientAccountId: l.clientAccountId,
      managingCustomerId: l.managingCustomerId,
      status: l.status,
      name: l.name,
      note: null,
      isBillToClient: l.isBillToClient,
      suppressNotification: false,
      inviterUserId: null,
      lastModifiedByUserId: null,
      lastModifiedDateTime: t,
      createdDateTime: t,
      timestamp: `AAAAAAAA${i}`,
    })),
    invitations: [],
    codes: [],
    tokens: [],
    nextId: 9_100_000,
  };
}
