import { useCallback, useEffect, useState } from 'react';
import { apiFetch, describeError } from './api.ts';

/**
 * Loads a resource; a paged list (an answer with `nextCursor`) is followed page by page and its
 * arrays joined, so a page shows the whole list however long it grows.
 */
export async function fetchAllPages<T>(path: string): Promise<T> {
  const first = await apiFetch<T>(path);
  let merged = first as Record<string, unknown>;
  let cursor = merged.nextCursor;
  while (typeof cursor === 'string') {
    const separator = path.includes('?') ? '&' : '?';
    const more = await apiFetch<Record<string, unknown>>(
      `${path}${separator}cursor=${encodeURIComponent(cursor)}`,
    );
    merged = joinPages(merged, more);
    cursor = more.nextCursor;
  }
  return merged as T;
}

function joinPages(
  page: Record<string, unknown>,
  next: Record<string, unknown>,
): Record<string, unknown> {
  const joined: Record<string, unknown> = { ...next };
  for (const [key, value] of Object.entries(page)) {
    const more = next[key];
    if (Array.isArray(value) && Array.isArray(more)) {
      joined[key] = [...(value as unknown[]), ...(more as unknown[])];
    }
  }
  return joined;
}

/** Loads one API resource; `reload` fetches it again after a change. */
export function useApi<T>(path: string): {
  data: T | undefined;
  error: string | undefined;
  reload: () => void;
} {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    fetchAllPages<T>(path)
      .then((value) => live && (setData(value), setError(undefined)))
      .catch((failure: unknown) => live && setError(describeError(failure)));
    return () => {
      live = false;
    };
  }, [path, version]);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { data, error, reload };
}
