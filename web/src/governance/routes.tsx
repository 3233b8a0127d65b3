// The governance routes (Italian paths), loaded on demand: App.tsx places them with `governanceRoutes(guarded)`.
import { lazy, type ReactNode } from 'react';
import { Route } from 'react-router';

const page = <K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const MyAssembliesPage = page(() => import('./ListPages.tsx'), 'MyAssembliesPage');
const CoopAssembliesPage = page(() => import('./ListPages.tsx'), 'CoopAssembliesPage');
const AssemblyPage = page(() => import('./AssemblyPage.tsx'), 'AssemblyPage');
const LivePage = page(() => import('./LivePage.tsx'), 'LivePage');
const RollPage = page(() => import('./RollPage.tsx'), 'RollPage');
const ConvenePage = page(() => import('./AssemblyForm.tsx'), 'ConvenePage');
const EditAssemblyPage = page(() => import('./AssemblyForm.tsx'), 'EditAssemblyPage');
const StatutePage = page(() => import('./StatutePage.tsx'), 'StatutePage');
const OutboxPage = page(() => import('./OutboxPage.tsx'), 'OutboxPage');
const VerifyMinutesPage = page(() => import('./Minutes.tsx'), 'VerifyMinutesPage');
const TrusteePage = page(() => import('./TrusteePage.tsx'), 'TrusteePage');
const BoardPage = page(() => import('./BoardPage.tsx'), 'BoardPage');

/** The routes; `guarded` wraps the pages that need a signed-in user. */
export function governanceRoutes(guarded: (node: ReactNode) => ReactNode): ReactNode[] {
  return [
    <Route key="gov-my" path="/assemblee" element={guarded(<MyAssembliesPage />)} />,
    <Route key="gov-assembly" path="/assemblee/:id" element={guarded(<AssemblyPage />)} />,
    <Route key="gov-live" path="/assemblee/:id/diretta" element={guarded(<LivePage />)} />,
    <Route key="gov-roll" path="/assemblee/:id/elenco" element={guarded(<RollPage />)} />,
    <Route key="gov-edit" path="/assemblee/:id/modifica" element={guarded(<EditAssemblyPage />)} />,
    <Route key="gov-coop" path="/cooperative/:id/assemblee" element={guarded(<CoopAssembliesPage />)} />,
    <Route key="gov-new" path="/cooperative/:id/assemblee/nuova" element={guarded(<ConvenePage />)} />,
    <Route key="gov-statute" path="/cooperative/:id/statuto" element={guarded(<StatutePage />)} />,
    <Route key="gov-outbox" path="/cooperative/:id/assemblee/posta" element={guarded(<OutboxPage />)} />,
    <Route key="gov-verify" path="/verifica-verbale" element={<VerifyMinutesPage />} />,
    <Route key="gov-evote-trustee" path="/votazioni/:id/garante" element={guarded(<TrusteePage />)} />,
    <Route key="gov-evote-board" path="/votazioni/:id/urna" element={guarded(<BoardPage />)} />,
  ];
}
