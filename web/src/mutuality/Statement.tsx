// A member's ristorno statement: the amount first, then how it is paid (cash, withholding, new shares, financial
// instruments), then how it was computed — the member's exchange by grade with the board's quality weights, the
// pool and everyone's weighted exchange, the formula with the figures — and the full explanation, with the PDF.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../core/format.ts';
import { Detail, TableRegion } from '../core/ui.tsx';
import type { Statement } from './api.ts';
import { InCurrency } from './currency.tsx';
import { Figures, KindName, PdfLink, RunStatusBadge, useLang } from './components.tsx';
import { useWeighted } from './RunPage.tsx';
import { formatFactor, formatMilli } from './util.ts';

export function StatementView(props: { s: Statement; pdfHref: string; own: boolean }) {
  return (
    <InCurrency currency={props.s.currency}>
      <StatementBody {...props} />
    </InCurrency>
  );
}

function StatementBody({ s, pdfHref, own }: { s: Statement; pdfHref: string; own: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lang = useLang();
  const weighted = useWeighted();
  const tt = s.totals;
  const items: [string, string][] = [[t('mutuality.statement.cash'), f.money(tt.cashCents)]];
  if (tt.withholdingCents > 0) items.push([t('mutuality.statement.withholding'), f.money(tt.withholdingCents)], [t('mutuality.statement.netCash'), f.money(tt.netCashCents)]);
  if (tt.capitalCents > 0 || s.lines.some((l) => l.capitalCents > 0))
    items.push([t('mutuality.statement.capital'), `${f.money(tt.capitalCents)} (${t('mutuality.common.shares', { count: tt.capitalShares, n: f.number(tt.capitalShares) })})`]);
  if (tt.instrumentsCents > 0) items.push([t('mutuality.statement.instruments'), f.money(tt.instrumentsCents)]);
  return (
    <>
      <section className="card" aria-labelledby="statement-amount">
        <h2 id="statement-amount">{own ? t('mutuality.statement.yourAmount', { year: s.year }) : t('mutuality.statement.memberAmount', { year: s.year, name: s.member.name })}</h2>
        <p className="mut-amount" data-testid="statement-total">
          {f.money(tt.amountCents)}
        </p>
        <p>
          <RunStatusBadge status={s.status} /> {t(`mutuality.statement.status.${s.status}`, { date: f.date(s.approval?.assemblyDate), paid: f.date(s.paidOn) })}
        </p>
        <Figures items={items} small />
        <dl className="details">
          <Detail term={t('mutuality.statement.cooperative')}>{s.cooperative.name}</Detail>
          <Detail term={t('mutuality.statement.member')}>{t('mutuality.statement.memberLine', { name: s.member.name, n: s.member.registerNumber })}</Detail>
        </dl>
        <p className="mut-actions">
          <PdfLink href={pdfHref}>{t('mutuality.statement.pdf')}</PdfLink>
        </p>
      </section>
      <section className="card" aria-labelledby="statement-how">
        <h2 id="statement-how">{t('mutuality.statement.howTitle')}</h2>
        {s.lines.map((l) => (
          <article key={l.kind} aria-labelledby={`statement-kind-${l.kind}`} className="mut-statement-line">
            <h3 id={`statement-kind-${l.kind}`}>
              <KindName kind={l.kind} />: {f.money(l.amountCents)}
            </h3>
            {l.grades.length > 0 ? (
              <TableRegion label={t('mutuality.statement.gradesCaption', { kind: t(`mutuality.kind.${l.kind}`) })}>
                <table className="data-table compact">
                  <caption className="visually-hidden">{t('mutuality.statement.gradesCaption', { kind: t(`mutuality.kind.${l.kind}`) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('mutuality.statement.grade')}</th>
                      <th scope="col" className="num">
                        {l.kind === 'work' ? t('mutuality.statement.hours') : t('mutuality.statement.quantity')}
                      </th>
                      <th scope="col" className="num">
                        {l.kind === 'work' ? t('mutuality.statement.wages') : t('mutuality.statement.value')}
                      </th>
                      <th scope="col" className="num">
                        {t('mutuality.statement.weight')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.grades.map((g, i) => (
                      <tr key={`${g.grade ?? ''}-${i}`}>
                        <th scope="row">{g.grade ?? t('mutuality.statement.noGrade')}</th>
                        <td className="num">
                          {g.quantityMilli ? `${formatMilli(g.quantityMilli, lang)}${g.unit && l.kind !== 'work' ? ` ${g.unit}` : ''}` : '—'}
                        </td>
                        <td className="num">{f.money(g.valueCents)}</td>
                        <td className="num">{formatFactor(g.weightBps, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
            ) : null}
            <dl className="details">
              <Detail term={t('mutuality.statement.yourWeighted')}>{weighted(l.weighted, basisOf(l))}</Detail>
              <Detail term={t('mutuality.statement.pool')}>{f.money(l.pool.poolCents)}</Detail>
              <Detail term={t('mutuality.statement.allWeighted', { count: l.pool.members, n: f.number(l.pool.members) })}>{weighted(l.pool.weighted, basisOf(l))}</Detail>
              {l.capCents !== null ? (
                <Detail term={t('mutuality.statement.cap')}>
                  {f.money(l.capCents)}
                  {l.capped ? ` — ${t('mutuality.statement.capped')}` : ''}
                </Detail>
              ) : null}
            </dl>
            <p className="mut-explanation mut-formula">{l.formula[lang]}</p>
          </article>
        ))}
      </section>
      <section className="card" aria-labelledby="statement-explanation">
        <h2 id="statement-explanation">{t('mutuality.statement.explanationTitle')}</h2>
        <ol className="mut-explanations">
          {s.explanation.map((p, i) => (
            <li key={i}>{p[lang]}</li>
          ))}
        </ol>
      </section>
    </>
  );
}

/**
 * The basis a kind was shared on (value or quantity). The statement does not carry it (the member may not read the
 * run itself), so it is told from the figures: shared by value, the weighted exchange is exactly Σ value × weight.
 */
function basisOf(l: Statement['lines'][number]): string {
  const byValue = l.grades.reduce((sum, g) => sum + BigInt(g.valueCents) * BigInt(g.weightBps), 0n);
  return l.grades.length > 0 && byValue !== BigInt(l.weighted) ? 'quantity' : 'value';
}
