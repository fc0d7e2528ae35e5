/**
 * The steps a person must take where TikTok's API cannot grant: pixels and catalogs are shared by
 * their owner inside Business Center (bc/partner/add/ takes ADVERTISER only, tiktok-api.md §9a),
 * and a TikTok account is linked by its owner scanning a QR code in the TikTok app (§11).
 */
import type { ManualStep } from '../types.ts';

export interface ShareStepInput {
  readonly kind: 'pixel' | 'catalog';
  readonly assetId: string;
  readonly agencyBcId: string;
  readonly level: string;
  readonly businessCenterUrl: string;
}

/**
 * Exact steps for the owner to share a pixel or catalog with the agency's BC as a partner. The
 * words follow Business Center's own tabs (Users, Partners, Accounts, Notifications): pixels and
 * catalogs are listed under Accounts, which holds the "Share with a partner" form.
 */
export function buildShareStep(input: ShareStepInput): ManualStep {
  const noun = input.kind === 'pixel' ? 'pixel' : 'catalog';
  const list = input.kind === 'pixel' ? 'Pixels' : 'Catalogs';
  const level =
    input.kind === 'catalog'
      ? `, choose the permission ${input.level === 'ADMIN' ? 'Admin' : 'Ad promote'}`
      : '';
  return {
    title: `Share the ${noun} ${input.assetId} in TikTok Business Center`,
    instructions: [
      'Open TikTok Business Center and sign in as an admin of the Business Center that owns it.',
      `Open the Accounts tab: the ${noun} with ID ${input.assetId} is listed under ${list}.`,
      `Under "Share with a partner", choose the ${noun} ${input.assetId}, choose the partner with Business Center ID ${input.agencyBcId}${level}, and press "Share with partner". If that partner is not listed, add it first in the Partners tab ("Add a partner", with that ID).`,
      'Come back to this page: Latchkey checks TikTok and marks the step done once the share shows up.',
    ],
    actionUrl: input.businessCenterUrl,
  };
}

/** The step for the TikTok account's owner: scan the QR code in the TikTok app and approve. */
export function buildQrStep(input: { qrUrl: string; assetId: string }): ManualStep {
  return {
    title: 'Approve the TikTok account link in the TikTok app',
    instructions: [
      `The owner of TikTok account ${input.assetId} scans this QR code with the TikTok app (or opens the link on the phone signed in to that account).`,
      'In the TikTok app, check the request and approve it (permission: Deliver ads, for Spark Ads).',
      'Come back to this page: Latchkey checks TikTok and marks the step done once the account is linked.',
    ],
    actionUrl: input.qrUrl,
    qrCode: true,
  };
}
