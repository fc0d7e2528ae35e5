/**
 * Drift rules: what one reading of a granted asset means against the level Latchkey granted, and
 * how the asset's check state moves from one sweep to the next. A failed read is `unknown`
 * (retrying) and keeps the last known state: it never turns into `lost` and never alerts.
 * Pure: no I/O.
 */
export type CheckOutcome = 'holds' | 'downgraded' | 'lost' | 'unknown';

/** A platform's answer for one asset (structurally the connector's AccessReading). */
export type Reading =
  | { readonly kind: 'holds'; readonly level: string }
  | { readonly kind: 'pending'; readonly level: string }
  | { readonly kind: 'lost' };

export interface Classified {
  readonly outcome: 'holds' | 'downgraded' | 'lost';
  readonly levelFound: string | null;
}

/**
 * Classifies a reading against the granted level; `levels` are the asset type's levels, lowest
 * first. A level the manifest does not know counts as downgraded (an alert beats silence); a
 * relation that went back to pending gives no access, so it is lost.
 */
export function classifyReading(
  expectedLevel: string,
  reading: Reading,
  levels: readonly string[],
): Classified {
  if (reading.kind === 'lost') return { outcome: 'lost', levelFound: null };
  if (reading.kind === 'pending') return { outcome: 'lost', levelFound: null };
  const found = levels.indexOf(reading.level);
  const expected = levels.indexOf(expectedLevel);
  if (found < 0 || (expected >= 0 && found < expected)) {
    return { outcome: 'downgraded', levelFound: reading.level };
  }
  return { outcome: 'holds', levelFound: reading.level };
}

export interface CheckState {
  readonly outcome: CheckOutcome;
  /** The last level read (kept through unknowns); null when lost or never read. */
  readonly levelFound: string | null;
  /** When the current drift was first seen; null while the asset holds. */
  readonly driftSince: Date | null;
  /** When the platform last gave a real answer. */
  readonly verifiedAt: Date | null;
  readonly failures: number;
  readonly lastError: string | null;
}

export type CheckResult =
  | { readonly kind: 'read'; readonly classified: Classified }
  | { readonly kind: 'failed'; readonly error: string };

export interface CheckTransition {
  readonly state: CheckState;
  /** A new drift (or a different one): alert the agency. */
  readonly alert: boolean;
  /** A drift that is over (the access is back). */
  readonly resolved: boolean;
}

/** The next check state after one result, and whether it raises or ends an alert. */
export function nextCheckState(
  previous: CheckState | undefined,
  result: CheckResult,
  now: Date,
): CheckTransition {
  if (result.kind === 'failed') {
    return {
      state: {
        outcome: 'unknown',
        levelFound: previous?.levelFound ?? null,
        driftSince: previous?.driftSince ?? null,
        verifiedAt: previous?.verifiedAt ?? null,
        failures: (previous?.failures ?? 0) + 1,
        lastError: result.error,
      },
      alert: false,
      resolved: false,
    };
  }
  const { outcome, levelFound } = result.classified;
  const base = { outcome, levelFound, verifiedAt: now, failures: 0, lastError: null };
  if (outcome === 'holds') {
    return {
      state: { ...base, driftSince: null },
      alert: false,
      resolved: Boolean(previous?.driftSince),
    };
  }
  const same = previous?.driftSince
    ? driftSignature(previous) === `${outcome}:${levelFound}`
    : false;
  return {
    state: { ...base, driftSince: same && previous?.driftSince ? previous.driftSince : now },
    alert: !same,
    resolved: false,
  };
}

/** The last known drift of a state in drift (levelFound null means lost). */
function driftSignature(state: CheckState): string {
  return state.levelFound === null ? 'lost:null' : `downgraded:${state.levelFound}`;
}

/** Counts outcomes for a sweep summary. */
export function summariseOutcomes(outcomes: readonly CheckOutcome[]): Record<CheckOutcome, number> {
  const summary: Record<CheckOutcome, number> = { holds: 0, downgraded: 0, lost: 0, unknown: 0 };
  for (const outcome of outcomes) summary[outcome] += 1;
  return summary;
}

/** Drifted assets of one client (or of one request made without a client). */
export interface DriftGroup<T> {
  readonly clientId: string | null;
  /** Set only when clientId is null. */
  readonly requestId: string | null;
  readonly items: readonly T[];
}

/**
 * Groups drifted assets by the client they belong to (a request without a client is its own
 * group), in first-seen order. Drift is about a client: each group gets its own alert, emails and
 * re-request, so nothing about one client reaches another.
 */
export function groupDriftByClient<
  T extends { readonly clientId: string | null; readonly requestId: string },
>(items: readonly T[]): DriftGroup<T>[] {
  const groups = new Map<
    string,
    { clientId: string | null; requestId: string | null; items: T[] }
  >();
  for (const item of items) {
    const key = item.clientId ?? `request:${item.requestId}`;
    const group = groups.get(key) ?? {
      clientId: item.clientId,
      requestId: item.clientId === null ? item.requestId : null,
      items: [],
    };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()];
}
