/**
 * "Not you?" on the consent page of each sandbox a one-link request can cover, over HTTP as a
 * browser does it: someone else is signed in at the platform (the agency's person, on a shared
 * computer); the client follows `switch-account`, picks itself on the sign-in page and lands back
 * on the very consent page it left, now signed in as itself.
 */
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinkedInSandbox } from '../../../src/platforms/linkedin/sandbox/index.ts';
import { createMetaSandbox } from '../../../src/platforms/meta/sandbox/index.ts';
import { createMicrosoftAdsSandbox } from '../../../src/platforms/microsoft-ads/sandbox/index.ts';
import { createPinterestSandbox } from '../../../src/platforms/pinterest/sandbox/index.ts';
import { createSnapchatSandbox } from '../../../src/platforms/snapchat/sandbox/index.ts';
import { createTikTokSandbox } from '../../../src/platforms/tiktok/sandbox/index.ts';

const CALLBACK = 'https://latchkey.example/oauth/callback/x';
const secrets = { clientId: 'switch-test-client', clientSecret: 'switch-test-secret' };

interface Case {
  readonly id: string;
  readonly plugin: FastifyPluginAsync;
  /** The consent page's path and query, as Latchkey's authorization URL asks for it. */
  readonly consent: string;
  /** The sign-in buttons' test ids and the names the consent page shows. */
  readonly agency: { readonly button: string; readonly name: string };
  readonly client: { readonly button: string; readonly name: string };
}

const query = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const oauth = { client_id: secrets.clientId, redirect_uri: CALLBACK, state: 's1' };
const nora = 'Nora Lindqvist';
const dana = 'Dana Reyes';

const CASES: Case[] = [
  {
    id: 'tiktok',
    plugin: createTikTokSandbox({
      apps: [{ appId: 'switch-test-app', secret: 'switch-secret', redirectUris: [CALLBACK] }],
    }).plugin,
    consent: `/portal/auth?${query({ app_id: 'switch-test-app', redirect_uri: CALLBACK, state: 's1' })}`,
    agency: { button: 'sign-in-nora@northwind-media.example', name: nora },
    client: { button: 'sign-in-dana@acme-outdoor.example', name: dana },
  },
  {
    id: 'meta',
    plugin: createMetaSandbox({
      apps: [{ appId: '900000000000042', secret: 'switch-secret', redirectUris: [CALLBACK] }],
    }).plugin,
    consent: `/v25.0/dialog/oauth?${query({ ...oauth, client_id: '900000000000042', response_type: 'code', scope: 'ads_management' })}`,
    agency: { button: 'signin-user-100000000000010', name: nora },
    client: { button: 'signin-user-100000000000001', name: dana },
  },
  {
    id: 'linkedin',
    plugin: createLinkedInSandbox({ apps: [{ ...secrets, redirectUris: [CALLBACK] }] }).plugin,
    consent: `/oauth/v2/authorization?${query({ ...oauth, response_type: 'code', scope: 'r_ads' })}`,
    agency: { button: 'signin-member-n0raL1ndq10', name: nora },
    client: { button: 'signin-member-dAnAr3y3s01', name: dana },
  },
  {
    id: 'pinterest',
    plugin: createPinterestSandbox({ apps: [{ ...secrets, redirectUris: [CALLBACK] }] }).plugin,
    consent: `/oauth/?${query({ ...oauth, response_type: 'code', scope: 'ads:read' })}`,
    agency: { button: 'sign-in-1100000000000001', name: nora },
    client: { button: 'sign-in-1100000000000003', name: dana },
  },
  {
    id: 'microsoft_ads',
    plugin: createMicrosoftAdsSandbox({
      apps: [{ ...secrets, redirectUris: [CALLBACK] }],
      developerTokens: ['switch-dev-token'],
    }).plugin,
    consent: `/common/oauth2/v2.0/authorize?${query({ ...oauth, response_type: 'code', scope: 'https://ads.microsoft.com/msads.manage offline_access' })}`,
    agency: { button: 'signin-user-70000010', name: 'nora@northwind-media.example' },
    client: { button: 'signin-user-70000001', name: 'dana@acme-outdoor.example' },
  },
  {
    id: 'snapchat',
    plugin: createSnapchatSandbox({ apps: [{ ...secrets, redirectUris: [CALLBACK] }] }).plugin,
    consent: `/login/oauth2/authorize?${query({ ...oauth, response_type: 'code', scope: 'snapchat-marketing-api' })}`,
    agency: { button: 'signin-nora@northwind-media.example', name: nora },
    client: { button: 'signin-dana@acme-outdoor.example', name: dana },
  },
];

const servers: FastifyInstance[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Undoes the sandboxes' HTML escaping of attribute values. */
const unescape = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The form holding the button `testId` on a page: where it posts and its hidden fields. */
function formOf(html: string, testId: string): { action: string; fields: URLSearchParams } {
  const form = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].find((m) =>
    m[2]?.includes(`data-testid="${testId}"`),
  );
  if (!form) throw new Error(`no form with ${testId} in:\n${html}`);
  const fields = new URLSearchParams();
  for (const input of (form[2] ?? '').matchAll(
    /<input type="hidden" name="([^"]*)" value="([^"]*)">/g,
  ))
    fields.append(unescape(input[1] ?? ''), unescape(input[2] ?? ''));
  return { action: unescape(form[1] ?? ''), fields };
}

/** A browser with one cookie jar on one sandbox origin, following nothing by itself. */
function browserOn(origin: string) {
  let cookie = '';
  const remember = (response: Response) => {
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] ?? '';
    return response;
  };
  return {
    get: async (path: string) =>
      remember(await fetch(new URL(path, origin), { headers: { cookie }, redirect: 'manual' })),
    post: async (path: string, body: URLSearchParams) =>
      remember(
        await fetch(new URL(path, origin), {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body,
          redirect: 'manual',
        }),
      ),
  };
}

describe('switching account on a sandbox consent page', () => {
  it.each(CASES)('$id: the client leaves the agency person’s session for its own', async (c) => {
    const server = Fastify({ logger: false });
    servers.push(server);
    await server.register(c.plugin);
    const origin = await server.listen({ host: '127.0.0.1', port: 0 });
    const browser = browserOn(origin);

    // The agency person signs in through the consent page, as when it connected its account.
    const toSignIn = await browser.get(c.consent);
    expect(toSignIn.status).toBe(303);
    const signIn = await browser.get(toSignIn.headers.get('location') ?? '');
    const asAgency = formOf(await signIn.text(), c.agency.button);
    const back = await browser.post(asAgency.action, asAgency.fields);
    expect(back.headers.get('location')).toBe(c.consent);

    // Later, on the same computer, the client opens the same consent page: it names the agency.
    const shown = await browser.get(c.consent);
    expect(shown.status).toBe(200);
    const consentPage = await shown.text();
    expect(consentPage).toContain(c.agency.name);
    const link = /<a href="([^"]*)" data-testid="switch-account">/.exec(consentPage)?.[1];
    expect(link).toBeDefined();

    // "Not you?": the sign-in page, then back to the same consent page as the client.
    const chooser = await browser.get(unescape(link ?? ''));
    expect(chooser.status).toBe(200);
    const asClient = formOf(await chooser.text(), c.client.button);
    expect(asClient.fields.get('next')).toBe(c.consent);
    const returned = await browser.post(asClient.action, asClient.fields);
    expect(returned.status).toBe(303);
    expect(returned.headers.get('location')).toBe(c.consent);
    const again = await (await browser.get(c.consent)).text();
    expect(again).toContain(c.client.name);
    expect(again).not.toContain(c.agency.name);
  });
});
