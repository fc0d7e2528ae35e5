/**
 * Verification over HTTP: start a sweep (dashboard, API, CLI; queued, or run in the request with
 * `wait`), list runs and the latest check of every granted asset, and the drift alerts with their
 * dismissal and one-click re-request. Every query is scoped to the caller's agency.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runVerification, verifyGrantsJob } from '../../jobs/verify-grants.ts';
import { enqueue } from '../../jobs/queue.ts';
import { withAudit } from '../../store/audit.ts';
import {
  findVerificationRun,
  insertVerificationRun,
  listVerificationRuns,
  verificationRunsOrder,
} from '../../store/verifications.ts';
import {
  findDriftAlert,
  driftAlertsOrder,
  listDriftAlerts,
  updateDriftAlert,
} from '../../store/verifications-alerts.ts';
import { requireActor } from '../auth/actor.ts';
import { noStore } from '../no-store.ts';
import { nextCursor, PageQuerySchema, pageRequest } from '../cursor.ts';
import { AppError } from '../errors.ts';
import { listAssetChecks, presentRun } from './verification-presenters.ts';
import { createRerequest } from './verification-rerequest.ts';
import type { LifecycleServices } from './verification-services.ts';

const StartBody = z
  .object({ source: z.enum(['dashboard', 'api', 'cli']).optional(), wait: z.boolean().optional() })
  .strict();
const IdParams = z.object({ id: z.uuid() }).strict();
const AlertQuery = z
  .object({ all: z.enum(['true', 'false']).optional() })
  .extend(PageQuerySchema.shape)
  .strict();

/** Creates the `/api/v1/verifications`, `/api/v1/grant-checks` and `/api/v1/drift-alerts` routes. */
export function createVerificationRoutes(services: LifecycleServices): FastifyPluginAsync {
  const { deps } = services;
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post('/verifications', { schema: { body: StartBody.optional() } }, async (req, reply) => {
      const actor = requireActor(req, 'member', { write: true });
      const source = req.body?.source ?? (actor.kind === 'api_key' ? 'api' : 'dashboard');
      const run = await withAudit(deps.database.db, async (tx) => {
        const created = await insertVerificationRun(tx, {
          agencyId: actor.agencyId,
          trigger: source,
          requestedBy: actor.userId,
          now: deps.now(),
        });
        return {
          result: created,
          audit: {
            agencyId: actor.agencyId,
            actor: { kind: actor.kind, id: actor.apiKeyId ?? actor.userId },
            action: 'verification.requested',
            target: { kind: 'verification_run', id: created.id },
            data: { source },
          },
        };
      });
      if (req.body?.wait || services.runInline || !deps.boss) {
        await runVerification(deps, run.id);
        const done = await findVerificationRun(deps.database.db, run.id, actor.agencyId);
        return reply.status(200).send({ run: presentRun(done ?? run) });
      }
      await enqueue(deps.boss, verifyGrantsJob, { runId: run.id });
      return reply.status(202).send({ run: presentRun(run) });
    });

    const runsSchema = {
      summary: 'Verification runs, newest first, a page at a time',
      querystring: PageQuerySchema.strict(),
    };
    app.get('/verifications', { schema: runsSchema }, async (req) => {
      const actor = requireActor(req, 'viewer');
      const page = await listVerificationRuns(
        deps.database.db,
        actor.agencyId,
        pageRequest(req.query, verificationRunsOrder),
      );
      return { runs: page.rows.map(presentRun), nextCursor: nextCursor(page.next) };
    });

    app.get('/verifications/:id', { schema: { params: IdParams } }, async (req) => {
      const actor = requireActor(req, 'viewer');
      const run = await findVerificationRun(deps.database.db, req.params.id, actor.agencyId);
      if (!run) throw new AppError('not_found', 'No such verification run');
      return { run: presentRun(run) };
    });

    app.get('/grant-checks', async (req) => {
      const actor = requireActor(req, 'viewer');
      return { assets: await listAssetChecks(deps.database.db, actor.agencyId) };
    });

    app.get('/drift-alerts', { schema: { querystring: AlertQuery } }, async (req) => {
      const actor = requireActor(req, 'viewer');
      const page = await listDriftAlerts(
        deps.database.db,
        actor.agencyId,
        { all: req.query.all === 'true' },
        pageRequest(req.query, driftAlertsOrder),
      );
      return {
        nextCursor: nextCursor(page.next),
        alerts: page.rows.map((a) => ({
          id: a.id,
          runId: a.runId,
          clientId: a.clientId,
          clientName: a.clientName,
          requestId: a.requestId,
          items: a.items,
          createdAt: a.createdAt.toISOString(),
          dismissedAt: a.dismissedAt?.toISOString() ?? null,
          rerequestId: a.rerequestId,
        })),
      };
    });

    app.post('/drift-alerts/:id/dismiss', { schema: { params: IdParams } }, async (req) => {
      const actor = requireActor(req, 'member', { write: true });
      const done = await withAudit(deps.database.db, async (tx) => {
        const changed = await updateDriftAlert(tx, actor.agencyId, req.params.id, {
          dismissedAt: deps.now(),
        });
        return {
          result: changed,
          audit: changed
            ? {
                agencyId: actor.agencyId,
                actor: { kind: actor.kind, id: actor.apiKeyId ?? actor.userId },
                action: 'drift_alert.dismissed',
                target: { kind: 'drift_alert', id: req.params.id },
              }
            : [],
        };
      });
      if (!done) throw new AppError('not_found', 'No such alert');
      return { dismissed: true };
    });

    app.post(
      '/drift-alerts/:id/rerequest',
      { schema: { params: IdParams } },
      async (req, reply) => {
        const actor = requireActor(req, 'member', { write: true });
        const alert = await findDriftAlert(deps.database.db, actor.agencyId, req.params.id);
        if (!alert) throw new AppError('not_found', 'No such alert');
        if (alert.rerequestId) {
          throw new AppError('conflict', 'A new link was already made for this alert', {
            requestId: alert.rerequestId,
          });
        }
        return noStore(reply)
          .status(201)
          .send(await createRerequest(deps, actor, alert));
      },
    );
  };
}
