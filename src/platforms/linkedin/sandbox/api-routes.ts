// The API half of the sandbox: `/v2/userinfo` and the `/rest` resources Latchkey calls
// (linkedin-api.md §1–§4), behind the checks every call passes: faults, bearer token,
// `LinkedIn-Version`, `X-RestLi-Protocol-Version`. Answers are Rest.li entities and collections.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { applyBasicFaults, holdAnswer } from '../../sandbox-kit/faults.ts';
import { appendBounded } from '../../sandbox-kit/request-log.ts';
import {
  ACCOUNT_ROLES,
  accountRoleOf,
  deleteAccountUser,
  isPageAdmin,
  LinkedInRuleError,
  ORG_ROLES,
  ORG_STATES,
  upsertAccountUser,
  type AccessToken,
  type AdAccountUser,
  type OrgAcl,
} from './model.ts';
import {
  compoundKey,
  enumParam,
  illegal,
  page,
  personId,
  rawKey,
  restliQuery,
  sendLinkedInError,
  urnNumber,
} from './restli.ts';
import { LOG_LIMIT, type SandboxRuntime } from './runtime.ts';

const ADS_READ = ['r_ads', 'rw_ads'];
const ORG_READ = ['r_organization_admin', 'rw_organization_admin'];

declare module 'fastify' {
  interface FastifyRequest {
    linkedInToken?: AccessToken;
    arrivedAt?: number;
  }
}

const isApiPath = (path: string) => path.startsWith('/rest/') || path.startsWith('/v2/');

/** Registers the API routes and their checks on the sandbox plugin. */
export function registerApiRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const base = app.prefix;
  app.addHook('onRequest', async (request) => {
    request.arrivedAt = performance.now();
  });
  app.addHook('preHandler', async (request) => {
    const path = (request.raw.url ?? '').split('?')[0]?.slice(base.length) ?? '';
    if (!isApiPath(path)) return;
    await applyBasicFaults(rt, {
      throttled: (ms) =>
        new LinkedInRuleError(
          429,
          'TOO_MANY_REQUESTS',
          'Resource level throttle limit for calls to this resource is reached',
          Math.max(1, Math.ceil(ms / 1000)),
        ),
      transient: () => new LinkedInRuleError(500, 'INTERNAL_SERVER_ERROR', 'Internal Server Error'),
    });
    request.linkedInToken = bearerToken(rt, request);
    if (path.startsWith('/rest/')) checkRestHeaders(rt, request);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const path = (request.raw.url ?? '').split('?')[0]?.slice(base.length) ?? '';
    if (!isApiPath(path)) return payload;
    // Every API answer names its protocol, as LinkedIn's do (linkedin-api.md §0).
    reply.header('x-restli-protocol-version', '2.0.0');
    let code: string | null = null;
    if (reply.statusCode >= 400 && typeof payload === 'string') {
      try {
        code = (JSON.parse(payload) as { code?: string }).code ?? null;
      } catch {
        code = null;
      }
    }
    appendBounded(
      rt.log,
      {
        method: request.method,
        path,
        query: Object.fromEntries(new URLSearchParams((request.raw.url ?? '').split('?')[1] ?? '')),
        linkedInVersion: header(request, 'linkedin-version') ?? null,
        restliProtocolVersion: header(request, 'x-restli-protocol-version') ?? null,
        restliMethod: header(request, 'x-restli-method') ?? null,
        bearer: (request.headers.authorization ?? '').startsWith('Bearer '),
        status: reply.statusCode,
        code,
        time: rt.model.now().toISOString(),
      },
      LOG_LIMIT,
    );
    await holdAnswer(request.arrivedAt ?? performance.now(), rt.faults.latencyMs);
    return payload;
  });

  const member = (request: FastifyRequest, scopes: readonly string[]): string => {
    const token = request.linkedInToken;
    if (!token) throw new LinkedInRuleError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token');
    if (!scopes.some((s) => token.scopes.includes(s)))
      throw new LinkedInRuleError(
        403,
        'ACCESS_DENIED',
        `Not enough permissions to access: needs one of ${scopes.join(', ')}`,
      );
    return token.member;
  };

  app.get('/v2/userinfo', async (request) => {
    const id = member(request, ['openid']);
    const m = rt.model.state.members.find((x) => x.id === id);
    if (!m) throw new LinkedInRuleError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token');
    const [given, ...family] = m.name.split(' ');
    const scopes = request.linkedInToken?.scopes ?? [];
    return {
      sub: m.id,
      name: m.name,
      given_name: given ?? m.name,
      family_name: family.join(' '),
      locale: { country: 'US', language: 'en' },
      ...(scopes.includes('email') ? { email: m.email, email_verified: true } : {}),
    };
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/rest/adAccounts',
    handler: async (request) => {
      const me = member(request, ADS_READ);
      const query = restliQuery(request);
      if (query.q !== 'search') illegal(`Unknown finder ${String(query.q)}`);
      const statuses = searchStatuses(query.search);
      const mine = rt.model.state.adAccounts.filter(
        (a) =>
          accountRoleOf(rt.model.state, a.id, me) !== undefined &&
          (statuses === undefined || statuses.includes(a.status)),
      );
      return cursorPage(mine.map(adAccountEntity), query);
    },
  });
  app.get('/rest/adAccounts/:id', async (request) => {
    const me = member(request, ADS_READ);
    const id = Number((request.params as { id: string }).id);
    const account = rt.model.state.adAccounts.find((a) => a.id === id);
    if (!Number.isInteger(id) || !account)
      throw new LinkedInRuleError(404, 'NOT_FOUND', `Ad account ${String(id)} not found`);
    if (accountRoleOf(rt.model.state, id, me) === undefined)
      throw new LinkedInRuleError(
        403,
        'ACCESS_DENIED',
        'Not enough permissions to access this ad account',
      );
    return adAccountEntity(account);
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/rest/adAccountUsers',
    handler: async (request) => {
      const me = member(request, ADS_READ);
      const query = restliQuery(request);
      const state = rt.model.state;
      if (query.q === 'authenticatedUser') {
        return page(
          state.adAccountUsers.filter((u) => u.member === me).map(accountUserEntity),
          query,
        );
      }
      if (query.q === 'accounts') {
        const accounts = (Array.isArray(query.accounts) ? query.accounts : [query.accounts]).map(
          (urn) => urnNumber(urn, 'sponsoredAccount'),
        );
        for (const account of accounts) {
          if (accountRoleOf(state, account, me) === undefined)
            throw new LinkedInRuleError(
              403,
              'ACCESS_DENIED',
              `Not enough permissions to access account ${account}`,
            );
        }
        const rows = state.adAccountUsers.filter((u) => accounts.includes(u.account));
        return page(rows.map(accountUserEntity), query);
      }
      return illegal(`Unknown finder ${String(query.q)}`);
    },
  });
  // Keys are matched with a wildcard: a Rest.li compound key easily passes the router's 100
  // characters per parameter, and LinkedIn sets no such limit.
  const accountUserKey = (request: FastifyRequest) => {
    const key = compoundKey(rawKey(request, 'adAccountUsers'), ['account', 'user']);
    return { account: urnNumber(key.account, 'sponsoredAccount'), user: personId(key.user) };
  };
  app.get('/rest/adAccountUsers/*', async (request) => {
    const me = member(request, ADS_READ);
    const { account, user } = accountUserKey(request);
    if (me !== user && accountRoleOf(rt.model.state, account, me) === undefined)
      throw new LinkedInRuleError(
        403,
        'ACCESS_DENIED',
        'Not enough permissions to access this ad account',
      );
    const row = rt.model.state.adAccountUsers.find(
      (u) => u.account === account && u.member === user,
    );
    if (!row) throw new LinkedInRuleError(404, 'NOT_FOUND', 'No such ad account user');
    return accountUserEntity(row);
  });
  app.put('/rest/adAccountUsers/*', async (request, reply) => {
    const me = member(request, ['rw_ads']);
    const { account, user } = accountUserKey(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.account !== undefined && urnNumber(body.account, 'sponsoredAccount') !== account)
      illegal('Body account does not match the key');
    if (body.user !== undefined && personId(body.user) !== user)
      illegal('Body user does not match the key');
    const role = enumParam(body.role, ACCOUNT_ROLES, 'role');
    if (role === undefined) illegal('role is required');
    const { created } = upsertAccountUser(rt.model, { actor: me, account, user, role });
    return reply.code(created ? 201 : 204).send();
  });
  app.delete('/rest/adAccountUsers/*', async (request, reply) => {
    const me = member(request, ['rw_ads']);
    const { account, user } = accountUserKey(request);
    deleteAccountUser(rt.model, { actor: me, account, user });
    return reply.code(204).send();
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/rest/organizationAcls',
    handler: async (request) => {
      const me = member(request, ORG_READ);
      const query = restliQuery(request);
      const role = enumParam(query.role, ORG_ROLES, 'role');
      const state = enumParam(query.state, ORG_STATES, 'state');
      const match = (a: OrgAcl) =>
        (role === undefined || a.role === role) && (state === undefined || a.state === state);
      const acls = rt.model.state.organizationAcls;
      if (query.q === 'roleAssignee') {
        return page(acls.filter((a) => a.member === me && match(a)).map(aclEntity), query);
      }
      if (query.q === 'organization') {
        const org = urnNumber(query.organization, 'organization');
        if (!isPageAdmin(rt.model.state, org, me))
          throw new LinkedInRuleError(
            403,
            'ACCESS_DENIED',
            'Not enough permissions to access this organization',
          );
        return page(acls.filter((a) => a.organization === org && match(a)).map(aclEntity), query);
      }
      return illegal(`Unknown finder ${String(query.q)}`);
    },
  });
  // The write exists in LinkedIn's method list but its request is not documented for partner apps
  // (linkedin-api.md item 1): the sandbox refuses it as an app without that permission would be.
  app.put('/rest/organizationAcls/*', async (request) => {
    member(request, ['rw_organization_admin']);
    throw new LinkedInRuleError(
      403,
      'ACCESS_DENIED',
      'This application is not permitted to assign organization roles',
    );
  });
  app.get('/rest/organizations/:id', async (request) => {
    member(request, [...ORG_READ, ...ADS_READ]);
    const id = Number((request.params as { id: string }).id);
    const org = rt.model.state.organizations.find((o) => o.id === id);
    if (!org) throw new LinkedInRuleError(404, 'NOT_FOUND', `Organization ${String(id)} not found`);
    return {
      id: org.id,
      localizedName: org.name,
      vanityName: org.vanityName,
      name: { localized: { en_US: org.name }, preferredLocale: { country: 'US', language: 'en' } },
    };
  });
}

/** Errors of API routes in LinkedIn's body; pages and control keep their own. */
export function apiErrorHandler(
  error: unknown,
  request: FastifyRequest,
  reply: Parameters<typeof sendLinkedInError>[0],
) {
  if (error instanceof LinkedInRuleError) return sendLinkedInError(reply, error);
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500)
    return sendLinkedInError(
      reply,
      new LinkedInRuleError(400, 'ILLEGAL_ARGUMENT', (error as Error).message),
    );
  request.log.error(error);
  return sendLinkedInError(
    reply,
    new LinkedInRuleError(500, 'INTERNAL_SERVER_ERROR', 'Internal Server Error'),
  );
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function bearerToken(rt: SandboxRuntime, request: FastifyRequest): AccessToken {
  const auth = header(request, 'authorization') ?? '';
  if (!auth.startsWith('Bearer ') || auth.slice(7).trim() === '')
    throw new LinkedInRuleError(401, 'EMPTY_ACCESS_TOKEN', 'Empty oauth2_access_token');
  const value = auth.slice(7).trim();
  const token = rt.model.state.tokens.find((t) => t.token === value);
  if (!token || token.expiresAt <= rt.model.now().getTime())
    throw new LinkedInRuleError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token');
  return token;
}

function checkRestHeaders(rt: SandboxRuntime, request: FastifyRequest): void {
  const version = header(request, 'linkedin-version');
  if (version === undefined || version === '')
    throw new LinkedInRuleError(
      400,
      'VERSION_MISSING',
      'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
    );
  if (!rt.versions.includes(version))
    throw new LinkedInRuleError(
      426,
      'NONEXISTENT_VERSION',
      `Requested version ${version} is not active`,
    );
  if (header(request, 'x-restli-protocol-version') !== '2.0.0')
    illegal('X-RestLi-Protocol-Version: 2.0.0 is required');
}

function searchStatuses(search: unknown): string[] | undefined {
  if (search === undefined) return undefined;
  const status: unknown =
    typeof search === 'object' && search !== null
      ? (search as Record<string, unknown>).status
      : undefined;
  const values: unknown =
    typeof status === 'object' && status !== null
      ? (status as Record<string, unknown>).values
      : undefined;
  if (!Array.isArray(values) || !values.every((v): v is string => typeof v === 'string'))
    return illegal('search must look like (status:(values:List(ACTIVE)))');
  return values;
}

/** Cursor paging of the ads search finders since 202401 (linkedin-api.md §2). */
function cursorPage<T>(items: readonly T[], query: Record<string, unknown>) {
  const size = query.pageSize === undefined ? 100 : Number(query.pageSize);
  if (!Number.isInteger(size) || size < 1 || size > 1000) illegal('pageSize must be 1..1000');
  let offset = 0;
  if (query.pageToken !== undefined) {
    if (typeof query.pageToken !== 'string') illegal('Invalid pageToken');
    offset = Number(Buffer.from(query.pageToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) illegal('Invalid pageToken');
  }
  const next =
    offset + size < items.length
      ? Buffer.from(String(offset + size)).toString('base64url')
      : undefined;
  return {
    elements: items.slice(offset, offset + size),
    metadata: next === undefined ? {} : { nextPageToken: next },
  };
}

function adAccountEntity(a: {
  id: number;
  name: string;
  organization: number;
  currency: string;
  status: string;
}) {
  return {
    id: a.id,
    name: a.name,
    reference: `urn:li:organization:${a.organization}`,
    status: a.status,
    type: 'BUSINESS',
    currency: a.currency,
    test: false,
  };
}

function accountUserEntity(u: AdAccountUser) {
  return {
    account: `urn:li:sponsoredAccount:${u.account}`,
    user: `urn:li:person:${u.member}`,
    role: u.role,
    changeAuditStamps: { created: { time: u.created }, lastModified: { time: u.lastModified } },
  };
}

function aclEntity(a: OrgAcl) {
  return {
    organization: `urn:li:organization:${a.organization}`,
    roleAssignee: `urn:li:person:${a.member}`,
    role: a.role,
    state: a.state,
  };
}
