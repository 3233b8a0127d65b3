// The currency of a co-op's amounts: its mutuality rule set's (euro for Italy, dollars for the US rule set). Kept
// apart from the pages so that the routes can wrap every board page without loading the pages themselves.
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { CurrencyContext } from '../core/format.ts';
import { getSettings } from './api.ts';

/** Amounts inside are in this currency (a statement's own, a membership's co-op's). */
export function InCurrency({ currency, children }: { currency: string; children: ReactNode }) {
  return <CurrencyContext value={currency}>{children}</CurrencyContext>;
}

/**
 * The pages of the co-op in the route (`:id`) show amounts in its rule set's currency. Until the settings arrive the
 * page renders in euro, the platform's default, rather than waiting; the settings query is the one the overview uses.
 */
export function CoopCurrency({ children }: { children: ReactNode }) {
  const { id = '' } = useParams();
  const settings = useQuery({ queryKey: ['mutuality-settings', id], queryFn: () => getSettings(id), enabled: id !== '', retry: false });
  return <InCurrency currency={settings.data?.currency ?? 'EUR'}>{children}</InCurrency>;
}
