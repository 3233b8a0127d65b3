// Browser: a co-op's board runs the year-end of mutuality — imports a payroll CSV (dry run, then commit), records
// and reverses an exchange, enters the financial-statement lines and reads the prevalence test (with the two-year
// warning), starts and computes the ristorni, reviews the allocation, records the assembly's approval and the
// payment — and a member reads their statement on a phone, figures equal to the API's, with the PDF. Axe on every page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  assertAccessible,
  browserSkip,
  eventually,
  launchBrowser,
  openPage,
  PHONE_VIEWPORT,
  settle,
  signIn,
  startWebPlatform,
  type WebPlatform,
} from '../support/browser.ts';
import { formatMoney } from '../../web/src/core/format.ts';
import { parseDecimal, unitsToInput } from '../../web/src/mutuality/util.ts';

/** The text as a person reads it: non-breaking and narrow spaces as plain spaces, runs of space as one. */
const plain = (s: string): string => s.replace(/[\u00a0\u202f\s]+/g, ' ').trim();
const euro = (cents: number): string => plain(formatMoney(cents, 'it'));

async function check(page: Page, label: string, phone = false): Promise<void> {
  await page.locator('#page-title').waitFor();
  await settle(page, label);
  await assertAccessible(page, label);
  if (phone) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${label}: the page is ${overflow}px wider than the phone screen`);
  }
}

/** A payroll export as it comes: BOM, `;`, Italian dates and amounts; twelve months of Mario's work and one bad row. */
function payrollCsv(): string {
  const rows = ['Riferimento;Numero socio;Tipo scambio;Data;Quantità;Valore;Descrizione'];
  for (let m = 1; m <= 12; m++) {
    const mm = String(m).padStart(2, '0');
    rows.push(`CED-2025-${mm};1;lavoro;28/${mm}/2025;160;2.000,00;Cedolino ${mm}/2025`);
  }
  rows.push('CED-2025-XX;1;lavoro;31/02/2025;160;2.000,00;Data impossibile');
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

test('amounts typed in Italian or English become exact integers', () => {
  assert.equal(parseDecimal('1.234,56', 'it', 2), 123_456);
  assert.equal(parseDecimal('1234,5', 'it', 2), 123_450);
  assert.equal(parseDecimal('€ 12', 'it', 2), 1_200);
  assert.equal(parseDecimal('1,234.56', 'it', 2), 123_456);
  assert.equal(parseDecimal('1.250', 'it', 3), 1_250_000, 'one to three digits then three: thousands');
  assert.equal(parseDecimal('1.250', 'en', 3), 1_250, 'the language’s own decimal point');
  assert.equal(parseDecimal('1,250', 'en', 2), 125_000);
  assert.equal(parseDecimal('12.5', 'it', 2), 1_250);
  assert.equal(parseDecimal('1,2', 'it', 4), 12_000);
  assert.equal(parseDecimal('50 %', 'it', 2), 5_000);
  assert.equal(parseDecimal('0,001', 'it', 2), null, 'too many decimals');
  assert.equal(parseDecimal('1.23.4', 'it', 2), null);
  assert.equal(parseDecimal('-5', 'it', 2), null);
  assert.equal(parseDecimal('abc', 'it', 2), null);
  assert.equal(parseDecimal('90071992547409,92', 'it', 2), null, 'beyond safe integers');
  assert.equal(unitsToInput(123_456, 'it', 2), '1234,56');
  assert.equal(unitsToInput(5_000, 'en', 2, { trim: true }), '50');
  assert.equal(unitsToInput(12_000, 'it', 4, { trim: true }), '1,2');
});

describe('web: mutuality', { skip: browserSkip }, () => {
  let web: WebPlatform;
  let browser: Browser;
  let runId = '';
  before(async () => {
    browser = await launchBrowser();
    web = await startWebPlatform();
    // Two earlier years below 50% (seeded through the API): the second one loses prevalence.
    const admin = await web.platform.signIn(web.fed.accounts.adminC1.email, web.fed.accounts.adminC1.password);
    for (const year of [2023, 2024]) {
      const res = await web.platform.app.inject({
        method: 'PUT',
        url: `/api/v1/cooperatives/${web.fed.c1}/financial-statements/${year}`,
        headers: admin,
        payload: { lines: [{ line: 'B9', membersCents: 1_000_000, othersCents: 2_000_000 }] },
      });
      assert.equal(res.statusCode, 200, res.body);
    }
  });
  after(async () => {
    await browser?.close();
    await web?.close();
  });

  test('the board runs the year-end: import, ledger, prevalence, ristorni computed, approved and paid', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      // Giulia administers the co-op (and is one of its members).
      await signIn(page, web.fed.accounts.adminC1);
      await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Mutualità', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Mutualità' }).waitFor();
      await check(page, 'mutuality hub (board)');
      await page.getByRole('link', { name: 'Mutualità di Cooperativa Sociale Il Mosaico' }).click();
      await page.getByRole('heading', { level: 2, name: /Chiusura dell’esercizio \d{4}/ }).waitFor();
      await check(page, 'year-end overview');

      // 1. A payroll export: the dry run reports the bad row, the commit writes the twelve good ones.
      await page.getByRole('navigation', { name: 'Sezioni della mutualità' }).getByRole('link', { name: 'Importa scambi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Importa scambi' }).waitFor();
      await page.getByLabel('File CSV o XLSX degli scambi').setInputFiles({ name: 'paghe-2025.csv', mimeType: 'text/csv', buffer: Buffer.from(payrollCsv(), 'utf8') });
      await page.getByRole('button', { name: 'Verifica il file' }).click();
      await page.getByRole('heading', { level: 2, name: 'Esito della verifica' }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'mut-import-report', 'focus moves to the report');
      assert.match(plain(await page.locator('.report').first().innerText()), /Righe lette: 13 · valide: 12 · scartate: 1\./);
      const errs = await page.locator('.errors-table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((c) => (c.textContent ?? '').trim())));
      assert.deepEqual(errs.map((e) => e.slice(0, 3)), [['14', 'Data', '31/02/2025']]);
      await check(page, 'import dry-run report');
      await page.getByRole('button', { name: 'Importa 12 righe valide' }).click();
      await page.getByRole('heading', { level: 2, name: 'Esito dell’importazione' }).waitFor();
      assert.match(plain(await page.locator('.report').last().innerText()), /Importazione completata\. Inserite: 12 · già presenti: 0\./);

      // 2. The ledger: Giulia's year of work recorded by hand, a mistaken entry reversed with its reason.
      await page.getByRole('link', { name: 'Vai al registro degli scambi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Scambi mutualistici' }).waitFor();
      await eventually(async () => assert.match(plain(await page.locator('.result-count').innerText()), /^12 registrazioni · totale 24\.000,00 €$/));
      /** Records one of Giulia's work entries through the form; returns its number from the confirmation. */
      const record = async (hours: string, wages: string): Promise<string> => {
        const form = page.locator('form', { has: page.getByRole('heading', { name: 'Nuovo scambio' }) });
        await form.getByLabel('Cerca: Socio').fill('Bianchi');
        await eventually(async () => assert.equal(await form.getByRole('option', { name: '2 · Bianchi Giulia' }).count(), 1));
        await form.getByLabel('Socio', { exact: true }).selectOption({ label: '2 · Bianchi Giulia' });
        await form.getByLabel('Tipo di scambio').selectOption('work');
        await form.getByLabel('Data', { exact: true }).fill('2025-06-30');
        await form.getByLabel('Ore lavorate').fill(hours);
        await form.getByLabel('Retribuzione lorda (€)').fill(wages);
        const before = await page.locator('.mut-entries tbody tr').count();
        await form.getByRole('button', { name: 'Registra lo scambio' }).click();
        await eventually(async () => assert.equal(await page.locator('.mut-entries tbody tr').count(), before + 1));
        const notice = await page.getByRole('status').getByText(/Scambio n\. \d+ di Bianchi Giulia registrato\./).innerText();
        return /n\. (\d+)/.exec(notice)?.[1] ?? '';
      };
      await page.getByRole('button', { name: 'Registra uno scambio' }).click();
      // A mistake first: what is typed wrong is said next to the field.
      await page.getByLabel('Retribuzione lorda (€)').fill('12.000,001');
      await page.getByRole('button', { name: 'Registra lo scambio' }).click();
      await page.getByText('Scegli il socio').waitFor();
      await page.getByText('Importo non valido: scrivi ad esempio 1.234,56 (al massimo due decimali)').waitFor();
      await record('960', '12.000,00');
      const mistakeId = await record('10', '100,00');
      assert.match(mistakeId, /^\d+$/);
      await check(page, 'ledger with the entry form');
      await page.getByRole('button', { name: 'Chiudi' }).click();
      // The second one was a mistake: reverse it.
      await page.getByRole('button', { name: `Storna lo scambio n. ${mistakeId}`, exact: true }).click();
      await page.getByRole('heading', { name: `Storna lo scambio n. ${mistakeId}` }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA', 'focus moves to the reason');
      await page.getByRole('button', { name: 'Registra lo storno' }).click();
      await page.getByText('Scrivi il motivo dello storno').waitFor();
      await page.getByLabel('Motivo dello storno').fill('Ore registrate due volte');
      await page.getByRole('button', { name: 'Registra lo storno' }).click();
      await page.getByRole('status').getByText(new RegExp(`Scambio n\\. ${mistakeId} stornato`)).waitFor();
      // Filter by member and year: Giulia's three entries, net 12.000,00.
      await page.getByLabel('Cerca: Socio').first().fill('Bianchi');
      await eventually(async () => assert.equal(await page.locator('#ledger-member').getByRole('option', { name: '2 · Bianchi Giulia' }).count(), 1));
      await page.locator('#ledger-member').selectOption({ label: '2 · Bianchi Giulia' });
      await page.locator('#ledger-kind').selectOption('work');
      await page.locator('#ledger-year').selectOption('2025');
      await eventually(async () => assert.match(plain(await page.locator('.result-count').innerText()), /^3 registrazioni · totale 12\.000,00 €$/));
      const reversal = page.locator('.mut-entries tr.is-reversal');
      assert.match(plain(await reversal.innerText()), new RegExp(`Storno dello scambio n\\. ${mistakeId} — Ore registrate due volte`));
      assert.match(plain(await reversal.locator('td.num').nth(2).innerText()), /^-100,00 €$/);
      assert.match(plain(await page.locator('.mut-entries tr.is-reversed').innerText()), /Stornato dalla registrazione n\. \d+/);
      await check(page, 'ledger filtered, with a reversal');

      // 3. Financial-statement lines → prevalence, explained; the two years before lost it.
      await page.getByRole('navigation', { name: 'Sezioni della mutualità' }).getByRole('link', { name: 'Bilancio e prevalenza' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bilancio e prevalenza' }).waitFor();
      await page.getByLabel('Anno', { exact: true }).selectOption('2025');
      const b9 = page.getByRole('group', { name: 'B9 · Costo del personale' });
      await b9.getByLabel('Con i soci (€)').fill('36.000,00');
      await b9.getByLabel('Con altri (€)').fill('12.000,00');
      await page.getByRole('button', { name: 'Salva le voci e calcola la prevalenza' }).click();
      await page.getByRole('status').getByText('Voci del 2025 salvate.').waitFor();
      const result = page.locator('section', { has: page.getByRole('heading', { name: 'Prevalenza 2025' }) });
      await eventually(async () => assert.match(plain(await result.innerText()), /Prevalente Scambio con i soci: 75,00%/));
      assert.match(await result.locator('.mut-explanation').innerText(), /art\. 2513 c\. 1 lett\. b c\.c\./);
      const history = page.locator('section', { has: page.getByRole('heading', { name: 'Prevalenza negli anni' }) });
      await eventually(async () => assert.equal(await history.locator('tbody tr').count(), 3));
      assert.match(plain(await history.locator('tbody tr', { hasText: '2024' }).innerText()), /33,33% Non prevalente Prevalenza persa: due anni consecutivi sotto il 50%/);
      await check(page, 'prevalence 2025');
      await history.getByRole('button', { name: '2024' }).click();
      await page.getByRole('heading', { name: 'Prevalenza 2024' }).waitFor();
      await eventually(async () => assert.match(await page.locator('[data-warning="prevalence.lost"].alert').innerText(), /secondo anno consecutivo \(2023 e 2024\)/));
      await check(page, 'prevalence 2024 with the two-year warning');

      await page.getByRole('navigation', { name: 'Sezioni della mutualità' }).getByRole('link', { name: 'Pesi di qualità' }).click();
      await page.getByRole('heading', { level: 1, name: 'Pesi di qualità' }).waitFor();
      await check(page, 'quality weights');

      // 4. Ristorni: a draft with the board's inputs, computed, reviewed.
      await page.getByRole('navigation', { name: 'Sezioni della mutualità' }).getByRole('link', { name: 'Ristorni' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ristorni' }).waitFor();
      await page.getByRole('button', { name: 'Avvia il calcolo di un anno' }).click();
      const runForm = page.locator('form', { has: page.getByRole('heading', { name: 'Nuovo calcolo dei ristorni' }) });
      await runForm.getByLabel('Esercizio').selectOption('2025');
      await runForm.getByLabel('Avanzo di gestione prima dei ristorni (€)').fill('20.000,00');
      // The year's ledger proposes work.
      await eventually(async () => assert.equal(await runForm.getByRole('checkbox', { name: 'Lavoro' }).isChecked(), true));
      await runForm.getByLabel('In denaro').fill('50');
      await runForm.getByLabel('Aumento di capitale').fill('50');
      await runForm.getByLabel('Strumenti finanziari').fill('0');
      await runForm.getByRole('checkbox', { name: /Ritenuta del 12,5%/ }).check();
      await check(page, 'new ristorni form');
      await runForm.getByRole('button', { name: 'Crea la bozza' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ristorni 2025' }).waitFor();
      runId = new URL(page.url()).pathname.split('/').pop() ?? '';
      assert.match(runId, /^[0-9a-f-]{36}$/);
      await page.getByRole('button', { name: 'Calcola i ristorni' }).click();
      await page.getByText('Calcolati: tetto, fondo e quota di ogni socio sono fissati. Si attende la delibera dell’assemblea.').waitFor();
      const figures = page.locator('section', { has: page.getByRole('heading', { name: 'Cifre del calcolo' }) });
      // Attributable 20.000 × 36.000 ÷ 48.000 = 15.000; capped at 30% of the wages (L. 142/2001): 10.800.
      assert.match(plain(await figures.locator('.stats').first().innerText()), /Tetto dei ristorni 10\.800,00 € Fondo ristorni 10\.800,00 € Assegnato ai soci 10\.800,00 € Soci con ristorno 2/);
      assert.match(await figures.innerText(), /L\. 142\/2001/);
      // Both workers reach their own cap (30% of their wages): the formula says so rather than dividing nothing.
      assert.equal(plain(await figures.locator('.mut-formula').innerText()), 'Lavoro: tutti i 2 soci raggiungono il proprio limite e lo ricevono: 10.800,00 € in tutto.');
      const allocations = page.locator('.mut-allocations tbody tr');
      await eventually(async () => assert.equal(await allocations.count(), 2));
      const rows = await allocations.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td, th')).map((c) => (c.textContent ?? '').replace(/[\u00a0\u202f\s]+/g, ' ').trim())));
      assert.deepEqual(rows, [
        ['1', 'Rossi Mario', '7.200,00 €', '3.600,00 €', '3.600,00 €144 quote', '0,00 €', '450,00 €'],
        ['2', 'Bianchi Giulia', '3.600,00 €', '1.800,00 €', '1.800,00 €72 quote', '0,00 €', '225,00 €'],
      ]);
      await check(page, 'ristorni computed');

      // The year is closed to entries now: the ledger says so in the server's words.
      // 5. The assembly approves; then the payment turns the capital part into shares.
      const approval = page.locator('form', { has: page.getByRole('heading', { name: 'Registra la delibera dell’assemblea' }) });
      await approval.getByLabel('Data dell’assemblea').fill('2025-12-20');
      await approval.getByLabel('Voti favorevoli').fill('2');
      await approval.getByLabel('Testo della delibera').fill('L’assemblea approva il bilancio 2025 e i ristorni proposti dal consiglio.');
      await approval.getByRole('button', { name: 'Registra l’approvazione' }).click();
      // Before the year's end: refused, next to the date, in the server's words.
      await approval.locator('.field-error').getByText('L’assemblea che approva i ristorni si tiene dopo la chiusura dell’esercizio').waitFor();
      await approval.getByLabel('Data dell’assemblea').fill('2026-04-28');
      await approval.getByRole('button', { name: 'Registra l’approvazione' }).click();
      await page.getByText('Approvati dall’assemblea: si possono pagare.').waitFor();
      assert.match(plain(await page.locator('section', { has: page.getByRole('heading', { name: 'Delibera dell’assemblea' }) }).innerText()), /28\/04\/2026.*favorevoli 2, contrari 0, astenuti 0/);
      await check(page, 'ristorni approved');
      await page.getByLabel('Data del pagamento').fill('2026-05-10');
      await page.getByRole('button', { name: 'Registra il pagamento' }).click();
      await page.getByText('Pagati: la parte a capitale è nel libro del capitale sociale.').waitFor();
      assert.equal(await page.locator('.mut-steps li[aria-current="step"]').innerText(), 'Pagamento');

      // The board reads a member's statement from the allocation table.
      await page.getByRole('link', { name: 'Rossi Mario' }).click();
      await page.getByRole('heading', { level: 1, name: 'Prospetto 2025 di Rossi Mario' }).waitFor();
      assert.equal(plain(await page.getByTestId('statement-total').innerText()), euro(720_000));
      await check(page, 'board reads a statement');

      // Share capital: the ristorni arrived as shares; the reconciliation explains the ledger against the register.
      await page.getByRole('navigation', { name: 'Sezioni della mutualità' }).getByRole('link', { name: 'Capitale sociale' }).click();
      await page.getByRole('heading', { level: 1, name: 'Capitale sociale' }).waitFor();
      const balances = page.locator('section', { has: page.getByRole('heading', { name: 'Saldi dei soci' }) });
      await eventually(async () => assert.match(plain(await balances.locator('tbody tr', { hasText: 'Rossi Mario' }).innerText()), /144 3\.600,00 € 3\.600,00 € 3\.600,00 €/));
      await page.locator('section', { has: page.getByRole('heading', { name: /Riconciliazione/ }) }).locator('.mut-explanation').waitFor();
      await check(page, 'share capital');
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });

  test('a member reads their statement on a phone: the figures are the API’s, with the PDF', async () => {
    assert.ok(runId, 'the board test ran first');
    const { context, page, problems } = await openPage(browser, web.baseUrl, { viewport: PHONE_VIEWPORT });
    try {
      await signIn(page, web.fed.accounts.member);
      await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Mutualità', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Mutualità' }).waitFor();
      await page.getByRole('heading', { level: 3, name: '2025 · Cooperativa Sociale Il Mosaico' }).waitFor();
      await check(page, 'member hub', true);
      await page.getByRole('link', { name: 'Leggi il prospetto 2025 · Cooperativa Sociale Il Mosaico' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ristorni 2025 · Cooperativa Sociale Il Mosaico' }).waitFor();
      await check(page, 'member statement', true);

      // The same statement from the API, with the member's own session.
      const res = await page.request.get(`/api/v1/me/ristorni/${runId}`);
      assert.equal(res.status(), 200);
      const api = (await res.json()) as { totals: { amountCents: number; cashCents: number; withholdingCents: number; netCashCents: number; capitalCents: number; capitalShares: number }; explanation: { it: string }[]; lines: { formula: { it: string } }[] };
      assert.equal(plain(await page.getByTestId('statement-total').innerText()), euro(api.totals.amountCents));
      const figures = plain(await page.locator('section', { has: page.getByRole('heading', { name: 'Il tuo ristorno 2025' }) }).locator('.stats').innerText());
      assert.equal(
        figures,
        `In denaro ${euro(api.totals.cashCents)} Ritenuta ${euro(api.totals.withholdingCents)} Netto in denaro ${euro(api.totals.netCashCents)} A capitale ${euro(api.totals.capitalCents)} (${api.totals.capitalShares} quote)`,
      );
      assert.deepEqual([api.totals.amountCents, api.totals.netCashCents, api.totals.capitalShares], [720_000, 315_000, 144]);
      // How it was computed: the formula and every paragraph of the explanation, as the API words them.
      assert.equal(plain(await page.locator('.mut-statement-line .mut-formula').innerText()), plain(api.lines[0]?.formula.it ?? ''));
      const paragraphs = await page.locator('section', { has: page.getByRole('heading', { name: 'La spiegazione completa' }) }).locator('li').allInnerTexts();
      assert.deepEqual(paragraphs.map(plain), api.explanation.map((p) => plain(p.it)));
      assert.ok(paragraphs.some((p) => /Approvato dall’assemblea ordinaria del 28\/04\/2026/.test(p)));

      // The PDF downloads with the member's session.
      const pdfHref = await page.getByRole('link', { name: /Scarica il prospetto in PDF/ }).getAttribute('href');
      assert.ok(pdfHref);
      const pdf = await page.request.get(pdfHref);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

      // Their own exchanges and their capital, with the certificate.
      await page.getByRole('navigation', { name: 'La mia mutualità' }).getByRole('link', { name: 'I miei scambi' }).click();
      await page.getByRole('heading', { level: 1, name: 'I miei scambi' }).waitFor();
      await eventually(async () => assert.match(plain(await page.locator('.result-count').innerText()), /^12 registrazioni · totale 24\.000,00 €$/));
      await check(page, 'my exchanges', true);
      await page.getByRole('navigation', { name: 'La mia mutualità' }).getByRole('link', { name: 'Il mio capitale' }).click();
      await page.getByRole('heading', { level: 1, name: 'Il mio capitale' }).waitFor();
      const card = page.locator('article', { has: page.getByRole('heading', { name: 'Cooperativa Sociale Il Mosaico' }) });
      await eventually(async () => assert.match(plain(await card.locator('.stats').innerText()), /Da ristorni 3\.600,00 €/));
      await card.getByRole('button', { name: 'Movimenti' }).click();
      await card.getByRole('cell', { name: 'Ristorno a capitale' }).waitFor();
      await check(page, 'my capital', true);
      const cert = await page.request.get((await card.getByRole('link', { name: /Scarica il certificato delle quote/ }).getAttribute('href')) ?? '');
      assert.equal(cert.status(), 200);
      assert.equal(cert.headers()['content-type'], 'application/pdf');
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
});
