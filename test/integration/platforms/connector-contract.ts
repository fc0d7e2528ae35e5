// The shared connector contract: every platform's connector, run against its sandbox over loopback
// HTTP, must pass these cases (STYLE.md 13). A platform supplies a fixture; its own quirks get
// their own test files beside it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../../../src/platforms/errors.ts';
import type { AgencyIdentity, AssetRef, Platform } from '../../../src/platforms/types.ts';

export interface ConnectorContractFixture {
  readonly platform: Platform;
  readonly redirectUri: string;
  /** A fresh authorization code from the client admin consenting to everything. */
  authorizeClient(): Promise<string>;
  /** The agency's identity on the platform (its business and token). */
  agency(): Promise<AgencyIdentity>;
  /** An asset the client admin can grant through the API, and the level to ask for. */
  readonly apiAsset: { readonly asset: AssetRef; readonly level: string };
  /** Does by hand what the agency side must do before a grant is live (TikTok: accept). */
  acceptPending(): Promise<void>;
  /** Remote grant writes the sandbox has seen, to prove a retry never grants twice. */
  grantWriteCount(): Promise<number>;
  /** 'throttle': the sandbox's rate limit is hit; 'transient': every call fails transiently. */
  setFaults(faults: 'throttle' | 'transient' | 'none'): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Expects a promise to reject with a PlatformError and returns it for further checks. */
export async function expectPlatformError(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

/** Registers the shared contract cases for one platform. */
export function describeConnectorContract(
  name: string,
  start: () => Promise<ConnectorContractFixture>,
): void {
  describe(`connector contract: ${name}`, () => {
    let f: ConnectorContractFixture;
    beforeAll(async () => {
      f = await start();
    });
    afterAll(async () => f.close());
    beforeEach(async () => f.reset());

    const clientToken = async () =>
      (
        await f.platform.exchangeCode({
          code: await f.authorizeClient(),
          redirectUri: f.redirectUri,
        })
      ).accessToken;

    it('builds an authorization URL carrying state and redirect_uri, with PKCE iff supported', () => {
      const url = f.platform.authorizationUrl({
        state: 'state-123',
        redirectUri: f.redirectUri,
        codeChallenge: 'challenge-abc',
        scopes: f.platform.manifest.oauth!.scopes,
      });
      expect(url.searchParams.get('state')).toBe('state-123');
      expect(url.searchParams.get('redirect_uri')).toBe(f.redirectUri);
      const pkce = f.platform.manifest.oauth!.pkce;
      expect(url.searchParams.get('code_challenge')).toBe(pkce ? 'challenge-abc' : null);
    });

    it('exchanges a code once; a replayed or made-up code is PlatformError auth', async () => {
      const code = await f.authorizeClient();
      const tokens = await f.platform.exchangeCode({ code, redirectUri: f.redirectUri });
      expect(tokens.accessToken).not.toBe('');
      const replay = await expectPlatformError(
        f.platform.exchangeCode({ code, redirectUri: f.redirectUri }),
      );
      expect(replay.kind).toBe('auth');
      const bogus = await expectPlatformError(
        f.platform.exchangeCode({ code: 'not-a-code', redirectUri: f.redirectUri }),
      );
      expect(bogus.kind).toBe('auth');
    });

    it('lists the API-grantable asset for the client admin, not blocked', async () => {
      const listing = await f.platform.listClientAssets(await clientToken());
      const asset = listing.assets.find(
        (a) => a.type === f.apiAsset.asset.type && a.id === f.apiAsset.asset.id,
      );
      expect(asset).toBeDefined();
      expect(asset?.blocked).toBeUndefined();
      expect(listing.businesses.some((b) => b.isAdmin)).toBe(true);
    });

    it('grants once: a second grant finds the share and makes no second write', async () => {
      const input = { clientToken: await clientToken(), agency: await f.agency(), ...f.apiAsset };
      const first = await f.platform.grantAccess(input);
      expect(['granted', 'pending_acceptance']).toContain(first.kind);
      const second = await f.platform.grantAccess(input);
      expect(second.kind).toBe(first.kind === 'granted' ? 'already_granted' : 'pending_acceptance');
      expect(await f.grantWriteCount()).toBe(1);
      await f.acceptPending();
      expect(await f.platform.readAccess(input)).toEqual({
        kind: 'holds',
        level: f.apiAsset.level,
      });
      expect(await f.platform.grantAccess(input)).toEqual({
        kind: 'already_granted',
        level: f.apiAsset.level,
      });
      expect(await f.grantWriteCount()).toBe(1);
    });

    it('revokes one granted asset, then reads it as lost; a second revoke is not_present', async () => {
      const input = { clientToken: await clientToken(), agency: await f.agency(), ...f.apiAsset };
      await f.platform.grantAccess(input);
      await f.acceptPending();
      expect(await f.platform.revokeAccess(input)).toEqual({ kind: 'revoked' });
      expect(await f.platform.readAccess(input)).toEqual({ kind: 'lost' });
      expect(await f.platform.revokeAccess(input)).toEqual({ kind: 'not_present' });
    });

    it('a token the platform does not know is PlatformError auth, not retryable', async () => {
      const error = await expectPlatformError(f.platform.listClientAssets('no-such-token'));
      expect(error.kind).toBe('auth');
      expect(error.retryable).toBe(false);
    });

    it('throttling is PlatformError rate_limited, retryable, with a wait', async () => {
      const token = await clientToken();
      await f.setFaults('throttle');
      const error = await expectPlatformError(f.platform.listClientAssets(token));
      expect(error.kind).toBe('rate_limited');
      expect(error.retryable).toBe(true);
      expect(error.extra.retryAfterMs).toBeGreaterThan(0);
      await f.setFaults('none');
    });

    it('a transient platform error is PlatformError unavailable and retryable', async () => {
      const token = await clientToken();
      await f.setFaults('transient');
      const error = await expectPlatformError(f.platform.listClientAssets(token));
      expect(error.kind).toBe('unavailable');
      expect(error.retryable).toBe(true);
      await f.setFaults('none');
    });
  });
}
