// Browser: a general meeting of co-op c1 run through the web app. The chair (the co-op's administrator) records the
// statute's parameters and convenes a hybrid assembly with a resolution and an STV election; a member receives the
// convocation, confirms receipt, gives a proxy and revokes it, and carries another member's proxy; on a phone the
// member joins online, votes for themselves and the member they represent (the election with the keyboard-operable
// ranking control) and reads each result as soon as the chair closes the vote — without reloading; the chair checks a
// member in, opens the session, opens and closes the votes and closes the assembly; the member downloads the minutes
// and checks them against the published hash. axe-core runs on every governance page (desktop and phone).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/core/db.ts';
import { hashPassword } from '../../src/modules/identity/password.ts';
import { refreshMemberStats } from '../../src/modules/registry/index.ts';
import { PASSWORD } from '../support/fixtures.ts';
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
  type PageProblems,
  type WebPlatform,
} from '../support/browser.ts';
import { applyMove } from '../../web/src/governance/ranking.ts';
import { sha256Fallback } from '../../web/src/governance/sha256.ts';

// ---------- plain modules of the governance pages (no browser) ----------

test('ranking moves: add at the bottom, up and down by one place, remove; edges leave the order alone', () => {
  let r: string[] = [];
  r = applyMove(r, 'a', 'add');
  r = applyMove(r, 'b', 'add');
  r = applyMove(r, 'c', 'add');
  assert.deepEqual(r, ['a', 'b', 'c']);
  assert.deepEqual(applyMove(r, 'c', 'up'), ['a', 'c', 'b']);
  assert.deepEqual(applyMove(r, 'a', 'down'), ['b', 'a', 'c']);
  assert.deepEqual(applyMove(r, 'a', 'up'), r);
  assert.deepEqual(applyMove(r, 'c', 'down'), r);
  assert.deepEqual(applyMove(r, 'b', 'remove'), ['a', 'c']);
  assert.deepEqual(applyMove(r, 'a', 'add'), r, 'adding a ranked candidate again changes nothing');
  assert.deepEqual(applyMove(r, 'x', 'up'), r);
});

test('the SHA-256 fallback (minutes check off a secure context) agrees with node:crypto', () => {
  for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 70_001]) {
    const bytes = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
    assert.equal(sha256Fallback(bytes), createHash('sha256').update(bytes).digest('hex'), `length ${n}`);
  }
});

// ---------- the browser ----------

/** A member of c1 registered `daysAgo` days ago, with an account (password PASSWORD); returns the person id. */
async function addMember(web: WebPlatform, m: { given: string; family: string; email: string; daysAgo: number; number: number }): Promise<string> {
  const db = web.platform.database.db;
  const since = new Date(Date.now() - m.daysAgo * 86_400_000).toISOString().slice(0, 10);
  const [p] = await queryRows<{ id: string }>(db, sql`
    INSERT INTO people (kind, given_name, family_name, email) VALUES ('natural', ${m.given}, ${m.family}, ${m.email}) RETURNING id`);
  const personId = (p as { id: string }).id;
  await db.execute(sql`
    INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on, shares_count, share_nominal_cents, subscribed_cents, paid_cents)
    VALUES (${web.fed.c1}, ${personId}, ${m.number}, '{lavoratore}', ${since}, ${since}, 2, 2500, 5000, 5000)`);
  await db.execute(sql`INSERT INTO accounts (email, password_hash, display_name, person_id) VALUES (${m.email}, ${await hashPassword(PASSWORD)}, ${`${m.given} ${m.family}`}, ${personId})`);
  await refreshMemberStats(web.platform.database, [web.fed.c1]);
  return personId;
}

/**
 * The day of the assembly comes: its first call a minute ago (second call tomorrow). Calls of a convened assembly
 * are fixed by a trigger; the test moves time instead, bypassing it for this one statement.
 */
async function arrive(web: WebPlatform, assemblyId: string): Promise<void> {
  await web.platform.database.rawTransaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(`UPDATE assemblies SET first_call_at = now() - interval '1 minute', second_call_at = now() + interval '1 day' WHERE id = $1`, [assemblyId]);
  });
}

/** A datetime-local value `days` from today at 18:00 (the browser's time zone: Europe/Rome). */
const localAt = (days: number) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T18:00`;

/** Axe on a settled page; on a phone the page never scrolls sideways. */
async function check(page: Page, label: string): Promise<void> {
  await page.locator('#page-title').waitFor();
  await settle(page, label);
  await assertAccessible(page, label);
  if ((page.viewportSize()?.width ?? 1000) < 500) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${label}: the page is ${overflow}px wider than the phone screen`);
  }
}

interface Actor {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

describe('web: an assembly from convocation to minutes', { skip: browserSkip }, () => {
  let web: WebPlatform;
  let browser: Browser;
  let chair: Actor; // Giulia Bianchi: c1's administrator, and a member
  let mario: Actor; // a member, on a phone
  let paolo: Actor; // another member, who gives Mario his proxy
  let assemblyId = '';
  const title = 'Assemblea di bilancio 2026';

  before(async () => {
    browser = await launchBrowser();
    web = await startWebPlatform();
    await addMember(web, { given: 'Paolo', family: 'Gialli', email: 'paolo.gialli@example.it', daysAgo: 400, number: 10 });
    await addMember(web, { given: 'Nora', family: 'Nuovi', email: 'nora.nuovi@example.it', daysAgo: 30, number: 11 });
    chair = await openPage(browser, web.baseUrl);
    mario = await openPage(browser, web.baseUrl, { viewport: PHONE_VIEWPORT });
    paolo = await openPage(browser, web.baseUrl);
  });
  after(async () => {
    for (const a of [chair, mario, paolo]) await a?.context.close();
    await browser?.close();
    await web?.close();
  });

  test('the chair records the statute and convenes a hybrid assembly with its agenda and a document', async () => {
    const { page } = chair;
    await signIn(page, web.fed.accounts.adminC1);
    await page.waitForURL(`**/cooperative/${web.fed.c1}`);
    await page.getByRole('link', { name: 'Assemblee e votazioni' }).click();
    await page.waitForURL(`**/cooperative/${web.fed.c1}/assemblee`);
    await page.getByText('Nessuna assemblea in programma.').waitFor();
    await check(page, 'co-op assemblies');

    // The statute: hybrid meetings allowed; a looser rule than the law is refused on its field.
    await page.getByRole('link', { name: 'Parametri dello statuto' }).click();
    await page.getByText('Non è stata registrata alcuna versione: valgono le regole del Codice civile.').waitFor();
    await check(page, 'statute');
    const maxProxies = page.getByLabel('Deleghe al massimo per socio');
    await maxProxies.fill('11');
    await page.getByLabel('Intervento in assemblea con mezzi di telecomunicazione').check();
    await page.getByLabel('Nota della modifica (facoltativa)').fill('Art. 24 dello statuto');
    await page.getByRole('button', { name: 'Registra una nuova versione' }).click();
    await page.locator('.field-error', { hasText: 'Da 1 a 10 deleghe per socio' }).waitFor();
    assert.equal(await maxProxies.getAttribute('aria-invalid'), 'true');
    await maxProxies.fill('2');
    await page.getByRole('button', { name: 'Registra una nuova versione' }).click();
    await page.getByText('Registrata la versione 1.').waitFor();
    await page.getByText(/In vigore la versione 1, registrata il \d\d\/\d\d\/\d{4}, \d\d:\d\d/).waitFor();

    // Convene: details, calls, a resolution and an STV election.
    await page.getByRole('link', { name: 'Torna alle assemblee' }).click();
    await page.getByRole('link', { name: 'Convoca un’assemblea' }).click();
    await page.waitForURL('**/assemblee/nuova');
    await check(page, 'convene form');
    await page.getByLabel('Titolo', { exact: true }).fill(title);
    await page.getByLabel('Mista (in presenza e online)').check();
    await page.getByLabel('Luogo').fill('Sede sociale, via Larga 1, Bologna');
    await page.getByLabel('Collegamento per partecipare online').fill('https://meet.example.it/mosaico');
    await page.getByLabel('Prima convocazione (data e ora)').fill(localAt(16));
    await page.getByLabel('Seconda convocazione (facoltativa)').fill(localAt(17));
    await page.getByText('Preavviso previsto dallo statuto: almeno 15 giorni (8 con prova di ricezione).').waitFor();
    const item1 = page.getByRole('group', { name: 'Punto 1' });
    await item1.getByLabel('Titolo del punto').fill('Approvazione del bilancio 2025');
    await item1.getByLabel('Testo della proposta da votare').fill('L’assemblea approva il bilancio dell’esercizio 2025.');
    await page.getByRole('button', { name: 'Aggiungi un’elezione' }).click();
    const item2 = page.getByRole('group', { name: 'Punto 2' });
    await item2.getByLabel('Titolo del punto').fill('Elezione del consiglio di amministrazione');
    assert.equal(await item2.getByLabel('Sistema di voto').inputValue(), 'stv');
    await item2.getByLabel('Posti da assegnare').fill('2');
    await item2.getByLabel('Candidati').fill('Anna Neri\nBruno Blu\nCarla Gialli');
    await page.getByRole('button', { name: 'Salva la bozza' }).click();
    await page.waitForURL(/\/assemblee\/[0-9a-f-]{36}$/);
    assemblyId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.locator('.page-heading').getByText('Bozza').waitFor();
    await check(page, 'draft assembly');

    // A document for the first item, then the convocation: roll taken, notices sent.
    await page.getByLabel('Allega un documento a «Approvazione del bilancio 2025»').setInputFiles({
      name: 'bilancio-2025.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% bilancio di prova\n'),
    });
    await page.getByRole('button', { name: 'Carica — Approvazione del bilancio 2025' }).click();
    await page.getByRole('link', { name: 'bilancio-2025.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Convoca e invia gli avvisi' }).click();
    // Mario, Giulia, Paolo and Nora are members on the record date (Luca left in 2022); all four have an address.
    await page.getByText('Assemblea convocata: 4 avvisi nell’app, 4 e-mail.').waitFor();
    await page.locator('.page-heading').getByText('Convocata').waitFor();
    await check(page, 'convened assembly (chair)');

    // The roll explains who may not vote and why.
    await page.getByRole('link', { name: 'Elenco dei votanti, avvisi e deleghe' }).click();
    await page.waitForURL(`**/assemblee/${assemblyId}/elenco`);
    await page.getByText('4 soci', { exact: true }).waitFor();
    const nora = page.getByRole('region', { name: 'Elenco dei votanti', exact: true }).locator('tr', { hasText: 'Nuovi Nora' });
    await nora.getByText('non vota', { exact: true }).waitFor();
    assert.match(await nora.innerText(), /ne servono almeno 90 \(art\. 2538 c\. 1 c\.c\.\)/);
    await check(page, 'electoral roll');

    // The convocation e-mails, as the chair reads them without an SMTP server: to whom, the text, the delivery.
    await page.goto(`/cooperative/${web.fed.c1}/assemblee`);
    await page.getByRole('link', { name: 'Avvisi inviati per e-mail' }).click();
    await page.waitForURL(`**/cooperative/${web.fed.c1}/assemblee/posta`);
    await page.getByText('4 avvisi per e-mail').waitFor();
    const mails = page.getByRole('region', { name: 'Avvisi per e-mail' });
    await mails.getByText('Da leggere qui (nessun SMTP)').first().waitFor();
    await mails.locator('summary').first().click();
    await mails.getByText(/Prima convocazione: /).first().waitFor();
    await check(page, 'convocation e-mails');
    assert.deepEqual(chair.problems.errors, []);
  });

  test('a member receives the convocation, confirms receipt, gives a proxy and revokes it; another member gives theirs to them', async () => {
    // Paolo reads his proxy code (the way to name a holder).
    await signIn(paolo.page, { email: 'paolo.gialli@example.it', password: PASSWORD });
    await paolo.page.goto(`/assemblee/${assemblyId}`);
    const paoloCode = (await paolo.page.getByTestId('proxy-code').innerText()).trim();
    assert.match(paoloCode, /^[0-9a-f-]{36}$/);

    // Mario, on his phone: the notice is waiting in «Le mie assemblee».
    const { page } = mario;
    await signIn(page, web.fed.accounts.member);
    await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Assemblee' }).click();
    await page.waitForURL('**/assemblee');
    const notice = page.getByRole('region', { name: 'Avvisi di convocazione' }).locator('.gov-card', { hasText: title });
    await notice.getByText('Da confermare').waitFor();
    await check(page, 'my assemblies (phone)');
    await notice.getByRole('link', { name: title }).click();
    await page.waitForURL(`**/assemblee/${assemblyId}`);
    await page.getByRole('heading', { level: 2, name: 'Avviso di convocazione' }).waitFor();
    await page.getByText('Hai diritto di voto: 1 voto').waitFor();
    await page.getByRole('link', { name: 'bilancio-2025.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Conferma la ricezione' }).click();
    await page.getByText(/Ricezione confermata il \d\d\/\d\d\/\d{4}, \d\d:\d\d\./).waitFor();

    // Deliberation before the meeting: a contribution to the discussion and an amendment to the motion.
    const mItem = page.locator('.gov-item', { hasText: 'Approvazione del bilancio 2025' });
    await mItem.getByRole('button', { name: /^Discussione/ }).click();
    await mItem.getByText('Nessun intervento per ora.').waitFor();
    await mItem.getByLabel('Il tuo intervento').fill('Chiedo di allegare anche la relazione del collegio sindacale.');
    await mItem.getByRole('button', { name: 'Pubblica' }).click();
    await mItem.locator('.gov-comment', { hasText: 'relazione del collegio sindacale' }).getByText('Mario Rossi', { exact: true }).waitFor();
    await mItem.getByRole('button', { name: /^Emendamenti/ }).click();
    assert.equal(await mItem.getByRole('button', { name: /^Emendamenti/ }).getAttribute('aria-expanded'), 'true');
    await mItem.getByLabel('Nuovo testo della proposta').fill('L’assemblea approva il bilancio dell’esercizio 2025 e destina l’utile a riserva indivisibile.');
    await mItem.getByLabel('Motivazione (facoltativa)').fill('Rafforzare il patrimonio.');
    await mItem.getByRole('button', { name: 'Proponi', exact: true }).click();
    await mItem.locator('.gov-amendment-proposed', { hasText: 'Proposto' }).waitFor();
    await check(page, 'assembly with discussion and amendments open (phone)');

    // A proxy to Paolo, then revoked.
    await page.getByLabel('Codice delega del socio che ti rappresenterà').fill('non-un-codice');
    await page.getByRole('button', { name: 'Delega', exact: true }).click();
    await page.getByText('Il codice delega è fatto di 36 caratteri').waitFor();
    await page.getByLabel('Codice delega del socio che ti rappresenterà').fill(paoloCode);
    await page.getByRole('button', { name: 'Delega', exact: true }).click();
    await page.getByText('Delega registrata: ti rappresenterà Gialli Paolo.').waitFor();
    await page.getByText(/Hai delegato Gialli Paolo/).waitFor();
    await check(page, 'assembly with a proxy given (phone)');
    await page.getByRole('button', { name: 'Revoca la delega' }).click();
    await page.getByText('Delega a Gialli Paolo revocata.').waitFor();
    const marioCode = (await page.getByTestId('proxy-code').innerText()).trim();

    // Paolo gives his proxy to Mario; Mario sees what he carries.
    await paolo.page.reload();
    await paolo.page.getByLabel('Codice delega del socio che ti rappresenterà').fill(marioCode);
    await paolo.page.getByRole('button', { name: 'Delega', exact: true }).click();
    await paolo.page.getByText('Delega registrata: ti rappresenterà Rossi Mario.').waitFor();

    // The chair (who proposed the motion) accepts the amendment and opens a consultative poll.
    const c = chair.page;
    await c.goto(`/assemblee/${assemblyId}`);
    const cItem = c.locator('.gov-item', { hasText: 'Approvazione del bilancio 2025' });
    await cItem.getByRole('button', { name: /^Emendamenti/ }).click();
    await cItem.getByRole('button', { name: 'Accogli' }).click();
    await cItem.locator('.gov-amendment-accepted', { hasText: 'Accolto' }).waitFor();
    await cItem.getByText('(versione 2, emendata)').waitFor();
    await c.getByText('Crea un sondaggio').click();
    await c.getByLabel('Domanda').fill('Quando preferisci la prossima assemblea?');
    await c.getByLabel('Opzioni').fill('Sabato mattina\nMartedì sera');
    await c.getByRole('button', { name: 'Crea il sondaggio' }).click();
    await c.locator('.gov-poll', { hasText: 'Quando preferisci la prossima assemblea?' }).waitFor();
    await check(c, 'assembly with a poll (chair)');
    assert.deepEqual(chair.problems.errors, []);

    await page.reload();
    await page.getByRole('heading', { name: 'Rappresenti 1 socio' }).waitFor();
    await page.getByText('Gialli Paolo — 1 voto').waitFor();
    await mItem.getByText('L’assemblea approva il bilancio dell’esercizio 2025 e destina l’utile a riserva indivisibile.').first().waitFor();
    const poll = page.locator('.gov-poll', { hasText: 'Quando preferisci la prossima assemblea?' });
    await poll.getByRole('radio', { name: 'Martedì sera' }).check();
    await poll.getByRole('button', { name: 'Invia la risposta' }).click();
    await poll.getByText('Risposta salvata.').waitFor();
    await poll.locator('li', { hasText: 'Martedì sera' }).getByText('in testa').waitFor();
    await check(page, 'assembly as proxy holder, with a poll answered (phone)');

    // Nora, admitted 30 days ago, is told why she cannot vote.
    const nora = await openPage(browser, web.baseUrl);
    try {
      await signIn(nora.page, { email: 'nora.nuovi@example.it', password: PASSWORD });
      await nora.page.goto(`/assemblee/${assemblyId}`);
      await nora.page.getByText('Puoi intervenire ma non votare', { exact: true }).waitFor();
      await nora.page.getByText(/Iscritto nel libro soci \d+ giorni prima dell’assemblea: ne servono almeno 90 \(art\. 2538 c\. 1 c\.c\.\); puoi intervenire ma non votare/).waitFor();
      await check(nora.page, 'assembly of a member who may not vote');
      assert.deepEqual(nora.problems.errors, []);
    } finally {
      await nora.context.close();
    }
    assert.deepEqual(mario.problems.errors, []);
    assert.deepEqual(paolo.problems.errors, []);
  });

  test('the chair runs the meeting; the member joins on a phone, votes, and reads each result without reloading', async () => {
    await arrive(web, assemblyId);
    const c = chair.page;
    const m = mario.page;
    await c.goto(`/assemblee/${assemblyId}/diretta`);
    await c.getByRole('heading', { level: 2, name: 'Presenze e quorum' }).waitFor();
    const votesPresent = c.getByTestId('votes-present');
    await eventually(async () => assert.equal((await votesPresent.innerText()).trim(), '0 su 3'));
    await check(c, 'live view (chair, before the session)');

    // Mario joins online; the chair's screen follows without reload.
    await m.goto(`/assemblee/${assemblyId}/diretta`);
    await m.getByText('Quorum costitutivo non ancora raggiunto (prima convocazione)').waitFor();
    await m.getByRole('button', { name: 'Partecipa online: registra la presenza' }).click();
    await m.getByText(/Sei presente \(online\) dal/).waitFor();
    await m.getByText('Quorum costitutivo raggiunto (prima convocazione)').waitFor();
    await eventually(async () => assert.equal((await votesPresent.innerText()).trim(), '2 su 3'), 20_000);

    // The chair checks Giulia in at the door, then opens the session at the first call.
    await c.getByLabel('Registra l’ingresso di un socio: cerca per nome o numero').fill('Bianchi');
    await c.getByRole('button', { name: 'Registra ingresso di Bianchi Giulia' }).click();
    await c.getByText('Ingresso registrato: Bianchi Giulia.').waitFor();
    await eventually(async () => assert.equal((await votesPresent.innerText()).trim(), '3 su 3'));
    await c.getByRole('button', { name: 'Apri la sessione in prima convocazione' }).click();
    await c.locator('.page-heading').getByText('In corso').waitFor();
    await m.locator('.page-heading').getByText('In corso').waitFor();

    // The resolution: opened by the chair, it appears on the phone by itself.
    const resolution = 'Approvazione del bilancio 2025';
    await c.getByRole('button', { name: `Apri la votazione — ${resolution}` }).click();
    const mBallot = m.locator('.gov-ballot', { hasText: resolution });
    await mBallot.getByRole('radio', { name: 'Favorevole' }).waitFor();
    await check(m, 'live view with an open vote (phone)');
    await mBallot.getByRole('radio', { name: 'Favorevole' }).check();
    assert.equal(await mBallot.getByRole('checkbox', { name: 'Te stesso (1 voto)' }).isChecked(), true);
    assert.equal(await mBallot.getByRole('checkbox', { name: 'Gialli Paolo, per delega (1 voto)' }).isChecked(), true);
    await mBallot.getByRole('button', { name: 'Prosegui' }).click();
    await mBallot.getByRole('heading', { name: 'Controlla e conferma il voto' }).waitFor();
    assert.equal(await m.evaluate(() => document.activeElement?.textContent), 'Controlla e conferma il voto');
    await mBallot.getByRole('button', { name: 'Conferma il voto' }).click();
    await mBallot.getByText('2 voti registrati (Rossi Mario, Gialli Paolo).').waitFor();
    await mBallot.getByText('Voto già registrato per: Rossi Mario, Gialli Paolo.').waitFor();

    // Giulia votes against from the chair's screen; then the chair closes and counts.
    const cBallot = c.locator('.gov-ballot', { hasText: resolution });
    await cBallot.getByText('2 voti espressi').waitFor();
    await cBallot.getByRole('radio', { name: 'Contrario' }).check();
    await cBallot.getByRole('button', { name: 'Prosegui' }).click();
    await cBallot.getByRole('button', { name: 'Conferma il voto' }).click();
    await cBallot.getByText('Voto registrato (Bianchi Giulia).').waitFor();
    await cBallot.getByRole('button', { name: `Chiudi la votazione e conta i voti — ${resolution}` }).click();
    await cBallot.getByRole('button', { name: 'Sì, chiudi e conta' }).click();
    await cBallot.locator('.gov-outcome-approved').waitFor();

    // On the phone, the result and why, without reload.
    const mResult = mBallot.locator('.gov-result');
    await mResult.locator('.gov-outcome-approved', { hasText: 'Approvata' }).waitFor();
    // The outcome comes first with the live snapshot; the full count follows with the assembly's details.
    await mResult.locator('.gov-why').waitFor();
    const why = await mResult.locator('.gov-why').innerText();
    assert.match(why, /art\. 2368 c\. 1 c\.c\./, why);
    const rows = await mResult.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.textContent ?? '').trim()));
    assert.deepEqual(rows, ['Favorevole2', 'Contrario1', 'Astenuto0']);

    // The election: Mario ranks with the keyboard only, for himself and Paolo.
    const election = 'Elezione del consiglio di amministrazione';
    await c.getByRole('button', { name: `Apri la votazione — ${election}` }).click();
    const mElection = m.locator('.gov-ballot', { hasText: election });
    const addCarla = mElection.getByRole('button', { name: 'Aggiungi Carla Gialli al posto 1' });
    await addCarla.waitFor();
    await addCarla.focus();
    await m.keyboard.press('Enter');
    // Focus moved on to a neighbouring unranked candidate, so Enter again would rank the next one; add Anna instead.
    await eventually(async () => assert.match((await m.evaluate(() => document.activeElement?.textContent)) ?? '', /Aggiungi.*al posto 2/));
    await mElection.getByRole('button', { name: 'Aggiungi Anna Neri al posto 2' }).focus();
    await m.keyboard.press('Enter');
    // Anna first: «Su» on her row with the keyboard; at the top «Su» is disabled, and focus moves to «Giù».
    await mElection.getByRole('button', { name: 'Su di un posto: Anna Neri' }).focus();
    await m.keyboard.press('Enter');
    await eventually(async () => {
      const ranked = await mElection.locator('ol.ranking-list .ranking-name').allInnerTexts();
      assert.deepEqual(ranked, ['Anna Neri', 'Carla Gialli']);
    });
    assert.match((await m.evaluate(() => document.activeElement?.textContent)) ?? '', /Anna Neri/, 'focus stays with the moved candidate');
    await mElection.getByText('Anna Neri al posto 1 di 2').waitFor({ state: 'attached' });
    await check(m, 'ranking an election (phone)');
    await mElection.getByRole('button', { name: 'Prosegui' }).click();
    await mElection.getByText('1. Anna Neri, 2. Carla Gialli').waitFor();
    await mElection.getByRole('button', { name: 'Conferma il voto' }).click();
    await mElection.getByText('2 voti registrati (Rossi Mario, Gialli Paolo).').waitFor();
    const cElection = c.locator('.gov-ballot', { hasText: election });
    await cElection.getByText('2 voti espressi').waitFor();
    await cElection.getByRole('button', { name: `Chiudi la votazione e conta i voti — ${election}` }).click();
    await cElection.getByRole('button', { name: 'Sì, chiudi e conta' }).click();
    await mElection.locator('.gov-outcome-elected', { hasText: 'Eletti' }).waitFor();
    await mElection.locator('tr.gov-elected').first().waitFor();
    const elected = await mElection.locator('tr.gov-elected th').allInnerTexts();
    // Quota (Droop) = 1 on 2 votes for 2 seats: Anna is elected on first preferences, her surplus goes to Carla.
    assert.ok(elected.includes('Anna Neri'), `elected: ${elected.join(', ')}`);
    await m.getByText('Aggiornamento automatico attivo.').waitFor();
    await check(m, 'live view with results (phone)');
    await check(c, 'live view (chair, in session)');

    // The chair closes the assembly: the minutes are sealed.
    await c.getByRole('button', { name: 'Chiudi l’assemblea e genera il verbale' }).click();
    await c.getByRole('button', { name: 'Sì, chiudi l’assemblea' }).click();
    const sealed = c.locator('.gov-session .alert-success .gov-hash');
    await sealed.waitFor();
    const sha = (await sealed.innerText()).trim();
    assert.match(sha, /^[0-9a-f]{64}$/);
    await m.getByText(/L’assemblea si è chiusa il/).waitFor();
    assert.deepEqual(chair.problems.errors, []);
    assert.deepEqual(mario.problems.errors, []);

    // The member downloads the minutes and checks the copy against the published hash.
    await m.getByRole('link', { name: 'Torna alla pagina dell’assemblea' }).click();
    await m.getByRole('heading', { level: 2, name: 'Verbale' }).waitFor();
    assert.equal((await m.getByTestId('minutes-sha').innerText()).trim(), sha);
    const [download] = await Promise.all([m.waitForEvent('download'), m.getByRole('link', { name: 'Scarica il verbale (PDF)' }).click()]);
    const file = await download.path();
    const pdf = await readFile(file);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.equal(createHash('sha256').update(pdf).digest('hex'), sha);
    await m.getByLabel('File del verbale (PDF)').setInputFiles(file);
    await m.getByRole('button', { name: 'Verifica' }).click();
    await m.getByText('Copia autentica').waitFor();
    await m.getByText(`Corrisponde al verbale di «${title}»`, { exact: false }).waitFor();
    await check(m, 'closed assembly with minutes (phone)');
    assert.deepEqual(mario.problems.errors, []);
  });

  test('the chair’s staff records a postal vote received on paper; a second one for the same member is refused', async () => {
    // Set up through the API: a statute allowing postal votes, a convened assembly with a resolution, its ballot
    // opened ahead of the meeting.
    const h = await web.platform.signIn(web.fed.accounts.adminC1.email, web.fed.accounts.adminC1.password);
    const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
      const res = await web.platform.app.inject({ method, url, headers: h, ...(payload !== undefined ? { payload: payload as object } : {}) });
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    await call('PUT', `/api/v1/cooperatives/${web.fed.c1}/governance/statute`, { params: { postalVotingAllowed: true }, note: 'Voto per corrispondenza' });
    const first = new Date(Date.now() + 20 * 86_400_000).toISOString();
    const second = new Date(Date.now() + 21 * 86_400_000).toISOString();
    const created = await call('POST', `/api/v1/cooperatives/${web.fed.c1}/assemblies`, {
      kind: 'ordinary',
      title: 'Assemblea sulla quota associativa',
      mode: 'in_person',
      firstCallAt: first,
      secondCallAt: second,
      items: [{ kind: 'resolution', title: 'Quota associativa 2027', motion: 'L’assemblea fissa la quota associativa 2027 in 30 euro.', ballot: { method: 'yes_no' } }],
    });
    await call('POST', `/api/v1/assemblies/${created.id}/convene`);
    const detail = await call('GET', `/api/v1/assemblies/${created.id}`);
    const ballotId = detail.items[0].ballot.id as string;
    await call('POST', `/api/v1/ballots/${ballotId}/open`);

    const page = chair.page;
    await page.goto(`/assemblee/${created.id}`);
    const postal = page.getByRole('region', { name: 'Voti per corrispondenza' });
    await postal.getByText('Scegli il voto indicato sulla scheda, poi cerca il socio che l’ha inviata.').waitFor();
    await postal.getByRole('radio', { name: 'Contrario' }).check();
    await postal.getByLabel('Cerca il socio che ha votato per corrispondenza').fill('Rossi');
    await postal.getByRole('button', { name: 'Registra il voto di Rossi Mario' }).click();
    await postal.getByText('Voto per corrispondenza di Rossi Mario registrato: Contrario.').waitFor();
    await check(page, 'postal vote recorded');
    const votes = await call('GET', `/api/v1/ballots/${ballotId}/votes`);
    assert.deepEqual(votes.items.map((v: { channel: string; choice: string }) => [v.channel, v.choice]), [['postal', 'no']]);
    // One member, one vote: the same member again is refused, with the reason, and nothing is recorded.
    await postal.getByRole('radio', { name: 'Favorevole' }).check();
    await postal.getByLabel('Cerca il socio che ha votato per corrispondenza').fill('Rossi');
    await postal.getByRole('button', { name: 'Registra il voto di Rossi Mario' }).click();
    await postal.getByRole('alert').waitFor();
    assert.equal((await call('GET', `/api/v1/ballots/${ballotId}/votes`)).items.length, 1);
  });

  test('anyone checks a copy of the minutes on the public page', async () => {
    const anon = await openPage(browser, web.baseUrl, { viewport: PHONE_VIEWPORT });
    try {
      const { rows } = await web.platform.database.query<{ sha256: string }>('SELECT sha256 FROM assembly_minutes WHERE assembly_id = $1', [assemblyId]);
      const sha = rows[0]?.sha256 ?? '';
      await anon.page.goto('/verifica-verbale');
      await check(anon.page, 'public minutes check');
      await anon.page.getByLabel('Oppure l’impronta SHA-256').fill('0'.repeat(64));
      await anon.page.getByRole('button', { name: 'Verifica' }).click();
      await anon.page.getByText('Nessun verbale corrisponde').waitFor();
      await anon.page.getByLabel('Oppure l’impronta SHA-256').fill(sha);
      await anon.page.getByRole('button', { name: 'Verifica' }).click();
      await anon.page.getByText('Copia autentica').waitFor();
      await check(anon.page, 'public minutes check, answered');
      assert.deepEqual(anon.problems.errors, []);
    } finally {
      await anon.context.close();
    }
  });
});
