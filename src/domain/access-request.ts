/**
 * What an agency may ask for: per platform, asset types and a permission level each, checked
 * against the platform manifests so the API, the form and templates agree. Pure rules.
 */
import { z } from 'zod';

export const RequestItemSchema = z
  .object({
    platform: z.string().min(1).max(40),
    assetType: z.string().min(1).max(60),
    permissionLevel: z.string().min(1).max(60),
  })
  .strict();
export type RequestItem = z.infer<typeof RequestItemSchema>;

/** The manifest facts the rules need (a structural subset of PlatformManifest). */
export interface RequestableManifest {
  readonly id: string;
  readonly assetTypes: readonly {
    readonly id: string;
    readonly levels: readonly { readonly id: string }[];
  }[];
}

export type ItemProblem = { readonly index: number; readonly message: string };

/**
 * Checks items against the manifests: known platform, asset type and level, and each asset type
 * at most once per platform (one level per asset type). Returns the problems, empty when valid.
 */
export function checkRequestItems(
  items: readonly RequestItem[],
  manifests: readonly RequestableManifest[],
): ItemProblem[] {
  const problems: ItemProblem[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const manifest = manifests.find((m) => m.id === item.platform);
    const assetType = manifest?.assetTypes.find((t) => t.id === item.assetType);
    const key = `${item.platform}/${item.assetType}`;
    if (!manifest) problems.push({ index, message: `Unknown platform "${item.platform}"` });
    else if (!assetType) {
      problems.push({ index, message: `${item.platform} has no asset type "${item.assetType}"` });
    } else if (!assetType.levels.some((level) => level.id === item.permissionLevel)) {
      const allowed = assetType.levels.map((level) => level.id).join(', ');
      problems.push({ index, message: `Level must be one of ${allowed}` });
    } else if (seen.has(key)) {
      problems.push({ index, message: `${key} is asked for twice` });
    }
    seen.add(key);
  });
  return problems;
}

export type RequestStatus = 'open' | 'completed' | 'partial' | 'revoked' | 'expired';

/** The request's status once its onboarding reaches `onboardingStatus` (revocation is final). */
export function requestStatusFor(
  current: RequestStatus,
  onboardingStatus: 'started' | 'approved' | 'completed' | 'partial' | 'abandoned',
): RequestStatus {
  if (current === 'revoked') return current;
  if (onboardingStatus === 'completed') return 'completed';
  if (onboardingStatus === 'partial') return 'partial';
  return current === 'expired' ? 'expired' : 'open';
}
