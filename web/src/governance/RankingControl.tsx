// An accessible ranking control for ranked ballots (STV, Schulze) and ranked polls: no drag and drop — every move is
// a button (add, up, down, remove), so it works with a keyboard, a switch or a screen reader as well as by touch.
// Each move is announced in a polite live region, and focus follows the moved candidate so that pressing the same
// key again keeps moving it.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyMove, type Move } from './ranking.ts';

export interface RankOption {
  id: string;
  name: string;
}

export function RankingControl({
  options,
  value,
  onChange,
  legend,
  hint,
  disabled,
}: {
  options: RankOption[];
  value: string[];
  onChange: (ids: string[]) => void;
  legend: string;
  hint?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [announcement, setAnnouncement] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement | null>());
  const [focusNext, setFocusNext] = useState<string[] | null>(null);
  const byId = new Map(options.map((o) => [o.id, o]));
  const ranked = value.filter((v) => byId.has(v));
  const unranked = options.filter((o) => !ranked.includes(o.id));

  // After a move, focus the first button of the list that still exists and is enabled.
  useEffect(() => {
    if (!focusNext) return;
    for (const key of focusNext) {
      const el = buttons.current.get(key);
      if (el && !el.disabled) {
        el.focus();
        break;
      }
    }
    setFocusNext(null);
  }, [focusNext]);

  const ref = (key: string) => (el: HTMLButtonElement | null) => {
    buttons.current.set(key, el);
  };

  const act = (optionId: string, move: Move) => {
    const next = applyMove(ranked, optionId, move);
    onChange(next);
    const name = byId.get(optionId)?.name ?? '';
    const place = next.indexOf(optionId) + 1;
    if (move === 'remove') setAnnouncement(t('governance.ranking.removed', { name }));
    else setAnnouncement(t('governance.ranking.placed', { name, place, count: next.length }));
    if (move === 'add') {
      const after = unranked.filter((o) => o.id !== optionId);
      const idx = unranked.findIndex((o) => o.id === optionId);
      const nextUnranked = after[idx] ?? after[idx - 1];
      setFocusNext([...(nextUnranked ? [`add:${nextUnranked.id}`] : []), `up:${optionId}`, `down:${optionId}`, `remove:${optionId}`]);
    } else if (move === 'remove') {
      const i = ranked.indexOf(optionId);
      const neighbour = next[i] ?? next[i - 1];
      setFocusNext([...(neighbour ? [`remove:${neighbour}`] : []), `add:${optionId}`]);
    } else {
      setFocusNext([`${move}:${optionId}`, `${move === 'up' ? 'down' : 'up'}:${optionId}`, `remove:${optionId}`]);
    }
  };

  return (
    <fieldset className="ranking" disabled={disabled}>
      <legend>{legend}</legend>
      <p className="hint" id={`${id}-hint`}>
        {hint ?? t('governance.ranking.hint')}
      </p>
      <div className="ranking-columns">
        <div>
          <h4 id={`${id}-ranked`} className="ranking-title">
            {t('governance.ranking.yourRanking', { count: ranked.length })}
          </h4>
          {ranked.length === 0 ? (
            <p className="muted">{t('governance.ranking.empty')}</p>
          ) : (
            <ol className="ranking-list" aria-labelledby={`${id}-ranked`}>
              {ranked.map((rid, i) => {
                const name = byId.get(rid)?.name ?? rid;
                return (
                  <li key={rid} className="ranking-item">
                    <span className="ranking-place" aria-hidden="true">
                      {i + 1}
                    </span>
                    <span className="ranking-name">{name}</span>
                    <span className="ranking-actions">
                      <button type="button" className="btn btn-secondary btn-small" ref={ref(`up:${rid}`)} disabled={i === 0} onClick={() => act(rid, 'up')}>
                        <span aria-hidden="true">↑</span> {t('governance.ranking.up')}
                        <span className="visually-hidden"> {t('governance.ranking.upFor', { name })}</span>
                      </button>
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        ref={ref(`down:${rid}`)}
                        disabled={i === ranked.length - 1}
                        onClick={() => act(rid, 'down')}
                      >
                        <span aria-hidden="true">↓</span> {t('governance.ranking.down')}
                        <span className="visually-hidden"> {t('governance.ranking.downFor', { name })}</span>
                      </button>
                      <button type="button" className="btn btn-secondary btn-small" ref={ref(`remove:${rid}`)} onClick={() => act(rid, 'remove')}>
                        {t('governance.ranking.remove')}
                        <span className="visually-hidden"> {t('governance.ranking.removeFor', { name })}</span>
                      </button>
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </div>
        <div>
          <h4 id={`${id}-unranked`} className="ranking-title">
            {t('governance.ranking.unranked', { count: unranked.length })}
          </h4>
          {unranked.length === 0 ? (
            <p className="muted">{t('governance.ranking.allRanked')}</p>
          ) : (
            <ul className="ranking-list" aria-labelledby={`${id}-unranked`}>
              {unranked.map((o) => (
                <li key={o.id} className="ranking-item">
                  <span className="ranking-name">{o.name}</span>
                  <span className="ranking-actions">
                    <button type="button" className="btn btn-secondary btn-small" ref={ref(`add:${o.id}`)} onClick={() => act(o.id, 'add')}>
                      {t('governance.ranking.add')}
                      <span className="visually-hidden"> {t('governance.ranking.addFor', { name: o.name, place: ranked.length + 1 })}</span>
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </fieldset>
  );
}
