/**
 * The guided step of one grant, from the platform, the asset the client named, the level and the
 * agency's identity (its Google email; its name for Shopify). The approval stores it on the grant
 * as its manual step; the connectors' grantAccess answers the same step.
 */
import type { ManualStep, PlatformId } from '../types.ts';
import { xAdsGuide } from '../x-ads/guide.ts';
import { searchConsoleGuide, shopifyGuide, youtubeGuide } from './guides.ts';

const YOUTUBE_ROLES = {
  viewer: 'Viewer',
  editor_limited: 'Editor (Limited)',
  editor: 'Editor',
  manager: 'Manager',
} as const;

/** The platforms whose assets are all guided steps. */
export const guidedPlatforms = [
  'search_console',
  'youtube',
  'shopify',
  'x_ads',
] as const satisfies readonly PlatformId[];
export type GuidedPlatformId = (typeof guidedPlatforms)[number];

/** True for a platform whose grants are guided steps. */
export function isGuidedPlatform(id: string): id is GuidedPlatformId {
  return (guidedPlatforms as readonly string[]).includes(id);
}

/** The step for a guided grant. */
export function guidedStep(input: {
  platform: GuidedPlatformId;
  assetId: string;
  level: string;
  /** The agency's Google email (Search Console, YouTube), or its X @handle (X Ads). */
  agencyEmail: string | null;
  agencyName: string;
  stored: Readonly<Record<string, string>>;
}): ManualStep {
  const email = input.agencyEmail ?? input.agencyName;
  switch (input.platform) {
    case 'search_console':
      return searchConsoleGuide({
        siteUrl: input.assetId,
        agencyEmail: email,
        permission: input.level === 'full' ? 'full' : 'restricted',
      });
    case 'youtube':
      return youtubeGuide({
        agencyEmail: email,
        role: YOUTUBE_ROLES[input.level as keyof typeof YOUTUBE_ROLES] ?? 'Viewer',
      });
    case 'x_ads':
      return xAdsGuide({
        accountId: input.assetId,
        level: input.level,
        agencyHandle: input.agencyEmail,
      });
    case 'shopify': {
      const code = input.stored.collaboratorCode;
      return shopifyGuide({
        storeUrl: input.assetId,
        agencyName: input.agencyName,
        ...(code ? { collaboratorCode: code } : {}),
      });
    }
  }
}
