/**
 * The global authentication hook: sets `request.actor` from an API key (`Authorization: Bearer
 * lk_...`) or the session cookie, and refuses cross-site or non-JSON cookie-authenticated
 * mutations (S14). Registered with fastify-plugin so it covers every route, whoever adds it.
 */
import cookie from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { touchApiKey } from '../../store/api-keys.ts';
import { AppError } from '../errors.ts';
import type { Workspace } from '../workspace.ts';
import type { RequestActor } from './actor.ts';
import { verifyApiKey } from './api-key-token.ts';
import { isCrossSiteRequest, isUnsafeMethod } from './cross-site.ts';
import { SESSION_COOKIE } from './session-manager.ts';

/** Only `lk_` bearer tokens are ours; sandboxes in the same server see other bearer tokens. */
function apiKeyFrom(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer lk_')) return undefined;
  return header.slice('Bearer '.length).trim();
}

function hasJsonOrNoBody(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  const length = Number(request.headers['content-length'] ?? 0);
  const hasBody = length > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return true;
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type);
}

/** Whether to spend a database lookup on this request (static assets never need an actor). */
function needsActor(url: string): boolean {
  return !url.startsWith('/assets/') && url !== '/healthz';
}

/** Creates the authentication plugin for the given workspace. */
export function createAuthPlugin(workspace: Workspace): FastifyPluginAsync {
  const plugin: FastifyPluginAsync = async (app) => {
    if (!app.hasDecorator('parseCookie')) await app.register(cookie);
    if (!app.hasRequestDecorator('actor')) app.decorateRequest('actor', undefined);

    app.addHook('onRequest', async (request) => {
      const key = apiKeyFrom(request);
      if (key !== undefined) {
        const credential = await verifyApiKey(workspace.db, key);
        if (!credential) throw new AppError('unauthorized', 'Invalid or revoked API key');
        await touchApiKey(workspace.db, credential.id, workspace.now());
        request.actor = {
          kind: 'api_key',
          agencyId: credential.agencyId,
          userId: credential.userId,
          apiKeyId: credential.id,
          role: credential.role,
          canWrite: credential.scope === 'write',
        } satisfies RequestActor;
        return;
      }
      if (isUnsafeMethod(request.method)) {
        const allowed = [new URL(workspace.publicUrl()).origin];
        if (isCrossSiteRequest(request.headers, allowed)) {
          throw new AppError('forbidden', 'Cross-site requests are refused', {
            reason: 'cross_site',
          });
        }
      }
      const sessionId = request.cookies[SESSION_COOKIE];
      if (!sessionId || !needsActor(request.url)) return;
      if (isUnsafeMethod(request.method) && !hasJsonOrNoBody(request)) {
        throw new AppError('unsupported_media_type', 'Send the body as application/json');
      }
      const session = await workspace.sessions.resolve(sessionId);
      if (!session) return;
      request.actor = {
        kind: 'user',
        agencyId: session.agencyId,
        userId: session.userId,
        apiKeyId: null,
        role: session.role,
        canWrite: true,
      } satisfies RequestActor;
    });
  };
  return fp(plugin, { name: 'latchkey-auth', fastify: '5.x' });
}
