// Browser tests: the real platform on a real socket (web app included), driven by Debian's Chromium through
// playwright-core — no browser is ever downloaded. When /usr/bin/chromium is missing the browser tests are
// skipped with a message, unless CI is set: then they fail, so a CI image without Chromium cannot pass silently.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { sql } from 'drizzle-orm';
import { refreshMemberStats } from '../../src/modules/registry/index.ts';
import { computePersonFiscalCode } from '../../src/modules/registry/domain/index.ts';
import { WEB_DIST } from '../../src/web-static.ts';
import { startTestPlatform, type TestPlatform } from './platform.ts';
import { seedSmallFederation, type SmallFederation } from './fixtures.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const PHONE_VIEWPORT = { width: 390, height: 844 };
export const DESKTOP_VIEWPORT = { width: 1280, height: 900 };

/**
 * `false` when the browser tests can run, else the reason to skip them (for `describe(name, { skip }, …)`).
 * With CI set a missing browser is not a reason to skip: launching fails with an explanation instead.
 */
export const browserSkip: string | false = (() => {
  if (existsSync(CHROMIUM_PATH) || process.env.CI) return false;
  const reason = `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  console.warn(`# ${reason}`);
  return reason;
})();

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is required for the browser tests (CI is set) but ${CHROMIUM_PATH} does not exist: install Debian's chromium package`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface WebPlatform {
  platform: TestPlatform;
  baseUrl: string;
  fed: SmallFederation;
  close(): Promise<void>;
}

/** Starts the platform with the built web app on 127.0.0.1 (a random port) and seeds the small federation. */
export async function startWebPlatform(): Promise<WebPlatform> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`the web app is not built (${WEB_DIST}/index.html is missing): run \`npm run build\` first`);
  }
  const platform = await startTestPlatform({ serveWeb: true });
  try {
    const fed = await seedSmallFederation(platform.database);
    await platform.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = platform.app.server.address() as AddressInfo;
    return { platform, baseUrl: `http://127.0.0.1:${port}`, fed, close: () => platform.close() };
  } catch (e) {
    await platform.close();
    throw e;
  }
}

export interface PageProblems {
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  errors: string[];
}

/**
 * A fresh context (own cookies and localStorage) in Italian, with a page that records console errors and
 * uncaught exceptions (a CSP violation shows up as a console error).
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  opts: { viewport?: { width: number; height: number }; locale?: string; isMobile?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const viewport = opts.viewport ?? DESKTOP_VIEWPORT;
  const mobile = opts.isMobile ?? viewport.width < 500;
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport,
    locale: opts.locale ?? 'it-IT',
    timezoneId: 'Europe/Rome',
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: 1,
    acceptDownloads: true,
  });
  // Generous: the browser tests share two cores with the rest of the suite (three test files at once), and a
  // passkey or argon2 step can wait behind another file's bulk import. These bound a hang; they assert no speed.
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // Failed API calls the app handles itself (401 probe, 4xx problems) are logged by Chromium as resource errors.
    if (/Failed to load resource: the server responded with a status of (401|403|404|400|409|422)/.test(text)) return;
    problems.errors.push(text);
  });
  page.on('pageerror', (err) => problems.errors.push(`uncaught: ${err.message}`));
  return { context, page, problems };
}

/** Signs in through the form and waits until the app has left the sign-in page. */
export async function signIn(page: Page, account: { email: string; password: string }, path = '/accedi'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email', { exact: true }).fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/accedi'));
  await page.locator('#page-title').waitFor();
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the current page and fails on any serious or critical violation, listing them. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ') ?? ''}`).join('\n')}`)
    .join('\n');
  assert.equal(bad.length, 0, `${label} (${page.url()}): ${bad.length} serious/critical accessibility violations\n${report}`);
}

/** Waits until no query is loading (no spinner, no aria-busy region); names what is still loading on timeout. */
export async function settle(page: Page, label = page.url()): Promise<void> {
  try {
    await page.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'), undefined, { timeout: 20_000 });
  } catch (e) {
    const pending = await page.evaluate(() => Array.from(document.querySelectorAll('.loading, [aria-busy="true"]')).map((el) => el.outerHTML.slice(0, 200)));
    throw new Error(`${label}: still loading after 20 s: ${pending.join(' | ')}`, { cause: e });
  }
}

/**
 * Adds `count` active worker members to a co-op in one statement (register numbers from `firstNumber`, family
 * names `Socio000001` …, given names `Nome1` …, alternating F/M), enough to page through the register.
 */
export async function addMembers(web: WebPlatform, coopId: string, count: number, firstNumber: number): Promise<void> {
  const database = web.platform.database;
  await database.db.execute(sql`
    WITH p AS (
      INSERT INTO people (kind, given_name, family_name, gender)
      SELECT 'natural', 'Nome' || g, 'Socio' || lpad(g::text, 6, '0'), CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END
        FROM generate_series(1, ${count}::int) g
      RETURNING id, family_name)
    INSERT INTO memberships (cooperative_id, person_id, register_number, member_types, admitted_on, registered_on,
                             shares_count, share_nominal_cents, subscribed_cents, paid_cents)
    SELECT ${coopId}, id, ${firstNumber - 1}::int + right(family_name, 6)::int, '{lavoratore}', '2021-01-04', '2021-01-04', 2, 2500, 5000, 5000
      FROM p`);
  await refreshMemberStats(database, [coopId]);
}

/** Retries an assertion until it passes (the UI updates asynchronously), rethrowing the last failure on timeout. */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A members CSV (Italian headers, `;`, Italian dates and amounts): one good row and three with one error each. */
export function membersCsvWithErrors(): { csv: string; badCf: string } {
  const cf = (family: string, given: string, birth: string, gender: 'F' | 'M') => computePersonFiscalCode({ familyName: family, givenName: given, birthDate: birth, gender, belfiore: 'A944' });
  const good = cf('Gialli', 'Paolo', '1990-04-12', 'M');
  const valid = cf('Bruni', 'Carla', '1985-09-23', 'F');
  // Same code with a wrong check character.
  const badCf = valid.slice(0, 15) + (valid.endsWith('A') ? 'B' : 'A');
  const csv = [
    'Numero socio;Codice fiscale;Cognome;Nome;Tipi socio;Data ammissione;Numero quote;Capitale sottoscritto;Capitale versato',
    `10;${good};Gialli;Paolo;lavoratore;01/03/2024;2;50,00;50,00`,
    `11;${badCf};Bruni;Carla;lavoratore;01/03/2024;1;25,00;25,00`,
    `12;${cf('Blu', 'Sara', '1979-01-05', 'F')};Blu;Sara;pirata;01/03/2024;1;25,00;25,00`,
    `13;${cf('Viola', 'Ugo', '1970-06-30', 'M')};Viola;Ugo;utente;31/02/2024;1;25,00;25,00`,
  ].join('\r\n');
  return { csv: `${csv}\r\n`, badCf };
}
