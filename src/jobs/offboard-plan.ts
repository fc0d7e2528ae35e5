/**
 * Building an offboarding: the dry-run plan from the grants of a client or request (one platform
 * or all) and what the agency's business holds now (so what Latchkey did not grant is listed as
 * kept), and starting it: the offboarding and its steps written with the audit event in one
 * transaction, then the job queued.
 */
import {
  planOffboarding,
  type HeldAsset,
  type OffboardingPlan,
} from '../domain/offboarding-plan.ts';
import { withAudit, type Actor } from '../store/audit.ts';
import { insertOffboarding, plannedKey, type Offboarding } from '../store/offboardings.ts';
import type { PlannedHolding } from '../store/schema.ts';
import { listLifecycleGrants, type LifecycleGrant } from '../store/verifications-grants.ts';
import { agencyIdentityFor } from './grant-deps.ts';
import { enqueue } from './queue.ts';
import { describeError, withPlatformRetry, type LifecycleDeps } from './verify-grants-deps.ts';
import { offboardJob } from './offboard.ts';
import { ownValue } from '../lib/own.ts';
import { customRemovalStep, withCustomPlatforms } from '../platforms/custom/manifests.ts';
import { listCustomPlatforms } from '../store/custom-platforms.ts';

export interface OffboardTarget {
  readonly agencyId: string;
  readonly clientId?: string;
  readonly requestId?: string;
  readonly platform?: string;
}

/** Grants whose access Latchkey may have created: granted, or waiting on acceptance or a person. */
const openStatuses = ['granted', 'pending_acceptance', 'needs_manual_step'] as const;

/** The dry run: each asset, the action and its scope, plus what is kept and why. */
export async function buildOffboardingPlan(
  deps: LifecycleDeps,
  target: OffboardTarget,
): Promise<{ plan: OffboardingPlan; grants: LifecycleGrant[]; planned: PlannedRead }> {
  const grants = await listLifecycleGrants(deps.database.db, {
    ...target,
    statuses: openStatuses,
  });
  const held: HeldAsset[] = [];
  const notes: string[] = [];
  const planned: PlannedRead = { at: deps.now(), holdings: new Map() };
  for (const platformId of [...new Set(grants.map((g) => g.platform))]) {
    const platform = ownValue(deps.platforms, platformId);
    if (!platform?.listAgencyHoldings) continue;
    const list = platform.listAgencyHoldings.bind(platform);
    const types = [
      ...new Set(grants.filter((g) => g.platform === platformId).map((g) => g.assetType)),
    ];
    try {
      const agency = await agencyIdentityFor(deps, target.agencyId, platformId);
      // Each page is retried on its own (a list of many pages rarely succeeds as a whole).
      const holdings = await list({
        agency,
        assetTypes: types,
        retryPage: (read) => withPlatformRetry(deps, platformId, read),
      });
      // What the run will remove without reading again: every granted asset, held or not.
      for (const g of grants.filter((x) => x.platform === platformId)) {
        const found = holdings.find((x) => x.type === g.assetType && x.id === g.assetId);
        const state = found?.reading.kind === 'holds' ? 'held' : found ? 'pending' : 'absent';
        planned.holdings.set(plannedKey(platformId, g.assetType, g.assetId), state);
      }
      // Only what this client shared: same owning business name as a granted asset.
      const sources = new Set(
        holdings
          .filter((x) => grants.some((g) => g.platform === platformId && g.assetId === x.id))
          .map((x) => x.sourceName)
          .filter((name): name is string => name !== null),
      );
      for (const x of holdings) {
        if (x.reading.kind === 'lost' || x.sourceName === null || !sources.has(x.sourceName))
          continue;
        held.push({
          platform: platformId,
          assetType: x.type,
          assetId: x.id,
          name: x.name,
          level: x.reading.level,
          sourceName: x.sourceName,
        });
      }
    } catch (error) {
      notes.push(`Could not list what the agency holds on ${platformId}: ${describeError(error)}`);
    }
  }
  // A custom tool's removal is the agency's own text, from its definition as it is now.
  const custom = grants.some((g) => g.platform === 'custom')
    ? withCustomPlatforms({}, await listCustomPlatforms(deps.database.db, target.agencyId)).custom
    : undefined;
  const customRemoval = (g: LifecycleGrant) => {
    const type = custom?.assetTypes.find((t) => t.id === g.assetType);
    return g.platform === 'custom' && type
      ? { removal: customRemovalStep(type, { assetId: g.assetId, assetName: g.assetName }) }
      : {};
  };
  const plan = planOffboarding(
    grants.map((g) => ({
      ...customRemoval(g),
      grantId: g.id,
      platform: g.platform,
      assetType: g.assetType,
      assetId: g.assetId,
      assetName: g.assetName,
      ownerId: g.ownerId,
      level: g.level,
      grantMethod: grantMethodOf(deps, g.platform, g.assetType),
      // Guided access (Search Console users, YouTube, Shopify) has no API to remove it.
      revocable:
        ownValue(deps.platforms, g.platform) !== undefined &&
        grantMethodOf(deps, g.platform, g.assetType) !== 'guided',
    })),
    held,
  );
  return { plan: { steps: plan.steps, notes: [...plan.notes, ...notes] }, grants, planned };
}

/** The plan's read of what the agency holds, kept on the steps so the run need not read again. */
export interface PlannedRead {
  readonly at: Date;
  readonly holdings: Map<string, PlannedHolding>;
}

function grantMethodOf(deps: LifecycleDeps, platform: string, assetType: string): string {
  // A custom tool's types are the agency's definitions: every one is a guided step.
  if (platform === 'custom') return 'guided';
  return (
    ownValue(deps.platforms, platform)?.manifest.assetTypes.find((t) => t.id === assetType)
      ?.grantMethod ?? 'manual'
  );
}

/** Starts an offboarding from a fresh plan and queues its job (when a queue is at hand). */
export async function startOffboarding(
  deps: LifecycleDeps,
  target: OffboardTarget & { reason: 'manual' | 'expiry'; actor: Actor; createdBy: string | null },
): Promise<{ offboarding: Offboarding; created: boolean }> {
  const { plan, planned } = await buildOffboardingPlan(deps, target);
  const started = await withAudit(deps.database.db, async (tx) => {
    const result = await insertOffboarding(tx, {
      agencyId: target.agencyId,
      clientId: target.clientId ?? null,
      requestId: target.requestId ?? null,
      platform: target.platform ?? null,
      reason: target.reason,
      createdBy: target.createdBy,
      steps: plan.steps,
      now: deps.now(),
      planned,
    });
    return {
      result,
      audit: result.created
        ? {
            agencyId: target.agencyId,
            actor: target.actor,
            action: 'offboarding.started',
            target: { kind: 'offboarding', id: result.offboarding.id },
            data: {
              reason: target.reason,
              client_id: target.clientId ?? null,
              request_id: target.requestId ?? null,
              platform: target.platform ?? null,
              revoke: plan.steps.filter((s) => s.action === 'revoke').length,
              manual: plan.steps.filter((s) => s.action === 'manual').length,
              keep: plan.steps.filter((s) => s.action === 'keep').length,
            },
          }
        : [],
    };
  });
  if (started.created && deps.boss) {
    await enqueue(deps.boss, offboardJob, { offboardingId: started.offboarding.id });
  }
  return started;
}
