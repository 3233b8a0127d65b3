// The trustee's page of an encrypted ballot (/votazioni/:id/garante). Every secret step runs here, in the browser:
// the trustee's key is generated here and kept in this browser (localStorage) and in a key file the trustee
// downloads; the server only receives the public commitment, the shares encrypted to the other trustees, and later
// the partial decryption of the tally with its proof. The key file can be loaded on another device.
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PageHeading, ProblemAlert, QueryBoundary } from '../core/ui.tsx';
import { createTrustee, partialDecrypt, receiveShares, sharesFor, verifyTrusteeCommitment } from '../../../src/modules/governance/verifiable/index.ts';
import {
  ackShares,
  commitments,
  electionRecord,
  electionState,
  loadKeyFile,
  parseKeyFile,
  postCommitment,
  postPartial,
  postShares,
  saveKeyFile,
  sharesForMe,
  type ElectionState,
  type TrusteeKeyFile,
} from './evote-api.ts';

function download(file: TrusteeKeyFile): void {
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `garante-${file.secret.index}-${file.ballotId}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function TrusteePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['governance', 'evote', id, 'state'],
    queryFn: () => electionState(id),
    // Each step waits on the other trustees (or on the chair's close): follow them without a reload.
    refetchInterval: (q) => (q.state.data?.myTrusteeIndex && q.state.data.status !== 'decrypted' ? 4000 : false),
  });
  return (
    <section className="page">
      <PageHeading title={t('governance.evote.trustee.title')}>{t('governance.evote.trustee.title')}</PageHeading>
      <QueryBoundary query={query}>{(s) => (s.myTrusteeIndex ? <TrusteeSteps state={s} index={s.myTrusteeIndex} /> : <p className="alert alert-info">{t('governance.evote.trustee.notTrustee')}</p>)}</QueryBoundary>
      <p>
        <Link to={`/votazioni/${id}/urna`}>{t('governance.evote.board.link')}</Link>
      </p>
    </section>
  );
}

function TrusteeSteps({ state, index }: { state: ElectionState; index: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const ballotId = state.ballotId;
  const [key, setKey] = useState<TrusteeKeyFile | null>(() => loadKeyFile(ballotId, index));
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const me = state.trusteeList.find((x) => x.index === index);
  const everyoneCommitted = state.trusteeList.every((x) => x.committed);
  const everyoneShared = state.trusteeList.every((x) => x.sharesPosted);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['governance', 'evote', ballotId] });
  const keep = (f: TrusteeKeyFile) => {
    saveKeyFile(f);
    setKey(f);
  };

  const step = useMutation({
    mutationFn: async (what: 'commit' | 'shares' | 'check' | 'decrypt') => {
      if (what === 'commit') {
        // A new key only if this browser has none for this election: a commitment cannot be replaced.
        const f = key ?? { format: 'cooperando-evote-keyfile/1' as const, ballotId, ...createTrustee(index, state.trustees, state.threshold, ballotId), share: null };
        keep(f);
        await postCommitment(ballotId, index, f.commitment);
        download(f);
        return t('governance.evote.trustee.committed');
      }
      if (!key) throw new Error(t('governance.evote.trustee.needKey'));
      if (what === 'shares') {
        const all = (await commitments(ballotId)).items;
        const bad = all.filter((c) => !verifyTrusteeCommitment(c, state.threshold, ballotId)).map((c) => c.index);
        if (bad.length) throw new Error(t('governance.evote.trustee.badCommitments', { list: bad.join(', ') }));
        await postShares(ballotId, index, sharesFor(key.secret, all));
        return t('governance.evote.trustee.sharesSent');
      }
      if (what === 'check') {
        const all = (await commitments(ballotId)).items;
        const mine = (await sharesForMe(ballotId, index)).items;
        const got = receiveShares(key.secret, all, mine);
        if (!got.ok) {
          await ackShares(ballotId, index, false, got.badFrom);
          throw new Error(t('governance.evote.trustee.badShares', { list: got.badFrom.join(', ') }));
        }
        const f = { ...key, share: got.share };
        keep(f);
        await ackShares(ballotId, index, true);
        download(f);
        return t('governance.evote.trustee.sharesOk');
      }
      if (!key.share) throw new Error(t('governance.evote.trustee.needShare'));
      const record = await electionRecord(ballotId);
      const cts = record.encryptedTally.flatMap((g) => g.ciphertexts);
      await postPartial(ballotId, index, partialDecrypt(record.manifest, key.secret, key.share, cts));
      return t('governance.evote.trustee.decrypted');
    },
    onSuccess: (msg) => {
      setNote(msg);
      void refresh();
    },
    onSettled: () => void refresh(),
  });

  const onUpload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const parsed = parseKeyFile(await file.text(), ballotId, index);
    if (!parsed) return setUploadError(t('governance.evote.trustee.wrongFile'));
    setUploadError(null);
    keep(parsed);
  };

  return (
    <>
      <p>{t('governance.evote.trustee.intro', { index, n: state.trustees, k: state.threshold })}</p>
      <p>
        {t('governance.evote.status')}: <strong data-testid="evote-status">{t(`governance.evote.statusName.${state.status}`)}</strong>
      </p>
      <ul className="gov-evote-trustees">
        {state.trusteeList.map((x) => (
          <li key={x.index}>
            {x.index}. {x.name} — {x.committed ? t('governance.evote.trustee.hasCommitted') : t('governance.evote.trustee.waitingCommit')}
            {x.sharesPosted ? `, ${t('governance.evote.trustee.hasShared')}` : ''}
            {x.sharesOk === false ? `, ${t('governance.evote.trustee.complained', { list: x.badFrom.join(', ') })}` : ''}
            {x.decrypted ? `, ${t('governance.evote.trustee.hasDecrypted')}` : ''}
          </li>
        ))}
      </ul>
      <div aria-live="polite" aria-atomic="true">{note ? <p className="alert alert-success">{note}</p> : null}</div>
      {step.error ? <ProblemAlert error={step.error} /> : null}
      <p className="hint">{key ? t('governance.evote.trustee.keyHere') : t('governance.evote.trustee.noKeyHere')}</p>
      <label className="field">
        <span>{t('governance.evote.trustee.loadKey')}</span>
        <input type="file" accept="application/json,.json" onChange={(e) => void onUpload(e)} />
      </label>
      {uploadError ? <p className="alert alert-error">{uploadError}</p> : null}
      {key ? (
        <p>
          <button type="button" className="btn btn-secondary" onClick={() => download(key)}>
            {t('governance.evote.trustee.downloadKey')}
          </button>
        </p>
      ) : null}
      <div className="gov-actions">
        {state.status === 'ceremony' && !me?.committed ? (
          <button type="button" className="btn btn-primary" disabled={step.isPending} onClick={() => step.mutate('commit')}>
            {t('governance.evote.trustee.generate')}
          </button>
        ) : null}
        {state.status === 'ceremony' && me?.committed && !me.sharesPosted ? (
          <button type="button" className="btn btn-primary" disabled={step.isPending || !everyoneCommitted} onClick={() => step.mutate('shares')}>
            {t('governance.evote.trustee.sendShares')}
          </button>
        ) : null}
        {me?.sharesPosted && everyoneShared && (me.sharesOk === null || !key?.share) ? (
          <button type="button" className="btn btn-primary" disabled={step.isPending} onClick={() => step.mutate('check')}>
            {t('governance.evote.trustee.checkShares')}
          </button>
        ) : null}
        {state.status === 'tallying' && !me?.decrypted ? (
          <button type="button" className="btn btn-primary" disabled={step.isPending} onClick={() => step.mutate('decrypt')}>
            {t('governance.evote.trustee.decrypt')}
          </button>
        ) : null}
      </div>
      {state.status === 'ceremony' && me?.committed && !everyoneCommitted ? <p className="hint">{t('governance.evote.trustee.waitOthers')}</p> : null}
    </>
  );
}
