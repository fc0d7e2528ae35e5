/**
 * Granting partner access (meta-api.md §3.1-§3.4): read first, `POST /{asset}/agencies` with the
 * level's tasks, read back. Instagram and personal ad accounts become guided manual steps.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { AgencyIdentity, AssetRef, GrantOutcome } from '../types.ts';
import {
  checkType,
  findRow,
  IG_LEVEL,
  readingOf,
  SuccessSchema,
  writeToken,
} from './agency-rows.ts';
import type { MetaDeps } from './deps.ts';
import { tasksFor } from './levels.ts';
import { instagramStep, personalAdAccountStep } from './manual-steps.ts';

/** Shares the asset with the agency at the level, idempotently (already_granted when held). */
export async function grantMetaAccess(
  deps: MetaDeps,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  const { asset, agency, clientToken } = input;
  checkType(asset);
  if (asset.type === 'instagram_account') {
    const row = await findRow(deps, clientToken, asset, agency.businessId);
    if (row) return { kind: 'already_granted', level: IG_LEVEL };
    return { kind: 'needs_manual_step', step: instagramStep(deps, agency.businessId, asset.id) };
  }
  const tasks = tasksFor(asset.type, input.level);
  if (tasks === undefined)
    throw new PlatformError('invalid', `No level ${input.level} for ${asset.type}`, 'bad_level');
  if (asset.type === 'ad_account') {
    const node = await deps.graph.get(
      asset.id,
      clientToken,
      { fields: 'id,business' },
      z.object({ business: z.object({ id: z.string() }).optional() }),
    );
    if (node.business === undefined) {
      return {
        kind: 'needs_manual_step',
        step: personalAdAccountStep(deps, agency.businessId, asset.id, tasks),
      };
    }
  }
  const existing = await findRow(deps, clientToken, asset, agency.businessId);
  if (existing && tasks.every((t) => (existing.permitted_tasks ?? []).includes(t))) {
    const held = readingOf(asset, existing);
    if (held.kind === 'pending')
      return {
        kind: 'pending_acceptance',
        detail: 'The share is waiting for approval in Business Settings.',
      };
    return { kind: 'already_granted', level: held.kind === 'holds' ? held.level : input.level };
  }
  const token = await writeToken(deps, clientToken, asset);
  try {
    await deps.graph.post(
      `${asset.id}/agencies`,
      token,
      { business: agency.businessId, permitted_tasks: tasks },
      SuccessSchema,
    );
  } catch (error) {
    // 3989: the same share landed meanwhile (another attempt); read back below decides.
    if (!(error instanceof PlatformError && error.platformCode === '3989')) throw error;
  }
  const after = readingOf(asset, await findRow(deps, clientToken, asset, agency.businessId));
  if (after.kind === 'lost')
    throw new PlatformError(
      'unexpected',
      'Graph accepted the share but the partner is not listed',
      'not_visible',
    );
  if (after.kind === 'pending')
    return {
      kind: 'pending_acceptance',
      detail: 'The share is waiting for approval in Business Settings.',
    };
  return { kind: 'granted', level: after.level };
}
