// Rest.li 2.0 on the sandbox side (linkedin-api-api.md §0, §5, §6): LinkedIn's error body, the
// request checks every `/rest` call passes, key and query decoding, and start/count paging.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createRequire } from 'node:module';
import type * as LinkedInClient from 'linkedin-api-client';
import { LinkedInRuleError } from './model.ts';

const require = createRequire(import.meta.url);
/** The client's Rest.li codec, required on first use (issue #17: not loaded at start). */
const linkedInUtils = (): typeof LinkedInClient.utils =>
  (require('linkedin-api-client') as typeof LinkedInClient).utils;

/** LinkedIn's error body: `{status, serviceErrorCode, code, message}` (linkedin-api.md §6). */
export function sendLinkedInError(reply: FastifyReply, error: LinkedInRuleError): FastifyReply {
  const serviceErrorCode =
    error.code === 'ILLEGAL_ARGUMENT' || error.code === 'ACCESS_DENIED' ? 100 : error.status;
  if (error.retryAfterSeconds !== undefined)
    reply.header('retry-after', String(error.retryAfterSeconds));
  return reply
    .code(error.status)
    .header('x-restli-protocol-version', '2.0.0')
    .send({ status: error.status, serviceErrorCode, code: error.code, message: error.message });
}

/** Throws 400 ILLEGAL_ARGUMENT. */
export function illegal(message: string): never {
  throw new LinkedInRuleError(400, 'ILLEGAL_ARGUMENT', message);
}

/** The raw (still encoded) query string of a request. */
export function rawQuery(request: FastifyRequest): string {
  const url = request.raw.url ?? '';
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/** The raw path segment after `prefix` (a Rest.li key, still encoded). */
export function rawKey(request: FastifyRequest, resource: string): string {
  const path = (request.raw.url ?? '').split('?')[0] ?? '';
  const at = path.indexOf(`/${resource}/`);
  return at < 0 ? '' : path.slice(at + resource.length + 2);
}

/** Raw form bodies by request (query tunnelling sends the query as a form body). */
const rawForms = new WeakMap<FastifyRequest, string>();

/** Keeps a request's raw form body, so a tunnelled query decodes like a URL's. */
export function rememberForm(request: FastifyRequest, text: string): void {
  rawForms.set(request, text);
}

/**
 * Rest.li-decoded query parameters; a malformed query is a 400. A query too long for a URL comes
 * tunnelled (linkedin-api.md §0): `POST` with `X-HTTP-Method-Override: GET` and the query as a
 * form body; any other POST to a finder is a 400.
 */
export function restliQuery(request: FastifyRequest): Record<string, unknown> {
  let raw = rawQuery(request);
  if (request.method === 'POST') {
    if (request.headers['x-http-method-override'] !== 'GET')
      return illegal('POST on a collection needs X-HTTP-Method-Override: GET (query tunnelling)');
    raw = rawForms.get(request) ?? '';
  }
  if (raw === '') return {};
  try {
    return linkedInUtils().paramDecode(raw);
  } catch {
    return illegal('Malformed query string');
  }
}

/** A compound key `(a:…,b:…)` decoded to its fields; anything else is a 400. */
export function compoundKey(raw: string, fields: readonly string[]): Record<string, string> {
  let decoded: unknown;
  try {
    decoded = linkedInUtils().decode(raw);
  } catch {
    return illegal(`Malformed key ${raw}`);
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded))
    return illegal(`Expected a compound key (${fields.join(',')})`);
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = (decoded as Record<string, unknown>)[field];
    if (typeof value !== 'string') return illegal(`Key field ${field} is missing`);
    out[field] = value;
  }
  if (Object.keys(decoded).length !== fields.length) illegal('Unexpected key fields');
  return out;
}

/** The numeric id of `urn:li:<kind>:<id>`; anything else is a 400. */
export function urnNumber(urn: unknown, kind: string): number {
  const match =
    typeof urn === 'string' ? new RegExp(`^urn:li:${kind}:(\\d{1,18})$`).exec(urn) : null;
  if (!match?.[1]) return illegal(`Expected urn:li:${kind}:<id>, got ${String(urn)}`);
  return Number(match[1]);
}

/** The member id of `urn:li:person:<id>`; anything else is a 400. */
export function personId(urn: unknown): string {
  const match = typeof urn === 'string' ? /^urn:li:person:([A-Za-z0-9_-]{1,40})$/.exec(urn) : null;
  if (!match?.[1]) return illegal(`Expected urn:li:person:<id>, got ${String(urn)}`);
  return match[1];
}

/** One enum value of a query parameter, or undefined when absent. */
export function enumParam<T extends string>(
  value: unknown,
  allowed: readonly T[],
  name: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  return illegal(`Invalid value for ${name}: ${JSON.stringify(value)}`);
}

/**
 * start/count paging (linkedin-api.md §5): start ≥ 0 (default 0), 1 ≤ count ≤ 1000 (default 10).
 * The page carries `paging.total` and no links.
 */
export function page<T>(
  items: readonly T[],
  query: Record<string, unknown>,
): { elements: T[]; paging: { start: number; count: number; total: number; links: [] } } {
  const start = intParam(query.start, 0, 'start');
  const count = intParam(query.count, 10, 'count');
  if (start < 0) illegal('start must be 0 or more');
  if (count < 1 || count > 1000) illegal('count must be between 1 and 1000');
  return {
    elements: items.slice(start, start + count),
    paging: { start, count, total: items.length, links: [] },
  };
}

function intParam(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && /^-?\d{1,9}$/.test(value)) return Number(value);
  return illegal(`${name} must be an integer`);
}
