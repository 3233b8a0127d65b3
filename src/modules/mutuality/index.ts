// The mutuality module's public face: members' mutual exchanges, prevailing mutuality, ristorni (with pluggable
// jurisdiction rule sets) and the share-capital ledger. Other modules and the CLI import only from here.
import './messages.ts';
import type { PlatformModule } from '../../core/module.ts';
import { registerMutualityRoutes } from './routes.ts';

export const mutualityModule: PlatformModule = {
  name: 'mutuality',
  async register({ app, database, config }) {
    registerMutualityRoutes(app, database, config);
  },
};

export { seedMutualityDemo, seedMutualityDemoForAccounts, type MutualityDemoResult } from './demo.ts';
export { computeRun, type ComputeOptions } from './services/compute.ts';
export { createRun, approveRun, payRun, loadRun } from './services/runs.ts';
export { importExchanges, type ExchangeImportReport } from './import/importer.ts';
export { RULE_SETS, ruleSet, allocate, prevalence, type RistorniRuleSet, type RuleSetId } from './domain/index.ts';
export * as mutuality from './service.ts';
