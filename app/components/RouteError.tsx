import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/**
 * A readable error view (400/404/503 and unexpected errors), never a stack trace. It takes the place of the page's
 * content, so its title is the page's heading.
 */
export function RouteErrorView() {
  const error = useRouteError();
  const { t } = useTranslation();
  let title = t('errors.unexpected');
  let body = t('errors.unexpectedBody');
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const detail = typeof error.data === 'string' ? error.data : undefined;
    if (status === 400) [title, body] = [t('errors.badRequest'), detail ?? t('errors.badRequest')];
    else if (status === 404) [title, body] = [t('errors.notFound'), detail ?? t('errors.pageNotFound')];
    else if (status === 503) [title, body] = [t('errors.unavailable'), t('errors.unavailableBody')];
    else [title, body] = [`${status} ${error.statusText}`, detail ?? t('errors.unexpectedBody')];
  }
  return (
    <section className="card error" role="alert" data-testid="error-page" data-status={status}>
      <h1>
        <span className="muted">{status}</span> {title}
      </h1>
      <p>{body}</p>
      <Link to="/">{t('common.backHome')}</Link>
    </section>
  );
}

export function ErrorBoundary() {
  return <RouteErrorView />;
}
