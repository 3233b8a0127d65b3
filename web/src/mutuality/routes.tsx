// The mutuality pages' routes (Italian paths), for App.tsx to place inside its <Routes>. Every page loads on demand:
// a member reads a statement without downloading the board's forms, and the other way round.
import { lazy, type ComponentType, type ReactNode } from 'react';
import { Route } from 'react-router';
import { CoopCurrency } from './currency.tsx';

const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const MutualityHubPage = named(() => import('./MemberPages.tsx'), 'MutualityHubPage');
const MyRistorniPage = named(() => import('./MemberPages.tsx'), 'MyRistorniPage');
const MyStatementPage = named(() => import('./MemberPages.tsx'), 'MyStatementPage');
const MyExchangesPage = named(() => import('./MemberPages.tsx'), 'MyExchangesPage');
const MyCapitalPage = named(() => import('./MemberPages.tsx'), 'MyCapitalPage');
const OverviewPage = named(() => import('./OverviewPage.tsx'), 'OverviewPage');
const LedgerPage = named(() => import('./LedgerPage.tsx'), 'LedgerPage');
const ImportExchangesPage = named(() => import('./ImportPage.tsx'), 'ImportExchangesPage');
const PrevalencePage = named(() => import('./PrevalencePage.tsx'), 'PrevalencePage');
const WeightsPage = named(() => import('./WeightsPage.tsx'), 'WeightsPage');
const RunsPage = named(() => import('./RunsPage.tsx'), 'RunsPage');
const RunPage = named(() => import('./RunPage.tsx'), 'RunPage');
const BoardStatementPage = named(() => import('./BoardStatementPage.tsx'), 'BoardStatementPage');
const CapitalPage = named(() => import('./CapitalPage.tsx'), 'CapitalPage');
const CapitalMemberPage = named(() => import('./CapitalPage.tsx'), 'CapitalMemberPage');

export function mutualityRoutes(guarded: (node: ReactNode) => ReactNode): ReactNode[] {
  const board = '/cooperative/:id/mutualita';
  // A co-op's pages show its amounts in its rule set's currency.
  const coop = (page: ReactNode) => guarded(<CoopCurrency>{page}</CoopCurrency>);
  return [
    <Route key="mut-hub" path="/mutualita" element={guarded(<MutualityHubPage />)} />,
    <Route key="mut-my-ristorni" path="/i-miei-ristorni" element={guarded(<MyRistorniPage />)} />,
    <Route key="mut-my-statement" path="/i-miei-ristorni/:runId" element={guarded(<MyStatementPage />)} />,
    <Route key="mut-my-exchanges" path="/i-miei-scambi" element={guarded(<MyExchangesPage />)} />,
    <Route key="mut-my-capital" path="/il-mio-capitale" element={guarded(<MyCapitalPage />)} />,
    <Route key="mut-overview" path={board} element={coop(<OverviewPage />)} />,
    <Route key="mut-ledger" path={`${board}/scambi`} element={coop(<LedgerPage />)} />,
    <Route key="mut-import" path={`${board}/importa`} element={coop(<ImportExchangesPage />)} />,
    <Route key="mut-prevalence" path={`${board}/prevalenza`} element={coop(<PrevalencePage />)} />,
    <Route key="mut-weights" path={`${board}/pesi`} element={coop(<WeightsPage />)} />,
    <Route key="mut-runs" path={`${board}/ristorni`} element={coop(<RunsPage />)} />,
    <Route key="mut-run" path={`${board}/ristorni/:runId`} element={coop(<RunPage />)} />,
    <Route key="mut-statement" path={`${board}/ristorni/:runId/soci/:membershipId`} element={coop(<BoardStatementPage />)} />,
    <Route key="mut-capital" path={`${board}/capitale`} element={coop(<CapitalPage />)} />,
    <Route key="mut-capital-member" path={`${board}/capitale/:membershipId`} element={coop(<CapitalMemberPage />)} />,
  ];
}
