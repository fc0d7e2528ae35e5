/**
 * The compiled server for the HTTP and paint benchmarks: `latchkey start` on a fresh PGlite
 * folder (sandbox mode), an agency signed up through the setup link, one TikTok request and its
 * client link opened.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchServer {
  readonly url: string;
  /** The owner's session cookie (`name=value`). */
  readonly cookie: string;
  /** The client's link token (the page is `url/l/<token>`). */
  readonly token: string;
  readonly stop: () => Promise<void>;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Starts the server and prepares one client link. */
export async function startBenchServer(): Promise<BenchServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'latchkey-bench-'));
  const server = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []),
      path.join(root, 'bin/latchkey.js'),
      'start',
    ],
    {
      env: { PATH: process.env.PATH ?? '', LATCHKEY_DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    let output = '';
    const { url, setup } = await new Promise<{ url: string; setup: string }>((resolve) => {
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const found = /Open (http:\/\/\S+)/.exec(output)?.[1];
        const link = /(http:\/\/\S+\/app\/setup#token=\S+)/.exec(output)?.[1];
        if (found && link) resolve({ url: found, setup: link });
      });
    });
    const origin = { origin: url, 'content-type': 'application/json' };
    const signedUp = await fetch(`${url}/api/v1/setup`, {
      method: 'POST',
      headers: origin,
      body: JSON.stringify({
        token: setup.split('#token=')[1],
        agencyName: 'Bench Agency',
        name: 'Bench Owner',
        email: 'owner@bench.example',
        password: 'correct horse battery staple',
      }),
    });
    const cookie = (signedUp.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const created = await fetch(`${url}/api/v1/requests`, {
      method: 'POST',
      headers: { ...origin, cookie },
      body: JSON.stringify({
        title: 'Bench',
        items: [{ platform: 'tiktok', assetType: 'advertiser', permissionLevel: 'OPERATOR' }],
      }),
    });
    if (created.status !== 201) {
      throw new Error(`request: ${created.status} ${await created.text()}`);
    }
    const token = ((await created.json()) as { link: { url: string } }).link.url.split('/l/')[1]!;
    await fetch(`${url}/api/v1/onboarding/${token}/open`, {
      method: 'POST',
      headers: { origin: url },
    });
    return { url, cookie, token, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
