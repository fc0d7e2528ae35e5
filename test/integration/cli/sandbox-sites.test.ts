/**
 * The runtime's sandboxes (issues #14, #15): each on its own origin under another host name than
 * Latchkey's, nothing of them left on Latchkey's listener, and their control API closed unless
 * LATCHKEY_SANDBOX_CONTROL=on, then behind a token (given, or generated into the data folder).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { controlTokenFile } from '../../../src/cli/sandbox-control-token.ts';
import { loadConfig } from '../../../src/config.ts';
import { startTestRuntime, type TestRuntime } from '../../support/runtime.ts';

let running: TestRuntime | undefined;
// Each test starts a whole runtime (migrations included): slow on a loaded machine.
afterEach(async () => {
  await running?.stop();
  running = undefined;
}, 60_000);

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('the sandboxes of a running Latchkey', () => {
  it('serves each on its own origin, none under Latchkey, control closed by default', async () => {
    running = await startTestRuntime();
    const { url, sandboxes, sandboxControlToken } = running.runtime;
    expect(sandboxControlToken).toBeUndefined();
    const latchkey = new URL(url ?? '');
    for (const id of [
      'tiktok',
      'meta',
      'google',
      'linkedin',
      'pinterest',
      'microsoft_ads',
    ] as const) {
      const sandbox = new URL(sandboxes[id] ?? '');
      expect(sandbox.hostname).toBe('localhost');
      expect(sandbox.origin).not.toBe(latchkey.origin);
      expect((await fetch(`${sandbox.origin}/_control/log`)).status).toBe(404);
    }
    // The TikTok API answers on its origin; Latchkey no longer serves any sandbox path.
    const api = await fetch(`${sandboxes.tiktok}/open_api/v1.3/bc/get/`);
    expect(((await api.json()) as { code: number }).code).toBe(40104);
    expect((await fetch(`${sandboxes.pinterest}/v5/user_account`)).status).toBe(401);
    for (const path of ['/sandbox/tiktok/signin', '/sandbox/meta/signin', '/rest/adAccounts']) {
      expect((await fetch(`${url}${path}`)).status).toBe(404);
    }
  }, 120_000);

  it('opens the control API with a generated token kept in the data folder', async () => {
    running = await startTestRuntime({ env: { LATCHKEY_SANDBOX_CONTROL: 'on' } });
    const token = running.runtime.sandboxControlToken ?? '';
    expect(token.length).toBeGreaterThanOrEqual(32);
    const dataDir = loadConfig({ LATCHKEY_DATA_DIR: running.dataDir }).dataDir;
    expect((await readFile(controlTokenFile(dataDir), 'utf8')).trim()).toBe(token);
    expect(running.log.text()).not.toContain(token);
    for (const id of ['tiktok', 'meta', 'google', 'linkedin', 'microsoft_ads'] as const) {
      const log = `${running.runtime.sandboxes[id]}/_control/log`;
      expect((await fetch(log)).status).toBe(401);
      expect((await fetch(log, bearer('not-the-token-but-long-enough'))).status).toBe(401);
      expect((await fetch(log, bearer(token))).status).toBe(200);
    }
  }, 120_000);

  it('uses LATCHKEY_SANDBOX_CONTROL_TOKEN when it is set', async () => {
    const token = 'an-operator-chosen-control-token-1234';
    running = await startTestRuntime({
      env: { LATCHKEY_SANDBOX_CONTROL: 'on', LATCHKEY_SANDBOX_CONTROL_TOKEN: token },
    });
    expect(running.runtime.sandboxControlToken).toBe(token);
    const reset = await fetch(`${running.runtime.sandboxes.meta}/_control/reset`, {
      method: 'POST',
      ...bearer(token),
    });
    expect(reset.status).toBe(200);
  }, 120_000);

  it('gives back every port when one sandbox cannot start', async () => {
    // The sandboxes start side by side: when Meta's port is taken, the start fails, and TikTok's
    // listener (started beside it) is closed too, not left bound behind a failed start.
    const taken = await listenOn(0);
    const free = await listenOn(0);
    const freePort = port(free);
    await new Promise((resolve) => free.close(resolve));
    try {
      await expect(
        startTestRuntime({
          env: { TIKTOK_SANDBOX_PORT: String(freePort), META_SANDBOX_PORT: String(port(taken)) },
        }),
      ).rejects.toThrow(/EADDRINUSE/);
      const again = await listenOn(freePort);
      await new Promise((resolve) => again.close(resolve));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 120_000);
});

function listenOn(at: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(at, '127.0.0.1', () => resolve(server));
  });
}

function port(server: Server): number {
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('not listening');
  return address.port;
}
