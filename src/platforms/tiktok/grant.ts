/**
 * Granting one asset to the agency's BC. Every path reads back first (agency-side, see
 * agency-side.ts), so a retried job never shares twice and a share made outside Latchkey is
 * reported as already_granted rather than changed. Only ad accounts are granted by the API
 * (`bc/partner/add/` with the client's token, batched with the shares made at the same moment:
 * share-batching.ts); the rest return the person's step.
 */
import { PlatformError } from '../errors.ts';
import type { AgencyIdentity, AssetRef, GrantOutcome } from '../types.ts';
import {
  bcAssetAccountAuthorization,
  bcAssetAdminGet,
  bcGet,
  bcPartnerAdd,
  type BcAssetKey,
} from './api.ts';
import { findAgencyHolding, type AgencyHolding } from './agency-side.ts';
import type { TikTokDeps } from './deps.ts';
import { tiktokKeyOf, tiktokManifest } from './manifest.ts';
import { buildQrStep, buildShareStep } from './manual-steps.ts';
import { ShareBatchRefused } from './share-batching.ts';

export interface GrantInput {
  readonly clientToken: string;
  readonly agency: AgencyIdentity;
  readonly asset: AssetRef;
  readonly level: string;
  /** A read of the agency BC begun at or after this moment will do (Platform.grantAccess). */
  readonly readsFrom?: Date;
}

/** Grants (or finds already granted, or returns the manual step for) one asset. */
export async function grantTikTokAccess(
  deps: TikTokDeps,
  input: GrantInput,
): Promise<GrantOutcome> {
  const key = checkLevel(input.asset.type, input.level);
  // An ad account is about to be shared: the read-backs of shares answered meanwhile wait for it.
  const release =
    key === 'ADVERTISER' ? deps.shareAdvertiser.announce(input.agency.businessId) : () => {};
  try {
    const existing = await findAgencyHolding(deps, input.agency, key, input.asset.id, {
      ...(input.readsFrom ? { readsFrom: input.readsFrom } : {}),
    });
    if (existing) return outcomeOf(existing, input.agency);
    return await grantByKey(deps, input, key, release);
  } finally {
    release();
  }
}

/**
 * Begins the read of the agency's BC before granting, once per asset type of a wave
 * (Platform.prepareGrants): the wave's grants join it through `readsFrom` (recent-reads.ts), as
 * they would join each other's, so it is the read they would have made, made sooner.
 */
export async function prepareTikTokGrants(
  deps: TikTokDeps,
  input: { agency: AgencyIdentity; assetTypes: readonly string[]; readsFrom: Date },
): Promise<void> {
  const keys = new Set(input.assetTypes.flatMap((type) => tiktokKeyOf(type) ?? []));
  await Promise.all(
    [...keys].map((key) =>
      findAgencyHolding(deps, input.agency, key, '', { readsFrom: input.readsFrom }).catch(
        () => undefined,
      ),
    ),
  );
}

async function grantByKey(
  deps: TikTokDeps,
  input: GrantInput,
  key: BcAssetKey,
  release: () => void,
): Promise<GrantOutcome> {
  switch (key) {
    case 'ADVERTISER':
      return shareAdvertiser(deps, input, release);
    case 'TT_ACCOUNT': {
      // Each call starts a new link request in the agency's BC; nothing is granted until the
      // owner scans, so a retry that asks again is harmless.
      const qrUrl = await bcAssetAccountAuthorization(deps.client, input.agency.accessToken, {
        bcId: input.agency.businessId,
      });
      return { kind: 'needs_manual_step', step: buildQrStep({ qrUrl, assetId: input.asset.id }) };
    }
    case 'PIXEL':
    case 'CATALOG':
      return {
        kind: 'needs_manual_step',
        step: buildShareStep({
          kind: key === 'PIXEL' ? 'pixel' : 'catalog',
          assetId: input.asset.id,
          agencyBcId: input.agency.businessId,
          level: input.level,
          businessCenterUrl: deps.businessCenterUrl,
        }),
      };
  }
}

async function shareAdvertiser(
  deps: TikTokDeps,
  input: GrantInput,
  /** Ends this grant's announcement once its share counts as pending by itself. */
  release: () => void,
): Promise<GrantOutcome> {
  const ownerBcId = input.asset.ownerId ?? (await findOwnerBc(deps, input));
  const share = {
    token: input.clientToken,
    bcId: ownerBcId,
    partnerId: input.agency.businessId,
    assetId: input.asset.id,
    advertiserRole: input.level,
  };
  try {
    const shared = deps.shareAdvertiser(share);
    release();
    await shared;
  } catch (error) {
    if (!(error instanceof ShareBatchRefused)) {
      throw await explainRefusal(deps, input.clientToken, ownerBcId, error);
    }
    // The batch it went in was refused: did this one go through anyway? If not, share it alone.
    const held = await findAgencyHolding(deps, input.agency, 'ADVERTISER', input.asset.id, {
      expected: true,
    });
    if (held) return sharedOutcome(held, ownerBcId, input.agency);
    await bcPartnerAdd(deps.client, input.clientToken, {
      bcId: ownerBcId,
      partnerId: input.agency.businessId,
      assetIds: [input.asset.id],
      advertiserRole: input.level,
    }).catch(async (refusal: unknown) => {
      throw await explainRefusal(deps, input.clientToken, ownerBcId, refusal);
    });
  }
  const after = await deps.readBacks.readBack(input.agency, 'ADVERTISER', input.asset.id);
  return sharedOutcome(after, ownerBcId, input.agency);
}

/** The outcome of a share just made, from the read-back (absent: still on its way, pending). */
function sharedOutcome(
  holding: AgencyHolding | undefined,
  ownerBcId: string,
  agency: AgencyIdentity,
): GrantOutcome {
  if (holding?.status === 'BOUND') return { kind: 'granted', level: holding.level };
  return {
    kind: 'pending_acceptance',
    detail: `Shared from Business Center ${ownerBcId} with the agency's Business Center ${agency.businessId}. It becomes active once an admin of the agency's Business Center accepts the partner invitation in TikTok Business Center (Notifications).`,
  };
}

function outcomeOf(holding: AgencyHolding, agency: AgencyIdentity): GrantOutcome {
  if (holding.status === 'BOUND') return { kind: 'already_granted', level: holding.level };
  return {
    kind: 'pending_acceptance',
    detail: `Already shared with the agency's Business Center ${agency.businessId} and waiting for it to accept in TikTok Business Center (Notifications).`,
  };
}

/** The client BC that owns the ad account, when the caller did not pass it (ownerId). */
async function findOwnerBc(deps: TikTokDeps, input: GrantInput): Promise<string> {
  const bcs = await bcGet(deps.client, input.clientToken);
  for (const bc of bcs.filter((b) => b.user_role === 'ADMIN')) {
    const bcId = bc.bc_info.bc_id;
    const items = await bcAssetAdminGet(deps.client, input.clientToken, {
      bcId,
      assetType: 'ADVERTISER',
    });
    const own = items.find((x) => x.asset_id === input.asset.id);
    if (own && (own.relation_type ?? 'OWNER_BC') === 'OWNER_BC') return bcId;
  }
  throw new PlatformError(
    'permission',
    `Ad account ${input.asset.id} is not owned by a Business Center you are an admin of. Ask an admin of the Business Center that owns it to open this link.`,
    'not_bc_admin',
  );
}

/** Turns TikTok's bare 40001 on bc/partner/add/ into a message the client can act on. */
async function explainRefusal(
  deps: TikTokDeps,
  clientToken: string,
  ownerBcId: string,
  error: unknown,
): Promise<unknown> {
  if (!(error instanceof PlatformError) || error.kind !== 'permission') return error;
  const bcs = await bcGet(deps.client, clientToken).catch(() => []);
  const bc = bcs.find((b) => b.bc_info.bc_id === ownerBcId);
  if (bc?.user_role === 'ADMIN') return error;
  const name = bc?.bc_info.name ?? ownerBcId;
  return new PlatformError(
    'permission',
    `You are not an admin of the Business Center "${name}" that owns this ad account, and only its admins can share it. Ask one of its admins to open this link, or to make you an admin, then try again.`,
    'not_bc_admin',
    error.extra,
  );
}

/** The TikTok asset key for a request, after checking the level is one the manifest offers. */
function checkLevel(typeId: string, level: string): BcAssetKey {
  const type = tiktokManifest.assetTypes.find((t) => t.id === typeId);
  if (!type) throw new PlatformError('invalid', `Unknown TikTok asset type ${typeId}`, 'bad_type');
  if (!type.levels.some((l) => l.id === level)) {
    throw new PlatformError(
      'invalid',
      `Level ${level} is not offered for ${type.label}`,
      'bad_level',
    );
  }
  return type.platformKey;
}
