/**
 * Telling the agency about one client's drift, inside the sweep's transaction: one signed
 * `grant.drifted` webhook per asset (W2's outbox) and one email per owner or manager (the email
 * outbox) naming that client's assets only, pointing at the dashboard's lifecycle page, where the
 * alert offers the one-click re-request.
 */
import type { Executor } from '../store/audit.ts';
import { enqueueEmail } from '../store/email-outbox.ts';
import type { DriftAlertItem } from '../store/schema.ts';
import { listAgencyAlertRecipients } from '../store/verifications-grants.ts';
import { emitWebhookEvent } from '../store/webhook-events.ts';
import type { LifecycleDeps } from './verify-grants-deps.ts';

/** Queues the webhooks and emails for one alert. */
export async function notifyDrift(
  tx: Executor,
  deps: Pick<LifecycleDeps, 'keyring' | 'publicUrl'>,
  input: {
    agencyId: string;
    runId: string;
    alertId: string;
    /** The client the alert is about; null for a request made without a client. */
    client: { id: string; name: string } | null;
    items: readonly DriftAlertItem[];
  },
): Promise<void> {
  for (const item of input.items) {
    await emitWebhookEvent(tx, {
      agencyId: input.agencyId,
      type: 'grant.drifted',
      data: {
        grant_id: item.grantId,
        request_id: item.requestId,
        client_id: input.client?.id ?? null,
        platform: item.platform,
        asset_type: item.assetType,
        asset_id: item.assetId,
        expected_level: item.expectedLevel,
        outcome: item.outcome,
        level_found: item.levelFound,
        run_id: input.runId,
        alert_id: input.alertId,
      },
    });
  }
  const link = driftAlertUrl(deps.publicUrl(), input.alertId);
  const whose = input.client ? input.client.name : 'a client';
  const lines = input.items.map((item) =>
    item.outcome === 'lost'
      ? `- ${item.assetName} (${item.platform} ${item.assetType} ${item.assetId}): access lost (was ${item.expectedLevel})`
      : `- ${item.assetName} (${item.platform} ${item.assetType} ${item.assetId}): downgraded from ${item.expectedLevel} to ${item.levelFound ?? 'unknown'}`,
  );
  const text = [
    `Latchkey checked the access ${whose} granted, and some of it changed:`,
    '',
    ...lines,
    '',
    `Send ${whose} a new link for exactly these assets at their old levels: ${link}`,
  ].join('\n');
  for (const to of await listAgencyAlertRecipients(tx, input.agencyId)) {
    await enqueueEmail(tx, deps.keyring, {
      agencyId: input.agencyId,
      to,
      subject: `Access changed on ${input.items.length} asset(s) of ${whose}`,
      text,
      kind: 'grant_drift',
      relatedId: input.alertId,
    });
  }
}

/** The dashboard page that shows one drift alert (the web app lives under `/app/`). */
export function driftAlertUrl(publicUrl: string, alertId: string): string {
  return `${publicUrl}/app/lifecycle?alert=${encodeURIComponent(alertId)}`;
}
