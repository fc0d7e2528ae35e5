/**
 * The guided step of an X ads account: the client, signed in to X as an account administrator,
 * adds the agency's @handle in ads manager with the access level asked for. The wording follows
 * X's multi-user login help (x-ads-api.md facts item 2); Latchkey then checks it through the API.
 */
import type { ManualStep } from '../types.ts';
import { X_PERMISSIONS, type XLevel } from './manifest.ts';

/** The step for one ads account; `agencyHandle` is null until the agency has connected X. */
export function xAdsGuide(input: {
  accountId: string;
  level: string;
  agencyHandle: string | null;
}): ManualStep {
  const access = X_PERMISSIONS[input.level as XLevel]?.label ?? X_PERMISSIONS.analyst.label;
  const who = input.agencyHandle
    ? `@${input.agencyHandle.replace(/^@/, '')}`
    : 'your agency’s X username';
  return {
    title: `Add ${who} to your X ads account ${input.accountId}`,
    instructions: [
      'Sign in to ads.x.com with an X account that is an account administrator of this ads account.',
      'Open the account menu (your ads account’s name, top right) and choose Edit access to account.',
      `Click Add access and enter ${who}.`,
      `Choose the access level ${access}, then Save.`,
      'Come back here and press "I have done this": Latchkey checks the access through X’s Ads API.',
    ],
    actionUrl: 'https://ads.x.com/',
  };
}

/** An X ads account id as X writes it (`18ce54d4x5t`): lower-case letters and digits. */
export function normalizeXAdsAccountId(input: string): string | null {
  const id = input.trim().toLowerCase();
  return /^[a-z0-9]{4,20}$/.test(id) ? id : null;
}
