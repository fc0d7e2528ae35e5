// The TikTok manifest says what the contract says (tiktok-api.md, tiktok.md).
import { describe, expect, it } from 'vitest';
import {
  tiktokKeyOf,
  tiktokManifest,
  tiktokTypeOf,
} from '../../../../src/platforms/tiktok/manifest.ts';

describe('tiktokManifest', () => {
  it('grants ad accounts by API, TikTok accounts by QR code, pixels and catalogs by hand', () => {
    const methods = Object.fromEntries(tiktokManifest.assetTypes.map((t) => [t.id, t.grantMethod]));
    expect(methods).toEqual({
      advertiser: 'api',
      tiktok_account: 'qr_code',
      pixel: 'manual',
      catalog: 'manual',
    });
  });

  it("offers TikTok's own level keys", () => {
    const levels = Object.fromEntries(
      tiktokManifest.assetTypes.map((t) => [t.id, t.levels.map((l) => l.id)]),
    );
    expect(levels.advertiser).toEqual(['ANALYST', 'OPERATOR', 'ADMIN']);
    expect(levels.catalog).toEqual(['AD_PROMOTE', 'ADMIN']);
  });

  it('has no PKCE and maps type ids to BCAsset keys both ways', () => {
    expect(tiktokManifest.oauth.pkce).toBe(false);
    expect(tiktokKeyOf('advertiser')).toBe('ADVERTISER');
    expect(tiktokTypeOf('TT_ACCOUNT')).toBe('tiktok_account');
    expect(tiktokTypeOf('LEAD')).toBeUndefined();
  });
});
