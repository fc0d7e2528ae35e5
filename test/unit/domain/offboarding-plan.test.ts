import { describe, expect, it } from 'vitest';
import { planOffboarding } from '../../../src/domain/offboarding-plan.ts';
import {
  hasAccessEnded,
  isReminderDue,
  reminderDueAt,
} from '../../../src/domain/offboarding-plan-expiry.ts';

const grant = (id: string, type: string, method: string, revocable = true) => ({
  grantId: `g-${id}`,
  platform: 'tiktok',
  assetType: type,
  assetId: id,
  assetName: `Asset ${id}`,
  ownerId: 'bc1',
  level: 'ANALYST',
  grantMethod: method,
  revocable,
});

describe('planOffboarding', () => {
  it('removes each granted asset on its own and keeps what Latchkey did not grant', () => {
    const plan = planOffboarding(
      [
        grant('1', 'advertiser', 'api'),
        grant('2', 'pixel', 'manual'),
        grant('3', 'advertiser', 'api', false),
      ],
      [
        {
          platform: 'tiktok',
          assetType: 'advertiser',
          assetId: '1',
          name: 'A',
          level: 'ANALYST',
          sourceName: 'C',
        },
        {
          platform: 'tiktok',
          assetType: 'advertiser',
          assetId: '9',
          name: 'Hand',
          level: 'ADMIN',
          sourceName: 'C',
        },
      ],
    );
    expect(plan.steps.map((s) => [s.assetId, s.action, s.scope])).toEqual([
      ['1', 'revoke', 'asset'],
      ['2', 'revoke', 'asset'],
      ['3', 'manual', 'asset'],
      ['9', 'keep', 'none'],
    ]);
    expect(plan.steps[0]?.manualStep).toBeNull();
    expect(plan.steps[1]?.manualStep?.instructions.join(' ')).toContain('Pixels');
    expect(plan.steps[2]?.manualStep?.verification).toMatch(/reads the agency's access to 3/);
    expect(plan.notes.join(' ')).toMatch(/never removes a whole partner/);
    expect(plan.notes.join(' ')).toMatch(/1 asset\(s\) the agency holds were not granted/);
  });
});

describe('access end dates', () => {
  const ends = new Date('2030-05-10T00:00:00Z');
  it('reminds from reminderDays before, once per end date, never after the end', () => {
    expect(reminderDueAt(ends, 7).toISOString()).toBe('2030-05-03T00:00:00.000Z');
    expect(isReminderDue(ends, new Date('2030-05-02T23:59:00Z'), 7, null)).toBe(false);
    expect(isReminderDue(ends, new Date('2030-05-03T00:00:00Z'), 7, null)).toBe(true);
    expect(isReminderDue(ends, new Date('2030-05-04T00:00:00Z'), 7, ends)).toBe(false);
    expect(
      isReminderDue(ends, new Date('2030-05-04T00:00:00Z'), 7, new Date('2030-04-01T00:00:00Z')),
    ).toBe(true);
    expect(isReminderDue(ends, ends, 7, null)).toBe(false);
    expect(hasAccessEnded(ends, ends)).toBe(true);
  });
});
