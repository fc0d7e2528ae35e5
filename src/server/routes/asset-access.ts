/**
 * `GET /api/v1/assets/{id}/access`: the effective-access explainer. `{id}` is a Latchkey grant id,
 * or the platform's asset id with `platform` and `type` in the query. The answer is read live from
 * the platform with the agency's own connection: who reaches the asset through the agency's
 * business, through which membership, business role, assignment or partner share, at which level.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { explainPaths, sentenceForHolding } from '../../domain/effective-access.ts';
import { agencyIdentityFor, GrantBlocked } from '../../jobs/grant-deps.ts';
import { withPlatformRetry } from '../../jobs/verify-grants-deps.ts';
import { PlatformError } from '../../platforms/errors.ts';
import { listLifecycleGrants } from '../../store/verifications-grants.ts';
import { requireActor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import type { LifecycleServices } from './verification-services.ts';
import { ownValue } from '../../lib/own.ts';

const Params = z.object({ id: z.string().min(1).max(100) }).strict();
const Query = z
  .object({
    platform: z.string().min(1).max(40).optional(),
    type: z.string().min(1).max(60).optional(),
  })
  .strict();
const uuid = z.uuid();

/** Creates the explainer route. */
export function createAssetAccessRoutes(services: LifecycleServices): FastifyPluginAsync {
  const { deps } = services;
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get('/:id/access', { schema: { params: Params, querystring: Query } }, async (req) => {
      const actor = requireActor(req, 'viewer');
      let asset: {
        platform: string;
        type: string;
        id: string;
        name: string | null;
        ownerId?: string;
      };
      if (uuid.safeParse(req.params.id).success) {
        const [grant] = await listLifecycleGrants(deps.database.db, {
          agencyId: actor.agencyId,
          grantIds: [req.params.id],
          statuses: [
            'granted',
            'pending_acceptance',
            'needs_manual_step',
            'revoked',
            'failed',
            'queued',
            'running',
          ],
        });
        if (!grant) throw new AppError('not_found', 'No such asset');
        asset = {
          platform: grant.platform,
          type: grant.assetType,
          id: grant.assetId,
          name: grant.assetName,
          ...(grant.ownerId ? { ownerId: grant.ownerId } : {}),
        };
      } else {
        const { platform, type } = req.query;
        if (!platform || !type) {
          throw new AppError('bad_request', 'Give platform and type for a platform asset id');
        }
        asset = { platform, type, id: req.params.id, name: null };
      }
      const platform = ownValue(deps.platforms, asset.platform);
      const words = platform?.manifest.accessExplainer;
      if (!platform?.readAssetAccess || !words) {
        throw new AppError(
          'unprocessable',
          `Explaining access is not available for ${asset.platform}`,
        );
      }
      const assetType = platform.manifest.assetTypes.find((t) => t.id === asset.type);
      if (!assetType) {
        throw new AppError('unprocessable', `${asset.platform} has no asset type "${asset.type}"`);
      }
      const levelWords = (level: string) =>
        assetType.levels.find((l) => l.id === level)?.label ?? level;
      const read = platform.readAssetAccess.bind(platform);
      try {
        const agency = await agencyIdentityFor(deps, actor.agencyId, asset.platform);
        const reading = await withPlatformRetry(deps, asset.platform, () =>
          read({
            agency,
            asset: {
              type: asset.type,
              id: asset.id,
              ...(asset.ownerId ? { ownerId: asset.ownerId } : {}),
            },
          }),
        );
        const holding = {
          identity: platform.manifest.agencyIdentityLabel,
          businessId: agency.businessId,
          holding: reading.holding,
        };
        return {
          asset,
          readAt: deps.now().toISOString(),
          businessId: agency.businessId,
          agencyIdentity: platform.manifest.agencyIdentityLabel,
          holding: reading.holding,
          holdingSentence: sentenceForHolding(holding, words, levelWords),
          paths: explainPaths(reading.paths, words, levelWords),
          limits: reading.limits,
        };
      } catch (error) {
        if (error instanceof GrantBlocked) throw new AppError('conflict', error.message);
        if (error instanceof PlatformError) {
          throw new AppError(error.retryable ? 'unavailable' : 'unprocessable', error.message);
        }
        throw error;
      }
    });
  };
}
