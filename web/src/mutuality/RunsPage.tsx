// The co-op's ristorni, one run per year: the list with each run's state, and the form that starts a year's run.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { QueryBoundary, TableRegion } from '../core/ui.tsx';
import { createRun, listRuns } from './api.ts';
import { boardPath, CoopFrame, RunStatusBadge } from './components.tsx';
import { RunInputsForm } from './RunInputsForm.tsx';

export const runPath = (coopId: string, runId: string): string => `${boardPath(coopId, 'ristorni')}/${encodeURIComponent(runId)}`;

export function RunsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <CoopFrame coopId={id} section="ristorni" title={t('mutuality.runs.title')} intro={<p>{t('mutuality.runs.intro')}</p>}>
      {({ manage }) => <Runs coopId={id} manage={manage} />}
    </CoopFrame>
  );
}

function Runs({ coopId, manage }: { coopId: string; manage: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const runs = useQuery({ queryKey: ['runs', coopId], queryFn: () => listRuns(coopId) });
  const [creating, setCreating] = useState(false);
  const create = useMutation({
    mutationFn: (body: Parameters<typeof createRun>[1]) => createRun(coopId, body),
    onSuccess: (run) => {
      queryClient.setQueryData(['run', run.id], run);
      void queryClient.invalidateQueries({ queryKey: ['runs', coopId] });
      navigate(runPath(coopId, run.id));
    },
  });
  return (
    <>
      <section className="card" aria-labelledby="runs-list">
        <h2 id="runs-list">{t('mutuality.runs.listTitle')}</h2>
        <QueryBoundary query={runs}>
          {(r) =>
            r.items.length === 0 ? (
              <p className="empty">{t('mutuality.runs.empty')}</p>
            ) : (
              <TableRegion label={t('mutuality.runs.listTitle')}>
                <table className="data-table">
                  <caption className="visually-hidden">{t('mutuality.runs.listTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('mutuality.common.year')}</th>
                      <th scope="col">{t('mutuality.runs.status')}</th>
                      <th scope="col" className="num">
                        {t('mutuality.runs.pool')}
                      </th>
                      <th scope="col" className="num">
                        {t('mutuality.runs.members')}
                      </th>
                      <th scope="col">{t('mutuality.runs.paidOn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.items.map((run) => (
                      <tr key={run.id}>
                        <th scope="row">
                          <Link to={runPath(coopId, run.id)}>{t('mutuality.runs.open', { year: run.year })}</Link>
                        </th>
                        <td>
                          <RunStatusBadge status={run.status} />
                        </td>
                        <td className="num">{run.poolCents === null ? '—' : f.money(run.poolCents)}</td>
                        <td className="num">{run.members === null ? '—' : f.number(run.members)}</td>
                        <td>{f.date(run.paidOn)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            )
          }
        </QueryBoundary>
      </section>
      {manage ? (
        creating ? (
          <RunInputsForm
            coopId={coopId}
            title={t('mutuality.runs.newTitle')}
            submitLabel={t('mutuality.runs.create')}
            pending={create.isPending}
            error={create.error}
            onSubmit={(body) => create.mutate(body)}
            onCancel={() => setCreating(false)}
          />
        ) : (
          <p className="mut-actions">
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              {t('mutuality.runs.start')}
            </button>
          </p>
        )
      ) : null}
    </>
  );
}
