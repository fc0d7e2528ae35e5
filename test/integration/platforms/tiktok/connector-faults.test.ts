// Throttling, transient errors and lost answers: classified for the orchestrator's retries, and a
// retry after a lost answer never shares twice.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../../src/platforms/errors.ts';
import type { FetchLike } from '../../../../src/platforms/http.ts';
import type { AgencyIdentity, GrantOutcome, Platform } from '../../../../src/platforms/types.ts';
import { expectPlatformError } from '../connector-contract.ts';
import { startTikTokFixture, W, type TikTokFixture } from './connector-fixture.ts';

let f: TikTokFixture;
let agency: AgencyIdentity;
let clientToken: string;
beforeAll(async () => {
  f = await startTikTokFixture();
});
afterAll(async () => f.close());
beforeEach(async () => {
  await f.reset();
  agency = await f.agency();
  clientToken = await f.tokenFor(W.dana);
});

const advertiser = (id: string) => ({ type: 'advertiser', id, ownerId: W.acmeBc });
const appliedPartnerAdds = async () =>
  (await f.log()).filter((e) => e.path.endsWith('/bc/partner/add/') && e.code === 0).length;

/** What a grant job does: retry retryable errors (without waiting, in a test). */
async function grantWithRetries(platform: Platform, id: string): Promise<GrantOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await platform.grantAccess({
        clientToken,
        agency,
        asset: advertiser(id),
        level: 'ANALYST',
      });
    } catch (error) {
      if (!(error instanceof PlatformError) || !error.retryable || attempt >= 60) throw error;
    }
  }
}

describe('TikTok faults', () => {
  it('the sandbox rate limit (40100) is rate_limited with a wait, and passes once lifted', async () => {
    f.setFaults({ rateLimit: { requests: 1, perMs: 60_000 } });
    const error = await expectPlatformError(
      f.platform.grantAccess({ clientToken, agency, asset: advertiser(W.ad1), level: 'ANALYST' }),
    );
    expect(error).toMatchObject({ kind: 'rate_limited', platformCode: '40100', retryable: true });
    expect(error.extra.retryAfterMs).toBe(1000);
    f.setFaults({});
    expect((await grantWithRetries(f.platform, W.ad1)).kind).toBe('pending_acceptance');
  });

  it('a BC backend error (51060) and a system error (50000) are unavailable and retryable', async () => {
    f.setFaults({ errorRate: 1 });
    const bc = await expectPlatformError(
      f.platform.readAccess({ agency, asset: advertiser(W.ad1) }),
    );
    expect(bc).toMatchObject({ kind: 'unavailable', platformCode: '51060', retryable: true });
    const oauth = await expectPlatformError(
      f.platform.exchangeCode({ code: 'x', redirectUri: 'y' }),
    );
    expect(oauth).toMatchObject({ kind: 'unavailable', platformCode: '50000', retryable: true });
  });

  it('an answer lost after TikTok applied the share: the retry reads back and does not share again', async () => {
    let lost = false;
    const losing: FetchLike = async (input, init) => {
      const response = await fetch(input, init);
      if (!lost && input.pathname.endsWith('/bc/partner/add/')) {
        lost = true;
        throw new TypeError('socket hang up');
      }
      return response;
    };
    const platform = f.connectorWith({ fetch: losing });
    const error = await expectPlatformError(
      platform.grantAccess({ clientToken, agency, asset: advertiser(W.ad1), level: 'ANALYST' }),
    );
    expect(error).toMatchObject({ kind: 'unavailable', platformCode: 'network', retryable: true });
    expect(await grantWithRetries(platform, W.ad1)).toMatchObject({ kind: 'pending_acceptance' });
    expect(await appliedPartnerAdds()).toBe(1);
  });

  it('with 20% transient errors and a rate limit, retried grants all finish, none twice', async () => {
    f.setFaults({ errorRate: 0.2, rateLimit: { requests: 20, perMs: 50 } });
    const outcomes = [];
    for (const id of [W.ad1, W.ad2]) outcomes.push(await grantWithRetries(f.platform, id));
    expect(outcomes.map((o) => o.kind)).toEqual(['pending_acceptance', 'pending_acceptance']);
    expect(await appliedPartnerAdds()).toBe(2);
  });

  it('a call that gets no answer in time is unavailable (timeout) and retryable', async () => {
    const hanging: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
      });
    const platform = f.connectorWith({ fetch: hanging, timeoutMs: 30 });
    const error = await expectPlatformError(
      platform.readAccess({ agency, asset: advertiser(W.ad1) }),
    );
    expect(error).toMatchObject({ kind: 'unavailable', platformCode: 'timeout', retryable: true });
  });
});
