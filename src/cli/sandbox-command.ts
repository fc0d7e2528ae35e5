/**
 * `latchkey sandbox tiktok --port N`: runs a platform sandbox on its own, e.g. to point a
 * connector (or a second Latchkey) at it. The app it accepts is given by flags.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startTikTokSandbox } from '../platforms/tiktok/sandbox/standalone.ts';

const usage = `Usage: latchkey sandbox tiktok [--port N] [--host H] [--data-file F]
                        [--app-id ID] [--app-secret S] [--redirect-uri URL]
                        [--control-token T]   (opens the control API to this token)`;

/** Starts the named sandbox and keeps running until SIGINT/SIGTERM; returns the exit code. */
export async function runSandboxCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-file': { type: 'string' },
      'app-id': { type: 'string', default: 'latchkey-sandbox' },
      'app-secret': { type: 'string', default: 'latchkey-sandbox-secret' },
      'redirect-uri': { type: 'string', default: 'http://127.0.0.1:3000/oauth/callback/tiktok' },
      'control-token': { type: 'string' },
    },
  });
  if (positionals[0] !== 'tiktok') {
    console.error(`Unknown sandbox "${positionals[0] ?? ''}". Available: tiktok\n${usage}`);
    return 1;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (got "${values.port}")\n${usage}`);
    return 1;
  }
  const sandbox = await startTikTokSandbox({
    host: values.host,
    port,
    apps: [
      {
        appId: values['app-id'],
        secret: values['app-secret'],
        redirectUris: [values['redirect-uri']],
      },
    ],
    ...(values['data-file'] ? { dataFile: path.resolve(values['data-file']) } : {}),
    ...(values['control-token'] ? { control: { token: values['control-token'] } } : {}),
  });
  console.log(`TikTok sandbox running at ${sandbox.url}`);
  console.log(`  API:     ${sandbox.url}/open_api/v1.3/`);
  console.log(`  Sign in: ${sandbox.url}/`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sandbox.close();
  return 0;
}
