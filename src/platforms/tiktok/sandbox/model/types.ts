// The sandbox's state: plain JSON-serialisable data, so it can be persisted and reloaded as is.

/** Asset types of TikTok's BCAsset enum (tiktok-api.md §12). */
export type AssetType =
  | 'ADVERTISER'
  | 'PIXEL'
  | 'CATALOG'
  | 'STOREFRONT'
  | 'DOMAIN'
  | 'TT_ACCOUNT'
  | 'LEAD'
  | 'TIKTOK_SHOP';

/** The asset types the sandbox actually holds assets of. */
export type ModelledAssetType = 'ADVERTISER' | 'PIXEL' | 'CATALOG' | 'TT_ACCOUNT';

export type UserRole = 'ADMIN' | 'STANDARD';
export type FinanceRole = 'MANAGER' | 'ANALYST';
export type AdvertiserRole = 'ADMIN' | 'OPERATOR' | 'ANALYST';
export type CatalogRole = 'ADMIN' | 'AD_PROMOTE';
/** TikTok-account permissions: the API's TTAccountRole plus the console-only "Deliver ads". */
export type TtPermission = 'AD_DELIVERY' | 'POST' | 'LIVE' | 'DIRECT_MESSAGE';
export type RelationStatus = 'BOUND' | 'UNBOUND' | 'PENDING' | 'REJECTED';
export type RelationType = 'OWNER_BC' | 'OWNER_PARTNER' | 'OWNER_INDIVIDUAL';

export interface User {
  userId: string;
  email: string;
  name: string;
}

export interface BusinessCenter {
  bcId: string;
  name: string;
  company: string;
  currency: string;
  timezone: string;
  registeredArea: string;
  type: 'NORMAL' | 'AGENCY' | 'DIRECT' | 'SELF_SERVICE' | 'SELF_SERVICE_AGENCY';
}

export interface Member {
  bcId: string;
  /** Null while the invitation is pending and nobody has accepted it yet. */
  userId: string | null;
  email: string;
  userRole: UserRole;
  financeRole: FinanceRole | null;
  status: 'PENDING' | 'BOUND' | 'REJECTED';
  invitedAt: string;
  resendCount: number;
  /** Ad accounts granted on acceptance (bc/member/invite/ `asset_ids` + `advertiser_role`). */
  inviteAssets: Array<{ assetId: string; advertiserRole: AdvertiserRole }>;
}

export interface Asset {
  assetId: string;
  assetType: ModelledAssetType;
  name: string;
  /** The BC that owns it (advertisers, pixels, catalogs); null for TikTok accounts. */
  ownerBcId: string | null;
  /** The TikTok user who owns a TikTok account (who scans QR codes for it). */
  ownerUserId: string | null;
  pixelCode: string | null;
  advertiserStatus: 'SHOW_ACCOUNT_STATUS_APPROVED' | 'SHOW_ACCOUNT_STATUS_IN_REVIEW';
}

/** A BC's relation to an asset: owned, shared by a partner, or linked from an individual. */
export interface Holding {
  bcId: string;
  assetId: string;
  relationType: RelationType;
  status: RelationStatus;
  /** For OWNER_PARTNER: the BC that shared it. */
  sourceBcId: string | null;
  /** The most the BC's people can get on the asset (level cap). */
  roles: string[];
  /** TikTok accounts only: whether this BC may share the account on with partners. */
  ttSharingAllowed: boolean;
  updatedAt: string;
}

export interface Assignment {
  bcId: string;
  userId: string;
  assetId: string;
  roles: string[];
}

export interface Partnership {
  /** The BC that added the partner (and shares its assets). */
  bcId: string;
  partnerBcId: string;
  status: 'PENDING' | 'BOUND';
  primaryMediaAgency: boolean;
  createdAt: string;
}

export interface AccessRequest {
  requestId: string;
  requesterBcId: string;
  requesterUserId: string;
  assetType: 'ADVERTISER' | 'TT_ACCOUNT';
  /** For TT_ACCOUNT requests made by QR code, the account is chosen when the owner scans. */
  assetId: string | null;
  roles: string[];
  primaryMediaAgency: boolean;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  /** TT_ACCOUNT only: the secret in the QR code URL. */
  qrToken: string | null;
  /** TT_ACCOUNT only: whether approval also grants the BC the "TikTok account sharing" permission. */
  grantsSharing: boolean;
  createdAt: string;
}

export interface Transfer {
  transferId: string;
  advertiserId: string;
  fromBcId: string;
  toBcId: string;
  requestedBy: string;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  createdAt: string;
}

export interface AuthCode {
  code: string;
  appId: string;
  userId: string;
  redirectUri: string;
  advertiserIds: string[];
  expiresAt: string;
  used: boolean;
  /** Hash of the token issued from this code, revoked if the code is replayed. */
  issuedTokenHash: string | null;
}

export interface AccessToken {
  /** SHA-256 of the token; the token itself is never stored. */
  tokenHash: string;
  appId: string;
  userId: string;
  advertiserIds: string[];
  createdAt: string;
  /** Null: a long-term advertiser token that does not expire (tiktok-api.md unverified item 10). */
  expiresAt: string | null;
  revoked: boolean;
}

export interface SandboxState {
  users: User[];
  businessCenters: BusinessCenter[];
  members: Member[];
  assets: Asset[];
  holdings: Holding[];
  assignments: Assignment[];
  partnerships: Partnership[];
  requests: AccessRequest[];
  transfers: Transfer[];
  authCodes: AuthCode[];
  tokens: AccessToken[];
}

/** Clock, randomness and state shared by every model function. */
export interface ModelContext {
  state: SandboxState;
  now: () => Date;
  random: () => number;
}
