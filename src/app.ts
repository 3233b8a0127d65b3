// The composition root: opens the database, applies migrations, builds the HTTP app and plugs in every module.
// (core imports no module; this file and the CLI are the only places that know them all.)
import { loadConfig, type Config } from './core/config.ts';
import { openDatabase, type Database } from './core/db.ts';
import { migrate, migrationsPending } from './core/migrations.ts';
import { createHttp, type App } from './core/http.ts';
import type { PlatformModule } from './core/module.ts';
import { JobRunner } from './core/jobs.ts';
import { identityModule } from './modules/identity/index.ts';
import { registryModule } from './modules/registry/index.ts';
import { governanceModule } from './modules/governance/index.ts';
import { mutualityModule } from './modules/mutuality/index.ts';
import { privacyModule } from './modules/privacy/index.ts';
import { incubatorModule } from './modules/incubator/index.ts';
import { webModule } from './web-static.ts';

/** Order matters: identity installs the hook that resolves the principal before any module's routes run. */
export const MODULES: PlatformModule[] = [identityModule, registryModule, governanceModule, mutualityModule, privacyModule, incubatorModule];

export interface Platform {
  app: App;
  database: Database;
  config: Config;
  jobs: JobRunner;
  close(): Promise<void>;
}

export interface PlatformOptions {
  config?: Config;
  database?: Database;
  logger?: boolean | Record<string, unknown>;
  /** The caller already applied the migrations to `database` (the CLI does, before seeding the demo). */
  migrated?: boolean;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
}

export async function createPlatform(opts: PlatformOptions = {}): Promise<Platform> {
  const config = opts.config ?? loadConfig();
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (!opts.migrated) await migrate(database);
  const app = await createHttp({
    config,
    logger: opts.logger,
    readiness: async () => {
      await database.query('SELECT 1');
      const pending = await migrationsPending(database);
      return pending === 0 ? { ok: true } : { ok: false, reason: `${pending} migrations pending` };
    },
  });
  const jobs = new JobRunner(database, (err, job) => app.log.error({ err, job }, 'background job error'));
  const ctx = { app, database, config, jobs };
  for (const m of MODULES) await m.register(ctx);
  if (opts.serveWeb ?? true) await webModule.register(ctx);
  await app.ready();
  return {
    app,
    database,
    config,
    jobs,
    async close() {
      await jobs.close();
      await app.close();
      if (!opts.database) await database.close();
    },
  };
}
