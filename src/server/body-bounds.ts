/**
 * Bounds on a JSON body before anything reads it: at most 1 MiB (Fastify's bodyLimit) and at most
 * MAX_JSON_DEPTH nested arrays or objects. The depth is counted by one pass over the text, without
 * recursion, so a body of 100,000 `[` is refused before JSON.parse, the Idempotency-Key hash or
 * the validator walk it; the parse itself is Fastify's own (it refuses `__proto__` and
 * `constructor.prototype` keys).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

export const MAX_JSON_DEPTH = 64;
export const MAX_BODY_BYTES = 1_048_576;

/** The deepest nesting of arrays and objects in a JSON text (strings skipped), stopping past `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i += 1; // backslash: the next character is escaped
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return deepest;
}

/** Replaces the JSON parser with one that refuses bodies nested deeper than MAX_JSON_DEPTH. */
export function registerBoundedJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
    (request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        done(
          new AppError('invalid_body', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`),
          undefined,
        );
        return;
      }
      void parse(request, text, done);
    },
  );
}
