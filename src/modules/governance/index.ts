// The governance module's public face: assemblies and votes under Italian co-operative law. Other modules and the
// CLI import only from here.
import './messages.ts';
import type { PlatformModule } from '../../core/module.ts';
import { registerGovernanceRoutes } from './routes.ts';

export const governanceModule: PlatformModule = {
  name: 'governance',
  async register({ app, database, config }) {
    registerGovernanceRoutes(app, database, config);
  },
};

export { seedGovernanceDemo, type GovernanceDemo } from './demo.ts';
export { tally, defaultSeed, type TallyInput, type TallyResult } from './domain/tally/index.ts';
export { parseBlt, tallyInputFromFile, BallotFileError, BALLOT_FILE_FORMAT, type BallotFile } from './domain/ballot-file.ts';
export { DEFAULT_STATUTE, LEGAL_QUORUMS, validateStatute, type StatuteParams } from './domain/statute.ts';
export * as governance from './service.ts';
export { passedResolutions, type PassedResolution } from './services/resolutions.ts';
