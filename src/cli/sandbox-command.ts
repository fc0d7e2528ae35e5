/**
 * `latchkey sandbox tiktok --port N` (or `linkedin`, `pinterest`, `microsoft_ads`, `snapchat`, `x_ads`): runs a platform sandbox on its own, e.g. to
 * point a connector (or a second Latchkey) at it. The app it accepts is given by flags.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLinkedInSandbox } from '../platforms/linkedin/sandbox/index.ts';
import { startMicrosoftAdsSandbox } from '../platforms/microsoft-ads/sandbox/index.ts';
import { startPinterestSandbox } from '../platforms/pinterest/sandbox/index.ts';
import { startSnapchatSandbox } from '../platforms/snapchat/sandbox/standalone.ts';
import { startXSandbox } from '../platforms/x-ads/sandbox/standalone.ts';
import { startTikTokSandbox } from '../platforms/tiktok/sandbox/standalone.ts';

const SANDBOXES = [
  'tiktok',
  'linkedin',
  'pinterest',
  'microsoft_ads',
  'snapchat',
  'x_ads',
] as const;
const usage = `Usage: latchkey sandbox ${SANDBOXES.join('|')} [--port N] [--host H] [--data-file F]
                        [--app-id ID] [--app-secret S] [--redirect-uri URL]
                        [--control-token T]   (opens the control API to this token)
                        [--developer-token D] (microsoft_ads: the developer token it accepts)`;

/** Starts the named sandbox and keeps running until SIGINT/SIGTERM; returns the exit code. */
export async function runSandboxCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-file': { type: 'string' },
      'app-id': { type: 'string' },
      'app-secret': { type: 'string' },
      'redirect-uri': { type: 'string' },
      'control-token': { type: 'string' },
      'developer-token': { type: 'string', default: 'latchkey-sandbox-developer-token' },
    },
  });
  const which = SANDBOXES.find((id) => id === positionals[0]);
  if (which === undefined) {
    console.error(
      `Unknown sandbox "${positionals[0] ?? ''}". Available: ${SANDBOXES.join(', ')}\n${usage}`,
    );
    return 1;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (got "${values.port}")\n${usage}`);
    return 1;
  }
  const redirectUri = values['redirect-uri'] ?? `http://127.0.0.1:3000/oauth/callback/${which}`;
  const common = {
    host: values.host,
    port,
    ...(values['data-file'] ? { dataFile: path.resolve(values['data-file']) } : {}),
    ...(values['control-token'] ? { control: { token: values['control-token'] } } : {}),
  };
  const app = (defaults: { id: string; secret: string }) => ({
    clientId: values['app-id'] ?? defaults.id,
    clientSecret: values['app-secret'] ?? defaults.secret,
    redirectUris: [redirectUri],
  });
  const sandbox = await standalone[which]({
    common,
    app,
    developerToken: values['developer-token'],
  });
  console.log(`${sandbox.name} sandbox running at ${sandbox.url}`);
  for (const [what, where] of sandbox.addresses) console.log(`  ${`${what}:`.padEnd(8)} ${where}`);
  await untilStopped();
  await sandbox.close();
  return 0;
}

type SandboxName = (typeof SANDBOXES)[number];
interface StandaloneInput {
  readonly common: {
    host: string;
    port: number;
    dataFile?: string;
    control?: { token: string };
  };
  readonly app: (defaults: { id: string; secret: string }) => {
    clientId: string;
    clientSecret: string;
    redirectUris: string[];
  };
  readonly developerToken: string;
}
interface Standalone {
  readonly name: string;
  readonly url: string;
  /** What to open where, printed under the URL. */
  readonly addresses: readonly (readonly [string, string])[];
  close(): Promise<void>;
}
const SANDBOX_APP = { id: 'latchkey-sandbox', secret: 'latchkey-sandbox-secret' };

/** How each sandbox starts on its own, and where its API and sign-in are. */
const standalone: Record<SandboxName, (input: StandaloneInput) => Promise<Standalone>> = {
  tiktok: async ({ common, app }) => {
    const { clientId, clientSecret, redirectUris } = app(SANDBOX_APP);
    const sandbox = await startTikTokSandbox({
      ...common,
      apps: [{ appId: clientId, secret: clientSecret, redirectUris }],
    });
    return {
      name: 'TikTok',
      url: sandbox.url,
      addresses: [
        ['API', `${sandbox.url}/open_api/v1.3/`],
        ['Sign in', `${sandbox.url}/`],
      ],
      close: () => sandbox.close(),
    };
  },
  linkedin: async ({ common, app }) => {
    const sandbox = await startLinkedInSandbox({ ...common, apps: [app(SANDBOX_APP)] });
    return {
      name: 'LinkedIn',
      url: sandbox.url,
      addresses: [
        ['API', `${sandbox.url}/rest/ and ${sandbox.url}/v2/userinfo`],
        ['Sign in', `${sandbox.url}/signin (OAuth: ${sandbox.url}/oauth/v2/authorization)`],
      ],
      close: () => sandbox.close(),
    };
  },
  pinterest: async ({ common, app }) => {
    const sandbox = await startPinterestSandbox({
      ...common,
      apps: [app({ id: '1490000000001', secret: 'latchkey-pinterest-sandbox' })],
    });
    return {
      name: 'Pinterest',
      url: sandbox.url,
      addresses: [
        ['API', `${sandbox.url}/v5/`],
        ['Sign in', `${sandbox.url}/oauth/`],
      ],
      close: () => sandbox.close(),
    };
  },
  microsoft_ads: async ({ common, app, developerToken }) => {
    const sandbox = await startMicrosoftAdsSandbox({
      ...common,
      apps: [app(SANDBOX_APP)],
      developerTokens: [developerToken],
    });
    return {
      name: 'Microsoft Advertising',
      url: sandbox.url,
      addresses: [
        ['API', `${sandbox.url}/CustomerManagement/v13/`],
        ['OAuth', `${sandbox.url}/common/oauth2/v2.0/authorize`],
        ['Sign in', `${sandbox.url}/signin`],
      ],
      close: () => sandbox.close(),
    };
  },
  snapchat: async ({ common, app }) => {
    const sandbox = await startSnapchatSandbox({ ...common, apps: [app(SANDBOX_APP)] });
    return {
      name: 'Snapchat',
      url: sandbox.url,
      addresses: [
        ['API', `${sandbox.url}/v1/`],
        ['OAuth', `${sandbox.url}/login/oauth2/authorize`],
      ],
      close: () => sandbox.close(),
    };
  },
  x_ads: async ({ common, app }) => {
    // OAuth 1.0a: the client id and secret are the app's consumer key and secret.
    const { clientId, clientSecret, redirectUris } = app(SANDBOX_APP);
    const sandbox = await startXSandbox({
      ...common,
      apps: [{ consumerKey: clientId, consumerSecret: clientSecret, callbacks: redirectUris }],
    });
    return {
      name: 'X',
      url: sandbox.url,
      addresses: [
        ['API', `${sandbox.url}/12/`],
        ['OAuth', `${sandbox.url}/oauth/request_token, /oauth/authorize, /oauth/access_token`],
        ['Ads', `${sandbox.url}/ads`],
      ],
      close: () => sandbox.close(),
    };
  },
};

function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
