// The identity module's public face: the platform module (auth hook + routes) and the services other code uses.
import type { PlatformModule } from '../../core/module.ts';
import './messages.ts';
import './messages-security.ts';
import { installAuthHook } from './hook.ts';
import { registerIdentityRoutes } from './routes.ts';
import { Mailer } from './mail/mailer.ts';
import { registerMailRoutes } from './mail/routes.ts';
import { KeyStore } from './keys/signing-keys.ts';
import { createSealer } from './keys/sealed.ts';
import { registerPasskeyRoutes } from './passkeys/routes.ts';
import { registerSecurityRoutes } from './security/routes.ts';
import { registerEmailRoutes } from './email/routes.ts';
import { registerOnboardingRoutes } from './onboarding/routes.ts';
import { OidcService } from './oidc/provider.ts';
import { registerOidcRoutes } from './oidc/routes.ts';
import { registerCredentialRoutes } from './credentials/routes.ts';
import { signInAttempts } from './schema.ts';
import { ipKey } from './service.ts';

export const identityModule: PlatformModule = {
  name: 'identity',
  async register({ app, database, config, jobs }) {
    const db = database.db;
    const mailer = new Mailer(database, { smtpUrl: config.smtpUrl, from: config.mailFrom, onError: (err) => app.log.error({ err }, 'mail delivery failed') });
    const keys = new KeyStore(database, config.sessionSecret);
    const sealer = createSealer(config.sessionSecret, 'oidc-client-secrets');
    const oidc = new OidcService({
      database,
      config,
      keys,
      sealer,
      trustProxy: process.env.TRUST_PROXY === '1',
      onCredentialFailure: (ip) => {
        db.insert(signInAttempts)
          .values({ key: ipKey(ip) })
          .catch((err: unknown) => app.log.error({ err }, 'recording an OIDC failure failed'));
      },
      log: (err, msg) => app.log.error({ err }, msg),
    });
    app.addHook('onClose', async () => mailer.close());
    installAuthHook(app, database, config);
    registerIdentityRoutes(app, database, config, mailer);
    registerPasskeyRoutes(app, { db, config, mailer });
    registerSecurityRoutes(app, { db, config, mailer });
    registerEmailRoutes(app, { db, config, mailer });
    registerMailRoutes(app, { db, mailer });
    registerOnboardingRoutes(app, { db, jobs, mailer, publicUrl: config.publicUrl });
    registerOidcRoutes(app, { db, config, oidc, keys, sealer });
    registerCredentialRoutes(app, { db, keys, publicUrl: config.publicUrl });
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
// Mail for other modules (assembly convocations …) and the credential machinery for benchmarks and tools.
export { Mailer, type MailMessage } from './mail/mailer.ts';
export { KeyStore } from './keys/signing-keys.ts';
export { issueCredential } from './credentials/service.ts';
export { verifyPresentation } from './credentials/verify.ts';
