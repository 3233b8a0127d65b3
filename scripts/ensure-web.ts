// `npm start` runs this first: builds the web app when web/dist is missing, so the quick start is two commands.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (!existsSync(new URL('../web/dist/index.html', import.meta.url))) {
  process.stdout.write('Building the web app (first run)…\n');
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
