import { describe, expect, it } from 'vitest';
import { checkRequestItems, requestStatusFor } from '../../../src/domain/access-request.ts';

const manifests = [
  {
    id: 'tiktok',
    assetTypes: [
      { id: 'advertiser', levels: [{ id: 'ANALYST' }, { id: 'OPERATOR' }, { id: 'ADMIN' }] },
      { id: 'pixel', levels: [{ id: 'SHARED' }] },
    ],
  },
];

describe('request items', () => {
  it('accepts known platforms, types and levels', () => {
    const items = [
      { platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'OPERATOR' },
      { platform: 'tiktok', assetType: 'pixel', permissionLevel: 'SHARED' },
    ];
    expect(checkRequestItems(items, manifests)).toEqual([]);
  });

  it('names each problem by index', () => {
    const problems = checkRequestItems(
      [
        { platform: 'meta', assetType: 'advertiser', permissionLevel: 'ADMIN' },
        { platform: 'tiktok', assetType: 'catalog', permissionLevel: 'ADMIN' },
        { platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'OWNER' },
        { platform: 'tiktok', assetType: 'pixel', permissionLevel: 'SHARED' },
        { platform: 'tiktok', assetType: 'pixel', permissionLevel: 'SHARED' },
      ],
      manifests,
    );
    expect(problems.map((p) => p.index)).toEqual([0, 1, 2, 4]);
    expect(problems[2]?.message).toContain('ANALYST, OPERATOR, ADMIN');
  });

  it('maps onboarding outcomes to request status, revocation final', () => {
    expect(requestStatusFor('open', 'completed')).toBe('completed');
    expect(requestStatusFor('open', 'partial')).toBe('partial');
    expect(requestStatusFor('open', 'approved')).toBe('open');
    expect(requestStatusFor('revoked', 'completed')).toBe('revoked');
  });
});
