// The in-memory model with transactional changes; persistence hooks into `onChange`.
import type { TransactionalModel } from '../../../sandbox-kit/model.ts';
import type { ModelContext, SandboxState } from './types.ts';

/** State, clock, randomness, and `mutate` (rolled back when the change throws). */
export type MetaModel = TransactionalModel<SandboxState>;

/** A random numeric id of `digits` digits (Graph ids are numeric strings). */
export function numericId(ctx: ModelContext, digits = 15): string {
  let out = String(1 + Math.floor(ctx.random() * 9));
  while (out.length < digits) out += String(Math.floor(ctx.random() * 10));
  return out;
}
