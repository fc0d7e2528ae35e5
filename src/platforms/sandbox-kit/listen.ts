// Standalone listeners: a sandbox plugin on its own Fastify server (dev, CLI, tests).
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';

/** `http://host:port` with an IPv6 literal in brackets. */
export function originOf(host: string, port: number | undefined): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Registers `plugin` under `prefix` on a new server, listens on `host`, and returns the sandbox's
 * URL, named with `publicHost` when given (the name browsers reach it by) else with `host`.
 */
export async function listenStandalone(
  plugin: FastifyPluginAsync,
  options: { host: string; port: number | undefined; prefix: string; publicHost?: string },
): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  await app.register(plugin, { prefix: options.prefix });
  await app.listen({ host: options.host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return { app, url: `${originOf(options.publicHost ?? options.host, port)}${options.prefix}` };
}
