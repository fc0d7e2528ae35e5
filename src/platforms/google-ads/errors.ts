/**
 * Google Ads errors: the REST error body with a GoogleAdsFailure detail (google-api.md §2) read
 * into PlatformError; `platformCode` is `category.VALUE` (e.g. `managerLinkError.TOO_MANY_INVITES`)
 * and a quotaError's retryDelay becomes `retryAfterMs`.
 */
import type { PlatformError } from '../errors.ts';
import { googleError } from '../google/errors.ts';
import type { HttpResponse } from '../http.ts';
import { googleAdsManifest } from './manifest.ts';

/** The `platformError` reader for requestJson: undefined for a 2xx answer. */
export function adsPlatformError(response: HttpResponse): PlatformError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  return googleError(
    response.status,
    response.body,
    googleAdsManifest.rateLimit.defaultRetryAfterMs,
  );
}

/** What each managerLinkError means for the client, in plain words (invitation limits included). */
export const MANAGER_LINK_HELP: Readonly<Record<string, string>> = {
  'managerLinkError.TOO_MANY_INVITES':
    'The agency manager account has too many pending invitations; older invitations must be accepted or cancelled first.',
  'managerLinkError.TOO_MANY_MANAGERS':
    'This Google Ads account already has the most manager links it may have.',
  'managerLinkError.ALREADY_MANAGED_IN_HIERARCHY':
    'This account is already managed within the agency’s manager hierarchy.',
  'managerLinkError.NON_OWNER_USER_CANNOT_MODIFY_LINK':
    'Only an admin of the Google Ads account can accept a manager link.',
  'managerLinkError.CUSTOMER_CANNOT_MANAGE_SELF': 'The account cannot be linked to itself.',
  'managerLinkError.CYCLE_NOT_ALLOWED':
    'Linking would put the agency manager under its own client.',
};
