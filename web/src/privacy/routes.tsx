// The privacy pages' routes (Italian paths), for App.tsx to place inside its <Routes>; loaded on demand.
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';

const MyDataPage = lazy(() => import('./MyDataPage.tsx').then((m) => ({ default: m.MyDataPage })));
const RequestsOfficerPage = lazy(() => import('./RequestsOfficerPage.tsx').then((m) => ({ default: m.RequestsOfficerPage })));

export function privacyRoutes(guarded: (node: ReactNode) => ReactNode): ReactNode[] {
  return [
    <Route key="privacy-my-data" path="/i-miei-dati" element={guarded(<MyDataPage />)} />,
    <Route key="privacy-requests" path="/richieste-privacy" element={guarded(<RequestsOfficerPage />)} />,
  ];
}
