// One Graph call as the handlers see it: params, the caller's token, scope checks, paging URLs.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GraphError, invalidParam, scopeMissing } from '../model/errors.ts';
import { resolveToken } from '../model/oauth.ts';
import type { AccessToken, SandboxApp } from '../model/types.ts';
import type { SandboxRuntime } from '../runtime.ts';

export type GraphMethod = 'GET' | 'POST' | 'DELETE';

export interface GraphCall {
  rt: SandboxRuntime;
  method: GraphMethod;
  version: string;
  segments: string[];
  /** Query and body parameters (token and proof removed); lists arrive as JSON strings. */
  params: Record<string, string>;
  /** The raw bearer string, if the call carried one. */
  bearer: string | undefined;
  proof: string | undefined;
  selfUrl: string;
  /** Parameters to repeat in paging links. */
  carry: Record<string, string>;
}

/** The caller's token (user or Page), checked for validity and appsecret_proof. */
export function requireToken(call: GraphCall): AccessToken {
  if (call.bearer === undefined) {
    throw new GraphError(104, 'An access token is required to request this resource.', {
      type: 'OAuthException',
    });
  }
  const token = resolveToken(call.rt.model, call.bearer);
  const app = call.rt.apps.find((a) => a.appId === token.appId);
  if (app) checkProof(app, token.token, call.proof);
  return token;
}

/**
 * `appsecret_proof` = hex HMAC-SHA256 of the token keyed by the app secret. Checked whenever sent;
 * required when the app has "Require App Secret" on (Graph's messages, see docs/platforms/meta.md).
 */
function checkProof(app: SandboxApp, token: string, proof: string | undefined): void {
  if (proof === undefined) {
    if (app.requireAppsecretProof) {
      throw new GraphError(100, 'API calls from the server require an appsecret_proof argument', {
        type: 'GraphMethodException',
      });
    }
    return;
  }
  const expected = createHmac('sha256', app.secret).update(token).digest('hex');
  const a = Buffer.from(expected);
  const b = Buffer.from(proof);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new GraphError(100, 'Invalid appsecret_proof provided in the API argument', {
      type: 'GraphMethodException',
    });
  }
}

/** Throws Graph's `(#10)` unless the token holds one of the scopes. */
export function requireScope(token: AccessToken, ...anyOf: string[]): void {
  if (!anyOf.some((s) => token.scopes.includes(s))) throw scopeMissing(anyOf.join(' or '));
}

/** A required string parameter, or Graph's `(#100) The parameter X is required`. */
export function requireParam(call: GraphCall, name: string): string {
  const value = call.params[name];
  if (value === undefined || value === '') throw invalidParam(`The parameter ${name} is required`);
  return value;
}

/**
 * A list parameter: JSON array (`["A","B"]`, what the SDKs send) or the docs' single-quoted form
 * (`['A','B']`). Anything else is `(#100)`.
 */
export function parseList(value: string, name: string): string[] {
  const text = value.trim().startsWith("['") ? value.replace(/'/g, '"') : value;
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
  } catch {
    // fall through to Graph's error
  }
  throw invalidParam(`Param ${name} must be an array.`);
}
