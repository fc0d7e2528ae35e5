/**
 * The one validator every route schema goes through: before zod sees the input, any string in it
 * (a value or an object key, at any depth) holding the NUL character is refused, since
 * PostgreSQL's text type cannot store it and no field of Latchkey means it. One mechanism for
 * bodies, query strings and path parameters alike; the error handler names the part
 * (`invalid_body`, `invalid_query`, `invalid_params`). The walk is iterative: bodies are bounded
 * in depth (body-bounds.ts) but nothing here relies on it.
 */
import type { FastifySchemaCompiler } from 'fastify';
import { safeParse, type $ZodType } from 'zod/v4/core';

export interface ValidationIssue {
  readonly instancePath: string;
  readonly message: string;
  readonly keyword: string;
  readonly schemaPath: string;
  readonly params: Record<string, unknown>;
}

const NUL = '\u0000';

/** The path of the first string (key or value) holding NUL, or undefined when there is none. */
export function findNul(value: unknown): (string | number)[] | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes(NUL)) return [...path, key];
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return undefined;
}

function issue(path: readonly PropertyKey[], code: string, message: string): ValidationIssue {
  const joined = path.map(String).join('/');
  return {
    instancePath: `/${joined}`,
    message,
    keyword: code,
    schemaPath: `#/${joined}/${code}`,
    params: {},
  };
}

/** Fastify's validator compiler for zod schemas, refusing NUL first. */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
    const nulAt = findNul(data);
    if (nulAt) return { error: [issue(nulAt, 'nul_character', 'must not contain NUL (\\u0000)')] };
    const result = safeParse(schema, data);
    if (!result.success) {
      return { error: result.error.issues.map((i) => issue(i.path, i.code, i.message)) };
    }
    return { value: result.data };
  };
