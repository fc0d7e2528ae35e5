import { describe, expect, it } from 'vitest';
import {
  canTransition,
  grantIdempotencyKey,
  isJobFinal,
  levelSatisfies,
  mustReadBackFirst,
} from '../../../src/domain/grant.ts';
import { retryDelayMs } from '../../../src/domain/grant-retry.ts';

const at = '2026-01-01T00:00:00Z';

describe('grant state machine', () => {
  it('allows the job paths and refuses jumps', () => {
    expect(canTransition('queued', 'running')).toBe(true);
    expect(canTransition('running', 'pending_acceptance')).toBe(true);
    expect(canTransition('pending_acceptance', 'granted')).toBe(true);
    expect(canTransition('granted', 'running')).toBe(false);
    expect(canTransition('revoked', 'granted')).toBe(false);
    expect(isJobFinal('needs_manual_step')).toBe(true);
    expect(isJobFinal('running')).toBe(false);
  });

  it('derives one key per onboarding, platform, asset and level', () => {
    const parts = {
      onboardingId: 'o1',
      platform: 'tiktok',
      assetType: 'advertiser',
      assetId: '1',
      level: 'ADMIN',
    };
    expect(grantIdempotencyKey(parts)).toBe(grantIdempotencyKey({ ...parts }));
    expect(grantIdempotencyKey(parts)).not.toBe(
      grantIdempotencyKey({ ...parts, level: 'ANALYST' }),
    );
    expect(grantIdempotencyKey(parts)).not.toBe(grantIdempotencyKey({ ...parts, assetId: '2' }));
  });

  it('reads back first only after an unanswered grant request', () => {
    expect(mustReadBackFirst([])).toBe(false);
    expect(mustReadBackFirst([{ name: 'claimed', at }])).toBe(false);
    expect(mustReadBackFirst([{ name: 'grant_requested', at }])).toBe(true);
    expect(
      mustReadBackFirst([
        { name: 'grant_requested', at },
        { name: 'retry_scheduled', at },
      ]),
    ).toBe(true);
    expect(
      mustReadBackFirst([
        { name: 'grant_requested', at },
        { name: 'grant_answered', at },
      ]),
    ).toBe(false);
    expect(
      mustReadBackFirst([
        { name: 'grant_requested', at },
        { name: 'read_back', at },
      ]),
    ).toBe(false);
  });

  it('compares levels by rank', () => {
    const levels = ['ANALYST', 'OPERATOR', 'ADMIN'];
    expect(levelSatisfies(levels, 'ADMIN', 'OPERATOR')).toBe(true);
    expect(levelSatisfies(levels, 'ANALYST', 'OPERATOR')).toBe(false);
    expect(levelSatisfies([], 'X', 'X')).toBe(true);
  });
});

describe('retry delay', () => {
  const policy = { baseMs: 100, capMs: 1_000, maxAttempts: 5 };
  it('is full jitter under a growing, capped ceiling', () => {
    expect(retryDelayMs(policy, 0, undefined, () => 0.999)).toBe(99);
    expect(retryDelayMs(policy, 3, undefined, () => 0.5)).toBe(400);
    expect(retryDelayMs(policy, 10, undefined, () => 0.999)).toBe(999);
    expect(retryDelayMs(policy, 2, undefined, () => 0)).toBe(0);
  });
  it('never waits less than the platform asked', () => {
    expect(retryDelayMs(policy, 0, 1_500, () => 0.5)).toBe(1_500);
  });
});
