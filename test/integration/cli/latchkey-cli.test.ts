import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApiCommand } from '../../../src/cli/commands/run-api-command.ts';
import type { CommandIo } from '../../../src/cli/output.ts';
import { startRuntime, type Runtime } from '../../../src/cli/runtime.ts';
import { loadConfig } from '../../../src/config.ts';
import { buildAgency } from '../../support/agency.ts';
import { testDatabaseKind, testPostgresUrl } from '../../support/database.ts';
import { captureLogger } from '../../support/logger.ts';
import { runLatchkey } from '../../support/process.ts';
import { waitFor } from '../../support/queue.ts';

let dataDir: string;
let runtime: Runtime | undefined;
let env: Record<string, string>;
let ownerEmail: string;
let writeKey: string;

async function start(): Promise<Runtime> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'warn' });
  return startRuntime(config, 'all', captureLogger('warn').logger, { onSetupLink: () => {} });
}

/** Runs a CLI command in-process against the running server; returns code, stdout and stderr. */
async function cli(args: string[], key: string | undefined = writeKey) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { ...env, LATCHKEY_URL: runtime?.url ?? '', ...(key ? { LATCHKEY_API_KEY: key } : {}) },
  };
  const [group, ...rest] = args;
  const code = await runApiCommand(group!, rest, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'latchkey-cli-api-'));
  env = {
    NODE_ENV: 'test',
    PORT: '0',
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_SECRET_KEYS: `cli1:${Buffer.alloc(32, 3).toString('base64')}`,
    ...(testDatabaseKind === 'postgres' ? { DATABASE_URL: testPostgresUrl } : {}),
  };
  runtime = await start();
  ownerEmail = `owner-${Date.now()}@cli.example`;
  await buildAgency(runtime.database, { ownerEmail });
  // Bootstrapping: the first key is made offline, with the server stopped (PGlite is single-process).
  await runtime.stop();
  runtime = undefined;
  const bootstrap = await cli([
    'api-keys',
    'create',
    '--offline',
    '--owner',
    ownerEmail,
    '--name',
    'bootstrap',
    '--scope',
    'write',
    '--json',
  ]);
  expect(bootstrap.code, bootstrap.err).toBe(0);
  writeKey = (JSON.parse(bootstrap.out) as { key: string }).key;
  runtime = await start();
}, 180_000);

afterAll(async () => {
  await runtime?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe(`latchkey CLI against a running server (${testDatabaseKind})`, () => {
  it('creates and lists clients with the bootstrapped key', async () => {
    const created = await cli([
      'clients',
      'create',
      '--name',
      'Acme Outdoor',
      '--email',
      'ops@acme-outdoor.example',
      '--json',
    ]);
    expect(created.code, created.err).toBe(0);
    const { client } = JSON.parse(created.out) as { client: { id: string; name: string } };
    expect(client.name).toBe('Acme Outdoor');
    const listed = await cli(['clients', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^ID\s+NAME\s+EMAIL\s+CREATED/);
    expect(listed.out).toContain(client.id);
    expect(listed.out).toContain('ops@acme-outdoor.example');
  });

  it('creates a request for a client and lists it', async () => {
    const { client } = JSON.parse(
      (await cli(['clients', 'create', '--name', 'Request Co', '--json'])).out,
    ) as { client: { id: string } };
    const created = await cli([
      'requests',
      'create',
      '--client',
      client.id,
      '--item',
      'tiktok:advertiser:ANALYST',
      '--title',
      'TikTok ads access',
    ]);
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/Created request [0-9a-f-]{36} \(TikTok ads access\)/);
    expect(created.out).toMatch(/http:\/\/\S+\/l\/\S+/);
    const listed = await cli(['requests', 'list', '--json']);
    const { requests } = JSON.parse(listed.out) as { requests: { title: string }[] };
    expect(requests.map((r) => r.title)).toContain('TikTok ads access');
  });

  it('emails the link when given a client email (an .eml file without SMTP)', async () => {
    const created = await cli([
      'requests',
      'create',
      '--item',
      'tiktok:advertiser:ANALYST',
      '--email',
      'client@cli.example',
      '--json',
    ]);
    expect(created.code, created.err).toBe(0);
    const { link } = JSON.parse(created.out) as { link: { url: string; emailedTo: string } };
    expect(link.emailedTo).toBe('client@cli.example');
    const mail = path.join(dataDir, 'mail');
    const message = await waitFor(
      async () => {
        for (const file of await readdir(mail).catch(() => [] as string[])) {
          const text = await readFile(path.join(mail, file), 'utf8');
          if (text.includes('To: client@cli.example')) return text;
        }
        return undefined;
      },
      { timeoutMs: 20_000 },
    );
    expect(message.replace(/=\r?\n/g, '')).toContain(link.url);
  });

  it('creates a read-only key over the API; it can read but not write', async () => {
    const made = await cli([
      'api-keys',
      'create',
      '--name',
      'reporting',
      '--scope',
      'read',
      '--json',
    ]);
    expect(made.code, made.err).toBe(0);
    const readKey = (JSON.parse(made.out) as { key: string }).key;
    expect(readKey).toMatch(/^lk_/);
    expect((await cli(['clients', 'list'], readKey)).code).toBe(0);
    const refused = await cli(['clients', 'create', '--name', 'Nope'], readKey);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('Error (403 forbidden): This API key is read-only');
  });

  it('shows the API’s validation and auth errors with exit code 1', async () => {
    const invalid = await cli(['clients', 'create', '--name', 'X', '--email', 'not-an-address']);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/^Error \(400 invalid_body\): Invalid body\n {2}email: /);
    const unknown = await cli(['requests', 'create', '--item', 'tiktok:advertiser:OWNER']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^Error \(422 unprocessable\): /);
    const bad = await cli(['clients', 'list'], `lk_${'0'.repeat(16)}.${'x'.repeat(43)}`);
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('Error (401 unauthorized): Invalid or revoked API key');
  });

  it('works as the real latchkey binary, with --json and exit codes', async () => {
    const ok = runLatchkey(['clients', 'list', '--json', '--url', runtime!.url!], {
      LATCHKEY_API_KEY: writeKey,
    });
    expect((await ok.exited).code).toBe(0);
    expect((JSON.parse(ok.output()) as { clients: unknown[] }).clients.length).toBeGreaterThan(0);
    const refused = runLatchkey(
      ['clients', 'list', '--url', runtime!.url!, '--api-key', 'lk_nope'],
      {},
    );
    expect((await refused.exited).code).toBe(1);
    expect(refused.output()).toContain('Error (401 unauthorized)');
  }, 60_000);
});
