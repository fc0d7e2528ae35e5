/**
 * Offboarding over HTTP: the dry-run plan, starting one (queued, or run in the request with
 * `wait`), the list, the report (JSON, CSV download, HTML page), "check again" (a rerun that
 * re-reads before anything and verifies), and confirming a removal done by hand where no API can
 * check it. Scoped to the caller's agency.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildOffboardingPlan, startOffboarding } from '../../jobs/offboard-plan.ts';
import { offboardJob, runOffboarding } from '../../jobs/offboard.ts';
import { confirmManualRemoval } from '../../jobs/offboard-record.ts';
import { enqueue } from '../../jobs/queue.ts';
import { findAccessRequest } from '../../store/access-requests.ts';
import { findClient } from '../../store/clients.ts';
import {
  findOffboarding,
  findOffboardingStep,
  listOffboardings,
  offboardingsOrder,
} from '../../store/offboardings.ts';
import { findUser } from '../../store/users.ts';
import { requireActor } from '../auth/actor.ts';
import { nextCursor, PageQuerySchema, pageRequest } from '../cursor.ts';
import { AppError } from '../errors.ts';
import { auditActor } from './audit-actor.ts';
import { buildReport, reportCsv, reportHtml } from './offboarding-report.ts';
import { agencyManifests } from './custom-manifests.ts';
import { platformManifests } from '../../platforms/registry.ts';
import type { LifecycleServices } from './verification-services.ts';
import { ownValue } from '../../lib/own.ts';

const TargetBody = z
  .object({
    clientId: z.uuid().optional(),
    requestId: z.uuid().optional(),
    platform: z.string().min(1).max(40).optional(),
    wait: z.boolean().optional(),
  })
  .strict()
  .refine((b) => (b.clientId === undefined) !== (b.requestId === undefined), {
    message: 'Give exactly one of clientId or requestId',
  });
const IdParams = z.object({ id: z.uuid() }).strict();
const StepParams = z.object({ id: z.uuid(), stepId: z.uuid() }).strict();
const ReportQuery = z.object({ format: z.enum(['json', 'csv', 'html']).optional() }).strict();

/** Creates the `/api/v1/offboardings` routes. */
export function createOffboardingRoutes(services: LifecycleServices): FastifyPluginAsync {
  const { deps } = services;
  const db = deps.database.db;
  const checkTarget = async (agencyId: string, body: z.infer<typeof TargetBody>) => {
    if (body.clientId && !(await findClient(db, agencyId, body.clientId))) {
      throw new AppError('not_found', 'No such client');
    }
    if (body.requestId && !(await findAccessRequest(db, agencyId, body.requestId))) {
      throw new AppError('not_found', 'No such request');
    }
    if (body.platform && !ownValue(deps.platforms, body.platform)) {
      throw new AppError('unprocessable', `Unknown platform "${body.platform}"`);
    }
    return {
      agencyId,
      ...(body.clientId ? { clientId: body.clientId } : {}),
      ...(body.requestId ? { requestId: body.requestId } : {}),
      ...(body.platform ? { platform: body.platform } : {}),
    };
  };
  const checkedByApi = (platform: string) =>
    (ownValue(deps.platforms, platform)?.manifest.verification ?? 'api') === 'api';
  const report = async (agencyId: string, id: string) => {
    const offboarding = await findOffboarding(db, id, agencyId);
    if (!offboarding) throw new AppError('not_found', 'No such offboarding');
    return buildReport(db, offboarding, checkedByApi);
  };

  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post('/plan', { schema: { body: TargetBody } }, async (req) => {
      const actor = requireActor(req, 'member');
      const { plan } = await buildOffboardingPlan(
        deps,
        await checkTarget(actor.agencyId, req.body),
      );
      return { plan };
    });

    app.post('/', { schema: { body: TargetBody } }, async (req, reply) => {
      const actor = requireActor(req, 'manager', { write: true });
      const target = await checkTarget(actor.agencyId, req.body);
      const { boss: _queue, ...withoutQueue } = deps;
      const { offboarding } = await startOffboarding(
        req.body.wait || services.runInline ? withoutQueue : deps,
        {
          ...target,
          reason: 'manual',
          actor: { kind: actor.kind, id: actor.apiKeyId ?? actor.userId },
          createdBy: actor.userId,
        },
      );
      if (req.body.wait || services.runInline || !deps.boss) {
        await runOffboarding(deps, offboarding.id);
      }
      return reply.status(201).send({ offboarding: await report(actor.agencyId, offboarding.id) });
    });

    const listSchema = {
      summary: 'Offboardings, newest first, a page at a time',
      querystring: PageQuerySchema.strict(),
    };
    app.get('/', { schema: listSchema }, async (req) => {
      const actor = requireActor(req, 'viewer');
      const page = await listOffboardings(
        db,
        actor.agencyId,
        pageRequest(req.query, offboardingsOrder),
      );
      return {
        nextCursor: nextCursor(page.next),
        offboardings: page.rows.map((o) => ({
          id: o.id,
          clientId: o.clientId,
          requestId: o.requestId,
          platform: o.platform,
          reason: o.reason,
          status: o.status,
          createdAt: o.createdAt.toISOString(),
          finishedAt: o.finishedAt?.toISOString() ?? null,
        })),
      };
    });

    app.get('/:id', { schema: { params: IdParams } }, async (req) => {
      const actor = requireActor(req, 'viewer');
      return { offboarding: await report(actor.agencyId, req.params.id) };
    });

    app.get(
      '/:id/report',
      { schema: { params: IdParams, querystring: ReportQuery } },
      async (req, reply) => {
        const actor = requireActor(req, 'viewer');
        const data = await report(actor.agencyId, req.params.id);
        const format = req.query.format ?? 'json';
        const name = `offboarding-${data.id}`;
        if (format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(reportCsv(data));
        }
        if (format === 'html') {
          // The agency's custom definitions name their platform in the report.
          const manifests = await agencyManifests(db, platformManifests, actor.agencyId);
          return reply.type('text/html; charset=utf-8').send(reportHtml(data, manifests));
        }
        return reply
          .header('content-disposition', `attachment; filename="${name}.json"`)
          .send(data);
      },
    );

    // YouTube and Shopify removals are done by a person and no API can read them back: a
    // manager confirms each one, and the report says it was confirmed, not verified.
    app.post('/:id/steps/:stepId/confirm', { schema: { params: StepParams } }, async (req) => {
      const actor = requireActor(req, 'manager', { write: true });
      const step = await findOffboardingStep(db, actor.agencyId, req.params.id, req.params.stepId);
      if (!step) throw new AppError('not_found', 'No such offboarding step');
      if (checkedByApi(step.platform)) {
        const name = ownValue(deps.platforms, step.platform)?.manifest.name ?? step.platform;
        throw new AppError(
          'conflict',
          `${name} access is verified by reading it back: do the step, then press "Check again".`,
          { reason: 'verified_by_api' },
        );
      }
      if (step.status !== 'manual_pending') {
        throw new AppError('conflict', 'This step is not waiting for a person', {
          reason: 'not_manual_pending',
          status: step.status,
        });
      }
      const user = actor.userId ? await findUser(db, actor.agencyId, actor.userId) : undefined;
      await confirmManualRemoval(deps, step, {
        actor: auditActor(actor),
        name: user?.name ?? 'an API key',
      });
      return { offboarding: await report(actor.agencyId, req.params.id) };
    });

    app.post('/:id/rerun', { schema: { params: IdParams } }, async (req) => {
      const actor = requireActor(req, 'manager', { write: true });
      const existing = await findOffboarding(db, req.params.id, actor.agencyId);
      if (!existing) throw new AppError('not_found', 'No such offboarding');
      if (deps.boss && !services.runInline) {
        await enqueue(deps.boss, offboardJob, { offboardingId: existing.id });
      } else {
        await runOffboarding(deps, existing.id);
      }
      return { offboarding: await report(actor.agencyId, existing.id) };
    });
  };
}
