// Graph's error: `{"error":{"message","type","code","error_subcode","fbtrace_id"}}` (meta-api.md §5).

export type GraphErrorType = 'OAuthException' | 'GraphMethodException';

export interface GraphErrorFields {
  subcode?: number;
  type?: GraphErrorType;
  isTransient?: boolean;
  /** HTTP status; Graph's statuses are undocumented (meta-api.md item 1): 400 by default. */
  status?: number;
  /** Extra response headers (usage headers on throttling). */
  headers?: Record<string, string>;
  userTitle?: string;
  userMsg?: string;
}

/** A Graph error the routes turn into Graph's JSON body. */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  constructor(
    readonly code: number,
    message: string,
    readonly fields: GraphErrorFields = {},
  ) {
    super(message);
  }
}

/** `(#100)` invalid parameter. */
export function invalidParam(message: string, subcode?: number): GraphError {
  return new GraphError(100, `(#100) ${message}`, {
    type: 'OAuthException',
    ...(subcode === undefined ? {} : { subcode }),
  });
}

/** `(#200)` permissions error on an object the caller cannot act on. */
export function permissionError(message = 'Permissions error'): GraphError {
  return new GraphError(200, `(#200) ${message}`, { type: 'OAuthException' });
}

/** `(#10)` the app/token was not granted the permission (scope) this call needs. */
export function scopeMissing(scope: string): GraphError {
  return new GraphError(
    10,
    `(#10) Application does not have permission for this action: requires ${scope}`,
    { type: 'OAuthException' },
  );
}

/** Unknown object, or one the caller may not see: code 100, subcode 33. */
export function unknownObject(id: string, method: string): GraphError {
  return new GraphError(
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    { type: 'GraphMethodException', subcode: 33 },
  );
}

/** `190`: the access token is invalid or expired. */
export function invalidToken(subcode?: number): GraphError {
  return new GraphError(190, 'Invalid OAuth access token - Cannot parse access token', {
    type: 'OAuthException',
    ...(subcode === undefined ? {} : { subcode }),
  });
}
