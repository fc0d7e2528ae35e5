/**
 * What the client types for a guided platform, checked with zod and normalized into the asset's id:
 * a Search Console property (google-api.md §5: `https://…/` or `sc-domain:…`), a YouTube channel
 * (`@handle` or a `UC…` id), a Shopify store URL and its optional 4-digit collaborator request
 * code (other-platforms.md §10), an X ads account id (x-ads-api.md). Choices where the sources are silent: docs/platforms/*.md.
 */
import { z } from 'zod';
import type { GuidedInputKind } from '../types.ts';
import { normalizeXAdsAccountId } from '../x-ads/guide.ts';
import { CustomFieldsInputSchema } from '../custom/manifests.ts';
import { isCollaboratorCode, normalizeShopifyStore } from './guides.ts';

/** The client's input, as the approval sends it (one shape per kind). */
export const GuidedInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('site_url'), siteUrl: z.string().trim().min(1).max(300) }).strict(),
  z.object({ kind: z.literal('channel'), channel: z.string().trim().min(1).max(300) }).strict(),
  z
    .object({
      kind: z.literal('store_and_code'),
      storeUrl: z.string().trim().min(1).max(300),
      collaboratorCode: z.string().trim().max(10).optional(),
    })
    .strict(),
  z
    .object({ kind: z.literal('ads_account_id'), accountId: z.string().trim().min(1).max(100) })
    .strict(),
  // A custom tool's fields, checked against the agency's definition (custom/manifests.ts).
  CustomFieldsInputSchema,
]);
export type GuidedInput = z.infer<typeof GuidedInputSchema>;

/** What is kept of an input once checked: the asset it names, and the facts the agency needs. */
export interface ResolvedGuidedInput {
  readonly assetId: string;
  readonly assetName: string;
  /** Stored with the grant (never logged): e.g. the Shopify store and collaborator code. */
  readonly stored: Readonly<Record<string, string>>;
}

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * A Search Console property as Google names it: a URL-prefix property `https://host/path/` (always
 * with the trailing slash) or a domain property `sc-domain:host`. A bare host is taken as a domain
 * property (choice: docs/platforms/search-console.md). Null when it is neither.
 */
export function normalizeSearchConsoleSite(input: string): string | null {
  const raw = input.trim();
  const domain = /^sc-domain:(.+)$/i.exec(raw)?.[1] ?? (/^[^/:]+$/.test(raw) ? raw : undefined);
  if (domain !== undefined) {
    const host = domain.toLowerCase();
    return HOST.test(host) ? `sc-domain:${host}` : null;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!['http:', 'https:'].includes(url.protocol) || !HOST.test(url.hostname)) return null;
  if (url.username || url.password || url.search || url.hash) return null;
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `${url.protocol}//${url.host}${path}`;
}

/** A YouTube channel as `@handle` or a `UC…` channel id, from a handle, id or channel URL. */
export function normalizeYouTubeChannel(input: string): string | null {
  let raw = input.trim();
  const url = /^(https?:\/\/)?(www\.|m\.)?youtube\.com\/(.+)$/i.exec(raw);
  if (url) raw = (url[3] ?? '').replace(/[/?#].*$/, '') || '';
  if (url && /^channel$/i.test(raw)) raw = /\/channel\/([^/?#]+)/i.exec(input)?.[1] ?? '';
  if (/^UC[A-Za-z0-9_-]{22}$/.test(raw)) return raw;
  if (/^@[A-Za-z0-9._-]{3,30}$/.test(raw)) return raw.toLowerCase();
  return null;
}

/** Checks and normalizes an input for a guided asset type; a message for the client if wrong. */
export function resolveGuidedInput(
  kind: GuidedInputKind,
  input: GuidedInput | undefined,
): ResolvedGuidedInput | { problem: string } {
  if (!input || input.kind !== kind)
    return { problem: 'Fill in what this step asks for before approving' };
  switch (input.kind) {
    case 'site_url': {
      const site = normalizeSearchConsoleSite(input.siteUrl);
      if (!site)
        return {
          problem:
            'Enter the property as Search Console shows it: https://www.example.com/ or example.com',
        };
      return { assetId: site, assetName: site, stored: { siteUrl: site } };
    }
    case 'channel': {
      const channel = normalizeYouTubeChannel(input.channel);
      if (!channel)
        return {
          problem: 'Enter the channel’s handle (@name) or its address (youtube.com/@name)',
        };
      return { assetId: channel, assetName: channel, stored: { channel } };
    }
    case 'ads_account_id': {
      const accountId = normalizeXAdsAccountId(input.accountId);
      if (!accountId)
        return {
          problem: 'Enter the ads account ID as X ads manager shows it, such as 18ce54d4x5t',
        };
      return { assetId: accountId, assetName: accountId, stored: { accountId } };
    }
    case 'custom_fields':
      // Checked against the agency's definition by resolveCustomInput, never here.
      return { problem: 'Fill in what this step asks for before approving' };
    case 'store_and_code': {
      const store = normalizeShopifyStore(input.storeUrl);
      if (!store) return { problem: 'Enter the store address as your-store.myshopify.com' };
      const code = input.collaboratorCode ?? '';
      if (code !== '' && !isCollaboratorCode(code))
        return { problem: 'The collaborator request code is 4 digits' };
      return {
        assetId: store,
        assetName: store,
        stored: code === '' ? { storeUrl: store } : { storeUrl: store, collaboratorCode: code },
      };
    }
  }
}
