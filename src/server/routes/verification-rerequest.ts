/**
 * The one-click re-request: a new link for exactly the lost or downgraded assets of an alert, at
 * their old levels. The request's items name each asset type once (at the highest old level of
 * that type, as the request rules demand); `rerequest_assets` records the exact assets and levels.
 * The link is returned once (and emailed when the client's email is known).
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
import { withAudit } from '../../store/audit.ts';
import { findClient } from '../../store/clients.ts';
import { scheduleLinkEmail } from '../../store/link-reminders.ts';
import { Secret } from '../../store/secrets.ts';
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
  const source = alert.items[0]?.requestId
    ? await findAccessRequest(deps.database.db, actor.agencyId, alert.items[0].requestId)
    : undefined;
  const client = source?.clientId
    ? await findClient(deps.database.db, actor.agencyId, source.clientId)
    : undefined;
  const now = deps.now();
  const link = generateLinkToken();
  const url = `${deps.publicUrl()}/l/${link.token}`;
  const email = client?.email ?? null;
  const request = await withAudit(deps.database.db, async (tx) => {
    const created = await insertAccessRequest(tx, {
      agencyId: actor.agencyId,
      clientId: client?.id ?? null,
      title: `Access again: ${alert.items.length} asset(s)${client ? ` for ${client.name}` : ''}`,
      message: `Some access you granted earlier was removed or lowered. This link asks for exactly those assets again: ${alert.items.map((i) => `${i.assetName} (${i.expectedLevel})`).join(', ')}.`,
      linkId: link.linkId,
      linkSecretHash: hashLinkSecret(link.secret),
      linkExpiresAt: new Date(now.getTime() + DEFAULT_LINK_TTL_DAYS * DAY_MS),
      accessEndsAt: source?.accessEndsAt ?? null,
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
        data: { rerequest_of_alert: alert.id, assets: alert.items.length, emailed: Boolean(email) },
      },
    };
  });
  return {
    request: { id: request.id, title: request.title },
    link: { url, expiresAt: request.linkExpiresAt.toISOString(), emailedTo: email },
    assets: alert.items,
  };
}
