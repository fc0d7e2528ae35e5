// The Meta sandbox's state: people, Business Managers, their assets, partner shares, OAuth.

/** The asset types that can be shared with a partner business (meta-api.md §3). */
export type AssetKind = 'ad_account' | 'page' | 'pixel' | 'catalog' | 'instagram_account';

export type BusinessRole = 'ADMIN' | 'EMPLOYEE';

/** `access_status` on `/{asset}/agencies`: only these two values are documented (meta-api.md item 7). */
export type AccessStatus = 'CONFIRMED' | 'PENDING';

export interface User {
  id: string;
  name: string;
  email: string;
}

export interface Business {
  id: string;
  name: string;
  verificationStatus: string;
  createdTime: string;
}

export interface BusinessUser {
  businessId: string;
  userId: string;
  role: BusinessRole;
}

export interface Asset {
  /** Numeric id; an ad account's Graph id is `act_<id>`. */
  id: string;
  kind: AssetKind;
  name: string;
  /** The business that owns it; null for a personal ad account or a personal Page. */
  ownerBusinessId: string | null;
  /** For assets outside a business: the person who owns them. */
  ownerUserId: string | null;
  currency: string;
  /** Instagram accounts only. */
  username: string | null;
}

/** A person's tasks on an asset, given by a business (owner or partner): `/{asset}/assigned_users`. */
export interface Assignment {
  assetId: string;
  businessId: string;
  userId: string;
  tasks: string[];
}

/** A partner (agency) business's access to an asset: a row of `/{asset}/agencies`. */
export interface PartnerShare {
  assetId: string;
  partnerBusinessId: string;
  tasks: string[];
  accessStatus: AccessStatus;
  requestedTime: string;
  updatedTime: string;
}

export interface AuthCode {
  code: string;
  appId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  expiresAt: string;
  used: boolean;
}

export type TokenType = 'USER' | 'PAGE';

export interface AccessToken {
  token: string;
  type: TokenType;
  appId: string;
  userId: string;
  /** PAGE tokens only. */
  pageId: string | null;
  scopes: string[];
  issuedAt: string;
  expiresAt: string;
  valid: boolean;
}

export interface SandboxState {
  users: User[];
  businesses: Business[];
  businessUsers: BusinessUser[];
  assets: Asset[];
  assignments: Assignment[];
  shares: PartnerShare[];
  codes: AuthCode[];
  tokens: AccessToken[];
}

/** A registered app (Facebook app): id, secret, the exact redirect URIs it allows. */
export interface SandboxApp {
  appId: string;
  secret: string;
  name?: string;
  redirectUris: string[];
  /** "Require App Secret" setting: calls with a user token must carry `appsecret_proof`. */
  requireAppsecretProof?: boolean;
}

/** What model functions receive: state, clock, and id generation. */
export interface ModelContext {
  state: SandboxState;
  now: () => Date;
  random: () => number;
}
