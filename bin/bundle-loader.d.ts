/** See bundle-loader.js. */
export function runBundle(file: string): {
  readonly exports: Record<string, unknown>;
  readonly cache: 'used' | 'written' | 'unwritable';
};
