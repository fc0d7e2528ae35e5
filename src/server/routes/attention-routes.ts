/**
 * GET /api/v1/attention: what needs the agency's attention now, for the dashboard's front page
 * (links waiting for the client, grants waiting for a person or failed, open drift alerts, access
 * ending soon, recent activity). Every member may read it; it reads the actor's agency only.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ownValue } from '../../lib/own.ts';
import { platformManifests } from '../../platforms/registry.ts';
import { describeActor, findActorNames } from '../../store/audit-actors.ts';
import { findAttention, WAITING_GRANT_STATUSES } from '../../store/attention.ts';
import { requireActor } from '../auth/actor.ts';
import type { Workspace } from '../workspace.ts';
import { agencyManifests, type Manifests } from './custom-manifests.ts';
import { TimestampSchema } from './presenters.ts';

const slice = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), items: z.array(item) });

const AttentionSchema = z.object({
  linksWaiting: slice(
    z.object({
      requestId: z.uuid(),
      title: z.string(),
      clientName: z.string().nullable(),
      linkOpenedAt: TimestampSchema.nullable(),
      linkExpiresAt: TimestampSchema,
    }),
  ),
  grantsWaiting: slice(
    z.object({
      grantId: z.uuid(),
      requestId: z.uuid(),
      clientName: z.string().nullable(),
      platform: z.string(),
      platformName: z.string(),
      assetTypeLabel: z.string(),
      assetName: z.string(),
      status: z.enum(WAITING_GRANT_STATUSES),
      updatedAt: TimestampSchema,
    }),
  ),
  driftAlerts: slice(
    z.object({ alertId: z.uuid(), createdAt: TimestampSchema, assetNames: z.array(z.string()) }),
  ),
  accessEnding: slice(
    z.object({
      requestId: z.uuid(),
      title: z.string(),
      clientName: z.string().nullable(),
      accessEndsAt: TimestampSchema,
    }),
  ),
  recentActivity: z.array(
    z.object({
      id: z.number().int(),
      createdAt: TimestampSchema,
      actorName: z.string(),
      action: z.string(),
      targetKind: z.string(),
      targetId: z.string().nullable(),
    }),
  ),
});

/** The platform's and asset type's names from the manifests (the stored ids when unknown). */
function namesOf(
  manifests: Manifests,
  platform: string,
  assetType: string,
): { platformName: string; label: string } {
  const manifest = ownValue(manifests, platform);
  const type = manifest?.assetTypes.find((t) => t.id === assetType);
  return { platformName: manifest?.name ?? platform, label: type?.label ?? assetType };
}

/** Creates the attention route plugin. */
export function createAttentionRoutes(workspace: Workspace): FastifyPluginAsync {
  const { db } = workspace;
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/attention',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'What needs the agency’s attention now (the dashboard’s front page)',
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(50).default(8),
              endingWithinDays: z.coerce.number().int().min(1).max(90).default(14),
            })
            .strict(),
          response: { 200: AttentionSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const found = await findAttention(db, actor.agencyId, {
          now: workspace.now(),
          limit: request.query.limit,
          endingWithinDays: request.query.endingWithinDays,
        });
        const actors = found.recentActivity.map((e) => ({
          actorKind: e.actor_kind,
          actorId: e.actor_id,
        }));
        const names = await findActorNames(db, actor.agencyId, actors);
        // A custom tool's grants are named by the agency's own definitions.
        const manifests = found.grantsWaiting.items.some((g) => g.platform === 'custom')
          ? await agencyManifests(db, platformManifests, actor.agencyId)
          : platformManifests;
        return {
          linksWaiting: {
            total: found.linksWaiting.total,
            items: found.linksWaiting.items.map((l) => ({
              ...l,
              linkOpenedAt: l.linkOpenedAt?.toISOString() ?? null,
              linkExpiresAt: l.linkExpiresAt.toISOString(),
            })),
          },
          grantsWaiting: {
            total: found.grantsWaiting.total,
            items: found.grantsWaiting.items.map((g) => {
              const { platformName, label } = namesOf(manifests, g.platform, g.assetType);
              return {
                grantId: g.grantId,
                requestId: g.requestId,
                clientName: g.clientName,
                platform: g.platform,
                platformName,
                assetTypeLabel: label,
                assetName: g.assetName,
                status: g.status as (typeof WAITING_GRANT_STATUSES)[number],
                updatedAt: g.updatedAt.toISOString(),
              };
            }),
          },
          driftAlerts: {
            total: found.driftAlerts.total,
            items: found.driftAlerts.items.map((a) => ({
              ...a,
              assetNames: [...a.assetNames],
              createdAt: a.createdAt.toISOString(),
            })),
          },
          accessEnding: {
            total: found.accessEnding.total,
            items: found.accessEnding.items.map((e) => ({
              ...e,
              accessEndsAt: e.accessEndsAt.toISOString(),
            })),
          },
          recentActivity: found.recentActivity.map((e, i) => ({
            id: e.id,
            createdAt: e.created_at.toISOString(),
            actorName: describeActor(names, actors[i]!),
            action: e.action,
            targetKind: e.target_kind,
            targetId: e.target_id,
          })),
        };
      },
    );
  };
}
