import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logDestination, redactUrl } from '../../../src/lib/logger.ts';
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

  it('writes human-readable lines on a terminal and JSON elsewhere, redacted both ways', async () => {
    const write = async (isTTY: boolean) => {
      const output = Object.assign(new PassThrough(), { isTTY });
      let text = '';
      output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      const destination = await logDestination(output);
      const logger = createLogger(destination ? { destination } : {});
      if (!destination) return undefined;
      logger.info({ connection: { accessToken: 'canary-access' } }, 'connected');
      return text;
    };
    expect(await write(false)).toBeUndefined(); // JSON to stdout, as createLogger's default
    // eslint-disable-next-line no-control-regex
    const pretty = (await write(true))?.replace(/\u001b\[\d+m/g, '');
    expect(pretty).toMatch(/^\[\d\d:\d\d:\d\d\] .*INFO.*: connected\n/);
    expect(pretty).not.toContain('{"level"');
    expect(pretty).not.toMatch(/canary/);
  });
});
