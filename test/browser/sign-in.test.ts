// Browser: signing in (errors announced, return to the page asked for), each role's home, signing out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { browserSkip, launchBrowser, openPage, signIn, startWebPlatform, type WebPlatform } from '../support/browser.ts';

describe('web: sign in and out', { skip: browserSkip }, () => {
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

  test('a visitor is sent to /accedi and, once signed in, back to the page asked for', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      await page.goto('/profilo');
      await page.waitForURL('**/accedi?next=%2Fprofilo');
      assert.equal(await page.locator('html').getAttribute('lang'), 'it');
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Accedi');
      assert.match(await page.title(), /Accedi/);

      // Empty form: the form's own checks, tied to the fields and announced.
      await page.getByRole('button', { name: 'Accedi' }).click();
      await page.locator('#email-error').waitFor();
      assert.equal(await page.locator('#email').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#email').getAttribute('aria-describedby'), 'email-error');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'email');
      assert.match(await page.locator('[aria-live="assertive"]').innerText(), /Correggi gli errori/);

      // Wrong password: the API's translated problem title is announced in the live region.
      await page.getByLabel('Email', { exact: true }).fill(web.fed.accounts.member.email);
      await page.getByLabel('Password', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Accedi' }).click();
      const live = page.locator('[aria-live="assertive"]');
      await live.getByText('E-mail o password non corretti').waitFor();
      assert.equal(new URL(page.url()).pathname, '/accedi');
      assert.equal(await page.locator('#password').inputValue(), '', 'the password field is cleared after a failure');

      await page.getByLabel('Password', { exact: true }).fill(web.fed.accounts.member.password);
      await page.getByRole('button', { name: 'Accedi' }).click();
      await page.waitForURL('**/profilo');
      await page.getByRole('heading', { level: 1, name: 'Profilo e iscrizioni' }).waitFor();
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });

  test('a member sees their memberships, shares and exits, with Italian dates and euros', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      await signIn(page, web.fed.accounts.member);
      assert.equal(new URL(page.url()).pathname, '/');
      const main = page.locator('main');
      await main.getByRole('heading', { name: 'Cooperativa Sociale Il Mosaico' }).waitFor();
      const text = await main.innerText();
      assert.match(text, /Benvenuto\/a, Mario Rossi/);
      assert.match(text, /01\/02\/2015/, 'admission date as dd/mm/yyyy');
      assert.match(text, /4 quote da 25,00\s€/);
      assert.match(text, /100,00\s€/);
      // The header shows who is signed in and the member's navigation (no registry sections).
      const nav = page.getByRole('navigation', { name: 'Navigazione principale' });
      assert.deepEqual((await nav.getByRole('link').allInnerTexts()).map((s) => s.trim()), ['Inizio', 'Profilo e iscrizioni', 'I miei dati', 'Assemblee', 'Mutualità']);
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });

  test('each role lands on its own dashboard', async () => {
    const cases = [
      { account: web.fed.accounts.adminC1, path: `/cooperative/${web.fed.c1}`, heading: 'Cooperativa Sociale Il Mosaico' },
      { account: web.fed.accounts.staffBologna, path: `/organizzazioni/${web.fed.bologna}`, heading: 'Legacoop Bologna' },
      { account: web.fed.accounts.admin, path: `/organizzazioni/${web.fed.alliance}`, heading: 'Alleanza delle Cooperative Italiane' },
    ];
    for (const c of cases) {
      const { context, page, problems } = await openPage(browser, web.baseUrl);
      try {
        await signIn(page, c.account);
        await page.waitForURL(`**${c.path}`);
        await page.getByRole('heading', { level: 1, name: c.heading }).waitFor();
        assert.deepEqual(problems.errors, [], c.account.email);
      } finally {
        await context.close();
      }
    }
  });

  test('a page the user may not see says so', async () => {
    const { context, page } = await openPage(browser, web.baseUrl);
    try {
      await signIn(page, web.fed.accounts.adminC3);
      await page.goto(`/cooperative/${web.fed.c1}`);
      await page.getByRole('alert').getByText('Accesso non consentito').waitFor();
    } finally {
      await context.close();
    }
  });

  test('signing out ends the session', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      await signIn(page, web.fed.accounts.member);
      await page.getByRole('button', { name: 'Esci' }).click();
      await page.waitForURL('**/accedi');
      await page.getByRole('status').getByText('Sei uscito da Cooperando.').waitFor();
      // The session is gone on the server too: a signed-in page sends us back to sign in.
      await page.goto('/profilo');
      await page.waitForURL('**/accedi?next=%2Fprofilo');
      const res = await page.request.get('/api/v1/auth/session');
      assert.equal(res.status(), 401);
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
});
