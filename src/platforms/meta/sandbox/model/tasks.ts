// Each asset type's own task enum for `/{asset}/agencies` and `/{asset}/assigned_users` (meta-api.md §3-§4).
import type { AssetKind } from './types.ts';

/** `permitted_tasks` accepted by POST /{asset}/agencies, per asset type. */
export const agencyTasks: Record<Exclude<AssetKind, 'instagram_account'>, readonly string[]> = {
  // [SPEC:AdAccount] adaccountagencies_permitted_tasks_enum_param
  ad_account: ['AA_ANALYZE', 'ADVERTISE', 'ANALYZE', 'DRAFT', 'MANAGE'],
  // [SPEC:Page] pageagencies_permitted_tasks_enum_param / DOC-MIRROR 62024198426
  page: [
    'MANAGE',
    'CREATE_CONTENT',
    'MODERATE',
    'MESSAGING',
    'ADVERTISE',
    'ANALYZE',
    'MODERATE_COMMUNITY',
    'MANAGE_JOBS',
    'PAGES_MESSAGING',
    'PAGES_MESSAGING_SUBSCRIPTIONS',
    'READ_PAGE_MAILBOXES',
    'VIEW_MONETIZATION_INSIGHTS',
    'MANAGE_LEADS',
    'PROFILE_PLUS_FULL_CONTROL',
    'PROFILE_PLUS_MANAGE',
    'PROFILE_PLUS_FACEBOOK_ACCESS',
    'PROFILE_PLUS_CREATE_CONTENT',
    'PROFILE_PLUS_MODERATE',
    'PROFILE_PLUS_MODERATE_DELEGATE_COMMUNITY',
    'PROFILE_PLUS_MESSAGING',
    'PROFILE_PLUS_ADVERTISE',
    'PROFILE_PLUS_ANALYZE',
    'PROFILE_PLUS_REVENUE',
    'PROFILE_PLUS_MANAGE_LEADS',
    'CASHIER_ROLE',
    'GLOBAL_STRUCTURE_MANAGEMENT',
    'PROFILE_PLUS_GLOBAL_STRUCTURE_MANAGEMENT',
  ],
  // [SPEC:AdsPixel]; EDIT "is currently restricted" (business-pixel-sharing guide)
  pixel: ['ADVERTISE', 'ANALYZE', 'EDIT', 'UPLOAD'],
  // [SPEC:ProductCatalog]
  catalog: ['AA_ANALYZE', 'ADVERTISE', 'MANAGE', 'MANAGE_AR'],
};

/**
 * Instagram has no partner-sharing API (meta-api.md item 4); the Business Settings console of the
 * sandbox offers these permissions for the manual step. Sandbox choice, not from a primary source.
 */
export const instagramConsoleTasks: readonly string[] = [
  'MANAGE',
  'CONTENT',
  'COMMUNITY_ACTIVITY',
  'MESSAGES',
  'ADVERTISE',
  'ANALYZE',
];

/** `tasks` accepted by POST /{asset}/assigned_users (meta-api.md §4). */
export const assignedUserTasks: Record<
  Exclude<AssetKind, 'instagram_account'>,
  readonly string[]
> = {
  ad_account: ['AA_ANALYZE', 'ADVERTISE', 'ANALYZE', 'DRAFT', 'MANAGE'],
  page: agencyTasks.page,
  pixel: ['AA_ANALYZE', 'ADVERTISE', 'ANALYZE', 'EDIT', 'UPLOAD'],
  catalog: ['AA_ANALYZE', 'ADVERTISE', 'MANAGE', 'MANAGE_AR'],
};

/** The task that lets a person share the asset or change who has access (sandbox rule). */
export function manageTask(kind: AssetKind): string {
  return kind === 'pixel' ? 'EDIT' : 'MANAGE';
}

/** The Graph node type name used in error messages (`on node type (AdAccount)`). */
export function nodeTypeName(kind: AssetKind): string {
  const names: Record<AssetKind, string> = {
    ad_account: 'AdAccount',
    page: 'Page',
    pixel: 'AdsPixel',
    catalog: 'ProductCatalog',
    instagram_account: 'IGUser',
  };
  return names[kind];
}
