/**
 * Job (cron, hourly): expiring access. For each request with an end date and access still
 * granted: a reminder to the agency's owners and managers `reminderDays` before the end (once per
 * end date), and at the end date the offboarding of that request, started by itself (one per
 * request, however many sweeps see it due). The clock is injected.
 */
import { z } from 'zod';
import { daysLeft, hasAccessEnded, isReminderDue } from '../domain/offboarding-plan-expiry.ts';
import { withAudit } from '../store/audit.ts';
import { enqueueEmail } from '../store/email-outbox.ts';
import { listEndingRequests, recordEndReminder } from '../store/offboardings-expiry.ts';
import { listAgencyAlertRecipients } from '../store/verifications-grants.ts';
import { startOffboarding } from './offboard-plan.ts';
import { defineJob } from './queue.ts';
import type { LifecycleDeps } from './verify-grants-deps.ts';

export const expireRequestsJob = defineJob({
  name: 'lifecycle.expire-requests',
  payload: z.object({}).strict(),
  queue: { retryLimit: 2, retryDelay: 60, deleteAfterSeconds: 86_400, policy: 'short' },
  handler: async (_payload, deps: LifecycleDeps) => {
    await sweepAccessEnds(deps);
  },
});

export interface ExpirySweepResult {
  readonly reminded: readonly string[];
  readonly offboarded: readonly { requestId: string; offboardingId: string }[];
}

/** Sends due reminders and starts due offboardings; returns what it did. */
export async function sweepAccessEnds(deps: LifecycleDeps): Promise<ExpirySweepResult> {
  const now = deps.now();
  const reminded: string[] = [];
  const offboarded: { requestId: string; offboardingId: string }[] = [];
  for (const request of await listEndingRequests(deps.database.db)) {
    if (hasAccessEnded(request.accessEndsAt, now)) {
      const { offboarding, created } = await startOffboarding(deps, {
        agencyId: request.agencyId,
        requestId: request.id,
        reason: 'expiry',
        actor: { kind: 'system', id: null },
        createdBy: null,
      });
      if (created) offboarded.push({ requestId: request.id, offboardingId: offboarding.id });
      continue;
    }
    if (
      !isReminderDue(request.accessEndsAt, now, deps.lifecycle.reminderDays, request.remindedFor)
    ) {
      continue;
    }
    await withAudit(deps.database.db, async (tx) => {
      const first = await recordEndReminder(tx, request, now);
      if (first) {
        const days = daysLeft(request.accessEndsAt, now);
        for (const to of await listAgencyAlertRecipients(tx, request.agencyId)) {
          await enqueueEmail(tx, deps.keyring, {
            agencyId: request.agencyId,
            to,
            subject: `Access for "${request.title}" ends in ${days} day(s)`,
            text: [
              `The access granted through "${request.title}" ends on ${request.accessEndsAt.toISOString().slice(0, 10)}.`,
              'On that date Latchkey removes every asset it granted for it, verifies the removal and writes an offboarding report.',
              `To keep the access, change the end date: ${deps.publicUrl()}/app/requests/${request.id}`,
            ].join('\n'),
            kind: 'access_end_reminder',
            relatedId: request.id,
          });
        }
      }
      return {
        result: undefined,
        audit: first
          ? {
              agencyId: request.agencyId,
              actor: { kind: 'system', id: null },
              action: 'request.access_end_reminded',
              target: { kind: 'access_request', id: request.id },
              data: { access_ends_at: request.accessEndsAt.toISOString() },
            }
          : [],
      };
    });
    reminded.push(request.id);
  }
  return { reminded, offboarded };
}
