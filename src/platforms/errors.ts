/** The one error type connectors throw; expected outcomes are returned, not thrown. */
export type PlatformErrorKind =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'invalid'
  | 'unexpected';

const retryableKinds: ReadonlySet<PlatformErrorKind> = new Set(['rate_limited', 'unavailable']);

export class PlatformError extends Error {
  override readonly name = 'PlatformError';
  readonly retryable: boolean;

  constructor(
    readonly kind: PlatformErrorKind,
    message: string,
    readonly platformCode: string,
    readonly extra: { retryAfterMs?: number; requestId?: string } = {},
  ) {
    super(message);
    this.retryable = retryableKinds.has(kind);
  }
}

/** True when an unknown thrown value is a PlatformError worth retrying. */
export function isRetryable(error: unknown): boolean {
  return error instanceof PlatformError ? error.retryable : false;
}

/** Whether an error says the caller may not see the thing (permission) or it is not there. */
export function isDeniedOrMissing(error: unknown): boolean {
  return (
    error instanceof PlatformError && (error.kind === 'permission' || error.kind === 'not_found')
  );
}
