// A member's ristorno statement as the co-op's board sees it (from the run's allocation table), with its PDF.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { QueryBoundary } from '../core/ui.tsx';
import { getStatement, statementPdfUrl } from './api.ts';
import { CoopFrame, useLang } from './components.tsx';
import { runPath } from './RunsPage.tsx';
import { StatementView } from './Statement.tsx';

export function BoardStatementPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '', runId = '', membershipId = '' } = useParams();
  const q = useQuery({ queryKey: ['statement', runId, membershipId], queryFn: () => getStatement(runId, membershipId) });
  const title = q.data ? t('mutuality.statement.boardTitle', { year: q.data.year, name: q.data.member.name }) : t('mutuality.runs.title');
  return (
    <CoopFrame coopId={id} section="ristorni" title={title}>
      {() => (
        <>
          <p>
            <Link to={runPath(id, runId)}>{t('mutuality.statement.backToRun')}</Link>
          </p>
          <QueryBoundary query={q}>{(s) => <StatementView s={s} own={false} pdfHref={statementPdfUrl(runId, membershipId, lang)} />}</QueryBoundary>
        </>
      )}
    </CoopFrame>
  );
}
