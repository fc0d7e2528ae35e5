/**
 * Starting an OAuth transaction for the onboarding (client) or the agency's own connection:
 * a 128-bit+ `state` stored only as a hash, a browser-binding cookie (HttpOnly, SameSite=Lax,
 * stored as a hash), the platform and the onboarding or user it belongs to, a 10-minute expiry,
 * and a PKCE S256 pair where the manifest supports it (S1-S3). The return path is sealed to the
 * row because it carries the client's link.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PlatformError } from '../../platforms/errors.ts';
import { createOAuthState, createPkcePair } from '../../platforms/pkce.ts';
import type { Platform } from '../../platforms/types.ts';
import type { OAuthPurpose } from '../../store/schema.ts';
import { insertOAuthState, OAUTH_STATE_TTL_MS } from '../../store/oauth-states.ts';
import { Secret, type SecretContext } from '../../store/secrets.ts';
import { AppError } from '../errors.ts';
import { redirectUriFor, requirePlatform, type OnboardingServices } from './onboarding-services.ts';

export const BROWSER_COOKIE = 'latchkey_oauth_browser';

/**
 * The browser-binding cookie's name: on an https PUBLIC_URL it is `__Host-` prefixed (Secure,
 * Path=/, no Domain, so no sibling host or plain-http page can plant one); on plain http (local
 * use) browsers would drop a Secure cookie, so it is the bare name.
 */
export function browserCookieName(services: Pick<OnboardingServices, 'publicUrl'>): string {
  return isHttps(services) ? `__Host-${BROWSER_COOKIE}` : BROWSER_COOKIE;
}

function isHttps(services: Pick<OnboardingServices, 'publicUrl'>): boolean {
  return services.publicUrl().startsWith('https:');
}

/** SHA-256 hex of a state or cookie value. */
export function digest(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Reads one cookie from the Cookie header (no plugin needed). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined; // a malformed %-escape is no cookie of ours
    }
  }
  return undefined;
}

/** The sealing context of a transaction's secret column. */
export function oauthContext(id: string, agencyId: string, column: string): SecretContext {
  return { table: 'oauth_states', column, rowId: id, agencyId };
}

/** Reuses this browser's binding cookie, or sets a new one (10 minutes, HttpOnly, Lax). */
function bindBrowser(
  services: OnboardingServices,
  request: FastifyRequest,
  reply: FastifyReply,
): string {
  const name = browserCookieName(services);
  const existing = readCookie(request, name);
  if (existing && /^[A-Za-z0-9_-]{22,64}$/.test(existing)) return existing;
  const value = randomBytes(16).toString('base64url');
  const secure = isHttps(services) ? '; Secure' : '';
  void reply.header(
    'set-cookie',
    `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${OAUTH_STATE_TTL_MS / 1000}${secure}`,
  );
  return value;
}

export interface StartOAuthInput {
  readonly purpose: OAuthPurpose;
  readonly platform: string;
  readonly agencyId: string;
  readonly onboardingId: string | null;
  readonly userId: string | null;
  readonly returnPath: string;
  /** The asset types asked for, when known: the connector may ask for fewer scopes (S11). */
  readonly assetTypes?: readonly string[];
}

/** An OAuth 1.0a platform's request token, its refusal as an AppError the caller can show. */
async function startRequestToken(
  platform: Platform,
  start: NonNullable<Platform['startRequestToken']>,
  redirectUri: string,
): Promise<{ url: URL; requestToken: string; requestTokenSecret: string }> {
  try {
    return await start({ redirectUri });
  } catch (error) {
    if (!(error instanceof PlatformError)) throw error;
    throw new AppError(
      error.retryable ? 'unavailable' : 'conflict',
      `${platform.manifest.name} did not start the sign-in: ${error.message}`,
      { reason: error.kind },
    );
  }
}

/** Records a new transaction and returns the platform's consent page URL. */
export async function startOAuth(
  services: OnboardingServices,
  request: FastifyRequest,
  reply: FastifyReply,
  input: StartOAuthInput,
): Promise<URL> {
  const platform = requirePlatform(services, input.platform);
  const oauth = platform.manifest.oauth;
  if (!oauth)
    throw new AppError('conflict', `${platform.manifest.name} needs no sign-in here`, {
      reason: 'no_sign_in',
    });
  const browser = bindBrowser(services, request, reply);
  const id = randomUUID();
  const seal = (value: string, column: string) =>
    services.keyring.seal(new Secret(value), oauthContext(id, input.agencyId, column));
  const record = (state: string, secret: string | undefined) =>
    insertOAuthState(services.db, {
      id,
      agencyId: input.agencyId,
      stateHash: digest(state),
      browserHash: digest(browser),
      platform: input.platform,
      purpose: input.purpose,
      onboardingId: input.onboardingId,
      userId: input.userId,
      codeVerifierCiphertext: secret ? seal(secret, 'code_verifier_ciphertext') : null,
      returnPathCiphertext: seal(input.returnPath, 'return_path_ciphertext'),
      expiresAt: new Date(services.now().getTime() + OAUTH_STATE_TTL_MS),
    });
  const start = platform.startRequestToken?.bind(platform);
  if (start) {
    // OAuth 1.0a (X): the request token is the state that comes back; its secret is sealed in
    // the verifier's column, used once by the exchange and cleared when the state is consumed.
    const started = await startRequestToken(
      platform,
      start,
      redirectUriFor(services, input.platform),
    );
    await record(started.requestToken, started.requestTokenSecret);
    return started.url;
  }
  const state = createOAuthState();
  const pkce = oauth.pkce ? await createPkcePair() : undefined;
  await record(state, pkce?.codeVerifier);
  return platform.authorizationUrl({
    state,
    redirectUri: redirectUriFor(services, input.platform),
    scopes:
      input.assetTypes && platform.scopesFor ? platform.scopesFor(input.assetTypes) : oauth.scopes,
    ...(pkce ? { codeChallenge: pkce.codeChallenge } : {}),
  });
}
