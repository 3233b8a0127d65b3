// Browser: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every page, on a desktop and on a phone (390×844),
// with no serious or critical violation; plus the skip link, keyboard focus and no sideways scrolling on a phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  addMembers,
  assertAccessible,
  browserSkip,
  DESKTOP_VIEWPORT,
  launchBrowser,
  membersCsvWithErrors,
  openPage,
  PHONE_VIEWPORT,
  settle,
  signIn,
  startWebPlatform,
  type WebPlatform,
} from '../support/browser.ts';

/** Axe, plus on a phone: the page itself never scrolls sideways (wide tables scroll inside their region). */
async function check(page: Page, label: string, phone: boolean): Promise<void> {
  await page.locator('#page-title').waitFor();
  await settle(page, label);
  await assertAccessible(page, label);
  if (phone) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${label}: the page is ${overflow}px wider than the phone screen`);
  }
}

describe('web: accessibility', { skip: browserSkip }, () => {
  let web: WebPlatform;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    web = await startWebPlatform();
    await addMembers(web, web.fed.c1, 120, 101);
  });
  after(async () => {
    await browser?.close();
    await web?.close();
  });

  for (const [name, viewport] of [
    ['desktop', DESKTOP_VIEWPORT],
    ['phone', PHONE_VIEWPORT],
  ] as const) {
    describe(`on a ${name} (${viewport.width}×${viewport.height})`, () => {
      const phone = name === 'phone';

      test('sign-in page, its errors, the skip link and the 404 page', async () => {
        const { context, page, problems } = await openPage(browser, web.baseUrl, { viewport });
        try {
          await page.goto('/accedi');
          await check(page, 'sign in', phone);
          // The skip link is the first stop of the keyboard and leads to the main content.
          await page.keyboard.press('Tab');
          assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Vai al contenuto principale');
          await page.keyboard.press('Enter');
          assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

          await page.getByLabel('Email', { exact: true }).fill(web.fed.accounts.member.email);
          await page.getByLabel('Password', { exact: true }).fill('wrong-password');
          await page.getByRole('button', { name: 'Accedi' }).click();
          await page.locator('[aria-live="assertive"] .alert').waitFor();
          await check(page, 'sign in with an error', phone);

          await page.goto('/non-esiste');
          await check(page, 'not found', phone);
          assert.deepEqual(problems.errors, []);
        } finally {
          await context.close();
        }
      });

      test("a member's pages", async () => {
        const { context, page, problems } = await openPage(browser, web.baseUrl, { viewport });
        try {
          await signIn(page, web.fed.accounts.member);
          await check(page, 'member home', phone);
          await page.goto('/profilo');
          await check(page, 'profile and memberships', phone);
          // The same page in English.
          await page.getByRole('button', { name: /^EN/ }).click();
          await page.locator('html[lang="en"]').waitFor();
          await check(page, 'profile in English', phone);
          await page.getByRole('button', { name: /^IT/ }).click();
          await page.locator('html[lang="it"]').waitFor();
          assert.deepEqual(problems.errors, []);
        } finally {
          await context.close();
        }
      });

      test("a co-op admin's pages: register, filters, import report", async () => {
        const { context, page, problems } = await openPage(browser, web.baseUrl, { viewport });
        try {
          await signIn(page, web.fed.accounts.adminC1);
          await check(page, 'co-op page and register', phone);
          await page.goto(`/cooperative/${web.fed.c1}?stato=exited`);
          await page.locator('.register-table').waitFor();
          await check(page, 'register, former members', phone);
          await page.goto(`/cooperative/${web.fed.c1}?cerca=nessuno-si-chiama-cosi`);
          await page.locator('.register .empty').waitFor();
          await check(page, 'register, no match', phone);

          await page.goto('/importa');
          await check(page, 'import form', phone);
          await page.getByRole('button', { name: 'Verifica il file' }).click();
          await page.locator('#import-file-error').waitFor();
          await check(page, 'import form with errors', phone);
          await page.getByLabel('File CSV o XLSX').setInputFiles({ name: 'soci.csv', mimeType: 'text/csv', buffer: Buffer.from(membersCsvWithErrors().csv, 'utf8') });
          await page.getByRole('button', { name: 'Verifica il file' }).click();
          await page.locator('#import-report').waitFor();
          await check(page, 'import dry-run report', phone);
          assert.deepEqual(problems.errors, []);
        } finally {
          await context.close();
        }
      });

      test("association staff's and platform admin's pages: dashboards, lists", async () => {
        const { context, page, problems } = await openPage(browser, web.baseUrl, { viewport });
        try {
          await signIn(page, web.fed.accounts.admin);
          await page.waitForURL(`**/organizzazioni/${web.fed.alliance}`);
          await check(page, 'top organisation dashboard', phone);
          await page.goto(`/organizzazioni/${web.fed.bologna}`);
          await page.locator('.chart svg').waitFor();
          await page.getByText('Mostra i dati in tabella').click();
          await check(page, 'territorial dashboard with chart and table', phone);
          await page.goto('/organizzazioni');
          await check(page, 'organisations', phone);
          await page.goto('/cooperative');
          await check(page, 'co-operatives list', phone);
          await page.goto(`/cooperative?organizzazione=${web.fed.bologna}&categoria=sociali`);
          await check(page, 'co-operatives list, filtered', phone);
          assert.deepEqual(problems.errors, []);
        } finally {
          await context.close();
        }
      });
    });
  }
});
