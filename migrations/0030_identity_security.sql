-- Identity, part 2: verified e-mail, step-up freshness of sessions, passkeys (WebAuthn), one-time recovery codes,
-- single-use e-mail tokens (verification, password reset), the mail outbox, and invitations sent by e-mail.
ALTER TABLE accounts ADD COLUMN email_verified_at timestamptz;

-- When the person last proved who they are in this session (sign-in or step-up), and how they signed in.
ALTER TABLE sessions ADD COLUMN authenticated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE sessions ADD COLUMN auth_method text;

CREATE TABLE passkeys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- base64url credential id as the authenticator returns it
  credential_id text NOT NULL UNIQUE,
  public_key bytea NOT NULL,
  counter bigint NOT NULL DEFAULT 0,
  transports text[] NOT NULL DEFAULT '{}',
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  aaguid text,
  device_type text,
  backed_up boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX passkeys_account_idx ON passkeys (account_id);

-- A WebAuthn ceremony in flight: the challenge we issued, for what, and for whom. Single use (deleted on use).
CREATE TABLE webauthn_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('register', 'sign-in', 'step-up')),
  account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
  session_id_hash text,
  expires_at timestamptz NOT NULL
);
CREATE INDEX webauthn_challenges_expires_idx ON webauthn_challenges (expires_at);

-- One-time recovery codes: only their hashes are kept; a new set replaces the old one.
CREATE TABLE recovery_codes (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  PRIMARY KEY (account_id, code_hash)
);

-- Single-use tokens sent by e-mail (only the hash is stored): e-mail verification and password reset.
CREATE TABLE account_tokens (
  token_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify-email', 'reset-password')),
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX account_tokens_account_idx ON account_tokens (account_id, purpose);

-- Every mail the platform sends. With SMTP configured a row is 'pending' until delivered ('sent', body cleared so
-- no reset link stays readable) or given up ('failed'); without SMTP it stays in the 'outbox' for administrators.
CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text,
  html_body text,
  template text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('it', 'en')),
  account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'outbox')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX mail_outbox_created_idx ON mail_outbox (created_at DESC);

-- Invitations now travel by e-mail; bulk invitations from a register remember their batch (a background job).
ALTER TABLE invitations ADD COLUMN mailed_at timestamptz;
ALTER TABLE invitations ADD COLUMN job_id uuid;
CREATE INDEX invitations_person_idx ON invitations (person_id) WHERE accepted_at IS NULL;
