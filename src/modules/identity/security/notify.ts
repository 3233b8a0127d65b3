// Security notices by mail (password changed, passkey added or removed, recovery codes …), in the account's language.
import type { Db } from '../../../core/db.ts';
import type { Locale } from '../../../core/i18n.ts';
import type { Mailer } from '../mail/mailer.ts';

export type SecurityEvent =
  | 'password-changed'
  | 'password-reset'
  | 'passkey-added'
  | 'passkey-removed'
  | 'recovery-codes'
  | 'recovery-code-used'
  | 'account-locked';

export interface NoticeRecipient {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
}

/** Queues the notice in `tx`; the caller kicks the mailer after commit. */
export async function securityNotice(tx: Pick<Db, 'execute'>, mailer: Mailer, publicUrl: string, to: NoticeRecipient, event: SecurityEvent, now: Date): Promise<void> {
  const when = now.toLocaleString(to.locale === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' });
  await mailer.enqueue(tx, {
    to: to.email,
    template: 'security-notice',
    locale: to.locale,
    accountId: to.id,
    params: { name: to.displayName, event, when, url: `${publicUrl.replace(/\/+$/, '')}/sicurezza` },
  });
}
