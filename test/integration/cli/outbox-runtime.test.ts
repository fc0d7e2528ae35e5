import { createHmac } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../../src/cli/runtime.ts';
import { loadConfig } from '../../../src/config.ts';
import { scheduleLinkEmail } from '../../../src/store/link-reminders.ts';
import { parseKeyring } from '../../../src/store/secrets.ts';
import { emitWebhookEvent } from '../../../src/store/webhook-events.ts';
import { buildAgency, type TestAgency } from '../../support/agency.ts';
import { testDatabaseKind, testPostgresUrl } from '../../support/database.ts';
import { captureLogger } from '../../support/logger.ts';
import { insertRequest } from '../../support/outbox-fixtures.ts';
import { waitFor } from '../../support/queue.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

let dataDir: string;
let runtime: Runtime;
let receiver: WebhookReceiver;
let agency: TestAgency;
const log = captureLogger('info');
let healthAtListening: Promise<number> | undefined;
const keyEntry = `rt1:${Buffer.alloc(32, 7).toString('base64')}`;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'latchkey-outbox-'));
  receiver = await startWebhookReceiver();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LATCHKEY_DATA_DIR: dataDir,
    LATCHKEY_SECRET_KEYS: keyEntry,
    LOG_LEVEL: 'info',
    ...(testDatabaseKind === 'postgres' ? { DATABASE_URL: testPostgresUrl } : {}),
  });
  runtime = await startRuntime(config, 'all', log.logger, {
    onSetupLink: () => {},
    onListening: (url) => {
      healthAtListening = fetch(`${url}/healthz`).then((res) => res.status);
    },
  });
  agency = await buildAgency(runtime.database);
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  await receiver?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('start-up', () => {
  it('answers as soon as it announces its URL, and starts the workers after', async () => {
    expect(healthAtListening).toBeDefined();
    expect(await healthAtListening).toBe(200);
    const phases = Object.keys(runtime.startup);
    expect(phases.indexOf('http')).toBeGreaterThan(-1);
    expect(phases.indexOf('workers')).toBeGreaterThan(phases.indexOf('http'));
  });
});

describe('webhooks and email in the running server', () => {
  it('delivers a signed webhook within seconds of the committed event', async () => {
    const key = await agency.apiKey('write');
    const created = await fetch(`${runtime.url}/api/v1/webhooks`, {
      method: 'POST',
      headers: { ...key.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, eventTypes: ['request.completed'] }),
    });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    await runtime.database.db.transaction().execute(async (tx) => {
      await emitWebhookEvent(tx, {
        agencyId: agency.agency.id,
        type: 'request.completed',
        data: { request_id: 'r-1' },
      });
    });
    const delivery = await waitFor(() => receiver.received[0], { timeoutMs: 20_000 });
    const header = delivery.headers['latchkey-signature'] as string;
    const t = /t=(\d+)/.exec(header)![1]!;
    const v1 = /v1=([0-9a-f]+)/.exec(header)![1]!;
    expect(createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest('hex')).toBe(v1);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'request.completed' });
  });

  it('writes the link email as an .eml file and logs only its path', async () => {
    const requestId = await insertRequest(runtime.database.db, agency.agency.id);
    const link = `http://127.0.0.1/l/${requestId}.RUNTIMECANARY`;
    await runtime.database.db.transaction().execute(async (tx) => {
      await scheduleLinkEmail(tx, parseKeyring(keyEntry), {
        agencyId: agency.agency.id,
        requestId,
        to: 'client@example.test',
        linkUrl: link,
        agencyName: 'Northwind Media',
      });
    });
    const mail = path.join(dataDir, 'mail');
    const file = await waitFor(
      async () => (await readdir(mail).catch(() => [] as string[])).find((f) => f.endsWith('.eml')),
      { timeoutMs: 20_000 },
    );
    expect(await readFile(path.join(mail, file), 'utf8')).toContain('RUNTIMECANARY');
    await waitFor(() => log.text().includes(path.join(mail, file)));
    expect(log.text()).not.toContain('RUNTIMECANARY');
  });
});
