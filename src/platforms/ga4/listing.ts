/**
 * The client's GA4 accounts and properties (accountSummaries), with the consenting user's own
 * level on each read from the bindings: granting needs admin, so others are listed as blocked.
 */
import { PlatformError } from '../errors.ts';
import type { ClientAsset, ClientAssetListing } from '../types.ts';
import { listAccountSummaries, listBindings, type Ga4ApiDeps } from './api.ts';
import { levelOf } from './access.ts';

async function ownLevel(
  deps: Ga4ApiDeps,
  token: string,
  parent: string,
  email: string,
): Promise<string | undefined> {
  try {
    return levelOf(
      (await listBindings(deps, token, parent)).find((b) => b.user?.toLowerCase() === email),
    );
  } catch (error) {
    if (error instanceof PlatformError && error.kind === 'permission') return undefined;
    throw error;
  }
}

const blockedUnlessAdmin = (asset: ClientAsset, level: string | undefined): ClientAsset =>
  level === 'admin'
    ? asset
    : {
        ...asset,
        blocked: {
          code: 'not_admin',
          message: `Only an Administrator can share this (your role: ${level ?? 'none'}).`,
          values: { role: level ?? 'none' },
        },
      };

/** Lists accounts and properties with who may share them. */
export async function listGa4Assets(
  deps: Ga4ApiDeps,
  clientToken: string,
  email: string,
): Promise<ClientAssetListing> {
  const summaries = await listAccountSummaries(deps, clientToken);
  const businesses: { id: string; name: string; isAdmin: boolean }[] = [];
  const assets: ClientAsset[] = [];
  for (const s of summaries) {
    const accountId = (s.account ?? '').replace('accounts/', '');
    const name = s.displayName ?? accountId;
    const accountLevel = await ownLevel(deps, clientToken, `accounts/${accountId}`, email);
    businesses.push({ id: accountId, name, isAdmin: accountLevel === 'admin' });
    assets.push(
      blockedUnlessAdmin(
        { type: 'ga4_account', id: accountId, name, ownerId: accountId, ownerName: name },
        accountLevel,
      ),
    );
    for (const p of s.propertySummaries ?? []) {
      const propertyId = (p.property ?? '').replace('properties/', '');
      const level =
        accountLevel === 'admin'
          ? 'admin'
          : await ownLevel(deps, clientToken, `properties/${propertyId}`, email);
      assets.push(
        blockedUnlessAdmin(
          {
            type: 'ga4_property',
            id: propertyId,
            name: p.displayName ?? propertyId,
            ownerId: accountId,
            ownerName: name,
          },
          level,
        ),
      );
    }
  }
  return summaries.length > 0
    ? { businesses, assets }
    : {
        businesses,
        assets,
        notice: {
          code: 'no_ga4_accounts',
          message: 'This Google account has no Google Analytics accounts.',
        },
      };
}
