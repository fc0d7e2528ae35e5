/**
 * The workspace's Fastify plugins in the order they must be registered: the global hooks first
 * (authentication, Idempotency-Key), then the routes. The runtime and the tests use this list.
 */
import type { FastifyPluginAsync } from 'fastify';
import { createAuthPlugin } from './auth/authenticate.ts';
import { createAuthRoutes } from './routes/auth-routes.ts';
import type { Workspace } from './workspace.ts';

export interface AppPlugin {
  readonly plugin: FastifyPluginAsync;
  readonly prefix?: string;
}

/** Every workspace plugin, global hooks first. */
export function workspacePlugins(workspace: Workspace): AppPlugin[] {
  return [{ plugin: createAuthPlugin(workspace) }, { plugin: createAuthRoutes(workspace) }];
}
