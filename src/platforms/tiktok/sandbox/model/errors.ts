// TikTok's numeric error codes (tiktok-api.md §13, official constant names) and the model's error.

export const TikTokCode = {
  ok: 0,
  permission: 40001,
  param: 40002,
  notExist: 40007,
  tooFrequent: 40100,
  accessTokenExpire: 40102,
  emptyAccessToken: 40104,
  invalidAccessToken: 40105,
  authCodeError: 40110,
  advertiserNotExist: 40300,
  routeNotFound: 40400,
  sysError: 50000,
  bcRpcError: 51060,
} as const;

export type TikTokCodeValue = (typeof TikTokCode)[keyof typeof TikTokCode];

/** A refused operation, carrying the TikTok code the API answers with. */
export class TikTokError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.name = 'TikTokError';
    this.code = code;
  }
}

/** Throws a permission error (40001). */
export function denyPermission(message: string): never {
  throw new TikTokError(TikTokCode.permission, message);
}

/** Throws a parameter error (40002). */
export function rejectParam(message: string): never {
  throw new TikTokError(TikTokCode.param, message);
}

/** Throws a not-found error (40007). */
export function failNotFound(message: string): never {
  throw new TikTokError(TikTokCode.notExist, message);
}

/**
 * Throws for an asset that does not exist (as that type): an ad account is 40300
 * ADVERTISER_NOT_EXIST (tiktok-api.md §13; docs/platforms/tiktok.md), any other asset 40007.
 */
export function failAssetNotFound(type: string | undefined, assetId: string): never {
  if (type === 'ADVERTISER')
    throw new TikTokError(TikTokCode.advertiserNotExist, `advertiser ${assetId} does not exist`);
  throw new TikTokError(TikTokCode.notExist, `asset ${assetId} does not exist`);
}
