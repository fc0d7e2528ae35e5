/**
 * What the lifecycle routes share: the lifecycle deps (database, keyring, connectors, clock,
 * queue, settings), built once by the runtime and by tests; and the list of their plugins.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { LifecycleDeps } from '../../jobs/verify-grants-deps.ts';
import { createAdvisorRoutes } from './advisor.ts';
import { createAssetAccessRoutes } from './asset-access.ts';
import { createOffboardingRoutes } from './offboarding.ts';
import { createVerificationRoutes } from './verification.ts';

export interface LifecycleServices {
  readonly deps: LifecycleDeps;
  /** Run sweeps and offboardings in the request instead of queueing them (no workers at hand). */
  readonly runInline?: boolean;
}

/** Every lifecycle route plugin, all under `/api/v1`. */
export function lifecyclePlugins(
  services: LifecycleServices,
): { plugin: FastifyPluginAsync; prefix: string }[] {
  return [
    { plugin: createVerificationRoutes(services), prefix: '/api/v1' },
    { plugin: createOffboardingRoutes(services), prefix: '/api/v1/offboardings' },
    { plugin: createAssetAccessRoutes(services), prefix: '/api/v1/assets' },
    { plugin: createAdvisorRoutes(), prefix: '/api/v1/advisor' },
  ];
}
