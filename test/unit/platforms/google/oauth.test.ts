// The Google authorization URL: PKCE S256 (never plain), state, offline access, minimal scopes.
import { describe, expect, it } from 'vitest';
import { createGa4Connector } from '../../../../src/platforms/ga4/connector.ts';
import {
  GOOGLE_ADS_BASE_URLS,
  createGoogleAdsConnector,
} from '../../../../src/platforms/google-ads/connector.ts';

describe('Google authorization URL', () => {
  const ads = createGoogleAdsConnector({
    baseUrls: GOOGLE_ADS_BASE_URLS,
    clientId: 'cid',
    clientSecret: 'SECRET-XYZ',
    developerToken: 'd',
  });

  it('carries state, redirect_uri, S256 challenge and offline access; never the secret', () => {
    const url = ads.authorizationUrl({
      state: 'st',
      redirectUri: 'https://app.example/oauth/callback/google_ads',
      codeChallenge: 'c'.repeat(43),
      scopes: ads.manifest.oauth!.scopes,
    });
    expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cid',
      redirect_uri: 'https://app.example/oauth/callback/google_ads',
      response_type: 'code',
      scope: 'https://www.googleapis.com/auth/adwords openid email',
      state: 'st',
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
    });
    expect(url.toString()).not.toContain('SECRET-XYZ');
  });

  it('asks GA4 only for the scopes its manifest lists', () => {
    const ga4 = createGa4Connector({
      baseUrls: GOOGLE_ADS_BASE_URLS,
      rootUrl: 'https://analyticsadmin.googleapis.com/',
      clientId: 'cid',
      clientSecret: 's',
    });
    const url = ga4.authorizationUrl({
      state: 's',
      redirectUri: 'https://x/cb',
      scopes: ga4.manifest.oauth!.scopes,
    });
    expect(url.searchParams.get('scope')).toBe(
      'https://www.googleapis.com/auth/analytics.manage.users https://www.googleapis.com/auth/analytics.readonly openid email',
    );
    expect(url.searchParams.get('code_challenge_method')).toBeNull();
  });
});
