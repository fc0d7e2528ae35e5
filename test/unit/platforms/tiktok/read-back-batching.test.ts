// Read-backs after a batched share, with a fake TikTok: one read of a small agency BC for the
// read-backs made together, and one keyword read each otherwise.
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../../src/platforms/http.ts';
import { createTikTokClient } from '../../../../src/platforms/tiktok/client.ts';
import {
  batchedReadBacks,
  type ShareLedger,
} from '../../../../src/platforms/tiktok/read-back-batching.ts';

const agency = { accessToken: 'agency-token', businessId: 'agency-bc' };

/** A TikTok whose agency BC holds `held` (PENDING, ANALYST); records each read's filtering. */
function fakeTikTok(held: string[], code = 0, shares?: ShareLedger) {
  const reads: (string | null)[] = [];
  // Each page asked for, and how many answers had been given when it was asked.
  const pages: string[] = [];
  let answered = 0;
  const fetch: FetchLike = async (url) => {
    const filtering = url.searchParams.get('filtering');
    reads.push(filtering);
    const page = Number(url.searchParams.get('page') ?? 1);
    const pageSize = Number(url.searchParams.get('page_size') ?? 50);
    pages.push(`${page}@${answered}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
    answered += 1;
    const keyword = filtering ? (JSON.parse(filtering) as { keyword: string }).keyword : undefined;
    const matching = held.filter((id) => keyword === undefined || id === keyword);
    const totalPage = Math.max(1, Math.ceil(matching.length / pageSize));
    const list = matching.slice((page - 1) * pageSize, page * pageSize).map((id) => ({
      asset_id: id,
      asset_name: `Account ${id}`,
      asset_type: 'ADVERTISER',
      advertiser_role: 'ANALYST',
      relation_status: 'PENDING',
      relation_type: 'OWNER_PARTNER',
    }));
    const body =
      code === 0
        ? { code, message: 'OK', data: { list, page_info: { page, total_page: totalPage } } }
        : { code, message: 'No permission', data: {} };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = createTikTokClient({
    apiBaseUrl: 'https://api.example/open_api/v1.3/',
    fetch,
    now: () => new Date('2025-01-01T00:00:00Z'),
    timeoutMs: 1000,
    defaultRetryAfterMs: 1000,
  });
  return { reads, pages, readBacks: batchedReadBacks(client, shares) };
}

const readAll = (tiktok: ReturnType<typeof fakeTikTok>, ids: string[]) =>
  Promise.all(ids.map((id) => tiktok.readBacks.readBack(agency, 'ADVERTISER', id)));

describe('batched read-backs', () => {
  it('reads a small agency BC once for the read-backs made together', async () => {
    const tiktok = fakeTikTok(['a1', 'a2']);
    tiktok.readBacks.noteSize('agency-bc', 'ADVERTISER', 5);
    const holdings = await readAll(tiktok, ['a1', 'a2', 'a3']);
    expect(tiktok.reads).toEqual([null]);
    expect(holdings.map((h) => h?.status)).toEqual(['PENDING', 'PENDING', undefined]);
    expect(holdings[0]).toMatchObject({ level: 'ANALYST', relationType: 'OWNER_PARTNER' });
  });

  it('reads back by keyword when the BC size is unknown, or too big for one page', async () => {
    for (const size of [undefined, 49]) {
      const tiktok = fakeTikTok(['a1', 'a2']);
      if (size !== undefined) tiktok.readBacks.noteSize('agency-bc', 'ADVERTISER', size);
      const holdings = await readAll(tiktok, ['a1', 'a2']);
      expect(holdings.map((h) => h?.status)).toEqual(['PENDING', 'PENDING']);
      expect(tiktok.reads).toEqual([
        JSON.stringify({ keyword: 'a1' }),
        JSON.stringify({ keyword: 'a2' }),
      ]);
    }
  });

  it('reads a lone read-back by keyword, even in a small BC', async () => {
    const tiktok = fakeTikTok(['a1']);
    tiktok.readBacks.noteSize('agency-bc', 'ADVERTISER', 1);
    await readAll(tiktok, ['a1']);
    expect(tiktok.reads).toEqual([JSON.stringify({ keyword: 'a1' })]);
  });

  it('read-backs a turn apart do not wait for each other', async () => {
    const tiktok = fakeTikTok(['a1', 'a2']);
    tiktok.readBacks.noteSize('agency-bc', 'ADVERTISER', 2);
    await readAll(tiktok, ['a1']);
    await readAll(tiktok, ['a2']);
    expect(tiktok.reads).toHaveLength(2);
  });

  it('a shared read that fails fails every read-back, asking to reconnect as an admin', async () => {
    const tiktok = fakeTikTok([], 40001);
    tiktok.readBacks.noteSize('agency-bc', 'ADVERTISER', 2);
    const results = await Promise.allSettled(
      ['a1', 'a2'].map((id) => tiktok.readBacks.readBack(agency, 'ADVERTISER', id)),
    );
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const reason: unknown = result.status === 'rejected' ? result.reason : undefined;
      expect(reason).toMatchObject({ kind: 'permission' });
      expect(String((reason as Error).message)).toMatch(/reconnect TikTok in settings/);
    }
    expect(tiktok.reads).toEqual([null]);
  });

  it('waits until no share to the agency BC is pending, then one read serves the whole wave', async () => {
    let settle = () => {};
    const pending = new Promise<void>((resolve) => (settle = resolve));
    const partners: string[] = [];
    const tiktok = fakeTikTok(['a1', 'a2', 'a3'], 0, {
      settled: (partnerId) => {
        partners.push(partnerId);
        return pending;
      },
      shared: () => 0,
    });
    tiktok.readBacks.noteSize('agency-bc', 'ADVERTISER', 0);
    const first = readAll(tiktok, ['a1', 'a2']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Asked later, while other shares are still pending: they join the same wave.
    const later = readAll(tiktok, ['a3']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tiktok.reads).toEqual([]);
    expect(partners[0]).toBe('agency-bc');
    settle();
    const holdings = [...(await first), ...(await later)];
    expect(holdings.map((h) => h?.status)).toEqual(['PENDING', 'PENDING', 'PENDING']);
    expect(tiktok.reads).toEqual([null]);
  });

  it('reads every page of a big BC once when that is fewer calls than one each', async () => {
    const tiktok = fakeTikTok(['a1', 'a2', 'a3']);
    tiktok.readBacks.noteSize('agency-bc', 'ADVERTISER', 60);
    await readAll(tiktok, ['a1', 'a2', 'a3']);
    // ceil(63 / 50) = 2 pages < 3 keyword reads; both pages are read at once (the fake's BC holds
    // fewer, so its second page is empty and dropped).
    expect(tiktok.reads).toEqual([null, null]);
  });

  it('expects the ad accounts other waves shared since the last whole read: every page at once', async () => {
    // The BC held 10 at its last whole read; this process has since shared 93 more (this wave's
    // 4 and 89 of other clients' waves), so the wave of 4 expects ceil(103 / 50) = 3 pages and asks
    // for them at once (fewer than 4 keyword reads). Counting only its own 4 it would expect one page, and read pages 2 and 3
    // after page 1 said how many there are.
    let shared = 5;
    const held = Array.from({ length: 103 }, (_, i) => `a${i}`);
    const tiktok = fakeTikTok(held, 0, {
      settled: () => Promise.resolve(),
      shared: (partnerId) => (partnerId === 'agency-bc' ? shared : 0),
    });
    tiktok.readBacks.noteSize('agency-bc', 'ADVERTISER', 10);
    shared += 93;
    const holdings = await readAll(tiktok, ['a99', 'a100', 'a101', 'a102']);
    expect(holdings.map((h) => h?.status)).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING']);
    expect(tiktok.reads).toEqual([null, null, null]);
    expect(tiktok.pages).toEqual(['1@0', '2@0', '3@0']);
  });
});
