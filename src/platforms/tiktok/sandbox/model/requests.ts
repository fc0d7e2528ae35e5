import { denyPermission, failNotFound, rejectParam, TikTokCode, TikTokError } from './errors.ts';
import { findBoundHolding, upsertHolding } from './holdings.ts';
import { newNumericId, newSecret, stamp } from './ids.ts';
import { findAsset, findHolding } from './indexes.ts';
import { getAsset, requireAdmin } from './lookup.ts';
import { checkRoles, fullRoles } from './roles.ts';
import type { AccessRequest, ModelContext } from './types.ts';

export interface RequestInput {
  /** The requesting (agency) BC. */
  bcId: string;
  /** Any BCAsset key; only ADVERTISER and TT_ACCOUNT can be requested. */
  assetType: string;
  assetId?: string;
  /** Ad accounts: ADMIN, OPERATOR or ANALYST. TikTok accounts are always "Deliver ads". */
  advertiserRole?: string;
  primaryMediaAgency?: boolean;
}

/**
 * An agency admin requests an ad account (by its ID, with a level) or asks to link a TikTok account
 * (by QR code). Anything else must be shared by its owner, so it is refused with 40002.
 */
export function createAccessRequest(
  ctx: ModelContext,
  actorId: string,
  input: RequestInput,
): AccessRequest {
  requireAdmin(ctx, input.bcId, actorId);
  if (input.assetType === 'ADVERTISER') return requestAdAccount(ctx, actorId, input);
  if (input.assetType === 'TT_ACCOUNT')
    return requestTikTokLink(ctx, actorId, input.bcId, input.assetId ?? null, false);
  return rejectParam(
    'only ad accounts and TikTok accounts can be requested; ask the owner to share the rest',
  );
}

/** Starts a QR-code link of a TikTok account to a BC (the owner scans it in the TikTok app). */
export function requestTikTokLink(
  ctx: ModelContext,
  actorId: string,
  bcId: string,
  assetId: string | null,
  grantsSharing: boolean,
): AccessRequest {
  requireAdmin(ctx, bcId, actorId);
  if (assetId !== null && getAsset(ctx, assetId).assetType !== 'TT_ACCOUNT')
    rejectParam(`${assetId} is not a TikTok account`);
  const request: AccessRequest = {
    requestId: newNumericId(ctx),
    requesterBcId: bcId,
    requesterUserId: actorId,
    assetType: 'TT_ACCOUNT',
    assetId,
    roles: grantsSharing ? fullRoles('TT_ACCOUNT') : ['AD_DELIVERY'],
    primaryMediaAgency: false,
    status: 'PENDING',
    qrToken: newSecret(ctx, 16),
    grantsSharing,
    createdAt: stamp(ctx),
  };
  ctx.state.requests.push(request);
  return request;
}

function requestAdAccount(ctx: ModelContext, actorId: string, input: RequestInput): AccessRequest {
  const asset = findAsset(ctx, input.assetId, (a) => a.assetType === 'ADVERTISER');
  if (!asset?.ownerBcId)
    throw new TikTokError(
      TikTokCode.advertiserNotExist,
      `advertiser ${input.assetId ?? ''} does not exist`,
    );
  if (!/^\d{19}$/.test(asset.assetId)) rejectParam('an ad account ID has 19 digits');
  const roles = checkRoles('ADVERTISER', [input.advertiserRole ?? 'ANALYST']);
  if (input.primaryMediaAgency && roles[0] === 'ANALYST')
    rejectParam('only Admin or Operator requests can name the primary media agency');
  if (asset.ownerBcId === input.bcId || findBoundHolding(ctx, input.bcId, asset.assetId)) {
    rejectParam(`BC ${input.bcId} already has ad account ${asset.assetId}`);
  }
  // The request goes to the owner BC's admins; an ad account that left it has nobody to ask.
  if (!findBoundHolding(ctx, asset.ownerBcId, asset.assetId))
    rejectParam(
      `ad account ${asset.assetId} is not in a Business Center that can approve requests`,
    );
  upsertHolding(ctx, {
    bcId: input.bcId,
    assetId: asset.assetId,
    relationType: 'OWNER_PARTNER',
    status: 'PENDING',
    sourceBcId: asset.ownerBcId,
    roles,
    ttSharingAllowed: false,
  });
  const request: AccessRequest = {
    requestId: newNumericId(ctx),
    requesterBcId: input.bcId,
    requesterUserId: actorId,
    assetType: 'ADVERTISER',
    assetId: asset.assetId,
    roles,
    primaryMediaAgency: input.primaryMediaAgency ?? false,
    status: 'PENDING',
    qrToken: null,
    grantsSharing: false,
    createdAt: stamp(ctx),
  };
  ctx.state.requests.push(request);
  return request;
}

/** Finds a request or throws 40007. */
export function getRequest(ctx: ModelContext, requestId: string): AccessRequest {
  const r = ctx.state.requests.find((x) => x.requestId === requestId);
  return r ?? failNotFound(`request ${requestId} does not exist`);
}

/** The owner BC's admin approves or rejects an ad-account request by hand (Notifications). */
export function decideAdAccountRequest(
  ctx: ModelContext,
  actorId: string,
  requestId: string,
  approve: boolean,
): AccessRequest {
  const request = getRequest(ctx, requestId);
  if (request.assetType !== 'ADVERTISER' || request.assetId === null) {
    denyPermission('a TikTok account link is approved by its owner scanning the QR code');
  }
  const ownerBcId =
    getAsset(ctx, request.assetId).ownerBcId ?? failNotFound('the ad account has no owner');
  requireAdmin(ctx, ownerBcId, actorId);
  if (request.status !== 'PENDING')
    rejectParam(`request ${requestId} is already ${request.status}`);
  // The ad account may have moved or left the BC since the request was made.
  if (
    approve &&
    (ownerBcId === request.requesterBcId || !findBoundHolding(ctx, ownerBcId, request.assetId))
  ) {
    rejectParam('the ad account is no longer held by its owner BC, or the requester now owns it');
  }
  request.status = approve ? 'APPROVED' : 'REJECTED';
  const holding = findHolding(ctx, request.requesterBcId, request.assetId);
  if (!approve) {
    if (holding?.status === 'PENDING') holding.status = 'REJECTED';
    return request;
  }
  let partnership = ctx.state.partnerships.find(
    (p) => p.bcId === ownerBcId && p.partnerBcId === request.requesterBcId,
  );
  if (!partnership) {
    partnership = {
      bcId: ownerBcId,
      partnerBcId: request.requesterBcId,
      status: 'BOUND',
      primaryMediaAgency: false,
      createdAt: stamp(ctx),
    };
    ctx.state.partnerships.push(partnership);
  }
  partnership.status = 'BOUND';
  if (request.primaryMediaAgency) partnership.primaryMediaAgency = true;
  upsertHolding(ctx, {
    bcId: request.requesterBcId,
    assetId: request.assetId,
    relationType: 'OWNER_PARTNER',
    status: 'BOUND',
    sourceBcId: ownerBcId,
    roles: request.roles,
    ttSharingAllowed: false,
  });
  return request;
}

/** The TikTok account's owner scans the QR code in the TikTok app and approves or declines. */
export function scanQrCode(
  ctx: ModelContext,
  userId: string,
  input: { qrToken: string; assetId?: string; approve: boolean },
): AccessRequest {
  const request = ctx.state.requests.find((r) => r.qrToken === input.qrToken);
  if (!request) failNotFound('this QR code is unknown or has expired');
  if (request.status !== 'PENDING')
    rejectParam(`this QR code was already ${request.status.toLowerCase()}`);
  const assetId =
    request.assetId ?? input.assetId ?? rejectParam('pick the TikTok account to link');
  const account = getAsset(ctx, assetId);
  if (account.assetType !== 'TT_ACCOUNT') rejectParam(`${assetId} is not a TikTok account`);
  if (account.ownerUserId !== userId)
    denyPermission('only the TikTok account owner can approve this link');
  request.assetId = assetId;
  request.status = input.approve ? 'APPROVED' : 'REJECTED';
  if (input.approve) {
    upsertHolding(ctx, {
      bcId: request.requesterBcId,
      assetId,
      relationType: 'OWNER_INDIVIDUAL',
      status: 'BOUND',
      sourceBcId: null,
      roles: request.roles,
      ttSharingAllowed: request.grantsSharing,
    });
  }
  return request;
}
