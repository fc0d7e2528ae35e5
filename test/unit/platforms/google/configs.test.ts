// googleConnectorConfigs: real Google hosts, or every URL at the sandbox root.
import { describe, expect, it } from 'vitest';
import { googleConnectorConfigs } from '../../../../src/platforms/google/configs.ts';

describe('googleConnectorConfigs', () => {
  const base = { clientId: 'c', clientSecret: 's', developerToken: 'd' };

  it('points everything at the sandbox root when given', () => {
    const c = googleConnectorConfigs({ ...base, sandboxUrl: 'http://127.0.0.1:4010/' });
    expect(c.google_ads.baseUrls).toEqual({
      accounts: 'http://127.0.0.1:4010',
      oauth2: 'http://127.0.0.1:4010',
      openid: 'http://127.0.0.1:4010',
      ads: 'http://127.0.0.1:4010',
    });
    expect(c.ga4.rootUrl).toBe('http://127.0.0.1:4010');
    expect(c.gtm.baseUrls.oauth2).toBe('http://127.0.0.1:4010');
  });

  it('uses Google’s hosts otherwise', () => {
    const c = googleConnectorConfigs(base);
    expect(c.google_ads.baseUrls.ads).toBe('https://googleads.googleapis.com');
    expect(c.ga4.rootUrl).toBe('https://analyticsadmin.googleapis.com/');
    expect(c.gtm.baseUrls.accounts).toBe('https://accounts.google.com');
    expect(c.google_ads.developerToken).toBe('d');
  });
});
