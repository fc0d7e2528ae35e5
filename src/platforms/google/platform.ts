/** The Platform interface plus Google's token extras, shared by the Google connectors. */
import type { Platform, PlatformTokens } from '../types.ts';

/** A Platform with Google's token endpoints: refresh (S10) and RFC 7009 revoke (S12). */
export interface GooglePlatform extends Platform {
  refreshTokens(refreshToken: string): Promise<PlatformTokens>;
  revokeToken(token: string): Promise<void>;
}
