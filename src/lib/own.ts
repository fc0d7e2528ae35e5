/**
 * Lookups by a name that came from outside (a URL, a body, a stored row): only the record's own
 * keys count, so `constructor`, `toString` or `__proto__` find nothing instead of Object's
 * prototype members.
 */
export function ownValue<T>(
  record: Readonly<Partial<Record<string, T>>>,
  key: string,
): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
