/**
 * The agency's access requests: create (the link is returned once, and emailed when a client
 * email is known), list and read with per-asset status, revoke. Every query is scoped to the
 * caller's agency, so another agency's id is a 404 (S16).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkRequestItems, RequestItemSchema } from '../../domain/access-request.ts';
import {
  DEFAULT_LINK_TTL_DAYS,
  generateLinkToken,
  hashLinkSecret,
  MAX_LINK_TTL_DAYS,
} from '../../domain/access-request-link.ts';
import {
  findAccessRequest,
  findRequestClient,
  findRequestTemplate,
  insertAccessRequest,
  listAccessRequests,
  revokeAccessRequest,
} from '../../store/access-requests.ts';
import { findAgencyBranding } from '../../store/agencies.ts';
import { withAudit, type AuditEvent } from '../../store/audit.ts';
import { awaitingStatuses } from '../../domain/grant.ts';
import { GrantBlocked } from '../../jobs/grant-blocked.ts';
import { settleGrantAndAdvance } from '../../jobs/onboarding-progress.ts';
import { recheckGrant } from '../../jobs/recheck-grant.ts';
import { PlatformError } from '../../platforms/errors.ts';
import {
  deleteClientTokens,
  revokeAtPlatforms,
  type RevocableToken,
} from '../../jobs/revoke-client-tokens.ts';
import {
  findGrant,
  listGrantStatuses,
  listGrantsByOnboardings,
  type Grant,
} from '../../store/grants.ts';
import { listGrantInputs } from '../../store/guided-grants.ts';
import { cancelLinkReminders, scheduleLinkEmail } from '../../store/link-reminders.ts';
import {
  findOnboardingByRequest,
  lockOnboardingState,
  setOnboardingStatus,
} from '../../store/onboardings.ts';
import { Secret } from '../../store/secrets.ts';
import { requireActor } from '../auth/actor.ts';
import { auditActor } from './audit-actor.ts';
import { noStore } from '../no-store.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import { AppError } from '../errors.ts';
import { countStatuses, presentGrant, presentRequest } from './onboarding-presenters.ts';
import type { OnboardingServices } from './onboarding-services.ts';
import { clientLanguages } from '../../domain/client-languages.ts';
import { agencyManifests, verificationOf } from './custom-manifests.ts';

const CreateSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    message: z.string().trim().max(2_000).optional(),
    /** The language of the client's emails and first page; without it, English emails and a page in the browser's language. */
    language: z.enum(clientLanguages).optional(),
    clientId: z.uuid().optional(),
    clientEmail: z.email().max(320).optional(),
    templateId: z.uuid().optional(),
    items: z.array(RequestItemSchema).min(1).max(20).optional(),
    linkExpiresInDays: z.number().int().min(1).max(MAX_LINK_TTL_DAYS).optional(),
    accessEndsAt: z.iso.datetime().optional(),
  })
  .strict();
const IdParams = z.object({ id: z.uuid() }).strict();
const GrantParams = IdParams.extend({ grantId: z.uuid() }).strict();
const ListQuery = z
  .object({
    status: z.enum(['open', 'completed', 'partial', 'revoked', 'expired']).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    /** `nextCursor` of the previous page. */
    cursor: z.string().min(1).max(200).optional(),
  })
  .strict();
const DAY_MS = 86_400_000;

/** Creates the `/api/v1/requests` routes. */
export function createAccessRequestRoutes(services: OnboardingServices): FastifyPluginAsync {
  // The registered platforms plus the agency's own (custom) definitions.
  const manifestsOf = (agencyId: string, options: { activeOnly?: boolean } = {}) =>
    agencyManifests(services.db, services.manifests, agencyId, options);
  const manifests = async (agencyId: string) =>
    Object.values(await manifestsOf(agencyId, { activeOnly: true }));

  // Guided grants carry what the client typed (the Shopify store and collaborator code).
  const presentWithInputs = async (agencyId: string, grants: readonly Grant[]) => {
    const inputs = await listGrantInputs(
      services.db,
      agencyId,
      grants.map((g) => g.id),
    );
    const known = await manifestsOf(agencyId);
    return Promise.all(grants.map((g) => presentGrant(known, g, inputs.get(g.id))));
  };

  const detail = async (agencyId: string, id: string) => {
    const request = await findAccessRequest(services.db, agencyId, id);
    if (!request) throw new AppError('not_found', 'No such request');
    const onboarding = await findOnboardingByRequest(services.db, request.id);
    const grants = onboarding ? await listGrantsByOnboardings(services.db, [onboarding.id]) : [];
    return {
      ...presentRequest(await manifestsOf(agencyId), request),
      onboarding: onboarding
        ? {
            id: onboarding.id,
            status: onboarding.status,
            approvedAt: onboarding.approvedAt?.toISOString() ?? null,
            completedAt: onboarding.completedAt?.toISOString() ?? null,
          }
        : null,
      grantCounts: countStatuses(grants),
      grants: await presentWithInputs(agencyId, grants),
    };
  };

  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post('/', { schema: { body: CreateSchema } }, async (req, reply) => {
      const actor = requireActor(req, 'member', { write: true });
      const body = req.body;
      const template = body.templateId
        ? await findRequestTemplate(services.db, actor.agencyId, body.templateId)
        : undefined;
      if (body.templateId && !template) throw new AppError('not_found', 'No such template');
      const items = body.items ?? template?.items;
      if (!items || items.length === 0)
        throw new AppError('unprocessable', 'Say what you need: items or a template', {
          reason: 'no_items',
        });
      const problems = checkRequestItems(items, await manifests(actor.agencyId));
      if (problems.length > 0)
        throw new AppError('unprocessable', 'Some items cannot be requested', problems);
      const client = body.clientId
        ? await findRequestClient(services.db, actor.agencyId, body.clientId)
        : undefined;
      if (body.clientId && !client) throw new AppError('not_found', 'No such client');
      const now = services.now();
      const link = generateLinkToken();
      const url = `${services.publicUrl()}/l/${link.token}`;
      const email = body.clientEmail ?? client?.email ?? undefined;
      const request = await withAudit(services.db, async (tx) => {
        const created = await insertAccessRequest(tx, {
          agencyId: actor.agencyId,
          clientId: client?.id ?? null,
          title:
            body.title ??
            template?.name ??
            (client ? `Access for ${client.name}` : 'Access request'),
          message: body.message ?? null,
          language: body.language ?? null,
          linkId: link.linkId,
          linkSecretHash: hashLinkSecret(link.secret),
          linkExpiresAt: new Date(
            now.getTime() + (body.linkExpiresInDays ?? DEFAULT_LINK_TTL_DAYS) * DAY_MS,
          ),
          accessEndsAt: body.accessEndsAt ? new Date(body.accessEndsAt) : null,
          createdBy: actor.userId,
          items,
        });
        if (email) {
          const branding = await findAgencyBranding(tx, actor.agencyId);
          await scheduleLinkEmail(tx, services.keyring, {
            agencyId: actor.agencyId,
            requestId: created.id,
            to: email,
            linkUrl: new Secret(url),
            agencyName: branding?.displayName ?? 'Your agency',
          });
        }
        return {
          result: created,
          audit: {
            agencyId: actor.agencyId,
            actor: { kind: actor.kind, id: actor.apiKeyId ?? actor.userId },
            action: 'request.created',
            target: { kind: 'access_request', id: created.id },
            data: {
              items: items.length,
              template_id: body.templateId ?? null,
              client_id: client?.id ?? null,
              emailed: Boolean(email),
            },
          },
        };
      });
      return noStore(reply)
        .status(201)
        .send({
          request: presentRequest(await manifestsOf(actor.agencyId), request),
          link: { url, expiresAt: request.linkExpiresAt.toISOString(), emailedTo: email ?? null },
        });
    });

    app.get('/options', async (req) => {
      const actor = requireActor(req, 'viewer');
      return {
        // The custom platform is offered once the agency has a definition.
        platforms: (await manifests(actor.agencyId))
          .filter((m) => m.assetTypes.length > 0)
          .map((m) => ({
            id: m.id,
            name: m.name,
            assetTypes: m.assetTypes.map((type) => ({
              id: type.id,
              label: type.label,
              grantMethod: type.grantMethod,
              // A custom definition's logo (an https or small data URL), else null.
              logo: type.custom?.logo ?? null,
              levels: type.levels.map((l) => ({
                id: l.id,
                label: l.label,
                description: l.description,
              })),
            })),
          })),
      };
    });

    app.get('/', { schema: { querystring: ListQuery } }, async (req) => {
      const actor = requireActor(req, 'viewer');
      // One more than the page, to know whether another page follows.
      const limit = req.query.limit ?? 100;
      const found = await listAccessRequests(services.db, actor.agencyId, {
        limit: limit + 1,
        ...(req.query.status ? { status: req.query.status } : {}),
        ...(req.query.cursor ? { after: decodeCursor(req.query.cursor) } : {}),
      });
      const requests = found.slice(0, limit);
      const last = requests.at(-1);
      const nextCursor = found.length > limit && last ? encodeCursor(last) : null;
      const onboardings = await services.db
        .selectFrom('onboardings')
        .select(['id', 'request_id', 'status'])
        .where('agency_id', '=', actor.agencyId)
        .where(
          'request_id',
          'in',
          requests.length ? requests.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000'],
        )
        .execute();
      const grants = await listGrantsByOnboardings(
        services.db,
        onboardings.map((o) => o.id),
      );
      const known = await manifestsOf(actor.agencyId);
      return {
        requests: requests.map((request) => {
          const onboarding = onboardings.find((o) => o.request_id === request.id);
          const own = grants.filter((g) => g.onboardingId === onboarding?.id);
          return {
            ...presentRequest(known, request),
            onboardingStatus: onboarding?.status ?? null,
            grantCounts: countStatuses(own),
            assets: own.map((g) => ({
              id: g.id,
              assetType: g.assetType,
              assetId: g.assetId,
              assetName: g.assetName,
              permissionLevel: g.permissionLevel,
              status: g.status,
            })),
          };
        }),
        nextCursor,
      };
    });

    app.get('/:id', { schema: { params: IdParams } }, async (req) => {
      const actor = requireActor(req, 'viewer');
      return { request: await detail(actor.agencyId, req.params.id) };
    });

    /** A grant of one of the agency's requests, or a 404 (another agency's ids included). */
    async function requestGrant(agencyId: string, params: { id: string; grantId: string }) {
      const request = await findAccessRequest(services.db, agencyId, params.id);
      if (!request) throw new AppError('not_found', 'No such request');
      const onboarding = await findOnboardingByRequest(services.db, request.id);
      const grant = onboarding
        ? (await listGrantsByOnboardings(services.db, [onboarding.id])).find(
            (g) => g.id === params.grantId && g.agencyId === agencyId,
          )
        : undefined;
      if (!grant) throw new AppError('not_found', 'No such grant in this request');
      return { request, grant };
    }

    // A grant waiting for a person (the agency accepting an invitation, the client's step): read
    // it back now rather than at the next sweep, as the client's "Check again" does.
    app.post('/:id/grants/:grantId/check', { schema: { params: GrantParams } }, async (req) => {
      const actor = requireActor(req, 'member', { write: true });
      const { request, grant } = await requestGrant(actor.agencyId, req.params);
      // A click racing the re-check that has just granted it: the answer is the grant as it
      // stands, not an error.
      if (grant.status === 'granted') return { request: await detail(actor.agencyId, request.id) };
      if (!awaitingStatuses.has(grant.status))
        throw new AppError('conflict', 'This grant is not waiting for anything', {
          reason: 'not_waiting',
        });
      try {
        // Joins a re-check of this grant already under way (recheckGrant shares it).
        await recheckGrant(services.grantDeps, grant.id, auditActor(actor));
      } catch (error) {
        if (error instanceof GrantBlocked) throw new AppError('conflict', error.message);
        if (!(error instanceof PlatformError)) throw error;
        // The check that failed may have raced one that settled the grant: answer with that.
        const after = await findGrant(services.db, grant.id);
        if (after && !awaitingStatuses.has(after.status))
          return { request: await detail(actor.agencyId, request.id) };
        throw new AppError('unavailable', 'The platform did not answer: try again in a moment.', {
          reason: error.kind,
        });
      }
      return { request: await detail(actor.agencyId, request.id) };
    });

    // Shopify: no API sees collaborator access; the agency marks it done once Shopify shows it.
    app.post('/:id/grants/:grantId/confirm', { schema: { params: GrantParams } }, async (req) => {
      const actor = requireActor(req, 'member', { write: true });
      const { request, grant } = await requestGrant(actor.agencyId, req.params);
      const known = await manifestsOf(actor.agencyId);
      if (verificationOf(known, grant.platform, grant.assetType) !== 'agency_confirmation')
        throw new AppError('conflict', 'This access is not marked done by hand', {
          reason: 'not_agency_confirmed',
        });
      if (grant.status !== 'needs_manual_step')
        throw new AppError('conflict', 'This grant is not waiting for a step', {
          reason: 'not_waiting',
        });
      await settleGrantAndAdvance(services.grantDeps, {
        grantId: grant.id,
        from: ['needs_manual_step'],
        settlement: {
          status: 'granted',
          verified: false,
          step: {
            name: 'agency_confirmed',
            at: services.now().toISOString(),
            detail: 'marked done by the agency; not verified',
          },
        },
        actor: auditActor(actor),
      });
      return { request: await detail(actor.agencyId, request.id) };
    });

    app.post('/:id/revoke', { schema: { params: IdParams } }, async (req) => {
      const actor = requireActor(req, 'member', { write: true });
      const existing = await findAccessRequest(services.db, actor.agencyId, req.params.id);
      if (!existing) throw new AppError('not_found', 'No such request');
      const revocable: RevocableToken[] = [];
      await withAudit(services.db, async (tx) => {
        const now = services.now();
        // The onboarding's lock first, as approving and settling take it before the request's
        // row: an approval committing meanwhile is seen, not undone, and no deadlock.
        const found = await findOnboardingByRequest(tx, existing.id);
        const onboarding = found ? await lockOnboardingState(tx, found.id) : undefined;
        const revoked = await revokeAccessRequest(tx, actor.agencyId, existing.id, now);
        await cancelLinkReminders(tx, existing.id);
        const abandoned: AuditEvent[] = [];
        if (revoked && onboarding?.status === 'started') {
          await setOnboardingStatus(tx, onboarding.id, 'abandoned', now);
          // The same rule as once the grants settle (no grant yet, so every token goes).
          const grants = await listGrantStatuses(tx, onboarding.id);
          const deleted = await deleteClientTokens(tx, services.grantDeps, onboarding, grants);
          abandoned.push(...deleted.audit);
          revocable.push(...deleted.revocable);
        }
        return {
          result: revoked,
          audit: revoked
            ? [
                {
                  agencyId: actor.agencyId,
                  actor: { kind: actor.kind, id: actor.apiKeyId ?? actor.userId },
                  action: 'request.revoked',
                  target: { kind: 'access_request', id: existing.id },
                },
                ...abandoned,
              ]
            : [],
        };
      });
      if (revocable.length > 0) await revokeAtPlatforms(services.grantDeps, revocable);
      return { request: await detail(actor.agencyId, existing.id) };
    });
  };
}
