// The Snapchat Marketing API routes under /v1 and the token endpoint under /login/oauth2, with
// Snap's envelope (request_status, request_id, sub_request_status), paging.next_link with a
// cursor, faults (429 throttling, latency, transient 500) and Snap's error body.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { applyBasicFaults, holdAnswer, type BasicFaults } from '../../sandbox-kit/faults.ts';
import {
  adAccountRoles,
  adAccountsOf,
  bad,
  createRoles,
  deleteMember,
  deleteRole,
  ErrorCode,
  exchangeToken,
  getAdAccount,
  getOrganization,
  inviteMember,
  membersOf,
  myOrganizations,
  OAuthError,
  orgRoles,
  personOfToken,
  SnapError,
  type SnapModel,
  type SnapSandboxApp,
} from './model.ts';
import type { SnapAdAccount, SnapMember, SnapOrg, SnapRole } from './world.ts';

export interface SnapRuntime {
  model: SnapModel;
  apps: SnapSandboxApp[];
  faults: BasicFaults;
  recentCalls: number[];
  log: { method: string; path: string; time: string }[];
  sessions: Map<string, string>;
  /** Each refresh spends its refresh token and issues a new one (contract item 8 leaves it open). */
  rotateRefreshTokens: boolean;
  reset(world?: unknown): void;
}

export const DEFAULT_LIMIT = 50;

const requestId = () => randomBytes(16).toString('hex');

/** Snap's error body (contract §0 Errors, secondary). */
export function errorBody(code: string, message: string) {
  return {
    request_status: 'ERROR',
    request_id: requestId(),
    debug_message: message,
    display_message: message,
    error_code: code,
  };
}

const stamps = (rt: SnapRuntime, id: string) => {
  const [created_at, updated_at] = rt.model.state.stamps[id] ?? ['', ''];
  return { id, updated_at, created_at };
};
const presentOrg = (rt: SnapRuntime, o: SnapOrg) => ({
  ...stamps(rt, o.id),
  name: o.name,
  type: o.type,
});
const presentAd = (rt: SnapRuntime, a: SnapAdAccount) => ({
  ...stamps(rt, a.id),
  name: a.name,
  type: 'PARTNER',
  status: a.status,
  organization_id: a.organizationId,
  currency: a.currency,
  timezone: 'UTC',
});
const presentMember = (rt: SnapRuntime, m: SnapMember) => ({
  ...stamps(rt, m.id),
  email: m.email,
  organization_id: m.organizationId,
  display_name: m.displayName,
  member_status: m.status,
});
const presentRole = (rt: SnapRuntime, r: SnapRole) => ({
  ...stamps(rt, r.id),
  member_id: r.memberId,
  ...(r.organizationId === null ? {} : { organization_id: r.organizationId }),
  ...(r.adAccountId === null ? {} : { ad_account_id: r.adAccountId }),
  type: r.type,
});

const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(50).max(1000).optional(),
  cursor: z.string().max(200).optional(),
  with_ad_accounts: z.enum(['true', 'false']).optional(),
});

const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const m = /^o:(\d{1,7})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw bad('cursor is invalid');
  return Number(m[1]);
}

/** A list answer: one page of `items` wrapped per Snap's envelope, with paging.next_link. */
function listAnswer<T>(
  request: FastifyRequest,
  plural: string,
  singular: string,
  items: T[],
  present: (item: T) => unknown,
) {
  const q = pageQuery.parse(request.query);
  const limit = q.limit ?? DEFAULT_LIMIT;
  const offset = decodeCursor(q.cursor);
  const page = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  const path = request.url.split('?')[0] ?? '';
  const next = new URLSearchParams({ cursor: encodeCursor(offset + limit), limit: String(limit) });
  if (q.with_ad_accounts !== undefined) next.set('with_ad_accounts', q.with_ad_accounts);
  return {
    request_status: 'SUCCESS',
    request_id: requestId(),
    ...(more
      ? { paging: { next_link: `${request.protocol}://${request.host}${path}?${next}` } }
      : {}),
    [plural]: page.map((item) => ({ sub_request_status: 'SUCCESS', [singular]: present(item) })),
  };
}

function oneAnswer(plural: string, singular: string, items: unknown[]) {
  return {
    request_status: 'SUCCESS',
    request_id: requestId(),
    [plural]: items.map((item) => ({ sub_request_status: 'SUCCESS', [singular]: item })),
  };
}

const uuidish = z.string().regex(/^[0-9a-f-]{8,64}$/i, 'not an id');
const orgParams = z.strictObject({ organization_id: uuidish });
const adParams = z.strictObject({ ad_account_id: uuidish });
const idParams = z.strictObject({ id: uuidish });
const inviteBody = z.strictObject({
  members: z
    .array(
      z.strictObject({
        email: z.string().email().max(320),
        organization_id: uuidish,
        display_name: z.string().min(1).max(200),
      }),
    )
    .min(1)
    .max(50),
});
const rolesBody = z.strictObject({
  roles: z
    .array(
      z.strictObject({
        member_id: uuidish,
        organization_id: uuidish.optional(),
        ad_account_id: uuidish.optional(),
        type: z.string().min(1).max(40),
      }),
    )
    .min(1)
    .max(50),
});

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (!r.success)
    throw bad(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}

/** Registers the /v1 API and the OAuth token endpoint. */
export function registerApiRoutes(app: FastifyInstance, rt: SnapRuntime): void {
  const m = rt.model;
  type Handler = (request: FastifyRequest) => unknown;
  const api = (method: 'GET' | 'POST' | 'DELETE', path: string, handler: Handler) =>
    app.route({
      method,
      url: `/v1/${path}`,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const arrived = performance.now();
        try {
          await applyBasicFaults(rt, {
            throttled: () => new SnapError(429, ErrorCode.throttled, 'Too Many Requests'),
            transient: () => new SnapError(500, ErrorCode.internal, 'Internal error, please retry'),
          });
          const answer = handler(request);
          await holdAnswer(arrived, rt.faults.latencyMs);
          return answer;
        } catch (error) {
          await holdAnswer(arrived, rt.faults.latencyMs);
          if (error instanceof SnapError)
            return reply.code(error.status).send(errorBody(error.code, error.message));
          throw error;
        }
      },
    });
  const me = (request: FastifyRequest) => personOfToken(m, request.headers.authorization);

  api('GET', 'me', (request) => {
    parse(z.strictObject({}), request.query);
    const person = me(request);
    const first = myOrganizations(m, person)[0];
    const member = first
      ? membersOf(m, person, first.id).find((x) => x.email === person.email)
      : undefined;
    return {
      request_status: 'SUCCESS',
      request_id: requestId(),
      me: {
        id: person.id,
        updated_at: m.state.stamps[person.id]?.[1] ?? m.now().toISOString(),
        created_at: m.state.stamps[person.id]?.[0] ?? m.now().toISOString(),
        email: person.email,
        organization_id: first?.id ?? null,
        display_name: person.name,
        snapchat_username: person.email.split('@')[0],
        member_status: member?.status ?? 'MEMBER',
      },
    };
  });
  api('GET', 'me/organizations', (request) => {
    const person = me(request);
    const q = parse(pageQuery, request.query);
    const withAds = q.with_ad_accounts === 'true';
    return listAnswer(
      request,
      'organizations',
      'organization',
      myOrganizations(m, person),
      (o) => ({
        ...presentOrg(rt, o),
        ...(withAds
          ? { ad_accounts: adAccountsOf(m, person, o.id).map((a) => presentAd(rt, a)) }
          : {}),
      }),
    );
  });
  api('GET', 'organizations/:organization_id', (request) => {
    const { organization_id } = parse(orgParams, request.params);
    parse(pageQuery, request.query);
    return oneAnswer('organizations', 'organization', [
      presentOrg(rt, getOrganization(m, me(request), organization_id)),
    ]);
  });
  api('GET', 'organizations/:organization_id/adaccounts', (request) => {
    const { organization_id } = parse(orgParams, request.params);
    parse(pageQuery, request.query);
    return listAnswer(
      request,
      'adaccounts',
      'adaccount',
      adAccountsOf(m, me(request), organization_id),
      (a) => presentAd(rt, a),
    );
  });
  api('GET', 'adaccounts/:ad_account_id', (request) => {
    const { ad_account_id } = parse(adParams, request.params);
    return oneAnswer('adaccounts', 'adaccount', [
      presentAd(rt, getAdAccount(m, me(request), ad_account_id)),
    ]);
  });
  api('GET', 'organizations/:organization_id/members', (request) => {
    const { organization_id } = parse(orgParams, request.params);
    parse(pageQuery, request.query);
    return listAnswer(
      request,
      'members',
      'member',
      membersOf(m, me(request), organization_id),
      (x) => presentMember(rt, x),
    );
  });
  api('POST', 'organizations/:organization_id/members', (request) => {
    const { organization_id } = parse(orgParams, request.params);
    const body = parse(inviteBody, request.body);
    const person = me(request);
    const created = m.mutate((ctx) =>
      body.members.map((x) => inviteMember(ctx, person, organization_id, x)),
    );
    return oneAnswer(
      'members',
      'member',
      created.map((x) => presentMember(rt, x)),
    );
  });
  api('DELETE', 'members/:id', (request) => {
    const { id } = parse(idParams, request.params);
    const person = me(request);
    const removed = m.mutate((ctx) => deleteMember(ctx, person, id));
    return oneAnswer('members', 'member', [presentMember(rt, removed)]);
  });
  api('GET', 'organizations/:organization_id/roles', (request) => {
    const { organization_id } = parse(orgParams, request.params);
    parse(pageQuery, request.query);
    return listAnswer(request, 'roles', 'role', orgRoles(m, me(request), organization_id), (r) =>
      presentRole(rt, r),
    );
  });
  api('GET', 'adaccounts/:ad_account_id/roles', (request) => {
    const { ad_account_id } = parse(adParams, request.params);
    parse(pageQuery, request.query);
    return listAnswer(
      request,
      'roles',
      'role',
      adAccountRoles(m, me(request), ad_account_id),
      (r) => presentRole(rt, r),
    );
  });
  api('POST', 'organizations/:organization_id/roles', (request) => {
    const { organization_id } = parse(orgParams, request.params);
    const body = parse(rolesBody, request.body);
    const person = me(request);
    const created = m.mutate((ctx) => createRoles(ctx, person, organization_id, body.roles));
    return oneAnswer(
      'roles',
      'role',
      created.map((r) => presentRole(rt, r)),
    );
  });
  api('DELETE', 'roles/:id', (request) => {
    const { id } = parse(idParams, request.params);
    const person = me(request);
    return oneAnswer('roles', 'role', [
      presentRole(
        rt,
        m.mutate((ctx) => deleteRole(ctx, person, id)),
      ),
    ]);
  });

  app.post('/login/oauth2/access_token', async (request, reply) => {
    const form = z.record(z.string(), z.string().max(2000)).safeParse(request.body ?? {});
    if (!form.success)
      return reply
        .code(400)
        .send({ error: 'invalid_request', error_description: 'form body expected' });
    try {
      return m.mutate((ctx) =>
        exchangeToken(ctx, rt.apps, form.data, { rotateRefreshTokens: rt.rotateRefreshTokens }),
      );
    } catch (error) {
      if (error instanceof OAuthError)
        return reply
          .code(error.error === 'invalid_client' ? 401 : 400)
          .send({ error: error.error, error_description: error.message });
      throw error;
    }
  });
}
