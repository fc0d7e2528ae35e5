// The REST API under `/v5` (pinterest-api.md §2-§7): each route authenticates the Bearer token,
// applies the faults, checks the operation's scopes, validates the request against Pinterest's
// own schemas (validate.ts), runs the model and pages lists with `bookmark`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyBasicFaults, holdAnswer } from '../../sandbox-kit/faults.ts';
import { appendBounded, redactParams } from '../../sandbox-kit/request-log.ts';
import { PinterestError, refuse } from './errors.ts';
import {
  attachInviteAssets,
  cancelInvites,
  createInvites,
  listInvites,
  respondInvites,
} from './invites.ts';
import { appFromBasic, exchangeToken, tokenOwner } from './oauth.ts';
import {
  deletePartnerAssets,
  deletePartners,
  listAssetPartners,
  listPartnerAssets,
  listPartners,
  updatePartnerAssets,
  type PartnerType,
} from './partners.ts';
import {
  adAccounts,
  assetMembers,
  businessAssets,
  deleteMemberAssets,
  employers,
  updateMemberAssets,
  userAccount,
} from './reads.ts';
import { LOG_LIMIT, type SandboxRuntime } from './runtime.ts';
import { scopesOf, validateRequest, type OperationKey } from './validate.ts';

interface Call {
  userId: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
}
/** A handler's answer: a body, or a list the route pages with `bookmark`. */
type Answer = { page: unknown[] } | { body: unknown };
type Handler = (rt: SandboxRuntime, call: Call) => Answer;

const page = (items: unknown[]): Answer => ({ page: items });
const items = (list: unknown[]): Answer => ({ body: { items: list } });
// Bodies are validated against the description before a handler sees them.
const b = <T>(call: Call) => call.body as T;
const q = <T>(call: Call) => call.query as T;

const ROUTES: [OperationKey, Handler][] = [
  ['GET /user_account', (rt, c) => ({ body: userAccount(rt.model.state, c.userId) })],
  [
    'GET /ad_accounts',
    (rt, c) =>
      page(adAccounts(rt.model.state, c.userId, c.query.include_shared_accounts !== false)),
  ],
  ['GET /businesses/employers', (rt, c) => page(employers(rt.model.state, c.userId))],
  [
    'GET /businesses/{business_id}/assets',
    (rt, c) => page(businessAssets(rt.model, c.userId, c.params.business_id ?? '', q(c))),
  ],
  [
    'GET /businesses/{business_id}/assets/{asset_id}/partners',
    (rt, c) =>
      page(
        listAssetPartners(rt.model, c.userId, c.params.business_id ?? '', c.params.asset_id ?? ''),
      ),
  ],
  [
    'GET /businesses/{business_id}/assets/{asset_id}/members',
    (rt, c) =>
      page(assetMembers(rt.model, c.userId, c.params.business_id ?? '', c.params.asset_id ?? '')),
  ],
  [
    'GET /businesses/{business_id}/partners',
    (rt, c) => page(listPartners(rt.model, c.userId, c.params.business_id ?? '', q(c))),
  ],
  [
    'DELETE /businesses/{business_id}/partners',
    (rt, c) => ({
      body: deletePartners(rt.model, c.userId, c.params.business_id ?? '', b(c)),
    }),
  ],
  [
    'GET /businesses/{business_id}/partners/{partner_id}/assets',
    (rt, c) =>
      page(
        listPartnerAssets(
          rt.model,
          c.userId,
          c.params.business_id ?? '',
          c.params.partner_id ?? '',
          q(c),
        ),
      ),
  ],
  [
    'PATCH /businesses/{business_id}/partners/assets',
    (rt, c) =>
      items(
        updatePartnerAssets(
          rt.model,
          c.userId,
          c.params.business_id ?? '',
          b<{ accesses: { partner_id: string; asset_id: string; permissions: string[] }[] }>(c)
            .accesses,
        ),
      ),
  ],
  [
    'DELETE /businesses/{business_id}/partners/assets',
    (rt, c) =>
      items(
        deletePartnerAssets(
          rt.model,
          c.userId,
          c.params.business_id ?? '',
          b<{ accesses: { partner_id: string; asset_id: string; partner_type?: PartnerType }[] }>(c)
            .accesses,
        ),
      ),
  ],
  [
    'PATCH /businesses/{business_id}/members/assets/access',
    (rt, c) =>
      items(
        updateMemberAssets(
          rt.model,
          c.userId,
          c.params.business_id ?? '',
          b<{ accesses: { member_id: string; asset_id: string; permissions: string[] }[] }>(c)
            .accesses,
        ),
      ),
  ],
  [
    'DELETE /businesses/{business_id}/members/assets/access',
    (rt, c) =>
      items(
        deleteMemberAssets(
          rt.model,
          c.userId,
          c.params.business_id ?? '',
          b<{ accesses: { member_id: string; asset_id: string }[] }>(c).accesses,
        ),
      ),
  ],
  [
    'GET /businesses/{business_id}/invites',
    (rt, c) => page(listInvites(rt.model, c.userId, c.params.business_id ?? '', q(c))),
  ],
  [
    'POST /businesses/{business_id}/invites',
    (rt, c) => items(createInvites(rt.model, c.userId, c.params.business_id ?? '', b(c))),
  ],
  [
    'DELETE /businesses/{business_id}/invites',
    (rt, c) =>
      items(
        cancelInvites(
          rt.model,
          c.userId,
          c.params.business_id ?? '',
          b<{ invite_ids: string[] }>(c).invite_ids,
        ),
      ),
  ],
  [
    'POST /businesses/{business_id}/invites/assets/access',
    (rt, c) =>
      items(
        attachInviteAssets(
          rt.model,
          c.userId,
          c.params.business_id ?? '',
          b<{ invites: Parameters<typeof attachInviteAssets>[3] }>(c).invites,
        ),
      ),
  ],
  [
    'PATCH /businesses/invites',
    (rt, c) =>
      items(
        respondInvites(
          rt.model,
          c.userId,
          b<{ invites: Parameters<typeof respondInvites>[2] }>(c).invites,
        ),
      ),
  ],
];

/** An opaque bookmark for the next offset (base64url), and its reading (400 when malformed). */
const bookmarkFor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
function offsetOf(bookmark: unknown): number | undefined {
  if (typeof bookmark !== 'string') return undefined;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(bookmark, 'base64url').toString('utf8'));
  if (!match) throw refuse(400, 'Invalid bookmark.');
  return Number(match[1]);
}

function paginate(list: unknown[], query: Record<string, unknown>) {
  const size = typeof query.page_size === 'number' ? query.page_size : 25;
  const start =
    offsetOf(query.bookmark) ?? (typeof query.start_index === 'number' ? query.start_index : 0);
  const next = start + size;
  return {
    items: list.slice(start, next),
    bookmark: next < list.length ? bookmarkFor(next) : null,
  };
}

function record(
  rt: SandboxRuntime,
  request: FastifyRequest,
  status: number,
  code: number | null,
): void {
  const url = new URL(request.url, 'http://sandbox');
  appendBounded(
    rt.log,
    {
      method: request.method,
      path: url.pathname,
      query: redactParams(url.searchParams, (name) => /token|secret|code/i.test(name)),
      bodyFields:
        request.body !== null && typeof request.body === 'object' ? Object.keys(request.body) : [],
      bearer: (request.headers.authorization ?? '').startsWith('Bearer '),
      status,
      code,
      time: rt.model.now().toISOString(),
    },
    LOG_LIMIT,
  );
}

async function runFaults(rt: SandboxRuntime): Promise<void> {
  await applyBasicFaults(rt, {
    throttled: (retryAfterMs) =>
      new PinterestError(429, 429, 'You have exceeded your rate limit. Try again later.', {
        'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
        'x-userendpoint-ratelimit-limit': String(rt.faults.rateLimit?.requests ?? 0),
        'x-userendpoint-ratelimit-remaining': '0',
      }),
    transient: () => refuse(500, 'Something went wrong on our end. Please try again.'),
  });
}

async function answerError(
  rt: SandboxRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
  error: PinterestError,
) {
  record(rt, request, error.status, error.code);
  return reply.code(error.status).headers(error.headers).send(error.body());
}

/** Registers `/v5/...` (API and token endpoint), the error handler and the 404 of `/v5`. */
export function registerApiRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  for (const [key, handler] of ROUTES) {
    const [method, path] = key.split(' ') as [string, string];
    const url = `/v5${path.replace(/\{(\w+)\}/g, ':$1')}`;
    app.route({
      method: method,
      url,
      handler: async (request, reply) => {
        const arrivedAt = performance.now();
        try {
          const owner = tokenOwner(rt.model, request.headers.authorization);
          if (!owner) throw refuse(401, 'Authentication failed.');
          await runFaults(rt);
          const missing = scopesOf(key).filter((s) => !owner.scopes.includes(s));
          if (missing.length > 0)
            throw refuse(403, `Your token is missing the scope(s): ${missing.join(', ')}.`);
          const input = validateRequest(key, {
            params: request.params as Record<string, string>,
            query: request.query as Record<string, unknown>,
            body: request.body,
          });
          const answer = handler(rt, { userId: owner.userId, ...input });
          const body = 'page' in answer ? paginate(answer.page, input.query) : answer.body;
          record(rt, request, 200, null);
          await holdAnswer(arrivedAt, rt.faults.latencyMs);
          return reply.code(200).send(body);
        } catch (error) {
          await holdAnswer(arrivedAt, rt.faults.latencyMs);
          if (error instanceof PinterestError) return answerError(rt, request, reply, error);
          throw error;
        }
      },
    });
  }
  app.post('/v5/oauth/token', async (request, reply) => {
    try {
      const client = appFromBasic(rt.apps, request.headers.authorization);
      const form = (request.body ?? {}) as Record<string, unknown>;
      record(rt, request, 200, null);
      return reply.send(exchangeToken(rt.model, client, form));
    } catch (error) {
      if (error instanceof PinterestError) return answerError(rt, request, reply, error);
      throw error;
    }
  });
}

/** Errors Fastify raises itself (bad JSON, wrong content type) in Pinterest's shape. */
export function pinterestErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
) {
  const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
  return reply
    .code(status)
    .send({ code: status, message: status === 500 ? 'Internal error.' : error.message });
}
