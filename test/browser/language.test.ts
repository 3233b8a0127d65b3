// Browser: the IT/EN switch — every string changes, <html lang> follows, the choice survives a reload and is
// saved on the account, and the server's messages come back in the chosen language.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, eventually, launchBrowser, openPage, signIn, startWebPlatform, type WebPlatform } from '../support/browser.ts';

async function accountLocale(page: Page): Promise<string> {
  const res = await page.request.get('/api/v1/auth/session');
  assert.equal(res.status(), 200);
  return ((await res.json()) as { account: { locale: string } }).account.locale;
}

describe('web: language switch', { skip: browserSkip }, () => {
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

  test('switches IT → EN and back, persisted on the device and on the account', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      await signIn(page, web.fed.accounts.member);
      const html = page.locator('html');
      const nav = page.getByRole('navigation', { name: /Navigazione principale|Main navigation/ });
      assert.equal(await html.getAttribute('lang'), 'it');
      await page.getByRole('heading', { level: 1, name: 'Benvenuto/a, Mario Rossi' }).waitFor();
      const it = page.getByRole('button', { name: /^IT/ });
      const en = page.getByRole('button', { name: /^EN/ });
      assert.equal(await it.getAttribute('aria-pressed'), 'true');
      assert.equal(await en.getAttribute('aria-pressed'), 'false');

      await en.click();
      await page.getByRole('heading', { level: 1, name: 'Welcome, Mario Rossi' }).waitFor();
      assert.equal(await html.getAttribute('lang'), 'en');
      assert.equal(await en.getAttribute('aria-pressed'), 'true');
      assert.deepEqual((await nav.getByRole('link').allInnerTexts()).map((s) => s.trim()), ['Home', 'Profile and memberships', 'My data', 'Assemblies', 'Mutuality']);
      assert.match(await page.title(), /^Home · Cooperando$/);
      assert.equal(await page.getByRole('link', { name: 'Skip to main content' }).count(), 1);
      await eventually(async () => {
        const main = await page.locator('main').innerText();
        assert.match(main, /01\/02\/2015/, 'dates stay dd/mm/yyyy (en-GB)');
        assert.match(main, /4 shares of €25\.00/);
      });
      assert.equal(await page.evaluate(() => localStorage.getItem('cooperando.lang')), 'en');
      await eventually(async () => assert.equal(await accountLocale(page), 'en'));

      // A reload keeps English.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Welcome, Mario Rossi' }).waitFor();
      assert.equal(await html.getAttribute('lang'), 'en');

      // Server messages follow: a wrong password after signing out is reported in English.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      await page.getByLabel('Email', { exact: true }).fill(web.fed.accounts.member.email);
      await page.getByLabel('Password', { exact: true }).fill('wrong-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('[aria-live="assertive"]').getByText('Wrong e-mail or password').waitFor();

      // Back to Italian, before signing in again: the device's choice is saved on the account.
      await page.getByRole('button', { name: /^IT/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Accedi' }).waitFor();
      assert.equal(await html.getAttribute('lang'), 'it');
      await page.getByLabel('Password', { exact: true }).fill(web.fed.accounts.member.password);
      await page.getByRole('button', { name: 'Accedi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Benvenuto/a, Mario Rossi' }).waitFor();
      await eventually(async () => assert.match(await page.locator('main').innerText(), /4 quote da 25,00\s€/));
      await eventually(async () => assert.equal(await accountLocale(page), 'it'));
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });

  test('a new device adopts the language saved on the account', async () => {
    const first = await openPage(browser, web.baseUrl);
    try {
      await signIn(first.page, web.fed.accounts.staffBologna);
      await first.page.getByRole('button', { name: /^EN/ }).click();
      await first.page.locator('html[lang="en"]').waitFor();
      await eventually(async () => assert.equal(await accountLocale(first.page), 'en'));
    } finally {
      await first.context.close();
    }
    const second = await openPage(browser, web.baseUrl);
    try {
      await signIn(second.page, web.fed.accounts.staffBologna);
      await second.page.locator('html[lang="en"]').waitFor();
      await second.page.getByRole('heading', { level: 2, name: /^Roll-up \d{4}$/ }).waitFor();
      assert.equal(await second.page.evaluate(() => localStorage.getItem('cooperando.lang')), 'en');
      assert.deepEqual(second.problems.errors, []);
    } finally {
      await second.context.close();
    }
  });
});
