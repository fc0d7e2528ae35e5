/** Plain words for grant statuses and link states, shared by the request pages. */
import { formatDateTime } from '../../format/date.ts';
import type { GrantStatus, RequestView } from './types.ts';

export const grantStatusLabels: Readonly<Record<GrantStatus, string>> = {
  queued: 'Queued',
  running: 'Granting…',
  granted: 'Granted',
  pending_acceptance: 'Pending acceptance',
  needs_manual_step: 'Needs a manual step',
  failed: 'Failed',
  revoked: 'Revoked',
};

/** True while a grant is still being worked on, so the pages keep refreshing. */
export function isInProgress(status: GrantStatus): boolean {
  return status === 'queued' || status === 'running';
}

export type LinkState = 'open' | 'opened' | 'expired' | 'revoked';

/** The client link's state: revoked and expired win over open; `opened` once the client used it. */
export function linkStateOf(request: RequestView, now = Date.now()): LinkState {
  if (request.linkRevokedAt || request.status === 'revoked') return 'revoked';
  if (request.status === 'expired' || Date.parse(request.linkExpiresAt) <= now) return 'expired';
  return request.linkOpenedAt ? 'opened' : 'open';
}

export const linkStateLabels: Readonly<Record<LinkState, string>> = {
  open: 'Open, not yet used',
  opened: 'Opened by the client',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** A short local date and time for tables (the one formatter, format/date.ts). */
export function formatWhen(iso: string | null): string {
  return formatDateTime(iso);
}

export const requestStatusLabels: Readonly<Record<RequestView['status'], string>> = {
  open: 'Open',
  completed: 'Completed',
  partial: 'Partly granted',
  revoked: 'Revoked',
  expired: 'Expired',
};
