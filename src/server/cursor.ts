/**
 * Opaque cursors for lists ordered newest first by (created_at, id): the cursor names the last
 * row of a page, and the next page starts strictly after it, so rows added meanwhile neither
 * repeat nor shift a page.
 */
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
