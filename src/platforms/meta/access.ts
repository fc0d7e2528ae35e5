/**
 * Partner access on one asset (meta-api.md §3): read `/{asset}/agencies` first, share with
 * `POST /{asset}/agencies` (business + permitted_tasks), revoke with `DELETE /{asset}/agencies`.
 * Page writes use the Page's own token (§3.2). Instagram and personal ad accounts are manual.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type {
  AccessReading,
  AgencyIdentity,
  AssetRef,
  GrantOutcome,
  RevokeOutcome,
} from '../types.ts';
import type { MetaDeps } from './deps.ts';
import { levelOf, tasksFor } from './manifest.ts';
import { instagramStep, personalAdAccountStep } from './manual-steps.ts';

const AgencyRowSchema = z.object({
  id: z.string(),
  permitted_tasks: z.array(z.string()).optional(),
  access_status: z.string().optional(),
});
type AgencyRow = z.output<typeof AgencyRowSchema>;
const SuccessSchema = z.object({ success: z.boolean() });
const IG_LEVEL = 'partner';

const KNOWN_TYPES = new Set(['ad_account', 'page', 'pixel', 'catalog', 'instagram_account']);

function checkType(asset: AssetRef): void {
  if (!KNOWN_TYPES.has(asset.type)) {
    throw new PlatformError('invalid', `Unknown Meta asset type ${asset.type}`, 'bad_type');
  }
}

/** The agency's row on the asset's partner list, read with `token`; undefined when absent. */
async function findRow(
  deps: MetaDeps,
  token: string,
  asset: AssetRef,
  businessId: string,
): Promise<AgencyRow | undefined> {
  const fields =
    asset.type === 'instagram_account' ? 'id,name' : 'id,name,permitted_tasks,access_status';
  const rows = await deps.graph.getAll(
    `${asset.id}/agencies`,
    token,
    { fields, limit: 100 },
    AgencyRowSchema,
  );
  return rows.find((r) => r.id === businessId);
}

function readingOf(asset: AssetRef, row: AgencyRow | undefined): AccessReading {
  if (row === undefined) return { kind: 'lost' };
  const level =
    asset.type === 'instagram_account'
      ? IG_LEVEL
      : (levelOf(asset.type, row.permitted_tasks ?? []) ?? 'custom');
  return row.access_status === 'PENDING' ? { kind: 'pending', level } : { kind: 'holds', level };
}

/** The token that may write on the asset: a Page needs its Page token (read through the person). */
async function writeToken(deps: MetaDeps, token: string, asset: AssetRef): Promise<string> {
  if (asset.type !== 'page') return token;
  const page = await deps.graph.get(
    asset.id,
    token,
    { fields: 'id,access_token' },
    z.object({ access_token: z.string().optional() }),
  );
  if (page.access_token === undefined) {
    throw new PlatformError(
      'permission',
      'No Page token: the person has no task on this Page',
      'no_page_token',
    );
  }
  return page.access_token;
}

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

/**
 * What the agency holds, read with the agency's own token. An asset the agency can no longer see
 * (Graph 100/33, or a 200 permissions error) reads as lost.
 */
export async function readMetaAccess(
  deps: MetaDeps,
  input: { agency: AgencyIdentity; asset: AssetRef },
): Promise<AccessReading> {
  checkType(input.asset);
  try {
    return readingOf(
      input.asset,
      await findRow(deps, input.agency.accessToken, input.asset, input.agency.businessId),
    );
  } catch (error) {
    if (isGone(error)) return { kind: 'lost' };
    throw error;
  }
}

/** Removes the agency from the asset's partners (client token when given, else the agency's). */
export async function revokeMetaAccess(
  deps: MetaDeps,
  input: { agency: AgencyIdentity; clientToken?: string; asset: AssetRef },
): Promise<RevokeOutcome> {
  const { asset, agency } = input;
  checkType(asset);
  const token = input.clientToken ?? agency.accessToken;
  let row: AgencyRow | undefined;
  try {
    row = await findRow(deps, token, asset, agency.businessId);
  } catch (error) {
    if (isGone(error)) return { kind: 'not_present' };
    throw error;
  }
  if (row === undefined) return { kind: 'not_present' };
  if (asset.type === 'instagram_account') {
    throw new PlatformError(
      'invalid',
      'Instagram partner access is removed by hand in Business Settings (no API)',
      'manual_only',
    );
  }
  const write = await writeToken(deps, token, asset);
  await deps.graph.delete(
    `${asset.id}/agencies`,
    write,
    { business: agency.businessId },
    SuccessSchema,
  );
  return { kind: 'revoked' };
}

function isGone(error: unknown): boolean {
  return (
    error instanceof PlatformError &&
    (error.kind === 'not_found' || (error.kind === 'permission' && error.platformCode === '200'))
  );
}
