/** Debian's Chromium, headless, with the flags this machine needs (no downloads, no network). */
import { chromium, type Browser } from 'playwright-core';

/** Launches the browser every e2e test uses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
