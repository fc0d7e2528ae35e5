// The Graph client with an injected fetch: where the token, proof and parameters go (S7), and the
// dialog URL the connector builds.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createGraphClient } from '../../../../src/platforms/meta/api.ts';
import { createMetaConnector } from '../../../../src/platforms/meta/connector.ts';

function recorder(body: unknown) {
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  const fetch = async (url: URL, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status: 200 });
  };
  return { calls, fetch };
}

const options = (fetch: (url: URL, init: RequestInit) => Promise<Response>) => ({
  graphBaseUrl: 'https://graph.example/',
  version: 'v25.0',
  appId: '1',
  appSecret: 'secret',
  fetch,
  timeoutMs: 1000,
  defaultRetryAfterMs: 1000,
});

describe('graph client', () => {
  it('GET: token in the Authorization header, appsecret_proof and params in the query', async () => {
    const r = recorder({ id: '5' });
    await createGraphClient(options(r.fetch)).get(
      'me',
      'TOKEN',
      { fields: 'id' },
      z.object({ id: z.string() }),
    );
    const { url, init } = r.calls[0]!;
    expect(url.toString()).toBe(
      `https://graph.example/v25.0/me?fields=id&appsecret_proof=${createHmac('sha256', 'secret').update('TOKEN').digest('hex')}`,
    );
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer TOKEN');
    expect(url.toString()).not.toContain('TOKEN');
  });

  it('POST/DELETE: everything in a JSON body, lists JSON-encoded, nothing in the query', async () => {
    const r = recorder({ success: true });
    const client = createGraphClient(options(r.fetch));
    await client.post(
      'act_1/agencies',
      'TOKEN',
      { business: '9', permitted_tasks: ['ANALYZE'] },
      z.object({ success: z.boolean() }),
    );
    await client.delete(
      'act_1/agencies',
      'TOKEN',
      { business: '9' },
      z.object({ success: z.boolean() }),
    );
    for (const { url, init } of r.calls) {
      expect(url.search).toBe('');
      const body = JSON.parse(init.body as string) as Record<string, string>;
      expect(body.business).toBe('9');
      expect(body.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(JSON.parse(r.calls[0]!.init.body as string).permitted_tasks).toBe('["ANALYZE"]');
    expect(r.calls[1]!.init.method).toBe('DELETE');
  });

  it('the dialog URL is versioned and carries client_id, redirect_uri, state, scope; no PKCE', () => {
    const platform = createMetaConnector({
      baseUrls: { auth: 'https://www.example', graph: 'https://graph.example' },
      appId: '77',
      appSecret: 's',
      graphVersion: 'v26.0',
    });
    const url = platform.authorizationUrl({
      state: 'st',
      redirectUri: 'https://l.example/cb',
      codeChallenge: 'c',
      scopes: ['business_management', 'ads_management'],
    });
    expect(url.origin + url.pathname).toBe('https://www.example/v26.0/dialog/oauth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '77',
      redirect_uri: 'https://l.example/cb',
      state: 'st',
      response_type: 'code',
      scope: 'business_management,ads_management',
    });
  });
});
