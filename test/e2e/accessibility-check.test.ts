/**
 * The journey's own checks can fail: axe reports a serious violation on a page that has one, and
 * the sideways-scroll check sees a page wider than a 390 px phone. (Without this, a journey that
 * passes could mean a check that never looks.)
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { axeViolations, scrollsSideways } from '../support/journey.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => browser?.close());

describe("the journey's accessibility checks", () => {
  it('see an unnamed button and a missing label, and a page too wide for a phone', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.setContent(
      '<html lang="en"><head><title>t</title></head><body><main><button></button><input type="text"></main></body></html>',
    );
    const violations = await axeViolations(page);
    expect(violations.some((v) => v.startsWith('button-name'))).toBe(true);
    expect(violations.some((v) => v.startsWith('label'))).toBe(true);
    expect(await scrollsSideways(page)).toBe(false);
    await page.setContent('<main><div style="width: 600px">wide</div></main>');
    expect(await scrollsSideways(page)).toBe(true);
    await context.close();
  });
});
