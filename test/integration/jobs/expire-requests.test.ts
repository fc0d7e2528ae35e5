import { afterEach, describe, expect, it } from 'vitest';
import { sweepAccessEnds } from '../../../src/jobs/expire-requests.ts';
import { runOffboarding } from '../../../src/jobs/offboard.ts';
import { findOffboarding } from '../../../src/store/offboardings.ts';
import { createLifecycleHarness, type LifecycleHarness } from '../../support/lifecycle.ts';

let h: LifecycleHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const DAY = 86_400_000;

describe('expiring access', () => {
  it('reminds 7 days before the end date once, then offboards by itself at the end', async () => {
    const start = new Date('2031-03-01T09:00:00Z');
    const endsAt = new Date(start.getTime() + 10 * DAY);
    h = await createLifecycleHarness({ clients: 1, perClient: 6, accessEndsAt: endsAt });
    let now = start;
    const deps = { ...h.deps, now: () => now };
    const emails = () =>
      h?.database.db
        .selectFrom('email_outbox')
        .selectAll()
        .where('kind', '=', 'access_end_reminder')
        .execute();

    expect(await sweepAccessEnds(deps)).toEqual({ reminded: [], offboarded: [] });
    now = new Date(endsAt.getTime() - 7 * DAY - 60_000);
    expect((await sweepAccessEnds(deps)).reminded).toEqual([]);
    now = new Date(endsAt.getTime() - 7 * DAY + 60_000);
    const requestId = h.clients[0]?.requestId;
    expect((await sweepAccessEnds(deps)).reminded).toEqual([requestId]);
    now = new Date(endsAt.getTime() - 2 * DAY);
    expect((await sweepAccessEnds(deps)).reminded).toEqual([]);
    const sent = (await emails()) ?? [];
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toMatch(/ends in 7 day/);

    now = new Date(endsAt.getTime() + 1_000);
    const due = await sweepAccessEnds(deps);
    expect(due.offboarded).toHaveLength(1);
    expect(due.offboarded[0]?.requestId).toBe(requestId);
    // A second sweep (or a second worker) does not start another one.
    expect((await sweepAccessEnds(deps)).offboarded).toEqual([]);
    const id = due.offboarded[0]?.offboardingId ?? '';
    await runOffboarding(deps, id);
    const done = await findOffboarding(h.database.db, id);
    expect(done).toMatchObject({ status: 'completed', reason: 'expiry', requestId });
    expect(done?.finishedAt?.getTime()).toBe(now.getTime());
    const left = await h.database.db
      .selectFrom('grants')
      .select('status')
      .where('status', '=', 'granted')
      .execute();
    expect(left).toHaveLength(0);
  });
});
