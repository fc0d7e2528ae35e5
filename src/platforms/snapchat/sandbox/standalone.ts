// Runs the Snapchat sandbox on its own Fastify listener (`latchkey sandbox snapchat --port N`).
import type { ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { listenStandalone } from '../../sandbox-kit/listen.ts';
import { createSnapchatSandbox, type SnapchatSandbox, type SnapSandboxApp } from './index.ts';

export const STANDALONE_PREFIX = '/sandbox/snapchat';

/** Starts the sandbox at `http://host:port/sandbox/snapchat`; returns its URL and a close function. */
export async function startSnapchatSandbox(options: {
  host: string;
  port: number;
  dataFile?: string;
  apps: SnapSandboxApp[];
  control?: ControlAccess;
}): Promise<{ url: string; close: () => Promise<void>; sandbox: SnapchatSandbox }> {
  const sandbox = createSnapchatSandbox({
    apps: options.apps,
    ...(options.control === undefined ? {} : { control: options.control }),
    ...(options.dataFile === undefined ? {} : { dataFile: options.dataFile }),
  });
  const { app, url } = await listenStandalone(sandbox.plugin, {
    host: options.host,
    port: options.port,
    prefix: STANDALONE_PREFIX,
  });
  return {
    url,
    sandbox,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}
