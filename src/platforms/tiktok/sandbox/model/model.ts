import { effectiveAccess, type AccessPath } from './access.ts';
import type { ModelContext, SandboxState } from './types.ts';

/** The in-memory model: state, clock, randomness, and a transactional `mutate`. */
export interface TikTokModel extends ModelContext {
  /** Runs a change; on a throw the state is rolled back, on success `onChange` fires (persistence). */
  mutate<T>(change: (ctx: ModelContext) => T): T;
  /** Ground truth: who reaches an asset and why. */
  effectiveAccess(assetId: string): AccessPath[];
  /** Replaces the whole state (reset, load world). */
  replaceState(next: SandboxState): void;
}

/** Creates the model around an initial state. */
export function createTikTokModel(options: {
  state: SandboxState;
  now: () => Date;
  random: () => number;
  onChange?: (state: SandboxState) => void;
}): TikTokModel {
  const model: TikTokModel = {
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
    effectiveAccess: (assetId) => effectiveAccess(model, assetId),
    replaceState(next) {
      model.state = next;
      options.onChange?.(model.state);
    },
  };
  return model;
}
