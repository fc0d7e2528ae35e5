/**
 * GA4 grant, read and revoke over access bindings: read the agency's binding back first (R2),
 * create or raise it, and delete it to revoke (google-api.md §3).
 */
import { PlatformError } from '../errors.ts';
import type {
  AccessReading,
  AgencyIdentity,
  AssetRef,
  GrantOutcome,
  RevokeOutcome,
} from '../types.ts';
import {
  createBinding,
  deleteBinding,
  listBindings,
  patchBinding,
  type Ga4ApiDeps,
  type Ga4Binding,
} from './api.ts';
import { ga4Parent, ga4Role } from './manifest.ts';

/** The four standard levels, lowest first. */
export const STANDARD = ['viewer', 'analyst', 'editor', 'admin'];

/** The resource parent of an asset, or PlatformError invalid. */
export function parentOf(asset: AssetRef): string {
  const parent = /^\d+$/.test(asset.id) ? ga4Parent(asset.type, asset.id) : undefined;
  if (parent === undefined)
    throw new PlatformError('invalid', `Unknown GA4 asset ${asset.type} ${asset.id}`, 'bad_asset');
  return parent;
}

/** The standard level a binding gives (viewer..admin), or undefined. */
export function levelOf(binding: Ga4Binding | undefined): string | undefined {
  const levels = (binding?.roles ?? [])
    .map((r) => r.replace('predefinedRoles/', ''))
    .filter((r) => STANDARD.includes(r));
  return levels.sort((a, b) => STANDARD.indexOf(b) - STANDARD.indexOf(a))[0];
}

/** The binding of one user (by email, any case), if any. */
export function bindingFor(bindings: Ga4Binding[], email: string): Ga4Binding | undefined {
  return bindings.find((b) => b.user?.toLowerCase() === email.toLowerCase());
}

/** Grants `level` to the agency's email; a binding at that level or above is already_granted. */
export async function grantGa4(
  deps: Ga4ApiDeps,
  input: { clientToken: string; agency: AgencyIdentity; asset: AssetRef; level: string },
): Promise<GrantOutcome> {
  if (!STANDARD.includes(input.level))
    throw new PlatformError('invalid', `Unknown GA4 level ${input.level}`, 'bad_level');
  const parent = parentOf(input.asset);
  const existing = bindingFor(
    await listBindings(deps, input.clientToken, parent),
    input.agency.businessId,
  );
  const held = levelOf(existing);
  if (
    existing?.name &&
    held !== undefined &&
    STANDARD.indexOf(held) >= STANDARD.indexOf(input.level)
  )
    return { kind: 'already_granted', level: held };
  if (existing?.name) {
    // Keep data restrictions (no-cost-data, no-revenue-data); replace the standard role.
    const restrictions = (existing.roles ?? []).filter(
      (r) => !STANDARD.includes(r.replace('predefinedRoles/', '')),
    );
    await patchBinding(deps, input.clientToken, existing.name, [
      ga4Role(input.level),
      ...restrictions,
    ]);
  } else {
    await createBinding(deps, input.clientToken, parent, input.agency.businessId, [
      ga4Role(input.level),
    ]);
  }
  return { kind: 'granted', level: input.level };
}

/** Reads the agency's own binding with the agency's token: holds at its level, or lost. */
export async function readGa4(
  deps: Ga4ApiDeps,
  agency: AgencyIdentity,
  asset: AssetRef,
): Promise<AccessReading> {
  let bindings: Ga4Binding[];
  try {
    bindings = await listBindings(deps, agency.accessToken, parentOf(asset));
  } catch (error) {
    // No role on the parent any more (or the parent is gone): the agency has lost it.
    if (
      error instanceof PlatformError &&
      (error.kind === 'permission' || error.kind === 'not_found')
    )
      return { kind: 'lost' };
    throw error;
  }
  const level = levelOf(bindingFor(bindings, agency.businessId));
  return level === undefined ? { kind: 'lost' } : { kind: 'holds', level };
}

/** Deletes the agency's binding, with the client's token when given, else the agency's own. */
export async function revokeGa4(
  deps: Ga4ApiDeps,
  input: { agency: AgencyIdentity; clientToken?: string; asset: AssetRef },
): Promise<RevokeOutcome> {
  const token = input.clientToken ?? input.agency.accessToken;
  const parent = parentOf(input.asset);
  let bindings: Ga4Binding[];
  try {
    bindings = await listBindings(deps, token, parent);
  } catch (error) {
    if (
      input.clientToken === undefined &&
      error instanceof PlatformError &&
      error.kind === 'permission'
    )
      return { kind: 'not_present' };
    throw error;
  }
  const existing = bindingFor(bindings, input.agency.businessId);
  if (!existing?.name) return { kind: 'not_present' };
  await deleteBinding(deps, token, existing.name);
  return { kind: 'revoked' };
}
