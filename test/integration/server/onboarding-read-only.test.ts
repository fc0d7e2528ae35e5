import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditEvents } from '../../../src/store/audit.ts';
import { createHarness, createRequest, type Harness } from '../../support/onboarding.ts';

// The client page's GETs only read: opening the link is recorded once by POST /:link/open, and
// unchanged answers carry the same ETag, so a poll with If-None-Match gets a 304 without a body.
let h: Harness;
let link: { id: string; token: string };
const api = (path: string) => `/api/v1/onboarding/${link.token}${path}`;
const onboardingRows = () => h.database.db.selectFrom('onboardings').select('id').execute();
const opened = async () =>
  (await findAuditEvents(h.database.db, h.agency.agency.id)).filter(
    (e) => e.action === 'request.link_opened',
  );

beforeAll(async () => {
  h = await createHarness();
  link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'OPERATOR' }]);
});
afterAll(async () => h.close());

describe('the client page GETs', () => {
  it('write nothing before the link is opened, and describe it as started', async () => {
    const page = await h.app.inject({ method: 'GET', url: api('') });
    expect(page.statusCode).toBe(200);
    expect(page.json().onboarding.status).toBe('started');
    expect(page.json().platforms[0].connected).toBe(false);
    const progress = await h.app.inject({ method: 'GET', url: api('/progress') });
    expect(progress.json()).toMatchObject({ onboarding: { status: 'started' }, grants: [] });
    expect(await onboardingRows()).toEqual([]);
    expect(await opened()).toEqual([]);
  });

  it('records the first open once, however often the page sends it', async () => {
    for (let i = 0; i < 2; i += 1) {
      expect((await h.app.inject({ method: 'POST', url: api('/open') })).statusCode).toBe(204);
    }
    expect(await onboardingRows()).toHaveLength(1);
    expect(await opened()).toHaveLength(1);
  });

  it('answers an unchanged progress with 304 and a changed one with its new ETag', async () => {
    const first = await h.app.inject({ method: 'GET', url: api('/progress') });
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"/);
    expect(first.headers['cache-control']).toBe('no-store');
    const again = await h.app.inject({
      method: 'GET',
      url: api('/progress'),
      headers: { 'if-none-match': tag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await h.database.db.updateTable('onboardings').set({ status: 'abandoned' }).execute();
    const changed = await h.app.inject({
      method: 'GET',
      url: api('/progress'),
      headers: { 'if-none-match': tag },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(changed.json().onboarding.status).toBe('abandoned');
  });

  it('refuses to open a link that does not exist', async () => {
    const answer = await h.app.inject({
      method: 'POST',
      url: `/api/v1/onboarding/${link.token.slice(0, -2)}xx/open`,
    });
    expect(answer.statusCode).toBe(404);
    expect(answer.json().error.code).toBe('not_found');
  });
});
