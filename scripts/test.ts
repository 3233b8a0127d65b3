// `npm test`: type-check, build the web app (the browser tests drive it), then run every test file with node's
// test runner. The database backend is PGlite unless TEST_DATABASE_URL points at a PostgreSQL server.
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

function run(cmd: string, args: string[], label: string): void {
  process.stdout.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    process.stderr.write(`✖ ${label} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}

const only = process.argv.slice(2);
const bin = (name: string) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

if (only.length === 0) {
  run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], 'type-check (tsc --strict)');
  run(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], 'build the web app');
}

const files = only.length
  ? only
  : [...globSync('src/**/*.test.ts'), ...globSync('test/**/*.test.ts')].filter((f) => !f.includes('node_modules')).sort();
process.stdout.write(
  `\n▶ ${files.length} test files on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PGlite (embedded)'}\n`,
);
run(process.execPath, ['--test', '--test-concurrency=3', '--test-reporter=spec', ...files], 'tests');
