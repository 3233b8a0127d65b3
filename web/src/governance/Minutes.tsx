// The minutes (verbale): the PDF sealed when the assembly closed, its published SHA-256, and a check of any copy —
// the file's hash is computed in the browser (the file never leaves the device) and looked up on the platform,
// which answers for a hash it published. The check is also a public page, for anyone holding a copy.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from '@tanstack/react-query';
import { PageHeading, ProblemAlert } from '../core/ui.tsx';
import { minutesUrl, verifyMinutes, type AssemblyDetail, type MinutesCheck } from './api.ts';
import { sha256Hex } from './sha256.ts';
import { useDateTime } from './util.ts';
import './governance.css';

function VerifyForm({ expected, level = 3 }: { expected?: string; level?: 2 | 3 }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [hash, setHash] = useState('');
  const [computed, setComputed] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const check = useMutation({
    mutationFn: async (): Promise<MinutesCheck & { sha256: string }> => {
      let sha = hash.trim().toLowerCase();
      if (file) {
        sha = await sha256Hex(await file.arrayBuffer());
        setComputed(sha);
      }
      return { ...(await verifyMinutes(sha)), sha256: sha };
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setComputed(null);
    if (!file && !/^[0-9a-fA-F]{64}$/.test(hash.trim())) {
      setFormError(t('governance.minutes.needFileOrHash'));
      return;
    }
    setFormError(null);
    check.mutate();
  };
  const r = check.data;
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <H id={`${id}-h`}>{t('governance.minutes.verifyTitle')}</H>
      <p className="muted">{t('governance.minutes.verifyIntro')}</p>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('governance.minutes.file')}</label>
        <input id={`${id}-file`} type="file" accept="application/pdf,.pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-hash`}>{t('governance.minutes.hash')}</label>
        <input
          id={`${id}-hash`}
          className="mono"
          value={hash}
          onChange={(e) => setHash(e.target.value)}
          spellCheck={false}
          autoCapitalize="none"
          autoComplete="off"
          aria-describedby={`${id}-hash-hint${formError ? ` ${id}-err` : ''}`}
          aria-invalid={formError ? true : undefined}
        />
        <p className="hint" id={`${id}-hash-hint`}>
          {t('governance.minutes.hashHint')}
        </p>
        {formError ? (
          <p className="field-error" id={`${id}-err`}>
            {formError}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn btn-secondary" disabled={check.isPending}>
        {t('governance.minutes.verify')}
      </button>
      <div aria-live="polite" aria-atomic="true" className="gov-verify-result">
        {computed ? (
          <p className="muted">
            {t('governance.minutes.computed')} <span className="mono gov-hash">{computed}</span>
          </p>
        ) : null}
        {r ? (
          r.valid ? (
            <div className="alert alert-success">
              <p className="alert-title">{t('governance.minutes.valid')}</p>
              <p>{t('governance.minutes.validDetail', { title: r.title ?? '', coop: r.cooperativeName ?? '', at: dt(r.generatedAt) })}</p>
              {expected && expected !== r.sha256 ? <p>{t('governance.minutes.otherAssembly')}</p> : null}
            </div>
          ) : (
            <div className="alert alert-error">
              <p className="alert-title">{t('governance.minutes.invalid')}</p>
              <p>{t('governance.minutes.invalidDetail')}</p>
            </div>
          )
        ) : null}
      </div>
      {check.error ? <ProblemAlert error={check.error} /> : null}
    </form>
  );
}

export function MinutesCard({ assembly }: { assembly: AssemblyDetail }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const m = assembly.minutes;
  if (!m) return null;
  return (
    <section className="card" aria-labelledby="gov-minutes">
      <h2 id="gov-minutes">{t('governance.minutes.title')}</h2>
      <p>{t('governance.minutes.generated', { at: dt(m.generatedAt) })}</p>
      <p>
        <a className="btn btn-primary" href={minutesUrl(assembly.id)} download>
          {t('governance.minutes.download')}
        </a>
      </p>
      <p>
        {t('governance.minutes.published')} <span className="mono gov-hash" data-testid="minutes-sha">{m.sha256}</span>
      </p>
      <VerifyForm expected={m.sha256} />
    </section>
  );
}

/** Public page: anyone with a copy of minutes checks it against the hash the platform published. */
export function VerifyMinutesPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeading title={t('governance.minutes.verifyPageTitle')}>{t('governance.minutes.verifyPageTitle')}</PageHeading>
      <p className="lead">{t('governance.minutes.verifyPageIntro')}</p>
      <div className="card">
        <VerifyForm level={2} />
      </div>
    </div>
  );
}
