/**
 * The offboarding's states in words, shared by the report page in the dashboard and the printable
 * report the server writes, so neither shows `manual_pending` or `still_present` to a person.
 */

const actions: Readonly<Record<string, string>> = {
  revoke: 'Remove',
  manual: 'Remove by hand',
  keep: 'Keep',
};
const scopes: Readonly<Record<string, string>> = {
  asset: 'this asset only',
  none: 'nothing is removed',
};
const stepStatuses: Readonly<Record<string, string>> = {
  pending: 'Waiting',
  requested: 'Removal requested',
  revoked: 'Removed',
  not_present: 'Already gone',
  manual_pending: 'Waiting for a person',
  kept: 'Kept',
  failed: 'Failed',
};
const verifications: Readonly<Record<string, string>> = {
  gone: 'Verified gone',
  still_present: 'Still present',
  unknown: 'Not known yet',
  kept: 'Kept',
  confirmed: 'Confirmed by a member, not verified',
};
const statuses: Readonly<Record<string, string>> = {
  running: 'Running',
  verifying: 'Verifying',
  completed: 'Completed',
  needs_attention: 'Needs attention',
};

const words = (table: Readonly<Record<string, string>>, id: string | null | undefined) =>
  id ? (table[id] ?? id.replaceAll('_', ' ')) : '—';

/** "Remove (this asset only)". */
export function offboardingActionWords(action: string, scope: string): string {
  return `${words(actions, action)} (${words(scopes, scope)})`;
}

/** A step's result: "Removed", "Waiting for a person", ... */
export function offboardingStepWords(status: string | null | undefined): string {
  return words(stepStatuses, status);
}

/** A step's verification: "Verified gone", "Still present", ... */
export function offboardingVerifiedWords(verified: string | null | undefined): string {
  return words(verifications, verified);
}

/** The offboarding's own status: "Completed", "Needs attention", ... */
export function offboardingStatusWords(status: string): string {
  return words(statuses, status);
}
