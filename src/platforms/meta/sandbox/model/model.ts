// The in-memory model with transactional changes; persistence hooks into `onChange`.
import type { ModelContext, SandboxState } from './types.ts';

/** State, clock, randomness, and `mutate` (rolled back when the change throws). */
export interface MetaModel extends ModelContext {
  /** Runs a change; on a throw the state is restored, on success `onChange` fires. */
  mutate<T>(change: (ctx: ModelContext) => T): T;
  /** Replaces the whole state (reset, load world). */
  replaceState(next: SandboxState): void;
}

/** Creates the model around an initial state. */
export function createMetaModel(options: {
  state: SandboxState;
  now: () => Date;
  random: () => number;
  onChange?: (state: SandboxState) => void;
}): MetaModel {
  const model: MetaModel = {
    state: options.state,
    now: options.now,
    random: options.random,
    mutate(change) {
      const before = structuredClone(model.state);
      try {
        const result = change(model);
        options.onChange?.(model.state);
        return result;
      } catch (error) {
        model.state = before;
        throw error;
      }
    },
    replaceState(next) {
      model.state = next;
      options.onChange?.(model.state);
    },
  };
  return model;
}

/** A random numeric id of `digits` digits (Graph ids are numeric strings). */
export function numericId(ctx: ModelContext, digits = 15): string {
  let out = String(1 + Math.floor(ctx.random() * 9));
  while (out.length < digits) out += String(Math.floor(ctx.random() * 10));
  return out;
}
