import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarness, createRequest, type Harness } from '../../support/onboarding.ts';

// The client page's GETs read through a cache that no write outlives: a repeated GET runs no
// query at all, and any write (here: the link revoked, the onboarding changed) is seen at once.
let h: Harness;
let link: { id: string; token: string };
const api = (path: string) => `/api/v1/onboarding/${link.token}${path}`;

/** The queries Kysely runs while `run` runs. */
async function queriesDuring(run: () => Promise<unknown>): Promise<number> {
  const executor = Object.getPrototypeOf(h.database.db.getExecutor()) as {
    executeQuery: (...args: unknown[]) => unknown;
  };
  const spy = vi.spyOn(executor, 'executeQuery');
  try {
    await run();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  h = await createHarness();
  link = await createRequest(h, [{ assetType: 'advertiser', permissionLevel: 'OPERATOR' }]);
  expect((await h.app.inject({ method: 'POST', url: api('/open') })).statusCode).toBe(204);
});
afterAll(async () => h.close());

describe("the client link's GETs", () => {
  it('run at most 3 queries for the link and 5 for progress, then none while nothing changes', async () => {
    const cold = await queriesDuring(() => h.app.inject({ method: 'GET', url: api('') }));
    expect(cold).toBeLessThanOrEqual(3);
    const coldProgress = await queriesDuring(() =>
      h.app.inject({ method: 'GET', url: api('/progress') }),
    );
    expect(coldProgress).toBeLessThanOrEqual(5);
    type Answer = Awaited<ReturnType<typeof h.app.inject>>;
    let page: Answer | undefined;
    let progress: Answer | undefined;
    const warm = await queriesDuring(async () => {
      page = await h.app.inject({ method: 'GET', url: api('') });
      progress = await h.app.inject({ method: 'GET', url: api('/progress') });
    });
    expect(warm).toBe(0);
    expect(page!.statusCode).toBe(200);
    expect(page!.headers['cache-control']).toBe('no-store');
    expect(page!.headers['content-type']).toMatch(/^application\/json/);
    expect(page!.json<{ agency: { name: string } }>().agency.name).toBe('Northwind Media');
    expect(progress!.statusCode).toBe(200);
    expect(progress!.headers.etag).toMatch(/^"/);
  });

  it('still checks the secret of every request, cached or not', async () => {
    await h.app.inject({ method: 'GET', url: api('') });
    const wrong = `${link.token.slice(0, -2)}${link.token.endsWith('xx') ? 'yy' : 'xx'}`;
    const answer = await h.app.inject({ method: 'GET', url: `/api/v1/onboarding/${wrong}` });
    expect(answer.statusCode).toBe(404);
    expect(answer.json().error.code).toBe('not_found');
  });

  it('sees a write at once: a changed onboarding, then the link revoked', async () => {
    const before = await h.app.inject({ method: 'GET', url: api('/progress') });
    await h.database.db.updateTable('onboardings').set({ status: 'abandoned' }).execute();
    const after = await h.app.inject({
      method: 'GET',
      url: api('/progress'),
      headers: { 'if-none-match': before.headers.etag as string },
    });
    expect(after.statusCode).toBe(200);
    expect(after.json().onboarding.status).toBe('abandoned');
    await h.database.db
      .updateTable('access_requests')
      .set({ link_revoked_at: new Date() })
      .where('id', '=', link.id)
      .execute();
    const revoked = await h.app.inject({ method: 'GET', url: api('') });
    expect(revoked.statusCode).toBe(410);
    expect(revoked.json().error.details.reason).toBe('revoked');
  });
});
