// Every registered platform has a manifest that holds together, a docs page, a sandbox and a logo
// (STYLE.md 4, after Nango's validate.ts). The Record type in registry.ts makes the compiler demand
// an entry per PlatformId; this test demands the files that go with it.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { platformIds, platformManifests } from '../../../src/platforms/registry.ts';

const root = new URL('../../../', import.meta.url);
const exists = (path: string) => existsSync(new URL(path, root));

describe('platform registry', () => {
  it('registers TikTok, Meta and the Google family', () => {
    expect(platformIds).toEqual(
      expect.arrayContaining(['tiktok', 'meta', 'google_ads', 'ga4', 'gtm']),
    );
  });

  it.each(platformIds)('%s has a consistent manifest, docs, a sandbox and a logo', (id) => {
    const manifest = platformManifests[id];
    expect(manifest.id).toBe(id);
    expect(manifest.name.length).toBeGreaterThan(0);
    expect(exists(manifest.docsPath), manifest.docsPath).toBe(true);
    // Folders and files are kebab-case: google_ads lives in src/platforms/google-ads.
    const slug = id.replaceAll('_', '-');
    expect(exists(`src/platforms/${slug}/sandbox/index.ts`)).toBe(true);
    expect(exists(`web/public/logos/${slug}.svg`)).toBe(true);
    const typeIds = manifest.assetTypes.map((type) => type.id);
    expect(typeIds.length).toBeGreaterThan(0);
    expect(new Set(typeIds).size).toBe(typeIds.length);
    for (const type of manifest.assetTypes) {
      expect(type.levels.length).toBeGreaterThan(0);
      expect(new Set(type.levels.map((level) => level.id)).size).toBe(type.levels.length);
    }
    expect(manifest.rateLimit.requestsPerSecond).toBeGreaterThan(0);
    for (const path of Object.values(manifest.apiPaths)) expect(path).not.toMatch(/^\/|^https?:/);
  });
});
