/**
 * The scope of a re-request: a drift alert asks again for exact assets at their old levels, while
 * the request's items only name types. These rules narrow the client's listing and the approval to
 * those assets, the same way for every platform.
 */

/** One asset a re-request asks for again, at the level it had before. */
export interface RerequestScopeAsset {
  readonly platform: string;
  readonly assetType: string;
  readonly assetId: string;
  readonly level: string;
}

/** The code the listing uses for an asset outside a re-request's scope. */
export const NOT_IN_SCOPE_CODE = 'not_in_this_request';

const NOT_IN_SCOPE_MESSAGE =
  'Not part of this request: the agency asks again only for the access that was removed.';

/** The scoped asset matching a platform, type and id, if the re-request asks for it. */
export function findScopedAsset(
  scope: readonly RerequestScopeAsset[],
  platform: string,
  assetType: string,
  assetId: string,
): RerequestScopeAsset | undefined {
  return scope.find(
    (a) => a.platform === platform && a.assetType === assetType && a.assetId === assetId,
  );
}

/**
 * Marks every listed asset the re-request does not ask for as blocked (so the client sees it but
 * cannot tick it). An empty scope (an ordinary request) leaves the listing as it is.
 */
export function scopeListing<
  T extends {
    readonly assets: readonly {
      readonly type: string;
      readonly id: string;
      readonly blocked?: { readonly code: string; readonly message: string };
    }[];
  },
>(listing: T, platform: string, scope: readonly RerequestScopeAsset[]): T {
  if (scope.length === 0) return listing;
  return {
    ...listing,
    assets: listing.assets.map((asset) =>
      findScopedAsset(scope, platform, asset.type, asset.id)
        ? asset
        : { ...asset, blocked: { code: NOT_IN_SCOPE_CODE, message: NOT_IN_SCOPE_MESSAGE } },
    ),
  };
}
