// `cooperando user …` against a fresh database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { loadConfig } from '../../src/core/config.ts';
import { registerUserCommand } from '../../src/cli/user.ts';
import { findAccountByEmail, verifyPassword } from '../../src/modules/identity/index.ts';
import { freshDatabase, type TestDatabase } from '../support/database.ts';
import { seedFederation, type Federation } from './fixtures.ts';

let fresh: TestDatabase;
let fed: Federation;
let closes = 0;

before(async () => {
  fresh = await freshDatabase();
  fed = await seedFederation(fresh.database);
});
after(async () => {
  await fresh.close();
});

/** Runs `cooperando user …` and returns what it printed. */
async function run(...args: string[]): Promise<string> {
  let printed = '';
  const program = new Command().exitOverride().configureOutput({ writeOut: (s) => (printed += s), writeErr: (s) => (printed += s) });
  const config = loadConfig({}, { dataDir: '/tmp/coop-cli-test', sessionSecret: 'x'.repeat(32), databaseUrl: fresh.url });
  registerUserCommand(program, async () => ({ database: fresh.database, config, close: async () => void closes++ }), { write: (s) => (printed += s) });
  await program.parseAsync(['node', 'cooperando', 'user', ...args]);
  return printed;
}

const coopCf = async (id: string): Promise<string> =>
  (await fresh.database.query<{ codice_fiscale: string }>('SELECT codice_fiscale FROM cooperatives WHERE organisation_id = $1', [id])).rows[0]!.codice_fiscale;

test('user create with a generated password and a platform_admin role', async () => {
  const before = closes;
  const out = await run('create', '--email', 'Admin@Example.org', '--name', 'Amministratrice', '--role', 'platform_admin');
  assert.match(out, /Created account admin@example\.org/);
  const password = /Password: (\S+)/.exec(out)?.[1];
  assert.ok(password && password.length === 20);
  const a = await findAccountByEmail(fresh.database.db, 'admin@example.org');
  assert.ok(a);
  assert.equal(await verifyPassword(a.passwordHash!, password), true);
  assert.equal(closes, before + 1, 'the database handle is closed after the command');
});

test('user create with a co-op role by codice fiscale, a person and a given password', async () => {
  const cf = await coopCf(fed.coopNorth);
  const out = await run('create', '--email', 'coop@example.org', '--name', 'Coop Admin', '--password', 'given long password', '--role', 'coop_admin', '--org', cf, '--person', fed.personNorth);
  assert.doesNotMatch(out, /Password:/);
  const list = await run('list', '--json');
  const items = JSON.parse(list) as { email: string; personId: string; grants: { role: string; organisationId: string }[] }[];
  const coop = items.find((i) => i.email === 'coop@example.org')!;
  assert.equal(coop.personId, fed.personNorth);
  assert.deepEqual(coop.grants.map((g) => [g.role, g.organisationId]), [['coop_admin', fed.coopNorth]]);
  const table = await run('list', '--q', 'coop@');
  assert.match(table, /coop@example\.org\s+Coop Admin\s+coop_admin@Coop Nord/);
  assert.doesNotMatch(table, /admin@example\.org/);
});

test('user create refuses bad input with a readable message', async () => {
  await assert.rejects(run('create', '--email', 'short@example.org', '--name', 'S', '--password', 'short'), /almeno 10 caratteri|at least 10 characters/);
  await assert.rejects(run('create', '--email', 'admin@example.org', '--name', 'Dup'), /e-mail/);
  await assert.rejects(run('create', '--email', 'x@example.org', '--name', 'X', '--role', 'emperor'), /unknown role/);
  await assert.rejects(run('create', '--email', 'x@example.org', '--name', 'X', '--role', 'coop_admin', '--org', 'nowhere'), /--org must be/);
  await assert.rejects(run('create', '--email', 'x@example.org', '--name', 'X', '--role', 'coop_admin', '--org', fed.northAssoc), /cooperativ/);
  await assert.rejects(run('create', '--email', 'x@example.org', '--name', 'X', '--role', 'coop_admin'), /organi[sz]/i);
  await assert.rejects(run('create', '--name', 'X'), /--email/);
  assert.equal(await findAccountByEmail(fresh.database.db, 'x@example.org'), undefined);
});

test('user grant and --revoke', async () => {
  await run('create', '--email', 'staff@example.org', '--name', 'Staff', '--password', 'given long password');
  assert.match(await run('grant', '--email', 'staff@example.org', '--role', 'association_staff', '--org', fed.northAssoc), /Granted association_staff/);
  assert.match(await run('grant', '--email', 'staff@example.org', '--role', 'association_staff', '--org', fed.northAssoc), /already has/);
  const grants = await fresh.database.query("SELECT 1 FROM role_grants g JOIN accounts a ON a.id = g.account_id WHERE a.email = 'staff@example.org'");
  assert.equal(grants.rows.length, 1);
  assert.match(await run('grant', '--email', 'staff@example.org', '--role', 'association_staff', '--org', fed.northAssoc, '--revoke'), /Revoked/);
  await assert.rejects(run('grant', '--email', 'staff@example.org', '--role', 'association_staff', '--org', fed.northAssoc, '--revoke'), /no such grant/);
  await assert.rejects(run('grant', '--email', 'nobody@example.org', '--role', 'platform_admin'), /no account/);
});

test('user reset-password sets a new password, unlocks and ends sessions', async () => {
  const a = (await findAccountByEmail(fresh.database.db, 'staff@example.org'))!;
  await fresh.database.query("UPDATE accounts SET locked_until = now() + interval '10 minutes' WHERE id = $1", [a.id]);
  await fresh.database.query("INSERT INTO sessions (id_hash, account_id, csrf_token, expires_at) VALUES ('h1', $1, 'c', now() + interval '1 hour')", [a.id]);
  const out = await run('reset-password', '--email', 'staff@example.org');
  const password = /Password: (\S+)/.exec(out)?.[1];
  assert.ok(password);
  const after = (await findAccountByEmail(fresh.database.db, 'staff@example.org'))!;
  assert.equal(await verifyPassword(after.passwordHash!, password), true);
  assert.equal(after.lockedUntil, null);
  const sessions = await fresh.database.query('SELECT 1 FROM sessions WHERE account_id = $1', [a.id]);
  assert.equal(sessions.rows.length, 0);
});

test('every user subcommand has --help', async () => {
  const expected: Record<string, RegExp[]> = {
    create: [/--email <email>/, /--name <name>/, /--password <password>/, /--role <role>/, /--org <organisation>/, /--person <personId>/],
    list: [/--q <text>/, /--json/],
    grant: [/--email <email>/, /--role <role>/, /--org <organisation>/, /--revoke/],
    'reset-password': [/--email <email>/, /--password <password>/],
  };
  for (const [sub, patterns] of Object.entries(expected)) {
    let printed = '';
    const program = new Command().exitOverride().configureOutput({ writeOut: (s) => (printed += s), writeErr: (s) => (printed += s) });
    program.commands.forEach((c) => c.exitOverride());
    registerUserCommand(program, async () => {
      throw new Error('help must not open the database');
    });
    const user = program.commands.find((c) => c.name() === 'user')!;
    user.exitOverride();
    user.commands.forEach((c) => c.exitOverride());
    await assert.rejects(program.parseAsync(['node', 'cooperando', 'user', sub, '--help']), (err: { code?: string }) => err.code === 'commander.helpDisplayed');
    assert.match(printed, new RegExp(`Usage: cooperando user ${sub}`));
    for (const p of patterns) assert.match(printed, p, `${sub} --help mentions ${p}`);
  }
});
