// Browser: the libro soci — server-side pages of 100, search by name / fiscal code, status and as-of filters,
// sorting, export links carrying the filters; and the co-operatives list with its filters.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { addMembers, browserSkip, eventually, launchBrowser, openPage, signIn, startWebPlatform, type WebPlatform } from '../support/browser.ts';

const EXTRA = 250; // c1 then has 252 current members (Mario 1, Giulia 2, 250 more from 101) and one former (Luca 3)

/** The register table's rows: [register number, name, …]. */
async function rows(page: Page): Promise<string[][]> {
  return page.locator('.register-table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim())),
  );
}

/** Waits until the table shows fresh data (not the previous page kept on screen while loading). */
async function fresh(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const t = document.querySelector('.register-table');
    return t && !t.classList.contains('is-stale') && !document.querySelector('[aria-busy="true"]');
  });
}

describe('web: members register', { skip: browserSkip }, () => {
  let web: WebPlatform;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    web = await startWebPlatform();
    await addMembers(web, web.fed.c1, EXTRA, 101);
  });
  after(async () => {
    await browser?.close();
    await web?.close();
  });

  test('pages, searches, filters and sorts the register of a co-op', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      await signIn(page, web.fed.accounts.adminC1);
      await page.waitForURL(`**/cooperative/${web.fed.c1}`);
      await page.getByRole('heading', { level: 2, name: 'Libro soci' }).waitFor();
      await fresh(page);
      const count = page.locator('.register .result-count');
      assert.equal((await count.innerText()).trim(), '252 soci · righe 1–100');
      let r = await rows(page);
      assert.equal(r.length, 100);
      assert.deepEqual(r.slice(0, 3).map((x) => x[0]), ['1', '2', '101']);
      assert.equal(r[0]?.[1], 'Rossi Mario');
      assert.match(r[0]?.[4] ?? '', /^01\/02\/2015$/);
      assert.match(r[0]?.[6] ?? '', /^100,00\s€$/);

      // Page 2: rows 101–200, the URL remembers the page, focus goes to the top of the new rows.
      await page.getByRole('navigation', { name: 'Pagine del libro soci' }).getByRole('button', { name: 'Successiva' }).click();
      await page.waitForURL(/pagina=2/);
      await eventually(async () => assert.equal((await count.innerText()).trim(), '252 soci · righe 101–200'));
      await fresh(page);
      r = await rows(page);
      assert.equal(r.length, 100);
      assert.equal(r[0]?.[0], '199');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Libro soci');
      // Last page through the page-number field.
      const pageField = page.getByRole('spinbutton', { name: 'Pagina' });
      await pageField.fill('3');
      await pageField.press('Enter');
      await page.waitForURL(/pagina=3/);
      await eventually(async () => assert.equal((await rows(page)).length, 52));

      // Search by name (typing, debounced) goes back to page 1.
      const search = page.getByRole('searchbox', { name: 'Nome, codice fiscale o numero' });
      await search.fill('socio000123');
      await page.waitForURL((u) => u.searchParams.get('cerca') === 'socio000123' && !u.searchParams.has('pagina'));
      await eventually(async () => assert.deepEqual((await rows(page)).map((x) => x[1]), ['Socio000123 Nome123']));
      assert.equal((await count.innerText()).trim(), '1 socio');

      // Search by fiscal code.
      const giulia = await page.request.get(`/api/v1/cooperatives/${web.fed.c1}/members?q=bianchi`).then((res) => res.json() as Promise<{ items: { codiceFiscale: string }[] }>);
      const cf = giulia.items[0]?.codiceFiscale ?? '';
      assert.match(cf, /^[A-Z0-9]{16}$/);
      await search.fill(cf);
      await page.waitForURL((u) => u.searchParams.get('cerca') === cf);
      await eventually(async () => assert.deepEqual((await rows(page)).map((x) => x[1]), ['Bianchi Giulia']));
      assert.equal((await rows(page))[0]?.[3], 'Socio lavoratore, Socio sovventore');
      // A pause while typing (the search runs) keeps what was typed, trailing space included.
      await search.fill('');
      await search.pressSequentially('Rossi ');
      await page.waitForURL((u) => u.searchParams.get('cerca') === 'Rossi');
      await search.pressSequentially('Mario');
      await page.waitForURL((u) => u.searchParams.get('cerca') === 'Rossi Mario');
      assert.equal(await search.inputValue(), 'Rossi Mario');
      await eventually(async () => assert.deepEqual((await rows(page)).map((x) => x[1]), ['Rossi Mario']));
      await search.fill('');
      await page.waitForURL((u) => !u.searchParams.has('cerca'));

      // Former members, with how and when they left.
      await page.getByLabel('Stato').selectOption('exited');
      await page.waitForURL(/stato=exited/);
      await eventually(async () => assert.deepEqual((await rows(page)).map((x) => x[1]), ['Verdi Luca']));
      assert.equal((await rows(page))[0]?.[8], 'Recesso · 31/12/2022');

      // As of a date: the register as it stood on 1 January 2016 (Luca and Mario).
      await page.getByLabel('Stato').selectOption('active');
      await page.getByLabel('Alla data').fill('2016-01-01');
      await page.waitForURL(/data=2016-01-01/);
      await eventually(async () => assert.deepEqual((await rows(page)).map((x) => x[1]), ['Rossi Mario', 'Verdi Luca']));
      await page.getByLabel('Alla data').fill('');
      await page.waitForURL((u) => !u.searchParams.has('data'));
      await eventually(async () => assert.equal((await rows(page)).length, 100));

      // Sort by name, then the other way round; aria-sort follows.
      const nameHeader = page.locator('.register-table thead th').nth(1);
      await nameHeader.getByRole('button').click();
      await page.waitForURL(/ordina=name/);
      await eventually(async () => assert.equal((await rows(page))[0]?.[1], 'Bianchi Giulia'));
      assert.equal(await nameHeader.getAttribute('aria-sort'), 'ascending');
      await nameHeader.getByRole('button').click();
      await page.waitForURL(/verso=desc/);
      await eventually(async () => assert.equal((await rows(page))[0]?.[1], 'Socio000250 Nome250'));
      assert.equal(await nameHeader.getAttribute('aria-sort'), 'descending');

      // Member type filter.
      await page.getByLabel('Tipo di socio').selectOption('sovventore');
      await page.waitForURL(/tipo=sovventore/);
      await eventually(async () => assert.deepEqual((await rows(page)).map((x) => x[1]), ['Bianchi Giulia']));

      // The export links carry the same filters and the UI language.
      const csv = new URL((await page.getByRole('link', { name: 'Esporta CSV' }).getAttribute('href')) ?? '', web.baseUrl);
      assert.equal(csv.pathname, `/api/v1/cooperatives/${web.fed.c1}/members/export`);
      assert.equal(csv.searchParams.get('format'), 'csv');
      assert.equal(csv.searchParams.get('memberType'), 'sovventore');
      assert.equal(csv.searchParams.get('status'), 'active');
      assert.equal(csv.searchParams.get('lang'), 'it');
      const download = await page.request.get(csv.toString());
      assert.equal(download.status(), 200, await download.text());
      assert.match(download.headers()['content-type'] ?? '', /text\/csv/);
      assert.match(await download.text(), /Bianchi/);
      assert.doesNotMatch(await download.text(), /Socio000001/, 'the export has the same filters as the screen');
      const xlsx = new URL((await page.getByRole('link', { name: 'Esporta Excel (XLSX)' }).getAttribute('href')) ?? '', web.baseUrl);
      assert.equal(xlsx.searchParams.get('format'), 'xlsx');
      assert.equal((await page.request.get(xlsx.toString())).status(), 200);

      // Back and forward restore the filters from the URL.
      await page.goBack();
      await page.waitForURL((u) => !u.searchParams.has('tipo'));
      await eventually(async () => assert.equal((await rows(page))[0]?.[1], 'Socio000250 Nome250'));
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });

  test('the co-operatives list filters by category and name, and links to each co-op', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      await signIn(page, web.fed.accounts.staffBologna);
      await page.goto('/cooperative');
      const table = page.getByRole('region', { name: 'Elenco delle cooperative' });
      await table.waitFor();
      const names = () => table.locator('tbody th').allInnerTexts();
      assert.deepEqual(await names(), ['Cooperativa Sociale Il Mosaico', 'Costruttori Bolognesi Soc. Coop.']);
      await page.getByLabel('Categoria Albo').selectOption('sociali');
      await page.waitForURL(/categoria=sociali/);
      await eventually(async () => assert.deepEqual(await names(), ['Cooperativa Sociale Il Mosaico']));
      assert.match(await page.locator('.result-count').innerText(), /^1 cooperativa$/);
      await page.getByLabel('Categoria Albo').selectOption('');
      await page.getByRole('searchbox', { name: 'Nome o codice fiscale' }).fill('costruttori');
      await page.waitForURL(/q=costruttori/);
      await eventually(async () => assert.deepEqual(await names(), ['Costruttori Bolognesi Soc. Coop.']));
      const coopsCsv = (await page.getByRole('link', { name: 'Esporta CSV' }).getAttribute('href')) ?? '';
      assert.match(coopsCsv, /^\/api\/v1\/cooperatives\/export\?q=costruttori&format=csv&lang=it$/);
      const coopsDownload = await page.request.get(coopsCsv);
      assert.equal(coopsDownload.status(), 200, await coopsDownload.text());
      assert.match(await coopsDownload.text(), /Costruttori Bolognesi/);
      await table.getByRole('link', { name: 'Costruttori Bolognesi Soc. Coop.' }).click();
      await page.waitForURL(`**/cooperative/${web.fed.c3}`);
      await page.getByRole('heading', { level: 1, name: 'Costruttori Bolognesi Soc. Coop.' }).waitFor();
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
});
