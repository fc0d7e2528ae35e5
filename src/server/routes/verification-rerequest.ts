/**
 * The one-click re-request: a new link for exactly the lost or downgraded assets of an alert, at
 * their old levels. The request's items name each asset type once (at the highest old level of
 * that type, as the request rules demand); `rerequest_assets` records the exact assets and levels.
 * The link is returned once (and emailed when the client's email is known). An alert is about one
 * client, so the link goes to that client's contact and names only that client's assets.
 */
import { checkRequestItems } from '../../domain/access-request.ts';
import {
  DEFAULT_LINK_TTL_DAYS,
  generateLinkToken,
  hashLinkSecret,
} from '../../domain/access-request-link.ts';
import type { LifecycleDeps } from '../../jobs/verify-grants-deps.ts';
import { findAccessRequest, insertAccessRequest } from '../../store/access-requests.ts';
import { findAgencyBranding } from '../../store/agencies.ts';
import { withAudit, type Executor } from '../../store/audit.ts';
import { findClient } from '../../store/clients.ts';
import { scheduleLinkEmail } from '../../store/link-reminders.ts';
import { clientWords } from '../../domain/client-languages.ts';
import { Secret } from '../../store/secrets.ts';
import { listLifecycleGrants } from '../../store/verifications-grants.ts';
import {
  insertRerequestAssets,
  updateDriftAlert,
  type DriftAlert,
} from '../../store/verifications-alerts.ts';
import type { RequestActor } from '../auth/actor.ts';
import { AppError } from '../errors.ts';
import { ownValue } from '../../lib/own.ts';

const DAY_MS = 86_400_000;

/** Creates the re-request for an alert and links it; returns the request id and the link once. */
export async function createRerequest(
  deps: LifecycleDeps,
  actor: RequestActor,
  alert: DriftAlert,
): Promise<{
  request: { id: string; title: string };
  link: { url: string; expiresAt: string; emailedTo: string | null };
  assets: DriftAlert['items'];
}> {
  const items: { platform: string; assetType: string; permissionLevel: string }[] = [];
  for (const asset of alert.items) {
    const levels =
      ownValue(deps.platforms, asset.platform)
        ?.manifest.assetTypes.find((t) => t.id === asset.assetType)
        ?.levels.map((l) => l.id) ?? [];
    const existing = items.find(
      (i) => i.platform === asset.platform && i.assetType === asset.assetType,
    );
    if (!existing)
      items.push({
        platform: asset.platform,
        assetType: asset.assetType,
        permissionLevel: asset.expectedLevel,
      });
    else if (levels.indexOf(asset.expectedLevel) > levels.indexOf(existing.permissionLevel)) {
      existing.permissionLevel = asset.expectedLevel;
    }
  }
  const manifests = Object.values(deps.platforms).flatMap((p) => (p ? [p.manifest] : []));
  const problems = checkRequestItems(items, manifests);
  if (problems.length > 0)
    throw new AppError('unprocessable', 'These assets cannot be requested again', problems);
  const db = deps.database.db;
  await assertOneClient(db, actor.agencyId, alert);
  // The alert names its client; the link goes to that client and asks only for its assets.
  const client = alert.clientId ? await findClient(db, actor.agencyId, alert.clientId) : undefined;
  const sources = await Promise.all(
    [...new Set(alert.items.map((i) => i.requestId).filter((id) => id !== null))].map((id) =>
      findAccessRequest(db, actor.agencyId, id),
    ),
  );
  // The new link speaks the language the client was first asked in.
  const language = sources.find((s) => s?.language)?.language ?? null;
  const now = deps.now();
  const link = generateLinkToken();
  const url = `${deps.publicUrl()}/l/${link.token}`;
  const email = client?.email ?? null;
  const request = await withAudit(db, async (tx) => {
    const created = await insertAccessRequest(tx, {
      agencyId: actor.agencyId,
      clientId: client?.id ?? null,
      title: `Access again: ${alert.items.length} asset(s)${client ? ` for ${client.name}` : ''}`,
      message: clientWords(language ?? 'en', 'rerequest', {
        assets: alert.items.map((i) => `${i.assetName} (${i.expectedLevel})`).join(', '),
      }),
      language,
      linkId: link.linkId,
      linkSecretHash: hashLinkSecret(link.secret),
      linkExpiresAt: new Date(now.getTime() + DEFAULT_LINK_TTL_DAYS * DAY_MS),
      accessEndsAt: latestEnd(sources),
      createdBy: actor.userId,
      items,
    });
    await insertRerequestAssets(tx, created.id, actor.agencyId, alert.items);
    await updateDriftAlert(tx, actor.agencyId, alert.id, { rerequestId: created.id });
    if (email) {
      const branding = await findAgencyBranding(tx, actor.agencyId);
      await scheduleLinkEmail(tx, deps.keyring, {
        agencyId: actor.agencyId,
        requestId: created.id,
        to: email,
        linkUrl: new Secret(url),
        agencyName: branding?.displayName ?? 'Your agency',
      });
    }
    return {
      result: created,
      audit: {
        agencyId: actor.agencyId,
        actor: { kind: actor.kind, id: actor.apiKeyId ?? actor.userId },
        action: 'request.created',
        target: { kind: 'access_request', id: created.id },
        data: {
          rerequest_of_alert: alert.id,
          client_id: client?.id ?? null,
          assets: alert.items.length,
          emailed: Boolean(email),
        },
      },
    };
  });
  return {
    request: { id: request.id, title: request.title },
    link: { url, expiresAt: request.linkExpiresAt.toISOString(), emailedTo: email },
    assets: alert.items,
  };
}

/**
 * Refuses an alert whose assets belong to more than one client (or to another client than the
 * alert names): a link must never carry one client's assets to another client's contact.
 */
async function assertOneClient(db: Executor, agencyId: string, alert: DriftAlert): Promise<void> {
  const grants = await listLifecycleGrants(db, {
    agencyId,
    grantIds: alert.items.map((i) => i.grantId),
    statuses: [
      'queued',
      'running',
      'granted',
      'pending_acceptance',
      'needs_manual_step',
      'failed',
      'revoked',
    ],
  });
  const owners = new Set(grants.map((g) => g.clientId ?? `request:${g.requestId}`));
  const expected = alert.clientId ?? `request:${alert.requestId ?? ''}`;
  if (owners.size > 1 || (owners.size === 1 && !owners.has(expected))) {
    throw new AppError('conflict', 'This alert names assets of more than one client');
  }
}

/** The access end of the re-request: none if any source request had none, else the latest. */
function latestEnd(sources: readonly ({ accessEndsAt: Date | null } | undefined)[]): Date | null {
  const ends = sources.map((s) => s?.accessEndsAt ?? null);
  if (ends.length === 0 || ends.some((e) => e === null)) return null;
  return new Date(Math.max(...ends.map((e) => e?.getTime() ?? 0)));
}
