// TikTok transport with a fake fetch: envelope errors on any HTTP status, query encoding,
// Access-Token header, pagination, and HTTP-level failures.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PlatformError } from '../../../../src/platforms/errors.ts';
import type { FetchLike } from '../../../../src/platforms/http.ts';
import {
  collectPages,
  createTikTokClient,
  pagedData,
} from '../../../../src/platforms/tiktok/client.ts';

interface Seen {
  url: URL;
  init: RequestInit;
}

function fakeFetch(answer: (url: URL) => Response): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    fetch: async (url, init) => {
      seen.push({ url, init });
      return answer(url);
    },
  };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const clientFor = (fetch: FetchLike) =>
  createTikTokClient({
    apiBaseUrl: 'https://api.example/open_api/v1.3/',
    fetch,
    now: () => new Date('2025-01-01T00:00:00Z'),
    timeoutMs: 1000,
    defaultRetryAfterMs: 1000,
  });

const caught = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as PlatformError,
  );

describe('TikTok client', () => {
  it('sends the token as Access-Token, filtering as one JSON value, and parses data', async () => {
    const fake = fakeFetch(() => json({ code: 0, message: 'OK', request_id: 'r', data: { n: 1 } }));
    const data = await clientFor(fake.fetch).call({
      method: 'GET',
      path: 'bc/get/',
      token: 'tok',
      query: { filtering: { keyword: 'a b' }, page: 2, skipped: undefined },
      data: z.object({ n: z.number() }),
    });
    expect(data).toEqual({ n: 1 });
    const { url, init } = fake.seen[0]!;
    expect(url.href.startsWith('https://api.example/open_api/v1.3/bc/get/?')).toBe(true);
    expect(url.searchParams.get('filtering')).toBe('{"keyword":"a b"}');
    expect(url.searchParams.get('page')).toBe('2');
    expect(url.searchParams.has('skipped')).toBe(false);
    expect((init.headers as Record<string, string>)['Access-Token']).toBe('tok');
    expect(url.search).not.toContain('tok');
  });

  it('posts JSON and treats a non-zero code as the error, even on HTTP 200', async () => {
    const fake = fakeFetch(() =>
      json({ code: 40001, message: 'No permission', request_id: 'r9', data: {} }),
    );
    const error = await caught(
      clientFor(fake.fetch).call({
        method: 'POST',
        path: 'bc/partner/add/',
        token: 't',
        body: { a: 1 },
        data: z.unknown(),
      }),
    );
    expect(error).toMatchObject({ kind: 'permission', platformCode: '40001' });
    expect(error?.extra.requestId).toBe('r9');
    expect(fake.seen[0]!.init.body).toBe('{"a":1}');
  });

  it('reads an error envelope sent with a 4xx/5xx status too', async () => {
    const fake = fakeFetch(() => json({ code: 40100, message: 'Too frequent', data: null }, 429));
    const error = await caught(
      clientFor(fake.fetch).call({ method: 'GET', path: 'x/', data: z.unknown() }),
    );
    expect(error).toMatchObject({ kind: 'rate_limited', platformCode: '40100' });
  });

  it('a 503 without an envelope is unavailable and honours Retry-After', async () => {
    const fake = fakeFetch(
      () => new Response('<html>busy</html>', { status: 503, headers: { 'retry-after': '7' } }),
    );
    const error = await caught(
      clientFor(fake.fetch).call({ method: 'GET', path: 'x/', data: z.unknown() }),
    );
    expect(error).toMatchObject({ kind: 'unavailable', platformCode: 'http_503', retryable: true });
    expect(error?.extra.retryAfterMs).toBe(7000);
  });

  it('a success envelope whose data does not match is unexpected, naming the field', async () => {
    const fake = fakeFetch(() => json({ code: 0, message: 'OK', data: { n: 'one' } }));
    const error = await caught(
      clientFor(fake.fetch).call({ method: 'GET', path: 'x/', data: z.object({ n: z.number() }) }),
    );
    expect(error).toMatchObject({ kind: 'unexpected', platformCode: 'bad_response' });
    expect(error?.message).toContain('n:');
  });

  it('collectPages reads page 1..total_page and stops there', async () => {
    const fake = fakeFetch((url) => {
      const page = Number(url.searchParams.get('page'));
      return json({
        code: 0,
        message: 'OK',
        data: { list: [page * 10, page * 10 + 1], page_info: { page, total_page: 3 } },
      });
    });
    const client = clientFor(fake.fetch);
    const all = await collectPages((page) =>
      client.call({ method: 'GET', path: 'l/', query: { page }, data: pagedData(z.number()) }),
    );
    expect(all).toEqual([10, 11, 20, 21, 30, 31]);
    expect(fake.seen).toHaveLength(3);
  });

  it('collectPages reads the expected pages side by side, then any beyond, and drops pages past the end', async () => {
    for (const [expected, totalPages, calls] of [
      [3, 3, 3],
      [2, 3, 3],
      [4, 3, 4],
    ] as const) {
      let inFlight = 0;
      let most = 0;
      const fake = fakeFetch((url) => {
        const page = Number(url.searchParams.get('page'));
        return json({
          code: 0,
          message: 'OK',
          data: {
            list: page <= totalPages ? [page] : [],
            page_info: { page, total_page: totalPages },
          },
        });
      });
      const client = clientFor(async (url, init) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return fake.fetch(url, init);
      });
      const all = await collectPages(
        (page) =>
          client.call({ method: 'GET', path: 'l/', query: { page }, data: pagedData(z.number()) }),
        { expectedPages: expected },
      );
      expect(all).toEqual([1, 2, 3]);
      expect(fake.seen).toHaveLength(calls);
      // The expected pages leave together: one round trip, not page 1 and then the rest.
      expect(most).toBe(expected);
    }
  });

  it('collectPages retries a failed page alone, not the whole list', async () => {
    const failures = new Set([2]);
    const fake = fakeFetch((url) => {
      const page = Number(url.searchParams.get('page'));
      if (failures.delete(page)) return json({ code: 51060, message: 'BC service error' });
      return json({
        code: 0,
        message: 'OK',
        data: { list: [page], page_info: { page, total_page: 3 } },
      });
    });
    const client = clientFor(fake.fetch);
    const retry = async <T>(read: () => Promise<T>): Promise<T> => {
      try {
        return await read();
      } catch {
        return read();
      }
    };
    const all = await collectPages(
      (page) =>
        client.call({ method: 'GET', path: 'l/', query: { page }, data: pagedData(z.number()) }),
      { retry },
    );
    expect(all).toEqual([1, 2, 3]);
    const pages = fake.seen.map((s) => s.url.searchParams.get('page'));
    expect(pages.sort()).toEqual(['1', '2', '2', '3']);
  });
});

describe('sharing identical reads in flight', () => {
  const ok = () => json({ code: 0, message: 'OK', request_id: 'r', data: { n: 1 } });
  const slowFetch = () => {
    const seen: URL[] = [];
    const fetch: FetchLike = async (url) => {
      seen.push(url);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return ok();
    };
    return { fetch, seen };
  };
  const read = (shareInFlight: boolean, token = 't1') => ({
    method: 'GET' as const,
    path: 'bc/asset/admin/get/',
    token,
    query: { bc_id: '1' },
    data: z.object({ n: z.number() }),
    shareInFlight,
  });

  it('merges identical GETs marked shareInFlight into one call while it is in flight', async () => {
    const { fetch, seen } = slowFetch();
    const client = clientFor(fetch);
    const answers = await Promise.all([client.call(read(true)), client.call(read(true))]);
    expect(answers).toEqual([{ n: 1 }, { n: 1 }]);
    expect(seen).toHaveLength(1);
  });

  it('never merges a read that must see its own write, another token, or a write', async () => {
    const { fetch, seen } = slowFetch();
    const client = clientFor(fetch);
    const write = { ...read(true), method: 'POST' as const, body: { x: 1 } };
    await Promise.all([
      client.call(read(true)),
      client.call(read(false)),
      client.call(read(true, 't2')),
      client.call(write),
      client.call(write),
    ]);
    expect(seen).toHaveLength(5);
  });
});
