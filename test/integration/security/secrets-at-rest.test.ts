/**
 * Nothing that grants access is stored unhashed: after the whole flow (setup, API key, invited
 * member, webhook, the agency's TikTok, clients, links, consent through the sandbox's OAuth,
 * approval, grants, drift, re-request, reminders, emails and webhooks delivered), a full dump of
 * the database (every table of every schema, pg-boss's jobs included; `pg_dump` on PostgreSQL)
 * and, on PGlite, the raw files of its data folder contain none of the secrets the flow used.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../support/database.ts';
import { dumpFiles, dumpRows, pgDump } from '../../support/db-dump.ts';
import { runWholeFlow, type WholeFlow } from '../../support/whole-flow.ts';

let flow: WholeFlow;
beforeAll(async () => {
  flow = await runWholeFlow();
}, 240_000);
afterAll(async () => {
  await flow?.stop();
});

/** The labels of the secrets found in a text. */
function found(text: string): string[] {
  return flow.secrets.filter((s) => text.includes(s.value)).map((s) => s.label);
}

describe('secrets at rest', () => {
  it('keeps no secret of the whole flow in the database or its files', async () => {
    const labels = new Set(flow.secrets.map((s) => s.label));
    for (const needed of [
      'setup token',
      'owner session',
      'member session',
      'API key secret',
      'invitation token',
      'link secret of Acme Outdoor',
      're-request link',
      'issued access_token',
    ]) {
      expect(labels, needed).toContain(needed);
    }
    // The dumps do show what is stored in clear (a client's email, an idempotency record).
    const control = flow.clients[0].email;
    const rows = await dumpRows(flow.started.runtime.database);
    expect(rows).toContain(control);
    expect(rows).toContain('flow-start-1');
    expect(found(rows)).toEqual([]);
    const { databaseUrl } = flow.started;
    if (testDatabaseKind === 'postgres' && databaseUrl) {
      const dump = await pgDump(databaseUrl);
      expect(dump).toContain(control);
      expect(found(dump)).toEqual([]);
    }
    await flow.started.halt();
    if (testDatabaseKind === 'pglite') {
      const files = await dumpFiles(path.join(flow.started.dataDir, 'pglite'));
      expect(files).toContain(control);
      expect(found(files)).toEqual([]);
    }
  });
});
