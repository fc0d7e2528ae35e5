/**
 * What every browser test starts with: one Latchkey process in sandbox mode (all roles, PGlite in
 * a fresh temporary folder, a free port), an agency, and Chromium; `close` undoes all three.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startRuntime, type Runtime } from '../../src/cli/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import type { Logger } from '../../src/lib/logger.ts';
import { buildAgency, type TestAgency } from './agency.ts';
import { launchChromium } from './browser.ts';

export interface E2eEnvironment {
  readonly runtime: Runtime;
  /** Latchkey's public URL. */
  readonly url: string;
  readonly agency: TestAgency;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Starts Latchkey (logging to `logger`), creates the agency "Northwind Media", opens Chromium. */
export async function startE2eEnvironment(name: string, logger: Logger): Promise<E2eEnvironment> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `latchkey-e2e-${name}-`));
  const config = loadConfig({
    LATCHKEY_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
  });
  const runtime = await startRuntime(config, 'all', logger, { onSetupLink: () => undefined });
  const agency = await buildAgency(runtime.database, { name: 'Northwind Media' });
  const browser = await launchChromium();
  return {
    runtime,
    url: runtime.url ?? '',
    agency,
    browser,
    close: async () => {
      await browser.close();
      await runtime.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
