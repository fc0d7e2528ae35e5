/** See bundle-loader.js. */
export function runBundle(file: string): {
  readonly exports: Record<string, unknown>;
  readonly cache: 'used' | 'written' | 'unwritable';
  /** Rewrites the cache with every function compiled so far, once per cache; true if it did. */
  readonly keepCompiled: () => boolean;
};
