/**
 * The header every page renders: the main navigation and the language switch. In the browser they are Remix's
 * NavLink and Form (client-side navigation, prefetch on intent, pending states); on the server, where none of that
 * runs, they are the same markup written as plain elements: the six NavLinks and the Form resolved their routes and
 * ran their hooks on every request (~5 % of a full render of the market, issue 12's target). The browser
 * hydrates the plain markup like its own (app/components/SiteHeader.test.ts compares the two).
 */
import { Form, NavLink, useLocation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { type Language, supportedLanguages } from '~/i18n';

/**
 * True while rendering on the server, where no effect, event or navigation runs. (Written here, not imported from a
 * module the market page shares: Vite would split a chunk of its own off for it, one more request per page load.)
 */
const onServer = () => typeof document === 'undefined';

/** The main navigation's pages, in order, with their label keys. */
export const NAV_ITEMS = [
  ['/', 'nav.overview'],
  ['/clusters', 'nav.market'],
  ['/portfolio', 'nav.portfolio'],
  ['/operator', 'nav.operator'],
  ['/analytics', 'nav.analytics'],
  ['/governance', 'nav.governance'],
] as const;

/**
 * NavLink's rule for these items (static, lowercase paths): active on the page itself and on the pages under it,
 * the overview (`end`) on itself only; case-insensitive.
 */
export function navItemActive(to: string, pathname: string): boolean {
  const path = pathname.toLowerCase();
  return path === to || (to !== '/' && path.startsWith(to) && path.charAt(to.length) === '/');
}

/** What Remix's NavLink renders before hydration, attribute for attribute (NavLink: `aria-current`, `active`). */
export function ServerNavLink({ to, pathname, label }: { to: string; pathname: string; label: string }) {
  const active = navItemActive(to, pathname);
  return (
    <a data-discover="true" aria-current={active ? 'page' : undefined} className={active ? 'active' : ''} href={to}>
      {label}
    </a>
  );
}

export function Navigation() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const server = onServer();
  return (
    <nav aria-label={t('nav.label')}>
      <ul className="nav-list">
        {NAV_ITEMS.map(([to, key]) => (
          <li key={to}>
            {server ? (
              <ServerNavLink to={to} pathname={pathname} label={t(key)} />
            ) : (
              <NavLink to={to} end={to === '/'} prefetch="intent">
                {t(key)}
              </NavLink>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

/** The switch's fields, the same inside Remix's Form (browser) and the plain form it renders (server). */
function LanguageFields({ locale, redirectTo }: { locale: string; redirectTo: string }) {
  const { t } = useTranslation();
  return (
    <>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <label htmlFor="language-select">{t('nav.language')}</label>
      <select id="language-select" name="language" defaultValue={locale} key={locale}>
        {supportedLanguages.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary">
        {t('nav.switch')}
      </button>
    </>
  );
}

export function LanguageSwitch({ locale }: { locale: string }) {
  const location = useLocation();
  const fields = <LanguageFields locale={locale} redirectTo={`${location.pathname}${location.search}`} />;
  // The server's form is what Remix's Form renders for this absolute action.
  return onServer() ? (
    <form method="post" action="/language" className="language-switch" data-discover="true">
      {fields}
    </form>
  ) : (
    <Form method="post" action="/language" className="language-switch">
      {fields}
    </Form>
  );
}
