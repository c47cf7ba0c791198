import { useRevalidator } from '@remix-run/react';
import { useEffect } from 'react';

/** Re-runs the page's loaders every `ms` while idle: the front door and /status follow the chain without a reload. */
export function useRefreshEvery(ms: number) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => state === 'idle' && revalidate(), ms);
    return () => clearInterval(timer);
  }, [ms, revalidate, state]);
}
