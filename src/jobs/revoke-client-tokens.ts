/**
 * S12 beyond deletion: where a platform can revoke a token (Google's RFC 7009 endpoint), the
 * client's token is revoked there too once no grant needs it. The tokens are opened inside the
 * settling transaction, just before their rows are deleted, and revoked after it commits (no
 * network call under the onboarding's lock); a failed revocation is logged, never retried, and
 * never fails a grant: the row is gone either way and the token expires on its own.
 */
import type { Transaction } from 'kysely';
import { PlatformError } from '../platforms/errors.ts';
import { openOnboardingToken } from '../store/platform-connections.ts';
import type { Schema } from '../store/schema.ts';
import type { Secret } from '../store/secrets.ts';
import type { GrantDeps } from './grant-deps.ts';
import { ownValue } from '../lib/own.ts';

export type RevocationDeps = Partial<Pick<GrantDeps, 'keyring' | 'platforms' | 'logger'>>;

export interface RevocableToken {
  readonly platform: string;
  readonly token: Secret;
}

/** Opens the onboarding's tokens on platforms whose connector can revoke them. */
export async function openRevocableTokens(
  tx: Transaction<Schema>,
  deps: RevocationDeps,
  onboardingId: string,
): Promise<RevocableToken[]> {
  const { keyring, platforms } = deps;
  if (!keyring || !platforms) return [];
  const rows = await tx
    .selectFrom('platform_connections')
    .select('platform')
    .where('owner_kind', '=', 'onboarding')
    .where('onboarding_id', '=', onboardingId)
    .execute();
  const out: RevocableToken[] = [];
  for (const { platform } of rows) {
    if (!ownValue(platforms, platform)?.revokeToken) continue;
    const opened = await openOnboardingToken(tx, keyring, onboardingId, platform);
    if (opened) out.push({ platform, token: opened.accessToken });
  }
  return out;
}

/** Revokes each token at its platform, best effort. */
export async function revokeAtPlatforms(
  deps: RevocationDeps,
  tokens: readonly RevocableToken[],
): Promise<void> {
  for (const { platform, token } of tokens) {
    try {
      await (deps.platforms ? ownValue(deps.platforms, platform) : undefined)?.revokeToken?.(
        token.reveal(),
      );
    } catch (error) {
      deps.logger?.warn(
        { platform, kind: error instanceof PlatformError ? error.kind : 'error' },
        'revoking the client token at the platform failed; the stored copy is deleted anyway',
      );
    }
  }
}
