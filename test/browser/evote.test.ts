// Browser: a verifiable secret ballot (issue 5) run end to end through the web app. The chair adds an encrypted
// yes/no item on the convene form, picking three trustees among the co-op's members (threshold 2 of 3, the suggested
// majority; a ranked election cannot be encrypted, and the form says why); the trustees get an e-mail with the link
// to their page; each trustee, in their own browser, generates their key, posts the commitment, sends the shares and
// checks those received; the chair convenes, opens the session and the ballot; a member encrypts the vote in the
// browser, challenges it once (Benaloh audit), casts it, gets the tracking code and finds the ballot on the public
// board; the chair closes; two trustees post their partial decryptions; the result shows on the assembly page; the
// record downloaded from the board passes the independent verifier here, and the in-browser verification agrees.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/core/db.ts';
import { hashPassword } from '../../src/modules/identity/password.ts';
import { refreshMemberStats } from '../../src/modules/registry/index.ts';
import { verifyElectionRecord } from '../../src/modules/governance/verifiable/index.ts';
import type { ElectionRecord } from '../../src/modules/governance/verifiable/types.ts';
import { PASSWORD } from '../support/fixtures.ts';
import { assertAccessible, browserSkip, eventually, launchBrowser, openPage, settle, signIn, startWebPlatform, type PageProblems, type WebPlatform } from '../support/browser.ts';

interface Actor {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/** A current member of c1 (registered 400 days ago) with an account (password PASSWORD); returns the person id. */
async function addMember(web: WebPlatform, m: { given: string; family: string; number: number }): Promise<{ personId: string; email: string; name: string }> {
  const db = web.platform.database.db;
  const email = `${m.given}.${m.family}@example.it`.toLowerCase();
  const since = new Date(Date.now() - 400 * 86_400_000).toISOString().slice(0, 10);
  const [p] = await queryRows<{ id: string }>(db, sql`INSERT INTO people (kind, given_name, family_name, email) VALUES ('natural', ${m.given}, ${m.family}, ${email}) RETURNING id`);
  const personId = (p as { id: string }).id;
  await db.execute(sql`
    INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on, shares_count, share_nominal_cents, subscribed_cents, paid_cents)
    VALUES (${web.fed.c1}, ${personId}, ${m.number}, '{lavoratore}', ${since}, ${since}, 2, 2500, 5000, 5000)`);
  await db.execute(sql`INSERT INTO accounts (email, password_hash, display_name, person_id) VALUES (${email}, ${await hashPassword(PASSWORD)}, ${`${m.given} ${m.family}`}, ${personId})`);
  await refreshMemberStats(web.platform.database, [web.fed.c1]);
  return { personId, email, name: `${m.family} ${m.given}` };
}

/** The day of the assembly comes (first call a minute ago): calls of a convened assembly are fixed by a trigger. */
async function arrive(web: WebPlatform, assemblyId: string): Promise<void> {
  await web.platform.database.rawTransaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    await tx.query(`UPDATE assemblies SET first_call_at = now() - interval '1 minute', second_call_at = now() + interval '1 day' WHERE id = $1`, [assemblyId]);
  });
}

const localAt = (days: number) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T18:00`;

async function check(page: Page, label: string): Promise<void> {
  await page.locator('#page-title').waitFor();
  await settle(page, label);
  await assertAccessible(page, label);
}

describe('web: a verifiable secret ballot with trustees, from the agenda to the verified record', { skip: browserSkip }, () => {
  let web: WebPlatform;
  let browser: Browser;
  let chair: Actor; // Giulia Bianchi, c1's administrator
  let mario: Actor; // a member who votes
  const trustees: { actor: Actor; email: string; name: string; personId: string }[] = [];
  const title = 'Assemblea con voto segreto verificabile';
  const resolution = 'Approvazione del regolamento interno';
  let assemblyId = '';
  let ballotId = '';
  let tracking = '';

  before(async () => {
    browser = await launchBrowser();
    web = await startWebPlatform();
    for (const [i, [given, family]] of [['Teresa', 'Ferri'], ['Ugo', 'Conti'], ['Vera', 'Sala']].entries()) {
      const m = await addMember(web, { given: given!, family: family!, number: 20 + i });
      trustees.push({ ...m, actor: await openPage(browser, web.baseUrl) });
    }
    chair = await openPage(browser, web.baseUrl);
    mario = await openPage(browser, web.baseUrl);
  });
  after(async () => {
    for (const a of [chair, mario, ...trustees.map((x) => x.actor)]) await a?.context.close();
    await browser?.close();
    await web?.close();
  });

  test('the chair adds an encrypted yes/no item: trustees picked among the members, threshold a majority; a ranked election cannot be encrypted', async () => {
    const { page } = chair;
    await signIn(page, web.fed.accounts.adminC1);
    await page.goto(`/cooperative/${web.fed.c1}/assemblee/nuova`);
    await page.getByLabel('Titolo', { exact: true }).fill(title);
    await page.getByLabel('Prima convocazione (data e ora)').fill(localAt(16));
    await page.getByLabel('Seconda convocazione (facoltativa)').fill(localAt(17));
    const item1 = page.getByRole('group', { name: 'Punto 1' });
    await item1.getByLabel('Titolo del punto').fill(resolution);
    await item1.getByLabel('Testo della proposta da votare').fill('L’assemblea approva il regolamento interno.');
    await item1.getByLabel('Voto segreto verificabile (scrutinio cifrato)').check();
    // An encrypted ballot is always secret.
    const secret = item1.getByLabel('Voto segreto', { exact: true });
    assert.equal(await secret.isChecked(), true);
    assert.equal(await secret.isDisabled(), true);
    const trusteeBox = item1.getByRole('group', { name: 'Garanti dello scrutinio cifrato' });
    await trusteeBox.getByText('Nessun garante scelto.').waitFor();
    for (const tr of trustees) {
      await trusteeBox.getByLabel('Cerca un socio da nominare garante').fill(tr.name.split(' ')[0]!);
      await trusteeBox.getByRole('button', { name: `Nomina garante ${tr.name}` }).click();
      await trusteeBox.getByRole('list', { name: 'Garanti scelti' }).getByText(tr.name, { exact: false }).waitFor();
    }
    const threshold = trusteeBox.getByLabel('Garanti necessari per decifrare il risultato');
    assert.equal(await threshold.inputValue(), '2', 'the suggested threshold is a majority of 3');
    await trusteeBox.getByText('Da 1 a 3; suggerito 2', { exact: false }).waitFor();
    // Removing and adding back a trustee keeps the suggested majority in step.
    await trusteeBox.getByRole('button', { name: `Togli ${trustees[2]!.name} dai garanti` }).click();
    assert.equal(await threshold.inputValue(), '2');
    await trusteeBox.getByLabel('Cerca un socio da nominare garante').fill('Sala');
    await trusteeBox.getByRole('button', { name: `Nomina garante ${trustees[2]!.name}` }).click();
    assert.equal(await trusteeBox.getByRole('list', { name: 'Garanti scelti' }).getByRole('listitem').count(), 3);

    // A ranked election: the option is disabled, with the reason.
    await page.getByRole('button', { name: 'Aggiungi un’elezione' }).click();
    const item2 = page.getByRole('group', { name: 'Punto 2' });
    assert.equal(await item2.getByLabel('Sistema di voto').inputValue(), 'stv');
    const enc2 = item2.getByLabel('Voto segreto verificabile (scrutinio cifrato)');
    assert.equal(await enc2.isDisabled(), true);
    await item2.getByText('Non disponibile per i sistemi a preferenze ordinate (STV, Schulze)', { exact: false }).waitFor();
    await item2.getByLabel('Sistema di voto').selectOption('approval');
    assert.equal(await enc2.isDisabled(), false);
    await check(page, 'convene form with an encrypted ballot');
    await page.getByRole('button', { name: 'Togli il punto 2' }).click();

    await page.getByRole('button', { name: 'Salva la bozza' }).click();
    await page.waitForURL(/\/assemblee\/[0-9a-f-]{36}$/);
    assemblyId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const trusteeLink = page.getByRole('link', { name: 'Garante dello scrutinio cifrato' });
    ballotId = ((await trusteeLink.getAttribute('href')) ?? '').split('/')[2] ?? '';
    assert.match(ballotId, /^[0-9a-f-]{36}$/);
    const { rows } = await web.platform.database.query<{ person_id: string; idx: number }>('SELECT person_id, idx FROM evote_trustees WHERE ballot_id = $1 ORDER BY idx', [ballotId]);
    assert.deepEqual(rows.map((r) => r.person_id), trustees.map((x) => x.personId));
    const e = await web.platform.database.query<{ trustees: number; threshold: number }>('SELECT trustees, threshold FROM evote_elections WHERE ballot_id = $1', [ballotId]);
    assert.deepEqual({ ...e.rows[0] }, { trustees: 3, threshold: 2 });
    // Each trustee is told of the appointment by e-mail, with the link to their trustee page.
    const mails = await web.platform.database.query<{ to_address: string; subject: string; text_body: string }>(
      `SELECT to_address, subject, text_body FROM mail_outbox WHERE template = 'governance-evote-trustee' ORDER BY to_address`,
    );
    assert.deepEqual(mails.rows.map((r) => r.to_address), trustees.map((x) => x.email).sort());
    for (const r of mails.rows) {
      assert.match(r.subject, new RegExp(`Sei garante dello scrutinio cifrato — Cooperativa Sociale Il Mosaico: ${resolution}`));
      assert.ok(r.text_body.includes(`/votazioni/${ballotId}/garante`), r.text_body);
      assert.match(r.text_body, /Per decifrare il risultato servono 2 garanti/);
    }
    assert.deepEqual(chair.problems.errors, []);
  });

  test('each trustee, in their own browser, generates a key, commits, sends shares and checks those received', async () => {
    for (const [i, tr] of trustees.entries()) {
      const { page } = tr.actor;
      await signIn(page, { email: tr.email, password: PASSWORD });
      await page.goto(`/votazioni/${ballotId}/garante`);
      await page.getByText(`Sei il garante n. ${i + 1} di 3: servono 2 garanti`, { exact: false }).waitFor();
      if (i === 0) await check(page, 'trustee page, before the ceremony');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Genera la mia chiave e pubblica l’impegno' }).click()]);
      await page.getByText('Impegno pubblicato.', { exact: false }).waitFor();
      const keyFile = JSON.parse(await readFile(await download.path(), 'utf8')) as { format: string; ballotId: string };
      assert.deepEqual([keyFile.format, keyFile.ballotId], ['cooperando-evote-keyfile/1', ballotId]);
    }
    // The page follows the others' steps by itself: the shares can go once every commitment is in.
    for (const tr of trustees) {
      const send = tr.actor.page.getByRole('button', { name: 'Invia le mie quote agli altri garanti' });
      await eventually(async () => assert.equal(await send.isEnabled(), true), 20_000);
      await send.click();
      await tr.actor.page.getByText('Quote inviate, cifrate per ciascun garante.').waitFor();
    }
    for (const tr of trustees) {
      const { page } = tr.actor;
      await page.getByRole('button', { name: 'Verifica le quote ricevute' }).click({ timeout: 20_000 });
      await page.getByText('Quote verificate.', { exact: false }).waitFor();
    }
    for (const tr of trustees) {
      await eventually(async () => assert.equal((await tr.actor.page.getByTestId('evote-status').innerText()).trim(), 'chiave pronta'), 20_000);
    }
    await check(trustees[0]!.actor.page, 'trustee page, key ready');
    for (const tr of trustees) assert.deepEqual(tr.actor.problems.errors, []);
  });

  test('the chair convenes and opens the ballot in session; a member encrypts, audits once, casts and finds the ballot on the board', async () => {
    const c = chair.page;
    await c.goto(`/assemblee/${assemblyId}`);
    await c.getByRole('button', { name: 'Convoca e invia gli avvisi' }).click();
    await c.locator('.page-heading').getByText('Convocata').waitFor();
    await arrive(web, assemblyId);
    // Presence at the door, recorded by the chair's staff through the API (the browser test of plain ballots covers the UI).
    const h = await web.platform.signIn(web.fed.accounts.adminC1.email, PASSWORD);
    for (const personId of [web.fed.people.mario, web.fed.people.giulia, ...trustees.map((x) => x.personId)]) {
      const res = await web.platform.app.inject({ method: 'POST', url: `/api/v1/assemblies/${assemblyId}/attendance/check-in`, headers: h, payload: { personId, channel: 'in_person' } });
      assert.equal(res.statusCode, 200, res.body);
    }
    await c.goto(`/assemblee/${assemblyId}/diretta`);
    await c.getByRole('button', { name: 'Apri la sessione in prima convocazione' }).click();
    await c.locator('.page-heading').getByText('In corso').waitFor();
    await c.getByRole('button', { name: `Apri la votazione — ${resolution}` }).click();

    const m = mario.page;
    await signIn(m, web.fed.accounts.member);
    await m.goto(`/assemblee/${assemblyId}/diretta`);
    const ballot = m.locator('.gov-ballot', { hasText: resolution });
    await ballot.getByRole('radio', { name: 'Favorevole' }).check();
    await ballot.getByRole('button', { name: 'Cifra la scheda' }).click();
    const sealed = ballot.getByRole('group', { name: 'Scheda cifrata, pronta da depositare' });
    const firstCode = (await sealed.locator('code.gov-evote-code').innerText()).trim();
    assert.match(firstCode, /^[0-9a-f]{64}$/);
    await check(m, 'encrypted ballot sealed, before casting');
    // Benaloh audit: the ballot is opened and checked, then discarded and encrypted afresh.
    await sealed.getByRole('button', { name: 'Verifica questa scheda (audit di Benaloh)' }).click();
    await ballot.getByTestId('audit-result').getByText('Verificata: la scheda aperta cifrava esattamente la tua scelta (Favorevole).').waitFor();
    const secondCode = (await sealed.locator('code.gov-evote-code').innerText()).trim();
    assert.match(secondCode, /^[0-9a-f]{64}$/);
    assert.notEqual(secondCode, firstCode, 'the audited ballot is discarded and re-encrypted');
    await sealed.getByRole('button', { name: 'Deposita la scheda cifrata' }).click();
    await ballot.getByText('Scheda depositata nell’urna pubblica.').waitFor();
    tracking = (await ballot.getByTestId('tracking-code').innerText()).trim();
    assert.equal(tracking, secondCode);
    await c.locator('.gov-ballot', { hasText: resolution }).getByText('1 voto espresso').waitFor();

    // The member finds the ballot on the public board by its tracking code.
    await ballot.getByRole('link', { name: 'Trova la scheda nell’urna' }).click();
    await m.waitForURL(`**/votazioni/${ballotId}/urna?codice=${tracking}`);
    assert.equal(await m.getByLabel('Codice di verifica', { exact: false }).first().inputValue(), tracking);
    await m.getByRole('button', { name: 'Cerca', exact: true }).click();
    await m.getByTestId('lookup-result').getByText('La scheda è nell’urna, in posizione 1, e conta.').waitFor();
    await check(m, 'public board with the ballot found');
    assert.deepEqual(mario.problems.errors, []);
    assert.deepEqual(chair.problems.errors, []);
  });

  test('the chair closes; two trustees decrypt; the result shows on the assembly page; the downloaded record verifies', async () => {
    const c = chair.page;
    const cBallot = c.locator('.gov-ballot', { hasText: resolution });
    await cBallot.getByRole('button', { name: `Chiudi la votazione e conta i voti — ${resolution}` }).click();
    await cBallot.getByRole('button', { name: 'Sì, chiudi e conta' }).click();
    await cBallot.getByText('Votazione chiusa: lo spoglio cifrato attende la decrittazione dei garanti (2 su 3).').waitFor();
    assert.equal(await cBallot.getByRole('button', { name: /Chiudi la votazione/ }).count(), 0, 'no second close while the trustees decrypt');

    for (const tr of [trustees[0]!, trustees[2]!]) {
      const { page } = tr.actor;
      const decrypt = page.getByRole('button', { name: 'Pubblica la mia decrittazione parziale' });
      await decrypt.click({ timeout: 20_000 });
      await page.getByText('Decrittazione parziale pubblicata.').waitFor();
    }
    await eventually(async () => assert.equal((await trustees[2]!.actor.page.getByTestId('evote-status').innerText()).trim(), 'risultato decifrato'), 20_000);

    await c.goto(`/assemblee/${assemblyId}`);
    const item = c.locator('.gov-item', { hasText: resolution });
    await item.locator('.gov-result').waitFor();
    const rows = await item.locator('.gov-result table tbody tr').evaluateAll((trs) => trs.map((tr) => (tr.textContent ?? '').trim()));
    assert.deepEqual(rows, ['Favorevole1', 'Contrario0', 'Astenuto0']);
    await check(c, 'assembly page with the decrypted result');

    // The record from the board: the independent verifier here, and the same check in the browser.
    const m = mario.page;
    await m.goto(`/votazioni/${ballotId}/urna`);
    await m.getByTestId('evote-status').getByText('risultato decifrato').waitFor();
    const [download] = await Promise.all([m.waitForEvent('download'), m.getByRole('link', { name: 'Scarica il registro (JSON)' }).click()]);
    const { status, ...record } = JSON.parse(await readFile(await download.path(), 'utf8')) as ElectionRecord & { status: string };
    assert.equal(status, 'decrypted');
    assert.equal(record.board.length, 1);
    assert.equal(record.board[0]!.trackingCode, tracking);
    assert.equal(record.partialDecryptions.length, 2);
    const verdict = verifyElectionRecord(record);
    assert.equal(verdict.ok, true, JSON.stringify(verdict.checks.filter((x) => !x.ok)));
    await m.getByRole('button', { name: 'Verifica il registro in questo browser' }).click();
    await m.getByTestId('verify-result').getByText('Registro verificato', { exact: false }).waitFor({ timeout: 30_000 });
    await check(m, 'public board with the record verified');
    for (const a of [chair, mario, ...trustees.map((x) => x.actor)]) assert.deepEqual(a.problems.errors, []);
  });
});
