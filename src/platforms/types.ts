/**
 * The connector contract: every platform describes itself with a manifest (pure data) and
 * implements the small `Platform` interface. Connectors receive their configuration (base URLs,
 * app credentials, fetch, clock) from the caller and never read the environment.
 */
import type {
  AccessExplainerWords,
  AccessHolding,
  AccessPathReason,
  ExplainedPathInput,
} from '../domain/effective-access.ts';
import type { PlatformError } from './errors.ts';

/** Every registered platform; a new connector adds its id here and one line in registry.ts. */
export type PlatformId =
  | 'tiktok'
  | 'meta'
  | 'google_ads'
  | 'ga4'
  | 'gtm'
  | 'search_console'
  | 'youtube'
  | 'shopify'
  | 'linkedin'
  | 'pinterest'
  | 'microsoft_ads'
  | 'snapchat'
  | 'business_profile'
  | 'x_ads'
  | 'merchant_center'
  /** The agency's own tools: asset types are its definitions (src/platforms/custom/). */
  | 'custom';

/**
 * How an asset type reaches the agency: through the platform API, or by a person's step
 * (`manual`, `qr_code`); `guided` means no API can share it and the client does not sign in to the
 * platform here: the client types what the step needs (a site URL, a store URL) and follows it.
 */
export type GrantMethod = 'api' | 'manual' | 'qr_code' | 'guided';

/**
 * How Latchkey knows the agency holds access: `api` reads it back through the platform's API;
 * where no read API can see it, a person's word is recorded as such, never as verified:
 * `client_confirmation` (the client says it is done) or `agency_confirmation` (the agency does).
 */
export type VerificationMethod = 'api' | 'client_confirmation' | 'agency_confirmation';

/** What a guided asset type asks the client to type (validated in src/platforms/manual/inputs.ts). */
export type GuidedInputKind =
  'site_url' | 'channel' | 'store_and_code' | 'ads_account_id' | 'custom_fields';

/** A field a custom platform's client fills in (src/platforms/custom/definition.ts). */
export interface CustomFieldManifest {
  readonly id: string;
  readonly label: string;
  readonly kind: 'text' | 'email' | 'url';
  readonly required: boolean;
}

/** What an agency's own definition adds to its asset type (src/platforms/custom/manifests.ts). */
export interface CustomTypeManifest {
  readonly logo: string | null;
  readonly actionUrl: string | null;
  readonly inviteEmail: string | null;
  readonly steps: readonly string[];
  readonly fields: readonly CustomFieldManifest[];
  readonly removal: readonly string[];
  readonly archived: boolean;
}

export interface PermissionLevelManifest {
  readonly id: string;
  readonly label: string;
  readonly description: string;
}

export interface AssetTypeManifest {
  readonly id: string;
  readonly label: string;
  /** The platform's own name for the type on the wire (TikTok `ADVERTISER`, ...). */
  readonly platformKey: string;
  readonly grantMethod: GrantMethod;
  /** For `guided` types: what the client types to name the asset. */
  readonly clientInput?: GuidedInputKind;
  /** Overrides the platform's `verification` for this type (a custom definition's confirmer). */
  readonly verification?: VerificationMethod;
  /** For the custom platform's types: the agency's definition (steps, fields, removal text). */
  readonly custom?: CustomTypeManifest;
  /** Permission levels, lowest privilege first. */
  readonly levels: readonly PermissionLevelManifest[];
}

export interface PlatformManifest {
  readonly id: PlatformId;
  readonly name: string;
  readonly docsPath: string;
  /** What the agency's identity on the platform is called (where grants go): "Business Center". */
  readonly agencyIdentityLabel: string;
  /** How access is known to exist afterwards (read back by API, or a person's confirmation). */
  readonly verification: VerificationMethod;
  /**
   * The folder under src/platforms whose `sandbox/` serves every API this platform calls, its
   * sign-in included (`google` for the whole Google family); null when it calls no API at all.
   */
  readonly sandbox: string | null;
  /** Sign-in (the agency's connection, the client's where it lists assets); null: there is none. */
  readonly oauth: {
    readonly pkce: boolean;
    readonly scopes: readonly string[];
    /** Relative to the connector's auth base URL. */
    readonly authorizePath: string;
    /** Relative to the connector's API base URL. */
    readonly tokenPath: string;
  } | null;
  /** Every API path the connector calls, relative to its API base URL. */
  readonly apiPaths: Readonly<Record<string, string>>;
  /** What the orchestrator's per-platform limiter should allow (token bucket). */
  readonly rateLimit: RateLimitManifest;
  readonly assetTypes: readonly AssetTypeManifest[];
  /**
   * The effective-access explainer's words on this platform; present exactly when the connector
   * implements `readAssetAccess` (the web offers "Who has access?" only then).
   */
  readonly accessExplainer?: AccessExplainerWords;
}

/** Data for a token bucket per (platform, app): a steady rate, a burst and a concurrency cap. */
export interface RateLimitManifest {
  readonly requestsPerSecond: number;
  readonly burst: number;
  readonly maxConcurrency: number;
  /** Wait used when the platform throttles without saying how long. */
  readonly defaultRetryAfterMs: number;
}

/** A token as the platform returned it. Only the secrets module turns it into ciphertext. */
export interface PlatformTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  readonly expiresAt?: Date;
  readonly scopes: readonly string[];
  /** Platform-specific facts worth keeping, such as the advertiser ids a TikTok token holds. */
  readonly grantedIds?: readonly string[];
}

/**
 * Why an asset cannot be shared, or why a listing is empty: a code, the English message, and the
 * values the message names, so the client page can say it in the client's language
 * (web/src/i18n/reasons.ts words `platform/code`).
 */
export interface ListingReason {
  readonly code: string;
  readonly message: string;
  readonly values?: Readonly<Record<string, string>>;
}

/** One asset of the client's, as listed for the client to tick. */
export interface ClientAsset {
  readonly type: string;
  readonly id: string;
  readonly name: string;
  /** The business (TikTok BC, Meta business, Google manager) that owns it, when known. */
  readonly ownerId?: string;
  readonly ownerName?: string;
  /** Why the client cannot share it, when it cannot (not an admin, already shared, ...). */
  readonly blocked?: ListingReason;
}

export interface ClientAssetListing {
  readonly businesses: readonly {
    readonly id: string;
    readonly name: string;
    readonly isAdmin: boolean;
  }[];
  readonly assets: readonly ClientAsset[];
  /** Why the listing is empty or limited, in words for the client (e.g. no ad account authorized). */
  readonly notice?: ListingReason;
}

/** The agency's identity on a platform: where grants go (TikTok BC id, Meta business id, ...). */
export interface AgencyIdentity {
  readonly businessId: string;
  readonly accessToken: string;
}

export interface AssetRef {
  readonly type: string;
  readonly id: string;
  readonly ownerId?: string;
}

export type GrantOutcome =
  | { readonly kind: 'granted'; readonly level: string }
  | { readonly kind: 'already_granted'; readonly level: string }
  | { readonly kind: 'pending_acceptance'; readonly detail: string }
  | { readonly kind: 'needs_manual_step'; readonly step: ManualStep };

export interface ManualStep {
  readonly title: string;
  readonly instructions: readonly string[];
  /** A URL the client opens (or scans as a QR code) to finish the step. */
  readonly actionUrl?: string;
  readonly qrCode?: boolean;
}

export type AccessReading =
  | { readonly kind: 'holds'; readonly level: string }
  | { readonly kind: 'pending'; readonly level: string }
  | { readonly kind: 'lost' };

export type RevokeOutcome = { readonly kind: 'revoked' } | { readonly kind: 'not_present' };

/** One asset the agency's business holds, as its own connection reads it (lifecycle sweeps). */
export interface AgencyHolding {
  readonly type: string;
  readonly id: string;
  readonly name: string | null;
  readonly reading: AccessReading;
  /** How the business holds it: `partner_share`, `individual_link`, `owner`, or the platform's word. */
  readonly relation: string;
  /** The business that shared it, by name, when the platform says. */
  readonly sourceName: string | null;
}

/** One way a person reaches an asset, read from the platform (the effective-access explainer). */
export type AccessPathReading = ExplainedPathInput;

export interface AssetAccessReading {
  /** What the agency's business holds (null when it holds nothing on the asset). */
  readonly holding: AccessHolding | null;
  readonly paths: readonly AccessPathReading[];
  /** What the read cannot see, in words (e.g. the client's own side needs the client's token). */
  readonly limits: readonly string[];
}

export interface AuthorizationRequest {
  readonly state: string;
  readonly redirectUri: string;
  readonly codeChallenge?: string;
  readonly scopes: readonly string[];
}

/** The interface each connector implements; keep it small. */
export interface Platform {
  readonly manifest: PlatformManifest;
  authorizationUrl(request: AuthorizationRequest): URL;
  /**
   * OAuth 2: the code for tokens. OAuth 1.0a (X): `code` is the `oauth_verifier`, `requestToken`
   * the request token that came back, and `codeVerifier` the request token's secret (kept sealed
   * with the transaction, as a PKCE verifier is).
   */
  exchangeCode(input: {
    code: string;
    redirectUri: string;
    codeVerifier?: string;
    requestToken?: string;
  }): Promise<PlatformTokens>;
  /**
   * Optional, OAuth 1.0a (X): sign-in starts with a signed call for a request token, not a URL.
   * The request token stands in for `state` (it comes back on the callback); its secret is kept
   * sealed server-side until the exchange.
   */
  startRequestToken?(input: {
    redirectUri: string;
  }): Promise<{ url: URL; requestToken: string; requestTokenSecret: string }>;
  listClientAssets(clientToken: string): Promise<ClientAssetListing>;
  /**
   * Optional: the least scopes that cover these asset types (S11); without it the manifest's
   * scopes are asked for. Meta asks only for what the requested types need.
   */
  scopesFor?(assetTypes: readonly string[]): readonly string[];
  /**
   * Optional: the identities an agency connection may choose as where grants go, when they are
   * not the businesses of `listClientAssets` (e.g. a Google account's email for GA4 and GTM).
   */
  listAgencyBusinesses?(agencyToken: string): Promise<ClientAssetListing['businesses']>;
  /**
   * Optional: a new access token from a refresh token (S10). The answer's refresh token is the one
   * to keep: a rotating platform's new one, else the one sent.
   */
  refreshTokens?(refreshToken: string): Promise<PlatformTokens>;
  /**
   * Optional: revokes a token at the platform (Google's RFC 7009 endpoint; S12). It is given the
   * connection's refresh token when one is stored, else its access token.
   */
  revokeToken?(token: string): Promise<void>;
  grantAccess(input: {
    clientToken: string;
    agency: AgencyIdentity;
    asset: AssetRef;
    level: string;
    /**
     * A read of the agency's side begun at or after this moment is recent enough to decide how
     * to grant (the grant's creation on a first attempt: nothing of Latchkey's can have changed
     * its access before then; absent: read now). A connector may share one such read across
     * the grants of a wave instead of reading again.
     */
    readsFrom?: Date;
  }): Promise<GrantOutcome>;
  /**
   * Optional: begins the reads that the first attempts of a wave of grants (one approval's) will
   * decide from, for these asset types, so that they overlap the database work before the
   * grants run (execute-grant.ts); the grants then share them through `readsFrom`, which is the
   * wave's creation. Resolves when the reads are answered and never rejects: a grant whose read
   * failed reads again and reports its own error.
   */
  prepareGrants?(input: {
    agency: AgencyIdentity;
    assetTypes: readonly string[];
    readsFrom: Date;
  }): Promise<void>;
  readAccess(input: { agency: AgencyIdentity; asset: AssetRef }): Promise<AccessReading>;
  /**
   * Optional: a grant waiting for the agency to accept goes on with the client's token at each
   * re-check (Snapchat: the ad-account role can only be given once the invitation is accepted).
   */
  continueGrant?(input: {
    clientToken: string;
    agency: AgencyIdentity;
    asset: AssetRef;
    level: string;
  }): Promise<GrantOutcome>;
  revokeAccess(input: {
    agency: AgencyIdentity;
    clientToken?: string;
    asset: AssetRef;
  }): Promise<RevokeOutcome>;
  /**
   * Optional (lifecycle): ends the agency's access to many assets of one type that a read just
   * found held, in the platform's largest batches, with no read per asset; one result per asset
   * (a refused batch degrades to one removal per asset). `retry` wraps each call.
   */
  revokeAssets?(input: {
    agency: AgencyIdentity;
    assetType: string;
    assetIds: readonly string[];
    retry?: <T>(call: () => Promise<T>) => Promise<T>;
  }): Promise<
    (
      | { readonly assetId: string; readonly outcome: RevokeOutcome }
      | { readonly assetId: string; readonly error: unknown }
    )[]
  >;
  /**
   * Optional (lifecycle): every asset of these types the agency's business holds, in one read per
   * type, so a verification sweep costs a few calls per agency instead of one per asset.
   * `retryPage`, when given, wraps each page's read (a transient error re-reads one page, not
   * the whole list); connectors that read one page per type may ignore it.
   */
  listAgencyHoldings?(input: {
    agency: AgencyIdentity;
    assetTypes: readonly string[];
    retryPage?: <T>(read: () => Promise<T>) => Promise<T>;
  }): Promise<AgencyHolding[]>;
  /** Optional (lifecycle): who reaches one asset through the agency's business, and why. */
  readAssetAccess?(input: { agency: AgencyIdentity; asset: AssetRef }): Promise<AssetAccessReading>;
}

export type { AccessExplainerWords, AccessPathReason, PlatformError };
