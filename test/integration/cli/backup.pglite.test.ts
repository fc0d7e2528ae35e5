/**
 * `latchkey backup` / `latchkey restore` on the embedded database, as an operator runs them: a
 * server process serves writes while a second process backs it up; the copy restores into a new
 * folder, a server starts from it and every write acknowledged before the backup began is there.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/database.ts';
import { migrate } from '../../../src/store/migrate.ts';
import { generateKeyEntry } from '../../../src/store/secrets.ts';
import { buildAgency } from '../../support/agency.ts';
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

const secretKeys = generateKeyEntry('b1');

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'latchkey-backup-'));
  dirs.push(dir);
  return dir;
}

const envFor = (dataDir: string) => ({
  LATCHKEY_DATA_DIR: dataDir,
  LATCHKEY_SECRET_KEYS: secretKeys,
  PORT: '0',
});

/** A data folder holding an agency; returns its API key's headers. */
async function seededDataDir(dataDir: string): Promise<Record<string, string>> {
  const database = await openDatabase({ dataDir });
  try {
    await migrate(database);
    const agency = await buildAgency(database);
    return { ...(await agency.apiKey('write')).headers, 'content-type': 'application/json' };
  } finally {
    await database.close();
  }
}

async function startServer(dataDir: string): Promise<{ proc: RunningProcess; url: string }> {
  const proc = runLatchkey(['start'], envFor(dataDir));
  running.push(proc);
  const [, url] = await proc.waitForOutput(/Open (http:\/\/\S+)/, 90_000);
  return { proc, url: url! };
}

async function stopServer(proc: RunningProcess): Promise<void> {
  proc.child.kill('SIGTERM');
  expect((await proc.exited).code).toBe(0);
}

/** Runs a one-shot `latchkey` command to its end. */
async function latchkey(args: string[], dataDir: string) {
  const proc = runLatchkey(args, envFor(dataDir));
  running.push(proc);
  const { code } = await proc.exited;
  return { code, output: proc.output() };
}

describe('latchkey backup and restore (PGlite)', () => {
  it('backs up a serving server, restores into a new folder and starts from it', async () => {
    const source = await tempDir();
    const headers = await seededDataDir(source);
    const server = await startServer(source);

    // Writes keep arriving while the backup is taken.
    const acknowledged: { id: string; at: number }[] = [];
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing; n += 1) {
        const response = await fetch(`${server.url}/api/v1/clients`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: `Client ${n}` }),
        });
        expect(response.status).toBe(201);
        const { client } = (await response.json()) as { client: { id: string } };
        acknowledged.push({ id: client.id, at: Date.now() });
      }
    })();
    while (acknowledged.length < 5) await new Promise((resolve) => setTimeout(resolve, 50));

    const backupFile = path.join(await tempDir(), 'latchkey.backup');
    const backupStarted = Date.now();
    const backup = await latchkey(['backup', backupFile], source);
    writing = false;
    await writer;
    expect(backup.output).toContain('taken by the running server');
    expect(backup.code).toBe(0);
    const before = acknowledged.filter((write) => write.at < backupStarted);
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(acknowledged.length).toBeGreaterThan(before.length);

    // The running server's folder cannot be restored over, --force or not.
    const overRunning = await latchkey(['restore', backupFile, '--force'], source);
    expect(overRunning.code).toBe(1);
    expect(overRunning.output).toMatch(/Another Latchkey process/);
    await stopServer(server.proc);

    const target = await tempDir();
    const restored = await latchkey(['restore', backupFile], target);
    expect(restored.output).toContain('Restored');
    expect(restored.code).toBe(0);
    const again = await latchkey(['restore', backupFile], target);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/already holds a database.*--force/);

    // The copy is whole: every client row came with its audit event (one transaction).
    const database = await openDatabase({ dataDir: target });
    const counts = await sql<{ clients: number; audited: number }>`
      select (select count(*) from clients)::int as clients,
             (select count(*) from audit_events where action = 'client.created')::int as audited`
      .execute(database.db)
      .then((result) => result.rows[0]!);
    await database.close();
    expect(counts.clients).toBe(counts.audited);
    expect(counts.clients).toBeGreaterThanOrEqual(before.length);
    expect(counts.clients).toBeLessThanOrEqual(acknowledged.length);

    const restoredServer = await startServer(target);
    for (const { id } of before) {
      const response = await fetch(`${restoredServer.url}/api/v1/clients/${id}`, { headers });
      expect(response.status).toBe(200);
    }
    await stopServer(restoredServer.proc);
  }, 240_000);

  it('backs up a stopped folder, refuses damaged files and replaces a database with --force', async () => {
    const source = await tempDir();
    const headers = await seededDataDir(source);
    const backupFile = path.join(await tempDir(), 'stopped.backup');
    const backup = await latchkey(['backup', backupFile], source);
    expect(backup.output).toContain('no server was running');
    expect(backup.code).toBe(0);

    const target = await tempDir();
    await seededDataDir(target);
    const forced = await latchkey(['restore', backupFile, '--force'], target);
    expect(forced.code).toBe(0);
    const server = await startServer(target);
    const response = await fetch(`${server.url}/api/v1/clients`, { headers });
    expect(response.status).toBe(200);
    await stopServer(server.proc);

    const damaged = path.join(await tempDir(), 'damaged.backup');
    await writeFile(damaged, 'not a tarball');
    const empty = await tempDir();
    const refused = await latchkey(['restore', damaged], empty);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/Not a Latchkey backup/);
    expect(existsSync(path.join(empty, 'pglite'))).toBe(false);
    expect((await latchkey(['backup', backupFile], empty)).code).toBe(1);
  }, 240_000);
});
