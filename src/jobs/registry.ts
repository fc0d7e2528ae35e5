/** Every background job Latchkey runs, with the dependencies they need. */
import { deliverWebhookJob } from './deliver-webhook.ts';
import { executeGrantJob } from './execute-grant.ts';
import { expireRequestsJob } from './expire-requests.ts';
import { offboardJob } from './offboard.ts';
import type { OutboxDeps } from './outbox-deps.ts';
import { rewrapSecretsJob, type RewrapDeps } from './rewrap-secrets.ts';
import { sendEmailJob } from './send-email.ts';
import { recheckSoonJob } from './recheck-soon.ts';
import { sweepGrantsJob, type SweepDeps } from './sweep-grants.ts';
import { sweepRemindersJob } from './sweep-reminders.ts';
import { verifyGrantsJob } from './verify-grants.ts';
import type { LifecycleDeps } from './verify-grants-deps.ts';
import { scheduleVerificationsJob } from './verify-grants-schedule.ts';

export type JobDeps = RewrapDeps & OutboxDeps & SweepDeps & LifecycleDeps;

export const jobs = [
  rewrapSecretsJob,
  deliverWebhookJob,
  sendEmailJob,
  sweepRemindersJob,
  executeGrantJob,
  sweepGrantsJob,
  recheckSoonJob,
  verifyGrantsJob,
  scheduleVerificationsJob,
  offboardJob,
  expireRequestsJob,
] as const;
