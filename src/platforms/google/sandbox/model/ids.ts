import { createHash, randomBytes } from 'node:crypto';
import type { ModelContext } from './types.ts';

/** Hands out the next numeric id (links, bindings, permissions): stable across a run. */
export function nextId(ctx: ModelContext): string {
  const id = ctx.state.nextId;
  ctx.state.nextId += 1;
  return String(id);
}

/** A fresh opaque secret (codes, tokens) with a Google-like prefix. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

/** SHA-256 hex: codes and tokens are stored only as hashes. */
export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The current time as ISO text. */
export function stamp(ctx: ModelContext): string {
  return ctx.now().toISOString();
}
