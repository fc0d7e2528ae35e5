// The Google sandbox's state: one JSON-serialisable object (persisted to the data file as is).
import type { MerchantState } from './merchant.ts';

export interface GoogleUser {
  email: string;
  name: string;
}

export type AdsAccessRole = 'ADMIN' | 'STANDARD' | 'READ_ONLY' | 'EMAIL_ONLY';
/** `ManagerLinkStatus` without UNSPECIFIED/UNKNOWN (google-api.md §2, [ADS-MLS]). */
export type ManagerLinkStatus = 'ACTIVE' | 'INACTIVE' | 'PENDING' | 'REFUSED' | 'CANCELED';

export interface AdsCustomer {
  customerId: string;
  descriptiveName: string;
  manager: boolean;
  currencyCode: string;
  timeZone: string;
  testAccount: boolean;
}

/** A Google user's direct access to a Google Ads customer. */
export interface AdsUserAccess {
  email: string;
  customerId: string;
  role: AdsAccessRole;
}

/** One manager link; CustomerClientLink and CustomerManagerLink are two views of it. */
export interface AdsLink {
  managerId: string;
  clientId: string;
  linkId: string;
  status: ManagerLinkStatus;
  hidden: boolean;
  updatedAt: string;
}

export interface AdsLimits {
  /** Pending invitations one manager may have open (no published number: a choice). */
  maxPendingInvitesPerManager: number;
  /** Active managers one client may have (no published number here: a choice). */
  maxManagersPerClient: number;
}

export interface Ga4Account {
  accountId: string;
  displayName: string;
}

export interface Ga4Property {
  propertyId: string;
  accountId: string;
  displayName: string;
}

/** An AccessBinding; `parent` is `accounts/{id}` or `properties/{id}`. */
export interface Ga4Binding {
  bindingId: string;
  parent: string;
  user: string;
  roles: string[];
}

export interface GtmAccount {
  accountId: string;
  name: string;
}

export interface GtmContainer {
  accountId: string;
  containerId: string;
  name: string;
  publicId: string;
  usageContext: string[];
}

export type GtmAccountPermission = 'noAccess' | 'user' | 'admin';
export type GtmContainerPermission = 'noAccess' | 'read' | 'edit' | 'approve' | 'publish';

export interface GtmUserPermission {
  permissionId: string;
  accountId: string;
  emailAddress: string;
  accountAccess: GtmAccountPermission;
  containerAccess: { containerId: string; permission: GtmContainerPermission }[];
}

export type SitePermissionLevel =
  'SITE_OWNER' | 'SITE_FULL_USER' | 'SITE_RESTRICTED_USER' | 'SITE_UNVERIFIED_USER';

/** A Search Console property in one user's site list. */
export interface ScSiteEntry {
  email: string;
  siteUrl: string;
  permissionLevel: SitePermissionLevel;
}

/** Business Profile roles ([REF] AdminRole, docs/platforms/business-profile-api.md). */
export type BpRole = 'PRIMARY_OWNER' | 'OWNER' | 'MANAGER' | 'SITE_MANAGER';

/** A Business Profile account: a user's PERSONAL account (`email`) or a LOCATION_GROUP. */
export interface BpAccount {
  accountId: string;
  accountName: string;
  type: 'PERSONAL' | 'LOCATION_GROUP';
  /** PERSONAL only: whose account it is. */
  email?: string;
}

export interface BpLocation {
  locationId: string;
  /** The account the location lives in (its owner). */
  accountId: string;
  title: string;
  address?: string;
}

/** An admin of `accounts/{a}` or `locations/{l}`: a person (`email`) or a location group (`account`). */
export interface BpAdmin {
  adminId: string;
  parent: string;
  email?: string;
  account?: string;
  role: BpRole;
  /** Invited, not yet accepted: the invitation is this entry. */
  pending: boolean;
}

export interface BusinessProfileState {
  accounts: BpAccount[];
  locations: BpLocation[];
  admins: BpAdmin[];
}

export interface AuthCode {
  codeHash: string;
  clientId: string;
  email: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  offline: boolean;
  expiresAt: string;
  used: boolean;
  /** The grant this code produced, revoked if the code is replayed. */
  grantId: string | null;
}

/** Tokens are stored hashed; a grant ties one refresh token to its access tokens. */
export interface TokenRecord {
  tokenHash: string;
  kind: 'access' | 'refresh';
  grantId: string;
  clientId: string;
  email: string;
  scopes: string[];
  expiresAt: string | null;
  revoked: boolean;
}

export interface GoogleState {
  users: GoogleUser[];
  ads: { customers: AdsCustomer[]; access: AdsUserAccess[]; links: AdsLink[]; limits: AdsLimits };
  ga4: { accounts: Ga4Account[]; properties: Ga4Property[]; bindings: Ga4Binding[] };
  gtm: { accounts: GtmAccount[]; containers: GtmContainer[]; permissions: GtmUserPermission[] };
  searchConsole: { sites: ScSiteEntry[] };
  /** Absent in a data file saved before Business Profile existed (read as empty). */
  businessProfile?: BusinessProfileState;
  /** Merchant Center (absent in a state saved before it existed: see merchantOf). */
  merchant?: MerchantState;
  authCodes: AuthCode[];
  tokens: TokenRecord[];
  /** Next number handed out for link, binding and permission ids. */
  nextId: number;
}

/** What model functions receive: the state, a clock and randomness. */
export interface ModelContext {
  state: GoogleState;
  now: () => Date;
  random: () => number;
}
