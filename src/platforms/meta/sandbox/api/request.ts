// Reads a Graph HTTP request: version and path segments, parameters from query and body, the
// access token from the Authorization header (Bearer/OAuth), the query, or the body.
import type { FastifyRequest } from 'fastify';
import { redactParams } from '../../../sandbox-kit/request-log.ts';
import type { RequestLogEntry } from '../runtime.ts';
import type { GraphCall, GraphMethod } from './call.ts';

const SECRET_PARAMS = new Set([
  'access_token',
  'appsecret_proof',
  'client_secret',
  'code',
  'code_verifier',
  'fb_exchange_token',
  'input_token',
]);

function flatten(source: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (source === null || typeof source !== 'object') return out;
  for (const [k, v] of Object.entries(source as Record<string, unknown>)) {
    if (v === undefined || v === null) continue;
    out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

function headerToken(request: FastifyRequest): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** Parses one Graph request into the handler's call (without the runtime) and its log entry. */
export function readGraphRequest(request: FastifyRequest, prefix: string) {
  const url = new URL(request.url, 'http://sandbox.local');
  const rest = url.pathname.slice(`${prefix}/graph/`.length);
  const [version = '', ...segments] = rest
    .split('/')
    .filter((s) => s !== '')
    .map(decodeURIComponent);
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => {
    query[k] = v;
  });
  const body = flatten(request.body);
  const fromHeader = headerToken(request);
  const tokenIn: RequestLogEntry['tokenIn'] =
    fromHeader !== undefined
      ? 'header'
      : query.access_token !== undefined
        ? 'query'
        : body.access_token !== undefined
          ? 'body'
          : null;
  const bearer = fromHeader ?? query.access_token ?? body.access_token;
  const proof = query.appsecret_proof ?? body.appsecret_proof;
  const params: Record<string, string> = { ...query, ...body };
  delete params.access_token;
  delete params.appsecret_proof;
  const carry: Record<string, string> = {};
  if (query.fields !== undefined) carry.fields = query.fields;
  if (query.access_token !== undefined) carry.access_token = query.access_token;
  const redacted = redactParams(Object.entries(query), (k) => SECRET_PARAMS.has(k));
  const call: Omit<GraphCall, 'rt'> = {
    method: request.method as GraphMethod,
    version,
    segments,
    params,
    bearer,
    proof,
    selfUrl: `${request.protocol}://${request.host}${prefix}/graph/${[version, ...segments].join('/')}`,
    carry,
  };
  const logEntry = {
    method: request.method,
    path: `/${[version, ...segments].join('/')}`,
    query: redacted,
    bodyParams: Object.keys(body),
    tokenIn,
    appsecretProof: proof !== undefined,
  };
  return { call, logEntry };
}
