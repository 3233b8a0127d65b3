// The `cooperando` command: serve, migrate, import, export, demo, user.
import { Command } from 'commander';
import { loadConfig, type Config } from '../core/config.ts';
import { openDatabase, type Database } from '../core/db.ts';
import { migrate } from '../core/migrations.ts';
import { createPlatform } from '../app.ts';
import { registerUserCommand } from './user.ts';
import { registerImportCommand } from './import.ts';
import { registerExportCommand } from './export.ts';
import { registerDemoCommand } from './demo.ts';
import { registerCountCommand } from './count.ts';
import { registerVerifyElectionCommand } from './verify-election.ts';
import { generateDemo, isRegistryEmpty, DEMO_EMAILS } from '../modules/registry/demo/index.ts';
import { seedGovernanceDemo } from '../modules/governance/index.ts';
import { seedMutualityDemoForAccounts } from '../modules/mutuality/index.ts';

/** Opens the configured database with migrations applied (for commands that do not serve HTTP). */
export async function openForCli(): Promise<{ database: Database; config: Config; close(): Promise<void> }> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(database);
  return { database, config, close: () => database.close() };
}

const program = new Command();
program
  .name('cooperando')
  .description('Cooperando — the cooperative digital platform.\nConfiguration by environment variables: PORT, HOST, DATA_DIR, DATABASE_URL, LOG_LEVEL, PUBLIC_URL, SESSION_SECRET (see README).')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the platform (API, web app) on PORT/HOST')
  .option('--demo', 'seed the demo federation first when the registry is empty')
  .option('--port <port>', 'port (default: PORT or 3000)')
  .option('--host <host>', 'host (default: HOST or 127.0.0.1)')
  .action(async (opts: { demo?: boolean; port?: string; host?: string }) => {
    const config = loadConfig(process.env, {
      ...(opts.port ? { port: Number(opts.port) } : {}),
      ...(opts.host ? { host: opts.host } : {}),
    });
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrate(database);
    if (opts.demo && (await isRegistryEmpty(database))) {
      process.stdout.write('Generating the demo federation (first run only)…\n');
      const started = Date.now();
      // DEMO_MEMBERS / DEMO_COOPS shrink the demo (CI's smoke test); the default is the full federation.
      const members = Number(process.env.DEMO_MEMBERS) || undefined;
      const coops = Number(process.env.DEMO_COOPS) || undefined;
      const result = await generateDemo(database, { ...(members ? { members } : {}), ...(coops ? { coops } : {}) });
      const governance = await seedGovernanceDemo(database, { publicUrl: config.publicUrl });
      await seedMutualityDemoForAccounts(database, { adminEmail: DEMO_EMAILS.coop_admin, memberEmail: DEMO_EMAILS.member, awaitAssemblyIn: governance?.cooperativeId ?? null });
      process.stdout.write(
        `Demo federation ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.cooperatives} co-ops, ${result.memberships} memberships.\n` +
          'Demo accounts (demo passwords — change them for any real use):\n' +
          result.accounts.map((a) => `  ${a.role.padEnd(18)} ${a.email.padEnd(40)} ${a.password}   ${a.description}`).join('\n') +
          '\n',
      );
    }
    const platform = await createPlatform({ config, database, migrated: true });
    const shutdown = async () => {
      await platform.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
    const address = await platform.app.listen({ port: config.port, host: config.host });
    process.stdout.write(`Cooperando is listening on ${address} (${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL'})\n`);
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const { database, close } = await openForCli();
    const { applied } = await migrate(database);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
    await close();
  });

registerImportCommand(program, openForCli);
registerExportCommand(program, openForCli);
registerDemoCommand(program, openForCli);
registerUserCommand(program, openForCli);
registerCountCommand(program);
registerVerifyElectionCommand(program);

program.parseAsync(process.argv).catch((err: Error) => {
  process.stderr.write(`cooperando: ${err.message}\n`);
  process.exit(1);
});
