/**
 * S12: the client's tokens are deleted once no grant needs them, and where a platform can revoke
 * a token (Google's RFC 7009 endpoint, TikTok's revoke_token) it is revoked there too. One rule
 * decides which tokens stay (clientTokensToKeep: a grant waiting for acceptance that its connector
 * finishes with the client's token, Snapchat). The tokens are opened inside the caller's
 * transaction, just before their rows are deleted, and revoked after it commits (no network call
 * under the onboarding's lock); a failed revocation is logged, never retried, and never fails a
 * grant: the row is gone either way and the token expires on its own.
 */
import type { Transaction } from 'kysely';
import {
  clientTokenNoLongerNeeded,
  clientTokensToKeep,
  type GrantOnPlatform,
} from '../domain/onboarding.ts';
import { ownValue } from '../lib/own.ts';
import { PlatformError } from '../platforms/errors.ts';
import { systemActor, type AuditEvent } from '../store/audit.ts';
import { openRefreshToken } from '../store/connection-refresh.ts';
import { listGrantStatuses } from '../store/grants.ts';
import { lockOnboardingState } from '../store/onboardings.ts';
import {
  deleteOnboardingConnections,
  hasOnboardingConnections,
  openOnboardingToken,
} from '../store/platform-connections.ts';
import type { Schema } from '../store/schema.ts';
import type { Secret } from '../store/secrets.ts';
import type { GrantDeps } from './grant-deps.ts';

export type RevocationDeps = Partial<Pick<GrantDeps, 'keyring' | 'platforms' | 'logger'>>;

export interface RevocableToken {
  readonly platform: string;
  readonly token: Secret;
}

/** What deciding and deleting needs: the connectors always, the keyring to revoke. */
export type ClientTokenDeps = Pick<GrantDeps, 'platforms'> & RevocationDeps;

export interface DeletedClientTokens {
  /** `onboarding.client_token_deleted` when a token went, else nothing. */
  readonly audit: AuditEvent[];
  /** To revoke at their platforms once the transaction commits (revokeAtPlatforms). */
  readonly revocable: RevocableToken[];
}

/**
 * Deletes the onboarding's client tokens, in the caller's transaction, but those its grants still
 * need (clientTokensToKeep); the caller decides when (no grant job needs them any more, or the
 * onboarding was abandoned before approval).
 */
export async function deleteClientTokens(
  tx: Transaction<Schema>,
  deps: ClientTokenDeps,
  onboarding: { readonly id: string; readonly agencyId: string },
  grants: readonly GrantOnPlatform[],
): Promise<DeletedClientTokens> {
  const keep = clientTokensToKeep(grants, deps.platforms);
  const revocable = await openRevocableTokens(tx, deps, onboarding.id, keep);
  const deleted = await deleteOnboardingConnections(tx, onboarding.id, keep);
  const audit: AuditEvent[] =
    deleted.length > 0
      ? [
          {
            agencyId: onboarding.agencyId,
            actor: systemActor,
            action: 'onboarding.client_token_deleted',
            target: { kind: 'onboarding', id: onboarding.id },
            data: { platforms: deleted },
          },
        ]
      : [];
  return { audit, revocable };
}

/**
 * After a grant of the onboarding ended another way than settling (an offboarding revoked it):
 * the tokens the onboarding still holds go once no grant job needs them, by the same rule.
 */
export async function releaseClientTokens(
  tx: Transaction<Schema>,
  deps: ClientTokenDeps,
  onboardingId: string,
): Promise<DeletedClientTokens> {
  const none = { audit: [], revocable: [] };
  // Most onboardings gave their tokens up long ago: one indexed read, and no lock, for those.
  if (!(await hasOnboardingConnections(tx, onboardingId))) return none;
  const onboarding = await lockOnboardingState(tx, onboardingId);
  if (!onboarding) return none;
  const grants = await listGrantStatuses(tx, onboardingId);
  if (!clientTokenNoLongerNeeded(grants.map((grant) => grant.status))) return none;
  return deleteClientTokens(tx, deps, onboarding, grants);
}

/** Opens the onboarding's tokens, but those in `keep`, on platforms whose connector can revoke. */
async function openRevocableTokens(
  tx: Transaction<Schema>,
  deps: RevocationDeps,
  onboardingId: string,
  keep: ReadonlySet<string>,
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
    if (keep.has(platform) || !ownValue(platforms, platform)?.revokeToken) continue;
    const opened = await openOnboardingToken(tx, keyring, onboardingId, platform);
    // The refresh token where there is one: it outlives the access token (an expired access token
    // cannot be revoked), and revoking it ends the whole grant (RFC 7009 §2.1, Google).
    if (opened)
      out.push({ platform, token: openRefreshToken(keyring, opened.row) ?? opened.accessToken });
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
