// The page frame: skip link, header (brand, navigation, language switch, account), main landmark, footer.
// After each client-side navigation focus moves to the new page's <h1> so screen readers announce it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { isLanguage, setLanguage, type Language } from './i18n.ts';
import { endSession, updateSessionAccount, useSessionQuery } from './session.ts';
import { canAdministerPlatform, canImport, canInviteMembers, canSeeAssemblies, canSeeCooperatives, canSeeMutuality, canSeeOrganisations } from './nav.ts';
import { signOut, updateAccount } from '../identity/api.ts';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSessionQuery().data;
  const current: Language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'it';
  const choose = async (lang: Language) => {
    if (lang === current) return;
    await setLanguage(lang);
    if (session) {
      // Saved on the account too: the server answers a signed-in user in the account's language.
      try {
        updateSessionAccount(queryClient, await updateAccount({ locale: lang }));
      } catch {
        // kept on this device anyway
      }
    }
    // Errors shown on screen came translated by the server: ask again in the new language.
    void queryClient.invalidateQueries({ predicate: (q) => q.state.status === 'error' });
  };
  const options: { lang: Language; short: string; name: string }[] = [
    { lang: 'it', short: 'IT', name: 'Italiano' },
    { lang: 'en', short: 'EN', name: 'English' },
  ];
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {options.map((o) => (
        <button
          key={o.lang}
          type="button"
          className="lang-btn"
          aria-pressed={current === o.lang}
          onClick={() => void choose(o.lang)}
          data-lang={o.lang}
        >
          {o.short}
          <span className="visually-hidden" lang={o.lang}>
            {' '}
            – {o.name}
          </span>
        </button>
      ))}
    </div>
  );
}

function AccountMenu() {
  const { t } = useTranslation();
  const session = useSessionQuery().data;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (!session) return null;
  const onSignOut = async () => {
    setBusy(true);
    try {
      await signOut();
    } catch {
      // the session is gone either way for this tab
    } finally {
      endSession(queryClient, 'signed-out');
      setBusy(false);
      navigate('/accedi', { replace: true });
    }
  };
  return (
    <div className="account">
      <span className="account-name" title={session.account.email}>
        <span className="visually-hidden">{t('account.signedInAs')} </span>
        {session.account.displayName}
      </span>
      <button type="button" className="btn btn-ghost" onClick={() => void onSignOut()} disabled={busy}>
        {t('account.signOut')}
      </button>
    </div>
  );
}

function MainNav() {
  const { t } = useTranslation();
  const session = useSessionQuery().data;
  // Signed out, the public pages: founding a co-operative (the incubator).
  if (!session) {
    return (
      <nav className="main-nav" aria-label={t('nav.label')}>
        <ul>
          <li>
            <NavLink to="/fondare-una-cooperativa">{t('incubator.nav')}</NavLink>
          </li>
        </ul>
      </nav>
    );
  }
  const a = session.account;
  const items: { to: string; label: string; end?: boolean }[] = [{ to: '/', label: t('nav.home'), end: true }];
  items.push({ to: '/profilo', label: t('nav.profile') });
  items.push({ to: '/i-miei-dati', label: t('privacy.nav') });
  if (canSeeAssemblies(a)) items.push({ to: '/assemblee', label: t('governance.nav') });
  if (canSeeMutuality(a)) items.push({ to: '/mutualita', label: t('mutuality.nav') });
  if (canSeeOrganisations(a)) items.push({ to: '/organizzazioni', label: t('nav.organisations') });
  if (canSeeCooperatives(a)) items.push({ to: '/cooperative', label: t('nav.cooperatives') });
  if (canImport(a)) items.push({ to: '/importa', label: t('nav.import') });
  if (canInviteMembers(a)) items.push({ to: '/inviti', label: t('identity.nav.invite') });
  if (canAdministerPlatform(a)) items.push({ to: '/amministrazione', label: t('identity.nav.admin') });
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {items.map((i) => (
          <li key={i.to}>
            <NavLink to={i.to} end={i.end ?? false}>
              {i.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Moves focus to the new page's heading after a navigation (not on the first load). */
function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h = requestAnimationFrame(() => {
      const target = document.getElementById('page-title') ?? document.getElementById('main');
      target?.focus({ preventScroll: false });
    });
    return () => cancelAnimationFrame(h);
  }, [location.pathname]);
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  useFocusOnNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('a11y.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="6" />
              <circle cx="12" cy="16" r="6" />
              <circle cx="20" cy="16" r="6" />
            </svg>
            <span>{t('app.name')}</span>
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            <AccountMenu />
          </div>
        </div>
        <MainNav />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          {t('app.footer')} · <Link to="/fondare-una-cooperativa">{t('incubator.nav')}</Link> · <a href="/api/docs">{t('app.apiDocs')}</a>
        </p>
      </footer>
    </>
  );
}
