/**
 * The public onboarding API behind the client page, authorized only by the link
 * (`/api/v1/onboarding/<id>.<secret>/...`; the logger masks that path segment). Every answer is
 * about the link's own request: ids from other requests are simply not found.
 */
import { createHash } from 'node:crypto';
import etag from '@fastify/etag';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GrantBlocked } from '../../jobs/grant-deps.ts';
import { settleGrantAndAdvance } from '../../jobs/onboarding-progress.ts';
import { recheckGrant } from '../../jobs/recheck-grant.ts';
import { PlatformError } from '../../platforms/errors.ts';
import { scopeListing } from '../../domain/rerequest-scope.ts';
import { markLinkOpened, type AccessRequest } from '../../store/access-requests.ts';
import { recordAudit } from '../../store/audit.ts';
import { listGrantsByOnboarding, type Grant } from '../../store/grants.ts';
import { listGrantInputs } from '../../store/guided-grants.ts';
import { agencyManifests, verificationOf, type Manifests } from './custom-manifests.ts';
import { findLinkView, type LinkView } from '../../store/link-view.ts';
import { findOrCreateOnboarding, savePlatformListing } from '../../store/onboardings.ts';
import { openOnboardingToken } from '../../store/platform-connections.ts';
import { freshAccessToken } from '../../jobs/fresh-token.ts';
import { listRerequestAssets } from '../../store/verifications-alerts.ts';
import { GenerationCache } from '../../lib/generation-cache.ts';
import { ownValue } from '../../lib/own.ts';
import { AppError } from '../errors.ts';
import { startOAuth } from './onboarding-oauth.ts';
import { approveSelection, SelectionSchema } from './onboarding-approve.ts';
import { presentGrant, presentItem } from './onboarding-presenters.ts';
import {
  requirePlatform,
  resolveLink,
  usableLink,
  type OnboardingServices,
} from './onboarding-services.ts';

const LinkParams = z.object({ link: z.string().max(120) }).strict();
const PlatformParams = LinkParams.extend({ platform: z.string().max(40) }).strict();
const GrantParams = LinkParams.extend({ grantId: z.uuid() }).strict();

/**
 * How long the GETs' reads may be kept. With PGlite this process makes every write, and each one
 * ends every cached read (write-generation.ts), so the bound is only a backstop; on a shared
 * PostgreSQL server other processes write too, so a read is kept 250 ms at most.
 */
const READ_TTL_MS = { pglite: 5_000, postgres: 250 } as const;

/** An answer serialized once, with its ETag (as @fastify/etag would compute it). */
interface SerializedAnswer {
  readonly body: string;
  readonly etag: string;
}

const serialize = (answer: unknown): SerializedAnswer => {
  const body = JSON.stringify(answer);
  return { body, etag: `"${createHash('sha1').update(body).digest('base64')}"` };
};

/** Sends a cached answer: @fastify/etag keeps the ETag set here and answers 304 on a match. */
const sendSerialized = (reply: FastifyReply, answer: SerializedAnswer) =>
  reply.header('etag', answer.etag).type('application/json; charset=utf-8').send(answer.body);

/** Creates the public onboarding routes (prefix `/api/v1/onboarding`). */
export function createOnboardingRoutes(services: OnboardingServices): FastifyPluginAsync {
  const open = async (link: string, ip: string) => {
    const request = await resolveLink(services, link, ip);
    const { onboarding, created } = await findOrCreateOnboarding(services.db, {
      agencyId: request.agencyId,
      requestId: request.id,
    });
    if (created || !request.linkOpenedAt) {
      await services.db.transaction().execute(async (tx) => {
        if (await markLinkOpened(tx, request.id, services.now())) {
          await recordAudit(tx, {
            agencyId: request.agencyId,
            actor: { kind: 'client', id: onboarding.id },
            action: 'request.link_opened',
            target: { kind: 'access_request', id: request.id },
          });
        }
      });
    }
    return { request, onboarding };
  };
  // GETs only read: the onboarding is created, and the first open recorded, by POST /:link/open
  // (the page sends it on load) or by the first action that needs it. Before that, the answer
  // describes a link not started yet. What they read (the throttle's locks, the link's view, the
  // serialized answers) is cached until the next write (the page polls progress every second);
  // the secret, the lock's time and the link's state are still checked on every request.
  const reads = new GenerationCache({
    generation: () => services.database.writes.value,
    ttlMs: READ_TTL_MS[services.database.kind],
    maxEntries: 2_000,
  });
  const read = <T>(key: string, load: () => Promise<T>) => reads.read(key, load);
  const view = (link: string, ip: string) =>
    usableLink(
      services,
      link,
      ip,
      (linkId) => findLinkView(services.db, linkId),
      (found) => found.request,
      read,
    );
  const platformsOf = (request: AccessRequest) => [
    ...new Set(request.items.map((i) => i.platform)),
  ];
  // The registered platforms plus the agency's own (custom) definitions, read only when the
  // request asks for a custom tool (the client's GETs take as few queries as they need).
  const manifestsOf = async (request: {
    agencyId: string;
    items: readonly { platform: string }[];
  }) =>
    request.items.some((i) => i.platform === 'custom')
      ? agencyManifests(services.db, services.manifests, request.agencyId)
      : services.manifests;
  // A guided platform: every asset type asked there is a step the client follows, typing what it
  // needs; the client does not sign in to it here.
  const isGuided = (known: Manifests, request: AccessRequest, platform: string) =>
    request.items
      .filter((i) => i.platform === platform)
      .every(
        (i) =>
          ownValue(known, platform)?.assetTypes.find((t) => t.id === i.assetType)?.grantMethod ===
          'guided',
      );

  const presentGrants = async (agencyId: string, grants: readonly Grant[]) => {
    const inputs = await listGrantInputs(
      services.db,
      agencyId,
      grants.map((g) => g.id),
    );
    const known = await manifestsOf({
      agencyId,
      items: grants.map((g) => ({ platform: g.platform })),
    });
    return Promise.all(grants.map((g) => presentGrant(known, g, inputs.get(g.id))));
  };

  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.addHook('onSend', async (_request, reply) => {
      void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    });

    // ETag on every GET: an unchanged answer is a 304 without a body (the page polls progress).
    await app.register(etag, { algorithm: 'sha1' });

    app.post('/:link/open', { schema: { params: LinkParams } }, async (req, reply) => {
      await open(req.params.link, req.ip);
      return reply.status(204).send();
    });

    app.get('/:link', { schema: { params: LinkParams } }, async (req, reply) => {
      const found = await view(req.params.link, req.ip);
      const answer = await read(`page:${found.request.linkId}`, async () =>
        serialize(await presentPage(found)),
      );
      return sendSerialized(reply, answer);
    });

    const presentPage = async ({
      request,
      onboarding,
      agency,
      agencyConnections,
      clientConnected,
    }: LinkView) => {
      const known = await manifestsOf(request);
      const platforms = platformsOf(request).map((id) => {
        const connection = agencyConnections.get(id);
        const manifest = ownValue(known, id);
        return {
          id,
          name: manifest?.name ?? id,
          connected: clientConnected.has(id),
          // A platform without sign-in (Shopify) names the agency by its name: always ready.
          agencyReady: manifest?.oauth === null || Boolean(connection?.businessId),
          guided: isGuided(known, request, id),
          verification: manifest?.verification ?? 'api',
          // Where the client adds the agency (its Google email), for the guided step's words.
          agencyIdentity: manifest?.oauth === null ? null : (connection?.businessId ?? null),
        };
      });
      return {
        agency: {
          name: agency.name,
          brandColor: agency.brandColor,
          logoUrl: agency.logoUrl,
        },
        request: {
          title: request.title,
          message: request.message,
          language: request.language,
          linkExpiresAt: request.linkExpiresAt.toISOString(),
          accessEndsAt: request.accessEndsAt?.toISOString() ?? null,
          items: request.items.map((item) => presentItem(known, item, agency.name)),
        },
        onboarding: { status: onboarding?.status ?? 'started' },
        platforms,
      };
    };

    app.post(
      '/:link/oauth/:platform/start',
      { schema: { params: PlatformParams } },
      async (req, reply) => {
        const { request, onboarding } = await open(req.params.link, req.ip);
        if (!platformsOf(request).includes(req.params.platform))
          throw new AppError('not_found', 'This link asks for nothing on that platform');
        if (isGuided(await manifestsOf(request), request, req.params.platform))
          throw new AppError('conflict', 'Nothing to sign in to here: follow the steps shown', {
            reason: 'guided',
          });
        if (onboarding.status !== 'started')
          throw new AppError('conflict', 'You have already approved this request');
        const url = await startOAuth(services, req, reply, {
          purpose: 'onboarding',
          platform: req.params.platform,
          agencyId: request.agencyId,
          onboardingId: onboarding.id,
          userId: null,
          returnPath: `/l/${req.params.link}`,
          assetTypes: request.items
            .filter((i) => i.platform === req.params.platform)
            .map((i) => i.assetType),
        });
        return { authorizationUrl: url.toString() };
      },
    );

    // Listing asks the platform and keeps what it showed (the approval is checked against it), so
    // it is a POST: the client page's GETs only read.
    app.post('/:link/assets/:platform', { schema: { params: PlatformParams } }, async (req) => {
      const { request, onboarding } = await open(req.params.link, req.ip);
      const platform = requirePlatform(services, req.params.platform);
      const wanted = new Set(
        request.items.filter((i) => i.platform === req.params.platform).map((i) => i.assetType),
      );
      if (wanted.size === 0)
        throw new AppError('not_found', 'This link asks for nothing on that platform');
      const token = await openOnboardingToken(
        services.db,
        services.keyring,
        onboarding.id,
        req.params.platform,
      );
      if (!token)
        throw new AppError('conflict', `Connect ${platform.manifest.name} first`, {
          reason: 'not_connected',
        });
      let listing;
      try {
        // The client may list long after connecting: an expiring token is refreshed first (S10).
        const accessToken = await freshAccessToken(services.grantDeps, token);
        listing = await platform.listClientAssets(accessToken.reveal());
      } catch (error) {
        if (error instanceof GrantBlocked)
          throw new AppError('conflict', `Connect ${platform.manifest.name} again`, {
            reason: 'not_connected',
          });
        if (!(error instanceof PlatformError)) throw error;
        throw new AppError(
          error.retryable ? 'unavailable' : 'conflict',
          error.retryable
            ? `${platform.manifest.name} did not answer: try again in a moment.`
            : error.message,
          { reason: error.kind },
        );
      }
      // A re-request asks for exact assets: the others are listed as not part of it.
      const filtered = scopeListing(
        { ...listing, assets: listing.assets.filter((a) => wanted.has(a.type)) },
        req.params.platform,
        await listRerequestAssets(services.db, request.id),
      );
      await savePlatformListing(
        services.db,
        onboarding.id,
        req.params.platform,
        filtered,
        services.now(),
      );
      const missing = [...wanted].filter((type) => !filtered.assets.some((a) => a.type === type));
      return { ...filtered, missingTypes: missing };
    });

    app.post(
      '/:link/approve',
      { schema: { params: LinkParams, body: SelectionSchema } },
      async (req, reply) => {
        const { request, onboarding } = await open(req.params.link, req.ip);
        const known = await manifestsOf(request);
        const result = await approveSelection(
          services,
          request,
          onboarding.id,
          req.body.selections,
        );
        return reply.status(result.approvedNow ? 202 : 200).send({
          approvedNow: result.approvedNow,
          grants: await Promise.all(result.grants.map((g) => presentGrant(known, g))),
        });
      },
    );

    app.get('/:link/progress', { schema: { params: LinkParams } }, async (req, reply) => {
      const found = await view(req.params.link, req.ip);
      const answer = await read(`progress:${found.request.linkId}`, async () =>
        serialize(await presentProgress(found)),
      );
      return sendSerialized(reply, answer);
    });

    const presentProgress = async ({ request, onboarding, agencyConnections }: LinkView) => {
      const grants = onboarding ? await listGrantsByOnboarding(services.db, onboarding.id) : [];
      const agencyBusinesses = platformsOf(request).map((id) => ({
        platform: id,
        businessId: agencyConnections.get(id)?.businessId ?? null,
        businessName: agencyConnections.get(id)?.businessName ?? null,
      }));
      const working = grants.some((g) => g.status === 'queued' || g.status === 'running');
      return {
        onboarding: {
          status: onboarding?.status ?? 'started',
          approvedAt: onboarding?.approvedAt?.toISOString() ?? null,
          completedAt: onboarding?.completedAt?.toISOString() ?? null,
        },
        working,
        grantedTo: agencyBusinesses,
        grants: await presentGrants(request.agencyId, grants),
      };
    };

    // YouTube: no API can confirm channel permissions; the client's word is recorded as such.
    app.post('/:link/grants/:grantId/confirm', { schema: { params: GrantParams } }, async (req) => {
      const { request, onboarding } = await open(req.params.link, req.ip);
      const grant = (await listGrantsByOnboarding(services.db, onboarding.id)).find(
        (g) => g.id === req.params.grantId,
      );
      if (!grant) throw new AppError('not_found', 'No such item in this request');
      const known = await manifestsOf(request);
      if (verificationOf(known, grant.platform, grant.assetType) !== 'client_confirmation')
        throw new AppError('conflict', 'Latchkey checks this one itself: press "Check again"', {
          reason: 'not_client_confirmed',
        });
      const at = services.now().toISOString();
      const settled = await settleGrantAndAdvance(services.grantDeps, {
        grantId: grant.id,
        from: ['needs_manual_step'],
        settlement: {
          status: 'granted',
          verified: false,
          step: { name: 'client_confirmed', at, detail: 'confirmed by the client; not verified' },
        },
        actor: { kind: 'client', id: onboarding.id },
      });
      return { grant: await presentGrant(known, settled ?? grant) };
    });

    app.post('/:link/grants/:grantId/check', { schema: { params: GrantParams } }, async (req) => {
      const { request, onboarding } = await open(req.params.link, req.ip);
      const grants = await listGrantsByOnboarding(services.db, onboarding.id);
      if (!grants.some((g) => g.id === req.params.grantId))
        throw new AppError('not_found', 'No such item in this request');
      try {
        const grant = await recheckGrant(services.grantDeps, req.params.grantId, {
          kind: 'client',
          id: onboarding.id,
        });
        if (!grant) throw new AppError('not_found', 'No such item in this request');
        return { grant: await presentGrant(await manifestsOf(request), grant) };
      } catch (error) {
        if (error instanceof GrantBlocked) throw new AppError('conflict', error.message);
        if (!(error instanceof PlatformError)) throw error;
        throw new AppError('unavailable', 'The platform did not answer: try again in a moment.', {
          reason: error.kind,
        });
      }
    });
  };
}
