/**
 * The fallback (microsoft-ads-api.md §4): the client, a Super Admin, invites a person of the
 * agency by email with a role (Viewer or Standard user); that person accepts from Microsoft's
 * email, by hand. Latchkey sees the result when the agency's connection reads its own roles.
 */
import { z } from 'zod';
import { PlatformError } from '../errors.ts';
import type { AccessReading, AgencyIdentity, AssetRef, GrantOutcome } from '../types.ts';
import { msCall, type MsApiDeps } from './api.ts';
import { msId } from './links.ts';
import { INVITATION_ROLES } from './manifest.ts';
import { InvitationAnswer, UserAnswer } from './wire.ts';

const LEVEL_OF_ROLE: Readonly<Record<number, string>> = {
  100: 'viewer',
  203: 'standard',
  41: 'standard',
};

/** The agency person's own role over the account, read with the agency's token. */
export async function readUserRole(
  deps: MsApiDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AccessReading> {
  const me = await msCall(
    deps,
    agency.accessToken,
    'POST',
    'User/Query',
    { UserId: null },
    UserAnswer,
  );
  const role = (me.CustomerRoles ?? []).find(
    (r) =>
      (asset.ownerId === undefined || r.CustomerId === asset.ownerId) &&
      (r.AccountIds == null ? r.CustomerId === asset.ownerId : r.AccountIds.includes(asset.id)),
  );
  const level = role === undefined ? undefined : LEVEL_OF_ROLE[role.RoleId];
  return level === undefined ? { kind: 'lost' } : { kind: 'holds', level };
}

/** Invites the agency's signed-in person to the account with the level's role. */
export async function inviteAgencyUser(
  deps: MsApiDeps,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  const roleId = INVITATION_ROLES[input.level];
  if (roleId === undefined)
    throw new PlatformError('invalid', `Unknown level ${input.level}`, 'bad_level');
  if (input.asset.ownerId === undefined)
    throw new PlatformError('invalid', 'The account has no customer id', 'bad_asset');
  const customerId = msId(input.asset.ownerId, 'customer');
  const accountId = msId(input.asset.id, 'account');
  const held = await readUserRole(deps, input.agency, input.asset);
  if (held.kind === 'holds') return { kind: 'already_granted', level: held.level };
  const me = await msCall(
    deps,
    input.agency.accessToken,
    'POST',
    'User/Query',
    { UserId: null },
    UserAnswer,
  );
  const email = me.User.ContactInfo?.Email ?? me.User.UserName;
  if (!email) throw new PlatformError('unexpected', 'The agency user has no email', 'bad_response');
  // A retry must not send a second email: look for a pending invitation first.
  const pending = await msCall(
    deps,
    input.clientToken,
    'POST',
    'UserInvitations/Search',
    { Predicates: [{ Field: 'CustomerId', Operator: 'Equals', Value: customerId }] },
    z.object({ UserInvitations: z.array(z.object({ Email: z.string() })).nullish() }),
  );
  const already = (pending.UserInvitations ?? []).some(
    (i) => i.Email.toLowerCase() === email.toLowerCase(),
  );
  if (!already)
    await msCall(
      deps,
      input.clientToken,
      'POST',
      'UserInvitation/Send',
      {
        UserInvitation: {
          FirstName: me.User.Name?.FirstName ?? 'Agency',
          LastName: me.User.Name?.LastName ?? 'User',
          Email: email,
          CustomerId: customerId,
          RoleId: roleId,
          AccountIds: [accountId],
          Lcid: 'EnglishUS',
        },
      },
      InvitationAnswer,
    );
  return {
    kind: 'needs_manual_step',
    step: {
      title: 'Accept the Microsoft Advertising invitation',
      instructions: [
        `Microsoft has emailed an invitation to ${email}.`,
        'That person opens the email, selects the link and signs in with that Microsoft account.',
        'The invitation expires after 30 days; the client can resend it from Microsoft Advertising (Settings > Users).',
      ],
    },
  };
}
