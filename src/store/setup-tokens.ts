/** The one-time setup link's token: stored hashed, single use, expiring. */
import type { Executor } from './audit.ts';

/** Stores a new setup token hash and retires every earlier unused one. */
export async function replaceSetupToken(
  db: Executor,
  tokenHash: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
  await db
    .insertInto('setup_tokens')
    .values({ token_hash: tokenHash, created_at: now, expires_at: expiresAt })
    .execute();
}

/** Marks the token used; true only for an unused, unexpired token (so it works once). */
export async function consumeSetupToken(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('setup_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('token_hash')
    .executeTakeFirst();
  return row !== undefined;
}
