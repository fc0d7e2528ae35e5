/**
 * Accepting an invitation (public, rate-limited): POST /api/v1/invitations/lookup shows whom the
 * link invites; POST /api/v1/invitations/accept creates the member and signs them in. The token
 * travels in the body (it sits in the page's URL fragment), never in a request URL.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hashToken } from '../../lib/tokens.ts';
import { findAgency } from '../../store/agencies.ts';
import { withAudit } from '../../store/audit.ts';
import { findOpenInvitationByToken, markInvitationAccepted } from '../../store/invitations.ts';
import { findUserByEmail, insertUser, reactivateUser } from '../../store/users.ts';
import { hashPassword } from '../auth/password.ts';
import { AppError } from '../errors.ts';
import type { Workspace } from '../workspace.ts';
import { PasswordSchema, setSessionCookie } from './auth-routes.ts';
import {
  AgencySummarySchema,
  RoleSchema,
  UserSchema,
  presentAgencySummary,
  presentUser,
} from './presenters.ts';

const TokenSchema = z.string().min(16).max(200);
const invalid = () => new AppError('not_found', 'This invitation is invalid, used or expired');
const tags = ['accounts'];

/** Creates the invitation-acceptance routes plugin. */
export function createInvitationRoutes(workspace: Workspace): FastifyPluginAsync {
  const { db } = workspace;
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        new AppError('rate_limited', `Too many attempts; retry in ${context.after}`),
    });
    const config = {
      rateLimit: { max: workspace.signInLimit.max, timeWindow: workspace.signInLimit.windowMs },
    };

    app.post(
      '/api/v1/invitations/lookup',
      {
        config,
        schema: {
          tags,
          summary: 'Whom an invitation link invites',
          body: z.object({ token: TokenSchema }).strict(),
          response: {
            200: z.object({ agencyName: z.string(), email: z.string(), role: RoleSchema }),
          },
        },
      },
      async (request) => {
        const invitation = await findOpenInvitationByToken(
          db,
          hashToken(request.body.token),
          workspace.now(),
        );
        const agency = invitation ? await findAgency(db, invitation.agencyId) : undefined;
        if (!invitation || !agency) throw invalid();
        return { agencyName: agency.name, email: invitation.email, role: invitation.role };
      },
    );

    app.post(
      '/api/v1/invitations/accept',
      {
        config,
        schema: {
          tags,
          summary: 'Accept an invitation: creates the member and signs them in',
          body: z
            .object({
              token: TokenSchema,
              name: z.string().trim().min(1).max(120),
              password: PasswordSchema,
            })
            .strict(),
          response: { 201: z.object({ user: UserSchema, agency: AgencySummarySchema }) },
        },
      },
      async (request, reply) => {
        const passwordHash = await hashPassword(request.body.password);
        const now = workspace.now();
        const { user, token } = await withAudit(db, async (tx) => {
          const invitation = await findOpenInvitationByToken(
            tx,
            hashToken(request.body.token),
            now,
          );
          if (!invitation || !(await markInvitationAccepted(tx, invitation.id, now))) {
            throw invalid();
          }
          const existing = await findUserByEmail(tx, invitation.email);
          if (existing && (existing.agencyId !== invitation.agencyId || !existing.disabledAt)) {
            throw new AppError('conflict', 'This email already has a Latchkey account');
          }
          const details = { name: request.body.name, role: invitation.role, passwordHash };
          const member = existing
            ? await reactivateUser(tx, invitation.agencyId, existing.id, details)
            : await insertUser(tx, {
                ...details,
                agencyId: invitation.agencyId,
                email: invitation.email,
              });
          const sessionToken = await workspace.sessions.start(member, tx);
          return {
            result: { user: member, token: sessionToken },
            audit: {
              agencyId: invitation.agencyId,
              actor: { kind: 'user', id: member.id },
              action: 'invitation.accepted',
              target: { kind: 'invitation', id: invitation.id },
              data: { userId: member.id, role: member.role },
            },
          };
        });
        const agency = await findAgency(db, user.agencyId);
        if (!agency) throw invalid();
        setSessionCookie(reply, token, workspace.sessions.timeouts.absoluteMs);
        return reply
          .status(201)
          .send({ user: presentUser(user), agency: presentAgencySummary(agency) });
      },
    );
  };
}
