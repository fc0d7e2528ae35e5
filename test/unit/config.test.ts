import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.dataDir).toMatch(/data$/);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.tiktok).toBeUndefined();
  });

  it('names the variable that holds a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'not a url' })).toThrow(/PUBLIC_URL/);
  });

  it('requires the TikTok app id and secret together', () => {
    expect(() => loadConfig({ TIKTOK_APP_ID: 'abc' })).toThrow(/TIKTOK_APP_SECRET/);
    expect(loadConfig({ TIKTOK_APP_ID: 'a', TIKTOK_APP_SECRET: 'b' }).tiktok).toEqual({
      appId: 'a',
      appSecret: 'b',
    });
  });

  it('requires each platform credential set together', () => {
    expect(() => loadConfig({ META_APP_ID: '1' })).toThrow(/META_APP_SECRET/);
    expect(() => loadConfig({ GOOGLE_CLIENT_ID: 'a', GOOGLE_CLIENT_SECRET: 'b' })).toThrow(
      /GOOGLE_ADS_DEVELOPER_TOKEN/,
    );
    expect(() => loadConfig({ META_GRAPH_VERSION: '25' })).toThrow(/META_GRAPH_VERSION/);
    const real = loadConfig({
      META_APP_ID: '1',
      META_APP_SECRET: 's',
      META_GRAPH_VERSION: 'v24.0',
    });
    expect(real.meta).toEqual({ appId: '1', appSecret: 's', graphVersion: 'v24.0' });
    expect(loadConfig({}).google).toBeUndefined();
  });

  it('strips a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://access.example.com/' }).publicUrl).toBe(
      'https://access.example.com',
    );
  });
});
