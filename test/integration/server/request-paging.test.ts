import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, createRequest, type Harness } from '../../support/onboarding.ts';

// GET /api/v1/requests pages with a cursor: every request once, newest first, past any limit.
let h: Harness;
const created: string[] = [];

beforeAll(async () => {
  h = await createHarness();
  for (let i = 0; i < 5; i += 1) {
    const request = await createRequest(h, [
      { assetType: 'advertiser', permissionLevel: 'OPERATOR' },
    ]);
    created.push(request.id);
  }
});
afterAll(async () => h.close());

const list = (query: string) =>
  h.app.inject({ method: 'GET', url: `/api/v1/requests${query}`, headers: h.agency.owner.headers });

describe('the request list', () => {
  it('walks every request once, newest first, page by page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.statusCode).toBe(200);
      const body = answer.json<{ requests: { id: string }[]; nextCursor: string | null }>();
      expect(body.requests.length).toBeLessThanOrEqual(2);
      seen.push(...body.requests.map((r) => r.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
  });

  it('answers one page and no cursor when everything fits', async () => {
    const body = (await list('')).json<{ requests: unknown[]; nextCursor: string | null }>();
    expect(body.requests).toHaveLength(5);
    expect(body.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not give out', async () => {
    for (const bad of ['nonsense', Buffer.from('2026-01-01T00:00:00Z|x').toString('base64url')]) {
      const answer = await list(`?cursor=${bad}`);
      expect(answer.statusCode).toBe(400);
      expect(answer.json().error.code).toBe('invalid_query');
    }
  });
});
