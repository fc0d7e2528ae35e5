import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// bin/latchkey.js runs the bundled command through bin/bundle-loader.js, which keeps V8's compiled
// code beside the bundle so a start does not compile 8 MB of JavaScript again (issue #17). Each
// load runs in a process of its own, as each start does: within one process V8 would answer a
// second compile of the same source from memory, whatever the cache file holds.
const loader = fileURLToPath(new URL('../../../bin/bundle-loader.js', import.meta.url));
let dir: string;
let bundle: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'latchkey-bundle-'));
  bundle = path.join(dir, 'main.cjs');
  await writeFile(
    bundle,
    `const path = require('node:path');
exports.where = () => path.basename(__filename) + ' in ' + path.basename(__dirname);
exports.later = () => Promise.resolve(require('node:os')).then((os) => typeof os.cpus);`,
  );
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Load {
  readonly cache: 'used' | 'written' | 'unwritable';
  readonly where: string;
  readonly later: string;
  readonly kept?: boolean;
}

/** Loads the bundle in a new Node process; `keep` calls keepCompiled after running it. */
async function load(options: { keep?: boolean } = {}): Promise<Load> {
  const program = `
    const { runBundle } = await import(${JSON.stringify(loader)});
    const loaded = runBundle(${JSON.stringify(bundle)});
    const out = { cache: loaded.cache, where: loaded.exports.where(), later: await loaded.exports.later() };
    if (${Boolean(options.keep)}) out.kept = loaded.keepCompiled();
    console.log(JSON.stringify(out));`;
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--no-warnings',
    '--input-type=module',
    '-e',
    program,
  ]);
  return JSON.parse(stdout) as Load;
}

const cacheBytes = () => readFile(`${bundle}.cache`);

describe('the bundle loader', () => {
  it('runs the bundle as CommonJS, with require and __filename', async () => {
    const loaded = await load();
    expect(loaded.where).toBe(`main.cjs in ${path.basename(dir)}`);
    expect(loaded.later).toBe('function');
  });

  it('writes the code cache once, then starts from it', async () => {
    expect((await load()).cache).toBe('written');
    const cached = await cacheBytes();
    expect(cached.length).toBeGreaterThan(0);
    expect((await load()).cache).toBe('used');
    expect(await cacheBytes()).toEqual(cached);
  });

  it('keeps what a run compiled, once per cache', async () => {
    await load();
    const cold = await cacheBytes();
    expect((await load({ keep: true })).kept).toBe(true);
    const warm = await cacheBytes();
    expect(warm.length).toBeGreaterThan(cold.length);
    const again = await load({ keep: true });
    expect(again).toMatchObject({ cache: 'used', kept: false });
    expect(await cacheBytes()).toEqual(warm);
  });

  it('replaces a cache V8 rejects (another build, another Node), and may warm it again', async () => {
    await load({ keep: true });
    await writeFile(`${bundle}.cache`, Buffer.from('not a V8 code cache'));
    const loaded = await load({ keep: true });
    expect(loaded).toMatchObject({
      cache: 'written',
      kept: true,
      where: expect.stringContaining('main.cjs'),
    });
    expect((await load()).cache).toBe('used');
  });

  it('still runs when the cache cannot be written', async () => {
    // A directory where the cache goes: writing fails, as on a read-only install.
    await mkdir(`${bundle}.cache`);
    const loaded = await load({ keep: true });
    expect(loaded).toMatchObject({ cache: 'unwritable', kept: false, later: 'function' });
  });
});
