// The pixel and catalog steps name only tabs and forms Business Center has (the sandbox console
// mirrors them: Users, Partners, Accounts, Notifications; "Share with a partner" under Accounts).
import { describe, expect, it } from 'vitest';
import { buildShareStep } from '../../../../src/platforms/tiktok/manual-steps.ts';

const consoleTabs = ['Users', 'Partners', 'Accounts', 'Notifications'];

describe('TikTok share steps', () => {
  it.each(['pixel', 'catalog'] as const)('the %s step names real tabs and forms', (kind) => {
    const step = buildShareStep({
      kind,
      assetId: '7100000000000000001',
      agencyBcId: '7200000000000000002',
      level: 'ADMIN',
      businessCenterUrl: 'https://business.tiktok.test/console',
    });
    const text = step.instructions.join('\n');
    // Every "X tab" the steps mention is one of the console's tabs.
    const tabs = [...text.matchAll(/the (\w+) tab/g)].map((m) => m[1]);
    expect(tabs.length).toBeGreaterThan(0);
    for (const tab of tabs) expect(consoleTabs).toContain(tab);
    expect(text).not.toMatch(/Assets|Events/);
    expect(text).toContain('Share with a partner');
    expect(text).toContain('7100000000000000001');
    expect(text).toContain('7200000000000000002');
    if (kind === 'catalog') expect(text).toContain('Admin');
  });
});
