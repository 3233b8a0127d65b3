// The incubator's public routes (Italian paths), for App.tsx to place inside its <Routes>: no sign-in needed.
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';

const FoundPage = lazy(() => import('./FoundPages.tsx').then((m) => ({ default: m.FoundPage })));
const AssessmentPage = lazy(() => import('./FoundPages.tsx').then((m) => ({ default: m.AssessmentPage })));

export const FOUND_PATH = '/fondare-una-cooperativa';

export function incubatorRoutes(): ReactNode[] {
  return [
    <Route key="inc-found" path={FOUND_PATH} element={<FoundPage />} />,
    <Route key="inc-assess" path={`${FOUND_PATH}/autovalutazione`} element={<AssessmentPage />} />,
  ];
}
