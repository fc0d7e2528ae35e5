/**
 * The guided steps where Meta offers no API: sharing an Instagram account with a partner
 * (meta-api.md item 4), and a personal ad account that is outside any business.
 */
import type { ManualStep } from '../types.ts';
import type { MetaDeps } from './deps.ts';

/** Assigning the agency as a partner on an Instagram account, by hand in Business Settings. */
export function instagramStep(
  deps: MetaDeps,
  agencyBusinessId: string,
  username: string,
): ManualStep {
  return {
    title: `Add our agency as a partner on Instagram account ${username}`,
    instructions: [
      'Open Business Settings (the button below) and sign in with the Facebook account that administers your business.',
      'Go to Accounts › Instagram accounts and select the account.',
      'Click "Assign partners", then enter our business ID: ' + agencyBusinessId + '.',
      'Tick the permissions you want to give us, then confirm.',
      'Come back here and press "I did it": we check that our business appears as a partner.',
    ],
    actionUrl: deps.businessSettingsUrl,
  };
}

/** A personal ad account must first join one of the client's businesses, then be shared. */
export function personalAdAccountStep(
  deps: MetaDeps,
  agencyBusinessId: string,
  adAccountId: string,
  tasks: readonly string[],
): ManualStep {
  return {
    title: `Move ad account ${adAccountId} into your business, then share it with us`,
    instructions: [
      'This ad account is personal: Meta only lets ad accounts owned by a business be shared with a partner.',
      'Open Business Settings (the button below). If you have no business yet, create one there.',
      `Go to Accounts › Ad accounts › Add › "Add an ad account" and enter ${adAccountId}.`,
      `Select the ad account, click "Assign partners" and enter our business ID: ${agencyBusinessId}.`,
      `Give us these permissions: ${tasks.join(', ')}.`,
      'Come back here and press "I did it": we check that our business appears as a partner.',
    ],
    actionUrl: deps.businessSettingsUrl,
  };
}
