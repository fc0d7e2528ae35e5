// The X sandbox's starting world: an agency's X user, a client brand's user who administers two ads
// accounts, and a bystander; no app state. Tests replace it through the control API.
import { z } from 'zod';
import { ACCESS_LEVELS, type XState } from './model.ts';

export const worldSchema = z.strictObject({
  users: z
    .array(
      z.strictObject({
        id: z.string().regex(/^\d{1,20}$/),
        handle: z.string().regex(/^[A-Za-z0-9_]{1,15}$/),
        name: z.string().min(1).max(50),
      }),
    )
    .max(100),
  accounts: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9]{1,20}$/),
        name: z.string().min(1).max(100),
        users: z
          .array(
            z.strictObject({
              userId: z.string().max(20),
              permission: z.enum(ACCESS_LEVELS),
              tweetComposer: z.boolean(),
            }),
          )
          .max(100),
      }),
    )
    .max(100),
});
export type XWorld = z.infer<typeof worldSchema>;

export const IDS = {
  agencyUser: '1500000000000000001',
  clientUser: '1500000000000000002',
  otherUser: '1500000000000000003',
  account: '18ce54d4x5t',
  secondAccount: '5gvk9h',
} as const;

/** The default world. */
export function defaultWorld(): XWorld {
  return {
    users: [
      { id: IDS.agencyUser, handle: 'northwind_ads', name: 'Northwind Agency' },
      { id: IDS.clientUser, handle: 'acme_brand', name: 'Acme Brand' },
      { id: IDS.otherUser, handle: 'someone_else', name: 'Someone Else' },
    ],
    accounts: [
      {
        id: IDS.account,
        name: 'Acme Ads',
        users: [{ userId: IDS.clientUser, permission: 'ACCOUNT_ADMIN', tweetComposer: true }],
      },
      {
        id: IDS.secondAccount,
        name: 'Acme Outlet Ads',
        users: [{ userId: IDS.clientUser, permission: 'ACCOUNT_ADMIN', tweetComposer: false }],
      },
    ],
  };
}

/** The state a world starts: its users and accounts, no tokens. */
export function stateFromWorld(world: XWorld): XState {
  const parsed = worldSchema.parse(world);
  return { users: parsed.users, accounts: parsed.accounts, requestTokens: [], accessTokens: [] };
}
