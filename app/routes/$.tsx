import type { LoaderFunctionArgs } from '@remix-run/node';
import { notFound, visitorT } from '~/lib/http.server';

/** Every address no other route matches: a 404 page inside the normal layout. */
export async function loader({ request }: LoaderFunctionArgs): Promise<never> {
  notFound((await visitorT(request))('errors.pageNotFound'));
}

export default function NotFound() {
  return null;
}

export { ErrorBoundary } from '~/components/RouteError';
