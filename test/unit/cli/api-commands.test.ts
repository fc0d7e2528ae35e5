import { describe, expect, it } from 'vitest';
import { runApiCommand } from '../../../src/cli/commands/run-api-command.ts';
import type { CommandIo } from '../../../src/cli/output.ts';

interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function harness(answer: (seen: Seen) => { status: number; body: unknown }) {
  const out: string[] = [];
  const err: string[] = [];
  const seen: Seen[] = [];
  const fetchStub = (async (input: string, init?: RequestInit) => {
    const request: Seen = {
      url: input,
      method: init?.method ?? 'GET',
      headers: init?.headers as Record<string, string>,
      body: init?.body ? JSON.parse(init.body as string) : undefined,
    };
    seen.push(request);
    const { status, body } = answer(request);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const io: CommandIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { LATCHKEY_URL: 'http://latchkey.test:3000', LATCHKEY_API_KEY: 'lk_env.key' },
    fetch: fetchStub,
  };
  return { io, out, err, seen };
}

describe('latchkey API commands', () => {
  it('lists requests as a table, with the key in the header and the env URL', async () => {
    const h = harness(() => ({
      status: 200,
      body: {
        requests: [
          {
            id: 'r1',
            title: 'Ads access',
            status: 'open',
            onboardingStatus: null,
            grantCounts: { granted: 1, failed: 1 },
            linkExpiresAt: '2026-12-01T00:00:00.000Z',
            createdAt: '2026-11-29T10:00:00.000Z',
          },
        ],
      },
    }));
    expect(await runApiCommand('requests', ['list', '--status', 'open'], h.io)).toBe(0);
    expect(h.seen[0]!.url).toBe('http://latchkey.test:3000/api/v1/requests?status=open');
    expect(h.seen[0]!.headers.authorization).toBe('Bearer lk_env.key');
    expect(h.out[0]).toMatch(/^ID\s+TITLE\s+STATUS\s+CLIENT\s+GRANTS\s+CREATED/);
    expect(h.out[0]).toContain('1/2 granted');
    expect(h.out[0]).toContain('not opened');
  });

  it('creates a request from --item flags and prints JSON with --json', async () => {
    const created = {
      request: { id: 'r2', title: 'T', status: 'open', linkExpiresAt: 'x', createdAt: 'y' },
      link: { url: 'http://latchkey.test/l/a.b', expiresAt: '2026-12-01', emailedTo: null },
    };
    const h = harness(() => ({ status: 201, body: created }));
    const code = await runApiCommand(
      'requests',
      [
        'create',
        '--item',
        'tiktok:advertiser:admin',
        '--item',
        'meta:page:analyst',
        '--email',
        'c@example.test',
        '--json',
        '--url',
        'http://other.test/',
        '--api-key',
        'lk_flag.key',
        '--idempotency-key',
        'abc',
      ],
      h.io,
    );
    expect(code).toBe(0);
    expect(h.seen[0]!.url).toBe('http://other.test/api/v1/requests');
    expect(h.seen[0]!.headers.authorization).toBe('Bearer lk_flag.key');
    expect(h.seen[0]!.headers['idempotency-key']).toBe('abc');
    expect(h.seen[0]!.body).toEqual({
      items: [
        { platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'admin' },
        { platform: 'meta', assetType: 'page', permissionLevel: 'analyst' },
      ],
      clientEmail: 'c@example.test',
    });
    expect(JSON.parse(h.out[0]!)).toEqual(created);
  });

  it("prints the API's error message and exits 1", async () => {
    const h = harness(() => ({
      status: 400,
      body: {
        error: {
          code: 'invalid_body',
          message: 'Invalid body',
          details: [{ path: ['name'], message: 'Too small' }],
        },
      },
    }));
    expect(await runApiCommand('clients', ['create', '--name', 'x'], h.io)).toBe(1);
    expect(h.err.join('\n')).toBe('Error (400 invalid_body): Invalid body\n  name: Too small');
  });

  it('exits 2 on usage mistakes without calling the server', async () => {
    const h = harness(() => ({ status: 200, body: {} }));
    expect(await runApiCommand('clients', ['create'], h.io)).toBe(2);
    expect(h.err[0]).toContain('--name is required');
    expect(await runApiCommand('requests', ['create', '--item', 'tiktok'], h.io)).toBe(2);
    expect(await runApiCommand('requests', ['create'], h.io)).toBe(2);
    expect(await runApiCommand('requests', ['list', '--bogus'], h.io)).toBe(2);
    expect(await runApiCommand('requests', ['frobnicate'], h.io)).toBe(2);
    expect(
      await runApiCommand('api-keys', ['create', '--name', 'ci', '--scope', 'all'], h.io),
    ).toBe(2);
    expect(h.seen).toHaveLength(0);
  });

  it('says clearly when no key is given or the server cannot be reached', async () => {
    const h = harness(() => ({ status: 200, body: {} }));
    const io = { ...h.io, env: {} };
    expect(await runApiCommand('clients', ['list'], io)).toBe(1);
    expect(h.err[0]).toContain('No API key');
    const down = {
      ...h.io,
      fetch: (() => Promise.reject(new Error('ECONNREFUSED'))) as typeof fetch,
    };
    expect(await runApiCommand('clients', ['list'], down)).toBe(1);
    expect(h.err[1]).toContain('Cannot reach Latchkey at http://latchkey.test:3000: ECONNREFUSED');
  });
});
