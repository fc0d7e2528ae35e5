/** The onboarding side's HTTP plugins with their prefixes (registered by the runtime and tests). */
import type { FastifyPluginAsync } from 'fastify';
import { createAccessRequestRoutes } from './access-requests.ts';
import { createAgencyConnectionRoutes } from './agency-connections.ts';
import { createOAuthCallbackRoutes } from './oauth-callback.ts';
import { createOnboardingRoutes } from './onboarding.ts';
import type { OnboardingServices } from './onboarding-services.ts';

/** The plugins serving access requests, onboarding, OAuth callbacks and agency connections. */
export function onboardingPlugins(
  services: OnboardingServices,
): { plugin: FastifyPluginAsync; prefix?: string }[] {
  return [
    { plugin: createAccessRequestRoutes(services), prefix: '/api/v1/requests' },
    { plugin: createOnboardingRoutes(services), prefix: '/api/v1/onboarding' },
    { plugin: createAgencyConnectionRoutes(services), prefix: '/api/v1/agency/connections' },
    { plugin: createOAuthCallbackRoutes(services) },
  ];
}
