/**
 * Accounts: POST /api/v1/setup (the one-time link), POST /api/v1/auth/sign-in and sign-out, and
 * GET /api/v1/me. Setup is rate-limited per IP; sign-in is throttled per account and per IP in the
 * database (sign-in-throttle.ts); both answer 429 with Retry-After.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withAudit } from '../../store/audit.ts';
import { findAgency } from '../../store/agencies.ts';
import { findUser, findUserCredentials } from '../../store/users.ts';
import { requireActor } from '../auth/actor.ts';
import { decoyPasswordHash, verifyPassword } from '../auth/password.ts';
import { SESSION_COOKIE } from '../auth/session-manager.ts';
import { setUpAgency } from '../auth/setup.ts';
import {
  checkSignInAllowed,
  recordSignInFailure,
  recordSignInSuccess,
  signInKeys,
} from '../auth/sign-in-throttle.ts';
import { AppError } from '../errors.ts';
import { noStore } from '../no-store.ts';
import type { Workspace } from '../workspace.ts';
import {
  AgencySummarySchema,
  UserSchema,
  presentAgencySummary,
  presentUser,
} from './presenters.ts';

export const PasswordSchema = z.string().min(12, 'at least 12 characters').max(200);
const EmailSchema = z.email().max(254);

const SignedInSchema = z.object({ user: UserSchema, agency: AgencySummarySchema });

const SetupBodySchema = z
  .object({
    token: z.string().min(16).max(200),
    agencyName: z.string().trim().min(1).max(120),
    name: z.string().trim().min(1).max(120),
    email: EmailSchema,
    password: PasswordSchema,
  })
  .strict();

const SignInBodySchema = z
  .object({ email: EmailSchema, password: z.string().min(1).max(200) })
  .strict();

const MeSchema = SignedInSchema.extend({
  actor: z.object({ kind: z.enum(['user', 'api_key']), canWrite: z.boolean() }),
});

/** Sets the session cookie: `__Host-`, Secure, HttpOnly, SameSite=Lax, Path=/. */
export function setSessionCookie(reply: FastifyReply, token: string, maxAgeMs: number): void {
  void noStore(reply).setCookie(SESSION_COOKIE, token, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'lax',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

/** Creates the account routes plugin. */
export function createAuthRoutes(workspace: Workspace): FastifyPluginAsync {
  return async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        new AppError('rate_limited', `Too many attempts; retry in ${context.after}`),
    });
    const limited = {
      rateLimit: { max: workspace.signInLimit.max, timeWindow: workspace.signInLimit.windowMs },
    };

    app.post(
      '/api/v1/setup',
      {
        config: limited,
        schema: {
          tags: ['accounts'],
          summary: 'Create the agency and its owner from the one-time setup link',
          body: SetupBodySchema,
          response: { 201: SignedInSchema },
        },
      },
      async (request, reply) => {
        const { agency, owner } = await setUpAgency(workspace.db, request.body, workspace.now());
        const token = await workspace.sessions.start(owner);
        setSessionCookie(reply, token, workspace.sessions.timeouts.absoluteMs);
        return reply
          .status(201)
          .send({ user: presentUser(owner), agency: presentAgencySummary(agency) });
      },
    );

    app.post(
      '/api/v1/auth/sign-in',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Sign in with email and password (sets the session cookie)',
          body: SignInBodySchema,
          response: { 200: SignedInSchema },
        },
      },
      async (request, reply) => {
        const keys = signInKeys(request.body.email, request.ip);
        await checkSignInAllowed(workspace, keys);
        const found = await findUserCredentials(workspace.db, request.body.email);
        const hash = found?.passwordHash ?? (await decoyPasswordHash);
        const matches = await verifyPassword(request.body.password, hash);
        if (!found?.passwordHash || !matches) {
          await recordSignInFailure(workspace, keys);
          throw new AppError('unauthorized', 'Wrong email or password');
        }
        const { user } = found;
        const agency = await findAgency(workspace.db, user.agencyId);
        if (!agency) throw new AppError('unauthorized', 'Wrong email or password');
        const token = await withAudit(workspace.db, async (tx) => ({
          result: await workspace.sessions.start(user, tx),
          audit: {
            agencyId: user.agencyId,
            actor: { kind: 'user', id: user.id },
            action: 'user.signed_in',
            target: { kind: 'user', id: user.id },
          },
        }));
        await recordSignInSuccess(workspace, keys);
        setSessionCookie(reply, token, workspace.sessions.timeouts.absoluteMs);
        return { user: presentUser(user), agency: presentAgencySummary(agency) };
      },
    );

    app.post(
      '/api/v1/auth/sign-out',
      { schema: { tags: ['accounts'], summary: 'End this session' } },
      async (request, reply) => {
        const actor = requireActor(request);
        const sessionId = request.cookies[SESSION_COOKIE];
        if (actor.kind === 'user' && sessionId) {
          await withAudit(workspace.db, async (tx) => ({
            result: await workspace.sessions.end(sessionId, tx),
            audit: {
              agencyId: actor.agencyId,
              actor: { kind: 'user', id: actor.userId },
              action: 'user.signed_out',
              target: { kind: 'user', id: actor.userId },
            },
          }));
        }
        void reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true });
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/v1/me',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Who the credentials belong to',
          response: { 200: MeSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const user = actor.userId
          ? await findUser(workspace.db, actor.agencyId, actor.userId)
          : undefined;
        const agency = await findAgency(workspace.db, actor.agencyId);
        if (!user || !agency) throw new AppError('unauthorized', 'Sign in or use an API key');
        return {
          user: presentUser(user),
          agency: presentAgencySummary(agency),
          actor: { kind: actor.kind, canWrite: actor.canWrite },
        };
      },
    );
  };
}
