// The client page's catalogues: every language has every message (with the same placeholders)
// and every manifest asset type, level and description; nothing stale is left behind.
import { describe, expect, it } from 'vitest';
import { platformIds, platformManifests } from '../../../src/platforms/registry.ts';
import { en } from '../../../web/src/i18n/en.ts';
import { catalogues, languages, translateAsset } from '../../../web/src/i18n/index.ts';
import { removeAccessPlaces } from '../../../web/src/i18n/places.ts';
import { reasons, translateReason } from '../../../web/src/i18n/reasons.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const others = languages.map((l) => l.id).filter((id) => id !== 'en');

/** Every `platform/assetType` of the manifests with its levels' ids. */
const manifestTypes = platformIds.flatMap((platform) =>
  platformManifests[platform].assetTypes.map((type) => ({
    key: `${platform}/${type.id}`,
    levels: type.levels.map((level) => level.id),
  })),
);

describe('client page languages', () => {
  it('offers at least 8 languages, each with a catalogue', () => {
    expect(languages.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(catalogues).sort()).toEqual(languages.map((l) => l.id).sort());
  });

  it.each(others)('%s has every message, with the same placeholders, and no extra', (id) => {
    const messages = catalogues[id].messages as Record<string, string>;
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, english] of Object.entries(en)) {
      expect(messages[key]?.trim(), `${id}.${key}`).toBeTruthy();
      expect(placeholders(messages[key] ?? ''), `${id}.${key}`).toEqual(placeholders(english));
    }
  });

  it.each(others)('%s names every manifest asset type, level and description', (id) => {
    const assets = catalogues[id].assets;
    for (const type of manifestTypes) {
      const words = assets[type.key];
      expect(words?.label.trim(), `${id} ${type.key}`).toBeTruthy();
      expect(Object.keys(words?.levels ?? {}).sort(), `${id} ${type.key} levels`).toEqual(
        [...type.levels].sort(),
      );
      for (const level of type.levels) {
        expect(words?.levels[level]?.label.trim(), `${id} ${type.key} ${level}`).toBeTruthy();
        expect(words?.levels[level]?.description.trim(), `${id} ${type.key} ${level}`).toBeTruthy();
      }
    }
    // Nothing for a type the manifests no longer have.
    expect(Object.keys(assets).sort()).toEqual(manifestTypes.map((t) => t.key).sort());
  });

  it('translates an item, and keeps the manifest’s English words in English', () => {
    const item = {
      platform: 'tiktok',
      assetType: 'advertiser',
      assetTypeLabel: 'Ad account',
      permissionLevel: 'ANALYST',
      levelLabel: 'Analyst',
      levelDescription: 'Can only view ads and data.',
    };
    expect(translateAsset('de', item)).toEqual({
      type: 'Werbekonto',
      level: 'Analyst',
      description: 'Kann nur Anzeigen und Daten ansehen.',
    });
    expect(translateAsset('en', item)).toEqual({
      type: 'Ad account',
      level: 'Analyst',
      description: 'Can only view ads and data.',
    });
  });

  it('names, for every platform, a real place where the client removes access', () => {
    for (const id of platformIds) {
      const place = removeAccessPlaces[id];
      expect(place, id).toBeTruthy();
      // No invented "<platform> Business Center" outside TikTok, which has one.
      if (id !== 'tiktok') expect(place).not.toMatch(/Business Center/);
    }
  });
});

describe('listing reasons', () => {
  it.each(others)('%s words every reason, with the same placeholders', (id) => {
    for (const [key, english] of Object.entries(reasons.en)) {
      const words = reasons[id][key as keyof typeof reasons.en];
      expect(words.trim(), `${id} ${key}`).toBeTruthy();
      expect(words, `${id} ${key}`).not.toBe(english);
      expect(placeholders(words), `${id} ${key}`).toEqual(placeholders(english));
    }
  });

  it("fills a reason's values, and falls back to the connector's English when it cannot", () => {
    const reason = { code: 'not_business_admin', message: 'english', values: { business: 'Acme' } };
    expect(translateReason('de', 'meta', reason)).toBe(
      'Nur ein Admin von Acme kann dies teilen. Bitten Sie einen Admin, den Link zu öffnen.',
    );
    // No words for the code (a newer platform), an inherited name, or a value missing.
    expect(translateReason('de', 'linkedin', { code: 'x', message: 'english' })).toBe('english');
    expect(translateReason('de', 'meta', { code: 'constructor', message: 'english' })).toBe(
      'english',
    );
    expect(translateReason('de', 'meta', { code: 'not_business_admin', message: 'english' })).toBe(
      'english',
    );
  });
});
