import { afterEach, expect, it } from 'vitest';
import { offboardJob } from '../../../src/jobs/offboard.ts';
import { startOffboarding } from '../../../src/jobs/offboard-plan.ts';
import { createQueues, startWorkers } from '../../../src/jobs/queue.ts';
import { verifyGrantsJob } from '../../../src/jobs/verify-grants.ts';
import type { LifecycleDeps } from '../../../src/jobs/verify-grants-deps.ts';
import {
  queueDueVerifications,
  scheduleVerificationsJob,
} from '../../../src/jobs/verify-grants-schedule.ts';
import { findOffboarding } from '../../../src/store/offboardings.ts';
import { findVerificationRun } from '../../../src/store/verifications.ts';
import { createLifecycleHarness, type LifecycleHarness } from '../../support/lifecycle.ts';
import { waitFor } from '../../support/queue.ts';

let h: LifecycleHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

it('queues a sweep per agency once the interval has passed, and workers run sweeps and offboardings', async () => {
  h = await createLifecycleHarness({ clients: 1, perClient: 6 });
  let now = new Date('2031-01-01T00:00:00Z');
  const direct = { ...h.deps, now: () => now, random: () => 0 };
  const first = await queueDueVerifications(direct);
  expect(first).toHaveLength(1);
  now = new Date('2031-01-01T23:00:00Z');
  expect(await queueDueVerifications(direct)).toEqual([]);
  now = new Date('2031-01-02T00:00:01Z');
  expect(await queueDueVerifications(direct)).toHaveLength(1);

  const jobs = [verifyGrantsJob, scheduleVerificationsJob, offboardJob];
  await createQueues(h.queue.boss, jobs);
  const deps: LifecycleDeps = { ...h.deps, boss: h.queue.boss, random: () => 0 };
  await startWorkers(h.queue.boss, jobs as never, deps);
  const runId = first[0] ?? '';
  await h.queue.boss.send(verifyGrantsJob.name, { runId });
  const done = await waitFor(async () => {
    const run = await findVerificationRun(h?.database.db ?? deps.database.db, runId);
    return run?.status === 'completed' ? run : undefined;
  });
  expect(done.summary).toMatchObject({ holds: 6, lost: 0, unknown: 0 });

  const { offboarding } = await startOffboarding(deps, {
    agencyId: h.agency.agency.id,
    clientId: h.clients[0]?.clientId ?? '',
    reason: 'manual',
    actor: { kind: 'system', id: null },
    createdBy: null,
  });
  const finished = await waitFor(async () => {
    const o = await findOffboarding(deps.database.db, offboarding.id);
    return o?.status === 'completed' ? o : undefined;
  });
  expect(finished.finishedAt).not.toBeNull();
}, 60_000);
