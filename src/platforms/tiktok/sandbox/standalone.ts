// Runs the TikTok sandbox on its own Fastify listener (`latchkey sandbox tiktok --port N`).
import type { ControlAccess } from '../../sandbox-kit/control-gate.ts';
import { listenStandalone } from '../../sandbox-kit/listen.ts';
import { createTikTokSandbox, type SandboxApp, type TikTokSandbox } from './index.ts';

export const STANDALONE_PREFIX = '/sandbox/tiktok';

/** Starts the sandbox at `http://host:port/sandbox/tiktok`; returns its URL and a close function. */
export async function startTikTokSandbox(options: {
  host: string;
  port: number;
  dataFile?: string;
  apps: SandboxApp[];
  /** Opens the control API to this token (closed when absent). */
  control?: ControlAccess;
}): Promise<{ url: string; close: () => Promise<void>; sandbox: TikTokSandbox }> {
  const sandbox = createTikTokSandbox({
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
