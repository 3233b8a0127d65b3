// Password hashing with argon2id at the OWASP-recommended parameters (m=19 MiB, t=2, p=1). The PHC string
// stores the parameters, so raising them later still verifies old hashes (see needsRehash).
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export const MIN_PASSWORD_LENGTH = 10;
/** Argon2 accepts any length, but a cap keeps a huge body from costing more than a normal sign-in. */
export const MAX_PASSWORD_LENGTH = 1024;

const OPTIONS = {
  // `Algorithm` is an ambient const enum, which type stripping cannot inline: 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** Constant-time comparison inside argon2; a malformed stored hash counts as a mismatch. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for accounts that do not exist (or have no password),
 * so response times do not tell which e-mail addresses have an account.
 */
export async function dummyVerify(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}

/** True when the hash was made with weaker parameters than today's. */
export function needsRehash(storedHash: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!m) return true;
  return Number(m[1]) < OPTIONS.memoryCost || Number(m[2]) < OPTIONS.timeCost;
}

/** The password policy: a length check only (NIST SP 800-63B); returns an i18n code or null. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'identity.password.too-short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'identity.password.too-long';
  return null;
}

/** A random password for the CLI: 20 characters from an unambiguous alphabet (~114 bits). */
export function generatePassword(length = 20): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const out: string[] = [];
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      // Rejection sampling keeps the distribution uniform.
      if (b < 256 - (256 % alphabet.length) && out.length < length) out.push(alphabet[b % alphabet.length]!);
    }
  }
  return out.join('');
}
