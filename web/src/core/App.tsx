// Routes (in Italian), the query client and the guards around signed-in pages.
import { Component, lazy, Suspense, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, onUnauthorized } from './api.ts';
import { Layout } from './Layout.tsx';
import { endSession, useSessionQuery } from './session.ts';
import { Loading, PageHeading, ProblemAlert } from './ui.tsx';
import { SignInPage } from '../identity/SignInPage.tsx';
import { HomePage } from '../identity/HomePage.tsx';
import { ProfilePage } from '../identity/ProfilePage.tsx';
import { CooperativesPage } from '../registry/CooperativesPage.tsx';
import { CooperativePage } from '../registry/CooperativePage.tsx';
import { OrganisationsPage } from '../registry/OrganisationsPage.tsx';
import { governanceRoutes } from '../governance/routes.tsx';
import { identityRoutes } from '../identity/routes.tsx';
import { mutualityRoutes } from '../mutuality/routes.tsx';
import { incubatorRoutes } from '../incubator/routes.tsx';
import { privacyRoutes } from '../privacy/routes.tsx';

// The dashboard carries echarts and the import page is used rarely: both load on demand.
const OrganisationPage = lazy(() => import('../registry/OrganisationPage.tsx').then((m) => ({ default: m.OrganisationPage })));
const ImportPage = lazy(() => import('../registry/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors (403, 404, 400) will not change by asking again; server hiccups may.
        retry: (count, error) => error instanceof ApiError && (error.status === 0 || error.status >= 500) && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
}

/** A 401 from any call ends the session: forget the user's data; RequireAuth then sends them to sign in. */
function UnauthorizedBridge() {
  const queryClient = useQueryClient();
  useEffect(() => {
    onUnauthorized(() => endSession(queryClient, 'expired'));
    return () => onUnauthorized(null);
  }, [queryClient]);
  return null;
}

function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.error) return <ProblemAlert error={session.error} />;
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/accedi' : `/accedi?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}

function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body')}</p>
    </>
  );
}

class ErrorBoundary extends Component<{ children: ReactNode; fallback: (error: unknown) => ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

const guarded = (node: ReactNode) => <RequireAuth>{node}</RequireAuth>;

function AppRoutes() {
  const location = useLocation();
  return (
    <Layout>
      <ErrorBoundary key={location.pathname} fallback={(e) => <ProblemAlert error={e} />}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/accedi" element={<SignInPage />} />
            <Route path="/" element={guarded(<HomePage />)} />
            <Route path="/profilo" element={guarded(<ProfilePage />)} />
            <Route path="/cooperative" element={guarded(<CooperativesPage />)} />
            <Route path="/cooperative/:id" element={guarded(<CooperativePage />)} />
            <Route path="/organizzazioni" element={guarded(<OrganisationsPage />)} />
            <Route path="/organizzazioni/:id" element={guarded(<OrganisationPage />)} />
            <Route path="/importa" element={guarded(<ImportPage />)} />
            {identityRoutes(guarded)}
            {mutualityRoutes(guarded)}
            {governanceRoutes(guarded)}
            {incubatorRoutes()}
            {privacyRoutes(guarded)}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </Layout>
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <UnauthorizedBridge />
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
