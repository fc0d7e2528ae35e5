/**
 * What the client page says when the API refuses: in the page's language for what a client meets
 * (a wrong, expired or withdrawn link, too many tries, a platform not answering), else the
 * server's own message.
 */
import { ApiError } from '../dashboard/api.ts';
import type { Translate } from './messages.ts';

export function describeClientError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errorGeneric');
  const reason =
    typeof error.details === 'object' && error.details !== null && 'reason' in error.details
      ? error.details.reason
      : undefined;
  if (error.code === 'not_found' && reason === 'unknown_link') return t('errorNotFound');
  if (error.code === 'gone' && reason === 'expired') return t('errorExpired');
  if (error.code === 'gone' && reason === 'revoked') return t('errorWithdrawn');
  if (error.code === 'rate_limited') return t('errorTooMany');
  if (error.code === 'unavailable') return t('errorUnavailable');
  if (error.status >= 500) return t('errorGeneric');
  return error.message;
}
