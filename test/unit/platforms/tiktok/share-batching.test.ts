// Batched bc/partner/add/ with a fake fetch: what goes in one call, and what each share is told
// when TikTok refuses or fails a batch.
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../../../src/platforms/errors.ts';
import type { FetchLike } from '../../../../src/platforms/http.ts';
import { createTikTokClient } from '../../../../src/platforms/tiktok/client.ts';
import {
  batchedAdvertiserShares,
  MAX_SHARE_BATCH,
  ShareBatchRefused,
  type AdvertiserShare,
} from '../../../../src/platforms/tiktok/share-batching.ts';

interface Body {
  bc_id: string;
  partner_id: string;
  asset_ids: string[];
  advertiser_role: string;
}

/**
 * A TikTok that records each partner/add body and answers with `code` (0: OK); with `holdAnswers`
 * each answer waits until the test calls the call's entry in `answers`.
 */
function fakeTikTok(
  code: (body: Body) => number = () => 0,
  options: { holdAnswers?: boolean } = {},
) {
  const bodies: Body[] = [];
  const answers: (() => void)[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const body = JSON.parse(init.body as string) as Body;
    bodies.push(body);
    const answer = code(body);
    if (options.holdAnswers) await new Promise<void>((resolve) => answers.push(resolve));
    return new Response(
      JSON.stringify({ code: answer, message: answer === 0 ? 'OK' : 'refused', data: {} }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
  };
  const client = createTikTokClient({
    apiBaseUrl: 'https://api.example/open_api/v1.3/',
    fetch,
    now: () => new Date('2025-01-01T00:00:00Z'),
    timeoutMs: 60_000,
    defaultRetryAfterMs: 1000,
  });
  return { bodies, answers, share: batchedAdvertiserShares(client) };
}

const share = (assetId: string, extra: Partial<AdvertiserShare> = {}): AdvertiserShare => ({
  token: 'client-token',
  bcId: 'client-bc',
  partnerId: 'agency-bc',
  assetId,
  advertiserRole: 'ANALYST',
  ...extra,
});

describe('batched ad-account shares', () => {
  it('sends the shares made together as one call carrying every ad account', async () => {
    const tiktok = fakeTikTok();
    await Promise.all(['a1', 'a2', 'a3'].map((id) => tiktok.share(share(id))));
    expect(tiktok.bodies).toEqual([
      {
        bc_id: 'client-bc',
        partner_id: 'agency-bc',
        asset_type: 'ADVERTISER',
        asset_ids: ['a1', 'a2', 'a3'],
        advertiser_role: 'ANALYST',
      },
    ]);
  });

  it('keeps apart what one call cannot carry: another role, BC, partner or token', async () => {
    const tiktok = fakeTikTok();
    await Promise.all([
      tiktok.share(share('a1')),
      tiktok.share(share('a2', { advertiserRole: 'ADMIN' })),
      tiktok.share(share('a3', { bcId: 'other-bc' })),
      tiktok.share(share('a4', { partnerId: 'other-agency' })),
      tiktok.share(share('a5', { token: 'other-token' })),
      tiktok.share(share('a6')),
    ]);
    expect(tiktok.bodies.map((b) => b.asset_ids)).toEqual([
      ['a1', 'a6'],
      ['a2'],
      ['a3'],
      ['a4'],
      ['a5'],
    ]);
  });

  it('sends at most 50 ad accounts per call', async () => {
    const tiktok = fakeTikTok();
    const ids = Array.from({ length: MAX_SHARE_BATCH + 5 }, (_, i) => `a${i}`);
    await Promise.all(ids.map((id) => tiktok.share(share(id))));
    expect(tiktok.bodies.map((b) => b.asset_ids.length)).toEqual([MAX_SHARE_BATCH, 5]);
    expect(tiktok.bodies.flatMap((b) => b.asset_ids)).toEqual(ids);
  });

  it('does not hold a share for a later one: shares a turn apart are separate calls', async () => {
    const tiktok = fakeTikTok();
    await tiktok.share(share('a1'));
    await tiktok.share(share('a2'));
    expect(tiktok.bodies.map((b) => b.asset_ids)).toEqual([['a1'], ['a2']]);
  });

  it('a share sent alone fails with TikTok own error, as an unbatched call would', async () => {
    const tiktok = fakeTikTok(() => 40001);
    const error = await tiktok.share(share('a1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ kind: 'permission', retryable: false });
  });

  it('a refused batch tells every share to retry alone, with the refusal', async () => {
    const tiktok = fakeTikTok((body) => (body.asset_ids.includes('bad') ? 40002 : 0));
    const results = await Promise.allSettled(['a1', 'bad'].map((id) => tiktok.share(share(id))));
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason = result.status === 'rejected' ? result.reason : undefined;
      expect(reason).toBeInstanceOf(ShareBatchRefused);
      expect((reason as ShareBatchRefused).refusal).toMatchObject({ kind: 'invalid' });
    }
    expect(tiktok.bodies).toHaveLength(1);
  });

  it('a batch that failed for a retryable reason gives every share that error (each job backs off)', async () => {
    const tiktok = fakeTikTok(() => 50002);
    const results = await Promise.allSettled(['a1', 'a2'].map((id) => tiktok.share(share(id))));
    for (const result of results) {
      const reason = result.status === 'rejected' ? result.reason : undefined;
      expect(reason).toBeInstanceOf(PlatformError);
      expect(reason).toMatchObject({ kind: 'unavailable', retryable: true });
    }
    expect(tiktok.bodies).toHaveLength(1);
  });

  it('names an ad account shared twice at the same moment once', async () => {
    const tiktok = fakeTikTok();
    await Promise.all([tiktok.share(share('a1')), tiktok.share(share('a1'))]);
    expect(tiktok.bodies.map((b) => b.asset_ids)).toEqual([['a1']]);
  });

  it('settled waits for the shares pending when it was asked, not for later ones', async () => {
    const { answers, share: shareOf } = fakeTikTok(() => 0, { holdAnswers: true });
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const first = shareOf(share('a1'));
    await turn();
    let settled = false;
    const wave = shareOf.settled('agency-bc').then(() => (settled = true));
    // Another client's share to the same agency BC, made after the wave began.
    const later = shareOf(share('b1', { token: 'other-token', bcId: 'other-bc' }));
    await turn();
    expect(answers).toHaveLength(2);
    answers[0]?.();
    await first;
    await wave;
    expect(settled).toBe(true);
    answers[1]?.();
    await later;
    // Nothing pending: settled answers at once, and for another partner too.
    await shareOf.settled('agency-bc');
    await shareOf.settled('nobody');
  });

  it('an announced share counts as pending until released or made', async () => {
    const tiktok = fakeTikTok();
    const release = tiktok.share.announce('agency-bc');
    let settled = false;
    const wave = tiktok.share.settled('agency-bc').then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    // Another partner's wave does not wait for it.
    await tiktok.share.settled('other-bc');
    release();
    release();
    await wave;
    expect(settled).toBe(true);
  });

  it('counts the ad accounts shared to each partner BC, only from calls TikTok accepted', async () => {
    const tiktok = fakeTikTok((body) => (body.bc_id === 'refusing-bc' ? 40001 : 0));
    await Promise.all(['a1', 'a2', 'a3'].map((id) => tiktok.share(share(id))));
    await tiktok.share(share('b1', { partnerId: 'other-agency-bc' }));
    await Promise.allSettled(
      ['c1', 'c2'].map((id) => tiktok.share(share(id, { bcId: 'refusing-bc' }))),
    );
    expect(tiktok.share.shared('agency-bc')).toBe(3);
    expect(tiktok.share.shared('other-agency-bc')).toBe(1);
    expect(tiktok.share.shared('nobody-bc')).toBe(0);
  });
});
