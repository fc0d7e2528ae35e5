// Request-body checks shared by the routes: Google rejects unknown JSON fields by name.
import type { FastifyRequest } from 'fastify';
import { fail, failAds } from '../model/errors.ts';

/** The JSON body as an object; a non-object is INVALID_ARGUMENT. */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body))
    fail('INVALID_ARGUMENT', 'Invalid JSON payload received. Expected an object.');
  return body as Record<string, unknown>;
}

/** Rejects fields the message does not define, in Google's words ("Unknown name"). */
export function rejectUnknown(
  body: Record<string, unknown>,
  allowed: readonly string[],
  where = '',
): void {
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown !== undefined)
    fail(
      'INVALID_ARGUMENT',
      `Invalid JSON payload received. Unknown name "${unknown}"${where ? ` at '${where}'` : ''}: Cannot find field.`,
    );
}

/** A 10-digit customer id from the URL, or requestError INVALID_CUSTOMER_ID. */
export function customerIdParam(request: FastifyRequest): string {
  const id = (request.params as { customerId?: string }).customerId ?? '';
  if (!/^\d{10}$/.test(id))
    failAds(
      'INVALID_ARGUMENT',
      'requestError',
      'INVALID_CUSTOMER_ID',
      'The customer ID is invalid.',
    );
  return id;
}

/** Reads a page token `offset:N` (opaque to clients); a bad one is INVALID_ARGUMENT. */
export function pageOffset(token: unknown): number {
  if (token === undefined || token === '') return 0;
  const m =
    typeof token === 'string' ? /^p(\d+)$/.exec(Buffer.from(token, 'base64url').toString()) : null;
  if (!m) fail('INVALID_ARGUMENT', 'Invalid page token.');
  return Number(m[1]);
}

/** Slices a list into one page with a `nextPageToken` when more remain. */
export function paginate<T>(
  items: T[],
  offset: number,
  size: number,
): { page: T[]; nextPageToken?: string } {
  const page = items.slice(offset, offset + size);
  const rest = offset + size < items.length;
  return rest
    ? { page, nextPageToken: Buffer.from(`p${offset + size}`).toString('base64url') }
    : { page };
}

/** A body value as text for checks and messages (objects as JSON, absent as ''). */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
