// The X Ads connector against the X sandbox: connect (OAuth 1.0a), the agency's @handle as its
// identity, the guided grant's step, verification that holds once the client adds the @handle in
// ads manager, a manual removal read as lost, revoke guidance, and errors mapped to PlatformError.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../../src/platforms/errors.ts';
import { resolveGuidedInput } from '../../../../src/platforms/manual/inputs.ts';
import { guidedStep } from '../../../../src/platforms/manual/steps.ts';
import { levelOf } from '../../../../src/platforms/x-ads/connector.ts';
import { IDS } from '../../../../src/platforms/x-ads/sandbox/index.ts';
import { startHarness, type XHarness } from './harness.ts';

let h: XHarness;
let agencyToken: string;
beforeEach(async () => {
  h = await startHarness();
  agencyToken = await h.connect(IDS.agencyUser);
});
afterEach(async () => h.close());

const asset = { type: 'x_ads_account', id: IDS.account };
const agency = () => ({ businessId: 'northwind_ads', accessToken: agencyToken });
const read = () => h.connector.readAccess({ agency: agency(), asset });
const accessPage = `/ads/${IDS.account}/access`;

describe('X Ads connector', () => {
  it('connects with OAuth 1.0a and names the agency by its @handle', async () => {
    expect(JSON.parse(agencyToken)).toMatchObject({
      userId: IDS.agencyUser,
      handle: 'northwind_ads',
    });
    expect(await h.connector.listAgencyBusinesses!(agencyToken)).toEqual([
      { id: 'northwind_ads', name: '@northwind_ads', isAdmin: true },
    ]);
    // OAuth 1.0a has no plain authorization URL: sign-in starts with a request token.
    expect(() =>
      h.connector.authorizationUrl({ state: 's', redirectUri: 'https://x.example', scopes: [] }),
    ).toThrow(PlatformError);
  });

  it('grants by a guided step naming the @handle, the access level and the account', async () => {
    const outcome = await h.connector.grantAccess({
      clientToken: '',
      agency: agency(),
      asset,
      level: 'ad_manager',
    });
    expect(outcome.kind).toBe('needs_manual_step');
    if (outcome.kind !== 'needs_manual_step') return;
    const words = outcome.step.instructions.join(' ');
    expect(outcome.step.title).toContain('@northwind_ads');
    expect(outcome.step.title).toContain(IDS.account);
    expect(words).toContain('Edit access to account');
    expect(words).toContain('Ad manager');
    expect(outcome.step.actionUrl).toBe('https://ads.x.com/');
    // The approval builds the same step; without an X connection it says whose username to ask.
    const noHandle = guidedStep({
      platform: 'x_ads',
      assetId: IDS.account,
      level: 'account_admin',
      agencyEmail: null,
      agencyName: 'Northwind',
      stored: {},
    });
    expect(noHandle.instructions.join(' ')).toContain('Account administrator');
    expect(noHandle.title).toContain('your agency’s X username');
  });

  it('verifies: lost before the step, holds at the level given, lost after a manual removal', async () => {
    expect(await read()).toEqual({ kind: 'lost' });
    const client = await h.signIn(IDS.clientUser);
    await h.form(`${accessPage}/add`, client, {
      handle: '@northwind_ads',
      permission: 'AD_MANAGER',
    });
    expect(await read()).toEqual({ kind: 'holds', level: 'ad_manager' });
    await h.form(`${accessPage}/add`, client, {
      handle: 'northwind_ads',
      permission: 'ACCOUNT_ADMIN',
    });
    expect(await read()).toEqual({ kind: 'holds', level: 'account_admin' });
    await h.form(`${accessPage}/remove`, client, { user_id: IDS.agencyUser });
    expect(await read()).toEqual({ kind: 'lost' });
    // An account that does not exist reads as lost too (404).
    expect(
      await h.connector.readAccess({ agency: agency(), asset: { ...asset, id: 'zz9999' } }),
    ).toEqual({ kind: 'lost' });
  });

  it('gives revoke guidance instead of removing', async () => {
    await expect(h.connector.revokeAccess({ agency: agency(), asset })).rejects.toMatchObject({
      kind: 'invalid',
      platformCode: 'manual_revoke',
      message: expect.stringContaining('Edit access to account') as string,
    });
  });

  it('maps a revoked token to auth, a 503 to unavailable and a 429 to rate_limited', async () => {
    await h.control('PUT', 'faults', { failNext: 1 });
    await expect(read()).rejects.toMatchObject({ kind: 'unavailable', retryable: true });
    await h.control('PUT', 'faults', { rateLimit: { requests: 1, perMs: 60_000 } });
    await read();
    const limited = await read().catch((e: unknown) => e);
    expect(limited).toMatchObject({ kind: 'rate_limited', platformCode: 'TOO_MANY_REQUESTS' });
    const wait = (limited as PlatformError).extra.retryAfterMs ?? 0;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(61_000);
    await h.control('PUT', 'faults', {});
    await h.control('POST', 'reset');
    await expect(read()).rejects.toMatchObject({ kind: 'auth' });
    // A stored token not of the packed shape is an auth error (reconnect), not a crash.
    await expect(
      h.connector.readAccess({ agency: { businessId: 'x', accessToken: 'garbage' }, asset }),
    ).rejects.toMatchObject({ kind: 'auth', platformCode: 'bad_token' });
  });

  it('reads the highest access level among X permissions', () => {
    expect(levelOf(['ANALYST', 'CAMPAIGN_ANALYST'])).toBe('campaign_analyst');
    expect(levelOf(['CREATIVE_MANAGER', 'TWEET_COMPOSER'])).toBe('creative_manager');
    expect(levelOf(['TWEET_COMPOSER', 'PARTNER_AUDIENCE_MANAGER'])).toBeNull();
    expect(levelOf([])).toBeNull();
  });

  it('checks the ads account id the client types', () => {
    expect(
      resolveGuidedInput('ads_account_id', { kind: 'ads_account_id', accountId: ' 18CE54D4X5T ' }),
    ).toEqual({
      assetId: '18ce54d4x5t',
      assetName: '18ce54d4x5t',
      stored: { accountId: '18ce54d4x5t' },
    });
    for (const bad of [
      'ab',
      'a'.repeat(21),
      '18ce54d4x5t/../x',
      'abc\u0000def',
      'https://ads.x.com/x',
    ])
      expect(
        resolveGuidedInput('ads_account_id', { kind: 'ads_account_id', accountId: bad }),
      ).toHaveProperty('problem');
    expect(resolveGuidedInput('ads_account_id', { kind: 'site_url', siteUrl: 'x' })).toHaveProperty(
      'problem',
    );
  });
});
