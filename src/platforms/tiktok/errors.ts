/**
 * TikTok's numeric `code` (any value but 0 is an error, even on HTTP 200) mapped to our
 * PlatformError kinds. Source of the codes: tiktok-api.md §13 ([SDK-CODES] `tiktok_code.py`);
 * the kinds are our reading of the official constant names.
 */
import { PlatformError, type PlatformErrorKind } from '../errors.ts';

/** Code → kind for every code the connector can meet on the endpoints it calls. */
export const tiktokErrorKinds: Readonly<Record<number, PlatformErrorKind>> = {
  20001: 'unexpected', // ERROR_CODE_PARTIAL_OK: a batched share is then retried asset by asset
  40000: 'invalid', // INVALID_PARAMS
  40001: 'permission', // PERMISSION_ERROR
  40002: 'invalid', // PARAM_ERROR
  40003: 'permission', // FORBIDDEN
  40007: 'not_found', // NOT_EXIST
  40011: 'invalid', // ID_LIMIT_EXCEED
  40012: 'conflict', // NO_UPDATE
  40050: 'conflict', // DUPLICATED_REQUEST
  40100: 'rate_limited', // REQUEST_TOO_FREQUENT
  40101: 'invalid', // INVALID_PARTNER
  40102: 'auth', // ACCESS_TOKEN_EXPIRE
  40103: 'auth', // REFRESH_TOKEN_EXPIRE
  40104: 'auth', // EMPTY_ACCESS_TOKEN
  40105: 'auth', // INVALID_ACCESS_TOKEN
  40106: 'auth', // INVALID_CORE_USER
  40107: 'auth', // INVALID_REFRESH_TOKEN
  40108: 'auth', // INVALID_GRANT_TYPE
  40110: 'auth', // AUTH_CODE_ERROR (bad, expired or replayed auth_code)
  40113: 'permission', // APP_FORBIDDEN
  40115: 'auth', // AUTH_TIMESTAMP_EXPIRE
  40118: 'permission', // NOT_IN_WHITELIST
  40125: 'permission', // DEVELOPER_NO_PERMISSION
  40130: 'permission', // SCOPE_NOT_AUTHORIZED
  40132: 'rate_limited', // REQUEST_FREQUENCY_LIMITED
  40200: 'unavailable', // GENERAL_TASK_ERROR
  40201: 'unavailable', // TASK_NOT_READY
  40202: 'unavailable', // WRITE_CONFLICT: transient; the retry re-reads before writing
  40300: 'not_found', // ADVERTISER_NOT_EXIST
  40301: 'permission', // ADVERTISER_ROLE_ERROR
  40400: 'unexpected', // ROUTE_NOT_FOUND: a connector bug, not the client's problem
  40700: 'invalid', // RPC_VALIDATION_ERROR
  41001: 'unexpected', // INTERFACE_OFFLINE
  50000: 'unavailable', // SYS_ERROR
  50002: 'unavailable', // SYS_TIMEOUT
  51060: 'unavailable', // BC_RPC_ERROR
  60001: 'unavailable', // MAINTENANCE
  61000: 'rate_limited', // TOO_MANY_REQUESTS_BL
};

/** The kind for a TikTok code; unlisted 5xxxx codes (internal services) are treated as outages. */
export function classifyTikTokCode(code: number): PlatformErrorKind {
  const known = tiktokErrorKinds[code];
  if (known !== undefined) return known;
  if (code >= 50000 && code < 60000) return 'unavailable';
  if (code >= 40900 && code < 41000) return 'invalid';
  return 'unexpected';
}

/** Builds the PlatformError for a TikTok error envelope. */
export function toPlatformError(input: {
  code: number;
  message: string;
  requestId?: string | undefined;
  retryAfterMs: number;
}): PlatformError {
  const kind = classifyTikTokCode(input.code);
  const extra: { retryAfterMs?: number; requestId?: string } = {};
  if (kind === 'rate_limited' || kind === 'unavailable') extra.retryAfterMs = input.retryAfterMs;
  if (input.requestId !== undefined) extra.requestId = input.requestId;
  const message = input.message.trim() === '' ? `TikTok error ${input.code}` : input.message;
  return new PlatformError(kind, `TikTok: ${message}`, String(input.code), extra);
}
