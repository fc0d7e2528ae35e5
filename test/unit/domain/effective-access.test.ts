import { expect, it } from 'vitest';
import { explainPaths } from '../../../src/domain/effective-access.ts';

it('orders paths and says why each person reaches the asset', () => {
  const base = {
    business: { id: 'bc9', relation: 'partner_share', sourceName: 'Acme' },
    levels: ['OPERATOR'],
  };
  const out = explainPaths([
    {
      ...base,
      person: { id: '2', name: 'Sam', email: null },
      businessRole: 'STANDARD',
      reason: 'asset_assignment',
    },
    {
      ...base,
      person: { id: '1', name: null, email: 'nora@x.example' },
      businessRole: 'ADMIN',
      reason: 'business_admin',
    },
  ]);
  expect(out.map((p) => p.person.id)).toEqual(['1', '2']);
  expect(out[0]?.why).toBe(
    'nora@x.example is ADMIN of business bc9, so reaches every asset it holds; the business holds it through a partner share from Acme; level: OPERATOR.',
  );
  expect(out[1]?.why).toMatch(/^Sam is STANDARD in business bc9 and was assigned this asset/);
});
