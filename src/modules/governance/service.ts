// The governance use cases, one file per concern under services/; this is the single import for routes and tests.
export type { Actor } from './services/common.ts';
export * from './services/statute.ts';
export * from './services/agenda.ts';
export * from './services/view.ts';
export * from './services/session.ts';
export * from './services/roll.ts';
export * from './services/notices.ts';
export * from './services/proxies.ts';
export * from './services/attendance.ts';
export * from './services/ballots.ts';
export * from './services/deliberation.ts';
export * from './services/live.ts';
export { presence } from './services/presence.ts';
export { getMinutes, verifyMinutes } from './services/minutes.ts';
export { passedResolutions, type PassedResolution } from './services/resolutions.ts';
