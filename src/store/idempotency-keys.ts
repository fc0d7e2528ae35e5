/**
 * Stored Idempotency-Key answers (24 h). A row without a status is a request still running; once
 * it answers, the status, content type and body are kept so a retry gets the same answer.
 */
import type { Executor } from './audit.ts';
import type { IdempotencyKeyRow } from './schema.ts';

export interface IdempotencyClaim {
  readonly scope: string;
  readonly key: string;
  readonly route: string;
  readonly bodyHash: string;
}

/**
 * Claims a key for a new request. Returns `claimed`, or the existing row when the key is taken
 * (expired rows are cleared first, so an old key can be used again).
 */
export async function claimIdempotencyKey(
  db: Executor,
  claim: IdempotencyClaim,
  now: Date,
  ttlMs: number,
): Promise<{ kind: 'claimed' } | { kind: 'taken'; row: IdempotencyKeyRow }> {
  await db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).execute();
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      scope: claim.scope,
      key: claim.key,
      route: claim.route,
      body_hash: claim.bodyHash,
      created_at: now,
      expires_at: new Date(now.getTime() + ttlMs),
    })
    .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { kind: 'claimed' };
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .executeTakeFirst();
  // The row expired and was removed between the two statements: claim again.
  if (!row) return claimIdempotencyKey(db, claim, now, ttlMs);
  return { kind: 'taken', row };
}

/** Stores the first answer for a claimed key. */
export async function completeIdempotencyKey(
  db: Executor,
  claim: Pick<IdempotencyClaim, 'scope' | 'key'>,
  answer: { statusCode: number; contentType: string | null; body: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({
      status_code: answer.statusCode,
      content_type: answer.contentType,
      response_body: answer.body,
    })
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .execute();
}

/** Releases a claimed key that got no storable answer (5xx, 429, aborted), so it can be retried. */
export async function releaseIdempotencyKey(
  db: Executor,
  claim: Pick<IdempotencyClaim, 'scope' | 'key'>,
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', claim.scope)
    .where('key', '=', claim.key)
    .where('status_code', 'is', null)
    .execute();
}
