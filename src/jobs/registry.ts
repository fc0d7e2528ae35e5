/** Every background job Latchkey runs, with the dependencies they need. */
import { deliverWebhookJob } from './deliver-webhook.ts';
import { executeGrantJob } from './execute-grant.ts';
import type { OutboxDeps } from './outbox-deps.ts';
import { rewrapSecretsJob, type RewrapDeps } from './rewrap-secrets.ts';
import { sendEmailJob } from './send-email.ts';
import { sweepGrantsJob, type SweepDeps } from './sweep-grants.ts';
import { sweepRemindersJob } from './sweep-reminders.ts';

export type JobDeps = RewrapDeps & OutboxDeps & SweepDeps;

export const jobs = [
  rewrapSecretsJob,
  deliverWebhookJob,
  sendEmailJob,
  sweepRemindersJob,
  executeGrantJob,
  sweepGrantsJob,
] as const;
