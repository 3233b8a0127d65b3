-- Privacy, portability: a member re-imports the bundle another Cooperando instance gave them (GET
-- /api/v1/me/data-export there). One row per imported bundle (its manifest's SHA-256 is the idempotency key), the
-- memberships it carried as external memberships (with their verifiable credential, kept to be verified later), and
-- the history as read-only records, each with the instance it originally came from so a second move keeps it.

CREATE TABLE privacy_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  manifest_sha256 text NOT NULL CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
  source_url text NOT NULL,
  source_software text NOT NULL,
  source_version text NOT NULL,
  source_generated_at timestamptz NOT NULL,
  source_account_id uuid NOT NULL,
  source_person_ids uuid[] NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  -- What was re-aggregated, per kind and per section; the sections left aside with the reason.
  counts jsonb NOT NULL,
  profile_filled text[] NOT NULL,
  -- Profile fields the destination already held with another value: kept, reported here.
  conflicts jsonb NOT NULL,
  UNIQUE (account_id, manifest_sha256)
);

CREATE TABLE privacy_external_memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  import_id uuid NOT NULL REFERENCES privacy_imports (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- The instance that keeps the register this membership is in, and its id there.
  origin_url text NOT NULL,
  origin_membership_id uuid NOT NULL,
  cooperative_name text,
  cooperative_codice_fiscale text,
  cooperative_albo_number text,
  register_number integer,
  member_types text[] NOT NULL DEFAULT '{}',
  applied_on date,
  admitted_on date,
  registered_on date,
  shares_count integer,
  share_nominal_cents bigint,
  subscribed_cents bigint,
  paid_cents bigint,
  exit_kind text,
  exit_on date,
  exit_reason text,
  -- The latest membership credential (SD-JWT VC) the origin issued, signed with its keys.
  credential_id uuid,
  credential_sd_jwt text,
  credential_issued_at timestamptz,
  credential_expires_at timestamptz,
  credential_revoked_at timestamptz,
  UNIQUE (import_id, origin_url, origin_membership_id)
);
CREATE INDEX privacy_external_memberships_account_idx ON privacy_external_memberships (account_id);

CREATE TABLE privacy_imported_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  import_id uuid NOT NULL REFERENCES privacy_imports (id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  origin_url text NOT NULL,
  -- The export section the row came from (assemblies, votes-cast, exchanges, ristorni …) and the row as exported.
  section text NOT NULL CHECK (section ~ '^[a-z][a-z0-9-]{0,62}$'),
  cooperative_name text,
  data jsonb NOT NULL
);
CREATE INDEX privacy_imported_records_account_idx ON privacy_imported_records (account_id, section);
CREATE INDEX privacy_imported_records_import_idx ON privacy_imported_records (import_id);
