// The mutuality use cases (authorise, compute with the pure domain code, write in one transaction with an audit
// entry), one file per area under services/.
export * from './services/settings.ts';
export * from './services/exchanges.ts';
export * from './services/accounts.ts';
export * from './services/runs.ts';
export * from './services/compute.ts';
export * from './services/statements.ts';
export * from './services/share-capital.ts';
export type { Actor } from './services/access.ts';
