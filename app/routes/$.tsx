import { notFound } from '~/lib/http.server';

/** Every address no other route matches: a 404 page inside the normal layout. */
export function loader(): never {
  notFound('There is no page at this address.');
}

export default function NotFound() {
  return null;
}

export { ErrorBoundary } from '~/components/RouteError';
