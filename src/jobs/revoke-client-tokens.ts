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
  deleteConnectionsById,
  hasOnboardingConnections,
  listOnboardingConnectionRows,
  openRow,
} from '../store/platform-connections.ts';
import type { PlatformConnectionRow, Schema } from '../store/schema.ts';
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
  onboarding: OnboardingOfTokens,
  grants: readonly GrantOnPlatform[],
): Promise<DeletedClientTokens> {
  return deleteClientTokensOf(tx, deps, [{ onboarding, grants }]);
}

/** The onboarding whose tokens go (its agency names the audit event). */
export interface OnboardingOfTokens {
  readonly id: string;
  readonly agencyId: string;
}

/**
 * deleteClientTokens for several onboardings at once (a settlement that finished many clients'
 * grants): one read of their tokens and one delete, whatever their number.
 */
export async function deleteClientTokensOf(
  tx: Transaction<Schema>,
  deps: ClientTokenDeps,
  entries: readonly { onboarding: OnboardingOfTokens; grants: readonly GrantOnPlatform[] }[],
): Promise<DeletedClientTokens> {
  const keep = new Map(
    entries.map(({ onboarding, grants }) => [
      onboarding.id,
      clientTokensToKeep(grants, deps.platforms),
    ]),
  );
  const rows = await listOnboardingConnectionRows(tx, [...keep.keys()]);
  const going = rows.filter((row) => !keep.get(row.onboarding_id ?? '')?.has(row.platform));
  const revocable = revocableTokens(deps, going);
  const deleted = await deleteConnectionsById(
    tx,
    going.map((row) => row.id),
  );
  const audit: AuditEvent[] = [];
  for (const { onboarding } of entries) {
    const platforms = deleted
      .filter((d) => d.onboardingId === onboarding.id)
      .map((d) => d.platform)
      .sort();
    if (platforms.length === 0) continue;
    audit.push({
      agencyId: onboarding.agencyId,
      actor: systemActor,
      action: 'onboarding.client_token_deleted',
      target: { kind: 'onboarding', id: onboarding.id },
      data: { platforms },
    });
  }
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

/** Opens the tokens about to be deleted on platforms whose connector can revoke. */
function revocableTokens(
  deps: RevocationDeps,
  rows: readonly PlatformConnectionRow[],
): RevocableToken[] {
  const { keyring, platforms } = deps;
  if (!keyring || !platforms) return [];
  const out: RevocableToken[] = [];
  for (const row of rows) {
    if (!ownValue(platforms, row.platform)?.revokeToken) continue;
    const opened = openRow(keyring, row);
    // The refresh token where there is one: it outlives the access token (an expired access token
    // cannot be revoked), and revoking it ends the whole grant (RFC 7009 §2.1, Google).
    out.push({
      platform: row.platform,
      token: openRefreshToken(keyring, opened.row) ?? opened.accessToken,
    });
  }
  return out;
}

/**
 * Revokes each token at its platform, best effort, side by side: a settlement that finished ten
 * clients waits for one round trip, not ten (the worker that runs it takes no new job meanwhile).
 */
export async function revokeAtPlatforms(
  deps: RevocationDeps,
  tokens: readonly RevocableToken[],
): Promise<void> {
  await Promise.all(
    tokens.map(async ({ platform, token }) => {
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
    }),
  );
}
