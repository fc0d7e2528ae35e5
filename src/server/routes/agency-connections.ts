/**
 * The agency's own identity on each platform (prefix `/api/v1/agency/connections`): connect once
 * with OAuth as an agency user, pick the business (TikTok Business Center) grants go to, see it,
 * disconnect. Tokens are stored sealed and never returned.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GrantBlocked } from '../../jobs/grant-blocked.ts';
import { freshAccessToken } from '../../jobs/fresh-token.ts';
import { PlatformError } from '../../platforms/errors.ts';
import { withAudit } from '../../store/audit.ts';
import {
  deleteAgencyConnection,
  findAgencyConnection,
  openAgencyToken,
  setAgencyBusiness,
} from '../../store/platform-connections.ts';
import { requireActor, type RequestActor } from '../auth/actor.ts';
import { noStore } from '../no-store.ts';
import { AppError } from '../errors.ts';
import { startOAuth } from './onboarding-oauth.ts';
import { requirePlatform, type OnboardingServices } from './onboarding-services.ts';

const PlatformParams = z.object({ platform: z.string().max(40) }).strict();
const BusinessBody = z.object({ businessId: z.string().min(1).max(64) }).strict();

function auditActor(actor: RequestActor) {
  return { kind: actor.kind, id: actor.apiKeyId ?? actor.userId };
}

/** Creates the agency connection routes. */
export function createAgencyConnectionRoutes(services: OnboardingServices): FastifyPluginAsync {
  const businessesOf = async (agencyId: string, platformId: string) => {
    const platform = requirePlatform(services, platformId);
    const opened = await openAgencyToken(services.db, services.keyring, agencyId, platformId);
    if (!opened)
      throw new AppError('conflict', `Connect ${platform.manifest.name} first`, {
        reason: 'not_connected',
      });
    try {
      const token = (await freshAccessToken(services.grantDeps, opened)).reveal();
      return platform.listAgencyBusinesses
        ? await platform.listAgencyBusinesses(token)
        : (await platform.listClientAssets(token)).businesses;
    } catch (error) {
      if (error instanceof GrantBlocked)
        throw new AppError('conflict', error.message, { reason: 'needs_reconnect' });
      if (!(error instanceof PlatformError)) throw error;
      throw new AppError(error.retryable ? 'unavailable' : 'conflict', error.message, {
        reason: error.kind,
      });
    }
  };

  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get('/', async (req) => {
      const actor = requireActor(req, 'viewer');
      const connections = await Promise.all(
        // A platform without sign-in (Shopify) has nothing to connect: it is not listed.
        Object.values(services.manifests)
          .filter((manifest) => manifest.oauth !== null)
          .map(async (manifest) => {
            const c = await findAgencyConnection(services.db, actor.agencyId, manifest.id);
            return {
              platform: manifest.id,
              name: manifest.name,
              identityLabel: manifest.agencyIdentityLabel,
              connected: Boolean(c),
              ready: Boolean(c?.businessId),
              // The platform refused to renew the token (S10): Settings offers "Reconnect".
              needsReconnect: c?.needsReconnect ?? false,
              businessId: c?.businessId ?? null,
              businessName: c?.businessName ?? null,
              connectedAt: c?.createdAt.toISOString() ?? null,
            };
          }),
      );
      return { connections };
    });

    app.post('/:platform/start', { schema: { params: PlatformParams } }, async (req, reply) => {
      const actor = requireActor(req, 'manager', { write: true });
      if (actor.kind !== 'user' || !actor.userId)
        throw new AppError('forbidden', 'Connect a platform while signed in, not with an API key');
      const url = await startOAuth(services, req, reply, {
        purpose: 'agency',
        platform: req.params.platform,
        agencyId: actor.agencyId,
        onboardingId: null,
        userId: actor.userId,
        returnPath: '/app/settings/connections',
      });
      void noStore(reply);
      return { authorizationUrl: url.toString() };
    });

    app.get('/:platform/businesses', { schema: { params: PlatformParams } }, async (req) => {
      const actor = requireActor(req, 'manager');
      return { businesses: await businessesOf(actor.agencyId, req.params.platform) };
    });

    app.put(
      '/:platform/business',
      { schema: { params: PlatformParams, body: BusinessBody } },
      async (req) => {
        const actor = requireActor(req, 'manager', { write: true });
        const businesses = await businessesOf(actor.agencyId, req.params.platform);
        const chosen = businesses.find((b) => b.id === req.body.businessId);
        if (!chosen)
          throw new AppError('unprocessable', 'That business is not one this connection can reach');
        if (!chosen.isAdmin)
          throw new AppError(
            'unprocessable',
            `You are not an admin of "${chosen.name}": grants need an admin's connection. Connect as one of its admins.`,
            { reason: 'not_bc_admin' },
          );
        await withAudit(services.db, async (tx) => ({
          result: await setAgencyBusiness(tx, {
            agencyId: actor.agencyId,
            platform: req.params.platform,
            businessId: chosen.id,
            businessName: chosen.name,
            now: services.now(),
          }),
          audit: {
            agencyId: actor.agencyId,
            actor: auditActor(actor),
            action: 'agency.business_chosen',
            target: { kind: 'platform_connection', id: req.params.platform },
            data: { business_id: chosen.id },
          },
        }));
        return { businessId: chosen.id, businessName: chosen.name };
      },
    );

    app.delete('/:platform', { schema: { params: PlatformParams } }, async (req, reply) => {
      const actor = requireActor(req, 'manager', { write: true });
      const deleted = await withAudit(services.db, async (tx) => {
        const gone = await deleteAgencyConnection(tx, actor.agencyId, req.params.platform);
        return {
          result: gone,
          audit: gone
            ? {
                agencyId: actor.agencyId,
                actor: auditActor(actor),
                action: 'agency.platform_disconnected',
                target: { kind: 'platform_connection', id: req.params.platform },
              }
            : [],
        };
      });
      if (!deleted) throw new AppError('not_found', 'Not connected');
      return reply.status(204).send();
    });
  };
}
