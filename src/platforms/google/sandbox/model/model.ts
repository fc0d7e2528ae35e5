// The Google sandbox's model: the sandbox kit's transactional model over the Google state.
import {
  createTransactionalModel,
  type ModelOptions,
  type TransactionalModel,
} from '../../../sandbox-kit/model.ts';
import type { GoogleState } from './types.ts';

/** The in-memory model: state, clock, randomness, and a transactional `mutate`. */
export type GoogleModel = TransactionalModel<GoogleState>;

/** Creates the model around an initial state. */
export function createGoogleModel(options: ModelOptions<GoogleState>): GoogleModel {
  return createTransactionalModel(options);
}
