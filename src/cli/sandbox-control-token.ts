/**
 * The sandboxes' control token when LATCHKEY_SANDBOX_CONTROL=on: LATCHKEY_SANDBOX_CONTROL_TOKEN, or
 * one generated once into `<data dir>/sandbox/control-token` (owner-only), so tests and demos read
 * it from there and a restart keeps it. Never logged.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

/** Where a generated control token is kept. */
export const controlTokenFile = (dataDir: string) => path.join(dataDir, 'sandbox', 'control-token');

/** The control token to open the sandboxes with, or undefined when the control API is closed. */
export function sandboxControlToken(config: Config): string | undefined {
  if (!config.sandboxControl.enabled) return undefined;
  if (config.sandboxControl.token !== undefined) return config.sandboxControl.token;
  const file = controlTokenFile(config.dataDir);
  if (existsSync(file)) {
    const saved = readFileSync(file, 'utf8').trim();
    if (saved.length >= 24) return saved;
  }
  const token = randomBytes(32).toString('base64url');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}
