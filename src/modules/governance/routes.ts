// Governance HTTP routes: thin — schemas (validation + OpenAPI) and a call into the service.
import type { App } from '../../core/http.ts';
import type { Database } from '../../core/db.ts';
import type { Config } from '../../core/config.ts';
import { registerSetupRoutes } from './routes/setup.ts';
import { registerAssemblyRoutes } from './routes/assemblies.ts';
import { registerParticipationRoutes } from './routes/participation.ts';
import { registerDeliberationRoutes } from './routes/deliberation.ts';
import { registerEvoteRoutes } from './routes/evote.ts';

export function registerGovernanceRoutes(app: App, database: Database, config: Config): void {
  registerSetupRoutes(app, database);
  registerAssemblyRoutes(app, database, config);
  registerParticipationRoutes(app, database);
  registerDeliberationRoutes(app, database);
  registerEvoteRoutes(app, database);
}
