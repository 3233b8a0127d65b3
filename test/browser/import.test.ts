// Browser: importing members from a CSV with errors — the dry-run report lists row, column, value and the
// server's translated reason; committing writes the valid rows, which then appear in the register.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, eventually, launchBrowser, membersCsvWithErrors, openPage, signIn, startWebPlatform, type WebPlatform } from '../support/browser.ts';

/** The dry-run report's error rows: [row, column, value, reason]. */
async function errorRows(page: Page): Promise<string[][]> {
  return page.locator('.errors-table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((c) => (c.textContent ?? '').trim())));
}

describe('web: import', { skip: browserSkip }, () => {
  let web: WebPlatform;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    web = await startWebPlatform();
  });
  after(async () => {
    await browser?.close();
    await web?.close();
  });

  test('a CSV with errors: read the dry-run report, commit the valid rows, find them in the register', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      await signIn(page, web.fed.accounts.adminC1);
      await page.getByRole('link', { name: 'Importa soci' }).click();
      await page.getByRole('heading', { level: 1, name: 'Importa dati' }).waitFor();
      // A co-op's admin imports members into their co-op, which is already chosen.
      assert.equal(await page.getByRole('radio', { name: 'Soci di una cooperativa' }).isChecked(), true);
      assert.equal(await page.getByRole('radio', { name: 'Cooperative' }).count(), 0);
      await eventually(async () => assert.equal(await page.getByLabel('Cooperativa', { exact: true }).inputValue(), web.fed.c1));

      // Nothing chosen: the form says so next to the file field.
      await page.getByRole('button', { name: 'Verifica il file' }).click();
      await page.locator('#import-file-error').getByText('Scegli un file').waitFor();
      assert.equal(await page.locator('#import-file').getAttribute('aria-invalid'), 'true');

      const { csv, badCf } = membersCsvWithErrors();
      await page.getByLabel('File CSV o XLSX').setInputFiles({ name: 'soci.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByRole('button', { name: 'Verifica il file' }).click();
      await page.getByRole('heading', { level: 2, name: 'Esito della verifica' }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-report', 'focus moves to the report');
      const summary = await page.locator('.report').first().innerText();
      assert.match(summary, /Righe lette: 4 · valide: 1 · scartate: 3\./);

      const errs = await errorRows(page);
      assert.ok(errs.length >= 3, `expected at least 3 errors, got ${JSON.stringify(errs)}`);
      const byRow = new Map(errs.map((e) => [e[0], e]));
      // Rows as the spreadsheet shows them: the header is row 1.
      assert.deepEqual(byRow.get('3')?.slice(0, 3), ['3', 'Codice fiscale', badCf]);
      assert.match(byRow.get('3')?.[3] ?? '', /carattere di controllo/);
      assert.deepEqual(byRow.get('4')?.slice(0, 3), ['4', 'Tipi socio', 'pirata']);
      assert.match(byRow.get('4')?.[3] ?? '', /Tipo di socio sconosciuto/);
      assert.deepEqual(byRow.get('5')?.slice(0, 2), ['5', 'Data ammissione']);
      assert.match(byRow.get('5')?.[3] ?? '', /Data non valida/);
      assert.equal(byRow.has('2'), false, 'the good row has no error');

      // Commit the valid row.
      await page.getByRole('button', { name: 'Importa 1 riga valida' }).click();
      await page.getByRole('heading', { level: 2, name: 'Esito dell’importazione' }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'import-result');
      assert.match(await page.locator('.report').last().innerText(), /Importazione completata\. Inserite: 1 · aggiornate: 0 · invariate: 0\./);

      // The new member is in the register.
      await page.goto(`/cooperative/${web.fed.c1}?cerca=gialli`);
      await eventually(async () => assert.deepEqual(await page.locator('.register-table tbody th').allInnerTexts(), ['Gialli Paolo']));
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });

  test('association staff may import co-operatives; template links follow the kind', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      await signIn(page, web.fed.accounts.staffBologna);
      await page.goto('/importa');
      await page.getByRole('radio', { name: 'Cooperative' }).check();
      await page.waitForURL(/tipo=cooperatives/);
      assert.equal(await page.getByLabel('Cooperativa', { exact: true }).count(), 0);
      const href = new URL((await page.getByRole('link', { name: 'CSV', exact: true }).getAttribute('href')) ?? '', web.baseUrl);
      assert.equal(href.pathname, '/api/v1/imports/template');
      assert.equal(href.searchParams.get('kind'), 'cooperatives');
      assert.equal(href.searchParams.get('format'), 'csv');
      const res = await page.request.get(href.toString());
      assert.equal(res.status(), 200, 'the template downloads');
      assert.match(await res.text(), /Denominazione/);
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
});
