import { expect, it } from 'vitest';
import { explainPaths, sentenceForHolding } from '../../../src/domain/effective-access.ts';
import { googleAdsManifest } from '../../../src/platforms/google-ads/manifest.ts';
import { ga4Manifest } from '../../../src/platforms/ga4/manifest.ts';
import { tiktokManifest } from '../../../src/platforms/tiktok/manifest.ts';

const person = (id: string, name: string | null, email: string | null = null) => ({
  id,
  name,
  email,
});

it('orders paths and says why each person reaches the asset, in TikTok words', () => {
  const base = {
    business: { id: 'bc9', relation: 'partner_share', sourceName: 'Acme' },
    levels: ['OPERATOR'],
  };
  const out = explainPaths(
    [
      { ...base, person: person('2', 'Sam'), businessRole: 'STANDARD', reason: 'asset_assignment' },
      {
        ...base,
        person: person('1', null, 'nora@x.example'),
        businessRole: 'ADMIN',
        reason: 'business_admin',
      },
    ],
    tiktokManifest.accessExplainer,
    (level) => (level === 'OPERATOR' ? 'Operator' : level),
  );
  expect(out.map((p) => p.person.id)).toEqual(['1', '2']);
  expect(out[0]?.why).toBe(
    'nora@x.example is ADMIN of Business Center bc9, so reaches every asset it holds; the Business Center holds it through a partner share from Acme; level: Operator.',
  );
  expect(out[1]?.why).toMatch(
    /^Sam is STANDARD in Business Center bc9 and was assigned this asset/,
  );
});

it('speaks of manager accounts and access roles for Google Ads, never of a Business Center', () => {
  const [path] = explainPaths(
    [
      {
        person: person('7', null, 'ops@agency.example'),
        business: { id: '1112223334', relation: 'manager_link', sourceName: null },
        businessRole: 'READ_ONLY',
        reason: 'business_member',
        levels: ['READ_ONLY'],
      },
    ],
    googleAdsManifest.accessExplainer,
  );
  expect(path?.why).toBe(
    'ops@agency.example is a user of manager account 1112223334 with access role READ_ONLY, so reaches every client account linked under it; the manager account holds it through a manager-account link.',
  );
});

it('says where a GA4 binding sits when it is on the account above the property', () => {
  const [path] = explainPaths(
    [
      {
        person: person('ops@agency.example', null, 'ops@agency.example'),
        business: { id: 'ops@agency.example', relation: 'access_binding', sourceName: null },
        businessRole: 'editor',
        reason: 'parent_access',
        via: '200100',
        levels: ['editor'],
      },
    ],
    ga4Manifest.accessExplainer,
    () => 'Editor',
  );
  expect(path?.why).toBe(
    'ops@agency.example has an access binding on Analytics account 200100 with the Editor role, which covers every property in that account.',
  );
});

it('puts the holding in one sentence: held, waiting, or not held', () => {
  const words = tiktokManifest.accessExplainer;
  const holding = {
    relation: 'partner_share',
    status: 'holds' as const,
    levels: ['OPERATOR'],
    sourceName: 'Acme',
  };
  const input = { identity: 'Business Center', businessId: 'bc9' };
  expect(sentenceForHolding({ ...input, holding }, words)).toBe(
    "The agency's Business Center bc9 holds it through a partner share from Acme; level: OPERATOR.",
  );
  expect(sentenceForHolding({ ...input, holding: { ...holding, status: 'pending' } }, words)).toBe(
    "The agency's Business Center bc9 is waiting for it through a partner share from Acme (not accepted yet); level: OPERATOR.",
  );
  expect(sentenceForHolding({ ...input, holding: null }, words)).toBe(
    "The agency's Business Center bc9 does not hold it.",
  );
});
