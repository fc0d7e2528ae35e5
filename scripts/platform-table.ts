/**
 * `npm run docs:platforms`: rewrites the README's table of what a request can hold (between the
 * `platforms:start` and `platforms:end` markers) from the manifests. test/unit/platforms/catalog
 * fails when the README and the manifests disagree.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { readmeWithCatalog } from '../src/platforms/catalog-readme.ts';

const path = new URL('../README.md', import.meta.url);
const before = await readFile(path, 'utf8');
const after = readmeWithCatalog(before);
if (after === before) console.log('README.md: the platform table is up to date');
else {
  await writeFile(path, after);
  console.log('README.md: the platform table was rewritten');
}
