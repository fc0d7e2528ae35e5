// zod schemas of the answers the connector reads (microsoft-ads-api.md §2–§4); unknown fields pass.
import { z } from 'zod';

const id = z.union([z.string(), z.number()]).transform(String);

export const ClientLinkSchema = z.object({
  ClientEntityId: id,
  ClientEntityName: z.string().nullish(),
  ManagingCustomerId: id,
  ManagingCustomerName: z.string().nullish(),
  Status: z.string(),
  Timestamp: z.string().nullish(),
});
export type ClientLink = z.output<typeof ClientLinkSchema>;

const OperationError = z.object({
  Code: z.number(),
  Details: z.string().nullish(),
  Message: z.string(),
});
export type OperationError = z.output<typeof OperationError>;

export const BatchAnswer = z.object({
  OperationErrors: z.array(OperationError).nullish(),
  PartialErrors: z.array(OperationError.nullable()).nullish(),
});

export const SearchLinksAnswer = z.object({ ClientLinks: z.array(ClientLinkSchema).nullish() });

export const UserAnswer = z.object({
  User: z.object({
    Id: id,
    UserName: z.string().nullish(),
    Name: z.object({ FirstName: z.string().nullish(), LastName: z.string().nullish() }).nullish(),
    ContactInfo: z.object({ Email: z.string().nullish() }).nullish(),
  }),
  CustomerRoles: z
    .array(
      z.object({
        RoleId: z.number(),
        CustomerId: id,
        AccountIds: z.array(id).nullish(),
        LinkedAccountIds: z.array(id).nullish(),
      }),
    )
    .nullish(),
});

export const CustomerAnswer = z.object({ Customer: z.object({ Id: id, Name: z.string() }) });

export const AccountsInfoAnswer = z.object({
  AccountsInfo: z
    .array(z.object({ Id: id, Name: z.string(), Number: z.string().nullish() }))
    .nullish(),
});

export const InvitationAnswer = z.object({ UserInvitationId: id });

/** The statuses during which a link is alive (contract §3.3). */
export const LIVE = [
  'Active',
  'LinkAccepted',
  'LinkInProgress',
  'LinkPending',
  'UnlinkInProgress',
  'UnlinkPending',
];
