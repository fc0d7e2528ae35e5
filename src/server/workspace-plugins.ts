/**
 * The workspace's Fastify plugins in the order they must be registered: the global hooks first
 * (authentication, Idempotency-Key), then the routes. The runtime and the tests use this list.
 */
import type { FastifyPluginAsync } from 'fastify';
import { createAuthPlugin } from './auth/authenticate.ts';
import { createIdempotencyPlugin } from './idempotency.ts';
import { createOpenApiPlugin } from './openapi.ts';
import { createRouteCatalogPlugin } from './route-catalog.ts';
import { createAttentionRoutes } from './routes/attention-routes.ts';
import { createApiDocsRoutes } from './routes/api-docs-routes.ts';
import { createAuditRoutes } from './routes/audit-routes.ts';
import { createApiKeyRoutes } from './routes/api-key-routes.ts';
import { createAuthRoutes } from './routes/auth-routes.ts';
import { createBrandingRoutes } from './routes/branding-routes.ts';
import { createClientDataRoutes } from './routes/client-data-routes.ts';
import { createClientRoutes } from './routes/client-routes.ts';
import { createCustomPlatformRoutes } from './routes/custom-platform-routes.ts';
import { createInvitationRoutes } from './routes/invitation-routes.ts';
import { createTeamRoutes } from './routes/team-routes.ts';
import { createTemplateRoutes } from './routes/template-routes.ts';
import type { Workspace } from './workspace.ts';

export interface AppPlugin {
  readonly plugin: FastifyPluginAsync;
  readonly prefix?: string;
}

/** Every workspace plugin, global hooks first. */
export function workspacePlugins(workspace: Workspace): AppPlugin[] {
  return [
    { plugin: createRouteCatalogPlugin() },
    { plugin: createOpenApiPlugin() },
    { plugin: createAuthPlugin(workspace) },
    { plugin: createIdempotencyPlugin(workspace) },
    { plugin: createAuthRoutes(workspace) },
    { plugin: createInvitationRoutes(workspace) },
    { plugin: createTeamRoutes(workspace) },
    { plugin: createClientRoutes(workspace) },
    { plugin: createClientDataRoutes(workspace) },
    { plugin: createTemplateRoutes(workspace) },
    { plugin: createCustomPlatformRoutes(workspace) },
    { plugin: createBrandingRoutes(workspace) },
    { plugin: createApiKeyRoutes(workspace) },
    { plugin: createAuditRoutes(workspace) },
    { plugin: createAttentionRoutes(workspace) },
    { plugin: createApiDocsRoutes() },
  ];
}
