/**
 * OAuth mechanics shared by every connector: the 128-bit+ `state` and, where the platform supports
 * it, a PKCE S256 pair (never `plain`). Built on oauth4webapi so we do not hand-roll the encoding.
 */
import {
  calculatePKCECodeChallenge,
  generateRandomCodeVerifier,
  generateRandomState,
} from 'oauth4webapi';

export interface PkcePair {
  readonly codeVerifier: string;
  readonly codeChallenge: string;
  readonly codeChallengeMethod: 'S256';
}

/** A fresh `state` (32 random bytes, base64url): single use, bound to the browser by the caller. */
export function createOAuthState(): string {
  return generateRandomState();
}

/** A fresh PKCE verifier and its S256 challenge, for platforms whose manifest says `pkce: true`. */
export async function createPkcePair(): Promise<PkcePair> {
  const codeVerifier = generateRandomCodeVerifier();
  const codeChallenge = await calculatePKCECodeChallenge(codeVerifier);
  return { codeVerifier, codeChallenge, codeChallengeMethod: 'S256' };
}
