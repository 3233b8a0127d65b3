// The identity pages' routes (Italian paths), for App.tsx to place inside its <Routes>. The heavier pages (QR codes,
// admin tables) load on demand.
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';
import { ForgotPasswordPage } from './recovery/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from './recovery/ResetPasswordPage.tsx';
import { VerifyEmailPage } from './recovery/VerifyEmailPage.tsx';
import { RecoveryCodeSignInPage } from './recovery/RecoveryCodeSignInPage.tsx';
import { InvitationPage } from './recovery/InvitationPage.tsx';

const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const SecurityPage = named(() => import('./security/SecurityPage.tsx'), 'SecurityPage');
const SecurityEventsPage = named(() => import('./security/SecurityEventsPage.tsx'), 'SecurityEventsPage');
const AuthorizePage = named(() => import('./oidc/AuthorizePage.tsx'), 'AuthorizePage');
const CredentialsPage = named(() => import('./credentials/CredentialsPage.tsx'), 'CredentialsPage');
const VerifyPage = named(() => import('./credentials/VerifyPage.tsx'), 'VerifyPage');
const AdminPage = named(() => import('./admin/AdminPage.tsx'), 'AdminPage');
const OidcClientsPage = named(() => import('./admin/OidcClientsPage.tsx'), 'OidcClientsPage');
const MailOutboxPage = named(() => import('./admin/MailOutboxPage.tsx'), 'MailOutboxPage');
const InviteMembersPage = named(() => import('./onboarding/InviteMembersPage.tsx'), 'InviteMembersPage');
const InviteChooserPage = named(() => import('./onboarding/InviteMembersPage.tsx'), 'InviteChooserPage');

export function identityRoutes(guarded: (node: ReactNode) => ReactNode): ReactNode[] {
  return [
    <Route key="forgot" path="/password-dimenticata" element={<ForgotPasswordPage />} />,
    <Route key="reset" path="/reimposta-password" element={<ResetPasswordPage />} />,
    <Route key="verify-email" path="/verifica-email" element={<VerifyEmailPage />} />,
    <Route key="recovery" path="/accedi/codice-di-recupero" element={<RecoveryCodeSignInPage />} />,
    <Route key="invite" path="/invito/:token" element={<InvitationPage />} />,
    <Route key="verify" path="/verifica" element={<VerifyPage />} />,
    <Route key="authorize" path="/autorizza/:uid" element={guarded(<AuthorizePage />)} />,
    <Route key="security" path="/sicurezza" element={guarded(<SecurityPage />)} />,
    <Route key="events" path="/sicurezza/eventi" element={guarded(<SecurityEventsPage />)} />,
    <Route key="credentials" path="/credenziali" element={guarded(<CredentialsPage />)} />,
    <Route key="admin" path="/amministrazione" element={guarded(<AdminPage />)} />,
    <Route key="clients" path="/amministrazione/applicazioni" element={guarded(<OidcClientsPage />)} />,
    <Route key="outbox" path="/amministrazione/posta" element={guarded(<MailOutboxPage />)} />,
    <Route key="onboarding" path="/cooperative/:id/inviti" element={guarded(<InviteMembersPage />)} />,
    <Route key="onboarding-choose" path="/inviti" element={guarded(<InviteChooserPage />)} />,
  ];
}
