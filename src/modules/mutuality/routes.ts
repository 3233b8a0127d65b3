// Mutuality HTTP routes: thin — schemas (validation + OpenAPI) and a call into the services. One file per area.
import type { App } from '../../core/http.ts';
import type { Database } from '../../core/db.ts';
import type { Config } from '../../core/config.ts';
import { registerLedgerRoutes } from './routes/ledger.ts';
import { registerAccountRoutes } from './routes/accounts.ts';
import { registerRistorniRoutes } from './routes/ristorni.ts';
import { registerCapitalRoutes } from './routes/capital.ts';

export function registerMutualityRoutes(app: App, database: Database, config: Config): void {
  registerLedgerRoutes(app, database, config);
  registerAccountRoutes(app, database);
  registerRistorniRoutes(app, database);
  registerCapitalRoutes(app, database);
}
