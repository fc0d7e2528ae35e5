import { describe, expect, it } from 'vitest';
import { checkChoice, proposeLevels } from '../../../src/domain/access-advisor.ts';
import { metaManifest } from '../../../src/platforms/meta/manifest.ts';
import { tiktokManifest } from '../../../src/platforms/tiktok/manifest.ts';

const levels = (tasks: Parameters<typeof proposeLevels>[1]) =>
  proposeLevels(tiktokManifest, tasks).map((p) => `${p.assetType}:${p.level}`);

describe('least-privilege advisor', () => {
  it('proposes the lowest TikTok level that does every task', () => {
    expect(levels(['report'])).toEqual(['advertiser:ANALYST']);
    expect(levels(['report', 'optimise'])).toEqual(['advertiser:OPERATOR']);
    expect(levels(['billing', 'report'])).toEqual(['advertiser:ADMIN']);
    expect(levels(['spark_ads'])).toEqual([
      'advertiser:OPERATOR',
      'tiktok_account:AD_DELIVERY',
      'pixel:SHARED',
    ]);
    expect(levels(['conversions'])).toEqual(['advertiser:ANALYST', 'pixel:SHARED']);
    const reasons = proposeLevels(tiktokManifest, ['spark_ads', 'report'])[0]?.reasons.map(
      (r) => r.task,
    );
    expect(reasons).toEqual(['spark_ads', 'report']);
  });
  it('warns when a choice is more than needed, not needed, too little, or missing', () => {
    const warnings = checkChoice(
      [tiktokManifest, metaManifest],
      ['report'],
      [
        { platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ADMIN' },
        { platform: 'tiktok', assetType: 'catalog', permissionLevel: 'ADMIN' },
        { platform: 'meta', assetType: 'ad_account', permissionLevel: 'view_only' },
      ],
    );
    expect(warnings.map((w) => [w.index, w.kind])).toEqual([
      [0, 'more_than_needed'],
      [1, 'not_needed'],
    ]);
    const short = checkChoice(
      [tiktokManifest],
      ['optimise'],
      [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' }],
    );
    expect(short.map((w) => w.kind)).toEqual(['less_than_needed']);
    expect(checkChoice([tiktokManifest], ['spark_ads'], []).map((w) => w.kind)).toEqual([
      'missing',
      'missing',
      'missing',
    ]);
  });
});
