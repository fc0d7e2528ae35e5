/**
 * Guided grants' own data: what the client typed for the step (one row per grant, scoped by
 * agency, read back through zod), and the sweep's bookkeeping for grants no API can re-check.
 */
import { z } from 'zod';
import type { Executor } from './audit.ts';

/** A stored input: short strings only (site URL, channel, store URL, collaborator code). */
const StoredInputSchema = z.record(z.string().max(40), z.string().max(300));
export type StoredGuidedInput = z.infer<typeof StoredInputSchema>;

/** Stores the inputs of new guided grants (an existing row is kept: approval is idempotent). */
export async function insertGrantInputs(
  db: Executor,
  rows: readonly {
    grantId: string;
    agencyId: string;
    platform: string;
    input: StoredGuidedInput;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('grant_inputs')
    .values(
      rows.map((r) => ({
        grant_id: r.grantId,
        agency_id: r.agencyId,
        platform: r.platform,
        input: JSON.stringify(StoredInputSchema.parse(r.input)),
      })),
    )
    .onConflict((oc) => oc.column('grant_id').doNothing())
    .execute();
}

/** The inputs of some of one agency's grants, by grant id (rows that fail the schema are left out). */
export async function listGrantInputs(
  db: Executor,
  agencyId: string,
  grantIds: readonly string[],
): Promise<Map<string, StoredGuidedInput>> {
  if (grantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('grant_inputs')
    .select(['grant_id', 'input'])
    .where('agency_id', '=', agencyId)
    .where('grant_id', 'in', [...grantIds])
    .execute();
  const found = new Map<string, StoredGuidedInput>();
  for (const row of rows) {
    const parsed = StoredInputSchema.safeParse(row.input);
    if (parsed.success) found.set(row.grant_id, parsed.data);
  }
  return found;
}

/**
 * Moves an awaiting grant that no API can re-check to the back of the sweep's queue (only its
 * `updated_at`), so it never crowds out grants that can be read back.
 */
export async function deferGrantRecheck(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .updateTable('grants')
    .set({ updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['pending_acceptance', 'needs_manual_step'])
    .execute();
}
