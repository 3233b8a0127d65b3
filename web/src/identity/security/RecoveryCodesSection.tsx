// Recovery codes: how many are left, and a new set — shown once, to print or save.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFormat } from '../../core/format.ts';
import { ProblemAlert } from '../../core/ui.tsx';
import { newRecoveryCodes, type SecuritySummary } from './api.ts';
import { StepUpCancelled, useStepUp } from './StepUp.tsx';

export function RecoveryCodesSection({ status }: { status: SecuritySummary['recoveryCodes'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const { guard, dialog } = useStepUp();
  const [codes, setCodes] = useState<string[] | null>(null);
  const m = useMutation({
    mutationFn: () => guard(() => newRecoveryCodes()),
    onSuccess: (r) => {
      setCodes(r.codes);
      void queryClient.invalidateQueries({ queryKey: ['me', 'security'] });
    },
  });
  const download = codes ? `data:text/plain;charset=utf-8,${encodeURIComponent(`${t('identity.recovery.fileTitle')}\n\n${codes.join('\n')}\n`)}` : null;
  return (
    <section aria-labelledby="sec-recovery" className="card">
      <h2 id="sec-recovery">{t('identity.recovery.title')}</h2>
      <p>{t('identity.recovery.intro')}</p>
      <p>
        {status.total === 0
          ? t('identity.recovery.noneYet')
          : t('identity.recovery.remaining', { remaining: status.remaining, total: status.total, date: f.date(status.createdAt) })}
      </p>
      {codes ? (
        <div className="alert alert-info" role="region" aria-labelledby="codes-title" tabIndex={-1}>
          <p id="codes-title" className="alert-title">
            {t('identity.recovery.showOnce')}
          </p>
          <ol className="id-codes">
            {codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          {download ? (
            <a className="btn btn-secondary" href={download} download="cooperando-codici-di-recupero.txt">
              {t('identity.recovery.download')}
            </a>
          ) : null}
        </div>
      ) : null}
      <button type="button" className="btn btn-secondary" onClick={() => m.mutate()} disabled={m.isPending}>
        {status.total === 0 ? t('identity.recovery.generate') : t('identity.recovery.regenerate')}
      </button>
      {m.error && !(m.error instanceof StepUpCancelled) ? <ProblemAlert error={m.error} /> : null}
      {dialog}
    </section>
  );
}
