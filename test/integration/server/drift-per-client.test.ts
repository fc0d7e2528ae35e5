/**
 * Drift is about a client: one scheduled sweep finds drift at three clients of two agencies, and
 * each client gets its own alert, its own agency emails and webhooks, and a re-request whose link
 * goes to that client's contact with only that client's assets. Nothing about one client names
 * another client's assets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVerification } from '../../../src/jobs/verify-grants.ts';
import { queueDueVerifications } from '../../../src/jobs/verify-grants-schedule.ts';
import { deletePartner } from '../../../src/platforms/tiktok/sandbox/model/partners.ts';
import type { App } from '../../../src/server/app.ts';
import { openEmailBody } from '../../../src/store/email-outbox.ts';
import { buildLifecycleApp, call } from '../../support/lifecycle-app.ts';
import { AGENCY2_BC, AGENCY_BC, type SeedGrant } from '../../support/lifecycle-world.ts';
import {
  createLifecycleHarness,
  type LifecycleHarness,
  type SeededClient,
} from '../../support/lifecycle.ts';

let h: LifecycleHarness;
let app: App;
beforeAll(async () => {
  h = await createLifecycleHarness({ clients: 3, perClient: 2, secondAgencyClients: 1 });
  app = await buildLifecycleApp(h);
  for (const agencyId of agencies().map((a) => a.agency.agency.id)) {
    await h.database.db
      .insertInto('webhook_endpoints')
      .values({
        agency_id: agencyId,
        url: 'https://hooks.example/latchkey',
        event_types: ['grant.drifted'],
        secret_ciphertext: 'not-used-by-emission',
      })
      .execute();
  }
});
afterAll(async () => {
  await app.close();
  await h.close();
});

function agencies() {
  const second = h.second;
  if (!second) throw new Error('second agency expected');
  return [
    { agency: h.agency, clients: h.clients },
    { agency: second.agency, clients: second.clients },
  ];
}

/** Every client with its agency, its contact email and what names its assets. */
function allClients() {
  return agencies().flatMap(({ agency, clients }) =>
    clients.map((client: SeededClient) => ({
      agency,
      client,
      index: client.grants[0]?.seed.clientIndex ?? -1,
      marks: client.grants.flatMap(({ seed }: { seed: SeedGrant }) => [seed.assetId, seed.name]),
    })),
  );
}

async function scheduledSweep(at: Date) {
  const deps = { ...h.deps, now: () => at };
  const runIds = await queueDueVerifications(deps);
  for (const runId of runIds) await runVerification(deps, runId);
  return runIds;
}

describe('drift per client', () => {
  it('gives each client its own alert, emails, webhooks and re-request link', async () => {
    expect(await scheduledSweep(new Date())).toHaveLength(2);
    expect(await h.database.db.selectFrom('drift_alerts').selectAll().execute()).toHaveLength(0);

    // Every client removes its agency as a partner.
    h.sandbox.sandbox.model.mutate((ctx) => {
      for (const [c, bcId] of h.world.clientBcs.entries()) {
        deletePartner(ctx, h.world.clientAdmins[c] ?? '', {
          bcId,
          partnerId: c === 2 ? AGENCY2_BC : AGENCY_BC,
        });
      }
    });
    expect(await scheduledSweep(new Date(Date.now() + 25 * 3_600_000))).toHaveLength(2);

    const db = h.database.db;
    const clients = allClients();
    const alerts = await db.selectFrom('drift_alerts').selectAll().execute();
    expect(alerts).toHaveLength(3);
    for (const { agency, client, marks } of clients) {
      const own = alerts.filter((a) => a.client_id === client.clientId);
      expect(own).toHaveLength(1);
      expect(own[0]?.agency_id).toBe(agency.agency.id);
      expect(own[0]?.items.map((i) => i.grantId).sort()).toEqual(
        client.grants.map((g) => g.grantId).sort(),
      );
      expect(marks.length).toBeGreaterThan(0);
    }

    // The agency's drift emails: one per client per owner, naming that client's assets only.
    const driftEmails = await db
      .selectFrom('email_outbox')
      .selectAll()
      .where('kind', '=', 'grant_drift')
      .execute();
    expect(driftEmails).toHaveLength(3);
    for (const email of driftEmails) {
      const alert = alerts.find((a) => a.id === email.related_id);
      const owner = clients.find((c) => c.client.clientId === alert?.client_id);
      if (!owner) throw new Error('a drift email about no client');
      expect(email.to_address).toBe(owner.agency.owner.user.email);
      const text = `${email.subject}\n${openEmailBody(h.keyring, { ...email, body_ciphertext: email.body_ciphertext ?? '' }).text}`;
      expect(text).toContain(`Client ${owner.index + 1}`);
      for (const mark of owner.marks) expect(text).toContain(mark);
      for (const other of clients.filter((c) => c !== owner)) {
        for (const mark of other.marks) expect(text).not.toContain(mark);
      }
    }

    // Webhooks: one per asset, carrying its own client and going to its own agency.
    const hooks = await db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('event_type', '=', 'grant.drifted')
      .execute();
    expect(hooks).toHaveLength(clients.reduce((n, c) => n + c.client.grants.length, 0));
    for (const hook of hooks) {
      const data = (JSON.parse(hook.body) as { data: { client_id: string; asset_id: string } })
        .data;
      const owner = clients.find((c) => c.client.clientId === data.client_id);
      expect(owner?.marks).toContain(data.asset_id);
      expect(hook.agency_id).toBe(owner?.agency.agency.id);
    }

    // Each alert's re-request goes to its own client's contact, for exactly its own assets.
    for (const { agency, client, marks } of clients) {
      const alert = alerts.find((a) => a.client_id === client.clientId);
      const made = await call(
        app,
        h,
        'POST',
        `/api/v1/drift-alerts/${alert?.id}/rerequest`,
        undefined,
        agency.owner.headers,
      );
      expect(made.statusCode).toBe(201);
      const body = made.json<{ request: { id: string }; link: { emailedTo: string } }>();
      const contact = await db
        .selectFrom('clients')
        .select('email')
        .where('id', '=', client.clientId)
        .executeTakeFirstOrThrow();
      expect(body.link.emailedTo).toBe(contact.email);
      const request = await db
        .selectFrom('access_requests')
        .selectAll()
        .where('id', '=', body.request.id)
        .executeTakeFirstOrThrow();
      expect(request.client_id).toBe(client.clientId);
      const asked = await db
        .selectFrom('rerequest_assets')
        .select('grant_id')
        .where('request_id', '=', body.request.id)
        .execute();
      expect(asked.map((a) => a.grant_id).sort()).toEqual(
        client.grants.map((g) => g.grantId).sort(),
      );
      const words = `${request.title}\n${request.message ?? ''}`;
      for (const other of clients.filter((c) => c.client !== client)) {
        for (const mark of other.marks) expect(words).not.toContain(mark);
      }
      expect(marks.some((m) => words.includes(m))).toBe(true);
      const linkEmails = await db
        .selectFrom('email_outbox')
        .selectAll()
        .where('kind', '=', 'request_link')
        .where('related_id', '=', body.request.id)
        .execute();
      expect(linkEmails.map((e) => e.to_address)).toEqual([contact.email]);
    }
    // Every client was asked once; no alert is left without its link.
    const after = await db.selectFrom('drift_alerts').select('rerequest_id').execute();
    expect(after.every((a) => a.rerequest_id !== null)).toBe(true);
  });
});
