// Import of exchanges from payroll, till or delivery systems (CSV or XLSX, Italian spreadsheets as they come): a dry
// run first, whose report lists every rejected row (row, column, value, reason — translated by the server), then
// the commit of the valid rows. Importing the same file again changes nothing.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { NotAllowed, Pagination, ProblemAlert, TableRegion } from '../core/ui.tsx';
import { exchangeTemplateUrl, importExchanges, type ExchangeImportReport } from './api.ts';
import { boardPath, CoopFrame, Figures, useLang } from './components.tsx';

const ERRORS_PAGE = 100;
const ACCEPT = '.csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportExchangesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <CoopFrame coopId={id} section="import" title={t('mutuality.import.title')} intro={<p>{t('mutuality.import.intro')}</p>}>
      {({ manage }) => (manage ? <ImportExchanges coopId={id} /> : <NotAllowed />)}
    </CoopFrame>
  );
}

function ReportFigures({ report }: { report: ExchangeImportReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const items: [string, string][] = [
    [t('mutuality.import.totalRows'), f.number(report.totalRows)],
    [t('mutuality.import.validRows'), f.number(report.validRows)],
    [t('mutuality.import.rejectedRows'), f.number(report.rejectedRows)],
  ];
  if (report.mode === 'commit') items.push([t('mutuality.import.inserted'), f.number(report.inserted)], [t('mutuality.import.unchanged'), f.number(report.unchanged)]);
  items.push([t('mutuality.import.encoding'), report.encoding]);
  if (report.delimiter) items.push([t('mutuality.import.delimiter'), report.delimiter === '\t' ? t('mutuality.import.tab') : report.delimiter]);
  return <Figures items={items} small />;
}

function Issues({ report }: { report: ExchangeImportReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [report]);
  const pages = Math.max(1, Math.ceil(report.errors.length / ERRORS_PAGE));
  const shown = report.errors.slice((page - 1) * ERRORS_PAGE, page * ERRORS_PAGE);
  return (
    <>
      {report.warnings.length > 0 ? (
        <div className="alert alert-info">
          <p className="alert-title">{t('mutuality.import.warnings')}</p>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={`${w.code}-${i}`}>
                {w.column ? <span className="field-name">{w.column}: </span> : null}
                {w.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.errors.length === 0 ? (
        <p className="alert alert-success">{t('mutuality.import.noErrors')}</p>
      ) : (
        <>
          <h3>{t('mutuality.import.errorsTitle', { count: report.errors.length, n: f.number(report.errors.length) })}</h3>
          <TableRegion label={t('mutuality.import.errorsCaption')}>
            <table className="data-table errors-table">
              <caption className="visually-hidden">{t('mutuality.import.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('mutuality.import.row')}
                  </th>
                  <th scope="col">{t('mutuality.import.column')}</th>
                  <th scope="col">{t('mutuality.import.value')}</th>
                  <th scope="col">{t('mutuality.import.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e, i) => (
                  <tr key={`${e.row ?? ''}-${e.column ?? ''}-${i}`}>
                    <td className="num">{e.row ?? '—'}</td>
                    <td>{e.column ?? ''}</td>
                    <td className="mono value-cell">{e.value ?? ''}</td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {report.truncated ? <p className="hint">{t('mutuality.import.truncated')}</p> : null}
          <Pagination page={page} pageCount={pages} onPage={setPage} label={t('mutuality.import.errorsPaging')} />
        </>
      )}
    </>
  );
}

function ImportExchanges({ coopId }: { coopId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const dryRun = useMutation({ mutationFn: (file: File) => importExchanges(coopId, 'dry-run', file) });
  const commit = useMutation({
    mutationFn: (file: File) => importExchanges(coopId, 'commit', file),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['exchanges', coopId] });
      void queryClient.invalidateQueries({ queryKey: ['exchange-summary', coopId] });
    },
  });
  const report = dryRun.data;
  const result = commit.data;
  useEffect(() => {
    if (report) reportHeading.current?.focus();
  }, [report]);
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    let error = '';
    if (!file) error = t('mutuality.import.fileRequired');
    else if (!/\.(csv|xlsx|txt)$/i.test(file.name)) error = t('mutuality.import.fileType');
    setFileError(error);
    if (error || !file) return fileRef.current?.focus();
    commit.reset();
    dryRun.mutate(file);
  };

  return (
    <>
      <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="mut-import-form">
        <h2 id="mut-import-form">{t('mutuality.import.step1')}</h2>
        <div className="field">
          <label htmlFor="mut-import-file">{t('mutuality.import.file')}</label>
          <input
            ref={fileRef}
            id="mut-import-file"
            type="file"
            accept={ACCEPT}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              dryRun.reset();
              commit.reset();
            }}
            aria-invalid={fileError ? true : undefined}
            aria-describedby={`mut-import-hint${fileError ? ' mut-import-error' : ''}`}
          />
          <p id="mut-import-hint" className="hint">
            {t('mutuality.import.fileHint')}
          </p>
          {fileError ? (
            <p id="mut-import-error" className="field-error">
              {fileError}
            </p>
          ) : null}
        </div>
        <p className="templates">
          <a href={exchangeTemplateUrl(lang)} download>
            {t('mutuality.import.template')}
          </a>
        </p>
        <button type="submit" className="btn btn-primary" disabled={dryRun.isPending}>
          {dryRun.isPending ? t('mutuality.import.checking') : t('mutuality.import.check')}
        </button>
      </form>
      <div aria-live="polite" className="live-status">
        {dryRun.isPending ? <p role="status">{t('mutuality.import.checking')}</p> : null}
        {commit.isPending ? <p role="status">{t('mutuality.import.committing')}</p> : null}
      </div>
      {dryRun.error ? <ProblemAlert error={dryRun.error} /> : null}
      {report ? (
        <section aria-labelledby="mut-import-report" className="card report">
          <h2 id="mut-import-report" ref={reportHeading} tabIndex={-1}>
            {t('mutuality.import.reportTitle')}
          </h2>
          <p>{t('mutuality.import.reportSummary', { total: f.number(report.totalRows), valid: f.number(report.validRows), rejected: f.number(report.rejectedRows) })}</p>
          <ReportFigures report={report} />
          <Issues report={report} />
          {!result ? (
            <div className="commit">
              <h3>{t('mutuality.import.step2')}</h3>
              {report.validRows > 0 ? (
                <>
                  <p>{report.rejectedRows > 0 ? t('mutuality.import.commitPartial') : t('mutuality.import.commitAll')}</p>
                  <button type="button" className="btn btn-primary" disabled={commit.isPending || !file} onClick={() => file && commit.mutate(file)}>
                    {commit.isPending ? t('mutuality.import.committing') : t('mutuality.import.commit', { count: report.validRows, n: f.number(report.validRows) })}
                  </button>
                </>
              ) : (
                <p>{t('mutuality.import.nothingToCommit')}</p>
              )}
              {commit.error ? <ProblemAlert error={commit.error} /> : null}
            </div>
          ) : null}
        </section>
      ) : null}
      {result ? (
        <section aria-labelledby="mut-import-result" className="card report">
          <h2 id="mut-import-result" ref={resultHeading} tabIndex={-1}>
            {t('mutuality.import.resultTitle')}
          </h2>
          <p className={result.committed ? 'alert alert-success' : 'alert alert-error'}>
            {result.committed ? t('mutuality.import.committed', { inserted: f.number(result.inserted), unchanged: f.number(result.unchanged) }) : t('mutuality.import.notCommitted')}
          </p>
          <ReportFigures report={result} />
          <p>
            <Link to={boardPath(coopId, 'ledger')}>{t('mutuality.import.toLedger')}</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
