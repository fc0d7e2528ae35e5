// Zod pieces for TikTok's wire types (tiktok-api.md §0, §12): string IDs, string enum keys,
// `page`/`page_size` as query integers, `filtering` as one JSON-encoded query value.
import { z } from 'zod';

/** IDs are strings on the wire that the gateway converts with int64(%s). */
export const idString = z.string().regex(/^\d{1,19}$/, 'must be a numeric ID string');

export const bcAsset = z.enum([
  'ADVERTISER',
  'PIXEL',
  'CATALOG',
  'STOREFRONT',
  'DOMAIN',
  'TT_ACCOUNT',
  'LEAD',
  'TIKTOK_SHOP',
]);
/** BCAsset without DOMAIN: the GET list endpoints mark DOMAIN invalid. */
export const bcAssetListable = z.enum([
  'ADVERTISER',
  'PIXEL',
  'CATALOG',
  'STOREFRONT',
  'TT_ACCOUNT',
  'LEAD',
  'TIKTOK_SHOP',
]);
export const advertiserRole = z.enum(['ADMIN', 'OPERATOR', 'ANALYST']);
export const catalogRole = z.enum(['ADMIN', 'AD_PROMOTE']);
export const storeRole = z.enum(['MANAGER', 'AD_PROMOTION']);
export const ttAccountRole = z.enum(['POST', 'LIVE', 'DIRECT_MESSAGE']);
export const userRole = z.enum(['ADMIN', 'STANDARD']);
export const financeRole = z.enum(['MANAGER', 'ANALYST']);
export const relationStatus = z.enum(['BOUND', 'UNBOUND', 'PENDING', 'REJECTED']);

/** A positive integer sent as a query string. */
function queryInt(min: number, max?: number): z.ZodType<number | undefined> {
  let n = z.number().int().min(min);
  if (max !== undefined) n = n.max(max);
  return z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .pipe(n)
    .optional();
}

/** `page` (≥1, default 1) and `page_size` (1..max, default 10). */
export function pagingQuery(maxPageSize: number): {
  page: z.ZodType<number | undefined>;
  page_size: z.ZodType<number | undefined>;
} {
  return { page: queryInt(1), page_size: queryInt(1, maxPageSize) };
}

/** A `filtering` query value: JSON text that must decode to the given strict object. */
export function filteringQuery<T extends z.ZodType>(shape: T): z.ZodType<z.output<T> | undefined> {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'filtering must be a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(shape)
    .optional();
}

/** A strict object: unknown keys are refused (40002), as the gateway validates parameters. */
export const strict = z.strictObject;
