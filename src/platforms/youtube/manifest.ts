/**
 * YouTube as pure data: channel permissions are given only in YouTube Studio and no read API can
 * confirm them (other-platforms.md §8), so a channel is a guided step the client confirms. The
 * agency signs in with Google only so the step can name its Google email. Facts and choices:
 * docs/platforms/youtube.md.
 */
import type { PlatformManifest } from '../types.ts';

export const youtubeManifest = {
  id: 'youtube',
  name: 'YouTube',
  docsPath: 'docs/platforms/youtube.md',
  agencyIdentityLabel: 'Google account',
  verification: 'client_confirmation',
  // Its only calls are Google sign-in and userinfo (the agency's email), served by the Google sandbox.
  sandbox: 'google',
  oauth: {
    pkce: true,
    scopes: ['openid', 'email'],
    authorizePath: 'o/oauth2/v2/auth',
    tokenPath: 'token',
  },
  apiPaths: { userinfo: 'v1/userinfo' },
  rateLimit: { requestsPerSecond: 5, burst: 10, maxConcurrency: 2, defaultRetryAfterMs: 5000 },
  assetTypes: [
    {
      id: 'youtube_channel',
      label: 'YouTube channel',
      platformKey: 'channel',
      grantMethod: 'guided',
      clientInput: 'channel',
      // YouTube Studio's roles, lowest first (other-platforms.md §8; Subtitle editor and the
      // Viewer (Limited) role are not offered: a choice).
      levels: [
        { id: 'viewer', label: 'Viewer', description: 'See the channel’s videos and analytics.' },
        {
          id: 'editor_limited',
          label: 'Editor (Limited)',
          description: 'Editor, without revenue data.',
        },
        {
          id: 'editor',
          label: 'Editor',
          description: 'Edit and upload videos; cannot delete the channel or manage permissions.',
        },
        { id: 'manager', label: 'Manager', description: 'Editor, plus manage permissions.' },
      ],
    },
  ],
} as const satisfies PlatformManifest;
