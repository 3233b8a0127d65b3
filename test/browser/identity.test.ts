// Browser, end to end: a member adds a passkey and signs in with it, signs in to a second application through the
// platform (consent page), gets a membership credential that an independent verifier accepts, and sees it rejected
// once the membership ends — with axe checks on each identity page, on a desktop and on a phone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, browserSkip, launchBrowser, openPage, PHONE_VIEWPORT, settle, signIn } from '../support/browser.ts';
import { independentVerify } from '../identity/support/independent-verifier.ts';
import { addVirtualAuthenticator, startIdentityWeb, startRelyingParty, type IdentityWeb, type RelyingParty } from './identity-support.ts';

async function check(page: Page, label: string): Promise<void> {
  await page.locator('#page-title').waitFor();
  await settle(page, label);
  await assertAccessible(page, label);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label}: ${overflow}px wider than the screen`);
}

describe('web: the member’s cooperative identity', { skip: browserSkip }, () => {
  let web: IdentityWeb;
  let browser: Browser;
  let rp: RelyingParty;
  before(async () => {
    browser = await launchBrowser();
    web = await startIdentityWeb();
    const admin = await web.platform.signIn(web.fed.accounts.admin.email, web.fed.accounts.admin.password);
    rp = await startRelyingParty(web, admin);
  });
  after(async () => {
    await rp?.close();
    await browser?.close();
    await web?.close();
  });

  test('passkey sign-in, sign-in to another application, a credential verified — then refused once the membership ends', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl);
    try {
      await addVirtualAuthenticator(page);
      const member = web.fed.accounts.member;
      await signIn(page, member);

      // Add a passkey (the sign-in a moment ago is a fresh enough confirmation).
      await page.goto('/sicurezza');
      await page.getByRole('heading', { level: 1, name: 'Sicurezza dell’account' }).waitFor();
      await page.getByRole('button', { name: 'Aggiungi una passkey' }).click();
      await page.getByText(/Passkey «.*» aggiunta\./).waitFor();
      await page.getByRole('list', { name: 'Le tue passkey' }).getByRole('listitem').first().waitFor();
      await check(page, 'security page with a passkey');

      // Sign out, then back in with the passkey alone.
      await page.getByRole('button', { name: 'Esci' }).click();
      await page.waitForURL(/\/accedi/);
      await check(page, 'sign-in page with the passkey button');
      await page.getByRole('button', { name: 'Entra con una passkey' }).click();
      // Back to the page the member was on, with no e-mail or password typed.
      await page.getByRole('heading', { level: 1, name: 'Sicurezza dell’account' }).waitFor();
      const session = await (await page.request.get('/api/v1/me/sessions')).json() as { items: { current: boolean; authMethod: string }[] };
      assert.equal(session.items.find((s) => s.current)?.authMethod, 'passkey');

      // A second application signs the member in through the platform: the consent page shows what it will get.
      await page.goto(`${rp.url}/login`);
      await page.waitForURL(/\/autorizza\//);
      await page.getByRole('heading', { level: 2, name: 'Spesa Cooperativa chiede di conoscerti' }).waitFor();
      await page.getByText('Cooperativa Sociale Il Mosaico: Socio lavoratore, socio dal 01/02/2015 (attiva)').waitFor();
      await check(page, 'consent page');
      await page.getByRole('button', { name: 'Consenti' }).click();
      await page.waitForURL(`${rp.url}/callback**`);
      await page.getByRole('heading', { level: 1, name: 'Benvenuto/a, Mario Rossi' }).waitFor();
      const ms = await page.locator('#memberships li').allInnerTexts();
      assert.deepEqual(ms.sort(), ['Cooperativa Romagnola Servizi', 'Cooperativa Sociale Il Mosaico']);

      // A membership credential: issued, shown with only sector and province, accepted by an independent verifier.
      await page.goto(`${web.baseUrl}/credenziali`);
      await page.getByRole('button', { name: 'Ottieni la tessera di Cooperativa Sociale Il Mosaico' }).click();
      await page.getByText('Tessera di Cooperativa Sociale Il Mosaico pronta.').waitFor();
      const card = page.locator('li.card', { has: page.getByRole('heading', { name: /Cooperativa Sociale Il Mosaico/ }) }).first();
      await card.getByRole('button', { name: 'Mostra' }).click();
      const textarea = card.getByLabel('Tessera da mostrare');
      await textarea.waitFor();
      const presentation = await textarea.inputValue();
      await card.getByRole('img', { name: /Codice QR della tessera che rivela: Settore, Provincia/ }).waitFor();
      await check(page, 'credentials page with a presentation');
      const verified = await independentVerify(presentation, { issuer: web.baseUrl });
      assert.deepEqual(verified.disclosed, { sector: 'sociali', province: 'BO' });

      // The public verification page, as opened from the QR code.
      await page.goto(`${web.baseUrl}/verifica#${presentation}`);
      await page.getByText('Tessera autentica e valida').waitFor();
      await page.getByText('Cooperative sociali').waitFor();
      await check(page, 'verification page, valid');

      // The co-op records the member's withdrawal: the credential is refused from then on.
      const coopAdmin = await web.platform.signIn(web.fed.accounts.adminC1.email, web.fed.accounts.adminC1.password);
      const exit = await web.platform.app.inject({
        method: 'POST',
        url: `/api/v1/memberships/${web.fed.memberships.marioC1}/exit`,
        headers: coopAdmin,
        payload: { exitKind: 'recesso', exitOn: new Date().toISOString().slice(0, 10) },
      });
      assert.equal(exit.statusCode, 200, exit.body);
      await assert.rejects(independentVerify(presentation, { issuer: web.baseUrl }), /status/i);
      await page.goto('about:blank'); // a fresh load (the same address with a fragment would not reload)
      await page.goto(`${web.baseUrl}/verifica#${presentation}`);
      await page.getByText('Tessera non valida').waitFor();
      await page.getByText(/La tessera è stata revocata/).waitFor();
      await check(page, 'verification page, revoked');
      await page.goto(`${web.baseUrl}/credenziali`);
      await page.locator('li.card', { hasText: 'Cooperativa Sociale Il Mosaico' }).getByText('revocata').first().waitFor();
      await page.goto(`${web.baseUrl}/sicurezza/eventi`);
      await page.getByRole('cell', { name: 'Credenziale revocata' }).first().waitFor();
      await check(page, 'security events');
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });

  test('on a phone: sign-in, recovery, invitation, admin and verification pages are accessible', async () => {
    const { context, page, problems } = await openPage(browser, web.baseUrl, { viewport: PHONE_VIEWPORT });
    try {
      for (const path of ['/accedi', '/password-dimenticata', '/accedi/codice-di-recupero', '/verifica', '/reimposta-password']) {
        await page.goto(path);
        await check(page, `phone ${path}`);
      }
      // An invitation (kept in the outbox: no SMTP here), opened from its link.
      const admin = await web.platform.signIn(web.fed.accounts.adminC1.email, web.fed.accounts.adminC1.password);
      const inv = await web.platform.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: admin, payload: { email: 'giulia.bis@example.it', personId: web.fed.people.luca } });
      assert.equal(inv.statusCode, 201, inv.body);
      await page.goto(new URL((inv.json() as { acceptUrl: string }).acceptUrl).pathname);
      await page.getByRole('heading', { level: 2, name: 'Crea il tuo account' }).waitFor();
      await check(page, 'phone invitation');

      await signIn(page, web.fed.accounts.admin);
      for (const [path, heading] of [
        ['/amministrazione', 'Amministrazione'],
        ['/amministrazione/applicazioni', 'Applicazioni collegate'],
        ['/amministrazione/posta', 'Posta in uscita'],
        ['/sicurezza', 'Sicurezza dell’account'],
        ['/sicurezza/eventi', 'Eventi di sicurezza'],
        [`/cooperative/${web.fed.c1}/inviti`, 'Invita i soci'],
      ] as const) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await check(page, `phone ${path}`);
      }
      // The outbox holds the invitation above.
      await page.goto('/amministrazione/posta');
      await page.getByRole('cell', { name: 'giulia.bis@example.it' }).waitFor();

      // In English: the consent page of the second application, and the credentials page.
      await page.getByRole('button', { name: /^EN/ }).click();
      await page.locator('html[lang="en"]').waitFor();
      await page.goto(`${rp.url}/login`);
      await page.getByRole('heading', { level: 2, name: 'Spesa Cooperativa asks to know you' }).waitFor();
      await check(page, 'phone consent page in English');
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL(`${rp.url}/callback**`);
      await page.goto(`${web.baseUrl}/credenziali`);
      await page.getByRole('heading', { level: 1, name: 'My credentials' }).waitFor();
      await check(page, 'phone credentials page in English');
      assert.deepEqual(problems.errors, []);
    } finally {
      await context.close();
    }
  });
});
