import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { supportedLanguages } from '~/i18n';
import { languageCookie } from '~/i18n.server';
import { parseOr400 } from '~/lib/http.server';
import { isSameSitePath } from '~/lib/public-origin';

const languageForm = z.object({
  language: z.enum(supportedLanguages),
  // Only a path on this site: never an open redirect.
  redirectTo: z.string().max(2_048).refine(isSameSitePath, 'must be a path on this site').default('/'),
});

/** Remembers the chosen language in a cookie and goes back to the page the switch was used on. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await parseOr400(languageForm, Object.fromEntries(await request.formData()), request);
  return redirect(form.redirectTo, { headers: { 'Set-Cookie': await languageCookie.serialize(form.language) } });
}

export function loader() {
  return redirect('/');
}

export { ErrorBoundary } from '~/components/RouteError';

/** Only reached when the action fails (its error boundary renders); success always redirects. */
export default function Language() {
  return null;
}
