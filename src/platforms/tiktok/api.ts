/**
 * One typed function per TikTok Business API v1.3 endpoint the connector calls, named after the
 * endpoint. Each cites its section of ../shared/platforms/tiktok-api.md (the contract) and TikTok's
 * page. List endpoints read every page.
 */
import type { PageRetry, TikTokClient } from './client.ts';
import { collectPages } from './client.ts';
import { tiktokManifest } from './manifest.ts';
import {
  AccessTokenDataSchema,
  AccountAuthorizationDataSchema,
  AdvertiserGetDataSchema,
  AssetListDataSchema,
  AssetMemberListDataSchema,
  BcGetDataSchema,
  NoDataSchema,
  PartnerListDataSchema,
  RevokeTokenDataSchema,
  type AssetItem,
  type BcItem,
  type PartnerItem,
} from './schemas.ts';

const paths = tiktokManifest.apiPaths;
export type BcAssetKey = 'ADVERTISER' | 'PIXEL' | 'CATALOG' | 'TT_ACCOUNT';
export type App = { readonly appId: string; readonly appSecret: string };

/**
 * Exchanges an auth code for a long-term advertiser token (no Access-Token header).
 * tiktok-api.md §1; https://business-api.tiktok.com/portal/docs?id=1738373164380162
 */
export async function oauth2AccessToken(client: TikTokClient, app: App, authCode: string) {
  return client.call({
    method: 'POST',
    path: paths.oauth2AccessToken,
    body: { app_id: app.appId, secret: app.appSecret, auth_code: authCode },
    data: AccessTokenDataSchema,
  });
}

/**
 * Revokes an advertiser token (its user's authorization of this app ends). tiktok-api.md §1
 * "Related endpoint": body {app_id, secret, access_token}; data {app_id, advertiser_ids}, from the
 * official Go SDK's model/oauth/revoke_token.go (secondary source).
 */
export async function oauth2RevokeToken(client: TikTokClient, app: App, token: string) {
  return client.call({
    method: 'POST',
    path: paths.oauth2RevokeToken,
    body: { app_id: app.appId, secret: app.appSecret, access_token: token },
    data: RevokeTokenDataSchema,
  });
}

/**
 * The advertisers the token's user authorized for this app. tiktok-api.md §2 (no pagination);
 * https://business-api.tiktok.com/portal/docs?id=1738455508553729
 */
export async function oauth2AdvertiserGet(client: TikTokClient, app: App, token: string) {
  const data = await client.call({
    method: 'GET',
    path: paths.oauth2AdvertiserGet,
    token,
    query: { app_id: app.appId, secret: app.appSecret },
    data: AdvertiserGetDataSchema,
  });
  return data.list;
}

/** Every BC the token's user belongs to, with their role. tiktok-api.md §3 ([Y:bc_get]). */
export async function bcGet(client: TikTokClient, token: string): Promise<BcItem[]> {
  return collectPages((page) =>
    client.call({
      method: 'GET',
      path: paths.bcGet,
      token,
      query: { page, page_size: 50 },
      data: BcGetDataSchema,
    }),
  );
}

/** Assets of a type the token's user reaches in a BC. tiktok-api.md §4 ([Y:bc_asset_get]). */
export async function bcAssetGet(
  client: TikTokClient,
  token: string,
  input: { bcId: string; assetType: BcAssetKey },
): Promise<AssetItem[]> {
  return collectPages((page) =>
    client.call({
      method: 'GET',
      path: paths.bcAssetGet,
      token,
      query: { bc_id: input.bcId, asset_type: input.assetType, page, page_size: 50 },
      data: AssetListDataSchema,
    }),
  );
}

/**
 * Every relation of a BC to assets of a type, with `relation_status` (BOUND, PENDING, ...) and
 * `relation_type`; admins only. tiktok-api.md §4a ([Y:bc_asset_admin_get]).
 */
export async function bcAssetAdminGet(
  client: TikTokClient,
  token: string,
  input: {
    bcId: string;
    assetType: BcAssetKey;
    keyword?: string;
    shareInFlight?: boolean;
    retry?: PageRetry;
    /** Pages to read side by side from the start (collectPages). */
    expectedPages?: number;
  },
): Promise<AssetItem[]> {
  const filtering = input.keyword === undefined ? undefined : { keyword: input.keyword };
  return collectPages(
    (page) =>
      client.call({
        method: 'GET',
        path: paths.bcAssetAdminGet,
        token,
        query: { bc_id: input.bcId, asset_type: input.assetType, filtering, page, page_size: 50 },
        data: AssetListDataSchema,
        shareInFlight: input.shareInFlight === true,
      }),
    {
      ...(input.retry ? { retry: input.retry } : {}),
      ...(input.expectedPages ? { expectedPages: input.expectedPages } : {}),
    },
  );
}

/** Removes assets from a BC (ends its relation to them). tiktok-api.md §4b. */
export async function bcAssetAdminDelete(
  client: TikTokClient,
  token: string,
  input: { bcId: string; assetType: BcAssetKey; assetIds: string[] },
): Promise<void> {
  await client.call({
    method: 'POST',
    path: paths.bcAssetAdminDelete,
    token,
    body: { bc_id: input.bcId, asset_type: input.assetType, asset_ids: input.assetIds },
    data: NoDataSchema,
  });
}

/** Members who reach one ad account or catalog. tiktok-api.md §7 (page_size max 20). */
export async function bcAssetMemberGet(
  client: TikTokClient,
  token: string,
  input: { bcId: string; assetType: 'ADVERTISER' | 'CATALOG'; assetId: string },
) {
  return collectPages((page) =>
    client.call({
      method: 'GET',
      path: paths.bcAssetMemberGet,
      token,
      query: {
        bc_id: input.bcId,
        asset_type: input.assetType,
        asset_id: input.assetId,
        page,
        page_size: 20,
      },
      data: AssetMemberListDataSchema,
    }),
  );
}

/** The partner BCs one asset of the BC is shared with. tiktok-api.md §10. */
export async function bcAssetPartnerGet(
  client: TikTokClient,
  token: string,
  input: { bcId: string; assetType: BcAssetKey; assetId: string },
): Promise<PartnerItem[]> {
  return collectPages((page) =>
    client.call({
      method: 'GET',
      path: paths.bcAssetPartnerGet,
      token,
      query: {
        bc_id: input.bcId,
        asset_type: input.assetType,
        asset_id: input.assetId,
        page,
        page_size: 50,
      },
      data: PartnerListDataSchema,
    }),
  );
}

/**
 * Adds a partner BC and shares ad accounts with it at a level; the partner must accept in its
 * BC. Called with the owner's token. tiktok-api.md §9a ([Y:bc_partner_add]; ADVERTISER only).
 */
export async function bcPartnerAdd(
  client: TikTokClient,
  token: string,
  input: { bcId: string; partnerId: string; assetIds: string[]; advertiserRole: string },
): Promise<void> {
  await client.call({
    method: 'POST',
    path: paths.bcPartnerAdd,
    token,
    body: {
      bc_id: input.bcId,
      partner_id: input.partnerId,
      asset_type: 'ADVERTISER',
      asset_ids: input.assetIds,
      advertiser_role: input.advertiserRole,
    },
    data: NoDataSchema,
  });
}

/**
 * Assets shared between a BC and one partner: SHARING = by the BC, SHARED = with the BC.
 * tiktok-api.md §9d (ADVERTISER, CATALOG, DOMAIN only).
 */
export async function bcPartnerAssetGet(
  client: TikTokClient,
  token: string,
  input: {
    bcId: string;
    partnerId: string;
    assetType: 'ADVERTISER' | 'CATALOG';
    shareType: 'SHARING' | 'SHARED';
  },
): Promise<AssetItem[]> {
  return collectPages((page) =>
    client.call({
      method: 'GET',
      path: paths.bcPartnerAssetGet,
      token,
      query: {
        bc_id: input.bcId,
        partner_id: input.partnerId,
        asset_type: input.assetType,
        share_type: input.shareType,
        page,
        page_size: 50,
      },
      data: AssetListDataSchema,
    }),
  );
}

/** Cancels the sharing of some assets with a partner (the owner's side). tiktok-api.md §9e. */
export async function bcPartnerAssetDelete(
  client: TikTokClient,
  token: string,
  input: { bcId: string; partnerId: string; assetType: BcAssetKey; assetIds: string[] },
): Promise<void> {
  await client.call({
    method: 'POST',
    path: paths.bcPartnerAssetDelete,
    token,
    body: {
      bc_id: input.bcId,
      partner_id: input.partnerId,
      asset_type: input.assetType,
      asset_ids: input.assetIds,
    },
    data: NoDataSchema,
  });
}

/** Removes a whole partner: cuts it off from every shared asset. tiktok-api.md §9c. */
export async function bcPartnerDelete(
  client: TikTokClient,
  token: string,
  input: { bcId: string; partnerId: string },
): Promise<void> {
  await client.call({
    method: 'POST',
    path: paths.bcPartnerDelete,
    token,
    body: { bc_id: input.bcId, partner_id: input.partnerId },
    data: NoDataSchema,
  });
}

/**
 * The QR code URL a TikTok account owner opens in the TikTok app to link the account to the BC.
 * tiktok-api.md §11 (secondary: [GO] model/bc/asset_account_authorization.go only).
 */
export async function bcAssetAccountAuthorization(
  client: TikTokClient,
  token: string,
  input: { bcId: string },
): Promise<string> {
  const data = await client.call({
    method: 'GET',
    path: paths.bcAssetAccountAuthorization,
    token,
    query: { bc_id: input.bcId },
    data: AccountAuthorizationDataSchema,
  });
  return data.bc_auth_qr_code;
}
