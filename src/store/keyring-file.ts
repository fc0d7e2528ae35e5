/**
 * Where the keyring comes from: LATCHKEY_SECRET_KEYS, or in development a key generated once into
 * the data folder (announced with a clear log line). Production without keys refuses to start.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateKeyEntry, parseKeyring, type Keyring } from './secrets.ts';

export interface KeyringSource {
  readonly secretKeys: string | undefined;
  readonly dataDir: string;
  readonly env: 'development' | 'production' | 'test';
}

/** Loads the keyring, generating a development key file when none is configured. */
export async function loadKeyring(
  source: KeyringSource,
  log: (message: string, fields?: Record<string, unknown>) => void,
): Promise<Keyring> {
  if (source.secretKeys) return parseKeyring(source.secretKeys);
  if (source.env === 'production') {
    throw new Error('LATCHKEY_SECRET_KEYS is required when NODE_ENV=production');
  }
  const file = path.join(source.dataDir, 'secret-keys');
  try {
    return parseKeyring((await readFile(file, 'utf8')).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(source.dataDir, { recursive: true });
  // Several processes (API and worker roles), or several loaders in one process, may start at once
  // on one data folder: the key is written whole to a temp file of its own (a pid alone is shared
  // by loaders in one process) and then hard-linked into place, which fails if another got there
  // first. Either way every loader then reads the one key that won.
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, `${generateKeyEntry('dev1')}\n`, { mode: 0o600 });
  try {
    await link(temp, file);
    log('LATCHKEY_SECRET_KEYS is not set: generated a development encryption key', { file });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temp, { force: true });
  }
  return parseKeyring((await readFile(file, 'utf8')).trim());
}
