// «Amministrazione» (platform admins): the way to registered applications and keys, and the mail outbox.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../core/ui.tsx';

export function AdminPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('identity.admin.title')}>{t('identity.admin.title')}</PageHeading>
      <ul className="link-list">
        <li>
          <Link to="/amministrazione/applicazioni">{t('identity.clients.title')}</Link> — {t('identity.admin.clientsHint')}
        </li>
        <li>
          <Link to="/amministrazione/posta">{t('identity.outbox.title')}</Link> — {t('identity.admin.outboxHint')}
        </li>
      </ul>
    </>
  );
}
