/**
 * Runs the OpenAPI fuzz against a started Latchkey (the real runtime, every plugin): sets up an
 * agency with a client, template, request (and its link), webhook, API key and invitation, then
 * sends `perOperation` drawn requests to every operation as the agency owner (session cookie and
 * API key) and anonymously, through `app.inject`, and the oversized-URL, oversized-header and
 * malformed-line cases over the real socket. Findings: any answer >= 500, any error answer off
 * the `{error:{code,message,details?,requestId?}}` shape or echoing the URL's query, any state
 * change accepted from a malformed request, and any change to the agency's rows.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import type { App } from '../../src/server/app.ts';
import type { Schema } from '../../src/store/schema.ts';
import { buildAgency } from '../support/agency.ts';
import { rawRequest } from '../support/raw-http.ts';
import { caseArbitrary, operationsOf, urlOf, type FuzzCase, type FuzzOperation } from './cases.ts';

export interface FuzzTarget {
  readonly app: App;
  /** The listening URL, for the socket cases. */
  readonly url: string;
  readonly db: Kysely<Schema>;
}

export interface OperationResult {
  readonly operation: string;
  readonly requests: number;
  readonly serverErrors: number;
  readonly offShape: number;
  readonly accepted: number;
  readonly statuses: Readonly<Record<number, number>>;
  readonly findings: readonly string[];
}

export interface FuzzReport {
  readonly operations: readonly OperationResult[];
  readonly requests: number;
  readonly serverErrors: number;
  readonly offShape: number;
  readonly accepted: number;
  readonly changed: readonly string[];
}

const ERROR_KEYS = new Set(['code', 'message', 'details', 'requestId']);

/** Why an error answer is off the documented shape, or undefined when it is on it. */
export function shapeProblem(body: string, marker: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'not JSON';
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'not an object';
  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== 'error') return `top-level keys ${keys.join(',')}`;
  const error = (parsed as { error: unknown }).error;
  if (!error || typeof error !== 'object') return 'error is not an object';
  const fields = error as Record<string, unknown>;
  if (typeof fields.code !== 'string' || !/^[a-z_]+$/.test(fields.code)) return 'bad code';
  if (typeof fields.message !== 'string') return 'bad message';
  const extra = Object.keys(fields).filter((key) => !ERROR_KEYS.has(key));
  if (extra.length > 0) return `extra keys ${extra.join(',')}`;
  if (body.includes(marker)) return 'echoes the query string';
  return undefined;
}

interface World {
  readonly identities: Record<string, string>[];
  readonly values: Record<string, string[]>;
  readonly agencyId: string;
}

async function setUpWorld(target: FuzzTarget): Promise<World> {
  const agency = await buildAgency({ db: target.db });
  const key = await agency.apiKey('write');
  const as = async (url: string, payload: object) => {
    const response = await target.app.inject({
      method: 'POST',
      url,
      headers: agency.owner.headers,
      payload,
    });
    if (response.statusCode >= 300) throw new Error(`set-up ${url}: ${response.body}`);
    return response.json<Record<string, Record<string, string>>>();
  };
  const client = await as('/api/v1/clients', { name: 'Fuzz Client', email: 'c@fuzz.example' });
  const template = await as('/api/v1/templates', {
    name: 'Fuzz Template',
    items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'ANALYST' }],
  });
  const request = await as('/api/v1/requests', {
    clientId: client.client!.id,
    templateId: template.template!.id,
  });
  const webhook = await as('/api/v1/webhooks', {
    url: 'https://hooks.example.com/fuzz',
    eventTypes: ['request.completed'],
  });
  const apiKey = await as('/api/v1/api-keys', { name: 'Fuzz key', scope: 'read' });
  const invitation = await as('/api/v1/team/invitations', {
    email: 'invitee@fuzz.example',
    role: 'member',
  });
  const link = request.link!.url!.split('/l/')[1]!;
  return {
    identities: [{}, agency.owner.headers, key.headers],
    agencyId: agency.agency.id,
    values: {
      id: [
        client.client!.id!,
        template.template!.id!,
        request.request!.id!,
        webhook.endpoint!.id!,
        apiKey.apiKey!.id!,
        invitation.invitation!.id!,
        agency.owner.user.id,
      ],
      link: [link],
      platform: ['tiktok', 'meta', 'google_ads', 'shopify', 'youtube'],
    },
  };
}

const COUNTED = [
  'clients',
  'access_requests',
  'request_templates',
  'webhook_endpoints',
  'api_keys',
  'users',
  'invitations',
] as const;

/** The ids of the agency's rows in the tables the fuzz must not change. */
async function snapshot(db: Kysely<Schema>, agencyId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of COUNTED) {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('agency_id', '=', agencyId)
      .orderBy('id')
      .execute();
    out[table] = rows.map((row) => row.id).join(',');
  }
  return out;
}

async function send(
  target: FuzzTarget,
  op: FuzzOperation,
  fuzzCase: FuzzCase,
  headers: Record<string, string>,
  marker: string,
): Promise<{ status: number; body: string }> {
  const url = urlOf(op, fuzzCase, marker);
  const allHeaders: Record<string, string> = { ...headers };
  if (fuzzCase.contentType) allHeaders['content-type'] = fuzzCase.contentType;
  if (fuzzCase.idempotencyKey) allHeaders['idempotency-key'] = fuzzCase.idempotencyKey;
  if (fuzzCase.transport === 'inject') {
    const response = await target.app.inject({
      method: op.method,
      url,
      headers: allHeaders,
      ...(fuzzCase.payload !== undefined ? { payload: fuzzCase.payload } : {}),
    });
    return { status: response.statusCode, body: response.body };
  }
  const lines = Object.entries(allHeaders).map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, '')}`);
  const pad = 'a'.repeat(20_000);
  const requestLine =
    fuzzCase.transport === 'socket_url'
      ? `${op.method} ${url}&pad=${pad} HTTP/1.1`
      : fuzzCase.transport === 'socket_line'
        ? `${op.method} ${url} HTTP/1.1 ${marker}`
        : `${op.method} ${url} HTTP/1.1`;
  if (fuzzCase.transport === 'socket_header') lines.push(`x-pad: ${pad}`);
  const answer = await rawRequest(
    target.url,
    `${requestLine}\r\nhost: fuzz\r\nconnection: close\r\n${lines.join('\r\n')}\r\n\r\n`,
  );
  return { status: answer.status, body: answer.body };
}

/** Fuzzes one operation with `count` drawn requests. */
async function fuzzOperation(
  target: FuzzTarget,
  world: World,
  op: FuzzOperation,
  count: number,
  seed: number,
): Promise<OperationResult> {
  const name = `${op.method} ${op.path}`;
  const cases = fc.sample(
    caseArbitrary(op, (param) => world.values[param] ?? [], world.identities.length),
    { numRuns: count, seed },
  );
  const statuses: Record<number, number> = {};
  const findings: string[] = [];
  let serverErrors = 0;
  let offShape = 0;
  let accepted = 0;
  const concurrency = 8;
  for (let start = 0; start < cases.length; start += concurrency) {
    await Promise.all(
      cases.slice(start, start + concurrency).map(async (fuzzCase, offset) => {
        const marker = `fzm${randomBytes(4).toString('hex')}`;
        const { status, body } = await send(
          target,
          op,
          fuzzCase,
          world.identities[fuzzCase.identity]!,
          marker,
        );
        statuses[status] = (statuses[status] ?? 0) + 1;
        const label = `#${start + offset} ${fuzzCase.transport}/${fuzzCase.mustFail} → ${status}`;
        if (status >= 500) {
          serverErrors += 1;
          findings.push(`${label}: ${body.slice(0, 200)}`);
        } else if (status >= 400) {
          const problem = shapeProblem(body, marker);
          if (problem) {
            offShape += 1;
            findings.push(`${label} off-shape (${problem}): ${body.slice(0, 200)}`);
          }
        } else if (fuzzCase.mustFail !== 'none') {
          accepted += 1;
          findings.push(`${label} accepted a malformed request: ${body.slice(0, 200)}`);
        }
      }),
    );
  }
  return {
    operation: name,
    requests: cases.length,
    serverErrors,
    offShape,
    accepted,
    statuses,
    findings,
  };
}

/** Runs the whole fuzz; `onOperation` hears each operation's result as it finishes. */
export async function runFuzz(
  target: FuzzTarget,
  options: { perOperation: number; seed?: number; onOperation?: (result: OperationResult) => void },
): Promise<FuzzReport> {
  const document = (await target.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<
    Parameters<typeof operationsOf>[0]
  >();
  const operations = operationsOf(document);
  const world = await setUpWorld(target);
  const before = await snapshot(target.db, world.agencyId);
  const results: OperationResult[] = [];
  const seed = options.seed ?? 15;
  for (const [index, op] of operations.entries()) {
    const result = await fuzzOperation(target, world, op, options.perOperation, seed + index);
    results.push(result);
    options.onOperation?.(result);
  }
  const after = await snapshot(target.db, world.agencyId);
  const changed = COUNTED.filter((table) => before[table] !== after[table]).map(
    (table) => `${table}: ${before[table]} → ${after[table]}`,
  );
  const sum = (pick: (r: OperationResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  return {
    operations: results,
    requests: sum((r) => r.requests),
    serverErrors: sum((r) => r.serverErrors),
    offShape: sum((r) => r.offShape),
    accepted: sum((r) => r.accepted),
    changed,
  };
}

/** One line per operation, as `npm run fuzz` prints it. */
export function formatOperation(result: OperationResult): string {
  const statuses = Object.entries(result.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
  return `${result.operation}: ${result.requests} requests, ${result.serverErrors} >= 500, ${result.offShape} off-shape, ${result.accepted} accepted (${statuses})`;
}

/** The closing line. */
export function formatTotal(report: FuzzReport): string {
  return `fuzz: ${report.operations.length} operations, ${report.requests} requests, ${report.serverErrors} answers >= 500, ${report.offShape} off-shape, ${report.accepted} malformed accepted, ${report.changed.length} tables changed`;
}
