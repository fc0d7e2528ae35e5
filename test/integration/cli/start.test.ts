import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseKind, testPostgresUrl } from '../../support/database.ts';
import { runLatchkey, type RunningProcess } from '../../support/process.ts';

const running: RunningProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const proc of running.splice(0)) {
    if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await proc.exited;
  }
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function environment(): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'latchkey-cli-'));
  dirs.push(dir);
  return {
    LATCHKEY_DATA_DIR: dir,
    PORT: '0',
    ...(testDatabaseKind === 'postgres' ? { DATABASE_URL: testPostgresUrl } : {}),
  };
}

function start(args: string[], env: Record<string, string>): RunningProcess {
  const proc = runLatchkey(args, env);
  running.push(proc);
  return proc;
}

describe(`latchkey start on ${testDatabaseKind}`, () => {
  // The 10 s start-up bar is measured in test/e2e/start.test.ts, which runs alone; here many test
  // files share two cores, so only correctness is asserted.
  it('serves /healthz and stops cleanly on SIGTERM within 10 s', async () => {
    const env = await environment();
    const proc = start(['start'], env);
    const [, url] = await proc.waitForOutput(/Open (http:\/\/\S+)/, 45_000);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: testDatabaseKind });

    const stopping = Date.now();
    proc.child.kill('SIGTERM');
    const { code } = await proc.exited;
    expect(code).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 60_000);

  it('runs API and worker roles as separate processes', async () => {
    const env = await environment();
    if (testDatabaseKind === 'pglite') {
      // PGlite is single-process: a second process on the same data folder is refused.
      const first = start(['start'], env);
      await first.waitForOutput(/Open http/);
      const second = start(['start', '--role', 'worker'], env);
      const { code } = await second.exited;
      expect(code).toBe(1);
      expect(second.output()).toMatch(/Another Latchkey process \(pid \d+\)[\s\S]*single-process/);
      return;
    }
    const api = start(['start', '--role', 'api'], env);
    const worker = start(['start', '--role', 'worker'], env);
    const [, url] = await api.waitForOutput(/Open (http:\/\/\S+)/);
    await worker.waitForOutput(/worker is running/);
    expect(worker.output()).not.toMatch(/Open http/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    worker.child.kill('SIGTERM');
    api.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    expect((await api.exited).code).toBe(0);
  }, 60_000);

  it('refuses a bad configuration value, naming the variable', async () => {
    const env = await environment();
    const proc = start(['start'], { ...env, PORT: 'eighty' });
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.output()).toMatch(/PORT/);
  });

  it('prints help', async () => {
    const proc = start(['--help'], await environment());
    expect((await proc.exited).code).toBe(0);
    expect(proc.output()).toMatch(/latchkey start \[--role all\|api\|worker\]/);
    expect(proc.output()).toMatch(/doctor/);
  });

  it('checks configuration and database with doctor', async () => {
    const proc = start(['doctor'], await environment());
    expect((await proc.exited).code).toBe(0);
    expect(proc.output()).toMatch(/ok\s+configuration/);
    expect(proc.output()).toMatch(/ok\s+database/);
  });
});
