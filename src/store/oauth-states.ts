/**
 * OAuth transactions. The `state` and the browser cookie are stored only as SHA-256 digests; a
 * transaction is bound to one platform and one onboarding (or agency user), lives 10 minutes and
 * is consumed at most once (a conditional UPDATE, so two racing callbacks cannot both win).
 */
import type { Executor } from './audit.ts';
import type { OAuthPurpose, OAuthStateRow } from './schema.ts';

/** A state is good for 10 minutes (RFC 9700 §4.7; SECURITY-RELIABILITY S2). */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

export interface OAuthTransaction {
  readonly id: string;
  readonly agencyId: string;
  readonly browserHash: string;
  readonly platform: string;
  readonly purpose: OAuthPurpose;
  readonly onboardingId: string | null;
  readonly userId: string | null;
  readonly codeVerifierCiphertext: string | null;
  readonly returnPathCiphertext: string | null;
  readonly expiresAt: Date;
  readonly consumedAt: Date | null;
}

function toTransaction(row: OAuthStateRow): OAuthTransaction {
  return {
    id: row.id,
    agencyId: row.agency_id,
    browserHash: row.browser_hash,
    platform: row.platform,
    purpose: row.purpose,
    onboardingId: row.onboarding_id,
    userId: row.user_id,
    codeVerifierCiphertext: row.code_verifier_ciphertext,
    returnPathCiphertext: row.return_path_ciphertext,
    expiresAt: row.expires_at,
    consumedAt: row.consumed_at,
  };
}

export interface NewOAuthTransaction {
  readonly id: string;
  readonly agencyId: string;
  readonly stateHash: string;
  readonly browserHash: string;
  readonly platform: string;
  readonly purpose: OAuthPurpose;
  readonly onboardingId: string | null;
  readonly userId: string | null;
  readonly codeVerifierCiphertext: string | null;
  readonly returnPathCiphertext: string | null;
  readonly expiresAt: Date;
}

/** Stores a new transaction (the id is chosen by the caller so secrets can be sealed to it). */
export async function insertOAuthState(db: Executor, input: NewOAuthTransaction): Promise<void> {
  await db
    .insertInto('oauth_states')
    .values({
      id: input.id,
      agency_id: input.agencyId,
      state_hash: input.stateHash,
      browser_hash: input.browserHash,
      platform: input.platform,
      purpose: input.purpose,
      onboarding_id: input.onboardingId,
      user_id: input.userId,
      code_verifier_ciphertext: input.codeVerifierCiphertext,
      return_path_ciphertext: input.returnPathCiphertext,
      expires_at: input.expiresAt,
    })
    .execute();
}

/** The transaction a state digest names, consumed or not. */
export async function findOAuthStateByHash(
  db: Executor,
  stateHash: string,
): Promise<OAuthTransaction | undefined> {
  const row = await db
    .selectFrom('oauth_states')
    .selectAll()
    .where('state_hash', '=', stateHash)
    .executeTakeFirst();
  return row ? toTransaction(row) : undefined;
}

/** Marks the transaction used; false when it was already used or has expired (replay, race). */
export async function consumeOAuthState(db: Executor, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('oauth_states')
    .set({ consumed_at: now, code_verifier_ciphertext: null })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Forgets the sealed return path once used (it carries the link). */
export async function clearOAuthReturnPath(db: Executor, id: string): Promise<void> {
  await db
    .updateTable('oauth_states')
    .set({ return_path_ciphertext: null })
    .where('id', '=', id)
    .execute();
}

/** Deletes transactions that expired before `before` (housekeeping). */
export async function deleteExpiredOAuthStates(db: Executor, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('oauth_states')
    .where('expires_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
