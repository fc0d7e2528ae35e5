/** JSON calls to the Latchkey API from the dashboard (same origin; the session cookie rides along). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Calls the API; resolves with the JSON body (undefined for 204) or throws an ApiError. */
export async function apiFetch<T>(
  path: string,
  options: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (json as { error?: { code: string; message: string; details?: unknown } })?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'error',
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return json as T;
}

/** A readable message for any failure, with zod issue paths when there are some. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong';
  const details = Array.isArray(error.details)
    ? (error.details as { path?: unknown[]; message?: string }[])
        .map((detail) => `${(detail.path ?? []).join('.')}: ${detail.message ?? ''}`)
        .join('; ')
    : '';
  return details ? `${error.message} (${details})` : error.message;
}

/** The token carried in the page's URL fragment (`#token=...`), which never reaches a server. */
export function tokenFromFragment(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}
