-- Identity: accounts, server-side sessions, scoped role grants, invitations.
CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  password_hash text,
  person_id uuid UNIQUE REFERENCES people (id),
  display_name text NOT NULL,
  locale text NOT NULL DEFAULT 'it' CHECK (locale IN ('it', 'en')),
  failed_sign_ins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz
);
CREATE UNIQUE INDEX accounts_email_idx ON accounts (lower(email));

CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

-- 'member' is not granted: it follows from the account's person having memberships.
CREATE TABLE role_grants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('coop_admin', 'association_staff', 'platform_admin')),
  organisation_id uuid REFERENCES organisations (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'platform_admin') = (organisation_id IS NULL))
);
CREATE UNIQUE INDEX role_grants_unique_idx ON role_grants (account_id, role, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid));

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  email text NOT NULL,
  display_name text,
  person_id uuid REFERENCES people (id),
  role text CHECK (role IN ('coop_admin', 'association_staff', 'platform_admin')),
  organisation_id uuid REFERENCES organisations (id),
  created_by uuid REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  account_id uuid REFERENCES accounts (id)
);

-- Sign-in attempts per key (email or IP) for rate limiting across processes.
CREATE TABLE sign_in_attempts (
  key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempts_key_idx ON sign_in_attempts (key, at);
