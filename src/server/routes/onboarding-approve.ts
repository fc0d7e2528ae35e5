/**
 * The client's approval: checked against what the client was shown (the cached listing) and what
 * was asked for, refused while the agency has not connected its own business, and idempotent
 * under double submit (two tabs, a double click): the onboarding row is locked, only the first
 * approval creates grants (unique idempotency keys as a second guard), and only it sends jobs (J4).
 */
import { z } from 'zod';
import { grantIdempotencyKey } from '../../domain/grant.ts';
import {
  findScopedAsset,
  NOT_IN_SCOPE_CODE,
  type RerequestScopeAsset,
} from '../../domain/rerequest-scope.ts';
import { enqueueGrantJobs } from '../../jobs/grant-queue.ts';
import type { ClientAssetListing } from '../../platforms/types.ts';
import type { AccessRequest } from '../../store/access-requests.ts';
import { withAudit, type Executor } from '../../store/audit.ts';
import { insertGrants, listGrantsByOnboarding, type Grant } from '../../store/grants.ts';
import { cancelLinkReminders } from '../../store/link-reminders.ts';
import { lockOnboarding, setOnboardingStatus, type Onboarding } from '../../store/onboardings.ts';
import { findAgencyConnection } from '../../store/platform-connections.ts';
import { listRerequestAssets } from '../../store/verifications-alerts.ts';
import { AppError } from '../errors.ts';
import type { OnboardingServices } from './onboarding-services.ts';

export const SelectionSchema = z
  .object({
    selections: z
      .array(
        z
          .object({
            platform: z.string().max(40),
            assetType: z.string().max(60),
            assetId: z.string().max(100),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type Selection = z.infer<typeof SelectionSchema>['selections'][number];

/** The cached listings per platform (what the client was shown). */
export function listingsOf(onboarding: Onboarding): Record<string, ClientAssetListing> {
  const value = onboarding.assetListing;
  return value && typeof value === 'object' ? (value as Record<string, ClientAssetListing>) : {};
}

/** A re-request's approval may name only the assets it asks for again: else a 409 naming each. */
function refuseOutOfScope(scope: readonly RerequestScopeAsset[], selections: readonly Selection[]) {
  if (scope.length === 0) return;
  const problems = selections.flatMap((s, index) =>
    findScopedAsset(scope, s.platform, s.assetType, s.assetId)
      ? []
      : [{ index, message: 'This asset is not part of this request' }],
  );
  if (problems.length > 0)
    throw new AppError(
      'conflict',
      'This link asks only for the access that was removed; untick the other assets.',
      { reason: NOT_IN_SCOPE_CODE, problems },
    );
}

/** Builds the grants for a selection, or a 4xx naming every problem. */
async function planGrants(
  services: OnboardingServices,
  tx: Executor,
  request: AccessRequest,
  onboarding: Onboarding,
  selections: readonly Selection[],
) {
  const listings = listingsOf(onboarding);
  const scope = await listRerequestAssets(tx, request.id);
  refuseOutOfScope(scope, selections);
  const problems: { index: number; message: string }[] = [];
  const seen = new Set<string>();
  const plans = selections.flatMap((selection, index) => {
    const item = request.items.find(
      (i) => i.platform === selection.platform && i.assetType === selection.assetType,
    );
    const asset = listings[selection.platform]?.assets.find(
      (a) => a.type === selection.assetType && a.id === selection.assetId,
    );
    const key = `${selection.platform}/${selection.assetType}/${selection.assetId}`;
    if (!item) problems.push({ index, message: 'This kind of asset was not asked for' });
    else if (!asset)
      problems.push({ index, message: 'This asset was not in your list: reload the page' });
    else if (asset.blocked) problems.push({ index, message: asset.blocked.message });
    else if (seen.has(key)) problems.push({ index, message: 'This asset is ticked twice' });
    seen.add(key);
    if (!item || !asset || asset.blocked) return [];
    // A re-request grants each asset at its recorded old level, not the type's highest.
    const level =
      findScopedAsset(scope, selection.platform, selection.assetType, asset.id)?.level ??
      item.permissionLevel;
    return [
      {
        agencyId: request.agencyId,
        onboardingId: onboarding.id,
        platform: selection.platform,
        assetType: selection.assetType,
        assetId: asset.id,
        assetName: asset.name,
        ownerId: asset.ownerId ?? null,
        permissionLevel: level,
        idempotencyKey: grantIdempotencyKey({
          onboardingId: onboarding.id,
          platform: selection.platform,
          assetType: selection.assetType,
          assetId: asset.id,
          level,
        }),
      },
    ];
  });
  if (problems.length > 0)
    throw new AppError('unprocessable', 'Some ticked assets cannot be shared', problems);
  for (const platform of new Set(plans.map((p) => p.platform))) {
    const agency = await findAgencyConnection(tx, request.agencyId, platform);
    if (!agency?.businessId) {
      throw new AppError(
        'conflict',
        `The agency has not connected its ${services.manifests[platform]?.name ?? platform} business yet, so nothing can be shared with it. Please let them know, and try again later.`,
        { reason: 'agency_not_connected', platform },
      );
    }
  }
  return plans;
}

/** Approves the selection once; later calls return the grants of the first approval. */
export async function approveSelection(
  services: OnboardingServices,
  request: AccessRequest,
  onboardingId: string,
  selections: readonly Selection[],
): Promise<{ grants: Grant[]; approvedNow: boolean }> {
  const result = await withAudit(services.db, async (tx) => {
    const onboarding = await lockOnboarding(tx, onboardingId);
    if (!onboarding) throw new AppError('not_found', 'Open the link again');
    if (onboarding.status !== 'started') {
      return {
        result: { grants: await listGrantsByOnboarding(tx, onboardingId), approvedNow: false },
        audit: [],
      };
    }
    const plans = await planGrants(services, tx, request, onboarding, selections);
    const grants = await insertGrants(tx, plans);
    await setOnboardingStatus(tx, onboardingId, 'approved', services.now());
    await cancelLinkReminders(tx, request.id);
    return {
      result: { grants, approvedNow: true },
      audit: {
        agencyId: request.agencyId,
        actor: { kind: 'client', id: onboardingId },
        action: 'onboarding.approved',
        target: { kind: 'onboarding', id: onboardingId },
        data: {
          request_id: request.id,
          grants: grants.map((g) => ({
            id: g.id,
            asset_type: g.assetType,
            asset_id: g.assetId,
            level: g.permissionLevel,
          })),
        },
      },
    };
  });
  if (result.approvedNow) {
    await enqueueGrantJobs(
      services.boss,
      result.grants.map((g) => g.id),
      { fresh: true },
    );
  }
  return result;
}
