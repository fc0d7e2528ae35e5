/**
 * GET /oauth/callback/:platform: one redirect URI per platform (mix-up defence, S3). The state
 * must exist, belong to this platform, be unused and unexpired, and come back to the browser that
 * started it (cookie); only then is it consumed (once, atomically) and the code exchanged
 * server-side. The token is stored sealed; the browser is sent on with a 303 to a URL without
 * `code` or `state`, under `Referrer-Policy: no-referrer` and `Cache-Control: no-store` (S2, S8).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformError } from '../../platforms/errors.ts';
import { systemActor, withAudit } from '../../store/audit.ts';
import {
  clearOAuthReturnPath,
  consumeOAuthState,
  findOAuthStateByHash,
  type OAuthTransaction,
} from '../../store/oauth-states.ts';
import { saveAssetListing } from '../../store/onboardings.ts';
import {
  saveAgencyConnection,
  saveOnboardingConnection,
} from '../../store/platform-connections.ts';
import { Secret } from '../../store/secrets.ts';
import { AppError } from '../errors.ts';
import { browserCookieName, digest, oauthContext, readCookie } from './onboarding-oauth.ts';
import { redirectUriFor, requirePlatform, type OnboardingServices } from './onboarding-services.ts';

const QuerySchema = z
  .object({
    state: z.string().max(512).optional(),
    auth_code: z.string().max(2048).optional(),
    code: z.string().max(2048).optional(),
    error: z.string().max(200).optional(),
    // OAuth 1.0a (X): the request token comes back in place of `state`, with the verifier, or
    // as `denied` when the person cancels.
    oauth_token: z.string().max(512).optional(),
    oauth_verifier: z.string().max(512).optional(),
    denied: z.string().max(512).optional(),
  })
  .passthrough();

function refuse(reason: string, message: string): AppError {
  return new AppError('bad_request', message, { reason });
}

/** Checks everything that must hold before the code may be exchanged (no platform call yet). */
async function checkTransaction(
  services: OnboardingServices,
  platform: string,
  state: string | undefined,
  cookie: string | undefined,
): Promise<OAuthTransaction> {
  if (!state) throw refuse('missing_state', 'The sign-in answer has no state: start again.');
  const transaction = await findOAuthStateByHash(services.db, digest(state));
  if (!transaction)
    throw refuse('unknown_state', 'This sign-in is not one we started: start again.');
  if (transaction.platform !== platform) {
    throw refuse('wrong_platform', 'This sign-in answer came back to the wrong platform.');
  }
  if (transaction.consumedAt) throw refuse('state_used', 'This sign-in answer was already used.');
  if (transaction.expiresAt.getTime() <= services.now().getTime()) {
    throw refuse('state_expired', 'This sign-in took longer than 10 minutes: start again.');
  }
  if (!cookie || digest(cookie) !== transaction.browserHash) {
    throw refuse('browser_mismatch', 'Finish the sign-in in the browser where you started it.');
  }
  if (!(await consumeOAuthState(services.db, transaction.id, services.now()))) {
    throw refuse('state_used', 'This sign-in answer was already used.');
  }
  return transaction;
}

function returnPathOf(services: OnboardingServices, t: OAuthTransaction): string {
  const fallback = t.purpose === 'agency' ? '/app/settings' : '/';
  if (!t.returnPathCiphertext) return fallback;
  const path = services.keyring
    .open(t.returnPathCiphertext, oauthContext(t.id, t.agencyId, 'return_path_ciphertext'))
    .reveal();
  // Only same-origin relative paths we built ourselves (S5).
  return /^\/(l|app)(\/[A-Za-z0-9_./-]*)?$/.test(path) ? path : fallback;
}

function withResult(path: string, platform: string, result: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}${platform}=${result}`;
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.status(303).header('location', location).send();
}

/** Creates the callback plugin. */
export function createOAuthCallbackRoutes(services: OnboardingServices): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.addHook('onSend', async (_request, reply) => {
      void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    });
    app.get(
      '/oauth/callback/:platform',
      {
        schema: {
          params: z.object({ platform: z.string().max(40) }).strict(),
          querystring: QuerySchema,
        },
      },
      async (request, reply) => {
        const platformId = request.params.platform;
        const platform = requirePlatform(services, platformId);
        const oauth1 = platform.startRequestToken !== undefined;
        const q = request.query;
        const t = await checkTransaction(
          services,
          platformId,
          oauth1 ? (q.oauth_token ?? q.denied) : q.state,
          readCookie(request, browserCookieName(services)),
        );
        if ((platform.manifest.oauth?.pkce || oauth1) && !t.codeVerifierCiphertext) {
          throw refuse('missing_verifier', 'This sign-in lost its proof key: start again.');
        }
        const back = returnPathOf(services, t);
        await clearOAuthReturnPath(services.db, t.id);
        const code = oauth1 ? q.oauth_verifier : (q.auth_code ?? q.code);
        if (!code) return redirect(reply, withResult(back, platformId, 'denied'));
        const verifier = t.codeVerifierCiphertext
          ? services.keyring
              .open(
                t.codeVerifierCiphertext,
                oauthContext(t.id, t.agencyId, 'code_verifier_ciphertext'),
              )
              .reveal()
          : undefined;
        let tokens;
        try {
          tokens = await platform.exchangeCode({
            code,
            redirectUri: redirectUriFor(services, platformId),
            ...(verifier ? { codeVerifier: verifier } : {}),
            ...(oauth1 && q.oauth_token ? { requestToken: q.oauth_token } : {}),
          });
        } catch (error) {
          if (!(error instanceof PlatformError)) throw error;
          request.log.warn(
            { platform: platformId, kind: error.kind, platformCode: error.platformCode },
            'code exchange failed',
          );
          return redirect(reply, withResult(back, platformId, 'failed'));
        }
        const now = services.now();
        const connection = {
          agencyId: t.agencyId,
          platform: platformId,
          now,
          tokens: {
            accessToken: new Secret(tokens.accessToken),
            ...(tokens.refreshToken ? { refreshToken: new Secret(tokens.refreshToken) } : {}),
            ...(tokens.expiresAt ? { expiresAt: tokens.expiresAt } : {}),
            scopes: tokens.scopes,
            grantedIds: tokens.grantedIds ?? [],
          },
        };
        await withAudit(services.db, async (tx) => {
          if (t.purpose === 'onboarding' && t.onboardingId) {
            await saveOnboardingConnection(tx, services.keyring, {
              ...connection,
              onboardingId: t.onboardingId,
            });
            await saveAssetListing(tx, t.onboardingId, null, now);
            return {
              result: undefined,
              audit: {
                agencyId: t.agencyId,
                actor: { kind: 'client', id: t.onboardingId },
                action: 'onboarding.platform_connected',
                target: { kind: 'onboarding', id: t.onboardingId },
                data: { platform: platformId, authorized_ids: tokens.grantedIds?.length ?? 0 },
              },
            };
          }
          await saveAgencyConnection(tx, services.keyring, connection);
          return {
            result: undefined,
            audit: {
              agencyId: t.agencyId,
              actor: t.userId ? { kind: 'user', id: t.userId } : systemActor,
              action: 'agency.platform_connected',
              target: { kind: 'platform_connection', id: platformId },
              data: { platform: platformId },
            },
          };
        });
        return redirect(reply, withResult(back, platformId, 'connected'));
      },
    );
  };
}
