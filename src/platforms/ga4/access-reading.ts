/**
 * Who reaches one GA4 account or property through the agency, and why (the effective-access
 * explainer), read with the agency's own token. GA4 gives access to one Google account, the
 * agency's own (businessId is its email), by access bindings (google-api.md §3): one on the asset
 * itself, and, for a property, one on the account above it, which covers every property of that
 * account. `accountSummaries.list` names the property's account; `accessBindings.list` on each
 * parent reads the bindings. A parent the agency may not read holds no binding of the agency's.
 */
import { isDeniedOrMissing } from '../errors.ts';
import type { AccessPathReading, AgencyIdentity, AssetAccessReading, AssetRef } from '../types.ts';
import { bindingFor, levelOf, parentOf, STANDARD } from './access.ts';
import type { GoogleClientApiDeps } from '../google/client-connector.ts';
import { listAccountSummaries, listBindings, type Ga4Binding } from './api.ts';

export const GA4_ACCESS_LIMITS = [
  "GA4 gives access to one Google account, the agency's own: other people at the agency are not listed, and neither are the users the client added (they are the client's).",
  'Data restrictions on a binding (no cost data, no revenue data) are not shown.',
];

/** The agency's bindings on the asset and on the account above it, as paths. */
export async function readGa4AssetAccess(
  deps: GoogleClientApiDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AssetAccessReading> {
  const parent = parentOf(asset);
  const email = agency.businessId;
  const summaries = await listAccountSummaries(deps, agency.accessToken);
  const account = summaries.find((s) =>
    asset.type === 'ga4_account'
      ? s.account === parent
      : (s.propertySummaries ?? []).some((p) => p.property === parent),
  );
  const sourceName = account?.displayName ?? null;
  const business = { id: email, relation: 'access_binding', sourceName };
  const person = { id: email, name: null, email };
  const paths: AccessPathReading[] = [];
  const direct = levelOf(bindingFor(await readableBindings(deps, agency, parent), email));
  if (direct !== undefined) {
    paths.push({
      person,
      business,
      businessRole: direct,
      reason: 'asset_assignment',
      levels: [direct],
    });
  }
  const above = asset.type === 'ga4_property' ? account?.account : undefined;
  if (above) {
    const inherited = levelOf(bindingFor(await readableBindings(deps, agency, above), email));
    if (inherited !== undefined) {
      paths.push({
        person,
        business,
        businessRole: inherited,
        reason: 'parent_access',
        via: above.replace('accounts/', ''),
        levels: [inherited],
      });
    }
  }
  const best = paths
    .map((p) => p.businessRole)
    .sort((a, b) => STANDARD.indexOf(b) - STANDARD.indexOf(a))[0];
  if (best === undefined) return { holding: null, paths: [], limits: GA4_ACCESS_LIMITS };
  return {
    holding: { relation: 'access_binding', status: 'holds', levels: [best], sourceName },
    paths,
    limits: GA4_ACCESS_LIMITS,
  };
}

/** The bindings on a parent, or none when the agency may not read them (it holds no role there). */
async function readableBindings(
  deps: GoogleClientApiDeps,
  agency: AgencyIdentity,
  parent: string,
): Promise<Ga4Binding[]> {
  try {
    return await listBindings(deps, agency.accessToken, parent);
  } catch (error) {
    if (isDeniedOrMissing(error)) return [];
    throw error;
  }
}
