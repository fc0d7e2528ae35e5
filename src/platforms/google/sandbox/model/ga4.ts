// GA4 Admin: account summaries and access bindings (google-api.md §3, [AA] v1alpha).
import { fail } from './errors.ts';
import { nextId } from './ids.ts';
import type { Ga4Binding, ModelContext } from './types.ts';

/** The four standard roles, lowest first, and the two data restrictions ([AA] AccessBinding.roles). */
export const GA4_STANDARD_ROLES = [
  'predefinedRoles/viewer',
  'predefinedRoles/analyst',
  'predefinedRoles/editor',
  'predefinedRoles/admin',
];
export const GA4_RESTRICTIONS = ['predefinedRoles/no-cost-data', 'predefinedRoles/no-revenue-data'];

const rank = (role: string): number => GA4_STANDARD_ROLES.indexOf(role);

/** The parent of a resource: `properties/{p}` falls under its account. */
function accountOf(ctx: ModelContext, parent: string): string | null {
  const [kind, id] = parent.split('/');
  if (kind === 'accounts')
    return ctx.state.ga4.accounts.some((a) => a.accountId === id) ? (id ?? null) : null;
  return ctx.state.ga4.properties.find((p) => p.propertyId === id)?.accountId ?? null;
}

/** Checks that a parent exists; a missing one is NOT_FOUND. */
export function requireParent(ctx: ModelContext, parent: string): void {
  if (!/^(accounts|properties)\/\d+$/.test(parent))
    fail('INVALID_ARGUMENT', `Invalid resource name: ${parent}`);
  if (accountOf(ctx, parent) === null) fail('NOT_FOUND', `Requested entity was not found.`);
}

/** The highest standard role a user holds on a parent, counting account-level bindings on properties. */
export function effectiveRank(ctx: ModelContext, email: string, parent: string): number {
  const accountId = accountOf(ctx, parent);
  const parents = [
    parent,
    ...(parent.startsWith('properties/') && accountId ? [`accounts/${accountId}`] : []),
  ];
  const roles = ctx.state.ga4.bindings
    .filter((b) => b.user === email && parents.includes(b.parent))
    .flatMap((b) => b.roles);
  return Math.max(-1, ...roles.map(rank));
}

/** Changing access needs the admin role (GA4: only Administrators manage access; a choice here). */
export function requireAdmin(ctx: ModelContext, email: string, parent: string): void {
  requireParent(ctx, parent);
  if (effectiveRank(ctx, email, parent) < rank('predefinedRoles/admin')) {
    fail('PERMISSION_DENIED', 'The caller does not have permission');
  }
}

/** Reading the bindings needs any role on the parent (a choice: [AA] is silent). */
export function requireReader(ctx: ModelContext, email: string, parent: string): void {
  requireParent(ctx, parent);
  if (effectiveRank(ctx, email, parent) < 0)
    fail('PERMISSION_DENIED', 'The caller does not have permission');
}

/** Validates a roles list: known names, at most one standard role (a choice where [AA] is silent). */
export function checkRoles(roles: unknown): string[] {
  if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string'))
    fail('INVALID_ARGUMENT', 'roles must be a list of strings');
  const list = roles as string[];
  const unknown = list.find(
    (r) => !GA4_STANDARD_ROLES.includes(r) && !GA4_RESTRICTIONS.includes(r),
  );
  if (unknown !== undefined) fail('INVALID_ARGUMENT', `Invalid role: ${unknown}`);
  if (list.filter((r) => GA4_STANDARD_ROLES.includes(r)).length > 1)
    fail('INVALID_ARGUMENT', 'At most one standard role may be set.');
  return [...new Set(list)];
}

/** Creates a binding; a second binding for the same user on the same parent is ALREADY_EXISTS. */
export function createBinding(
  ctx: ModelContext,
  caller: string,
  parent: string,
  body: { user?: unknown; roles?: unknown },
): Ga4Binding {
  requireAdmin(ctx, caller, parent);
  if (typeof body.user !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.user))
    fail('INVALID_ARGUMENT', 'user must be a valid email address');
  const roles = checkRoles(body.roles);
  if (roles.length === 0) fail('INVALID_ARGUMENT', 'roles must not be empty');
  const user = body.user.toLowerCase();
  if (ctx.state.ga4.bindings.some((b) => b.parent === parent && b.user === user))
    fail('ALREADY_EXISTS', `An access binding already exists for ${user} on ${parent}.`);
  const binding: Ga4Binding = { bindingId: nextId(ctx), parent, user, roles };
  ctx.state.ga4.bindings.push(binding);
  return binding;
}

/** Finds a binding by name `{parent}/accessBindings/{id}`. */
export function findBinding(ctx: ModelContext, name: string): Ga4Binding {
  const m = /^((?:accounts|properties)\/\d+)\/accessBindings\/([^/]+)$/.exec(name);
  if (!m) fail('INVALID_ARGUMENT', `Invalid resource name: ${name}`);
  const binding = ctx.state.ga4.bindings.find((b) => b.parent === m[1] && b.bindingId === m[2]);
  if (!binding) fail('NOT_FOUND', 'Requested entity was not found.');
  return binding;
}

/** Replaces a binding's roles; an empty list deletes it ([AA]: "if an empty list of roles is set, this AccessBinding will be deleted"). */
export function patchBinding(ctx: ModelContext, binding: Ga4Binding, roles: unknown): Ga4Binding {
  const next = checkRoles(roles);
  if (next.length === 0) deleteBinding(ctx, binding);
  else binding.roles = next;
  return binding;
}

/** Removes a binding. */
export function deleteBinding(ctx: ModelContext, binding: Ga4Binding): void {
  ctx.state.ga4.bindings = ctx.state.ga4.bindings.filter((b) => b !== binding);
}

/** JSON form of a binding ([AA] AccessBinding). */
export function presentBinding(b: Ga4Binding): { name: string; user: string; roles: string[] } {
  return { name: `${b.parent}/accessBindings/${b.bindingId}`, user: b.user, roles: b.roles };
}

/** Account summaries a user sees: accounts and properties where they hold any role. */
export function accountSummaries(ctx: ModelContext, email: string): unknown[] {
  return ctx.state.ga4.accounts.flatMap((account) => {
    const accountRole = effectiveRank(ctx, email, `accounts/${account.accountId}`) >= 0;
    const properties = ctx.state.ga4.properties.filter(
      (p) =>
        p.accountId === account.accountId &&
        (accountRole || effectiveRank(ctx, email, `properties/${p.propertyId}`) >= 0),
    );
    if (!accountRole && properties.length === 0) return [];
    return [
      {
        name: `accountSummaries/${account.accountId}`,
        account: `accounts/${account.accountId}`,
        displayName: account.displayName,
        propertySummaries: properties.map((p) => ({
          property: `properties/${p.propertyId}`,
          displayName: p.displayName,
          propertyType: 'PROPERTY_TYPE_ORDINARY',
          parent: `accounts/${p.accountId}`,
        })),
      },
    ];
  });
}
