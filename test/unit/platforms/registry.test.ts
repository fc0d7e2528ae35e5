// Every registered platform has a manifest that holds together, a docs page and a logo, and a
// sandbox exactly when it calls an API (STYLE.md 4, after Nango's validate.ts). The Record type in
// registry.ts makes the compiler demand an entry per PlatformId; this test demands the files that
// go with it and that each manifest says honestly how access is known to exist.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { googleConnectorConfigs } from '../../../src/platforms/google/configs.ts';
import { LINKEDIN_BASE_URLS } from '../../../src/platforms/linkedin/connector.ts';
import { META_BASE_URLS } from '../../../src/platforms/meta/connector.ts';
import { PINTEREST_BASE_URLS } from '../../../src/platforms/pinterest/connector.ts';
import { MICROSOFT_ADS_BASE_URLS } from '../../../src/platforms/microsoft-ads/connector.ts';
import {
  createPlatformRegistry,
  platformIds,
  platformManifests,
} from '../../../src/platforms/registry.ts';
import { withCustomPlatforms } from '../../../src/platforms/custom/manifests.ts';
import { readyMadeDefinitions } from '../../../src/platforms/custom/ready-made/index.ts';
import { SNAPCHAT_BASE_URLS } from '../../../src/platforms/snapchat/connector.ts';
import { TIKTOK_BASE_URLS } from '../../../src/platforms/tiktok/connector.ts';
import { X_ADS_BASE_URLS } from '../../../src/platforms/x-ads/connector.ts';

const root = new URL('../../../', import.meta.url);
const exists = (path: string) => existsSync(new URL(path, root));

describe('platform registry', () => {
  it('registers TikTok, Meta, the Google family, LinkedIn and the guided platforms', () => {
    expect(platformIds).toEqual(
      expect.arrayContaining([
        'tiktok',
        'meta',
        'google_ads',
        'ga4',
        'gtm',
        'search_console',
        'youtube',
        'shopify',
        'linkedin',
        'pinterest',
      ]),
    );
  });

  // The custom platform's asset types are an agency's definitions: checked here with the
  // ready-made ones as a workspace would hold them.
  const withReadyMade = withCustomPlatforms(
    platformManifests,
    readyMadeDefinitions.map((r) => ({
      ...r.definition,
      id: r.id,
      slug: r.slug,
      readyMade: r.id,
      archivedAt: null,
      createdAt: new Date(0),
      updatedAt: new Date(0),
    })),
  );

  it.each(platformIds)('%s has a consistent manifest, docs and a logo', (id) => {
    const manifest = withReadyMade[id]!;
    expect(manifest.id).toBe(id);
    expect(manifest.name.length).toBeGreaterThan(0);
    expect(exists(manifest.docsPath), manifest.docsPath).toBe(true);
    // Folders and files are kebab-case: google_ads lives in src/platforms/google-ads.
    const slug = id.replaceAll('_', '-');
    expect(exists(`web/public/logos/${slug}.svg`)).toBe(true);
    const typeIds = manifest.assetTypes.map((type) => type.id);
    expect(typeIds.length).toBeGreaterThan(0);
    expect(new Set(typeIds).size).toBe(typeIds.length);
    for (const type of manifest.assetTypes) {
      expect(type.levels.length).toBeGreaterThan(0);
      expect(new Set(type.levels.map((level) => level.id)).size).toBe(type.levels.length);
      // A guided type says what the client types; no other type asks for input.
      expect(type.clientInput !== undefined, type.id).toBe(type.grantMethod === 'guided');
    }
    expect(manifest.rateLimit.requestsPerSecond).toBeGreaterThan(0);
    for (const path of Object.values(manifest.apiPaths)) expect(path).not.toMatch(/^\/|^https?:/);
  });

  it.each(platformIds)('%s has a sandbox exactly when it calls an API', (id) => {
    const manifest = platformManifests[id];
    const callsAnApi = manifest.oauth !== null || Object.keys(manifest.apiPaths).length > 0;
    expect(manifest.sandbox !== null, 'sandbox declared iff an API is called').toBe(callsAnApi);
    if (manifest.sandbox !== null)
      expect(exists(`src/platforms/${manifest.sandbox}/sandbox/index.ts`), manifest.sandbox).toBe(
        true,
      );
  });

  it.each(platformIds)('%s is verified through an API only when it can read access', (id) => {
    const manifest = platformManifests[id];
    // Reading access back needs an API and a sandbox that serves it; a person's confirmation
    // is the only honest record where none exists.
    if (manifest.verification === 'api') expect(manifest.sandbox).not.toBeNull();
    if (manifest.verification === 'agency_confirmation') expect(manifest.sandbox).toBeNull();
  });

  it('records YouTube by the client’s word, Shopify by the agency’s, Search Console by API', () => {
    expect(platformManifests.search_console).toMatchObject({
      verification: 'api',
      sandbox: 'google',
    });
    expect(platformManifests.youtube.verification).toBe('client_confirmation');
    expect(platformManifests.shopify).toMatchObject({
      verification: 'agency_confirmation',
      sandbox: null,
      oauth: null,
    });
  });

  it('offers the access explainer exactly where the connector reads it (and its words say so)', () => {
    const registry = createPlatformRegistry({
      tiktok: { baseUrls: TIKTOK_BASE_URLS, appId: 'a', appSecret: 's' },
      meta: { baseUrls: META_BASE_URLS, appId: 'a', appSecret: 's', graphVersion: 'v25.0' },
      ...googleConnectorConfigs({ clientId: 'c', clientSecret: 's', developerToken: 'd' }),
      linkedin: {
        baseUrls: LINKEDIN_BASE_URLS,
        clientId: 'c',
        clientSecret: 's',
        apiVersion: '202601',
      },
      pinterest: { baseUrls: PINTEREST_BASE_URLS, clientId: 'c', clientSecret: 's' },
      microsoft_ads: {
        baseUrls: MICROSOFT_ADS_BASE_URLS,
        clientId: 'c',
        clientSecret: 's',
        developerToken: 'd',
      },
      snapchat: { baseUrls: SNAPCHAT_BASE_URLS, clientId: 'c', clientSecret: 's' },
      x_ads: { baseUrls: X_ADS_BASE_URLS, consumerKey: 'k', consumerSecret: 's' },
    });
    const explained = platformIds.filter((id) => registry[id].manifest.accessExplainer);
    expect(explained).toEqual([
      'tiktok',
      'meta',
      'google_ads',
      'ga4',
      'gtm',
      'linkedin',
      'pinterest',
      'microsoft_ads',
      'snapchat',
    ]);
    for (const id of platformIds) {
      const manifest = platformManifests[id];
      expect(registry[id].manifest).toBe(manifest);
      expect(typeof registry[id].readAssetAccess === 'function', id).toBe(
        manifest.accessExplainer !== undefined,
      );
      // Only TikTok has Business Centers; the others say it their own way.
      const words = JSON.stringify(manifest.accessExplainer ?? {});
      if (id !== 'tiktok') expect(words, id).not.toContain('Business Center');
    }
  });
});
