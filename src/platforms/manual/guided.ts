/**
 * What the guided connectors (Search Console, YouTube, Shopify) share: nothing is listed (the
 * client types the asset), and the calls no API can serve fail with a non-retryable PlatformError
 * that says where a person does it instead.
 */
import { PlatformError } from '../errors.ts';
import type { AgencyIdentity, AssetRef, ClientAssetListing, GrantOutcome } from '../types.ts';
import { guidedStep, type GuidedPlatformId } from './steps.ts';

/** The listing of a guided platform: empty, with words for the client. */
export function guidedListing(platformName: string): ClientAssetListing {
  return {
    businesses: [],
    assets: [],
    notice: {
      code: 'guided',
      message: `${platformName} cannot be listed here: type the address the step asks for.`,
    },
  };
}

/** No read API can see this access: only a person's confirmation records it. */
export function notReadable(platformName: string): PlatformError {
  return new PlatformError(
    'invalid',
    `No ${platformName} API can confirm this access: it is recorded from a person's confirmation.`,
    'not_readable',
  );
}

/** No API removes this access: a person removes it where it was given. */
export function manualRevoke(platformName: string, where: string): PlatformError {
  return new PlatformError(
    'invalid',
    `No ${platformName} API removes this access: remove it in ${where}.`,
    'manual_revoke',
  );
}

/**
 * A guided grant: no API shares the asset, so the outcome is the person's step. The agency's
 * identity is its Google account's email where the step names one (Search Console, YouTube).
 */
export function guidedGrant(
  platform: GuidedPlatformId,
  input: { asset: AssetRef; level: string; agency: AgencyIdentity },
  options: { agencyEmail: boolean },
): Promise<GrantOutcome> {
  const step = guidedStep({
    platform,
    assetId: input.asset.id,
    level: input.level,
    agencyEmail: options.agencyEmail ? input.agency.businessId : null,
    agencyName: input.agency.businessId,
    stored: {},
  });
  return Promise.resolve({ kind: 'needs_manual_step', step });
}
