/**
 * Reading a Meta asset's partner list (`GET /{asset}/agencies`, meta-api.md §3) and the token a
 * write needs (a Page's own token, §3.2): shared by grant, read and revoke.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { AccessReading, AssetRef } from '../types.ts';
import type { MetaDeps } from './deps.ts';
import { levelOf } from './levels.ts';

const AgencyRowSchema = z.object({
  id: z.string(),
  permitted_tasks: z.array(z.string()).optional(),
  access_status: z.string().optional(),
});
export type AgencyRow = z.output<typeof AgencyRowSchema>;
export const SuccessSchema = z.object({ success: z.boolean() });
export const IG_LEVEL = 'partner';

const KNOWN_TYPES = new Set(['ad_account', 'page', 'pixel', 'catalog', 'instagram_account']);

/** Throws PlatformError `invalid` for a type this connector does not know. */
export function checkType(asset: AssetRef): void {
  if (!KNOWN_TYPES.has(asset.type)) {
    throw new PlatformError('invalid', `Unknown Meta asset type ${asset.type}`, 'bad_type');
  }
}

/** The agency's row on the asset's partner list, read with `token`; undefined when absent. */
export async function findRow(
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

/** The agency's row read as our access reading (Instagram rows carry no tasks). */
export function readingOf(asset: AssetRef, row: AgencyRow | undefined): AccessReading {
  if (row === undefined) return { kind: 'lost' };
  const level =
    asset.type === 'instagram_account'
      ? IG_LEVEL
      : (levelOf(asset.type, row.permitted_tasks ?? []) ?? 'custom');
  return row.access_status === 'PENDING' ? { kind: 'pending', level } : { kind: 'holds', level };
}

/** The token that may write on the asset: a Page needs its Page token (read through the person). */
export async function writeToken(deps: MetaDeps, token: string, asset: AssetRef): Promise<string> {
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
