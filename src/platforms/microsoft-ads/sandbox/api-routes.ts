// Customer Management v13 REST (docs/platforms/microsoft-ads-api.md §0, §2–§4) under
// `<prefix>/CustomerManagement/v13/`: headers, faults in Microsoft's shape, paging, predicates.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { applyBasicFaults, holdAnswer } from '../../sandbox-kit/faults.ts';
import { appendBounded } from '../../sandbox-kit/request-log.ts';
import {
  addLink,
  errors,
  hasCustomerRole,
  linkedAccounts,
  MsError,
  ownAccounts,
  presentLink,
  rolesOf,
  settleLinks,
  SUPER_ADMIN,
  updateLink,
  userOfAccessToken,
  visibleLinks,
  type Account,
  type LinkInput,
  type PartialError,
  type SandboxState,
  type SandboxUser,
} from './model.ts';
import { LOG_LIMIT, type SandboxRuntime } from './runtime.ts';

export const API_ROOT = '/CustomerManagement/v13';

/** Faults whose errors are the generic ad API ones answer AdApiFaultDetail, others ApiFault. */
const AD_API_CODES = new Set([105, 106, 109, 116]);

/** Microsoft's fault body (contract §0 "Faults"), with the TrackingId header. */
export function sendFault(reply: FastifyReply, error: MsError): FastifyReply {
  const trackingId = randomUUID();
  for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
  reply.header('TrackingId', trackingId).code(error.status);
  if (AD_API_CODES.has(error.code))
    return reply.send({
      TrackingId: trackingId,
      Type: 'AdApiFaultDetail',
      Errors: [
        { Code: error.code, Detail: null, ErrorCode: error.symbolic, Message: error.message },
      ],
    });
  return reply.send({
    TrackingId: trackingId,
    Type: 'ApiFault',
    OperationErrors: [{ Code: error.code, Details: error.symbolic, Message: error.message }],
  });
}

/** Errors raised before a handler runs (bad JSON, wrong content type) answer in the same shape. */
export async function apiErrorHandler(
  error: Error & { statusCode?: number },
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  if (!request.url.includes(API_ROOT)) throw error;
  const status = error.statusCode ?? 500;
  return sendFault(reply, status < 500 ? errors.nullRequest(error.message) : errors.internal());
}

const id = z
  .union([z.string().regex(/^\d{1,19}$/), z.number().int().nonnegative()])
  .transform(String);
const PageInfo = z.object({ Index: z.number().int().min(0), Size: z.number().int().min(0) });
const Predicate = z.object({
  Field: z.string().max(64),
  Operator: z.enum([
    'Equals',
    'NotEquals',
    'Contains',
    'In',
    'GreaterThanEquals',
    'LessThanEquals',
    'StartsWith',
    'NotContains',
  ]),
  Value: z.string().max(2000),
});
const ClientLinkBody = z.object({
  Type: z.string().max(32).nullish(),
  ClientEntityId: id.nullish(),
  ManagingCustomerId: id.nullish(),
  Status: z.string().max(32).nullish(),
  IsBillToClient: z.boolean().nullish(),
  Name: z.string().max(200).nullish(),
  Note: z.string().max(2000).nullish(),
  SuppressNotification: z.boolean().nullish(),
  Timestamp: z.string().max(200).nullish(),
});
const Bodies = {
  user: z.object({ UserId: id.nullish() }).nullish(),
  accountsInfo: z
    .object({ CustomerId: id.nullish(), OnlyParentAccounts: z.boolean().nullish() })
    .nullish(),
  search: z.object({
    Predicates: z.array(Predicate).max(10),
    Ordering: z
      .array(z.object({ Field: z.string().max(64), Order: z.enum(['Ascending', 'Descending']) }))
      .nullish(),
    PageInfo,
    ReturnAdditionalFields: z.string().max(200).nullish(),
  }),
  links: z.object({ ClientLinks: z.array(ClientLinkBody).max(100) }),
  invitation: z.object({
    UserInvitation: z.object({
      FirstName: z.string().min(1).max(40),
      LastName: z.string().min(1).max(40),
      Email: z.email().max(100),
      CustomerId: id,
      RoleId: z.number().int(),
      AccountIds: z.array(id).max(1000).nullish(),
      Lcid: z.string().max(32).nullish(),
    }),
  }),
  invitationSearch: z.object({ Predicates: z.array(Predicate).length(1) }),
};

function parse<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new MsError(
      100,
      `Invalid request: ${parsed.error.issues[0]?.message ?? 'bad body'}`,
      400,
      'NullRequest',
    );
  return parsed.data;
}

const invalid = (message: string) => new MsError(100, message, 400, 'NullRequest');

/** One page of `items` (contract §0 "Paging"): zero-based Index, Size up to `max`. */
function page<T>(items: T[], info: { Index: number; Size: number }, max: number): T[] {
  if (info.Size > max) throw invalid(`PageInfo.Size cannot be more than ${max}.`);
  return items.slice(info.Index * info.Size, (info.Index + 1) * info.Size);
}

const inValues = (p: z.output<typeof Predicate>) =>
  p.Operator === 'In' ? p.Value.split(',').map((v) => v.trim()) : [p.Value];

function presentAccount(a: Account): Record<string, unknown> {
  return {
    Id: a.id,
    Name: a.name,
    Number: a.number,
    ParentCustomerId: a.customerId,
    AccountLifeCycleStatus: 'Active',
    CurrencyCode: a.currency,
    PaymentMethodType: a.prepaid ? 'Prepaid' : 'Invoice',
    PauseReason: null,
  };
}

/** Accounts the user sees: own accounts and those linked to customers they belong to. */
function reachableAccounts(state: SandboxState, user: SandboxUser): Account[] {
  const out = new Map(ownAccounts(state, user.id).map((a) => [a.id, a]));
  for (const r of rolesOf(state, user.id))
    for (const a of linkedAccounts(state, r.customerId)) out.set(a.id, a);
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function linkInput(b: z.output<typeof ClientLinkBody>): LinkInput {
  return {
    type: b.Type ?? null,
    clientEntityId: b.ClientEntityId ?? null,
    managingCustomerId: b.ManagingCustomerId ?? null,
    status: b.Status ?? null,
    isBillToClient: b.IsBillToClient ?? null,
    name: b.Name ?? null,
    note: b.Note ?? null,
    suppressNotification: b.SuppressNotification ?? false,
    timestamp: b.Timestamp ?? null,
  };
}

type Op = (rt: SandboxRuntime, user: SandboxUser, body: unknown) => unknown;

const operations: { method: 'POST' | 'PUT'; path: string; op: Op }[] = [
  {
    method: 'POST',
    path: '/User/Query',
    op: (rt, user, body) => {
      const b = parse(Bodies.user, body);
      if (b?.UserId != null && b.UserId !== user.id) throw errors.notAuthorized();
      const s = rt.model.state;
      const [first, last] = [user.name.split(' ')[0], user.name.split(' ').slice(1).join(' ')];
      const roles = rolesOf(s, user.id);
      return {
        User: {
          Id: user.id,
          CustomerId: roles[0]?.customerId ?? null,
          UserName: user.email,
          Name: { FirstName: first, LastName: last, MiddleInitial: null },
          ContactInfo: { Email: user.email },
          Lcid: 'EnglishUS',
          UserLifeCycleStatus: 'Active',
        },
        CustomerRoles: roles.map((r) => ({
          RoleId: r.roleId,
          CustomerId: r.customerId,
          AccountIds: r.accountIds,
          LinkedAccountIds: linkedAccounts(s, r.customerId).map((a) => a.id),
          CustomerLinkPermission: null,
        })),
      };
    },
  },
  {
    method: 'POST',
    path: '/Customer/Query',
    op: (rt, user, body) => {
      const b = parse(z.object({ CustomerId: id }), body);
      const s = rt.model.state;
      const customer = s.customers.find((c) => c.id === b.CustomerId);
      if (!customer || !rolesOf(s, user.id).some((r) => r.customerId === customer.id))
        throw errors.notAuthorized();
      return {
        Customer: {
          Id: customer.id,
          Name: customer.name,
          Number: customer.number,
          CustomerLifeCycleStatus: 'Active',
        },
      };
    },
  },
  {
    method: 'POST',
    path: '/AccountsInfo/Query',
    op: (rt, user, body) => {
      const b = parse(Bodies.accountsInfo, body);
      const s = rt.model.state;
      const roles = rolesOf(s, user.id);
      const customerId = b?.CustomerId ?? roles[0]?.customerId;
      if (customerId === undefined || !roles.some((r) => r.customerId === customerId))
        throw errors.notAuthorized();
      const own = ownAccounts(s, user.id).filter((a) => a.customerId === customerId);
      const linked = b?.OnlyParentAccounts === true ? [] : linkedAccounts(s, customerId);
      return {
        AccountsInfo: [...own, ...linked].map((a) => ({
          Id: a.id,
          Name: a.name,
          Number: a.number,
          AccountLifeCycleStatus: 'Active',
          PauseReason: null,
        })),
      };
    },
  },
  {
    method: 'POST',
    path: '/Accounts/Search',
    op: (rt, user, body) => {
      const b = parse(Bodies.search, body);
      if (b.Predicates.length !== 1) throw invalid('You must include exactly one predicate.');
      const p = b.Predicates[0]!;
      let accounts = reachableAccounts(rt.model.state, user);
      if (p.Field === 'UserId' && p.Operator === 'Equals') {
        if (p.Value !== user.id) throw errors.notAuthorized();
      } else if (p.Field === 'CustomerId' && p.Operator === 'Equals') {
        accounts = accounts.filter((a) => a.customerId === p.Value);
      } else if (p.Field === 'AccountId' && (p.Operator === 'Equals' || p.Operator === 'In')) {
        accounts = accounts.filter((a) => inValues(p).includes(a.id));
      } else throw invalid(`Predicate ${p.Field} ${p.Operator} is not supported.`);
      return { Accounts: page(accounts, b.PageInfo, 1000).map(presentAccount) };
    },
  },
  {
    method: 'POST',
    path: '/ClientLinks/Search',
    op: (rt, user, body) => {
      const b = parse(Bodies.search, body);
      if (b.Predicates.length < 1 || b.Predicates.length > 2)
        throw invalid('You must include one or two predicates.');
      const fields = b.Predicates.map((p) => p.Field);
      if (fields.includes('ClientAccountId') && fields.includes('ClientCustomerId'))
        throw invalid('You cannot include both ClientAccountId and ClientCustomerId.');
      if (fields.includes('DirectManagingCustomerId') && fields.includes('ManagingCustomerId'))
        throw invalid('You cannot include both DirectManagingCustomerId and ManagingCustomerId.');
      const s = rt.model.state;
      let links = visibleLinks(s, user.id);
      for (const p of b.Predicates) {
        const values = inValues(p);
        const multi = p.Operator === 'In' || p.Operator === 'Equals';
        if (p.Field === 'ClientAccountId' && multi)
          links = links.filter((l) => values.includes(l.clientAccountId));
        else if (p.Field === 'ClientCustomerId' && multi)
          links = links.filter((l) =>
            values.includes(s.accounts.find((a) => a.id === l.clientAccountId)?.customerId ?? ''),
          );
        else if (
          (p.Field === 'DirectManagingCustomerId' || p.Field === 'ManagingCustomerId') &&
          p.Operator === 'Equals'
        ) {
          if (fields.includes('ClientAccountId') && p.Field === 'ManagingCustomerId') continue;
          links = links.filter((l) => l.managingCustomerId === p.Value);
        } else throw invalid(`Predicate ${p.Field} ${p.Operator} is not supported.`);
      }
      links.sort((a, b2) => Number(a.id) - Number(b2.id));
      return { ClientLinks: page(links, b.PageInfo, 100).map((l) => presentLink(s, l)) };
    },
  },
  {
    method: 'POST',
    path: '/ClientLinks',
    op: (rt, user, body) => batch(rt, user, body, 'add'),
  },
  {
    method: 'PUT',
    path: '/ClientLinks',
    op: (rt, user, body) => batch(rt, user, body, 'update'),
  },
  {
    method: 'POST',
    path: '/UserInvitation/Send',
    op: (rt, user, body) => {
      const inv = parse(Bodies.invitation, body).UserInvitation;
      if (![16, 33, 41, 100, 203].includes(inv.RoleId)) throw invalid('The RoleId is not valid.');
      return rt.model.mutate((ctx) => {
        const s = ctx.state;
        if (!hasCustomerRole(s, user.id, inv.CustomerId, [SUPER_ADMIN]))
          throw errors.notAuthorized();
        const accountIds = inv.AccountIds ?? [];
        for (const accountId of accountIds)
          if (!s.accounts.some((a) => a.id === accountId && a.customerId === inv.CustomerId))
            throw errors.invalidAccount();
        s.nextId += 1;
        const invitationId = String(s.nextId);
        s.invitations.push({
          id: invitationId,
          firstName: inv.FirstName,
          lastName: inv.LastName,
          email: inv.Email.toLowerCase(),
          customerId: inv.CustomerId,
          roleId: inv.RoleId,
          accountIds,
          lcid: inv.Lcid ?? 'EnglishUS',
          expirationDate: new Date(ctx.now().getTime() + 30 * 24 * 3600_000).toISOString(),
          invitedByUserId: user.id,
        });
        return { UserInvitationId: invitationId };
      });
    },
  },
  {
    method: 'POST',
    path: '/UserInvitations/Search',
    op: (rt, user, body) => {
      const p = parse(Bodies.invitationSearch, body).Predicates[0]!;
      if (p.Field !== 'CustomerId' || p.Operator !== 'Equals')
        throw invalid(`Predicate ${p.Field} ${p.Operator} is not supported.`);
      const s = rt.model.state;
      if (!hasCustomerRole(s, user.id, p.Value, [SUPER_ADMIN])) throw errors.notAuthorized();
      const now = rt.model.now();
      return {
        UserInvitations: s.invitations
          .filter((i) => i.customerId === p.Value && new Date(i.expirationDate) > now)
          .map((i) => ({
            Id: i.id,
            FirstName: i.firstName,
            LastName: i.lastName,
            Email: i.email,
            CustomerId: i.customerId,
            RoleId: i.roleId,
            AccountIds: i.accountIds,
            ExpirationDate: i.expirationDate,
            Lcid: i.lcid,
          })),
      };
    },
  },
];

/** AddClientLinks / UpdateClientLinks: ≤ 10 links, OperationErrors or PartialErrors (contract §3.2). */
function batch(rt: SandboxRuntime, user: SandboxUser, body: unknown, kind: 'add' | 'update') {
  const links = parse(Bodies.links, body).ClientLinks;
  if (links.length === 0 || links.length > 10)
    return {
      OperationErrors: [
        { Code: 100, Details: null, Message: 'Send between 1 and 10 client links per call.' },
      ],
      PartialErrors: [],
    };
  const partial: (PartialError | null)[] = links.map((b) =>
    rt.model.mutate((ctx) =>
      kind === 'add' ? addLink(ctx, user.id, linkInput(b)) : updateLink(ctx, user.id, linkInput(b)),
    ),
  );
  return { OperationErrors: [], PartialErrors: partial };
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const v = request.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/** Registers every operation under `<prefix>/CustomerManagement/v13`. */
export function registerApiRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  for (const { method, path, op } of operations) {
    app.route({
      method,
      url: `${API_ROOT}${path}`,
      handler: async (request, reply) => {
        const arrived = performance.now();
        const authorization = header(request, 'authorization');
        const developerToken = header(request, 'developertoken');
        let code: number | null = null;
        let send: () => FastifyReply;
        try {
          if (authorization === undefined || developerToken === undefined)
            throw errors.missingHeaders();
          if (!authorization.startsWith('Bearer ')) throw errors.invalidCredentials();
          if (!rt.developerTokens.includes(developerToken)) throw errors.invalidCredentials();
          const user = userOfAccessToken(
            rt.model.state,
            rt.model.now(),
            authorization.slice(7).trim(),
          );
          await applyBasicFaults(rt, { throttled: errors.callRate, transient: errors.internal });
          rt.model.mutate((ctx) => settleLinks(ctx, rt.faults.linkTransitionMs ?? 0));
          const result = op(rt, user, request.body);
          send = () => reply.header('TrackingId', randomUUID()).code(200).send(result);
        } catch (error) {
          if (!(error instanceof MsError)) throw error;
          code = error.code;
          const fault = error;
          send = () => sendFault(reply, fault);
        }
        await holdAnswer(arrived, rt.faults.latencyMs);
        send();
        appendBounded(
          rt.log,
          {
            method,
            path: `${API_ROOT}${path}`,
            headers: {
              authorization: authorization !== undefined,
              developerToken: developerToken !== undefined,
              customerId: header(request, 'customerid') ?? null,
              customerAccountId: header(request, 'customeraccountid') ?? null,
            },
            status: reply.statusCode,
            code,
            time: rt.model.now().toISOString(),
          },
          LOG_LIMIT,
        );
        return reply;
      },
    });
  }
}
