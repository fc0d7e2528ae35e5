/**
 * Job: one verification sweep of one agency. Reads every granted asset with the agency's own
 * connection, records the outcome and `verified_at` per asset (holds, downgraded with the level
 * found, lost; a failed read is unknown and retried later, never lost), and for new drift raises,
 * per client, one dashboard alert and one email per agency owner/manager, plus a signed
 * `grant.drifted` webhook per asset, with the audit events, in one transaction.
 */
import { z } from 'zod';
import {
  classifyReading,
  groupDriftByClient,
  nextCheckState,
  summariseOutcomes,
  type CheckOutcome,
  type CheckState,
} from '../domain/drift.ts';
import { withAudit, type AuditEvent } from '../store/audit.ts';
import { findClient } from '../store/clients.ts';
import type { DriftAlertItem } from '../store/schema.ts';
import {
  findGrantChecks,
  findVerificationRun,
  insertVerificationRun,
  listGrantIdsByOutcome,
  saveGrantCheck,
  updateVerificationRun,
} from '../store/verifications.ts';
import { insertDriftAlert } from '../store/verifications-alerts.ts';
import { listLifecycleGrants, type LifecycleGrant } from '../store/verifications-grants.ts';
import { defineJob, enqueue } from './queue.ts';
import { withRateShare } from './rate-limiter.ts';
import { notifyDrift } from './verify-grants-notify.ts';
import { readGrantedAssets, type ReadResult } from './verify-grants-read.ts';
import type { LifecycleDeps } from './verify-grants-deps.ts';
import { ownValue } from '../lib/own.ts';

export const verifyGrantsJob = defineJob({
  name: 'lifecycle.verify',
  payload: z.object({ runId: z.uuid(), onlyUnknown: z.boolean().optional() }).strict(),
  queue: {
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    heartbeatSeconds: 30,
    expireInSeconds: 3_600,
    deleteAfterSeconds: 86_400,
  },
  concurrency: 2,
  handler: async (payload, deps: LifecycleDeps) => {
    await runVerification(deps, payload.runId, { onlyUnknown: payload.onlyUnknown ?? false });
  },
});

export interface GrantOutcome {
  readonly grant: LifecycleGrant;
  readonly state: CheckState;
  readonly alert: boolean;
}

export interface VerificationResult {
  readonly runId: string;
  readonly summary: Record<CheckOutcome, number>;
  readonly outcomes: readonly GrantOutcome[];
  /** The alerts this sweep raised: one per client with new drift. */
  readonly alertIds: readonly string[];
  /** The follow-up run for unknown reads, when one was queued. */
  readonly retryRunId: string | null;
}

/** Runs one sweep to completion (a completed run is not run again). */
export async function runVerification(
  deps: LifecycleDeps,
  runId: string,
  options: { onlyUnknown?: boolean } = {},
): Promise<VerificationResult> {
  const db = deps.database.db;
  const run = await findVerificationRun(db, runId);
  if (!run) throw new Error(`verification run ${runId} does not exist`);
  const empty = { runId, outcomes: [], alertIds: [], retryRunId: null };
  if (run.status === 'completed') {
    return { ...empty, summary: { ...summariseOutcomes([]), ...run.summary } };
  }
  await updateVerificationRun(db, runId, { status: 'running', at: deps.now() });
  const onlyIds = options.onlyUnknown
    ? await listGrantIdsByOutcome(db, run.agencyId, ['unknown'])
    : undefined;
  // Access no API can read (recorded from a person's confirmation) is not swept: see
  // docs/platforms/youtube.md and shopify.md.
  const grants = (
    await listLifecycleGrants(db, {
      agencyId: run.agencyId,
      ...(onlyIds ? { grantIds: onlyIds } : {}),
    })
  ).filter((g) => (ownValue(deps.platforms, g.platform)?.manifest.verification ?? 'api') === 'api');
  const previous = await findGrantChecks(
    db,
    grants.map((g) => g.id),
  );
  const outcomes: GrantOutcome[] = [];
  const platformIds = [...new Set(grants.map((g) => g.platform))];
  // Platforms are read side by side: one platform's outage or throttling delays only its own reads.
  const allReads = await Promise.all(
    platformIds.map((platformId) =>
      withRateShare(`${run.agencyId}/verification`, () =>
        readGrantedAssets(
          deps,
          run.agencyId,
          platformId,
          grants.filter((g) => g.platform === platformId),
        ),
      ),
    ),
  );
  for (const [index, platformId] of platformIds.entries()) {
    const ofPlatform = grants.filter((g) => g.platform === platformId);
    const reads = allReads[index] ?? new Map<string, ReadResult>();
    const manifest = ownValue(deps.platforms, platformId)?.manifest;
    for (const grant of ofPlatform) {
      const read = reads.get(grant.id) ?? { kind: 'failed' as const, error: 'not read' };
      const levels =
        manifest?.assetTypes.find((t) => t.id === grant.assetType)?.levels.map((l) => l.id) ?? [];
      const transition = nextCheckState(
        previous.get(grant.id),
        read.kind === 'read'
          ? { kind: 'read', classified: classifyReading(grant.level, read.reading, levels) }
          : read,
        deps.now(),
      );
      outcomes.push({ grant, state: transition.state, alert: transition.alert });
    }
  }
  const summary = summariseOutcomes(outcomes.map((o) => o.state.outcome));
  const alertIds = await recordOutcomes(deps, run.agencyId, runId, outcomes, summary);
  const retryRunId = await queueUnknownRetry(deps, run.agencyId, summary.unknown);
  return { runId, summary, outcomes, alertIds, retryRunId };
}

async function recordOutcomes(
  deps: LifecycleDeps,
  agencyId: string,
  runId: string,
  outcomes: readonly GrantOutcome[],
  summary: Record<CheckOutcome, number>,
): Promise<string[]> {
  const now = deps.now();
  // One alert per client: its emails, webhooks and re-request name only that client's assets.
  const groups = groupDriftByClient(
    outcomes
      .filter((o) => o.alert)
      .map((o) => ({ ...o, clientId: o.grant.clientId, requestId: o.grant.requestId })),
  );
  return withAudit(deps.database.db, async (tx) => {
    const alertOf = new Map<string, string>();
    const alerts: { id: string; items: DriftAlertItem[] }[] = [];
    for (const group of groups) {
      const items = group.items.map(({ grant, state }) => driftItem(grant, state));
      const alert = await insertDriftAlert(tx, { agencyId, runId, subject: group, items, now });
      for (const item of items) alertOf.set(item.grantId, alert.id);
      alerts.push({ id: alert.id, items });
      const client = group.clientId ? await findClient(tx, agencyId, group.clientId) : undefined;
      await notifyDrift(tx, deps, {
        agencyId,
        runId,
        alertId: alert.id,
        client: client ? { id: client.id, name: client.name } : null,
        items,
      });
    }
    for (const { grant, state, alert: raised } of outcomes) {
      const alertId = raised ? alertOf.get(grant.id) : undefined;
      await saveGrantCheck(tx, {
        grantId: grant.id,
        agencyId,
        runId,
        expectedLevel: grant.level,
        state,
        checkedAt: now,
        ...(alertId ? { alertId } : {}),
      });
    }
    await updateVerificationRun(tx, runId, { status: 'completed', at: now, summary });
    const audit: AuditEvent[] = [
      {
        agencyId,
        actor: { kind: 'system', id: null },
        action: 'verification.completed',
        target: { kind: 'verification_run', id: runId },
        data: { ...summary, alert_ids: alerts.map((a) => a.id) },
      },
      ...alerts.flatMap((alert) =>
        alert.items.map((item) => ({
          agencyId,
          actor: { kind: 'system' as const, id: null },
          action: 'grant.drifted',
          target: { kind: 'grant', id: item.grantId },
          data: {
            outcome: item.outcome,
            expected: item.expectedLevel,
            found: item.levelFound,
            alert_id: alert.id,
          },
        })),
      ),
    ];
    return { result: alerts.map((a) => a.id), audit };
  });
}

function driftItem(grant: LifecycleGrant, state: CheckState): DriftAlertItem {
  return {
    grantId: grant.id,
    platform: grant.platform,
    assetType: grant.assetType,
    assetId: grant.assetId,
    assetName: grant.assetName,
    expectedLevel: grant.level,
    outcome: state.outcome === 'downgraded' ? 'downgraded' : 'lost',
    levelFound: state.levelFound,
    requestId: grant.requestId,
  };
}

/** Queues a follow-up run of just the unknown assets (when a queue is at hand). */
async function queueUnknownRetry(
  deps: LifecycleDeps,
  agencyId: string,
  unknown: number,
): Promise<string | null> {
  if (unknown === 0 || !deps.boss) return null;
  const run = await insertVerificationRun(deps.database.db, {
    agencyId,
    trigger: 'retry',
    requestedBy: null,
    now: deps.now(),
  });
  await enqueue(
    deps.boss,
    verifyGrantsJob,
    { runId: run.id, onlyUnknown: true },
    { startAfter: Math.ceil(deps.lifecycle.unknownRetryMs / 1000) },
  );
  return run.id;
}
