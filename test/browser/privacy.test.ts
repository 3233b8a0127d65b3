// Browser: a member opens "I miei dati" from the menu, downloads the ZIP of their data (checked file by file),
// withdraws and gives again a consent (dates shown, history kept), and reads in the access log that the co-op's
// administrator looked at their membership and that they downloaded their copy, and re-imports the copy. Axe on the page, on a desktop and a
// phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { unzipSync, strFromU8 } from 'fflate';
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

describe('web: my data', { skip: browserSkip }, () => {
  let web: WebPlatform;
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
    web = await startWebPlatform();
    // The co-op's administrator looks at Mario's membership: it shows in his access log.
    const admin = await web.platform.signIn(web.fed.accounts.adminC1.email, web.fed.accounts.adminC1.password);
    const res = await web.platform.app.inject({ method: 'GET', url: `/api/v1/memberships/${web.fed.memberships.marioC1}`, headers: admin });
    assert.equal(res.statusCode, 200);
  });
  after(async () => {
    await browser?.close();
    await web?.close();
  });

  test('download my data, withdraw and give again a consent, read who used my data', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      await signIn(page, web.fed.accounts.member);
      await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'I miei dati', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'I miei dati' }).waitFor();
      await settle(page, 'my data');
      await assertAccessible(page, 'my data');

      // 1. The copy: a ZIP with the manifest, the README, vCard, iCalendar and the member's data.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Scarica i miei dati (ZIP)' }).click()]);
      assert.match(download.suggestedFilename(), /^cooperando-dati-\d{4}-\d\d-\d\d\.zip$/);
      const path = await download.path();
      const files = unzipSync(new Uint8Array(await readFile(path)));
      for (const name of ['manifest.json', 'README.txt', 'profile.vcf', 'assemblies.ics', 'data/profile.json', 'schemas/profile.schema.json', 'csv/memberships.csv']) {
        assert.ok(files[name], `${name} in the ZIP`);
      }
      const profile = JSON.parse(strFromU8(files['data/profile.json'] as Uint8Array)) as { items: { id: string; family_name: string }[] };
      assert.deepEqual(profile.items.map((p) => [p.id, p.family_name]), [[web.fed.people.mario, 'Rossi']]);
      const memberships = JSON.parse(strFromU8(files['data/memberships.json'] as Uint8Array)) as { items: unknown[] };
      assert.equal(memberships.items.length, 2);
      assert.match(strFromU8(files['profile.vcf'] as Uint8Array), /FN:Mario Rossi/);
      const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array)) as { format: string; files: { path: string }[] };
      assert.equal(manifest.format, 'cooperando-personal-data');
      assert.ok(manifest.files.length > 100);

      // 2. Consents: give, withdraw, give again — each with its date, the history kept.
      const newsletter = page.getByRole('checkbox', { name: 'Notizie per e-mail' });
      assert.equal(await newsletter.isChecked(), false);
      await newsletter.click();
      await page.getByRole('status').getByText('Consenso dato: Notizie per e-mail.').waitFor();
      await page.getByText(/^Consenso dato il \d\d\/\d\d\/\d{2,4}/).waitFor();
      await newsletter.click();
      await page.getByRole('status').getByText('Consenso revocato: Notizie per e-mail.').waitFor();
      await page.getByText(/^Consenso revocato il \d\d\/\d\d\/\d{2,4}/).waitFor();
      assert.equal(await newsletter.isChecked(), false);
      await newsletter.click();
      await page.getByRole('status').getByText('Consenso dato: Notizie per e-mail.').waitFor();
      await page.getByText('Storico (2)').click();
      await eventually(async () => assert.equal(await page.getByText(/revocato il \d\d\/\d\d\/\d{2,4}/).count(), 1));
      const api = await web.platform.database.query<{ n: number }>('SELECT count(*)::int AS n FROM consents WHERE account_id = $1', [web.fed.accounts.member.id]);
      assert.equal(api.rows[0]?.n, 2, 'two givings recorded');
      // The choice survives a reload.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'I miei dati' }).waitFor();
      await settle(page);
      assert.equal(await page.getByRole('checkbox', { name: 'Notizie per e-mail' }).isChecked(), true);

      // 3. The access log: the administrator's look (name and role shown) and my download.
      const log = page.getByRole('region', { name: 'Chi ha usato i miei dati' });
      const read = log.locator('tr[data-action="membership.read"]');
      await eventually(async () => assert.equal(await read.count(), 1));
      const text = (await read.innerText()).replace(/\s+/g, ' ');
      assert.match(text, /Giulia Bianchi/);
      assert.match(text, /Amministratore di cooperativa · Cooperativa Sociale Il Mosaico/);
      assert.match(text, /Ha consultato la tua iscrizione/);
      assert.equal(await log.locator('tr[data-action="privacy.export"]').count(), 1);
      await page.getByLabel('Solo le operazioni di altre persone').click();
      await eventually(async () => assert.equal(await log.locator('tr[data-action="privacy.export"]').count(), 0));
      assert.equal(await log.locator('tr[data-action="membership.read"]').count(), 1);

      // 4. Import: the copy just downloaded, uploaded (here to the same instance): the outcome, then the list.
      await page.getByLabel('Copia dei dati (ZIP)').setInputFiles(path);
      await page.getByRole('button', { name: 'Importa', exact: true }).click();
      await page.getByRole('status').getByText(/^Importato da .+: 2 iscrizioni \(0 con tessera digitale\)/).waitFor();
      await page.getByRole('button', { name: /^Rimuovi l’importazione da / }).waitFor();
      await settle(page);
      await assertAccessible(page, 'my data after the changes');
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });

  test('on a phone, in English', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl, { viewport: PHONE_VIEWPORT });
    try {
      await signIn(page, web.fed.accounts.member);
      await page.getByRole('button', { name: /^EN/ }).click();
      await page.goto('/i-miei-dati');
      await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
      await settle(page);
      await page.getByRole('checkbox', { name: 'Statistics for research' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone screen`);
      await assertAccessible(page, 'my data on a phone');
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
});
