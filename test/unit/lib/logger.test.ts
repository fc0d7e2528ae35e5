import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../../src/lib/logger.ts';
import { captureLogger } from '../../support/logger.ts';

describe('logger', () => {
  it('redacts secret fields wherever they appear', () => {
    const { logger, text } = captureLogger();
    logger.info(
      {
        connection: { accessToken: 'canary-access', refresh_token: 'canary-refresh' },
        oauth: { code: 'canary-code', state: 'canary-state' },
        headers: { authorization: 'Bearer canary-bearer', cookie: 'sid=canary-cookie' },
      },
      'connected',
    );
    expect(text()).toContain('connected');
    expect(text()).not.toMatch(/canary/);
  });

  it('drops query strings and link secrets from URLs', () => {
    expect(redactUrl('/oauth/callback/tiktok?auth_code=abc&state=def')).toBe(
      '/oauth/callback/tiktok',
    );
    expect(redactUrl('/l/abc.secretpart/progress')).toBe('/l/[redacted]/progress');
  });
});
