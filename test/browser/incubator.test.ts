// Browser: the public pages for would-be founders, signed out — the kinds of co-op with the registry's figures, then
// the self-assessment filled in as a group of three workers: a worker co-op under SRL rules is recommended with
// art. 2522 shown; a client-side mistake and a server-side one are reported on their fields; the switch to English
// turns the page and the result to English. Axe on every page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserSkip, eventually, launchBrowser, openPage, settle, startWebPlatform, type WebPlatform } from '../support/browser.ts';

async function check(page: Page, label: string): Promise<void> {
  await page.locator('#page-title').waitFor();
  await settle(page, label);
  await assertAccessible(page, label);
}

describe('web: incubator (found a co-operative)', { skip: browserSkip }, () => {
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

  test('three workers get a worker co-op with SRL rules and the article; then in English', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      // Signed out, from the menu.
      await page.goto('/accedi');
      await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Fondare una cooperativa' }).click();
      await page.getByRole('heading', { level: 1, name: 'Fondare una cooperativa' }).waitFor();
      await check(page, 'kinds');
      // The small federation has two active worker co-ops, one in Bologna and one in Ravenna.
      const worker = page.getByRole('article', { name: 'Cooperativa di lavoro (produzione e lavoro)' });
      await eventually(async () => {
        const text = await worker.innerText();
        assert.match(text, /Cooperative attive nel registro\s*2/);
        assert.match(text, /BO: 1/);
        assert.match(text, /RA: 1/);
        assert.match(text, /Nate con l’incubatore\s*0/);
      });
      await page.getByRole('link', { name: 'Fate l’autovalutazione' }).click();
      await page.getByRole('heading', { level: 1, name: 'Autovalutazione per fondare una cooperativa' }).waitFor();
      await check(page, 'assessment form');

      // Nothing chosen: the form says what is missing, on its fields.
      await page.getByRole('button', { name: 'Valuta' }).click();
      await page.getByText('Scegliete almeno un tipo di socio').waitFor();
      assert.equal(await page.getByLabel('Quanti fondatori?').getAttribute('aria-invalid'), 'true');

      await page.getByRole('group', { name: 'Chi saranno i soci?' }).getByLabel('Lavoratori').check();
      await page.getByLabel('Quanti fondatori?').fill('3');
      // More firms than founders: the server's problem names the field.
      await page.getByLabel('Di cui imprese o enti').fill('4');
      await page.getByRole('button', { name: 'Valuta' }).click();
      await page.getByText('I fondatori persone giuridiche non possono essere più dei fondatori').first().waitFor();
      assert.equal(await page.getByLabel('Di cui imprese o enti').getAttribute('aria-invalid'), 'true');

      await page.getByLabel('Di cui imprese o enti').fill('0');
      await page.getByRole('button', { name: 'Valuta' }).click();
      const result = page.getByRole('region', { name: 'La forma consigliata' });
      await result.getByRole('heading', { level: 3, name: /Cooperativa di lavoro \(produzione e lavoro\)/ }).waitFor();
      const text = await result.innerText();
      assert.match(text, /Consigliata: Cooperativa di lavoro \(produzione e lavoro\), con le norme della SRL\./);
      assert.match(text, /3 fondatori: sufficienti con le norme della SRL perché sono tutti persone fisiche \(art\. 2522 c\. 2\)/);
      assert.match(text, /art\. 2522 c\.c\./);
      assert.match(text, /art\. 2525 c\. 1 c\.c\./);
      assert.match(text, /L\. 142\/2001 art\. 6/);
      await check(page, 'assessment result');

      // English: the form and the result switch.
      await page.getByRole('button', { name: /^EN/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Self-assessment for founding a co-operative' }).waitFor();
      const en = page.getByRole('region', { name: 'The recommended form' });
      await en.getByRole('heading', { level: 3, name: /Worker co-operative \(production and labour\)/ }).waitFor();
      const enText = await en.innerText();
      assert.match(enText, /Recommended: Worker co-operative \(production and labour\), with SRL rules\./);
      assert.match(enText, /3 founders: enough under SRL rules as all are natural persons \(art\. 2522\(2\)\)/);
      assert.match(enText, /art\. 2522 Civil Code/);
      assert.equal(await page.getByLabel('How many founders?').inputValue(), '3');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await check(page, 'assessment result in English');
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
});
