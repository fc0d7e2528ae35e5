/**
 * Removing one asset from the agency's BC, never the whole partner (bc/partner/delete/ would cut
 * every shared asset at once). With the client's token and the owning BC, the owner's side cancels
 * the share (`bc/partner/asset/delete/`, tiktok-api.md §9e); otherwise, as after onboarding when
 * the client token is gone, the agency gives the asset up from its own BC
 * (`bc/asset/admin/delete/`, §4b). Whether Latchkey granted it is the caller's judgement.
 */
import { PlatformError } from '../errors.ts';
import type { AgencyIdentity, AssetRef, RevokeOutcome } from '../types.ts';
import { bcAssetAdminDelete, bcPartnerAssetDelete, type BcAssetKey } from './api.ts';
import { findAgencyHolding } from './agency-side.ts';
import type { TikTokDeps } from './deps.ts';
import { tiktokKeyOf } from './manifest.ts';

export interface RevokeInput {
  readonly agency: AgencyIdentity;
  readonly clientToken?: string;
  readonly asset: AssetRef;
}

/** Ends the agency BC's access to one asset; not_present when it had none. */
export async function revokeTikTokAccess(
  deps: TikTokDeps,
  input: RevokeInput,
): Promise<RevokeOutcome> {
  const key = keyOrThrow(input.asset.type);
  const holding = await findAgencyHolding(deps, input.agency, key, input.asset.id);
  if (!holding) return { kind: 'not_present' };
  try {
    if (
      input.clientToken !== undefined &&
      input.asset.ownerId !== undefined &&
      holding.relationType !== 'OWNER_INDIVIDUAL'
    ) {
      await bcPartnerAssetDelete(deps.client, input.clientToken, {
        bcId: input.asset.ownerId,
        partnerId: input.agency.businessId,
        assetType: key,
        assetIds: [input.asset.id],
      });
    } else {
      await bcAssetAdminDelete(deps.client, input.agency.accessToken, {
        bcId: input.agency.businessId,
        assetType: key,
        assetIds: [input.asset.id],
      });
    }
  } catch (error) {
    // Gone between the read and the delete (someone else removed it): the goal is reached.
    if (error instanceof PlatformError && error.kind === 'not_found')
      return { kind: 'not_present' };
    throw error;
  }
  return { kind: 'revoked' };
}

function keyOrThrow(typeId: string): BcAssetKey {
  const key = tiktokKeyOf(typeId);
  if (key === undefined) {
    throw new PlatformError('invalid', `Unknown TikTok asset type ${typeId}`, 'bad_type');
  }
  return key;
}
