// `cooperando demo`: fills an empty registry with the synthetic Legacoop Emilia-Romagna federation and prints the
// demo accounts. `--reset` empties the registry and identity tables first (no questions asked).
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import type { Config } from '../core/config.ts';
import type { Database } from '../core/db.ts';
import {
  DEFAULT_COOPS,
  DEFAULT_MEMBERS,
  DEFAULT_SEED,
  MAX_MEMBERS,
  RegistryNotEmptyError,
  demoOptionsProblem,
  generateDemo,
  DEMO_EMAILS,
  isRegistryEmpty,
  resetRegistry,
  type DemoProgress,
  type DemoResult,
} from '../modules/registry/demo/index.ts';
import { seedGovernanceDemo } from '../modules/governance/index.ts';
import { seedMutualityDemoForAccounts } from '../modules/mutuality/index.ts';

type Open = () => Promise<{ database: Database; config: Config; close(): Promise<void> }>;

interface DemoCliOptions {
  members: number;
  coops: number;
  seed: string;
  reset?: boolean;
}

const integer = (name: string, min: number, max: number) => (value: string): number => {
  const n = Number(value.replace(/[_,.]/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}`);
  return n;
};

export function registerDemoCommand(program: Command, open: Open): void {
  program
    .command('demo')
    .description(
      'generate a synthetic federation shaped like Legacoop Emilia-Romagna (associations, co-ops, members, yearly figures) ' +
        'and demo accounts with fixed, published demo passwords; refuses a non-empty registry unless --reset',
    )
    .option('--members <n>', `memberships to generate, exits included (up to ${MAX_MEMBERS.toLocaleString('en')})`, integer('--members', 9, MAX_MEMBERS), DEFAULT_MEMBERS)
    .option('--coops <n>', 'co-ops to generate', integer('--coops', 1, 100_000), DEFAULT_COOPS)
    .option('--seed <seed>', 'seed: the same seed gives the same federation', String(DEFAULT_SEED))
    .option('--reset', 'empty the registry and identity tables (organisations, people, memberships, accounts, sessions …) first')
    .addHelpText(
      'after',
      '\nThe demo accounts printed at the end have FIXED demo passwords (e.g. demo-socio-2026): use them only to try the\n' +
        'platform, never on an instance with real data. DATABASE_URL selects PostgreSQL; otherwise PGlite in DATA_DIR.',
    )
    .action(async (opts: DemoCliOptions) => {
      const problem = demoOptionsProblem({ coops: opts.coops, members: opts.members });
      if (problem) {
        process.stderr.write(`cooperando demo: ${problem}\n`);
        process.exitCode = 2;
        return;
      }
      const { database, config, close } = await open();
      const out = process.stdout;
      try {
        if (opts.reset) {
          await resetRegistry(database);
          out.write("Demo data emptied: every module's tables (the audit log and the platform's keys are kept).\n");
        } else if (!(await isRegistryEmpty(database))) {
          process.stderr.write(
            'cooperando demo: the registry already holds organisations or people; the demo only fills an empty database.\n' +
              'Run `cooperando demo --reset` to wipe the registry and the accounts first.\n',
          );
          process.exitCode = 1;
          return;
        }
        const seed = /^-?\d+$/.test(opts.seed) ? Number(opts.seed) : opts.seed;
        out.write(
          `Generating ${opts.coops.toLocaleString('en')} co-ops and ${opts.members.toLocaleString('en')} memberships (seed ${String(seed)}) on ${database.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}…\n`,
        );
        const started = performance.now();
        const progress = progressReporter(started);
        let result: DemoResult;
        try {
          result = await generateDemo(database, { coops: opts.coops, members: opts.members, seed, onProgress: progress.update });
          const governance = await seedGovernanceDemo(database, { publicUrl: config.publicUrl });
          await seedMutualityDemoForAccounts(database, { adminEmail: DEMO_EMAILS.coop_admin, memberEmail: DEMO_EMAILS.member, awaitAssemblyIn: governance?.cooperativeId ?? null });
        } finally {
          progress.stop();
        }
        const seconds = (performance.now() - started) / 1000;
        out.write(formatSummary(result, seconds));
      } catch (err) {
        if (err instanceof RegistryNotEmptyError) {
          process.stderr.write(`cooperando demo: ${err.message}\n`);
          process.exitCode = 1;
          return;
        }
        if (err instanceof RangeError) {
          process.stderr.write(`cooperando demo: ${err.message}\n`);
          process.exitCode = 2;
          return;
        }
        process.stderr.write('cooperando demo: generation failed; the registry may be partly filled: run again with --reset.\n');
        throw err;
      } finally {
        await close();
      }
    });
}

/** A cli-progress bar (memberships, rows/s) on a terminal; a line per phase otherwise. */
function progressReporter(started: number): { update: (p: DemoProgress) => void; stop: () => void } {
  const tty = Boolean(process.stderr.isTTY);
  let bar: cliProgress.SingleBar | null = null;
  let phase = '';
  const labels: Record<DemoProgress['phase'], string> = {
    organisations: 'associations and co-ops',
    members: 'people and memberships',
    stats: 'member statistics (roll-ups)',
    accounts: 'demo accounts',
    done: 'done',
  };
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
  return {
    update(p) {
      if (p.phase === 'members' && tty) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            {
              format: '  memberships |{bar}| {percentage}% | {value}/{total} | {rate} rows/s | ETA {eta_formatted}',
              stream: process.stderr,
              hideCursor: true,
              etaBuffer: 20,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.total, 0, { rate: 0 });
        }
        const secs = (performance.now() - started) / 1000;
        bar.update(p.done, { rate: secs > 0 ? Math.round(p.done / secs).toLocaleString('en') : 0 });
        return;
      }
      if (p.phase !== phase) {
        if (bar && p.phase !== 'members') {
          bar.stop();
          bar = null;
        }
        phase = p.phase;
        if (p.phase !== 'done') process.stderr.write(`  [${elapsed()} s] ${labels[p.phase]}…\n`);
      } else if (p.phase === 'members' && !tty && p.done > 0) {
        process.stderr.write(`  [${elapsed()} s] ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')} memberships\n`);
      }
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}

function formatSummary(r: DemoResult, seconds: number): string {
  const n = (x: number) => x.toLocaleString('en');
  const lines = [
    `Demo federation ready in ${seconds.toFixed(1)} s (${n(Math.round(r.memberships / Math.max(seconds, 0.001)))} memberships/s):`,
    `  ${n(r.organisations)} organisations (${n(r.cooperatives)} co-ops), ${n(r.people)} people, ${n(r.memberships)} memberships (${n(r.exitedMemberships)} ended)`,
    '',
    'Demo accounts — FIXED DEMO PASSWORDS, published in the source: for trying the platform only, never with real data.',
    ...r.accounts.map((a) => `  ${a.role.padEnd(18)} ${a.email.padEnd(42)} ${a.password.padEnd(22)} ${a.description}`),
    '',
  ];
  return lines.join('\n');
}
