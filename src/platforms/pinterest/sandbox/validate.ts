// Request validation against Pinterest's own OpenAPI description: the parameter and body schemas
// of each served operation, extracted into openapi-fragments.json (its `source` says from where;
// scripts/pinterest-openapi-fragments.js regenerates it), compiled once with ajv. A request the
// description refuses is answered 400 in Pinterest's error shape, before any business rule.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { refuse } from './errors.ts';

interface Fragment {
  operationId: string;
  rateLimitCategory: string | null;
  scopes: string[];
  parameters: { name: string; in: 'path' | 'query'; required: boolean; schema: object }[];
  requestBody: object | null;
  response200: object | null;
}

// Read from the source tree, so the compiled server (dist/, same depth) finds the same file.
const FRAGMENTS_FILE = new URL(
  '../../../../src/platforms/pinterest/sandbox/openapi-fragments.json',
  import.meta.url,
);
const fragments = JSON.parse(readFileSync(FRAGMENTS_FILE, 'utf8')) as {
  source: Record<string, string>;
  errorSchema: object;
  operations: Record<string, Fragment>;
};

/** The operations the sandbox serves, keyed `METHOD /path` as in the description. */
export const OPERATIONS = fragments.operations;
export const FRAGMENTS_SOURCE = fragments.source;
export type OperationKey = string;

// OpenAPI 3.0 schemas: `nullable` is understood by ajv; strict off for annotations it ignores.
// Parameters arrive as strings: coerce to the declared type (and a lone value to an array).
const ajvBody = new Ajv({ strict: false, allErrors: false });
const ajvParams = new Ajv({ strict: false, coerceTypes: 'array', useDefaults: true });

interface Compiled {
  params: { name: string; in: 'path' | 'query'; required: boolean; check: ValidateFunction }[];
  body: ValidateFunction | null;
}
const compiled = new Map<string, Compiled>();

function compile(key: string): Compiled {
  const cached = compiled.get(key);
  if (cached) return cached;
  const op = OPERATIONS[key];
  if (!op) throw new Error(`No operation ${key} in openapi-fragments.json`);
  const out: Compiled = {
    params: op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required,
      check: ajvParams.compile({ type: 'object', properties: { v: p.schema } }),
    })),
    body: op.requestBody === null ? null : ajvBody.compile(op.requestBody),
  };
  compiled.set(key, out);
  return out;
}

function message(where: string, check: ValidateFunction): string {
  const e = check.errors?.[0];
  if (!e) return `Invalid ${where}.`;
  const path = e.instancePath.replace(/^\/v/, '').replace(/^\//, '').replace(/\//g, '.');
  return `Invalid ${where}${path === '' ? '' : ` at ${path}`}: ${e.message ?? 'invalid'}.`;
}

/**
 * Validates and coerces one request: path and query parameters (defaults filled in) and the JSON
 * body. Returns the typed-by-description values; throws a 400 PinterestError naming the field.
 */
export function validateRequest(
  key: OperationKey,
  input: { params: Record<string, string>; query: Record<string, unknown>; body: unknown },
): { params: Record<string, string>; query: Record<string, unknown>; body: unknown } {
  const op = compile(key);
  const params: Record<string, string> = {};
  const query: Record<string, unknown> = {};
  for (const p of op.params) {
    const raw = p.in === 'path' ? input.params[p.name] : input.query[p.name];
    if (raw === undefined || raw === '') {
      if (p.required) throw refuse(400, `Missing required ${p.in} parameter ${p.name}.`);
      const holder: { v?: unknown } = {};
      p.check(holder);
      if (holder.v !== undefined) query[p.name] = holder.v;
      continue;
    }
    const holder = { v: raw };
    if (!p.check(holder)) throw refuse(400, message(`${p.in} parameter ${p.name}`, p.check));
    if (p.in === 'path') params[p.name] = typeof holder.v === 'string' ? holder.v : (raw as string);
    else query[p.name] = holder.v;
  }
  if (op.body !== null) {
    if (input.body === undefined || input.body === null)
      throw refuse(400, 'A JSON request body is required.');
    if (!op.body(input.body)) throw refuse(400, message('request body', op.body));
  }
  return { params, query, body: input.body };
}

/** The scopes an operation needs (all of them; [SPEC] each operation's `security`). */
export function scopesOf(key: OperationKey): readonly string[] {
  return OPERATIONS[key]?.scopes ?? [];
}
