// What a module receives when the platform starts: the HTTP app to add routes to, the database and the config.
import type { App } from './http.ts';
import type { Database } from './db.ts';
import type { Config } from './config.ts';
import type { JobRunner } from './jobs.ts';

export interface ModuleContext {
  app: App;
  database: Database;
  config: Config;
  /** Background jobs of this process (state in the `jobs` table). */
  jobs: JobRunner;
}

export interface PlatformModule {
  name: string;
  /** Registers the module's hooks and routes (routes under /api/v1). */
  register(ctx: ModuleContext): Promise<void>;
}
