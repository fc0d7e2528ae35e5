/**
 * Keyset paging for lists: a list is ordered by one key column and the row id, a page asks for
 * one row more than it shows (to know whether another follows), and the next page starts
 * strictly after the last row shown, so rows added meanwhile neither repeat nor shift a page.
 * Time keys travel as whole microseconds since the epoch (exact; a JavaScript Date would lose
 * the microseconds PostgreSQL keeps and repeat rows).
 */
import { sql, type SelectQueryBuilder } from 'kysely';

/** How a list is ordered: the key column, the id column, the key's kind and the direction. */
export interface ListOrder {
  readonly key: string;
  readonly id: string;
  readonly kind: 'time' | 'text';
  /** The id column's type: uuid (the default) or text (API keys' short ids). */
  readonly idKind?: 'uuid' | 'text';
  readonly direction: 'asc' | 'desc';
}

/** Where a page starts: after the row with this key and id (as `PagePosition` gave them). */
export interface PagePosition {
  readonly key: string;
  readonly id: string;
}

export interface PageRequest {
  readonly limit: number;
  readonly after?: PagePosition | undefined;
}

export interface Page<Row> {
  readonly rows: Row[];
  /** The last row's position when another page follows, else null. */
  readonly next: PagePosition | null;
}

/** Runs `query` for one page in `order`. */
export async function fetchPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  order: ListOrder,
  page: PageRequest,
): Promise<Page<O>> {
  const key = sql.ref(order.key);
  const id = sql.ref(order.id);
  const keyText =
    order.kind === 'time'
      ? sql<string>`(extract(epoch from ${key}) * 1000000)::bigint::text`
      : sql<string>`${key}::text`;
  let paged = query
    .select([keyText.as('page_key'), sql<string>`${id}::text`.as('page_id')])
    .orderBy(key, order.direction)
    .orderBy(id, order.direction)
    .limit(page.limit + 1);
  const after = page.after;
  if (after) {
    const afterKey =
      order.kind === 'time'
        ? sql`timestamptz 'epoch' + ${after.key}::bigint * interval '1 microsecond'`
        : sql`${after.key}`;
    const compare = sql.raw(order.direction === 'desc' ? '<' : '>');
    const afterId = order.idKind === 'text' ? sql`${after.id}::text` : sql`${after.id}::uuid`;
    paged = paged.where(sql<boolean>`(${key}, ${id}) ${compare} (${afterKey}, ${afterId})`);
  }
  const found = (await paged.execute()) as (O & { page_key: string; page_id: string })[];
  const rows = found.slice(0, page.limit);
  const last = found.length > page.limit ? rows.at(-1) : undefined;
  return { rows, next: last ? { key: last.page_key, id: last.page_id } : null };
}
