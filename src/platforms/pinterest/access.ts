/**
 * Reading and revoking the agency's access (pinterest-api.md §3-§4). Reads use the agency's own
 * token. Revoking removes the asset access (`DELETE /businesses/{id}/partners/assets`), and when
 * it was the last asset the agency reached through that client, ends the partnership too
 * (`DELETE /businesses/{id}/partners`): offboarding leaves no partnership behind.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { AccessReading, AgencyIdentity, AssetRef, RevokeOutcome } from '../types.ts';
import type { PinterestDeps } from './deps.ts';
import { levelOf } from './manifest.ts';
import {
  assetsLeftWith,
  ownerOf,
  permissionsFromAgency,
  permissionsFromOwner,
} from './partner-access.ts';

const ReceivedInviteSchema = z.object({
  is_received_invite: z.boolean().nullish(),
  user: z.object({ id: z.string().nullish() }).nullish(),
  assets_summary: z
    .object({
      ad_accounts: z
        .array(z.object({ id: z.string().nullish(), permissions: z.array(z.string()).nullish() }))
        .nullish(),
    })
    .nullish(),
});

/** What the agency holds on the asset: holds (level), pending (an invite awaits it) or lost. */
export async function readPinterestAccess(
  deps: PinterestDeps,
  input: { agency: AgencyIdentity; asset: AssetRef },
): Promise<AccessReading> {
  const { agency, asset } = input;
  const owner = ownerOf(asset);
  const held = await permissionsFromAgency(deps, agency, owner, asset);
  const level = held === undefined ? undefined : levelOf(asset.type, held);
  if (level !== undefined) return { kind: 'holds', level };
  const invites = await deps.api.getAll(
    `businesses/${agency.businessId}/invites`,
    agency.accessToken,
    { is_member: false, invite_status: 'PENDING' },
    ReceivedInviteSchema,
  );
  for (const invite of invites) {
    if (invite.is_received_invite !== true || invite.user?.id !== owner) continue;
    const row = invite.assets_summary?.ad_accounts?.find((a) => a.id === asset.id);
    const pendingLevel = row ? levelOf(asset.type, row.permissions ?? []) : undefined;
    if (pendingLevel !== undefined) return { kind: 'pending', level: pendingLevel };
  }
  return { kind: 'lost' };
}

/**
 * Removes the agency's access to the asset: with the client's token from the owner's side
 * (INTERNAL), else with the agency's own (EXTERNAL: it gives up its access). Then ends the
 * partnership if the agency reaches nothing else of that client.
 */
export async function revokePinterestAccess(
  deps: PinterestDeps,
  input: { agency: AgencyIdentity; clientToken?: string; asset: AssetRef },
): Promise<RevokeOutcome> {
  const { agency, asset, clientToken } = input;
  const owner = ownerOf(asset);
  const held =
    clientToken === undefined
      ? await permissionsFromAgency(deps, agency, owner, asset)
      : await permissionsFromOwner(deps, clientToken, owner, asset.id, agency.businessId);
  if (held === undefined) return { kind: 'not_present' };
  const Removed = z.object({ items: z.array(z.object({ asset_id: z.string() })) });
  if (clientToken === undefined) {
    await deps.api.call(
      'DELETE',
      `businesses/${agency.businessId}/partners/assets`,
      agency.accessToken,
      { body: { accesses: [{ partner_id: owner, asset_id: asset.id, partner_type: 'EXTERNAL' }] } },
      Removed,
    );
  } else {
    await deps.api.call(
      'DELETE',
      `businesses/${owner}/partners/assets`,
      clientToken,
      {
        body: {
          accesses: [
            { partner_id: agency.businessId, asset_id: asset.id, partner_type: 'INTERNAL' },
          ],
        },
      },
      Removed,
    );
  }
  await endPartnershipIfEmpty(deps, agency, owner);
  return { kind: 'revoked' };
}

/** Ends the agency's partnership with `owner` when it reaches none of its assets any more. */
export async function endPartnershipIfEmpty(
  deps: PinterestDeps,
  agency: AgencyIdentity,
  owner: string,
): Promise<void> {
  if ((await assetsLeftWith(deps, agency, owner)) > 0) return;
  try {
    await deps.api.call(
      'DELETE',
      `businesses/${agency.businessId}/partners`,
      agency.accessToken,
      { body: { partner_ids: [owner], partner_type: 'EXTERNAL' } },
      z.object({ deleted_partners: z.array(z.string()).nullish() }),
    );
  } catch (error) {
    // Already ended (by the client, or an earlier attempt).
    if (!(error instanceof PlatformError && error.kind === 'not_found')) throw error;
  }
}
