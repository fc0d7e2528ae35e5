/**
 * What the OpenAPI fuzzer sends: for each operation of /api/v1/openapi.json, fast-check draws
 * requests from a menu of malformations (deep nesting, NUL, prototype names, huge strings, wrong
 * types, bad JSON, bad content types, oversized URLs and headers, bad path parameters). Every
 * request to an operation that may change state carries at least one malformation that must be
 * refused, so an accepted one is a finding, and the agency's data must be unchanged afterwards.
 */
import fc from 'fast-check';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minItems?: number;
  minLength?: number;
  maximum?: number;
  minimum?: number;
};

export interface FuzzOperation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The OpenAPI path, e.g. `/api/v1/clients/{id}`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly body: JsonSchema | undefined;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string }[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
}

/** Every operation of the OpenAPI document. */
export function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      operations.push({
        method: method.toUpperCase() as FuzzOperation['method'],
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: operation.requestBody?.content['application/json']?.schema,
      });
    }
  }
  return operations;
}

/** A value the schema accepts, as far as a simple reading of it goes (the start for mutations). */
export function exampleOf(schema: JsonSchema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.enum) return schema.enum[0];
  const choice = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (choice) return exampleOf(choice, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema.properties ?? {})) {
      out[key] = exampleOf(value, depth + 1);
    }
    return out;
  }
  if (type === 'array') {
    return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
      exampleOf(schema.items, depth + 1),
    );
  }
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'email') return 'fuzz@example.com';
  if (schema.format === 'uri') return 'https://example.com/fuzz';
  if (schema.format === 'date-time') return '2030-01-01T00:00:00.000Z';
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

/** encodeURIComponent, with lone surrogates (which no URL can carry) replaced first. */
function encode(text: string): string {
  return encodeURIComponent(
    text.replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '\uFFFD',
    ),
  );
}

export const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];

const NASTY_STRINGS = [
  'a\u0000b',
  '\u0000',
  '',
  ' ',
  '\uFEFF',
  '\uD800',
  '😀'.repeat(50),
  '../../etc/passwd',
  "'; drop table clients; --",
  '<script>alert(1)</script>',
  '%00',
  '${jndi:ldap://x}',
  'null',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  ...PROTOTYPE_NAMES,
];

/** Strings a hostile client sends: known-bad ones, prototype names, huge ones, random ones. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  },
  { weight: 1, arbitrary: fc.uuid() },
);

/** Any JSON value, wrong types included (a value where a string is due, and so on). */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 31), [], {}),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Sets a value at a random place of a JSON value (a path drawn from its keys). */
function mutateAt(base: unknown, value: unknown, picks: number[]): unknown {
  if (base === null || typeof base !== 'object') return value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(base) ? [...base] : { ...base };
  const keys = Object.keys(copy);
  if (keys.length === 0 || picks.length === 0) return value;
  const key = keys[picks[0]! % keys.length]!;
  (copy as Record<string, unknown>)[key] = mutateAt(
    (copy as Record<string, unknown>)[key],
    value,
    picks.slice(1),
  );
  return copy;
}

export type MustFail =
  | 'bad_json'
  | 'deep_json'
  | 'bad_content_type'
  | 'too_large'
  | 'proto_json'
  | 'nul_in_body'
  | 'wrong_root'
  | 'bad_path_param';

export interface FuzzCase {
  readonly identity: number;
  readonly mustFail: MustFail | 'none';
  readonly transport: 'inject' | 'socket_url' | 'socket_header' | 'socket_line';
  readonly pathValues: readonly string[];
  readonly query: readonly [string, string][];
  readonly contentType: string | undefined;
  readonly payload: string | undefined;
  readonly idempotencyKey: string | undefined;
  /** Whether the URL carries the echo marker (an unknown query key, which strict schemas refuse). */
  readonly marked: boolean;
}

const deep = (depth: number) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;

function bodyFor(
  kind: MustFail,
  op: FuzzOperation,
  noise: BodyNoise,
): [string | undefined, string] {
  const json = 'application/json';
  const base = exampleOf(op.body);
  switch (kind) {
    case 'bad_json':
      return [json, noise.garbage];
    case 'deep_json':
      return [json, deep(noise.depth)];
    case 'bad_content_type':
      return [noise.contentType, noise.garbage || 'x'];
    case 'too_large':
      return [json, `{"a":"${'x'.repeat(1_100_000)}"}`];
    case 'proto_json':
      return [json, noise.protoJson];
    case 'nul_in_body':
      return [json, JSON.stringify(mutateAt(base, `${noise.text}\u0000`, noise.picks))];
    case 'wrong_root':
      return [json, JSON.stringify(noise.root)];
    default:
      return [json, JSON.stringify(mutateAt(base, noise.value, noise.picks))];
  }
}

interface BodyNoise {
  garbage: string;
  depth: number;
  contentType: string;
  protoJson: string;
  text: string;
  picks: number[];
  root: unknown;
  value: unknown;
}

/** Whether a text is valid JSON (then it is no malformed body). */
function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const bodyNoise: fc.Arbitrary<BodyNoise> = fc.record({
  garbage: fc.oneof(
    fc.constantFrom('{', '{"a":', '[1,', 'nul', '{"a":1}}', "{'a':1}", '\u0000', '{"a":"\\u00"}'),
    // `{` and a string: garbage unless the string closes it into JSON (`{}`, which the full
    // fuzz drew once and a route rightly accepted).
    fc
      .string({ maxLength: 30 })
      .map((s) => `{${s}`)
      .filter((text) => !parsesAsJson(text)),
  ),
  depth: fc.integer({ min: 65, max: 20_000 }),
  contentType: fc.constantFrom(
    'application/x-fuzz',
    'multipart/form-data; boundary=x',
    'application/xml',
    'image/png',
    'application/jsonx',
  ),
  protoJson: fc.constantFrom(
    '{"__proto__":{"isAdmin":true}}',
    '{"a":{"__proto__":{"x":1}}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '[{"__proto__":null}]',
  ),
  text: fc.string({ maxLength: 10 }),
  picks: fc.array(fc.nat(), { maxLength: 4 }),
  root: fc.constantFrom([], 1, 'x', null, true, [[]], [{}]),
  value: wrongValue,
});

/** The must-fail malformations that apply to an operation (none for reads). */
export function mustFailKinds(op: FuzzOperation): MustFail[] {
  if (op.method === 'GET') return [];
  const kinds: MustFail[] = ['bad_json', 'deep_json', 'bad_content_type', 'proto_json'];
  if (op.body) kinds.push('nul_in_body', 'wrong_root');
  if (op.pathParams.length > 0) kinds.push('bad_path_param');
  return kinds;
}

/** Path parameter values that name nothing: prototype names, NUL, unknown ids, too long. */
const badPathValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...PROTOTYPE_NAMES,
    '%00',
    'a%00b',
    '%ZZ',
    '%C0%AF',
    '..%2F..',
    '%20',
    '-1',
    'null',
  ),
  fc.uuid(),
  fc.integer({ min: 90, max: 400 }).map((n) => 'p'.repeat(n)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encode),
);

/** The fast-check arbitrary of requests for one operation. */
export function caseArbitrary(
  op: FuzzOperation,
  validValues: (param: string) => readonly string[],
  identities: number,
): fc.Arbitrary<FuzzCase> {
  const kinds = mustFailKinds(op);
  const pathValue = (param: string) => {
    const valid = validValues(param);
    return valid.length > 0 ? fc.oneof(fc.constantFrom(...valid), badPathValue) : badPathValue;
  };
  const queryKeys = [...op.queryParams, ...PROTOTYPE_NAMES, 'limit', 'format', 'x'];
  return fc
    .record({
      identity: fc.nat({ max: identities - 1 }),
      mustFail: kinds.length > 0 ? fc.constantFrom(...kinds) : fc.constant('none' as const),
      transport: fc.oneof(
        { weight: 97, arbitrary: fc.constant('inject' as const) },
        { weight: 1, arbitrary: fc.constant('socket_url' as const) },
        { weight: 1, arbitrary: fc.constant('socket_header' as const) },
        { weight: 1, arbitrary: fc.constant('socket_line' as const) },
      ),
      pathValues: fc.tuple(...op.pathParams.map(pathValue)),
      badParam: fc.tuple(badPathValue, fc.nat()),
      query: fc.array(
        fc.tuple(
          fc.constantFrom(...queryKeys),
          nastyString.map((s) => encode(s.slice(0, 3_000))),
        ),
        { maxLength: 4 },
      ),
      noise: bodyNoise,
      withBody: fc.boolean(),
      marked: fc.boolean(),
      tooLarge: fc.nat({ max: 199 }),
      idempotencyKey: fc.option(
        fc.oneof(
          fc.uuid(),
          fc.string({ minLength: 1, maxLength: 300 }),
          fc.constant('k'.repeat(256)),
        ),
      ),
    })
    .map((drawn) => {
      // A 1 MiB body is slow to send: one case in 200 of those drawn as too large keeps it.
      const mustFail =
        drawn.mustFail === 'too_large' && drawn.tooLarge > 0 ? 'bad_json' : drawn.mustFail;
      const pathValues = [...drawn.pathValues];
      if (mustFail === 'bad_path_param' && pathValues.length > 0) {
        pathValues[drawn.badParam[1] % pathValues.length] = drawn.badParam[0];
      }
      const sendBody =
        mustFail !== 'none' && mustFail !== 'bad_path_param'
          ? true
          : drawn.withBody && op.method !== 'GET';
      const [contentType, payload] = sendBody
        ? bodyFor(
            mustFail === 'none' || mustFail === 'bad_path_param'
              ? ('mutate' as MustFail)
              : mustFail,
            op,
            drawn.noise,
          )
        : [undefined, undefined];
      return {
        identity: drawn.identity,
        mustFail: mustFail === 'bad_path_param' || !sendBody ? mustFail : mustFail,
        transport: drawn.transport,
        pathValues,
        query: drawn.query,
        contentType,
        payload,
        idempotencyKey: drawn.idempotencyKey ?? undefined,
        marked: drawn.transport !== 'inject' || op.queryParams.length === 0 || drawn.marked,
      };
    });
}

/** The URL of a case: the path with its values and the query (values already encoded). */
export function urlOf(op: FuzzOperation, fuzzCase: FuzzCase, marker: string): string {
  let index = 0;
  const path = op.path.replace(/\{[^}]+\}/g, () => {
    const value = fuzzCase.pathValues[index++] ?? 'x';
    // Values drawn as raw text (prototype names, ids) go in as they are; the rest were encoded.
    return value;
  });
  const marked = fuzzCase.marked ? [['fz', marker] as const] : [];
  const query = [...fuzzCase.query, ...marked].map(([k, v]) => `${k}=${v}`);
  return `${path}?${query.join('&')}`;
}
