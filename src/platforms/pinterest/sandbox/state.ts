// The Pinterest sandbox's state: plain JSON (persisted as a file), and the enums of the contract.

/** Permissions of business access (pinterest-api.md §4; [SPEC] components.schemas.Permissions). */
export const PERMISSIONS = [
  'ADMIN',
  'ANALYST',
  'FINANCE_MANAGER',
  'FINANCE_EDIT',
  'FINANCE_VIEW',
  'AUDIENCE_MANAGER',
  'CAMPAIGN_MANAGER',
  'CATALOGS_MANAGER',
  'CATALOGS_VIEWER',
  'PROFILE_PUBLISHER',
  'CONSUMER_USER',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type AssetType = 'AD_ACCOUNT' | 'PROFILE' | 'CATALOG';
export type InviteType = 'PARTNER_INVITE' | 'PARTNER_REQUEST';
export type InviteStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED' | 'EXPIRED';

export interface User {
  id: string;
  name: string;
  email: string;
  username: string;
}
export interface Business {
  id: string;
  name: string;
  username: string;
}
export interface Membership {
  businessId: string;
  userId: string;
  role: 'BIZ_ADMIN' | 'EMPLOYEE';
}
export interface Asset {
  id: string;
  type: AssetType;
  name: string;
  ownerBusinessId: string;
  country: string;
  currency: string;
  createdTime: number;
}
/** `partnerBusinessId` may reach assets of `ownerBusinessId` (is_shared_partner seen from it). */
export interface Partnership {
  ownerBusinessId: string;
  partnerBusinessId: string;
  createdTime: number;
}
export interface PartnerAccess {
  ownerBusinessId: string;
  partnerBusinessId: string;
  assetId: string;
  permissions: string[];
}
export interface MemberAccess {
  businessId: string;
  userId: string;
  assetId: string;
  permissions: string[];
}
/**
 * A partner invite (the sender shares its assets with the target) or request (the sender asks
 * for the target's assets). `assetPermissions` are what acceptance grants.
 */
export interface Invite {
  id: string;
  senderBusinessId: string;
  targetBusinessId: string;
  inviteType: InviteType;
  businessRole: 'PARTNER';
  status: InviteStatus;
  assetPermissions: Record<string, string[]>;
  createdByUserId: string | null;
  sentAt: number;
  expiresAt: number;
  updatedAt: number;
}
export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}
export interface Token {
  /** sha256 of the token (hex): the state file never holds a usable token. */
  hash: string;
  kind: 'access' | 'refresh';
  clientId: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
}

export interface SandboxState {
  users: User[];
  businesses: Business[];
  memberships: Membership[];
  assets: Asset[];
  partnerships: Partnership[];
  partnerAccess: PartnerAccess[];
  memberAccess: MemberAccess[];
  invites: Invite[];
  nextId: number;
  codes: AuthCode[];
  tokens: Token[];
}

/** A developer app the sandbox accepts (client id, secret, registered redirect URIs). */
export interface SandboxApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}
