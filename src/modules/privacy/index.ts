// The privacy module's public face: the personal-data catalogue, the member's data export, consents and the
// versioned privacy notice, the access log. Other modules and the CLI import only from here.
import './messages.ts';
import type { PlatformModule } from '../../core/module.ts';
import { registerPrivacyRoutes } from './routes.ts';
import { registerRequestRoutes } from './requests/routes.ts';
import { registerImportRoutes } from './import/routes.ts';

export const privacyModule: PlatformModule = {
  name: 'privacy',
  async register({ app, database, config }) {
    registerPrivacyRoutes(app, database, config);
    registerRequestRoutes(app, database, config);
    registerImportRoutes(app, database, config);
  },
};

export { CATALOGUE, EXPORTED, type CatalogueEntry, type ExportedTable, type ExcludedTable } from './catalogue.ts';
export { buildExport, subjectOf, type ExportBundle } from './export/exporter.ts';
export { listConsents, setConsent, listAccessLog, currentDocument, publishDocument } from './service.ts';
