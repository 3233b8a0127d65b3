// The privacy pages' routes (Italian paths), for App.tsx to place inside its <Routes>; loaded on demand.
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';

const MyDataPage = lazy(() => import('./MyDataPage.tsx').then((m) => ({ default: m.MyDataPage })));

export function privacyRoutes(guarded: (node: ReactNode) => ReactNode): ReactNode[] {
  return [<Route key="privacy-my-data" path="/i-miei-dati" element={guarded(<MyDataPage />)} />];
}
