/**
 * The app of the lifecycle harness with the lifecycle routes added (sweeps and offboardings run in
 * the request), plus an inject helper that sends JSON as the agency owner.
 */
import { buildApp, type App } from '../../src/server/app.ts';
import { onboardingPlugins } from '../../src/server/routes/onboarding-plugins.ts';
import { lifecyclePlugins } from '../../src/server/routes/verification-services.ts';
import { workspacePlugins } from '../../src/server/workspace-plugins.ts';
import { buildTestWorkspace, TEST_PUBLIC_URL } from './agency.ts';
import type { LifecycleHarness } from './lifecycle.ts';

/** Builds the app with workspace, onboarding and lifecycle routes over the harness. */
export async function buildLifecycleApp(h: LifecycleHarness): Promise<App> {
  const app = await buildApp({
    logger: h.logs.logger,
    database: h.database,
    plugins: [
      ...workspacePlugins(buildTestWorkspace(h.database)),
      ...onboardingPlugins(h.services),
      ...lifecyclePlugins({ deps: h.deps, runInline: true }),
    ],
  });
  await app.ready();
  return app;
}

/** Sends a request as the given headers (default: the agency owner's session). */
export async function call(
  app: App,
  h: LifecycleHarness,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = h.agency.owner.headers,
) {
  return app.inject({
    method,
    url,
    headers: {
      ...headers,
      origin: TEST_PUBLIC_URL,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
}
