/**
 * The client's approval: checked against what the client was shown (the cached listing) and what
 * was asked for, refused while the agency has not connected its own business, and idempotent
 * under double submit (two tabs, a double click): the onboarding row is locked, only the first
 * approval creates grants (unique idempotency keys as a second guard), and only it sends jobs (J4).
 */
import { z } from 'zod';
import { grantIdempotencyKey } from '../../domain/grant.ts';
import {
  findScopedAsset,
  NOT_IN_SCOPE_CODE,
  type RerequestScopeAsset,
} from '../../domain/rerequest-scope.ts';
import { beginAgencyReads, runApprovedGrants } from '../../jobs/execute-grant.ts';
import { newLeaseOwner } from '../../jobs/grant-deps.ts';
import { grantBatching } from '../../jobs/grant-batching.ts';
import { enqueueGrantJobs } from '../../jobs/grant-queue.ts';
import { jobDatabase } from '../../jobs/queue.ts';
import { advanceOnboarding } from '../../jobs/onboarding-progress.ts';
import { revokeAtPlatforms, type RevocableToken } from '../../jobs/revoke-client-tokens.ts';
import { GuidedInputSchema, resolveGuidedInput } from '../../platforms/manual/inputs.ts';
import { guidedStep, isGuidedPlatform } from '../../platforms/manual/steps.ts';
import { customStep, resolveCustomInput } from '../../platforms/custom/manifests.ts';
import type { AgencyIdentity, ClientAssetListing } from '../../platforms/types.ts';
import type { AccessRequest } from '../../store/access-requests.ts';
import { findAgencyBranding } from '../../store/agencies.ts';
import { withAudit, type Executor } from '../../store/audit.ts';
import {
  insertGrants,
  listGrantsByOnboarding,
  settleGrant,
  type Grant,
  type GrantClaim,
  type NewGrantInput,
} from '../../store/grants.ts';
import { insertGrantInputs, type StoredGuidedInput } from '../../store/guided-grants.ts';
import { cancelLinkReminders } from '../../store/link-reminders.ts';
import {
  findOnboarding,
  lockOnboarding,
  setOnboardingStatus,
  type Onboarding,
} from '../../store/onboardings.ts';
import { findAgencyConnections, type ConnectionSummary } from '../../store/platform-connections.ts';
import { listRerequestAssets } from '../../store/verifications-alerts.ts';
import { AppError } from '../errors.ts';
import type { OnboardingServices } from './onboarding-services.ts';
import { ownValue } from '../../lib/own.ts';
import { createArrayIndex } from '../../lib/array-index.ts';
import { agencyManifests, type Manifests } from './custom-manifests.ts';

/**
 * The most assets one approval may name. TikTok shares up to 50 ad accounts per call and a client
 * may own hundreds, so a client with 500 approves them in one go (issue #16); the bound keeps one
 * request's work (one transaction, one job per grant) sane. Above it: 400 invalid_body, naming the bound.
 */
export const MAX_SELECTIONS = 1_000;

export const SelectionSchema = z
  .object({
    selections: z
      .array(
        z
          .object({
            platform: z.string().max(40),
            assetType: z.string().max(60),
            // Listed assets name their id; guided ones (no listing) send what the client typed.
            assetId: z.string().max(100).optional(),
            input: GuidedInputSchema.optional(),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_SELECTIONS, `At most ${MAX_SELECTIONS} assets can be approved at once`),
  })
  .strict();
export type Selection = z.infer<typeof SelectionSchema>['selections'][number];

/** The cached listings per platform (what the client was shown). */
export function listingsOf(onboarding: Onboarding): Record<string, ClientAssetListing> {
  const value = onboarding.assetListing;
  return value && typeof value === 'object' ? (value as Record<string, ClientAssetListing>) : {};
}

/** A re-request's approval may name only the assets it asks for again: else a 409 naming each. */
function refuseOutOfScope(scope: readonly RerequestScopeAsset[], selections: readonly Selection[]) {
  if (scope.length === 0) return;
  const problems = selections.flatMap((s, index) =>
    findScopedAsset(scope, s.platform, s.assetType, s.assetId ?? '')
      ? []
      : [{ index, message: 'This asset is not part of this request' }],
  );
  if (problems.length > 0)
    throw new AppError(
      'conflict',
      'This link asks only for the access that was removed; untick the other assets.',
      { reason: NOT_IN_SCOPE_CODE, problems },
    );
}

/** A grant to insert; guided ones carry the client's checked input. */
type GrantPlan = NewGrantInput & { readonly guided?: StoredGuidedInput };

interface PickedAsset {
  readonly id: string;
  readonly name: string;
  readonly ownerId?: string | undefined;
  readonly blocked?: { readonly message: string } | undefined;
}

/** The asset a selection names: from the cached listing, or from the client's guided input. */
function selectedAsset(
  manifests: Manifests,
  listings: Record<string, ClientAssetListing>,
  selection: Selection,
): { asset: PickedAsset; guided?: StoredGuidedInput } | { problem: string } {
  const type = ownValue(manifests, selection.platform)?.assetTypes.find(
    (t) => t.id === selection.assetType,
  );
  if (type?.grantMethod === 'guided' && type.clientInput === 'custom_fields') {
    const input = selection.input?.kind === 'custom_fields' ? selection.input : undefined;
    const resolved = resolveCustomInput(type, input);
    if ('problem' in resolved) return resolved;
    return {
      asset: { id: resolved.assetId, name: resolved.assetName },
      guided: { kind: 'custom_fields', ...resolved.stored },
    };
  }
  if (type?.grantMethod === 'guided' && type.clientInput) {
    const resolved = resolveGuidedInput(type.clientInput, selection.input);
    if ('problem' in resolved) return resolved;
    return {
      asset: { id: resolved.assetId, name: resolved.assetName },
      guided: { kind: type.clientInput, ...resolved.stored },
    };
  }
  const listing = ownValue(listings, selection.platform);
  const asset =
    listing && byTypeAndId.find(listing.assets, `${selection.assetType} ${selection.assetId}`);
  return asset ? { asset } : { problem: 'This asset was not in your list: reload the page' };
}

/** A listing's assets by type and id, indexed once per listing read (1,000 selections). */
const byTypeAndId = createArrayIndex<ClientAssetListing['assets'][number]>(
  (asset) => `${asset.type} ${asset.id}`,
);

/**
 * What an approval is checked against besides the onboarding: the agency's platform definitions
 * (its own too, archived ones as well: the request was made before), a re-request's scope and the
 * agency's connections. Nothing of it is locked by the approval, so it is read before the
 * approval's transaction, which then holds the onboarding's lock (and, on the embedded database,
 * the only connection) for its writes alone.
 */
interface ApprovalContext {
  readonly manifests: Manifests;
  readonly scope: readonly RerequestScopeAsset[];
  readonly agencyConnections: ReadonlyMap<string, ConnectionSummary>;
  /** The agency's identity on each platform whose reads the approval begins (beginHeadStart). */
  readonly headStart: ReadonlyMap<string, AgencyIdentity>;
  /** The onboarding as read without its lock, to plan the head start (beginHeadStart). */
  readonly onboarding: Onboarding | undefined;
}

async function readApprovalContext(
  services: OnboardingServices,
  request: AccessRequest,
  onboardingId: string,
): Promise<ApprovalContext> {
  const { db } = services;
  const platforms = [...new Set(request.items.map((item) => item.platform))];
  const [manifests, scope, agencyConnections, headStart, onboarding] = await Promise.all([
    agencyManifests(db, services.manifests, request.agencyId),
    listRerequestAssets(db, request.id),
    findAgencyConnections(db, request.agencyId, platforms),
    headStartIdentities(services, { agencyId: request.agencyId, onboardingId, platforms }),
    services.grantWorkers ? findOnboarding(db, onboardingId) : undefined,
  ]);
  return { manifests, scope, agencyConnections, headStart, onboarding };
}

/**
 * Where this process works the grant queue, the approval begins the agency-side reads its wave
 * will decide from (Platform.prepareGrants) before its transaction, once the selection plans
 * without error against the onboarding as read: the read then overlaps the approval's writes and
 * the job's fetch and claim (at 500 grants on the embedded database, about 100 ms) instead of
 * following them. The wave's grants join it (recent-reads.ts): nothing of Latchkey's can have
 * touched their access before their approval began, and the approval's time is their wave's
 * `readsFrom` (listUntriedGrants). It begins before the transaction because the embedded
 * database has one connection, which the transaction holds, and the rate limiter's bucket is
 * read on it. A process that does not work grants (role api) begins nothing: another process's
 * wave could not share the read. A selection that fails to plan begins nothing, and nothing here
 * fails the approval: the transaction plans again under the onboarding's lock.
 */
async function headStartIdentities(
  services: OnboardingServices,
  input: { agencyId: string; onboardingId: string; platforms: readonly string[] },
): Promise<Map<string, AgencyIdentity>> {
  const identities = new Map<string, AgencyIdentity>();
  const deps = services.grantWorkers;
  if (!deps) return identities;
  await Promise.all(
    input.platforms.map(async (platform) => {
      if (!ownValue(deps.platforms, platform)?.prepareGrants) return;
      const found = await grantBatching(deps)
        .identities({ agencyId: input.agencyId, onboardingId: input.onboardingId, platform })
        .catch(() => undefined);
      if (found) identities.set(platform, found.agency);
    }),
  );
  return identities;
}

/** Begins the head-start reads (headStartIdentities) for the grants the selection plans. */
function beginHeadStart(
  services: OnboardingServices,
  context: ApprovalContext,
  request: AccessRequest,
  selections: readonly Selection[],
  since: Date,
): void {
  const { onboarding } = context;
  const deps = services.grantWorkers;
  if (!deps || context.headStart.size === 0 || onboarding?.status !== 'started') return;
  let plans: readonly GrantPlan[];
  try {
    ({ plans } = planGrants(services, context, request, onboarding, selections));
  } catch {
    return;
  }
  for (const [platform, agency] of context.headStart) {
    const assetTypes = [
      ...new Set(plans.filter((p) => p.platform === platform && !p.guided).map((p) => p.assetType)),
    ];
    if (assetTypes.length === 0) continue;
    beginAgencyReads(deps, {
      agencyId: request.agencyId,
      onboardingId: onboarding.id,
      platform,
      agency,
      assetTypes,
      // Before the approval began, nothing of Latchkey's can have touched these grants' access:
      // a read begun since then (another approval's, at the same moment) is as good.
      readsFrom: since,
    });
  }
}

/** Builds the grants for a selection, or a 4xx naming every problem. */
function planGrants(
  services: OnboardingServices,
  { manifests, scope, agencyConnections }: ApprovalContext,
  request: AccessRequest,
  onboarding: Onboarding,
  selections: readonly Selection[],
) {
  const listings = listingsOf(onboarding);
  refuseOutOfScope(scope, selections);
  const problems: { index: number; message: string }[] = [];
  const seen = new Set<string>();
  const plans = selections.flatMap((selection, index): GrantPlan[] => {
    const item = request.items.find(
      (i) => i.platform === selection.platform && i.assetType === selection.assetType,
    );
    const found = item ? selectedAsset(manifests, listings, selection) : undefined;
    const asset = found && 'asset' in found ? found.asset : undefined;
    const blocked = asset?.blocked;
    const key = `${selection.platform}/${selection.assetType}/${asset?.id ?? ''}`;
    if (!item) problems.push({ index, message: 'This kind of asset was not asked for' });
    else if (found && 'problem' in found) problems.push({ index, message: found.problem });
    else if (blocked) problems.push({ index, message: blocked.message });
    else if (seen.has(key)) problems.push({ index, message: 'This asset is ticked twice' });
    seen.add(key);
    if (!item || !asset || blocked) return [];
    // A re-request grants each asset at its recorded old level, not the type's highest.
    const level =
      findScopedAsset(scope, selection.platform, selection.assetType, asset.id)?.level ??
      item.permissionLevel;
    return [
      {
        agencyId: request.agencyId,
        onboardingId: onboarding.id,
        platform: selection.platform,
        assetType: selection.assetType,
        assetId: asset.id,
        assetName: asset.name,
        ownerId: asset.ownerId ?? null,
        permissionLevel: level,
        idempotencyKey: grantIdempotencyKey({
          onboardingId: onboarding.id,
          platform: selection.platform,
          assetType: selection.assetType,
          assetId: asset.id,
          level,
        }),
        ...(found && 'guided' in found && found.guided ? { guided: found.guided } : {}),
      },
    ];
  });
  if (problems.length > 0)
    throw new AppError('unprocessable', 'Some ticked assets cannot be shared', problems);
  for (const platform of new Set(plans.map((p) => p.platform))) {
    // A platform without sign-in (Shopify) names the agency by its name: nothing to connect.
    if (ownValue(manifests, platform)?.oauth === null) continue;
    if (!agencyConnections.get(platform)?.businessId) {
      throw new AppError(
        'conflict',
        `The agency has not connected its ${ownValue(services.manifests, platform)?.name ?? platform} business yet, so nothing can be shared with it. Please let them know, and try again later.`,
        { reason: 'agency_not_connected', platform },
      );
    }
  }
  return { plans, manifests };
}

/** Approves the selection once; later calls return the grants of the first approval. */
export async function approveSelection(
  services: OnboardingServices,
  request: AccessRequest,
  onboardingId: string,
  selections: readonly Selection[],
): Promise<{ grants: Grant[]; approvedNow: boolean }> {
  const revocable: RevocableToken[] = [];
  const began = services.now();
  const context = await readApprovalContext(services, request, onboardingId);
  beginHeadStart(services, context, request, selections, began);
  // Where this process works grants, it claims them with their insert and runs them itself.
  const workers = services.grantWorkers;
  const owner = workers && newLeaseOwner(workers.grantPolicy);
  const result = await withAudit<{ grants: Grant[]; approvedNow: boolean; runHere: Grant[] }>(
    services.db,
    async (tx) => {
      const onboarding = await lockOnboarding(tx, onboardingId);
      if (!onboarding) throw new AppError('not_found', 'Open the link again');
      if (onboarding.status !== 'started') {
        return {
          result: {
            grants: await listGrantsByOnboarding(tx, onboardingId),
            approvedNow: false,
            runHere: [],
          },
          audit: [],
        };
      }
      const { plans, manifests } = planGrants(services, context, request, onboarding, selections);
      const now = services.now();
      const claim: GrantClaim | undefined =
        workers && owner
          ? {
              owner,
              now,
              leaseMs: workers.grantPolicy.leaseMs,
              intent: { name: 'grant_requested', at: now.toISOString() },
            }
          : undefined;
      // A guided grant waits for a person (startGuidedSteps): never claimed.
      const inserted = claim
        ? [
            ...(await insertGrants(
              tx,
              plans.filter((plan) => !plan.guided),
              { claimedBy: claim },
            )),
            ...(await insertGrants(
              tx,
              plans.filter((plan) => plan.guided),
            )),
          ]
        : await insertGrants(tx, plans);
      // The approval's start: its wave's reads may have begun since (beginHeadStart).
      await setOnboardingStatus(tx, onboardingId, 'approved', began);
      await cancelLinkReminders(tx, request.id);
      const guidedIds = await startGuidedSteps(
        services,
        tx,
        { agencyId: request.agencyId, manifests, connections: context.agencyConnections },
        plans,
        inserted,
      );
      const progress =
        guidedIds.size > 0
          ? await advanceOnboarding(tx, services.grantDeps, onboardingId, services.now())
          : { audit: [], revocable: [] };
      revocable.push(...progress.revocable);
      // A started onboarding has no grants yet, so without guided steps (which change the rows
      // just inserted) the inserted rows are all of them: no second read.
      const grants =
        guidedIds.size > 0
          ? await listGrantsByOnboarding(tx, onboardingId)
          : [...inserted].sort(byTypeThenId);
      // The jobs are sent in this transaction: they exist exactly when the approval commits.
      // Guided grants wait for a person from the start: no job runs for them. Grants claimed
      // with their insert run here once it commits (or, should this process die, once the crash
      // watch finds their lease lapsed).
      const runHere = inserted.filter((g) => owner !== undefined && g.leaseOwner === owner);
      const queued = inserted.filter(
        (g) => !guidedIds.has(g.id) && (owner === undefined || g.leaseOwner !== owner),
      );
      await enqueueGrantJobs(
        services.boss,
        queued.map((g) => g.id),
        { fresh: true, db: jobDatabase(tx) },
      );
      return {
        result: { grants, approvedNow: true, runHere },
        audit: [
          {
            agencyId: request.agencyId,
            actor: { kind: 'client', id: onboardingId },
            action: 'onboarding.approved',
            target: { kind: 'onboarding', id: onboardingId },
            data: {
              request_id: request.id,
              grants: grants.map((g) => ({
                id: g.id,
                asset_type: g.assetType,
                asset_id: g.assetId,
                level: g.permissionLevel,
              })),
            },
          },
          ...progress.audit,
        ],
      };
    },
  );
  if (workers && owner && result.runHere.length > 0) {
    void runApprovedGrants(workers, result.runHere, owner, began).catch((error: unknown) =>
      workers.logger?.warn({ err: error }, 'approved grants to try again could not be queued'),
    );
  }
  if (revocable.length > 0) await revokeAtPlatforms(services.grantDeps, revocable);
  return { grants: result.grants, approvedNow: result.approvedNow };
}

/** listGrantsByOnboarding's order for grants inserted together (same created_at). */
function byTypeThenId(a: Grant, b: Grant): number {
  if (a.assetType !== b.assetType) return a.assetType < b.assetType ? -1 : 1;
  if (a.assetId === b.assetId) return 0;
  return a.assetId < b.assetId ? -1 : 1;
}

/**
 * Stores the client's input of each guided grant and moves the grant straight to its guided step
 * (queued → needs_manual_step, in the approval's transaction); returns the ids of those grants.
 */
async function startGuidedSteps(
  services: OnboardingServices,
  tx: Executor,
  {
    agencyId,
    manifests,
    connections,
  }: {
    agencyId: string;
    manifests: Manifests;
    connections: ReadonlyMap<string, ConnectionSummary>;
  },
  plans: readonly GrantPlan[],
  inserted: readonly Grant[],
): Promise<Set<string>> {
  const ids = new Set<string>();
  const customType = (plan: GrantPlan) =>
    plan.platform === 'custom'
      ? ownValue(manifests, 'custom')?.assetTypes.find((t) => t.id === plan.assetType)
      : undefined;
  const guided = plans.filter(
    (p) => p.guided && (isGuidedPlatform(p.platform) || customType(p) !== undefined),
  );
  if (guided.length === 0) return ids;
  const branding = await findAgencyBranding(tx, agencyId);
  const agencyName = branding?.displayName ?? 'Your agency';
  const now = services.now();
  for (const plan of guided) {
    const grant = inserted.find((g) => g.idempotencyKey === plan.idempotencyKey);
    if (!grant || grant.status !== 'queued' || !plan.guided) continue;
    const custom = customType(plan);
    let step;
    if (custom) {
      // The agency's own steps, copied onto the grant: a later edit of the definition does not
      // change what this client was asked to do.
      step = customStep(custom, { level: plan.permissionLevel, agencyName });
    } else if (isGuidedPlatform(plan.platform)) {
      const connection = connections.get(plan.platform);
      step = guidedStep({
        platform: plan.platform,
        assetId: plan.assetId,
        level: plan.permissionLevel,
        agencyEmail: connection?.businessId ?? null,
        agencyName,
        stored: plan.guided,
      });
    } else continue;
    await insertGrantInputs(tx, [
      { grantId: grant.id, agencyId, platform: plan.platform, input: plan.guided },
    ]);
    await settleGrant(tx, {
      id: grant.id,
      from: ['queued'],
      now,
      settlement: {
        status: 'needs_manual_step',
        manualStep: { kind: 'guided', ...step },
        step: { name: 'guided_step', at: now.toISOString(), detail: plan.platform },
      },
    });
    ids.add(grant.id);
  }
  return ids;
}
