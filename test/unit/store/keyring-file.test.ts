import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKeyring } from '../../../src/store/keyring-file.ts';
import { Secret } from '../../../src/store/secrets.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('development keyring file', () => {
  it('is generated once, announced, and shared by processes starting at the same time', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'latchkey-keys-'));
    dirs.push(dataDir);
    const logged: string[] = [];
    const source = { secretKeys: undefined, dataDir, env: 'development' as const };
    const keyrings = await Promise.all(
      Array.from({ length: 8 }, () => loadKeyring(source, (message) => logged.push(message))),
    );
    expect(new Set(keyrings.map((k) => k.newestKeyId))).toEqual(new Set(['dev1']));
    const sealed = keyrings[0]!.seal(new Secret('x'), {
      table: 't',
      column: 'c',
      rowId: 'r',
      agencyId: 'a',
    });
    for (const keyring of keyrings) {
      expect(
        keyring.open(sealed, { table: 't', column: 'c', rowId: 'r', agencyId: 'a' }).reveal(),
      ).toBe('x');
    }
    expect(logged).toHaveLength(1);
    expect(await readdir(dataDir)).toEqual(['secret-keys']);
  });

  it('refuses to generate a key in production', async () => {
    await expect(
      loadKeyring({ secretKeys: undefined, dataDir: tmpdir(), env: 'production' }, () => {}),
    ).rejects.toThrow(/LATCHKEY_SECRET_KEYS is required/);
  });
});
