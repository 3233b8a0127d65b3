// The identity module's public face: the platform module (auth hook + routes) and the services other code uses.
import type { PlatformModule } from '../../core/module.ts';
import './messages.ts';
import { installAuthHook } from './hook.ts';
import { registerIdentityRoutes } from './routes.ts';

export const identityModule: PlatformModule = {
  name: 'identity',
  async register({ app, database, config }) {
    installAuthHook(app, database, config);
    registerIdentityRoutes(app, database, config);
  },
};

export { hashPassword, verifyPassword, generatePassword, MIN_PASSWORD_LENGTH } from './password.ts';
export {
  createAccount,
  grantRole,
  revokeGrant,
  resetPassword,
  listAccounts,
  findAccountByEmail,
  getAccountView,
  isPlatformAdmin,
  SESSION_COOKIE,
  SYSTEM,
  type Actor,
  type AccountView,
  type AdminAccountView,
  type AdminGrantView,
  type GrantView,
  type NewAccount,
} from './service.ts';
export type { GrantedRole } from './schema.ts';
