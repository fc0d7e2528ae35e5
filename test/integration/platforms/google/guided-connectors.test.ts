// The guided connectors against the Google sandbox: Search Console's read-back (`sites.get` with
// the agency's token: owner counts as full, a restricted user is restricted, nothing is lost; the
// step names the agency's email) and what YouTube and Shopify honestly cannot do.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../../src/platforms/errors.ts';
import { googleConnectorConfigs } from '../../../../src/platforms/google/configs.ts';
import type { GoogleSandbox } from '../../../../src/platforms/google/sandbox/index.ts';
import { createSearchConsoleConnector } from '../../../../src/platforms/search-console/connector.ts';
import { createShopifyConnector } from '../../../../src/platforms/shopify/connector.ts';
import { createYouTubeConnector } from '../../../../src/platforms/youtube/connector.ts';
import { AGENCY, APP, G, OWNER, startSandbox, tokenFor } from './helpers.ts';
import { controlAuth } from '../../../support/sandbox-control.ts';

const SITE = 'https://www.acme-outdoor.example/';
const asset = (id: string) => ({ type: 'sc_property', id });

describe('guided connectors', () => {
  let sb: GoogleSandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(async () => sb.close());
  beforeEach(() => sb.reset());

  const connectors = () => {
    const configs = googleConnectorConfigs({
      clientId: APP.clientId,
      clientSecret: APP.clientSecret,
      developerToken: 'unused',
      sandboxUrl: sb.url,
    });
    return {
      sc: createSearchConsoleConnector(configs.search_console),
      yt: createYouTubeConnector(configs.youtube),
    };
  };
  const addUser = (email: string, permissionLevel: string, siteUrl = SITE) =>
    fetch(`${sb.url}/_control/search-console/users`, {
      method: 'POST',
      headers: { ...controlAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ siteUrl, email, permissionLevel }),
    });

  it('Search Console reads the agency’s permission through sites.get', async () => {
    const { sc } = connectors();
    const token = await tokenFor(sb.url, AGENCY, [`${G}webmasters.readonly`]);
    const agency = { businessId: AGENCY, accessToken: token };
    expect(await sc.readAccess({ agency, asset: asset(SITE) })).toEqual({ kind: 'lost' });
    expect((await addUser(AGENCY, 'SITE_RESTRICTED_USER')).status).toBe(200);
    expect(await sc.readAccess({ agency, asset: asset(SITE) })).toEqual({
      kind: 'holds',
      level: 'restricted',
    });
    await addUser(AGENCY, 'SITE_OWNER');
    expect(await sc.readAccess({ agency, asset: asset(SITE) })).toEqual({
      kind: 'holds',
      level: 'full',
    });
    // The owner's own site, read with the owner's token, is not the agency's.
    const owner = await tokenFor(sb.url, OWNER, [`${G}webmasters.readonly`]);
    expect(
      await sc.readAccess({
        agency: { businessId: OWNER, accessToken: owner },
        asset: asset('https://elsewhere.example/'),
      }),
    ).toEqual({ kind: 'lost' });
  });

  it('Search Console: the grant is the guided step; removing is a person’s job', async () => {
    const { sc } = connectors();
    const agency = { businessId: AGENCY, accessToken: 'unused' };
    const outcome = await sc.grantAccess({
      clientToken: '',
      agency,
      asset: asset(SITE),
      level: 'full',
    });
    expect(outcome.kind).toBe('needs_manual_step');
    if (outcome.kind === 'needs_manual_step')
      expect(outcome.step.instructions.join(' ')).toContain(`Enter ${AGENCY}`);
    await expect(sc.revokeAccess({ agency, asset: asset(SITE) })).rejects.toMatchObject({
      kind: 'invalid',
      platformCode: 'manual_revoke',
    });
  });

  it('YouTube names the agency’s Google account but cannot read access', async () => {
    const { yt } = connectors();
    const token = await tokenFor(sb.url, AGENCY, ['openid', 'email']);
    expect(await yt.listAgencyBusinesses?.(token)).toEqual([
      { id: AGENCY, name: AGENCY, isAdmin: true },
    ]);
    const read = yt.readAccess({
      agency: { businessId: AGENCY, accessToken: token },
      asset: { type: 'youtube_channel', id: '@acme' },
    });
    await expect(read).rejects.toBeInstanceOf(PlatformError);
    await expect(read).rejects.toMatchObject({ platformCode: 'not_readable', retryable: false });
  });

  it('Shopify calls nothing: no sign-in, no read', async () => {
    const shop = createShopifyConnector();
    expect(() =>
      shop.authorizationUrl({ state: 's', redirectUri: 'https://x/cb', scopes: [] }),
    ).toThrow(PlatformError);
    await expect(
      shop.readAccess({
        agency: { businessId: 'Northwind', accessToken: '' },
        asset: { type: 'shopify_store', id: 'acme.myshopify.com' },
      }),
    ).rejects.toMatchObject({ platformCode: 'not_readable' });
  });
});
