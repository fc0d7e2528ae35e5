/**
 * GET /metrics: Prometheus' text format, mounted only when LATCHKEY_METRICS=on. Besides what the
 * process counted (src/lib/metrics.ts), each scrape reads from the database: grants by platform
 * and status, pg-boss queue depth and the age of the oldest waiting job, webhook delivery lag,
 * and the latest verification result of each grant by platform. Every figure is a total over all
 * agencies, labelled by platform, status or queue only: no tenant data.
 */
import type { FastifyPluginAsync } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { metricsRegistry } from '../../lib/metrics.ts';
import type { Schema } from '../../store/schema.ts';

export interface MetricsRouteOptions {
  readonly db: Kysely<Schema>;
  /** pg-boss's schema (QueueHandle.schema). */
  readonly queueSchema: string;
}

const gauge = (name: string, help: string, labelNames: string[]) =>
  new Gauge({ name, help, labelNames, registers: [] });

/** Builds the scrape-time gauges on a registry of their own, merged with the process's. */
function databaseGauges() {
  return {
    grants: gauge('latchkey_grants', 'Grants by platform and status', ['platform', 'status']),
    queued: gauge('latchkey_queue_depth', 'Jobs waiting to run, by queue', ['queue']),
    active: gauge('latchkey_queue_active', 'Jobs running, by queue', ['queue']),
    age: gauge(
      'latchkey_queue_oldest_job_age_seconds',
      'Age of the oldest job due and not yet started, by queue',
      ['queue'],
    ),
    webhookLag: gauge(
      'latchkey_webhook_delivery_lag_seconds',
      'Age of the oldest webhook delivery not yet delivered or given up (0 when none)',
      [],
    ),
    webhookPending: gauge('latchkey_webhook_deliveries_pending', 'Webhook deliveries pending', []),
    checks: gauge(
      'latchkey_verification_results',
      'Latest verification result of each checked grant, by platform and outcome',
      ['platform', 'outcome'],
    ),
  };
}

async function readDatabase(options: MetricsRouteOptions, g: ReturnType<typeof databaseGauges>) {
  const { db } = options;
  const grants = await db
    .selectFrom('grants')
    .select(['platform', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['platform', 'status'])
    .execute();
  for (const row of grants) g.grants.set({ platform: row.platform, status: row.status }, row.n);
  const jobs = await sql<{ name: string; queued: number; active: number; age: number | null }>`
    select name,
      count(*) filter (where state in ('created', 'retry'))::int as queued,
      count(*) filter (where state = 'active')::int as active,
      extract(epoch from now() - min(created_on)
        filter (where state in ('created', 'retry') and start_after <= now()))::float8 as age
    from ${sql.table(`${options.queueSchema}.job`)}
    where state in ('created', 'retry', 'active')
    group by name`.execute(db);
  for (const row of jobs.rows) {
    g.queued.set({ queue: row.name }, row.queued);
    g.active.set({ queue: row.name }, row.active);
    g.age.set({ queue: row.name }, row.age ?? 0);
  }
  const webhooks = await sql<{ pending: number; lag: number | null }>`
    select count(*)::int as pending, extract(epoch from now() - min(created_at))::float8 as lag
    from webhook_deliveries where status in ('pending', 'sending')`.execute(db);
  g.webhookPending.set(webhooks.rows[0]?.pending ?? 0);
  g.webhookLag.set(webhooks.rows[0]?.lag ?? 0);
  const checks = await db
    .selectFrom('grant_checks')
    .innerJoin('grants', 'grants.id', 'grant_checks.grant_id')
    .select(['grants.platform', 'grant_checks.outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['grants.platform', 'grant_checks.outcome'])
    .execute();
  for (const row of checks) g.checks.set({ platform: row.platform, outcome: row.outcome }, row.n);
}

/** The /metrics route; register it only when metrics are turned on. */
export const metricsPlugin =
  (options: MetricsRouteOptions): FastifyPluginAsync =>
  async (app) => {
    // The process's memory, CPU and event-loop lag, once per process.
    if (!metricsRegistry.getSingleMetric('latchkey_process_cpu_seconds_total')) {
      collectDefaultMetrics({ register: metricsRegistry, prefix: 'latchkey_' });
    }
    app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
      const gauges = databaseGauges();
      const scrape = new Registry();
      for (const metric of Object.values(gauges)) scrape.registerMetric(metric);
      await readDatabase(options, gauges);
      const text = (await metricsRegistry.metrics()) + (await scrape.metrics());
      return reply.type(metricsRegistry.contentType).send(text);
    });
  };
