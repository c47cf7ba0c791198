import { isRouteErrorResponse, useRouteError } from '@remix-run/react';

/** A route-level error view: a readable sentence, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    return (
      <section className="card" role="alert">
        <h2>
          {error.status} {error.statusText}
        </h2>
        <p>{typeof error.data === 'string' ? error.data : 'The request could not be completed.'}</p>
      </section>
    );
  }
  return (
    <section className="card" role="alert">
      <h2>This part of the page failed to load</h2>
      <p>The data source did not answer. Try again in a moment.</p>
    </section>
  );
}
