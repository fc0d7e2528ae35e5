// The Snapchat sandbox's world: people, organizations, ad accounts, members and roles
// (docs/platforms/sandboxes.md cast). Worlds are plain JSON; ids are fixed UUID-shaped strings.
import { z } from 'zod';

export const ORG_ROLE_TYPES = ['admin', 'business_admin', 'data_admin', 'member'] as const;
export const AD_ACCOUNT_ROLE_TYPES = [
  'admin',
  'creative',
  'general',
  'reports',
  'audience',
] as const;

const person = z.strictObject({
  id: z.string().min(1),
  email: z.string().email(),
  name: z.string(),
});
const org = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  type: z.enum(['ENTERPRISE', 'PARTNER']),
});
const adAccount = z.strictObject({
  id: z.string().min(1),
  organizationId: z.string().min(1),
  name: z.string(),
  currency: z.string(),
  status: z.enum(['ACTIVE', 'PAUSED', 'DISABLED']),
});
const member = z.strictObject({
  id: z.string().min(1),
  organizationId: z.string().min(1),
  email: z.string().email(),
  displayName: z.string(),
  status: z.enum(['INVITED', 'MEMBER']),
});
const role = z.strictObject({
  id: z.string().min(1),
  memberId: z.string().min(1),
  organizationId: z.string().nullable(),
  adAccountId: z.string().nullable(),
  type: z.string(),
});

export const worldSchema = z.strictObject({
  people: z.array(person),
  organizations: z.array(org),
  adAccounts: z.array(adAccount),
  members: z.array(member),
  roles: z.array(role),
});

export type SnapWorld = z.infer<typeof worldSchema>;
export type SnapPerson = z.infer<typeof person>;
export type SnapOrg = z.infer<typeof org>;
export type SnapAdAccount = z.infer<typeof adAccount>;
export type SnapMember = z.infer<typeof member>;
export type SnapRole = z.infer<typeof role>;

const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** Fixed ids of the default world, for tests and docs. */
export const IDS = {
  orgNorthwind: u(100),
  orgAcme: u(200),
  orgBirch: u(300),
  orgRival: u(400),
  adAcmeUs: u(201),
  adAcmeEu: u(202),
  adBirch: u(301),
  adRival: u(401),
} as const;

const people: SnapPerson[] = [
  { id: u(1), email: 'nora@northwind-media.example', name: 'Nora Lindqvist' },
  { id: u(2), email: 'omar@northwind-media.example', name: 'Omar Haddad' },
  { id: u(3), email: 'dana@acme-outdoor.example', name: 'Dana Reyes' },
  { id: u(4), email: 'ben@acme-outdoor.example', name: 'Ben Carter' },
  { id: u(5), email: 'sam@acme-outdoor.example', name: 'Sam Okafor' },
  { id: u(6), email: 'bea@birch-co.example', name: 'Bea Holm' },
  { id: u(7), email: 'rita@rival-media.example', name: 'Rita Chen' },
];

/** The default world: the agency, two clients and a rival agency, each with its own members. */
export function defaultWorld(): SnapWorld {
  let m = 1000;
  let r = 2000;
  const members: SnapMember[] = [];
  const roles: SnapRole[] = [];
  const add = (orgId: string, who: SnapPerson, orgRole: string, ads: [string, string][] = []) => {
    const id = u(m++);
    members.push({
      id,
      organizationId: orgId,
      email: who.email,
      displayName: who.name,
      status: 'MEMBER',
    });
    roles.push({
      id: u(r++),
      memberId: id,
      organizationId: orgId,
      adAccountId: null,
      type: orgRole,
    });
    for (const [adId, type] of ads)
      roles.push({ id: u(r++), memberId: id, organizationId: null, adAccountId: adId, type });
  };
  const [nora, omar, dana, ben, sam, bea, rita] = people as [
    SnapPerson,
    SnapPerson,
    SnapPerson,
    SnapPerson,
    SnapPerson,
    SnapPerson,
    SnapPerson,
  ];
  add(IDS.orgNorthwind, nora, 'admin');
  add(IDS.orgNorthwind, omar, 'member');
  add(IDS.orgAcme, dana, 'admin');
  add(IDS.orgAcme, ben, 'admin');
  add(IDS.orgAcme, sam, 'member', [[IDS.adAcmeUs, 'reports']]);
  add(IDS.orgBirch, bea, 'admin');
  add(IDS.orgRival, rita, 'admin');
  return {
    people,
    organizations: [
      { id: IDS.orgNorthwind, name: 'Northwind Media', type: 'PARTNER' },
      { id: IDS.orgAcme, name: 'Acme Outdoor', type: 'ENTERPRISE' },
      { id: IDS.orgBirch, name: 'Birch & Co', type: 'ENTERPRISE' },
      { id: IDS.orgRival, name: 'Rival Media', type: 'PARTNER' },
    ],
    adAccounts: [
      {
        id: IDS.adAcmeUs,
        organizationId: IDS.orgAcme,
        name: 'Acme Outdoor US',
        currency: 'USD',
        status: 'ACTIVE',
      },
      {
        id: IDS.adAcmeEu,
        organizationId: IDS.orgAcme,
        name: 'Acme Outdoor EU',
        currency: 'EUR',
        status: 'ACTIVE',
      },
      {
        id: IDS.adBirch,
        organizationId: IDS.orgBirch,
        name: 'Birch & Co',
        currency: 'GBP',
        status: 'ACTIVE',
      },
      {
        id: IDS.adRival,
        organizationId: IDS.orgRival,
        name: 'Rival Media (house)',
        currency: 'USD',
        status: 'PAUSED',
      },
    ],
    members,
    roles,
  };
}
