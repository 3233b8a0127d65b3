// `cooperando user …`: create accounts, list them, grant roles and reset passwords from the command line
// (the way to create the first platform administrator).
import type { Command } from 'commander';
import type { Config } from '../core/config.ts';
import type { Database } from '../core/db.ts';
import { ProblemError } from '../core/errors.ts';
import { t, type Locale } from '../core/i18n.ts';
import type { GrantRole } from '../core/http.ts';
import {
  createAccount,
  findAccountByEmail,
  generatePassword,
  grantRole,
  listAccounts,
  resetPassword,
  revokeGrant,
  type Actor,
} from '../modules/identity/index.ts';

type Opener = () => Promise<{ database: Database; config: Config; close(): Promise<void> }>;
export interface CliOutput {
  write(text: string): void;
}

const ROLES: readonly GrantRole[] = ['platform_admin', 'coop_admin', 'association_staff'];
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLI_ACTOR: Actor = { accountId: null, requestId: 'cli' };

const cliLocale = (): Locale => ((process.env.LC_ALL ?? process.env.LANG ?? '').toLowerCase().startsWith('it') ? 'it' : 'en');

/** A problem from a service, as one readable line (the CLI has no HTTP status to show). */
function describe(err: ProblemError): string {
  const locale = cliLocale();
  const parts = [t(locale, err.titleKey)];
  if (err.detailKey) parts.push(t(locale, err.detailKey, err.detailParams));
  for (const f of err.fields) parts.push(`${f.field.replace(/^body\//, '')}: ${t(locale, f.code, f.params)}`);
  return parts.join(' — ');
}

/** Opens the database, runs fn, always closes; service problems become plain errors for main's handler. */
async function withDatabase(open: Opener, fn: (database: Database) => Promise<void>): Promise<void> {
  const { database, close } = await open();
  try {
    await fn(database);
  } catch (err) {
    if (err instanceof ProblemError) throw new Error(describe(err), { cause: err });
    throw err;
  } finally {
    await close();
  }
}

function parseRole(value: string): GrantRole {
  if (!(ROLES as readonly string[]).includes(value)) throw new Error(`unknown role "${value}" (one of ${ROLES.join(', ')})`);
  return value as GrantRole;
}

/** An organisation by id, or a co-op by its codice fiscale (11 digits). */
async function resolveOrganisation(database: Database, ref: string): Promise<string> {
  const value = ref.trim();
  let rows: { id: string }[];
  if (UUID_RE.test(value)) {
    rows = (await database.query<{ id: string }>('SELECT id FROM organisations WHERE id = $1', [value])).rows;
  } else if (/^\d{11}$/.test(value)) {
    rows = (await database.query<{ id: string }>('SELECT organisation_id AS id FROM cooperatives WHERE codice_fiscale = $1', [value])).rows;
  } else {
    throw new Error(`--org must be an organisation id or a co-op's codice fiscale (11 digits), got "${ref}"`);
  }
  if (!rows[0]) throw new Error(`no organisation ${value}`);
  return rows[0].id;
}

async function targetOf(database: Database, role: GrantRole | undefined, org: string | undefined): Promise<string | null> {
  if (org && !role) throw new Error('--org needs --role');
  if (!org || !role) return null;
  return resolveOrganisation(database, org);
}

async function accountByEmail(database: Database, email: string) {
  const account = await findAccountByEmail(database.db, email);
  if (!account) throw new Error(`no account with e-mail ${email}`);
  return account;
}

export function registerUserCommand(program: Command, open: Opener, out: CliOutput = process.stdout): void {
  const user = program.command('user').description('manage accounts and roles');

  user
    .command('create')
    .description('create an account (prints a generated password when --password is not given)')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'display name')
    .option('--password <password>', `password (at least 10 characters); better left out: one is generated and printed`)
    .option('--role <role>', `grant a role: ${ROLES.join(' | ')}`)
    .option('--org <organisation>', 'organisation of the role: its id, or a co-op’s codice fiscale')
    .option('--person <personId>', 'link the account to this person of the registry (id)')
    .option('--locale <locale>', 'language of the account: it | en', 'it')
    .action(async (opts: { email: string; name: string; password?: string; role?: string; org?: string; person?: string; locale: string }) => {
      if (opts.locale !== 'it' && opts.locale !== 'en') throw new Error('--locale must be it or en');
      if (opts.person && !UUID_RE.test(opts.person)) throw new Error('--person must be a person id (uuid)');
      const role = opts.role ? parseRole(opts.role) : undefined;
      await withDatabase(open, async (database) => {
        const organisationId = await targetOf(database, role, opts.org);
        const password = opts.password ?? generatePassword();
        const account = await createAccount(
          database.db,
          {
            email: opts.email,
            displayName: opts.name,
            password,
            locale: opts.locale as Locale,
            personId: opts.person ?? null,
            grants: role ? [{ role, organisationId }] : [],
          },
          CLI_ACTOR,
        );
        out.write(`Created account ${account.email} (${account.id})${role ? ` with role ${role}${organisationId ? ` on ${organisationId}` : ''}` : ''}.\n`);
        if (!opts.password) out.write(`Password: ${password}\n`);
      });
    });

  user
    .command('list')
    .description('list accounts with their roles')
    .option('--q <text>', 'only accounts whose e-mail or name contains this text')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: { q?: string; json?: boolean }) => {
      await withDatabase(open, async (database) => {
        const items = [];
        for (let page = 1; ; page++) {
          const r = await listAccounts(database.db, { q: opts.q, page, pageSize: 200 });
          items.push(...r.items);
          if (page * r.pageSize >= r.total) break;
        }
        if (opts.json) {
          out.write(`${JSON.stringify(items, null, 2)}\n`);
          return;
        }
        if (items.length === 0) {
          out.write('No accounts.\n');
          return;
        }
        for (const a of items) {
          const roles = a.grants.map((g) => (g.organisationId ? `${g.role}@${g.organisationName ?? g.organisationId}` : g.role)).join(', ');
          const flags = [a.disabled ? 'disabled' : '', a.lockedUntil ? `locked until ${a.lockedUntil}` : ''].filter(Boolean).join(', ');
          out.write(`${a.email.padEnd(40)} ${a.displayName.padEnd(30)} ${roles || '-'}${flags ? `  [${flags}]` : ''}\n`);
        }
      });
    });

  user
    .command('grant')
    .description('grant a role to an account (or take it away with --revoke)')
    .requiredOption('--email <email>', 'the account’s e-mail')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--org <organisation>', 'organisation of the role (not for platform_admin): its id, or a co-op’s codice fiscale')
    .option('--revoke', 'remove the grant instead')
    .action(async (opts: { email: string; role: string; org?: string; revoke?: boolean }) => {
      const role = parseRole(opts.role);
      await withDatabase(open, async (database) => {
        const account = await accountByEmail(database, opts.email);
        const organisationId = await targetOf(database, role, opts.org);
        if (opts.revoke) {
          const { rows } = await database.query<{ id: string }>(
            'SELECT id FROM role_grants WHERE account_id = $1 AND role = $2 AND organisation_id IS NOT DISTINCT FROM $3',
            [account.id, role, organisationId],
          );
          if (!rows[0]) throw new Error(`${account.email} has no such grant`);
          await revokeGrant(database.db, account.id, rows[0].id, CLI_ACTOR);
          out.write(`Revoked ${role} from ${account.email}.\n`);
          return;
        }
        const r = await grantRole(database.db, account.id, role, organisationId, CLI_ACTOR);
        out.write(r.created ? `Granted ${role} to ${account.email}.\n` : `${account.email} already has that role.\n`);
      });
    });

  user
    .command('reset-password')
    .description('set a new password (generated and printed when not given), unlock the account and end its sessions')
    .requiredOption('--email <email>', 'the account’s e-mail')
    .option('--password <password>', 'the new password (at least 10 characters)')
    .action(async (opts: { email: string; password?: string }) => {
      await withDatabase(open, async (database) => {
        const account = await accountByEmail(database, opts.email);
        const password = opts.password ?? generatePassword();
        await resetPassword(database.db, account.id, password, CLI_ACTOR);
        out.write(`Password of ${account.email} reset; its sessions were ended.\n`);
        if (!opts.password) out.write(`Password: ${password}\n`);
      });
    });
}
