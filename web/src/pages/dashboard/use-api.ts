import { useCallback, useEffect, useState } from 'react';
import { apiFetch, describeError } from './api.ts';

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
    apiFetch<T>(path)
      .then((value) => live && (setData(value), setError(undefined)))
      .catch((failure: unknown) => live && setError(describeError(failure)));
    return () => {
      live = false;
    };
  }, [path, version]);
  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { data, error, reload };
}
