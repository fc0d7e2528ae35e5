// The client's typed inputs for guided platforms: normalized into the asset id, or refused with
// words the client understands (docs/platforms/search-console.md, youtube.md, shopify.md).
import { describe, expect, it } from 'vitest';
import {
  GuidedInputSchema,
  normalizeSearchConsoleSite,
  normalizeYouTubeChannel,
  resolveGuidedInput,
} from '../../../../src/platforms/manual/inputs.ts';
import { guidedStep } from '../../../../src/platforms/manual/steps.ts';

describe('Search Console property', () => {
  it.each([
    ['https://www.acme-outdoor.example', 'https://www.acme-outdoor.example/'],
    ['https://www.acme-outdoor.example/blog', 'https://www.acme-outdoor.example/blog/'],
    ['http://acme-outdoor.example/', 'http://acme-outdoor.example/'],
    ['sc-domain:Acme-Outdoor.example', 'sc-domain:acme-outdoor.example'],
    ['acme-outdoor.example', 'sc-domain:acme-outdoor.example'],
    ['  acme-outdoor.example  ', 'sc-domain:acme-outdoor.example'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSearchConsoleSite(input)).toBe(expected);
  });

  it.each([
    'ftp://acme-outdoor.example/',
    'https://acme-outdoor.example/?q=1',
    'https://user:pw@acme-outdoor.example/',
    'sc-domain:not a host',
    'localhost',
    '',
  ])('refuses %j', (input) => {
    expect(normalizeSearchConsoleSite(input)).toBeNull();
  });
});

describe('YouTube channel', () => {
  it.each([
    ['@AcmeOutdoor', '@acmeoutdoor'],
    ['https://www.youtube.com/@AcmeOutdoor', '@acmeoutdoor'],
    ['youtube.com/@acme.outdoor/videos', '@acme.outdoor'],
    ['UCabcdefghijklmnopqrstuv', 'UCabcdefghijklmnopqrstuv'],
    ['https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv', 'UCabcdefghijklmnopqrstuv'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeYouTubeChannel(input)).toBe(expected);
  });

  it.each(['acme outdoor', '@a', 'https://example.com/@acme', 'UCshort'])('refuses %j', (input) => {
    expect(normalizeYouTubeChannel(input)).toBeNull();
  });
});

describe('resolveGuidedInput', () => {
  it('keeps the Shopify store and an optional 4-digit code', () => {
    expect(
      resolveGuidedInput('store_and_code', {
        kind: 'store_and_code',
        storeUrl: 'https://Acme-Outdoor.myshopify.com/admin',
        collaboratorCode: '0042',
      }),
    ).toEqual({
      assetId: 'acme-outdoor.myshopify.com',
      assetName: 'acme-outdoor.myshopify.com',
      stored: { storeUrl: 'acme-outdoor.myshopify.com', collaboratorCode: '0042' },
    });
    expect(
      resolveGuidedInput('store_and_code', {
        kind: 'store_and_code',
        storeUrl: 'acme-outdoor.myshopify.com',
      }),
    ).toMatchObject({ stored: { storeUrl: 'acme-outdoor.myshopify.com' } });
  });

  it.each([
    [{ kind: 'store_and_code', storeUrl: 'acme-outdoor.example' }, /myshopify\.com/],
    [{ kind: 'store_and_code', storeUrl: 'a.myshopify.com', collaboratorCode: '123' }, /4 digits/],
    [
      { kind: 'store_and_code', storeUrl: 'a.myshopify.com', collaboratorCode: '12345' },
      /4 digits/,
    ],
    [{ kind: 'store_and_code', storeUrl: 'a.myshopify.com', collaboratorCode: '12a4' }, /4 digits/],
  ] as const)('refuses %j', (input, message) => {
    const resolved = resolveGuidedInput('store_and_code', input);
    expect('problem' in resolved && resolved.problem).toMatch(message);
  });

  it('refuses an input of another kind, or none', () => {
    expect(resolveGuidedInput('site_url', { kind: 'channel', channel: '@acme' })).toHaveProperty(
      'problem',
    );
    expect(resolveGuidedInput('channel', undefined)).toHaveProperty('problem');
  });

  it('accepts only the known shapes, strictly', () => {
    expect(GuidedInputSchema.safeParse({ kind: 'site_url', siteUrl: 'x' }).success).toBe(true);
    expect(GuidedInputSchema.safeParse({ kind: 'site_url', siteUrl: 'x', extra: 1 }).success).toBe(
      false,
    );
    expect(GuidedInputSchema.safeParse({ kind: 'other' }).success).toBe(false);
  });
});

describe('guidedStep', () => {
  it('names the agency’s email, the property and the permission for Search Console', () => {
    const step = guidedStep({
      platform: 'search_console',
      assetId: 'sc-domain:acme-outdoor.example',
      level: 'restricted',
      agencyEmail: 'ops@agency.example',
      agencyName: 'Agency',
      stored: {},
    });
    expect(step.instructions.join('\n')).toContain('sc-domain:acme-outdoor.example');
    expect(step.instructions.join('\n')).toContain(
      'Enter ops@agency.example and choose the permission Restricted.',
    );
    expect(step.actionUrl).toBe(
      'https://search.google.com/search-console/users?resource_id=sc-domain%3Aacme-outdoor.example',
    );
  });

  it('maps YouTube levels to Studio’s roles and says no API can confirm', () => {
    const step = guidedStep({
      platform: 'youtube',
      assetId: '@acme',
      level: 'editor_limited',
      agencyEmail: 'ops@agency.example',
      agencyName: 'Agency',
      stored: {},
    });
    expect(step.instructions.join('\n')).toContain('role Editor (Limited)');
    expect(step.instructions.join('\n')).toMatch(/No YouTube API can confirm/);
  });

  it('gives Shopify the store’s admin and the code when there is one', () => {
    const step = guidedStep({
      platform: 'shopify',
      assetId: 'acme.myshopify.com',
      level: 'collaborator',
      agencyEmail: null,
      agencyName: 'Northwind',
      stored: { storeUrl: 'acme.myshopify.com', collaboratorCode: '1234' },
    });
    expect(step.actionUrl).toBe('https://acme.myshopify.com/admin/settings/account');
    expect(step.instructions.join('\n')).toContain('code is 1234');
    expect(step.title).toContain('Northwind');
  });
});
