/**
 * Google's client packages load on first use, not with every start: they are CommonJS, so a
 * synchronous `require` on the first call keeps every caller as it is (issue #17: the three
 * loaded together took about 0.2 s of a start that never calls them).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const loaded = new Map<string, unknown>();

/** The package's exports, required once. Pair it with `import type * as X from '<name>'`. */
export function loadGoogleClient<T>(name: string): T {
  if (!loaded.has(name)) loaded.set(name, require(name));
  return loaded.get(name) as T;
}
