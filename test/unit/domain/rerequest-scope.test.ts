import { describe, expect, it } from 'vitest';
import {
  findScopedAsset,
  NOT_IN_SCOPE_CODE,
  scopeListing,
} from '../../../src/domain/rerequest-scope.ts';

const scope = [{ platform: 'tiktok', assetType: 'advertiser', assetId: '1', level: 'ANALYST' }];
interface Listed {
  type: string;
  id: string;
  name: string;
  blocked?: { code: string; message: string };
}
const listing: { businesses: never[]; assets: Listed[] } = {
  businesses: [],
  assets: [
    { type: 'advertiser', id: '1', name: 'One' },
    { type: 'advertiser', id: '2', name: 'Two' },
    { type: 'pixel', id: '1', name: 'Pixel with the same id' },
  ],
};

describe('re-request scope', () => {
  it('blocks every listed asset the re-request does not name, by platform, type and id', () => {
    const scoped = scopeListing(listing, 'tiktok', scope);
    expect(scoped.assets.map((a) => [a.type, a.id, a.blocked?.code ?? null])).toEqual([
      ['advertiser', '1', null],
      ['advertiser', '2', NOT_IN_SCOPE_CODE],
      ['pixel', '1', NOT_IN_SCOPE_CODE],
    ]);
    expect(scopeListing(listing, 'meta', scope).assets.every((a) => a.blocked)).toBe(true);
  });

  it('leaves an ordinary request (no scope) as it is and finds the recorded level', () => {
    expect(scopeListing(listing, 'tiktok', [])).toBe(listing);
    expect(findScopedAsset(scope, 'tiktok', 'advertiser', '1')?.level).toBe('ANALYST');
    expect(findScopedAsset(scope, 'tiktok', 'advertiser', '2')).toBeUndefined();
  });
});
