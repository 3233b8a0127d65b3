// The registry's public face: other modules import only from here.
import './messages.ts';
import type { PlatformModule } from '../../core/module.ts';
import { registerRegistryRoutes } from './routes.ts';
import { registerImportRoutes } from './import/routes.ts';
import { registerExportRoutes } from './export/routes.ts';

export const registryModule: PlatformModule = {
  name: 'registry',
  async register({ app, database, config, jobs }) {
    registerRegistryRoutes(app, database);
    registerImportRoutes(app, database, config, jobs);
    registerExportRoutes(app, database);
  },
};

export { isWithinScope, personHasMembershipIn, canRead, canManageRegister, readableRoots, isPlatformAdmin, coopsUnderSql } from './scope.ts';
export { refreshMemberStats, CURRENT_YEAR_KEY } from './stats.ts';
export * as registry from './service.ts';
export { organisations, cooperatives, cooperativeSectors, people, memberships, yearlyFigures, coopMemberStats } from './schema.ts';

// Spreadsheet reading for other modules' imports (mutuality's exchange ledger): the same Italian-spreadsheet rules.
export { openSource } from './import/importer.ts';
export { cellText, parseText, parseDateCell, parseCentsCell, parseIntCell, Vocabulary, type Parsed } from './import/values.ts';
export { normalizeLabel } from './import/columns.ts';
export { ImportFileError, isBlankRow, type Cell, type RecordSource, type SourceRow, type MalformedRow } from './import/source.ts';
export { parseItalianNumber } from './domain/index.ts';
