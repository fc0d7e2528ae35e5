// Runs the TikTok sandbox on its own Fastify listener (`latchkey sandbox tiktok --port N`).
import Fastify from 'fastify';
import { createTikTokSandbox, type SandboxApp, type TikTokSandbox } from './index.ts';

export const STANDALONE_PREFIX = '/sandbox/tiktok';

/** Starts the sandbox at `http://host:port/sandbox/tiktok`; returns its URL and a close function. */
export async function startTikTokSandbox(options: {
  host: string;
  port: number;
  dataFile?: string;
  apps: SandboxApp[];
}): Promise<{ url: string; close: () => Promise<void>; sandbox: TikTokSandbox }> {
  const sandbox = createTikTokSandbox({
    apps: options.apps,
    ...(options.dataFile === undefined ? {} : { dataFile: options.dataFile }),
  });
  const app = Fastify({ logger: false });
  await app.register(sandbox.plugin, { prefix: STANDALONE_PREFIX });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}${STANDALONE_PREFIX}`,
    sandbox,
    close: async () => {
      await app.close();
      await sandbox.close();
    },
  };
}
