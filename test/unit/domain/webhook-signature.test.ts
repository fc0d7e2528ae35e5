import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '../../../src/domain/webhook-signature.ts';
import { webhookRetryDelayMs } from '../../../src/domain/webhook-retry.ts';

const secret = 'whsec_test';
const body = '{"id":"e1","type":"grant.granted"}';

describe('webhook signatures', () => {
  it('signs t.body with HMAC-SHA256 in the documented header format', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, 1_700_000_000, body)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies within the tolerance and refuses old, future, altered or foreign signatures', () => {
    const header = signWebhook(secret, 1_700_000_000, body);
    expect(verifyWebhookSignature(secret, header, body, 1_700_000_100)).toBe(true);
    expect(verifyWebhookSignature(secret, header, body, 1_700_000_301)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, 1_699_999_600)).toBe(false);
    expect(verifyWebhookSignature(secret, header, `${body} `, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, body, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(secret, 'v1=abc', body, 1_700_000_000)).toBe(false);
    expect(verifyWebhookSignature(secret, 't=1700000000,v1=zz', body, 1_700_000_000)).toBe(false);
  });
});

describe('webhook retry delays', () => {
  it('doubles from 30 s with jitter in the upper half, capped at 2 h', () => {
    expect(webhookRetryDelayMs(1, () => 0)).toBe(15_000);
    expect(webhookRetryDelayMs(1, () => 1)).toBe(30_000);
    expect(webhookRetryDelayMs(2, () => 1)).toBe(60_000);
    expect(webhookRetryDelayMs(5, () => 0.5)).toBe(360_000);
    expect(webhookRetryDelayMs(30, () => 1)).toBe(7_200_000);
    expect(webhookRetryDelayMs(30, () => 0)).toBe(3_600_000);
  });

  it('waits at most about 4 hours in all over the 9 gaps of 10 attempts', () => {
    const total = Array.from({ length: 9 }, (_, i) => webhookRetryDelayMs(i + 1, () => 1)).reduce(
      (sum, ms) => sum + ms,
      0,
    );
    expect(total / 3_600_000).toBeCloseTo(4.125, 3);
  });
});
