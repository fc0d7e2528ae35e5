/**
 * The whole flow on the real server (every role, sandbox mode; PGlite in a fresh data folder or a
 * fresh PostgreSQL database, by vitest project), as people take it, over HTTP: the setup link,
 * the owner, an API key, an invited member, a webhook endpoint, the agency's TikTok, two clients,
 * a request emailed to the first one, its consent through the sandbox's OAuth, approval and
 * grants, drift found by a sweep, the re-request made from the alert, an unopened request to the
 * second client with its reminders, and every email and webhook delivered.
 *
 * It records every secret the flow used (setup token, passwords, session tokens, API key,
 * invitation token, link secrets, webhook secret, and the OAuth tokens and codes as the sandbox
 * issued them, captured at the fetch boundary) for the secrets-at-rest and erasure tests, and
 * returns the links written into emails and webhooks for the link-following test.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { runReminderSweep } from '../../src/jobs/sweep-reminders.ts';
import { reminderPolicyFromHours } from '../../src/store/link-reminders.ts';
import { generateKeyEntry, parseKeyring } from '../../src/store/secrets.ts';
import type { TestAgency } from './agency.ts';
import {
  connectAgencyBusinessCenter,
  grantThroughLink,
  sandboxApi,
  sandboxUserToken,
} from './e2e-tiktok.ts';
import { ADVERTISERS, BCS } from './onboarding.ts';
import { waitFor } from './queue.ts';
import { CONTROL_TOKEN } from './sandbox-control.ts';
import { startTestRuntime, type TestRuntime } from './runtime.ts';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

export interface FlowClient {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface WholeFlow {
  readonly started: TestRuntime;
  readonly url: string;
  readonly receiver: WebhookReceiver;
  readonly keyEntry: string;
  /** Every secret the flow used, labelled. */
  readonly secrets: { readonly label: string; readonly value: string }[];
  readonly owner: { readonly cookie: string; readonly headers: Record<string, string> };
  readonly apiKey: { readonly headers: Record<string, string> };
  /** Links Latchkey wrote into API answers (request links, the invitation, the setup link). */
  readonly apiLinks: readonly string[];
  /** Acme Outdoor (granted, drifted, re-requested) and Birch & Co (an unopened link). */
  readonly clients: readonly [FlowClient, FlowClient];
  stop(): Promise<void>;
}

const OWNER = { name: 'Olive Owner', email: 'olive@northwind-media.example' };
const PASSWORD = 'flow password for the owner';
const MEMBER_PASSWORD = 'flow password for the member';

/** Captures token-endpoint answers (access and refresh tokens, as issued) at the fetch boundary. */
function captureIssuedTokens(secrets: WholeFlow['secrets']): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (/token/i.test(url)) {
      const text = await response
        .clone()
        .text()
        .catch(() => '');
      for (const match of text.matchAll(/"(access_token|refresh_token)"\s*:\s*"([^"]+)"/g)) {
        if (match[2]) secrets.push({ label: `issued ${match[1]}`, value: match[2] });
      }
    }
    return response;
  };
  return () => {
    globalThis.fetch = original;
  };
}

/** Pulls the `name=value` cookie out of a response's Set-Cookie headers. */
function cookieOf(response: Response, name: string): string {
  const found = response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return (found ?? '').split(';')[0] ?? '';
}

/** Runs the whole flow; see the file comment. */
export async function runWholeFlow(): Promise<WholeFlow> {
  const secrets: WholeFlow['secrets'] = [];
  const apiLinks: string[] = [];
  const keyEntry = generateKeyEntry('flow');
  const restoreFetch = captureIssuedTokens(secrets);
  const started = await startTestRuntime({
    role: 'all',
    env: {
      LATCHKEY_SECRET_KEYS: keyEntry,
      LATCHKEY_SANDBOX_CONTROL: 'on',
      LATCHKEY_SANDBOX_CONTROL_TOKEN: CONTROL_TOKEN,
    },
  });
  const receiver = await startWebhookReceiver();
  const url = started.runtime.url ?? '';
  const stop = async () => {
    restoreFetch();
    await receiver.close();
    await started.stop();
  };
  try {
    const json = (
      method: string,
      pathname: string,
      headers: Record<string, string>,
      body?: unknown,
    ) =>
      fetch(`${url}${pathname}`, {
        method,
        headers: {
          origin: url,
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'manual',
      });

    // The setup link makes the agency and its owner.
    const setupLink = await waitFor(() => started.setupLinks[0], { timeoutMs: 10_000 });
    apiLinks.push(setupLink);
    const setupToken = new URL(setupLink).hash.replace('#token=', '');
    secrets.push({ label: 'setup token', value: setupToken });
    const setup = await json(
      'POST',
      '/api/v1/setup',
      {},
      {
        token: setupToken,
        agencyName: 'Northwind Media',
        name: OWNER.name,
        email: OWNER.email,
        password: PASSWORD,
      },
    );
    expect(setup.status).toBe(201);
    secrets.push({ label: 'owner password', value: PASSWORD });
    const cookie = cookieOf(setup, '__Host-latchkey_session');
    secrets.push({ label: 'owner session', value: cookie.split('=')[1] ?? '' });
    const owner = { cookie, headers: { cookie } };

    const keyAnswer = await json('POST', '/api/v1/api-keys', owner.headers, {
      name: 'flow',
      scope: 'write',
    });
    expect(keyAnswer.status).toBe(201);
    const key = ((await keyAnswer.json()) as { key: string }).key;
    secrets.push({ label: 'API key', value: key });
    secrets.push({ label: 'API key secret', value: key.split('.')[1] ?? '' });
    const apiKey = { headers: { authorization: `Bearer ${key}` } };

    // An invited member accepts and signs in.
    const invited = await json('POST', '/api/v1/team/invitations', owner.headers, {
      email: 'milo@northwind-media.example',
      role: 'member',
    });
    expect(invited.status).toBe(201);
    const acceptUrl = ((await invited.json()) as { acceptUrl: string }).acceptUrl;
    apiLinks.push(acceptUrl);
    const inviteToken = new URL(acceptUrl).hash.replace('#token=', '');
    secrets.push({ label: 'invitation token', value: inviteToken });
    const accepted = await json(
      'POST',
      '/api/v1/invitations/accept',
      {},
      {
        token: inviteToken,
        name: 'Milo Member',
        password: MEMBER_PASSWORD,
      },
    );
    expect(accepted.status).toBe(201);
    secrets.push({ label: 'member password', value: MEMBER_PASSWORD });
    secrets.push({
      label: 'member session',
      value: cookieOf(accepted, '__Host-latchkey_session').split('=')[1] ?? '',
    });

    const hook = await json('POST', '/api/v1/webhooks', apiKey.headers, {
      url: receiver.url,
      eventTypes: ['request.completed', 'grant.granted', 'grant.drifted', 'grant.failed'],
    });
    expect(hook.status).toBe(201);
    secrets.push({
      label: 'webhook secret',
      value: ((await hook.json()) as { secret: string }).secret,
    });

    const live = {
      url,
      agency: { sessionCookie: cookie } as unknown as TestAgency,
      tiktokSandbox: started.runtime.sandboxes.tiktok ?? '',
    };
    await connectAgencyBusinessCenter(live);

    const clients: FlowClient[] = [];
    for (const client of [
      { name: 'Acme Outdoor', email: 'dana@acme-outdoor.example' },
      { name: 'Birch & Co', email: 'bea@birch-co.example' },
    ]) {
      const made = await json('POST', '/api/v1/clients', apiKey.headers, client);
      expect(made.status).toBe(201);
      clients.push({
        ...client,
        id: ((await made.json()) as { client: { id: string } }).client.id,
      });
    }
    const [acme, birch] = clients as [FlowClient, FlowClient];

    const request = async (client: FlowClient, accessEndsAt?: Date) => {
      const made = await json('POST', '/api/v1/requests', apiKey.headers, {
        clientId: client.id,
        clientEmail: client.email,
        items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'OPERATOR' }],
        ...(accessEndsAt ? { accessEndsAt: accessEndsAt.toISOString() } : {}),
      });
      expect(made.status).toBe(201);
      const link = ((await made.json()) as { link: { url: string } }).link.url;
      apiLinks.push(link);
      secrets.push({ label: `link of ${client.name}`, value: link.split('/l/')[1] ?? '' });
      secrets.push({ label: `link secret of ${client.name}`, value: link.split('.').pop() ?? '' });
      return link;
    };
    const acmeLink = await request(acme, new Date(Date.now() + 3 * 86_400_000));
    // A client's browser retrying a POST sends an Idempotency-Key; its record must not keep the link.
    const retried = await fetch(
      `${url}/api/v1/onboarding/${acmeLink.split('/l/')[1] ?? ''}/oauth/tiktok/start`,
      { method: 'POST', headers: { 'idempotency-key': 'flow-start-1' } },
    );
    expect(retried.status).toBe(200);
    const granted = await grantThroughLink(live, acmeLink, [ADVERTISERS.us, ADVERTISERS.eu]);
    expect(granted.map((g) => g.status)).toEqual(['granted', 'granted']);

    // The client removes the agency; a sweep finds the drift; the alert's re-request is sent.
    const dana = await sandboxUserToken(live, '7100000000000000001');
    await sandboxApi(live, dana, 'POST', 'bc/partner/delete/', {
      bc_id: BCS.acme,
      partner_id: BCS.northwind,
    });
    const sweep = await json('POST', '/api/v1/verifications', owner.headers, { wait: true });
    expect(sweep.status).toBe(200);
    const alerts = (await (await json('GET', '/api/v1/drift-alerts', owner.headers)).json()) as {
      alerts: { id: string }[];
    };
    expect(alerts.alerts).toHaveLength(1);
    const rerequest = await json(
      'POST',
      `/api/v1/drift-alerts/${alerts.alerts[0]?.id ?? ''}/rerequest`,
      owner.headers,
    );
    expect(rerequest.status).toBe(201);
    const again = ((await rerequest.json()) as { link: { url: string } }).link.url;
    apiLinks.push(again);
    secrets.push({ label: 're-request link', value: again.split('/l/')[1] ?? '' });

    // Birch never opens its link: the reminders go out. Acme's access ends in 3 days, so the
    // agency is reminded of the end date.
    await request(birch);
    await started.runtime.queue.boss.send('lifecycle.expire-requests', {});
    const reminders = await runReminderSweep({
      database: started.runtime.database,
      keyring: parseKeyring(keyEntry),
      reminderPolicy: reminderPolicyFromHours({ firstAfterHours: 48, everyHours: 72, max: 3 }),
      clock: () => new Date(Date.now() + 49 * 3_600_000),
    });
    expect(reminders).toBeGreaterThan(0);

    // Every email sent and every webhook delivered.
    const db = started.runtime.database.db;
    await waitFor(
      async () =>
        (await db
          .selectFrom('email_outbox')
          .select('id')
          .where('kind', '=', 'access_end_reminder')
          .executeTakeFirst()) ?? undefined,
      { timeoutMs: 30_000 },
    );
    await waitFor(
      async () => {
        const open = await db
          .selectFrom('email_outbox')
          .select('id')
          .where('status', '!=', 'sent')
          .execute();
        const hooks = await db
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('status', '!=', 'succeeded')
          .execute();
        return open.length === 0 && hooks.length === 0 ? true : undefined;
      },
      { timeoutMs: 60_000 },
    );
    return {
      started,
      url,
      receiver,
      keyEntry,
      secrets: secrets.filter((s) => s.value.length >= 8),
      owner,
      apiKey,
      apiLinks,
      clients: [acme, birch],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The emails the server wrote to its mail folder (no SMTP configured), as raw .eml text. */
export async function sentEmails(dataDir: string): Promise<string[]> {
  const folder = path.join(dataDir, 'mail');
  const names = await readdir(folder).catch(() => [] as string[]);
  return Promise.all(names.map((name) => readFile(path.join(folder, name), 'utf8')));
}
