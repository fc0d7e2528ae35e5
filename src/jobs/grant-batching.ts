/**
 * The database writes and reads of grant workers that run together, grouped (see groupCommit):
 * an approval of 20 assets starts 20 jobs in the same moment, and their claims, their identity
 * reads and, as they finish, their settlements each become one statement or transaction instead
 * of 20 queued behind each other. On the embedded database, which runs on the event loop, that
 * is the difference between the platform calls starting together or one after another.
 *
 * One set per GrantDeps (per process in production; per test where tests build their own).
 * Nothing is cached: a read is shared only by callers waiting for it at the same time.
 */
import { groupCommit, type GroupCommit } from '../lib/group-commit.ts';
import type { AgencyIdentity } from '../platforms/types.ts';
import { claimGrants, renewGrantLeases, type ClaimInput, type Grant } from '../store/grants.ts';
import { grantIdentitiesFor, type GrantDeps } from './grant-deps.ts';
import { settleGrantsAndAdvance, type SettleInput } from './onboarding-progress.ts';

export interface GrantIdentityKey {
  readonly agencyId: string;
  readonly onboardingId: string;
  readonly platform: string;
}

export interface GrantIdentities {
  readonly agency: AgencyIdentity;
  readonly clientToken: string | undefined;
}

export interface GrantBatching {
  readonly claim: GroupCommit<ClaimInput, Grant | undefined>;
  readonly identities: GroupCommit<GrantIdentityKey, GrantIdentities>;
  readonly settle: GroupCommit<SettleInput, Grant | undefined>;
  /**
   * Runs a claimed grant, counted as running until it ends (settled, released or failed), and
   * keeps its lease alive meanwhile (one renewal statement for every grant held here).
   */
  holding<T>(lease: HeldLease, run: () => Promise<T>): Promise<T>;
  /** The grants this process holds now (a crash watch must never take those). */
  held(): ReadonlySet<string>;
}

export interface HeldLease {
  readonly id: string;
  readonly owner: string;
}

/** A held lease is renewed this many times per lease period, so one late renewal is harmless. */
const RENEWALS_PER_LEASE = 3;

const batchings = new WeakMap<GrantDeps, GrantBatching>();

/**
 * How long a settlement waits for the other grants running here (PostgreSQL's commit_delay):
 * answers to one burst of calls arrive a few ms apart, and each transaction the embedded
 * database runs holds up the answers behind it. The wait ends early once every running grant is
 * waiting to settle, so this bounds only the wait for a grant that is slow (or backing off).
 */
const SETTLE_DELAY_MS = 15;

/** The grouped claim, identity read and settlement for these deps. */
export function grantBatching(deps: GrantDeps): GrantBatching {
  let batching = batchings.get(deps);
  if (!batching) {
    const leases = leaseKeeper(deps);
    batching = {
      claim: groupCommit((inputs) => claimGrants(deps.database.db, inputs)),
      identities: groupCommit((keys) => readIdentities(deps, keys)),
      settle: groupCommit((inputs) => settleGrantsAndAdvance(deps, inputs), {
        delayMs: SETTLE_DELAY_MS,
        complete: (waiting) => waiting >= leases.count(),
      }),
      holding: async (lease, run) => {
        leases.add(lease);
        try {
          return await run();
        } finally {
          leases.remove(lease);
        }
      },
      held: () => leases.ids(),
    };
    batchings.set(deps, batching);
  }
  return batching;
}

/**
 * The leases of the grants running here, renewed together on a timer while any is held. A worker
 * that dies stops renewing, so its grants are free again one lease period later (the crash watch
 * then re-queues them), however long a platform call or a back-off wait of a live worker takes.
 */
function leaseKeeper(deps: GrantDeps) {
  const held = new Map<string, HeldLease>();
  let timer: NodeJS.Timeout | undefined;
  const renew = async () => {
    const until = new Date(deps.now().getTime() + deps.grantPolicy.leaseMs);
    await renewGrantLeases(deps.database.db, [...held.values()], until).catch((error: unknown) =>
      deps.logger?.warn({ err: error }, 'could not renew grant leases'),
    );
  };
  return {
    count: () => held.size,
    ids: () => new Set(held.keys()),
    add(lease: HeldLease) {
      held.set(lease.id, lease);
      if (timer) return;
      timer = setInterval(() => void renew(), deps.grantPolicy.leaseMs / RENEWALS_PER_LEASE);
      timer.unref();
    },
    remove(lease: HeldLease) {
      if (held.get(lease.id) === lease) held.delete(lease.id);
      if (held.size > 0 || !timer) return;
      clearInterval(timer);
      timer = undefined;
    },
  };
}

/**
 * Reads each distinct (agency, onboarding, platform) once. A key whose read fails (no agency
 * business: GrantBlocked) rejects the batch, which groupCommit then retries item by item, so the
 * error reaches only the grants it concerns.
 */
async function readIdentities(
  deps: GrantDeps,
  keys: readonly GrantIdentityKey[],
): Promise<GrantIdentities[]> {
  const read = new Map<string, Promise<GrantIdentities>>();
  return Promise.all(
    keys.map((key) => {
      const id = `${key.agencyId}|${key.onboardingId}|${key.platform}`;
      let identities = read.get(id);
      if (!identities) {
        identities = grantIdentitiesFor(deps, key);
        read.set(id, identities);
      }
      return identities;
    }),
  );
}
