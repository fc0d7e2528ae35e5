/**
 * The benchmark's TikTok sandbox in its own process (as TikTok is another machine): prints its
 * root URL on stdout, then serves until killed or the benchmark ends (lifeline.ts). Args: app id, app secret, redirect URI, and the
 * control API's token.
 */
import Fastify from 'fastify';
import { createTikTokSandbox } from '../src/platforms/tiktok/sandbox/index.ts';
import { exitWithParent } from './lifeline.ts';

const [appId = '', secret = '', redirectUri = '', token = ''] = process.argv.slice(2);
const sandbox = createTikTokSandbox({
  apps: [{ appId, secret, redirectUris: [redirectUri] }],
  control: { token },
});
const server = Fastify({ logger: false });
await server.register(sandbox.plugin, { prefix: '/sandbox/tiktok' });
await server.listen({ port: 0, host: '127.0.0.1' });
const address = server.server.address();
process.stdout.write(
  `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`,
);
exitWithParent();
