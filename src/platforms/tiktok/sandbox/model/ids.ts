import type { ModelContext } from './types.ts';

/** Makes a 19-digit numeric string ID, as TikTok's BC, user and advertiser IDs are. */
export function newNumericId(ctx: Pick<ModelContext, 'random'>): string {
  let id = '7';
  for (let i = 0; i < 18; i += 1) id += String(Math.floor(ctx.random() * 10) % 10);
  return id;
}

/** Makes an opaque hex secret of `bytes` bytes from the context's random source. */
export function newSecret(ctx: Pick<ModelContext, 'random'>, bytes = 20): string {
  let out = '';
  for (let i = 0; i < bytes; i += 1) {
    out += (Math.floor(ctx.random() * 256) % 256).toString(16).padStart(2, '0');
  }
  return out;
}

/** ISO timestamp of the context's clock. */
export function stamp(ctx: Pick<ModelContext, 'now'>): string {
  return ctx.now().toISOString();
}
