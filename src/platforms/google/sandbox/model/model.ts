import type { GoogleState, ModelContext } from './types.ts';

/** The in-memory model: state, clock, randomness, and a transactional `mutate`. */
export interface GoogleModel extends ModelContext {
  /** Runs a change; on a throw the state is rolled back, on success `onChange` fires (persistence). */
  mutate<T>(change: (ctx: ModelContext) => T): T;
  /** Replaces the whole state (reset, load world). */
  replaceState(next: GoogleState): void;
}

/** Creates the model around an initial state. */
export function createGoogleModel(options: {
  state: GoogleState;
  now: () => Date;
  random: () => number;
  onChange?: ((state: GoogleState) => void) | undefined;
}): GoogleModel {
  const model: GoogleModel = {
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
