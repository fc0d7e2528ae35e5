/**
 * AppError: the one error type routes and services throw. Its literal-union code maps to one HTTP
 * status in one table; every error body is `{ "error": { "code", "message", "details"? } }`.
 */
export const errorStatus = {
  invalid_body: 400,
  invalid_query: 400,
  invalid_params: 400,
  invalid_headers: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  expectation_failed: 417,
  unprocessable: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** The serialized error body, for answers written straight to a socket. */
export function errorJson(code: string, message: string): string {
  return JSON.stringify(errorBody(code, message));
}

/** Builds the error body; `requestId` is added for 5xx so operators can find the log line. */
export function errorBody(
  code: string,
  message: string,
  details?: unknown,
  requestId?: string,
): ErrorBody {
  return {
    error: {
      code,
      message,
      ...(details === undefined ? {} : { details }),
      ...(requestId === undefined ? {} : { requestId }),
    },
  };
}
