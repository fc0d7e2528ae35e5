/**
 * Idempotency-Key on every POST route (draft-ietf-httpapi-idempotency-key-header): the first answer
 * to a key is stored for 24 h and replayed to retries; the same key with another body or route is
 * 422; while the first request runs, 409. Keys are scoped to the agency of the credentials (or to
 * anonymous callers). Answers that are 5xx or 429 are not kept, so the retry runs again; state
 * changes are transactional, so a failed first attempt changed nothing. A global hook
 * (fastify-plugin), so every POST route gets it, whoever registers it.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { stableStringify } from '../lib/stable-json.ts';
import { Secret, type SecretContext } from '../store/secrets.ts';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  type IdempotencyClaim,
} from '../store/idempotency-keys.ts';
import { AppError } from './errors.ts';
import { noStore } from './no-store.ts';
import type { Workspace } from './workspace.ts';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

/** Only status, content type and body are stored: a replay never hands out a session cookie. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim?: IdempotencyClaim & { settled: boolean };
  }
}

function keyOf(request: FastifyRequest): string | undefined {
  const value = request.headers[IDEMPOTENCY_HEADER];
  if (value === undefined) return undefined;
  const key = Array.isArray(value) ? value.join(',') : value;
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('invalid_headers', 'Idempotency-Key must be 1-255 visible ASCII characters');
  }
  return key;
}

function hashBody(body: unknown): string {
  return createHash('sha256').update(stableStringify(body)).digest('hex');
}

/**
 * Only a hash of the route is stored: an onboarding path carries the link's secret, and nothing
 * that grants access is kept unhashed (the route is only compared). Same form as migration 0008.
 */
function hashRoute(route: string): string {
  return `sha256:${createHash('sha256').update(route, 'utf8').digest('hex')}`;
}

function payloadText(payload: unknown): string | undefined {
  if (payload === null || payload === undefined) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return undefined;
}

/** Stored answers are sealed: a creation response may carry a one-time secret (an API key). */
function sealContext(claim: { scope: string; key: string }): SecretContext {
  return {
    table: 'idempotency_keys',
    column: 'response_body',
    rowId: `${claim.scope}|${claim.key}`,
    agencyId: claim.scope,
  };
}

/** Creates the Idempotency-Key plugin. Register it after authentication. */
export function createIdempotencyPlugin(workspace: Workspace): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    if (!app.hasRequestDecorator('idempotencyClaim')) {
      app.decorateRequest('idempotencyClaim', undefined);
    }

    app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
      // Latchkey's own API only: the sandboxes under /sandbox/ simulate third-party APIs (TikTok
      // has no Idempotency-Key), and must answer as those do.
      if (request.method !== 'POST' || !request.url.startsWith('/api/')) return;
      const key = keyOf(request);
      if (key === undefined) return;
      const claim: IdempotencyClaim = {
        scope: request.actor ? `agency:${request.actor.agencyId}` : 'anonymous',
        key,
        route: hashRoute(`POST ${request.url.split('?')[0] ?? ''}`),
        bodyHash: hashBody(request.body),
      };
      const outcome = await claimIdempotencyKey(
        workspace.db,
        claim,
        workspace.now(),
        IDEMPOTENCY_TTL_MS,
      );
      if (outcome.kind === 'claimed') {
        request.idempotencyClaim = { ...claim, settled: false };
        return;
      }
      const { row } = outcome;
      if (row.route !== claim.route || row.body_hash !== claim.bodyHash) {
        throw new AppError(
          'unprocessable',
          'This Idempotency-Key was already used for a different request',
        );
      }
      if (row.status_code === null) {
        throw new AppError('conflict', 'A request with this Idempotency-Key is still in progress');
      }
      // A stored answer may hold a one-time secret (an API key, a link): never cached.
      void noStore(reply).status(row.status_code).header(REPLAYED_HEADER, 'true');
      if (row.content_type) void reply.header('content-type', row.content_type);
      const body = row.response_body
        ? workspace.keyring.open(row.response_body, sealContext(claim)).reveal()
        : '';
      return reply.send(body);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      const claim = request.idempotencyClaim;
      if (!claim || claim.settled) return payload;
      claim.settled = true;
      const text = payloadText(payload);
      if (reply.statusCode >= 500 || reply.statusCode === 429 || text === undefined) {
        await releaseIdempotencyKey(workspace.db, claim);
        return payload;
      }
      const contentType = reply.getHeader('content-type');
      await completeIdempotencyKey(workspace.db, claim, {
        statusCode: reply.statusCode,
        contentType: typeof contentType === 'string' ? contentType : null,
        body: workspace.keyring.seal(new Secret(text), sealContext(claim)),
      });
      return payload;
    });

    app.addHook('onResponse', async (request) => {
      const claim = request.idempotencyClaim;
      if (claim && !claim.settled) {
        claim.settled = true;
        await releaseIdempotencyKey(workspace.db, claim);
      }
    });
  };
  return fp(plugin, { name: 'latchkey-idempotency', fastify: '5.x' });
}
