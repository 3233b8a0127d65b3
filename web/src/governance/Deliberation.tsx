// Deliberation on an agenda item before and during the assembly: a discussion thread (with one level of replies)
// and amendments to a motion, which the motion's proposer accepts (the text becomes the motion put to the vote) or
// rejects. Loaded only when the member opens the item's discussion.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Loading, ProblemAlert } from '../core/ui.tsx';
import { addComment, decideAmendment, listAmendments, listComments, proposeAmendment, type Comment, type ItemView } from './api.ts';
import { codeLabel, qk, useDateTime } from './util.ts';

function CommentForm({ itemId, parentId, onDone, label }: { itemId: string; parentId: string | null; onDone?: () => void; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [empty, setEmpty] = useState(false);
  const m = useMutation({
    mutationFn: () => addComment(itemId, body.trim(), parentId),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: qk.comments(itemId) });
      onDone?.();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setEmpty(true);
    setEmpty(false);
    m.mutate();
  };
  return (
    <form className="form gov-comment-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-body`}>{label}</label>
        <textarea
          id={`${id}-body`}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={3}
          maxLength={10000}
          aria-invalid={empty ? true : undefined}
          aria-describedby={empty ? `${id}-err` : undefined}
        />
        {empty ? (
          <p className="field-error" id={`${id}-err`}>
            {t('governance.discussion.empty')}
          </p>
        ) : null}
      </div>
      {m.error ? <ProblemAlert error={m.error} /> : null}
      <button type="submit" className="btn btn-secondary" disabled={m.isPending}>
        {parentId ? t('governance.discussion.reply') : t('governance.discussion.post')}
      </button>
    </form>
  );
}

function CommentView({ c, replies, itemId, canPost }: { c: Comment; replies: Comment[]; itemId: string; canPost: boolean }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const [replying, setReplying] = useState(false);
  return (
    <li className="gov-comment">
      <p className="gov-comment-head">
        <strong>{c.authorName}</strong> <span className="muted">· {dt(c.createdAt)}</span>
      </p>
      <p className="gov-comment-body">{c.body}</p>
      {replies.length > 0 ? (
        <ul className="gov-replies">
          {replies.map((r) => (
            <li key={r.id} className="gov-comment">
              <p className="gov-comment-head">
                <strong>{r.authorName}</strong> <span className="muted">· {dt(r.createdAt)}</span>
              </p>
              <p className="gov-comment-body">{r.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {canPost ? (
        replying ? (
          <CommentForm itemId={itemId} parentId={c.id} label={t('governance.discussion.replyTo', { name: c.authorName })} onDone={() => setReplying(false)} />
        ) : (
          <button type="button" className="btn-link" onClick={() => setReplying(true)}>
            {t('governance.discussion.reply')}
            <span className="visually-hidden"> {t('governance.discussion.toName', { name: c.authorName })}</span>
          </button>
        )
      ) : null}
    </li>
  );
}

export function Discussion({ item, canPost }: { item: ItemView; canPost: boolean }) {
  const { t } = useTranslation();
  const comments = useQuery({ queryKey: qk.comments(item.id), queryFn: () => listComments(item.id) });
  if (comments.error) return <ProblemAlert error={comments.error} />;
  if (!comments.data) return <Loading />;
  const top = comments.data.filter((c) => !c.parentId);
  return (
    <div className="gov-discussion">
      {top.length === 0 ? <p className="muted">{t('governance.discussion.none')}</p> : null}
      <ul className="gov-comments">
        {top.map((c) => (
          <CommentView key={c.id} c={c} replies={comments.data.filter((r) => r.parentId === c.id)} itemId={item.id} canPost={canPost} />
        ))}
      </ul>
      {canPost ? <CommentForm itemId={item.id} parentId={null} label={t('governance.discussion.newComment')} /> : null}
    </div>
  );
}

export function Amendments({ item, canPropose, canDecide, ballotStarted }: { item: ItemView; canPropose: boolean; canDecide: boolean; ballotStarted: boolean }) {
  const { t } = useTranslation();
  const dt = useDateTime();
  const id = useId();
  const queryClient = useQueryClient();
  const [text, setText] = useState(item.motion ?? '');
  const [rationale, setRationale] = useState('');
  const [empty, setEmpty] = useState(false);
  const amendments = useQuery({ queryKey: qk.amendments(item.id), queryFn: () => listAmendments(item.id) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: qk.amendments(item.id) });
    void queryClient.invalidateQueries({ queryKey: ['governance', 'assembly'] });
  };
  const propose = useMutation({
    mutationFn: () => proposeAmendment(item.id, text.trim(), rationale.trim() || null),
    onSuccess: () => {
      setRationale('');
      refresh();
    },
  });
  const decide = useMutation({ mutationFn: (v: { id: string; d: 'accepted' | 'rejected' }) => decideAmendment(v.id, v.d), onSuccess: refresh });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setEmpty(true);
    setEmpty(false);
    propose.mutate();
  };
  if (amendments.error) return <ProblemAlert error={amendments.error} />;
  if (!amendments.data) return <Loading />;
  return (
    <div className="gov-amendments">
      {amendments.data.length === 0 ? <p className="muted">{t('governance.amendment.none')}</p> : null}
      <ul className="gov-comments">
        {amendments.data.map((a) => (
          <li key={a.id} className="gov-comment">
            <p className="gov-comment-head">
              <strong>{a.proposerName}</strong> <span className="muted">· {dt(a.createdAt)}</span>{' '}
              <span className={`status gov-amendment-${a.status}`}>{codeLabel(t, 'amendment', a.status)}</span>
            </p>
            <blockquote className="gov-motion">{a.text}</blockquote>
            {a.rationale ? <p>{t('governance.amendment.rationaleIs', { text: a.rationale })}</p> : null}
            {canDecide && a.status === 'proposed' ? (
              <div className="gov-actions">
                <button type="button" className="btn btn-secondary btn-small" disabled={decide.isPending || ballotStarted} onClick={() => decide.mutate({ id: a.id, d: 'accepted' })}>
                  {t('governance.amendment.accept')}
                </button>
                <button type="button" className="btn btn-secondary btn-small" disabled={decide.isPending} onClick={() => decide.mutate({ id: a.id, d: 'rejected' })}>
                  {t('governance.amendment.reject')}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {decide.error ? <ProblemAlert error={decide.error} /> : null}
      {canPropose ? (
        <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
          <h5 id={`${id}-h`} className="gov-subhead">
            {t('governance.amendment.propose')}
          </h5>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('governance.amendment.text')}</label>
            <textarea
              id={`${id}-text`}
              rows={4}
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={20000}
              aria-invalid={empty ? true : undefined}
              aria-describedby={`${id}-text-hint${empty ? ` ${id}-text-err` : ''}`}
            />
            <p className="hint" id={`${id}-text-hint`}>
              {t('governance.amendment.textHint')}
            </p>
            {empty ? (
              <p className="field-error" id={`${id}-text-err`}>
                {t('governance.discussion.empty')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-why`}>{t('governance.amendment.rationale')}</label>
            <textarea id={`${id}-why`} rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} maxLength={5000} />
          </div>
          {propose.error ? <ProblemAlert error={propose.error} /> : null}
          <button type="submit" className="btn btn-secondary" disabled={propose.isPending}>
            {t('governance.amendment.submit')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
