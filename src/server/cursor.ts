/**
 * Opaque cursors for lists ordered newest first by (created_at, id): the cursor names the last
 * row of a page, and the next page starts strictly after it, so rows added meanwhile neither
 * repeat nor shift a page.
 */
import { z } from 'zod';
import type { ListOrder, PagePosition, PageRequest } from '../store/keyset.ts';
import { AppError } from './errors.ts';

export interface CursorPosition {
  readonly createdAt: Date;
  readonly id: string;
}

/** Encodes the last row of a page. */
export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
}

/** Decodes a cursor from a query string; a cursor Latchkey did not write is a 400. */
export function decodeCursor(cursor: string): CursorPosition {
  const [at, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (extra !== undefined || Number.isNaN(createdAt.getTime()) || !id || !uuid.test(id)) {
    throw new AppError('invalid_query', 'cursor is not one this list gave out', {
      field: 'cursor',
    });
  }
  return { createdAt, id };
}

/** `?limit=&cursor=` of every paged list (newest API lists; see store/keyset.ts). */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  /** `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(600).optional(),
});

/** The `nextCursor` field of a paged list's answer: null on the last page. */
export const NextCursorSchema = z
  .string()
  .nullable()
  .describe('Pass as `cursor` to get the next page; null on the last page');

const TEXT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The page a query asks for; a cursor Latchkey did not write (or of another key kind) is a 400. */
export function pageRequest(
  query: { limit: number; cursor?: string | undefined },
  order: Pick<ListOrder, 'kind' | 'idKind'>,
): PageRequest {
  if (query.cursor === undefined) return { limit: query.limit };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(query.cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const [key, id] = (Array.isArray(parsed) && parsed.length === 2 ? parsed : []) as unknown[];
  const keyOk =
    typeof key === 'string' &&
    (order.kind === 'time' ? /^-?\d{1,18}$/.test(key) : key.length <= 400);
  const idOk = typeof id === 'string' && (order.idKind === 'text' ? TEXT_ID : UUID).test(id);
  if (!keyOk || !idOk) {
    throw new AppError('invalid_query', 'cursor is not one this list gave out', {
      field: 'cursor',
    });
  }
  return { limit: query.limit, after: { key, id } };
}

/** The cursor for the page after `next` (null on the last page). */
export function nextCursor(next: PagePosition | null): string | null {
  return next ? Buffer.from(JSON.stringify([next.key, next.id])).toString('base64url') : null;
}
