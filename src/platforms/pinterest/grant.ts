/**
 * Granting business access (pinterest-api.md §3-§4), read before every write:
 * 1. the agency already holds the asset at the level or above → already_granted;
 * 2. the agency is already the client's partner → `PATCH /businesses/{client}/partners/assets`;
 * 3. otherwise the client's connection invites the agency as a partner (a pending invite of an
 *    earlier attempt is reused), attaches the asset's permissions to the invite, and the agency's
 *    own connection accepts it (`PATCH /businesses/invites`);
 * then the access is read back from the client's side.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { AgencyIdentity, AssetRef, GrantOutcome } from '../types.ts';
import type { PinterestDeps } from './deps.ts';
import {
  levelOf,
  pinterestPermissionsByLevel,
  rankOf,
  type PinterestAssetType,
} from './manifest.ts';
import { ownerOf, permissionsFromOwner } from './partner-access.ts';

const ExceptionSchema = z
  .object({
    code: z.number().nullish(),
    message: z.string().nullish(),
    invite_or_request_id: z.string().nullish(),
  })
  .nullish();
const InviteItems = z.object({
  items: z.array(
    z.object({ invite: z.object({ id: z.string() }).nullish(), exception: ExceptionSchema }),
  ),
});
const PartnerSchema = z.object({ id: z.string() });
const InviteSchema = z.object({
  id: z.string(),
  is_received_invite: z.boolean().nullish(),
  user: z.object({ id: z.string().nullish() }).nullish(),
  invite_data: z.object({ invite_type: z.string().nullish() }).nullish(),
});

/** Sandbox business-rule codes the connector reacts to (pinterest-api.md §7). */
const PARTNER_EXISTS = 4301;
const INVITE_NOT_PENDING = 4302;
const INVITE_PENDING = 4307;

const WAITING =
  'The agency must accept the partner invitation in Pinterest Business Access (Business settings, Partners).';

/** Grants the agency's business the level on the asset, idempotently. */
export async function grantPinterestAccess(
  deps: PinterestDeps,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  const { clientToken, agency, asset, level } = input;
  const owner = ownerOf(asset);
  const wanted = pinterestPermissionsByLevel[asset.type as PinterestAssetType][level];
  if (wanted === undefined)
    throw new PlatformError('invalid', `No level ${level} for ${asset.type}`, 'bad_level');
  const before = await permissionsFromOwner(deps, clientToken, owner, asset.id, agency.businessId);
  const heldLevel = before === undefined ? undefined : levelOf(asset.type, before);
  if (heldLevel !== undefined && rankOf(asset.type, heldLevel) >= rankOf(asset.type, level))
    return { kind: 'already_granted', level: heldLevel };

  if (await isPartner(deps, clientToken, owner, agency.businessId)) {
    await shareWithPartner(deps, clientToken, owner, agency.businessId, asset.id, wanted);
  } else {
    const inviteId = await inviteAgency(deps, clientToken, owner, agency.businessId);
    if (inviteId === 'partner') {
      await shareWithPartner(deps, clientToken, owner, agency.businessId, asset.id, wanted);
    } else {
      await attachAsset(deps, clientToken, owner, inviteId, asset.id, wanted);
      if (!(await acceptInvite(deps, agency.accessToken, inviteId)))
        return { kind: 'pending_acceptance', detail: WAITING };
    }
  }
  const after = await permissionsFromOwner(deps, clientToken, owner, asset.id, agency.businessId);
  const afterLevel = after === undefined ? undefined : levelOf(asset.type, after);
  if (afterLevel === undefined)
    throw new PlatformError(
      'unexpected',
      'Pinterest accepted the access but the agency is not listed on the asset',
      'not_visible',
    );
  return { kind: 'granted', level: afterLevel };
}

async function isPartner(deps: PinterestDeps, token: string, owner: string, agencyId: string) {
  const rows = await deps.api.getAll(
    `businesses/${owner}/partners`,
    token,
    { partner_type: 'INTERNAL', partner_ids: agencyId },
    PartnerSchema,
  );
  return rows.some((r) => r.id === agencyId);
}

async function shareWithPartner(
  deps: PinterestDeps,
  token: string,
  owner: string,
  agencyId: string,
  assetId: string,
  permissions: readonly string[],
) {
  await deps.api.call(
    'PATCH',
    `businesses/${owner}/partners/assets`,
    token,
    { body: { accesses: [{ partner_id: agencyId, asset_id: assetId, permissions }] } },
    z.object({ items: z.array(z.unknown()) }),
  );
}

/** The id of a pending partner invite to the agency (reused or new), or `partner` if one exists. */
async function inviteAgency(
  deps: PinterestDeps,
  token: string,
  owner: string,
  agencyId: string,
): Promise<string> {
  const pending = await deps.api.getAll(
    `businesses/${owner}/invites`,
    token,
    { is_member: false, invite_status: 'PENDING', invite_type: 'PARTNER_INVITE' },
    InviteSchema,
  );
  const mine = pending.find((i) => i.is_received_invite !== true && i.user?.id === agencyId);
  if (mine) return mine.id;
  const created = await deps.api.call(
    'POST',
    `businesses/${owner}/invites`,
    token,
    { body: { invite_type: 'PARTNER_INVITE', business_role: 'PARTNER', partners: [agencyId] } },
    InviteItems,
  );
  const item = created.items[0];
  if (item?.invite) return item.invite.id;
  if (item?.exception?.code === PARTNER_EXISTS) return 'partner';
  if (item?.exception?.code === INVITE_PENDING && item.exception.invite_or_request_id)
    return item.exception.invite_or_request_id;
  throw exceptionError(item?.exception, 'invite the agency as a partner');
}

async function attachAsset(
  deps: PinterestDeps,
  token: string,
  owner: string,
  inviteId: string,
  assetId: string,
  permissions: readonly string[],
) {
  const answer = await deps.api.call(
    'POST',
    `businesses/${owner}/invites/assets/access`,
    token,
    {
      body: {
        invites: [
          {
            invite_id: inviteId,
            invite_type: 'PARTNER_INVITE',
            asset_id_to_permissions: { [assetId]: permissions },
          },
        ],
      },
    },
    InviteItems,
  );
  const item = answer.items[0];
  if (item?.exception) throw exceptionError(item.exception, 'add the asset to the invite');
}

/** Accepts with the agency's token; false when the agency's connection may not (a person must). */
async function acceptInvite(deps: PinterestDeps, agencyToken: string, inviteId: string) {
  const answer = await deps.api.call(
    'PATCH',
    'businesses/invites',
    agencyToken,
    { body: { invites: [{ invite_id: inviteId, action: { accept_invite: true } }] } },
    InviteItems,
  );
  const exception = answer.items[0]?.exception;
  if (!exception) return true;
  // Accepted by an earlier attempt: the read-back decides.
  if (exception.code === INVITE_NOT_PENDING) return true;
  return false;
}

function exceptionError(exception: z.output<typeof ExceptionSchema>, what: string): PlatformError {
  return new PlatformError(
    'conflict',
    `Pinterest could not ${what}: ${exception?.message ?? 'no answer'}`,
    String(exception?.code ?? 'no_item'),
  );
}
