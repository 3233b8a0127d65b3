// The signed-in account, kept in the query cache under ['session'] (null when signed out).
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, setCsrfToken } from './api.ts';
import { setLanguage, storedLanguage } from './i18n.ts';
import { getSession, updateAccount, type AccountView, type Session } from '../identity/api.ts';

export const SESSION_KEY = ['session'] as const;

/**
 * Reconciles the UI language with the account's preference: a choice made on this device wins (and is saved
 * to the account); otherwise the account's language is adopted.
 */
export function adoptAccountLanguage(queryClient: QueryClient, account: AccountView): void {
  const chosen = storedLanguage();
  if (!chosen) {
    void setLanguage(account.locale);
  } else if (chosen !== account.locale) {
    updateAccount({ locale: chosen })
      .then((updated) => updateSessionAccount(queryClient, updated))
      .catch(() => {});
  }
}

export function updateSessionAccount(queryClient: QueryClient, account: AccountView): void {
  queryClient.setQueryData<Session | null>(SESSION_KEY, (s) => (s ? { ...s, account } : s));
}

export function storeSession(queryClient: QueryClient, session: Session | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  queryClient.setQueryData(SESSION_KEY, session);
}

const SESSION_END_KEY = ['session-end'] as const;
/** Why the last session ended, shown once on the sign-in page. */
export type SessionEnd = 'signed-out' | 'expired';

/** Forgets everything cached for the previous user. */
export function clearUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] && q.queryKey[0] !== SESSION_END_KEY[0] });
}

/** Ends the session in this tab (after sign-out, or when the API answers 401) and remembers why. */
export function endSession(queryClient: QueryClient, reason: SessionEnd): void {
  const had = Boolean(queryClient.getQueryData(SESSION_KEY));
  if (had || reason === 'signed-out') queryClient.setQueryData(SESSION_END_KEY, reason);
  storeSession(queryClient, null);
  clearUserData(queryClient);
}

export function sessionEndReason(queryClient: QueryClient): SessionEnd | null {
  return queryClient.getQueryData<SessionEnd>(SESSION_END_KEY) ?? null;
}

export function forgetSessionEnd(queryClient: QueryClient): void {
  queryClient.removeQueries({ queryKey: SESSION_END_KEY });
}

export function useSessionQuery() {
  const queryClient = useQueryClient();
  return useQuery<Session | null>({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      try {
        const session = await getSession();
        setCsrfToken(session.csrfToken);
        adoptAccountLanguage(queryClient, session.account);
        return session;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

/** The signed-in account (only inside routes guarded by RequireAuth). */
export function useAccount(): AccountView {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useAccount outside an authenticated route');
  return data.account;
}
