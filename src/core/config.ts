// Configuration from environment variables (documented in the README). Secrets that are not given
// are generated once into DATA_DIR so restarts and several processes sharing DATA_DIR agree on them.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection string; undefined means the embedded PGlite database under dataDir. */
  databaseUrl: string | undefined;
  logLevel: string;
  /** Secret used to sign cookies and derive CSRF tokens. */
  sessionSecret: string;
  /** Public base URL (used in links and to decide whether cookies are `Secure`). */
  publicUrl: string;
  /** Hours a session lives without activity. */
  sessionTtlHours: number;
  /** Largest accepted upload (imports), bytes. */
  maxUploadBytes: number;
  /** SMTP server for outgoing mail (`smtp://user:pass@host:587`, `smtps://…:465`); undefined keeps mail in the outbox. */
  smtpUrl: string | undefined;
  /** The From address of outgoing mail. */
  mailFrom: string;
  /**
   * Key of the keyed hash (HMAC-SHA256) that pseudonymises what an erasure must not keep in clear (GDPR art. 4(5):
   * the key is kept apart — in PRIVACY_PSEUDONYM_KEY or DATA_DIR/secrets, never in the database).
   */
  privacyPseudonymKey: string;
}

function intFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

/** Reads a secret from the environment, or from DATA_DIR/secrets/<name>, creating it when missing. */
function secret(name: string, envName: string, dataDir: string, env: NodeJS.ProcessEnv): string {
  const given = env[envName];
  if (given) return given;
  const dir = join(dataDir, 'secrets');
  const file = join(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString('base64url');
  try {
    // 'wx' fails if another process created it meanwhile; then read theirs.
    writeFileSync(file, value, { mode: 0o600, flag: 'wx' });
    return value;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? './data');
  const port = overrides.port ?? intFromEnv('PORT', 3000, env);
  const host = overrides.host ?? env.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    dataDir,
    databaseUrl: 'databaseUrl' in overrides ? overrides.databaseUrl : env.DATABASE_URL || undefined,
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    sessionSecret: overrides.sessionSecret ?? secret('session-secret', 'SESSION_SECRET', dataDir, env),
    publicUrl: overrides.publicUrl ?? env.PUBLIC_URL ?? `http://localhost:${port}`,
    sessionTtlHours: overrides.sessionTtlHours ?? intFromEnv('SESSION_TTL_HOURS', 12, env),
    maxUploadBytes: overrides.maxUploadBytes ?? intFromEnv('MAX_UPLOAD_BYTES', 1024 * 1024 * 1024, env),
    smtpUrl: 'smtpUrl' in overrides ? overrides.smtpUrl : env.SMTP_URL || undefined,
    mailFrom: overrides.mailFrom ?? env.MAIL_FROM ?? 'Cooperando <no-reply@cooperando.invalid>',
    privacyPseudonymKey: overrides.privacyPseudonymKey ?? secret('privacy-pseudonym-key', 'PRIVACY_PSEUDONYM_KEY', dataDir, env),
  };
}
