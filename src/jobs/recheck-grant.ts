/**
 * Re-checking a grant that waits for a person (the agency accepting a partner invitation, the
 * client sharing a pixel or scanning a QR code, a guided Search Console step): read the agency's
 * access back and move the grant on when it shows up. Used by the periodic sweep and by the
 * client's "check again" button. A platform no API can read (YouTube, Shopify) is not asked: the
 * grant waits for a person's confirmation and goes to the back of the sweep's queue.
 */
import { awaitingStatuses, levelSatisfies } from '../domain/grant.ts';
import type { Actor } from '../store/audit.ts';
import { findGrant, touchGrantCheck, type Grant } from '../store/grants.ts';
import { deferGrantRecheck } from '../store/guided-grants.ts';
import {
  agencyIdentityFor,
  GrantBlocked,
  platformFor,
  clientTokenFor,
  type GrantDeps,
} from './grant-deps.ts';
import { settleGrantAndAdvance } from './onboarding-progress.ts';

/**
 * Re-checks under way in this process, by grant: a second check of the same grant (a person's
 * "Check again" while the soon re-check or the sweep reads it) joins the running one instead of
 * accepting the same invitation twice, which the platform answers with an error.
 */
const inFlight = new Map<string, Promise<Grant | undefined>>();

/**
 * Checks one awaiting grant once; returns the grant as it stands afterwards. A check of a grant
 * that is already being checked waits for that check and shares its outcome.
 */
export function recheckGrant(
  deps: Pick<GrantDeps, 'database' | 'keyring' | 'platforms' | 'now'>,
  grantId: string,
  actor?: Actor,
): Promise<Grant | undefined> {
  const running = inFlight.get(grantId);
  if (running) return running;
  const check = checkOnce(deps, grantId, actor).finally(() => inFlight.delete(grantId));
  inFlight.set(grantId, check);
  return check;
}

async function checkOnce(
  deps: Pick<GrantDeps, 'database' | 'keyring' | 'platforms' | 'now'>,
  grantId: string,
  actor?: Actor,
): Promise<Grant | undefined> {
  const grant = await findGrant(deps.database.db, grantId);
  if (!grant || !awaitingStatuses.has(grant.status)) return grant;
  const platform = platformFor(deps, grant.platform);
  if (platform.manifest.verification !== 'api') {
    await deferGrantRecheck(deps.database.db, grant.id, deps.now());
    return findGrant(deps.database.db, grant.id);
  }
  const agency = await agencyIdentityFor(deps, grant.agencyId, grant.platform);
  const asset = {
    type: grant.assetType,
    id: grant.assetId,
    ...(grant.ownerId ? { ownerId: grant.ownerId } : {}),
  };
  if (platform.continueGrant && grant.status === 'pending_acceptance') {
    // The platform finishes the grant itself once the agency has accepted (Snapchat's role).
    const clientToken = await clientTokenFor(deps, grant.onboardingId, grant.platform).catch(
      (error: unknown) => {
        if (error instanceof GrantBlocked) return undefined;
        throw error;
      },
    );
    if (clientToken !== undefined)
      await platform.continueGrant({ clientToken, agency, asset, level: grant.permissionLevel });
  }
  const reading = await platform.readAccess({ agency, asset });
  const levels =
    platform.manifest.assetTypes.find((t) => t.id === grant.assetType)?.levels.map((l) => l.id) ??
    [];
  const enough =
    reading.kind !== 'lost' && levelSatisfies(levels, reading.level, grant.permissionLevel);
  const at = deps.now().toISOString();
  const moveTo =
    enough && reading.kind === 'holds'
      ? 'granted'
      : enough && grant.status === 'needs_manual_step'
        ? 'pending_acceptance'
        : undefined;
  if (!moveTo) {
    await touchGrantCheck(deps.database.db, grant.id, reading.kind, deps.now());
    return findGrant(deps.database.db, grant.id);
  }
  const settled = await settleGrantAndAdvance(deps, {
    grantId: grant.id,
    from: [...awaitingStatuses],
    settlement: {
      status: moveTo,
      verified: moveTo === 'granted',
      step: { name: 'verified', at, detail: reading.kind },
      ...(moveTo === 'pending_acceptance'
        ? {
            manualStep: {
              kind: 'pending_acceptance',
              detail: 'Waiting for the agency to accept in TikTok Business Center.',
            },
          }
        : {}),
    },
    ...(actor ? { actor } : {}),
  });
  return settled ?? findGrant(deps.database.db, grant.id);
}
