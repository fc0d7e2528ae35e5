/**
 * A client's data rights after the whole flow: the owner exports everything held about Acme
 * (JSON, with the audit trail, no secret), another agency gets 404 and a member 403, a wrong
 * confirmation changes nothing, and the erasure leaves nothing of Acme's (names, emails, ids,
 * links, tokens) in a full dump of the database (every schema, pg-boss's jobs included;
 * `pg_dump` on PostgreSQL) or in PGlite's data files, while Birch & Co's data is intact.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency } from '../../support/agency.ts';
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

const call = (method: string, pathname: string, headers: Record<string, string>, body?: unknown) =>
  fetch(`${flow.url}${pathname}`, {
    method,
    headers: {
      origin: flow.url,
      ...headers,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

interface Exported {
  client: { id: string; name: string; email: string };
  requests: { id: string }[];
  onboardings: { id: string }[];
  grants: { id: string; asset_id: string }[];
  driftAlerts: { id: string }[];
  auditEvents: { action: string }[];
  emails: { kind: string }[];
}

describe('client export and erasure', () => {
  it('exports, then erases one client entirely and leaves the other intact', async () => {
    const [acme, birch] = flow.clients;
    const other = await buildAgency(flow.started.runtime.database);
    expect(
      (await call('GET', `/api/v1/clients/${acme.id}/export`, other.owner.headers)).status,
    ).toBe(404);
    expect(
      (
        await call('POST', `/api/v1/clients/${acme.id}/erase`, other.owner.headers, {
          confirm: acme.name,
        })
      ).status,
    ).toBe(404);
    const memberSession = flow.secrets.find((s) => s.label === 'member session')?.value ?? '';
    const member = { cookie: `__Host-latchkey_session=${memberSession}` };
    expect((await call('GET', `/api/v1/clients/${acme.id}/export`, member)).status).toBe(403);

    const exported = await call('GET', `/api/v1/clients/${acme.id}/export`, flow.owner.headers);
    expect(exported.status).toBe(200);
    const text = await exported.text();
    const data = JSON.parse(text) as Exported;
    expect(data.client).toMatchObject({ id: acme.id, name: acme.name, email: acme.email });
    expect(data.requests.length).toBe(2);
    expect(data.grants.length).toBe(2);
    expect(data.driftAlerts.length).toBe(1);
    expect(data.auditEvents.map((e) => e.action)).toEqual(
      expect.arrayContaining(['request.created', 'grant.drifted']),
    );
    expect(data.emails.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['request_link', 'grant_drift']),
    );
    expect(text).not.toContain(birch.name);
    expect(flow.secrets.filter((s) => text.includes(s.value)).map((s) => s.label)).toEqual([]);

    // What names Acme: its ids, name, email, links and the tokens its person was issued.
    const named = [
      acme.id,
      acme.name,
      acme.email,
      ...data.requests.map((r) => r.id),
      ...data.onboardings.map((o) => o.id),
      ...data.grants.map((g) => g.id),
      ...data.driftAlerts.map((a) => a.id),
    ];
    const marks = [
      ...named,
      ...flow.secrets.filter((s) => /Acme|re-request/.test(s.label)).map((s) => s.value),
    ];
    const birchMarks = [birch.id, birch.name, birch.email];
    const before = await dumpRows(flow.started.runtime.database);
    for (const mark of [...named, ...birchMarks]) expect(before, mark).toContain(mark);

    const wrong = await call('POST', `/api/v1/clients/${acme.id}/erase`, flow.owner.headers, {
      confirm: 'Acme',
    });
    expect(wrong.status).toBe(422);
    expect((await call('GET', `/api/v1/clients/${acme.id}`, flow.owner.headers)).status).toBe(200);

    const erased = await call('POST', `/api/v1/clients/${acme.id}/erase`, flow.owner.headers, {
      confirm: acme.name,
    });
    expect(erased.status).toBe(200);
    expect((await erased.json()) as unknown).toMatchObject({ erased: { requests: 2, grants: 2 } });
    expect((await call('GET', `/api/v1/clients/${acme.id}`, flow.owner.headers)).status).toBe(404);
    expect((await call('GET', `/api/v1/clients/${birch.id}`, flow.owner.headers)).status).toBe(200);

    const left = (text: string) => marks.filter((m) => text.includes(m));
    const rows = await dumpRows(flow.started.runtime.database);
    expect(left(rows)).toEqual([]);
    for (const mark of birchMarks) expect(rows, mark).toContain(mark);
    expect(rows).toContain('client.erased');
    const { databaseUrl } = flow.started;
    if (testDatabaseKind === 'postgres' && databaseUrl) {
      expect(left(await pgDump(databaseUrl))).toEqual([]);
    }
    await flow.started.halt();
    if (testDatabaseKind === 'pglite') {
      const files = await dumpFiles(path.join(flow.started.dataDir, 'pglite'));
      for (const mark of birchMarks) expect(files, mark).toContain(mark);
      expect(left(files)).toEqual([]);
    }
  });
});
