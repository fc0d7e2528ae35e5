// The bounded in-memory request log of a sandbox (tests and demos read it; secrets never go in).

/** Appends an entry, dropping the oldest ones beyond `limit`. */
export function appendBounded<E>(log: E[], entry: E, limit: number): void {
  log.push(entry);
  if (log.length > limit) log.splice(0, log.length - limit);
}

/** A copy of query parameters with the values of secret names replaced by `[redacted]`. */
export function redactParams(
  params: Iterable<[string, string]>,
  isSecret: (name: string) => boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = isSecret(k) ? '[redacted]' : v;
  return out;
}
