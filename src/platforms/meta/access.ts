/**
 * Reading and revoking partner access on one asset (meta-api.md §3): `GET /{asset}/agencies` with
 * the agency's token, `DELETE /{asset}/agencies` (Page writes with the Page's own token).
 */
import { PlatformError } from '../errors.ts';
import type { AccessReading, AgencyIdentity, AssetRef, RevokeOutcome } from '../types.ts';
import {
  checkType,
  findRow,
  readingOf,
  SuccessSchema,
  writeToken,
  type AgencyRow,
} from './agency-rows.ts';
import type { MetaDeps } from './deps.ts';

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

/** Whether an error means the agency can no longer see the asset (Graph 100/33, or a 200). */
export function isGone(error: unknown): boolean {
  return (
    error instanceof PlatformError &&
    (error.kind === 'not_found' || (error.kind === 'permission' && error.platformCode === '200'))
  );
}
