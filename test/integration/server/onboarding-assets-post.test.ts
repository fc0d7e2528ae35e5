import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  createHarness,
  createRequest,
  type Harness,
} from '../../support/onboarding.ts';

// Listing the client's assets asks the platform and keeps what it showed (the approval is checked
// against it): a write, so it is a POST, and no GET of the client page stores a listing.
let h: Harness;
let link: { id: string; token: string };
const api = (path: string) => `/api/v1/onboarding/${link.token}${path}`;
const listings = () => h.database.db.selectFrom('onboardings').select('asset_listing').execute();

beforeAll(async () => {
  h = await createHarness();
  link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'OPERATOR' }]);
  expect((await connectClient(h, link.token)).statusCode).toBe(303);
});
afterAll(async () => h.close());

describe('the asset listing', () => {
  it('is not a GET: every GET of the page leaves the listing unstored', async () => {
    for (const path of ['', '/progress', '/assets/tiktok']) {
      const answer = await h.app.inject({ method: 'GET', url: api(path) });
      expect(answer.statusCode).toBe(path === '/assets/tiktok' ? 404 : 200);
    }
    expect(await listings()).toEqual([{ asset_listing: null }]);
  });

  it('is a POST that lists from the platform and keeps what the client was shown', async () => {
    const answer = await h.app.inject({ method: 'POST', url: api('/assets/tiktok') });
    expect(answer.statusCode).toBe(200);
    const shown = answer.json<{ assets: { id: string }[] }>().assets.map((a) => a.id);
    expect(shown.length).toBeGreaterThan(0);
    const [row] = await listings();
    const kept = (row?.asset_listing as { tiktok: { assets: { id: string }[] } }).tiktok;
    expect(kept.assets.map((a) => a.id)).toEqual(shown);
  });
});
