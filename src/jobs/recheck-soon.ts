/**
 * Job: re-check a grant soon after it starts waiting for a person (the agency accepting a partner
 * invitation, the client scanning a QR code or sharing a pixel). People act within seconds or
 * minutes of the page asking them to, so the first re-checks come within seconds and then back
 * off (2, 4, 8, 16 s, then every 30 s) for about a quarter of an hour; after that the minute sweep
 * keeps checking. Without this, a grant moved on only at the next sweep: 45 to 105 s after the
 * person had done their part.
 */
import type { PgBoss } from 'pg-boss';
import { z } from 'zod';
import { awaitingStatuses } from '../domain/grant.ts';
import type { GrantDeps } from './grant-deps.ts';
import { defineJob, enqueue } from './queue.ts';
import { recheckGrant } from './recheck-grant.ts';

/** How many soon re-checks a waiting grant gets before only the minute sweep checks it. */
export const SOON_RECHECKS = 34;

/** Seconds to wait before re-check number `attempt` (0 first): 2, 4, 8, 16, then 30. */
export function recheckDelaySeconds(attempt: number): number {
  return Math.min(2 * 2 ** attempt, 30);
}

export const recheckSoonJob = defineJob({
  name: 'grants.recheck',
  payload: z.object({ grantId: z.uuid(), attempt: z.number().int().min(0) }).strict(),
  queue: { retryLimit: 0, deleteAfterSeconds: 3_600, policy: 'short' },
  concurrency: 4,
  handler: async (payload, deps: GrantDeps & { readonly boss: PgBoss }) => {
    await recheckSoon(deps, payload.grantId, payload.attempt);
  },
});

/** Queues re-check number `attempt` of a waiting grant, unless its soon re-checks are used up. */
export async function scheduleRecheck(boss: PgBoss, grantId: string, attempt = 0): Promise<void> {
  if (attempt >= SOON_RECHECKS) return;
  await enqueue(
    boss,
    recheckSoonJob,
    { grantId, attempt },
    { startAfter: recheckDelaySeconds(attempt), singletonKey: `${grantId}:${attempt}` },
  );
}

/**
 * Re-checks the grant once; while it still waits for a person, queues the next re-check. A
 * platform no API can read (YouTube, Shopify) waits for a person's word: no re-check follows.
 */
export async function recheckSoon(
  deps: GrantDeps & { readonly boss: PgBoss },
  grantId: string,
  attempt: number,
): Promise<void> {
  let after;
  try {
    after = await recheckGrant(deps, grantId);
  } catch (error) {
    // A platform hiccup costs one re-check, not the chain.
    deps.logger?.warn({ grantId, err: error }, 'soon re-check failed');
    return scheduleRecheck(deps.boss, grantId, attempt + 1);
  }
  if (!after || !awaitingStatuses.has(after.status)) return;
  if (deps.platforms[after.platform]?.manifest.verification !== 'api') return;
  await scheduleRecheck(deps.boss, grantId, attempt + 1);
}
