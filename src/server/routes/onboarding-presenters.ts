/**
 * What the client page and the dashboard see of requests and grants: labels from the manifests,
 * plain status words, the manual step (with its QR code rendered here as a data URL), and never a
 * token or link secret.
 */
import QRCode from 'qrcode';
import type { PlatformManifest } from '../../platforms/types.ts';
import type { AccessRequest, AccessRequestItem } from '../../store/access-requests.ts';
import type { Grant } from '../../store/grants.ts';
import type { StoredGuidedInput } from '../../store/guided-grants.ts';
import { confirmedBy } from '../../domain/grant.ts';
import { ownValue } from '../../lib/own.ts';
import { customStep } from '../../platforms/custom/manifests.ts';
import { verificationOf } from './custom-manifests.ts';

type Manifests = Readonly<Record<string, PlatformManifest>>;

/**
 * An asked-for item with its labels (what and why, in the platform's words). A custom tool's item
 * carries its logo, the fields the client fills in and its steps (with the agency's name filled
 * in when `agencyName` is given, as on the client page).
 */
export function presentItem(manifests: Manifests, item: AccessRequestItem, agencyName?: string) {
  const manifest = ownValue(manifests, item.platform);
  const type = manifest?.assetTypes.find((t) => t.id === item.assetType);
  const level = type?.levels.find((l) => l.id === item.permissionLevel);
  const custom = type?.custom
    ? {
        logo: type.custom.logo,
        actionUrl: type.custom.actionUrl,
        fields: type.custom.fields.map((f) => ({ ...f })),
        steps:
          agencyName === undefined
            ? [...type.custom.steps]
            : customStep(type, { level: item.permissionLevel, agencyName }).instructions,
      }
    : null;
  return {
    platform: item.platform,
    platformName: manifest?.name ?? item.platform,
    assetType: item.assetType,
    assetTypeLabel: type?.label ?? item.assetType,
    grantMethod: type?.grantMethod ?? 'api',
    // What the client types for a guided type (site URL, channel, store and code).
    clientInput: type?.clientInput ?? null,
    permissionLevel: item.permissionLevel,
    levelLabel: level?.label ?? item.permissionLevel,
    levelDescription: level?.description ?? '',
    // How the access is known for this item (a custom tool's own confirmer).
    verification: verificationOf(manifests, item.platform, item.assetType),
    custom,
  };
}

interface StoredManualStep {
  kind?: string;
  detail?: string;
  title?: string;
  instructions?: string[];
  actionUrl?: string;
  qrCode?: boolean;
}

async function presentManualStep(value: unknown) {
  if (!value || typeof value !== 'object') return null;
  const step = value as StoredManualStep;
  const qrCodeDataUrl =
    step.qrCode && step.actionUrl
      ? await QRCode.toDataURL(step.actionUrl, { margin: 1, width: 240 })
      : null;
  return {
    kind: step.kind === 'pending_acceptance' || step.kind === 'guided' ? step.kind : 'manual',
    title: step.title ?? null,
    detail: step.detail ?? null,
    instructions: step.instructions ?? [],
    actionUrl: step.actionUrl ?? null,
    qrCodeDataUrl,
  };
}

export { confirmedBy };

/**
 * One grant's live status for the client page and the dashboard; with the client's input of a
 * guided step (Shopify store and collaborator code) when the caller read it.
 */
export async function presentGrant(manifests: Manifests, grant: Grant, input?: StoredGuidedInput) {
  const manifest = ownValue(manifests, grant.platform);
  const type = manifest?.assetTypes.find((t) => t.id === grant.assetType);
  const alreadyShared = grant.steps.some((s) => (s.detail ?? '').startsWith('already_granted'));
  return {
    id: grant.id,
    platform: grant.platform,
    assetType: grant.assetType,
    assetTypeLabel: type?.label ?? grant.assetType,
    assetId: grant.assetId,
    assetName: grant.assetName,
    ownerId: grant.ownerId,
    permissionLevel: grant.permissionLevel,
    levelLabel:
      type?.levels.find((l) => l.id === grant.permissionLevel)?.label ?? grant.permissionLevel,
    status: grant.status,
    alreadyShared,
    failureReason: grant.failureReason,
    manualStep: await presentManualStep(grant.manualStep),
    // How the access is known: `api` (read back), or a person's confirmation (never verified).
    verification: verificationOf(manifests, grant.platform, grant.assetType),
    grantMethod: type?.grantMethod ?? 'api',
    confirmedBy: confirmedBy(grant),
    clientInput: input ?? null,
    attempts: grant.attempts,
    // The recovery points the grant job recorded (names, times, outcomes; never a token).
    steps: grant.steps.map(({ name, at, detail }) =>
      detail === undefined ? { name, at } : { name, at, detail },
    ),
    updatedAt: grant.updatedAt.toISOString(),
  };
}

/** Per-status counts for list views. */
export function countStatuses(grants: readonly Grant[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const grant of grants) counts[grant.status] = (counts[grant.status] ?? 0) + 1;
  return counts;
}

/** A request for the agency's dashboard and API (no link secret: it was shown once). */
export function presentRequest(manifests: Manifests, request: AccessRequest) {
  return {
    id: request.id,
    clientId: request.clientId,
    title: request.title,
    message: request.message,
    language: request.language,
    status: request.status,
    linkExpiresAt: request.linkExpiresAt.toISOString(),
    linkRevokedAt: request.linkRevokedAt?.toISOString() ?? null,
    linkOpenedAt: request.linkOpenedAt?.toISOString() ?? null,
    accessEndsAt: request.accessEndsAt?.toISOString() ?? null,
    createdAt: request.createdAt.toISOString(),
    items: request.items.map((item) => presentItem(manifests, item)),
  };
}
