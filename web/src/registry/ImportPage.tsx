// Import of members (into one co-op) or co-operatives from CSV/XLSX: a dry run first, whose report lists every
// rejected cell (row, column, value, reason — translated by the server), then the commit of the valid rows.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../core/format.ts';
import { currentLanguage } from '../core/i18n.ts';
import { canSeeOrganisations } from '../core/nav.ts';
import { useUrlState } from '../core/search-params.ts';
import { useAccount } from '../core/session.ts';
import { PageHeading, Pagination, ProblemAlert, TableRegion, useDebounced } from '../core/ui.tsx';
import { getCooperative, importTemplateUrl, listCooperatives, runImport, type ImportProgress, type ImportKind, type ImportReport } from './api.ts';

const ERRORS_PAGE = 100;
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function ReportSummary({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const rows: [string, string][] = [
    [t('import.totalRows'), f.number(report.totalRows)],
    [t('import.validRows'), f.number(report.validRows)],
    [t('import.rejectedRows'), f.number(report.rejectedRows)],
  ];
  if (report.mode === 'commit') {
    rows.push([t('import.inserted'), f.number(report.inserted)], [t('import.updated'), f.number(report.updated)], [t('import.unchanged'), f.number(report.unchanged)]);
  }
  rows.push([t('import.encoding'), report.encoding]);
  if (report.delimiter) rows.push([t('import.delimiter'), report.delimiter === '\t' ? t('import.tab') : report.delimiter]);
  return (
    <dl className="stats small">
      {rows.map(([k, v]) => (
        <div className="stat" key={k}>
          <dt>{k}</dt>
          <dd>
            <span className="stat-value">{v}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ErrorsTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [report]);
  const pages = Math.max(1, Math.ceil(report.errors.length / ERRORS_PAGE));
  const shown = report.errors.slice((page - 1) * ERRORS_PAGE, page * ERRORS_PAGE);
  if (report.errors.length === 0) return <p className="alert alert-success">{t('import.noErrors')}</p>;
  return (
    <>
      <h3>{t('import.errorsTitle', { count: report.errors.length, n: f.number(report.errors.length) })}</h3>
      <TableRegion label={t('import.errorsTitle', { count: report.errors.length, n: f.number(report.errors.length) })}>
        <table className="data-table errors-table">
          <caption className="visually-hidden">{t('import.errorsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('import.row')}
              </th>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.value')}</th>
              <th scope="col">{t('import.reason')}</th>
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
      {report.truncated ? <p className="hint">{t('import.truncated', { n: f.number(report.errors.length) })}</p> : null}
      <Pagination page={page} pageCount={pages} onPage={setPage} label={t('import.errorsPaging')} />
    </>
  );
}

function Warnings({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return null;
  return (
    <div className="alert alert-info">
      <p className="alert-title">{t('import.warnings')}</p>
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.code}-${i}`}>
            {w.column ? <span className="field-name">{w.column}: </span> : null}
            {w.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CooperativePicker({ value, onChange, invalid }: { value: string; onChange: (id: string) => void; invalid?: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const dq = useDebounced(q.trim(), 300);
  const list = useQuery({ queryKey: ['cooperatives', 'picker', dq], queryFn: () => listCooperatives({ q: dq }, 1, 100) });
  const items = list.data?.items ?? [];
  const missing = Boolean(value) && list.isSuccess && !items.some((c) => c.id === value);
  const selected = useQuery({ queryKey: ['cooperative', value], queryFn: () => getCooperative(value), enabled: missing });
  const showSearch = Boolean(dq) || (list.data ? list.data.total > list.data.items.length : false);
  // A single co-op (a co-op's own admin): choose it, once. (The URL update is a transition, so `value` may lag
  // behind for a few renders: the ref keeps this from firing again meanwhile.)
  const autoPicked = useRef(false);
  useEffect(() => {
    if (autoPicked.current || value || dq) return;
    const only = list.data?.total === 1 ? list.data.items[0] : undefined;
    if (only) {
      autoPicked.current = true;
      onChange(only.id);
    }
  }, [list.data, value, dq, onChange]);
  return (
    <>
      {showSearch ? (
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('import.coopSearch')}</label>
          <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="import-coop">{t('import.cooperative')}</label>
        <select
          id="import-coop"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? 'import-coop-error' : undefined}
        >
          <option value="">{list.isPending ? t('common.loading') : t('import.chooseCooperative')}</option>
          {missing && selected.data ? <option value={selected.data.id}>{selected.data.name}</option> : null}
          {items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.province ? ` (${c.province})` : ''}
            </option>
          ))}
        </select>
        {invalid ? (
          <p id="import-coop-error" className="field-error">
            {invalid}
          </p>
        ) : null}
        {list.error ? <ProblemAlert error={list.error} /> : null}
      </div>
    </>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const account = useAccount();
  const queryClient = useQueryClient();
  const mayImportCoops = canSeeOrganisations(account);
  const [state, setState] = useUrlState({ tipo: 'members', cooperativa: '' });
  const kind: ImportKind = state.tipo === 'cooperatives' && mayImportCoops ? 'cooperatives' : 'members';
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ file?: string; coop?: string }>({});
  const fileRef = useRef<HTMLInputElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const lang = currentLanguage();

  const input = useMemo(() => ({ kind, cooperativeId: state.cooperativa }), [kind, state.cooperativa]);
  // Both steps run as background jobs on the server: progress is the share of the file read so far.
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const running = useRef<AbortController | null>(null);
  const runJob = (mode: 'dry-run' | 'commit', file: File) => {
    const abort = new AbortController();
    running.current = abort;
    setProgress(null);
    return runImport({ ...input, mode, file }, setProgress, abort.signal).finally(() => {
      if (running.current === abort) running.current = null;
    });
  };
  useEffect(() => () => running.current?.abort(), []);
  const dryRun = useMutation({
    mutationFn: (file: File) => runJob('dry-run', file),
  });
  const commit = useMutation({
    mutationFn: (file: File) => runJob('commit', file),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['members'] });
      void queryClient.invalidateQueries({ queryKey: ['cooperatives'] });
      void queryClient.invalidateQueries({ queryKey: ['rollup'] });
      void queryClient.invalidateQueries({ queryKey: ['rollup-series'] });
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const { reset: resetDryRun } = dryRun;
  const { reset: resetCommit } = commit;
  const reset = useCallback(() => {
    resetDryRun();
    resetCommit();
  }, [resetDryRun, resetCommit]);
  const chooseCooperative = useCallback(
    (id: string) => {
      setState({ cooperativa: id }, { replace: true });
      reset();
    },
    [setState, reset],
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: { file?: string; coop?: string } = {};
    if (kind === 'members' && !state.cooperativa) errs.coop = t('import.coopRequired');
    if (!file) errs.file = t('import.fileRequired');
    else if (!/\.(csv|xlsx|txt)$/i.test(file.name)) errs.file = t('import.fileType');
    setErrors(errs);
    if (errs.coop) return document.getElementById('import-coop')?.focus();
    if (errs.file || !file) return fileRef.current?.focus();
    commit.reset();
    dryRun.mutate(file);
  };

  const report = dryRun.data;
  const result = commit.data;
  // Focus follows the outcome: the report once it is there, then the result (the commit button goes away).
  useEffect(() => {
    if (report) reportHeading.current?.focus();
  }, [report]);
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);
  return (
    <>
      <PageHeading title={t('import.title')}>{t('import.title')}</PageHeading>
      <p className="lead">{t('import.intro')}</p>
      <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby="import-form-title">
        <h2 id="import-form-title">{t('import.step1')}</h2>
        <fieldset className="radio-group">
          <legend>{t('import.kind')}</legend>
          <label>
            <input
              type="radio"
              name="kind"
              value="members"
              checked={kind === 'members'}
              onChange={() => {
                setState({ tipo: 'members' }, { replace: true });
                reset();
              }}
            />{' '}
            {t('import.kindMembers')}
          </label>
          {mayImportCoops ? (
            <label>
              <input
                type="radio"
                name="kind"
                value="cooperatives"
                checked={kind === 'cooperatives'}
                onChange={() => {
                  setState({ tipo: 'cooperatives' }, { replace: true });
                  reset();
                }}
              />{' '}
              {t('import.kindCooperatives')}
            </label>
          ) : null}
        </fieldset>
        {kind === 'members' ? (
          <CooperativePicker value={state.cooperativa} onChange={chooseCooperative} invalid={errors.coop} />
        ) : null}
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input
            ref={fileRef}
            id="import-file"
            name="file"
            type="file"
            accept={ACCEPT}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={`import-file-hint${errors.file ? ' import-file-error' : ''}`}
          />
          <p id="import-file-hint" className="hint">
            {t('import.fileHint')}
          </p>
          {errors.file ? (
            <p id="import-file-error" className="field-error">
              {errors.file}
            </p>
          ) : null}
        </div>
        <p className="templates">
          {t('import.templates')}{' '}
          <a href={importTemplateUrl(kind, 'csv', lang)} download>
            {t('import.templateCsv')}
          </a>{' '}
          ·{' '}
          <a href={importTemplateUrl(kind, 'xlsx', lang)} download>
            {t('import.templateXlsx')}
          </a>
        </p>
        <button type="submit" className="btn btn-primary" disabled={dryRun.isPending}>
          {dryRun.isPending ? t('import.checking') : t('import.check')}
        </button>
      </form>

      <div aria-live="polite" className="live-status">
        {dryRun.isPending ? <p role="status">{t('import.checking')}</p> : null}
        {commit.isPending ? <p role="status">{t('import.committing')}</p> : null}
      </div>
      {(dryRun.isPending || commit.isPending) && progress ? (
        <div className="card import-progress">
          <label htmlFor="import-progress">{t('import.job.progress', { percent: f.number(Math.floor((100 * progress.done) / progress.total)) })}</label>
          <progress id="import-progress" max={progress.total} value={progress.done} />
          <button type="button" className="btn" onClick={() => running.current?.abort()}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      {dryRun.error ? <ProblemAlert error={dryRun.error} /> : null}

      {report ? (
        <section aria-labelledby="import-report" className="card report">
          <h2 id="import-report" ref={reportHeading} tabIndex={-1}>
            {t('import.reportTitle')}
          </h2>
          <p>
            {t('import.reportSummary', {
              total: f.number(report.totalRows),
              valid: f.number(report.validRows),
              rejected: f.number(report.rejectedRows),
            })}
          </p>
          <ReportSummary report={report} />
          <Warnings report={report} />
          <ErrorsTable report={report} />
          {!result ? (
            <div className="commit">
              <h3>{t('import.step2')}</h3>
              {report.validRows > 0 ? (
                <>
                  <p>{report.rejectedRows > 0 ? t('import.commitPartial') : t('import.commitAll')}</p>
                  <button type="button" className="btn btn-primary" disabled={commit.isPending || !file} onClick={() => file && commit.mutate(file)}>
                    {commit.isPending ? t('import.committing') : t('import.commit', { count: report.validRows, n: f.number(report.validRows) })}
                  </button>
                </>
              ) : (
                <p>{t('import.nothingToCommit')}</p>
              )}
              {commit.error ? <ProblemAlert error={commit.error} /> : null}
            </div>
          ) : null}
        </section>
      ) : null}

      {result ? (
        <section aria-labelledby="import-result" className="card report">
          <h2 id="import-result" ref={resultHeading} tabIndex={-1}>
            {t('import.resultTitle')}
          </h2>
          <p className={result.committed ? 'alert alert-success' : 'alert alert-error'}>
            {result.committed
              ? t('import.committed', { inserted: f.number(result.inserted), updated: f.number(result.updated), unchanged: f.number(result.unchanged) })
              : t('import.notCommitted')}
          </p>
          <ReportSummary report={result} />
          {result.errors.length > 0 ? <ErrorsTable report={result} /> : null}
        </section>
      ) : null}
    </>
  );
}
