// Every registered platform has a manifest that holds together, a docs page and a logo, and a
// sandbox exactly when it calls an API (STYLE.md 4, after Nango's validate.ts). The Record type in
// registry.ts makes the compiler demand an entry per PlatformId; this test demands the files that
// go with it and that each manifest says honestly how access is known to exist.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformIds, platformManifests } from '../../../src/platforms/registry.ts';

const root = new URL('../../../', import.meta.url);
const exists = (path: string) => existsSync(new URL(path, root));

describe('platform registry', () => {
  it('registers TikTok, Meta, the Google family and the guided platforms', () => {
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
      ]),
    );
  });

  it.each(platformIds)('%s has a consistent manifest, docs and a logo', (id) => {
    const manifest = platformManifests[id];
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
});
