/**
 * `GET /api/v1/assets/{id}/access` beyond TikTok: Meta and Google Ads answer in their own words
 * (business portfolio, manager account; never "Business Center"), read live from their sandboxes
 * with the agency's own connection; a platform with no explainer keeps its 422; and the
 * platforms list the web reads says which platforms can answer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  connectAgencyOn,
  consentInGoogle,
  consentInMeta,
  createMultiHarness,
  G,
  M,
  type MultiHarness,
} from '../../support/multi-platform.ts';

let h: MultiHarness;
beforeAll(async () => {
  h = await createMultiHarness();
  await connectAgencyOn(h, 'meta', consentInMeta, M.nora, M.northwind);
  await connectAgencyOn(h, 'google_ads', consentInGoogle, G.agency, G.manager);
});
afterAll(async () => h?.close());

interface Explained {
  holdingSentence: string;
  paths: { person: { id: string; email: string | null }; why: string }[];
  limits: string[];
}
const explain = (id: string, query: string) =>
  h.app.inject({
    method: 'GET',
    url: `/api/v1/assets/${encodeURIComponent(id)}/access?${query}`,
    headers: h.agency.owner.headers,
  });

it('Meta: the portfolio holds a partner share; its admin reaches it, in Meta words', async () => {
  const t = new Date().toISOString();
  h.meta.model.state.shares.push({
    assetId: M.adUs.slice(4),
    partnerBusinessId: M.northwind,
    tasks: ['ADVERTISE', 'ANALYZE'],
    accessStatus: 'CONFIRMED',
    requestedTime: t,
    updatedTime: t,
  });
  const res = await explain(M.adUs, 'platform=meta&type=ad_account');
  expect(res.statusCode).toBe(200);
  const body = res.json<Explained>();
  expect(body.holdingSentence).toBe(
    `The agency's business portfolio ${M.northwind} holds it through a partner share from Acme Outdoor; level: Partial access.`,
  );
  expect(body.paths.map((p) => p.person.id)).toEqual([M.nora]);
  expect(body.paths[0]?.why).toMatch(
    new RegExp(`^Nora Lindqvist is ADMIN of business portfolio ${M.northwind}, so reaches`),
  );
  expect(JSON.stringify(body)).not.toContain('Business Center');
});

it('Google Ads: an account not linked is not held; the sentence names the manager account', async () => {
  const res = await explain(G.account, 'platform=google_ads&type=ad_account');
  expect(res.statusCode).toBe(200);
  expect(res.json<Explained>()).toMatchObject({
    holdingSentence: `The agency's manager account ${G.manager} does not hold it.`,
    paths: [],
  });
});

it('a platform with no explainer (Search Console) keeps its 422 in the error shape', async () => {
  const res = await explain('sc-domain:acme-outdoor.example', 'platform=search_console&type=site');
  expect(res.statusCode).toBe(422);
  expect(res.json()).toMatchObject({
    error: { code: 'unprocessable', message: expect.stringContaining('search_console') },
  });
});

it('the platforms list the web reads says where "Who has access?" can be asked', async () => {
  const res = await h.app.inject({
    method: 'GET',
    url: '/api/v1/template-options',
    headers: h.agency.owner.headers,
  });
  const platforms = res.json<{ platforms: { id: string; explainsAccess: boolean }[] }>().platforms;
  expect(Object.fromEntries(platforms.map((p) => [p.id, p.explainsAccess]))).toEqual({
    tiktok: true,
    meta: true,
    google_ads: true,
    ga4: true,
    gtm: true,
    search_console: false,
    youtube: false,
    shopify: false,
    linkedin: true,
    pinterest: true,
    microsoft_ads: true,
    snapchat: true,
    business_profile: false,
    x_ads: false,
    merchant_center: false,
  });
});
