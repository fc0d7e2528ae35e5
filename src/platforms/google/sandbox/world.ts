// The world file: the starting state of the Google sandbox (users, Ads customers and links,
// GA4 accounts/properties/bindings, GTM accounts/containers/permissions, Search Console sites).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { MerchantWorldSchema } from './model/merchant.ts';
import type { BpAccount, BusinessProfileState, GoogleState } from './model/types.ts';

const cid = z.string().regex(/^\d{10}$/, '10-digit customer ID');
const num = z.string().regex(/^\d+$/, 'numeric ID');
const email = z.email().transform((e) => e.toLowerCase());

export const GoogleWorldSchema = z.object({
  description: z.string().optional(),
  users: z.array(z.object({ email, name: z.string() })),
  ads: z
    .object({
      customers: z
        .array(
          z.object({
            customerId: cid,
            descriptiveName: z.string(),
            manager: z.boolean().default(false),
            currencyCode: z.string().default('USD'),
            timeZone: z.string().default('America/New_York'),
            testAccount: z.boolean().default(false),
          }),
        )
        .default([]),
      access: z
        .array(
          z.object({
            email,
            customerId: cid,
            role: z.enum(['ADMIN', 'STANDARD', 'READ_ONLY', 'EMAIL_ONLY']),
          }),
        )
        .default([]),
      links: z
        .array(
          z.object({
            managerId: cid,
            clientId: cid,
            status: z.enum(['ACTIVE', 'INACTIVE', 'PENDING', 'REFUSED', 'CANCELED']),
            hidden: z.boolean().default(false),
          }),
        )
        .default([]),
      limits: z
        .object({
          maxPendingInvitesPerManager: z.number().int().min(0).default(50),
          maxManagersPerClient: z.number().int().min(1).default(5),
        })
        .default({ maxPendingInvitesPerManager: 50, maxManagersPerClient: 5 }),
    })
    .default({
      customers: [],
      access: [],
      links: [],
      limits: { maxPendingInvitesPerManager: 50, maxManagersPerClient: 5 },
    }),
  ga4: z
    .object({
      accounts: z.array(z.object({ accountId: num, displayName: z.string() })).default([]),
      properties: z
        .array(z.object({ propertyId: num, accountId: num, displayName: z.string() }))
        .default([]),
      bindings: z
        .array(
          z.object({
            parent: z.string().regex(/^(accounts|properties)\/\d+$/),
            user: email,
            roles: z.array(z.string()).min(1),
          }),
        )
        .default([]),
    })
    .default({ accounts: [], properties: [], bindings: [] }),
  gtm: z
    .object({
      accounts: z.array(z.object({ accountId: num, name: z.string() })).default([]),
      containers: z
        .array(
          z.object({
            accountId: num,
            containerId: num,
            name: z.string(),
            publicId: z.string(),
            usageContext: z.array(z.string()).default(['web']),
          }),
        )
        .default([]),
      permissions: z
        .array(
          z.object({
            accountId: num,
            emailAddress: email,
            accountAccess: z.enum(['noAccess', 'user', 'admin']),
            containerAccess: z
              .array(
                z.object({
                  containerId: num,
                  permission: z.enum(['noAccess', 'read', 'edit', 'approve', 'publish']),
                }),
              )
              .default([]),
          }),
        )
        .default([]),
    })
    .default({ accounts: [], containers: [], permissions: [] }),
  searchConsole: z
    .object({
      sites: z
        .array(
          z.object({
            email,
            siteUrl: z.string(),
            permissionLevel: z.enum([
              'SITE_OWNER',
              'SITE_FULL_USER',
              'SITE_RESTRICTED_USER',
              'SITE_UNVERIFIED_USER',
            ]),
          }),
        )
        .default([]),
    })
    .default({ sites: [] }),
  businessProfile: z
    .object({
      // PERSONAL accounts are made for every user without one (ids from 9000001 on).
      accounts: z
        .array(
          z.object({
            accountId: num,
            accountName: z.string(),
            type: z.enum(['PERSONAL', 'LOCATION_GROUP']),
            email: email.optional(),
          }),
        )
        .default([]),
      locations: z
        .array(
          z.object({
            locationId: num,
            accountId: num,
            title: z.string(),
            address: z.string().optional(),
          }),
        )
        .default([]),
      admins: z
        .array(
          z.object({
            parent: z.string().regex(/^(accounts|locations)\/\d+$/),
            email: email.optional(),
            account: z
              .string()
              .regex(/^accounts\/\d+$/)
              .optional(),
            role: z.enum(['PRIMARY_OWNER', 'OWNER', 'MANAGER', 'SITE_MANAGER']),
            pending: z.boolean().default(false),
          }),
        )
        .default([]),
    })
    .default({ accounts: [], locations: [], admins: [] }),
  merchant: MerchantWorldSchema,
});

export type GoogleWorld = z.input<typeof GoogleWorldSchema>;

/** Reads a world file from disk (validated). */
export function readWorldFile(path: string | URL): GoogleWorld {
  return GoogleWorldSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The default world shipped in the repo: `worlds/google-default.json`. */
export function readDefaultWorld(): GoogleWorld {
  return readWorldFile(new URL('../../../../worlds/google-default.json', import.meta.url));
}

/** Builds a fresh sandbox state from a world; ids of links, bindings and permissions are numbered. */
export function stateFromWorld(input: GoogleWorld, at: Date): GoogleState {
  const w = GoogleWorldSchema.parse(input);
  let id = 1000;
  const nextId = (): string => String((id += 1));
  return {
    users: w.users,
    ads: {
      customers: w.ads.customers,
      access: w.ads.access,
      links: w.ads.links.map((l) => ({ ...l, linkId: nextId(), updatedAt: at.toISOString() })),
      limits: w.ads.limits,
    },
    ga4: {
      accounts: w.ga4.accounts,
      properties: w.ga4.properties,
      bindings: w.ga4.bindings.map((b) => ({ ...b, bindingId: nextId() })),
    },
    gtm: {
      accounts: w.gtm.accounts,
      containers: w.gtm.containers,
      permissions: w.gtm.permissions.map((p) => ({ ...p, permissionId: nextId() })),
    },
    searchConsole: w.searchConsole,
    businessProfile: businessProfileFromWorld(w, nextId),
    merchant: w.merchant,
    authCodes: [],
    tokens: [],
    nextId: id + 1,
  };
}

/** Business Profile state from a world: a PERSONAL account for every user who has none. */
function businessProfileFromWorld(
  w: z.output<typeof GoogleWorldSchema>,
  nextId: () => string,
): BusinessProfileState {
  const accounts: BpAccount[] = w.businessProfile.accounts.map(({ email: e, ...a }) =>
    e === undefined ? a : { ...a, email: e },
  );
  w.users.forEach((u, i) => {
    if (!accounts.some((a) => a.type === 'PERSONAL' && a.email === u.email))
      accounts.push({
        accountId: String(9000001 + i),
        accountName: u.name,
        type: 'PERSONAL',
        email: u.email,
      });
  });
  return {
    accounts,
    locations: w.businessProfile.locations.map(({ address, ...l }) =>
      address === undefined ? l : { ...l, address },
    ),
    admins: w.businessProfile.admins.map(({ email: e, account, ...a }) => ({
      ...a,
      ...(e !== undefined ? { email: e } : {}),
      ...(account !== undefined ? { account } : {}),
      adminId: nextId(),
    })),
  };
}
