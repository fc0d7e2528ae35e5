// The response envelope {code, message, request_id, data} (tiktok-api.md §0, [SDK-ENV]).
import type { ModelContext } from '../model/types.ts';
import { newSecret } from '../model/ids.ts';

export interface Envelope {
  code: number;
  message: string;
  request_id: string;
  data: unknown;
}

/** Makes a TikTok-looking request id (a timestamp followed by hex). */
export function newRequestId(ctx: Pick<ModelContext, 'now' | 'random'>): string {
  const d = ctx.now();
  const ts = d.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${ts}${newSecret(ctx, 8).toUpperCase()}`;
}

/** A success envelope. */
export function ok(requestId: string, data: unknown): Envelope {
  return { code: 0, message: 'OK', request_id: requestId, data };
}

/** An error envelope (sent with HTTP 200; tiktok-api.md unverified item 5). */
export function fail(requestId: string, code: number, message: string): Envelope {
  return { code, message, request_id: requestId, data: {} };
}

/**
 * Pages a list: `data.list` plus `data.page_info` {page, page_size, total_number, total_page};
 * `present` shapes only the page's items, not the whole list.
 */
export function paginate<T, U = T>(
  items: T[],
  page = 1,
  pageSize = 10,
  present: (item: T) => U = (item) => item as unknown as U,
): { list: U[]; page_info: Record<string, number> } {
  const start = (page - 1) * pageSize;
  return {
    list: items.slice(start, start + pageSize).map(present),
    page_info: {
      page,
      page_size: pageSize,
      total_number: items.length,
      total_page: Math.ceil(items.length / pageSize),
    },
  };
}
