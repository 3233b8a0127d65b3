-- OpenID Connect provider: clients registered by platform administrators, the provider's own models (sessions,
-- grants, codes, tokens …) as JSON documents, signing keys kept in the database (private halves encrypted with a key
-- derived from SESSION_SECRET), and platform secrets that must outlive a change of SESSION_SECRET (the
-- pairwise-subject salt: if it changed, every relying party would see its users under new identifiers).
CREATE TABLE oidc_clients (
  client_id text PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- AES-GCM encrypted client secret; NULL for a public client (PKCE only, no secret)
  secret_enc text,
  token_endpoint_auth_method text NOT NULL DEFAULT 'client_secret_basic'
    CHECK (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post', 'none')),
  redirect_uris text[] NOT NULL CHECK (cardinality(redirect_uris) >= 1),
  post_logout_redirect_uris text[] NOT NULL DEFAULT '{}',
  sector_identifier_uri text,
  allow_refresh boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  CHECK ((token_endpoint_auth_method = 'none') = (secret_enc IS NULL))
);

CREATE TABLE oidc_models (
  model text NOT NULL,
  id text NOT NULL,
  payload jsonb NOT NULL,
  grant_id text,
  user_code text,
  uid text,
  expires_at timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX oidc_models_grant_idx ON oidc_models (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX oidc_models_uid_idx ON oidc_models (model, uid) WHERE uid IS NOT NULL;
CREATE INDEX oidc_models_user_code_idx ON oidc_models (model, user_code) WHERE user_code IS NOT NULL;
CREATE INDEX oidc_models_expires_idx ON oidc_models (expires_at);

-- Asymmetric signing keys by purpose. The newest un-retired key signs; retired keys stay published (JWKS) until
-- `unpublish_at`, so tokens and credentials signed before a rotation still verify.
CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('oidc', 'credentials')),
  alg text NOT NULL,
  public_jwk jsonb NOT NULL,
  private_jwk_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  unpublish_at timestamptz
);
CREATE INDEX signing_keys_purpose_idx ON signing_keys (purpose, created_at DESC);

CREATE TABLE platform_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
