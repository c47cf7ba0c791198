import { useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';

/**
 * Re-runs the page's loaders every `ms` while idle and the tab is visible: the front door and /status follow the chain
 * without a reload. A tab in the background asks for nothing (each tick is a full loader run on the server for every
 * open tab); it refreshes as soon as it is shown again.
 */
export function useRefreshEvery(ms: number) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    const refresh = () => state === 'idle' && document.visibilityState === 'visible' && revalidate();
    const timer = setInterval(refresh, ms);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [ms, revalidate, state]);
}
