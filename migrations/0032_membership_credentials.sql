-- Verifiable membership credentials (SD-JWT VC): what was issued (no claim values beyond ids), where its status
-- lives in a Token Status List, and the OpenID4VCI pre-authorised offers, access tokens and nonces.
CREATE TABLE status_lists (
  id serial PRIMARY KEY,
  size integer NOT NULL CHECK (size > 0 AND size % 8 = 0),
  -- slots taken, kept by issuance (so choosing the list to fill never counts its credentials)
  used integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE membership_credentials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- A deleted account or membership revokes its credentials (the status list reads a NULL as revoked).
  account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  membership_id uuid REFERENCES memberships (id) ON DELETE SET NULL,
  cooperative_id uuid NOT NULL,
  status_list_id integer NOT NULL REFERENCES status_lists (id),
  status_idx integer NOT NULL CHECK (status_idx >= 0),
  kid text NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text CHECK (revoked_reason IN ('membership-ended', 'holder-request', 'account-removed')),
  via text NOT NULL CHECK (via IN ('web', 'openid4vci')),
  holder_bound boolean NOT NULL DEFAULT false,
  -- The issued SD-JWT (with every disclosure), so its holder can fetch it again from any device.
  sd_jwt text NOT NULL,
  UNIQUE (status_list_id, status_idx)
);
CREATE INDEX membership_credentials_account_idx ON membership_credentials (account_id, issued_at DESC);
CREATE INDEX membership_credentials_membership_idx ON membership_credentials (membership_id);
CREATE INDEX membership_credentials_list_revoked_idx ON membership_credentials (status_list_id) WHERE revoked_at IS NOT NULL;

-- OpenID4VCI pre-authorised code flow: an offer (code + transaction PIN, hashed), the access token it buys, the
-- c_nonces the wallet signs its key proof over. All single use and short lived.
CREATE TABLE vci_offers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code_hash text NOT NULL UNIQUE,
  tx_code_hash text NOT NULL,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  membership_id uuid NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  used_at timestamptz
);
CREATE TABLE vci_access_tokens (
  token_hash text PRIMARY KEY,
  offer_id uuid NOT NULL REFERENCES vci_offers (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE TABLE vci_nonces (
  nonce_hash text PRIMARY KEY,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX vci_nonces_expires_idx ON vci_nonces (expires_at);
