// The control API for tests and demos: reset, load a world, faults, request log, state, clock levers.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerCommonControls } from '../../../sandbox-kit/control.ts';
import { merchantOf } from '../model/merchant.ts';
import { expireAccessTokens } from '../model/oauth.ts';
import { registerBusinessProfileControls } from './business-profile-controls.ts';
import type { SandboxRuntime } from '../runtime.ts';
import { GoogleWorldSchema, type GoogleWorld } from '../world.ts';

export const GoogleFaultsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    errorRate: z.number().min(0).max(1).optional(),
    rateLimit: z
      .object({ requests: z.number().int().min(0), perMs: z.number().int().min(1) })
      .optional(),
  })
  .strict();

const ScUserSchema = z
  .object({
    siteUrl: z.string().min(1).max(300),
    email: z.email(),
    permissionLevel: z.enum(['SITE_OWNER', 'SITE_FULL_USER', 'SITE_RESTRICTED_USER']),
  })
  .strict();

const MerchantVerifySchema = z
  .object({ accountId: z.string().regex(/^\d{1,20}$/), email: z.email() })
  .strict();

/** Registers `/_control/*`. */
export function registerControlRoutes(app: FastifyInstance, rt: SandboxRuntime): void {
  const bad = (message: string) => ({ error: { code: 400, message, status: 'INVALID_ARGUMENT' } });

  registerCommonControls(app, rt, { faultsSchema: GoogleFaultsSchema, invalid: bad });

  app.put('/_control/world', async (request, reply) => {
    const parsed = GoogleWorldSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(bad(parsed.error.message));
    rt.reset(request.body as GoogleWorld);
    return { ok: true };
  });

  // State without secrets: codes and tokens appear only as counts and metadata.
  app.get('/_control/state', async () => {
    const { authCodes, tokens, ...rest } = rt.model.state;
    return {
      ...rest,
      authCodes: authCodes.map(({ codeHash: _c, ...c }) => c),
      tokens: tokens.map(({ tokenHash: _t, ...t }) => t),
    };
  });

  // Stands in for a site owner adding a user in the Search Console UI (no API can: google-api.md
  // §5, item 10), so tests and demos can finish a guided step.
  app.post('/_control/search-console/users', async (request, reply) => {
    const parsed = ScUserSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(bad(parsed.error.message));
    const { siteUrl, email, permissionLevel } = parsed.data;
    rt.model.mutate((ctx) => {
      ctx.state.searchConsole.sites = ctx.state.searchConsole.sites.filter(
        (s) => !(s.email === email && s.siteUrl === siteUrl),
      );
      ctx.state.searchConsole.sites.push({ email, siteUrl, permissionLevel });
      return null;
    });
    return { ok: true };
  });

  registerBusinessProfileControls(app, rt, bad);
  // Stands in for the invited person clicking Merchant Center's invitation email (PENDING to
  // VERIFIED without the API's verifySelf), so tests can follow a grant the agency cannot verify.
  app.post('/_control/merchant/users/verify', async (request, reply) => {
    const parsed = MerchantVerifySchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(bad(parsed.error.message));
    const { accountId } = parsed.data;
    const email = parsed.data.email.toLowerCase();
    const found = rt.model.mutate((ctx) => {
      const user = merchantOf(ctx.state).users.find(
        (u) => u.accountId === accountId && u.email === email,
      );
      if (user) user.state = 'VERIFIED';
      return user !== undefined;
    });
    if (!found)
      return reply.code(404).send({
        error: { code: 404, message: 'No such Merchant Center user.', status: 'NOT_FOUND' },
      });
    return { ok: true };
  });

  app.post('/_control/expire-tokens', async (request, reply) => {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (typeof email !== 'string') return reply.code(400).send(bad('email is required'));
    return { expired: rt.model.mutate((ctx) => expireAccessTokens(ctx, email)) };
  });
}
