import { useEffect } from 'react';

/** Calls `reload` every `everyMs` while `active`, so live grant statuses show without a click. */
export function useRefreshWhile(active: boolean, reload: () => void, everyMs = 3_000): void {
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(reload, everyMs);
    return () => window.clearInterval(timer);
  }, [active, reload, everyMs]);
}
