// Graph cursor pagination (meta-api.md §0 "Pagination"): `limit`, `after`, `before`;
// `paging.cursors.{before,after}`, `paging.next` only when more data exists.
import { invalidParam } from '../model/errors.ts';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 100;

const encode = (id: string) => Buffer.from(`c:${id}`).toString('base64url');

function decode(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('c:')) throw invalidParam('Invalid cursor');
  return text.slice(2);
}

export interface PageOptions {
  params: Record<string, string>;
  /** The request URL without query string, to build `next` / `previous`. */
  selfUrl: string;
  /** Query parameters to repeat in `next` / `previous` (fields, access_token when it came in the query). */
  carry: Record<string, string>;
}

/** Slices a list by `limit` and `after`/`before` and wraps it in Graph's `data` + `paging`. */
export function paginate<T>(
  rows: readonly T[],
  idOf: (row: T) => string,
  present: (row: T) => Record<string, unknown>,
  opts: PageOptions,
): Record<string, unknown> {
  const { params } = opts;
  const limit = params.limit === undefined ? DEFAULT_LIMIT : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 0)
    throw invalidParam('Param limit must be a non-negative integer');
  const size = Math.min(limit, MAX_LIMIT);
  let start = 0;
  let end: number;
  if (params.after !== undefined) {
    const id = decode(params.after);
    const at = rows.findIndex((r) => idOf(r) === id);
    start = at === -1 ? rows.length : at + 1;
    end = Math.min(rows.length, start + size);
  } else if (params.before !== undefined) {
    const id = decode(params.before);
    const at = rows.findIndex((r) => idOf(r) === id);
    end = at === -1 ? 0 : at;
    start = Math.max(0, end - size);
  } else {
    end = Math.min(rows.length, size);
  }
  const slice = rows.slice(start, end);
  const body: Record<string, unknown> = { data: slice.map(present) };
  const first = slice[0];
  const last = slice[slice.length - 1];
  if (first === undefined || last === undefined) return { ...body, paging: { cursors: {} } };
  const cursors = { before: encode(idOf(first)), after: encode(idOf(last)) };
  const link = (extra: Record<string, string>) =>
    `${opts.selfUrl}?${new URLSearchParams({ ...opts.carry, limit: String(size), ...extra }).toString()}`;
  const paging: Record<string, unknown> = { cursors };
  if (start > 0) paging.previous = link({ before: cursors.before });
  if (end < rows.length) paging.next = link({ after: cursors.after });
  return { ...body, paging };
}

/** Adds `summary.total_count` when `summary=true` or `summary=total_count` is sent. */
export function withSummary(
  body: Record<string, unknown>,
  params: Record<string, string>,
  total: number,
): Record<string, unknown> {
  const s = params.summary;
  if (s === 'true' || s === 'total_count' || s === '1')
    return { ...body, summary: { total_count: total } };
  return body;
}
