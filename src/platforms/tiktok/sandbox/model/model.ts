// The TikTok sandbox's model: the sandbox kit's transactional model plus the access ground truth.
import {
  createTransactionalModel,
  type ModelOptions,
  type TransactionalModel,
} from '../../../sandbox-kit/model.ts';
import { effectiveAccess, type AccessPath } from './access.ts';
import type { SandboxState } from './types.ts';

/** The in-memory model: state, clock, randomness, and a transactional `mutate`. */
export interface TikTokModel extends TransactionalModel<SandboxState> {
  /** Ground truth: who reaches an asset and why. */
  effectiveAccess(assetId: string): AccessPath[];
}

/** Creates the model around an initial state. */
export function createTikTokModel(options: ModelOptions<SandboxState>): TikTokModel {
  const model = createTransactionalModel(options);
  return Object.assign(model, {
    effectiveAccess: (assetId: string) => effectiveAccess(model, assetId),
  });
}
