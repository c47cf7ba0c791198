/**
 * Markup the server writes out instead of rendering a router component: on the server a NavLink or a Form only
 * resolves routes and runs hooks to print a few attributes (none of their behaviour runs there), and on the hot page
 * the header and the filters form cost a few per cent of a full render each (issue 12). The browser renders them and
 * hydrates this markup, which must therefore be exactly theirs (tests compare the two).
 */

/**
 * The `action` Remix's <Form> (react-router's useFormAction) gives a form without one in an index route: the route's
 * own path (`useResolvedPath('.')`, the URL's spelling of it), the page's query as the browser would keep it (a bare
 * `index` marker dropped), then `index`.
 */
export function indexRouteFormAction(pathname: string, search: string): string {
  let query = search;
  const params = new URLSearchParams(query);
  const indexValues = params.getAll('index');
  if (indexValues.some((value) => value === '')) {
    params.delete('index');
    for (const value of indexValues) if (value) params.append('index', value);
    const rest = params.toString();
    query = rest ? `?${rest}` : '';
  }
  return `${pathname}${query ? query.replace(/^\?/, '?index&') : '?index'}`;
}
