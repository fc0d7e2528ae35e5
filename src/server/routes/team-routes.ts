/**
 * The team under /api/v1/team: members and open invitations (viewers read), invite by email
 * (managers and owners; the response carries the accept link, shown to the inviter once), revoke
 * an invitation, change a role, remove a member (their sessions end at once, and their API keys
 * stop working because a key acts as its creator).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { canManageRole, checkMemberChange } from '../../domain/team.ts';
import { generateToken, hashToken } from '../../lib/tokens.ts';
import { withAudit } from '../../store/audit.ts';
import {
  insertInvitation,
  listOpenInvitations,
  revokeInvitation,
  type Invitation,
} from '../../store/invitations.ts';
import { deleteUserSessions } from '../../store/sessions.ts';
import {
  countOwners,
  disableUser,
  findUser,
  listUsers,
  updateUserRole,
} from '../../store/users.ts';
import { requireActor } from '../auth/actor.ts';
import { noStore } from '../no-store.ts';
import { AppError } from '../errors.ts';
import type { Workspace } from '../workspace.ts';
import { auditActor } from './audit-actor.ts';
import { changeRowAudited } from './audited-row-change.ts';
import {
  IdParamsSchema,
  RoleSchema,
  TimestampSchema,
  UserSchema,
  presentUser,
} from './presenters.ts';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const InvitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: RoleSchema,
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
});

function presentInvitation(invitation: Invitation): z.infer<typeof InvitationSchema> {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

const tags = ['team'];

/** Creates the team routes plugin. */
export function createTeamRoutes(workspace: Workspace): FastifyPluginAsync {
  const { db } = workspace;
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/api/v1/team',
      {
        schema: {
          tags,
          summary: 'Members and open invitations',
          response: {
            200: z.object({ members: z.array(UserSchema), invitations: z.array(InvitationSchema) }),
          },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'viewer');
        const [members, invitations] = [
          await listUsers(db, actor.agencyId),
          await listOpenInvitations(db, actor.agencyId, workspace.now()),
        ];
        return {
          members: members.map(presentUser),
          invitations: invitations.map(presentInvitation),
        };
      },
    );

    app.post(
      '/api/v1/team/invitations',
      {
        schema: {
          tags,
          summary: 'Invite someone by email (returns the accept link once)',
          body: z.object({ email: z.email().max(254), role: RoleSchema }).strict(),
          response: {
            201: z.object({ invitation: InvitationSchema, acceptUrl: z.string() }),
          },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        if (!canManageRole(actor.role, request.body.role)) {
          throw new AppError('forbidden', `A ${actor.role} cannot invite a ${request.body.role}`);
        }
        const token = generateToken(32);
        const now = workspace.now();
        const invitation = await withAudit(db, async (tx) => {
          const created = await insertInvitation(tx, {
            agencyId: actor.agencyId,
            email: request.body.email,
            role: request.body.role,
            tokenHash: hashToken(token),
            invitedBy: actor.userId,
            now,
            expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
          });
          return {
            result: created,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'invitation.created',
              target: { kind: 'invitation', id: created.id },
              data: { role: created.role },
            },
          };
        });
        const acceptUrl = `${workspace.publicUrl()}/app/invite#token=${token}`;
        return noStore(reply)
          .status(201)
          .send({ invitation: presentInvitation(invitation), acceptUrl });
      },
    );

    app.delete(
      '/api/v1/team/invitations/:id',
      { schema: { tags, summary: 'Revoke an invitation', params: IdParamsSchema } },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        await changeRowAudited(
          db,
          actor,
          (tx) => revokeInvitation(tx, actor.agencyId, request.params.id, workspace.now()),
          () => new AppError('not_found', 'No such open invitation'),
          () => ({ action: 'invitation.revoked', kind: 'invitation', id: request.params.id }),
        );
        return reply.status(204).send();
      },
    );

    app.patch(
      '/api/v1/team/members/:id',
      {
        schema: {
          tags,
          summary: "Change a member's role",
          params: IdParamsSchema,
          body: z.object({ role: RoleSchema }).strict(),
          response: { 200: z.object({ member: UserSchema }) },
        },
      },
      async (request) => {
        const actor = requireActor(request, 'manager', { write: true });
        const member = await withAudit(db, async (tx) => {
          const target = await findUser(tx, actor.agencyId, request.params.id);
          if (!target || target.disabledAt) throw new AppError('not_found', 'No such member');
          const refusal = checkMemberChange({
            actorRole: actor.role,
            actorId: actor.userId,
            targetId: target.id,
            targetRole: target.role,
            newRole: request.body.role,
            owners: await countOwners(tx, actor.agencyId),
          });
          if (refusal) throw new AppError('forbidden', refusal);
          const changed = await updateUserRole(tx, actor.agencyId, target.id, request.body.role);
          if (!changed) throw new AppError('not_found', 'No such member');
          return {
            result: changed,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'user.role_changed',
              target: { kind: 'user', id: target.id },
              data: { from: target.role, to: changed.role },
            },
          };
        });
        return { member: presentUser(member) };
      },
    );

    app.delete(
      '/api/v1/team/members/:id',
      { schema: { tags, summary: 'Remove a member (their sessions end)', params: IdParamsSchema } },
      async (request, reply) => {
        const actor = requireActor(request, 'manager', { write: true });
        await withAudit(db, async (tx) => {
          const target = await findUser(tx, actor.agencyId, request.params.id);
          if (!target || target.disabledAt) throw new AppError('not_found', 'No such member');
          const refusal = checkMemberChange({
            actorRole: actor.role,
            actorId: actor.userId,
            targetId: target.id,
            targetRole: target.role,
            newRole: 'removed',
            owners: await countOwners(tx, actor.agencyId),
          });
          if (refusal) throw new AppError('forbidden', refusal);
          await disableUser(tx, actor.agencyId, target.id, workspace.now());
          const sessionsEnded = await deleteUserSessions(tx, actor.agencyId, target.id);
          return {
            result: undefined,
            audit: {
              agencyId: actor.agencyId,
              actor: auditActor(actor),
              action: 'user.removed',
              target: { kind: 'user', id: target.id },
              data: { role: target.role, sessionsEnded },
            },
          };
        });
        return reply.status(204).send();
      },
    );
  };
}
