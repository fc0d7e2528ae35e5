/**
 * Guided manual steps where no API grants access (google-api.md §5 item 10; other-platforms.md
 * §8 YouTube, §10 Shopify): the exact steps shown to the client, as `ManualStep` data.
 */
import type { ManualStep } from '../types.ts';

/** Search Console: only the UI adds users; the agency then verifies with sites.get. */
export function searchConsoleGuide(input: {
  siteUrl: string;
  agencyEmail: string;
  permission: 'full' | 'restricted';
}): ManualStep {
  return {
    title: `Add ${input.agencyEmail} to Search Console`,
    instructions: [
      'Open Google Search Console and choose the property ' + input.siteUrl + '.',
      'Go to Settings, then Users and permissions.',
      'Click Add user.',
      `Enter ${input.agencyEmail} and choose the permission ${input.permission === 'full' ? 'Full' : 'Restricted'}.`,
      'Click Add, then come back here and press "I have done this" so we can check it.',
    ],
    actionUrl: `https://search.google.com/search-console/users?resource_id=${encodeURIComponent(input.siteUrl)}`,
  };
}

/** YouTube: channel permissions are UI-only; no read API confirms them (client confirms). */
export function youtubeGuide(input: {
  agencyEmail: string;
  role: 'Manager' | 'Editor' | 'Editor (Limited)' | 'Viewer';
}): ManualStep {
  return {
    title: `Invite ${input.agencyEmail} to your YouTube channel`,
    instructions: [
      'Open YouTube Studio with the account that owns the channel.',
      'Go to Settings, then Permissions, and click Invite.',
      `Enter ${input.agencyEmail} and choose the role ${input.role}, then Save.`,
      'The agency accepts the invitation from its email; press "I have done this" here.',
      'No YouTube API can confirm channel permissions: your confirmation is recorded as yours.',
    ],
    actionUrl: 'https://studio.youtube.com/',
  };
}

/**
 * Shopify: the client allows collaborator requests (the store URL and optional code were typed on
 * the client page); the agency requests access from its Partner Dashboard; the client accepts.
 */
export function shopifyGuide(input: {
  storeUrl: string;
  agencyName: string;
  collaboratorCode?: string;
}): ManualStep {
  return {
    title: `Let ${input.agencyName} request collaborator access to ${input.storeUrl}`,
    instructions: [
      'In your Shopify admin, go to Settings, then Users and permissions.',
      input.collaboratorCode
        ? `Under Collaborators, make sure collaborator requests are allowed and the collaborator request code is ${input.collaboratorCode}.`
        : 'Under Collaborators, make sure anyone can send a collaborator request (no code), or give the agency your 4-digit code.',
      `${input.agencyName} then requests access from its Shopify Partner Dashboard with your store address${input.collaboratorCode ? ' and code' : ''}.`,
      'When the request arrives, open Settings, then Users and permissions, review it and click Accept.',
      `${input.agencyName} marks this done here once Shopify shows the access (no Shopify API can confirm it).`,
    ],
    actionUrl: `https://${input.storeUrl.replace(/^https?:\/\//, '').replace(/\/.*$/, '')}/admin/settings/account`,
  };
}

/** A store URL as Shopify names it (`name.myshopify.com`), or null when it is not one. */
export function normalizeShopifyStore(input: string): string | null {
  const host = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  return /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/.test(host) ? host : null;
}

/** A collaborator request code: four digits (other-platforms.md §10). */
export function isCollaboratorCode(input: string): boolean {
  return /^\d{4}$/.test(input.trim());
}
