// "Import my data from another platform": upload the ZIP another Cooperando instance gave the member, see what was
// imported (memberships, history, profile fields filled, conflicts kept) and the imports made so far, each removable.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../core/api.ts';
import { intlLocale, isLanguage } from '../core/i18n.ts';
import { ProblemAlert, QueryBoundary } from '../core/ui.tsx';

export interface ImportedMembership {
  id: string;
  originUrl: string;
  cooperativeName: string | null;
  cooperativeCodiceFiscale: string | null;
  registerNumber: number | null;
  memberTypes: string[];
  admittedOn: string | null;
  exitOn: string | null;
  sharesCount: number | null;
  subscribedCents: number | null;
  paidCents: number | null;
  hasCredential: boolean;
}
export interface DataImport {
  id: string;
  sourceUrl: string;
  sourceGeneratedAt: string;
  importedAt: string;
  profileFilled: string[];
  conflicts: { field: string; reason: 'different-value' | 'in-register'; current: string | null; imported: string | null }[];
  counts: { memberships: number; credentials: number; records: number; sections: Record<string, number>; skipped: { section: string; rows: number; reason: string }[] };
  memberships: ImportedMembership[];
}

const listImports = () => api<{ items: DataImport[] }>('/me/imported');
const uploadBundle = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<{ alreadyImported: boolean; import: DataImport }>('/me/data-import', { method: 'POST', form });
};
const removeImport = (id: string) => api<null>(`/me/imported/${encodeURIComponent(id)}`, { method: 'DELETE' });

function useDate(): (iso: string) => string {
  const { i18n } = useTranslation();
  const lang = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'it';
  const fmt = new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'short', timeZone: 'Europe/Rome' });
  return (iso) => fmt.format(new Date(iso));
}

function Outcome({ result }: { result: { alreadyImported: boolean; import: DataImport } }) {
  const { t } = useTranslation();
  const r = result.import;
  return (
    <div role="status" className="privacy-import-result">
      <p>
        {result.alreadyImported
          ? t('privacy.import.already', { source: r.sourceUrl })
          : t('privacy.import.done', { source: r.sourceUrl, memberships: r.counts.memberships, credentials: r.counts.credentials, records: r.counts.records })}
      </p>
      {r.profileFilled.length > 0 ? <p>{t('privacy.import.filled', { fields: r.profileFilled.join(', ') })}</p> : null}
      {r.conflicts.length > 0 ? (
        <>
          <p>{t('privacy.import.conflicts')}</p>
          <ul>
            {r.conflicts.map((c) => (
              <li key={c.field}>
                {c.reason === 'in-register'
                  ? t('privacy.import.inRegister', { field: c.field, imported: c.imported ?? '—' })
                  : t('privacy.import.conflict', { field: c.field, current: c.current ?? '—', imported: c.imported ?? '—' })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function ImportSection() {
  const { t } = useTranslation();
  const date = useDate();
  const queryClient = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const q = useQuery({ queryKey: ['me', 'imported'], queryFn: listImports });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['me', 'imported'] });
    void queryClient.invalidateQueries({ queryKey: ['me', 'access-log'] });
  };
  const upload = useMutation({ mutationFn: uploadBundle, onSuccess: refresh });
  const remove = useMutation({ mutationFn: removeImport, onSuccess: refresh });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) upload.mutate(file);
  };
  return (
    <section aria-labelledby="privacy-import" className="card">
      <h2 id="privacy-import">{t('privacy.import.title')}</h2>
      <p>{t('privacy.import.intro')}</p>
      <form onSubmit={submit} className="privacy-actions">
        <label htmlFor="privacy-import-file">{t('privacy.import.file')}</label>
        <input id="privacy-import-file" ref={fileRef} type="file" accept=".zip,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <button type="submit" className="btn btn-primary" disabled={!file || upload.isPending}>
          {upload.isPending ? t('privacy.import.uploading') : t('privacy.import.button')}
        </button>
      </form>
      <ProblemAlert error={upload.error} />
      {upload.data ? <Outcome result={upload.data} /> : null}
      <h3>{t('privacy.import.listTitle')}</h3>
      <QueryBoundary query={q}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('privacy.import.none')}</p>
          ) : (
            <ul className="privacy-imports">
              {data.items.map((i) => (
                <li key={i.id}>
                  <p>
                    <strong>{i.sourceUrl}</strong> · {t('privacy.import.when', { date: date(i.importedAt), generated: date(i.sourceGeneratedAt) })} ·{' '}
                    {t('privacy.import.counts', { memberships: i.counts.memberships, records: i.counts.records })}
                  </p>
                  {i.memberships.length > 0 ? (
                    <ul>
                      {i.memberships.map((m) => (
                        <li key={m.id}>
                          {m.cooperativeName ?? '—'}
                          {m.admittedOn ? ` · ${t('privacy.import.since', { date: date(m.admittedOn) })}` : ''}
                          {m.exitOn ? ` · ${t('privacy.import.until', { date: date(m.exitOn) })}` : ''}
                          {m.hasCredential ? ` · ${t('privacy.import.credential')}` : ''}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <button type="button" className="btn btn-secondary" disabled={remove.isPending} onClick={() => remove.mutate(i.id)} aria-label={t('privacy.import.removeFrom', { source: i.sourceUrl })}>
                    {t('privacy.import.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryBoundary>
      <ProblemAlert error={remove.error} />
    </section>
  );
}
