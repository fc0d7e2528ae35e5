import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBundle } from '../../../bin/bundle-loader.js';

// bin/latchkey.js runs the bundled command through this loader, which keeps V8's compiled code
// beside the bundle so a start does not compile 8 MB of JavaScript again (issue #17).
let dir: string;
let bundle: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-bundle-'));
  bundle = path.join(dir, 'main.cjs');
  await writeFile(
    bundle,
    `const path = require('node:path');
exports.where = () => path.basename(__filename) + ' in ' + path.basename(__dirname);
exports.later = () => import('node:os').then((os) => typeof os.cpus);`,
  );
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Probe {
  where(): string;
  later(): Promise<string>;
}
const load = (file: string) => {
  const { exports, cache } = runBundle(file);
  return { exports: exports as unknown as Probe, cache };
};

describe('the bundle loader', () => {
  it('runs the bundle as CommonJS, with require, __filename and import()', async () => {
    const { exports } = load(bundle);
    expect(exports.where()).toBe(`main.cjs in ${path.basename(dir)}`);
    expect(await exports.later()).toBe('function');
  });

  it('writes the code cache once, then starts from it', async () => {
    expect(load(bundle).cache).toBe('written');
    const cached = await readFile(`${bundle}.cache`);
    expect(cached.length).toBeGreaterThan(0);
    expect(load(bundle).cache).toBe('used');
    expect(await readFile(`${bundle}.cache`)).toEqual(cached);
  });

  it('replaces a cache V8 rejects (another build, another Node)', async () => {
    await writeFile(`${bundle}.cache`, Buffer.from('not a V8 code cache'));
    const { exports, cache } = load(bundle);
    expect(cache).toBe('written');
    expect(exports.where()).toContain('main.cjs');
    expect(load(bundle).cache).toBe('used');
  });

  it('still runs when the cache cannot be written', async () => {
    // A directory where the cache's partial file goes: the write fails, as on a read-only install.
    await mkdir(`${bundle}.cache.${process.pid}`);
    const { exports, cache } = load(bundle);
    expect(cache).toBe('unwritable');
    expect(exports.where()).toContain('main.cjs');
  });
});
