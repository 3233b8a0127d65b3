// "Fondare una cooperativa" / "Found a co-operative": public pages (no sign-in). The kinds of co-op with the
// registry's figures, and the guided self-assessment whose answer names each legal rule with its article.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { isLanguage, type Language } from '../core/i18n.ts';
import { PageHeading, ProblemAlert, QueryBoundary, fieldErrors } from '../core/ui.tsx';
import { ACTIVITIES, MEMBER_GROUPS, getKinds, postAssessment, type Activity, type Answers, type Assessment, type KindFigures, type MemberGroup, type Status, type Texts } from './api.ts';
import './incubator.css';

export const FOUND_PATH = '/fondare-una-cooperativa';
export const ASSESS_PATH = '/fondare-una-cooperativa/autovalutazione';

function useLang(): Language {
  const { i18n } = useTranslation();
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'it';
}

/** A server text in the UI language. */
function T({ texts }: { texts: Texts }) {
  return <>{texts[useLang()]}</>;
}

export function FoundPage() {
  const { t } = useTranslation();
  const kinds = useQuery({ queryKey: ['incubator-kinds'], queryFn: getKinds });
  return (
    <>
      <PageHeading title={t('incubator.found.title')}>{t('incubator.found.title')}</PageHeading>
      <p className="lead">{t('incubator.found.intro')}</p>
      <p>
        <Link className="btn btn-primary" to={ASSESS_PATH}>
          {t('incubator.found.takeAssessment')}
        </Link>
      </p>
      <h2>{t('incubator.found.kindsTitle')}</h2>
      <p className="hint">{t('incubator.found.figuresHint')}</p>
      <QueryBoundary query={kinds}>
        {(data) => (
          <ul className="inc-kinds">
            {data.items.map((k) => (
              <li key={k.kind}>
                <KindCard k={k} />
              </li>
            ))}
          </ul>
        )}
      </QueryBoundary>
    </>
  );
}

function KindCard({ k }: { k: KindFigures }) {
  const { t } = useTranslation();
  const lang = useLang();
  const n = (x: number) => new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB').format(x);
  const headingId = `inc-kind-${k.kind}`;
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        <T texts={k.name} />
      </h3>
      <p>
        <T texts={k.explanation} />
      </p>
      <dl className="stats small">
        <div className="stat">
          <dt>{t('incubator.found.active')}</dt>
          <dd>
            <span className="stat-value">{k.activeCooperatives === null ? t('incubator.found.notInRegistry') : n(k.activeCooperatives)}</span>
          </dd>
        </div>
        <div className="stat">
          <dt>{t('incubator.found.born')}</dt>
          <dd>
            <span className="stat-value">{n(k.bornThroughIncubator)}</span>
          </dd>
        </div>
      </dl>
      {k.byProvince.length > 0 ? (
        <>
          <p className="hint">{t('incubator.found.byProvince')}</p>
          <ul className="inc-provinces">
            {k.byProvince.map((p) => (
              <li key={p.province ?? '-'}>
                {p.province ?? t('incubator.found.provinceUnknown')}: {n(p.count)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </article>
  );
}

// ---------- the self-assessment ----------

interface Draft {
  members: MemberGroup[];
  founders: string;
  legalPersonFounders: string;
  activity: Activity;
  workersBuyout: boolean;
  plannedWorkers: string;
  disadvantagedWorkers: string;
  expectedAssets: string;
  share: string;
  capitalPerFounder: string;
}

const EMPTY: Draft = {
  members: [],
  founders: '',
  legalPersonFounders: '0',
  activity: 'other',
  workersBuyout: false,
  plannedWorkers: '',
  disadvantagedWorkers: '',
  expectedAssets: '',
  share: '',
  capitalPerFounder: '',
};

/** A whole number typed by a person ("1.000" or "1 000" as thousands); null when it is not one. */
function wholeNumber(s: string): number | null {
  const clean = s.trim().replace(/[\s.’']/g, '');
  if (!/^\d{1,13}$/.test(clean)) return null;
  return Number(clean);
}

function Field({ id, label, hint, error, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string | undefined; children: (aria: Record<string, string | boolean>) => ReactNode }) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function AssessmentPage() {
  const { t } = useTranslation();
  const uid = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({ mutationFn: postAssessment });
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const server = fieldErrors(mutation.error);
  const err = (name: string) => errors[name] ?? server[name];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const answers: Answers = { members: draft.members, founders: 0, activity: draft.activity, workersBuyout: draft.workersBuyout };
    if (draft.members.length === 0) errs.members = t('incubator.form.membersRequired');
    const founders = wholeNumber(draft.founders);
    if (founders === null || founders < 1) errs.founders = t('incubator.form.wholeNumberPositive');
    else answers.founders = founders;
    const optional: [keyof Draft, keyof Answers, number][] = [
      ['legalPersonFounders', 'legalPersonFounders', 1],
      ['plannedWorkers', 'plannedWorkers', 1],
      ['disadvantagedWorkers', 'disadvantagedWorkers', 1],
      ['expectedAssets', 'expectedAssetsCents', 100],
      ['share', 'shareCents', 100],
      ['capitalPerFounder', 'capitalPerFounderCents', 100],
    ];
    for (const [field, key, scale] of optional) {
      const raw = String(draft[field]);
      if (raw.trim() === '') continue;
      // The type B figures only matter for work integration.
      if ((field === 'plannedWorkers' || field === 'disadvantagedWorkers') && draft.activity !== 'work_integration') continue;
      const v = wholeNumber(raw);
      if (v === null) errs[key] = t('incubator.form.wholeNumber');
      else (answers as unknown as Record<string, number>)[key] = v * scale; // the optional numeric answers, by name
    }
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) {
      document.getElementById(`${uid}-${first}`)?.focus();
      return;
    }
    mutation.mutate(answers);
  };

  const toggleMember = (g: MemberGroup, on: boolean) => set({ members: on ? [...draft.members, g] : draft.members.filter((m) => m !== g) });
  const number = (name: keyof Draft, key: string, label: string, hint?: string) => (
    <Field id={`${uid}-${key}`} label={label} hint={hint} error={err(key)}>
      {(a) => <input {...a} inputMode="numeric" autoComplete="off" value={String(draft[name])} onChange={(e) => set({ [name]: e.target.value } as Partial<Draft>)} />}
    </Field>
  );

  return (
    <>
      <PageHeading title={t('incubator.assess.title')}>{t('incubator.assess.title')}</PageHeading>
      <p className="lead">{t('incubator.assess.intro')}</p>
      <p>
        <Link to={FOUND_PATH}>{t('incubator.assess.backToKinds')}</Link>
      </p>
      <form className="card form" onSubmit={onSubmit} noValidate aria-labelledby={`${uid}-form-title`}>
        <h2 id={`${uid}-form-title`}>{t('incubator.form.title')}</h2>
        <fieldset aria-describedby={err('members') ? `${uid}-members-error` : undefined}>
          <legend>{t('incubator.form.members')}</legend>
          <div className="inc-checkboxes" id={`${uid}-members`} tabIndex={-1}>
            {MEMBER_GROUPS.map((g) => (
              <label key={g}>
                <input type="checkbox" checked={draft.members.includes(g)} onChange={(e) => toggleMember(g, e.target.checked)} />
                {t(`incubator.memberGroup.${g}`)}
              </label>
            ))}
          </div>
          {err('members') ? (
            <p id={`${uid}-members-error`} className="field-error">
              {err('members')}
            </p>
          ) : null}
        </fieldset>
        <div className="inc-grid">
          {number('founders', 'founders', t('incubator.form.founders'))}
          {number('legalPersonFounders', 'legalPersonFounders', t('incubator.form.legalPersonFounders'), t('incubator.form.legalPersonFoundersHint'))}
        </div>
        <Field id={`${uid}-activity`} label={t('incubator.form.activity')} error={err('activity')}>
          {(a) => (
            <select {...a} value={draft.activity} onChange={(e) => set({ activity: e.target.value as Activity })}>
              {ACTIVITIES.map((x) => (
                <option key={x} value={x}>
                  {t(`incubator.activity.${x}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.activity === 'work_integration' ? (
          <div className="inc-grid">
            {number('plannedWorkers', 'plannedWorkers', t('incubator.form.plannedWorkers'))}
            {number('disadvantagedWorkers', 'disadvantagedWorkers', t('incubator.form.disadvantagedWorkers'), t('incubator.form.disadvantagedHint'))}
          </div>
        ) : null}
        <div className="field">
          <label>
            <input type="checkbox" checked={draft.workersBuyout} onChange={(e) => set({ workersBuyout: e.target.checked })} /> {t('incubator.form.workersBuyout')}
          </label>
        </div>
        <details>
          <summary>{t('incubator.form.moreTitle')}</summary>
          <div className="inc-grid">
            {number('expectedAssets', 'expectedAssetsCents', t('incubator.form.expectedAssets'))}
            {number('share', 'shareCents', t('incubator.form.share'))}
            {number('capitalPerFounder', 'capitalPerFounderCents', t('incubator.form.capitalPerFounder'))}
          </div>
        </details>
        <p>
          <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
            {t('incubator.form.submit')}
          </button>
        </p>
      </form>
      {mutation.error ? <ProblemAlert error={mutation.error} /> : null}
      {mutation.data ? <Result r={mutation.data} /> : null}
    </>
  );
}

function StatusWord({ status }: { status: Status }) {
  const { t } = useTranslation();
  return <span className="inc-status">{t(`incubator.status.${status}`)}</span>;
}

function Result({ r }: { r: Assessment }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="inc-result-title" aria-live="polite">
      <h2 id="inc-result-title">{t('incubator.result.title')}</h2>
      <p className="lead">
        <T texts={r.summary} />
      </p>
      <p>
        <strong>{t('incubator.result.legalModel')}:</strong> <T texts={r.legalModel.text} />
      </p>
      {r.recommendations.map((rec) => (
        <section key={rec.kind} aria-labelledby={`inc-rec-${rec.kind}`}>
          <h3 id={`inc-rec-${rec.kind}`}>
            <T texts={rec.name} /> {rec.primary ? <span className="badge">{t('incubator.result.recommended')}</span> : null}
          </h3>
          <p>
            <T texts={rec.why} />
          </p>
          <p>{rec.eligible ? t('incubator.result.eligible') : t('incubator.result.notEligible')}</p>
          <h4>{t('incubator.result.checks')}</h4>
          <ul className="inc-checks">
            {rec.checks.map((c) => (
              <li key={c.rule} className={`inc-${c.status}`}>
                <StatusWord status={c.status} />
                <T texts={c.text} />
                <cite className="inc-article">
                  <T texts={c.article} />
                </cite>
              </li>
            ))}
          </ul>
          {rec.warnings.length > 0 ? (
            <>
              <h4>{t('incubator.result.warnings')}</h4>
              <ul>
                {rec.warnings.map((w) => (
                  <li key={w.code}>
                    <T texts={w.text} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {rec.nextSteps.length > 0 ? (
            <>
              <h4>{t('incubator.result.kindSteps')}</h4>
              <ul>
                {rec.nextSteps.map((s, i) => (
                  <li key={i}>
                    <T texts={s} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ))}
      {r.warnings.length > 0 ? (
        <>
          <h3>{t('incubator.result.warnings')}</h3>
          <ul>
            {r.warnings.map((w) => (
              <li key={w.code}>
                <T texts={w.text} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('incubator.result.nextSteps')}</h3>
      <ol>
        {r.nextSteps.map((s, i) => (
          <li key={i}>
            <T texts={s} />
          </li>
        ))}
      </ol>
      <p className="hint">{t('incubator.result.disclaimer')}</p>
    </section>
  );
}
