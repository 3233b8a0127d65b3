-- Outbox of erasure notices to connected applications (GDPR art. 19): one row per OpenID Connect client the member
-- had authorised, with the pairwise subject that client knows the member by. Clients register no back-channel
-- endpoint today (oidc_clients has none), so rows are `recorded` and nothing is sent: the client learns of the
-- erasure because its grant, tokens and refresh tokens are gone (refresh and userinfo fail, introspection says
-- inactive). A delivery worker can later move rows to `delivered` or `failed`.
CREATE TABLE privacy_erasure_notices (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES privacy_requests (id) ON DELETE CASCADE,
  client_id text NOT NULL,
  client_name text NOT NULL,
  subject text NOT NULL,
  event text NOT NULL DEFAULT 'erasure' CHECK (event IN ('erasure')),
  status text NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded', 'delivered', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (request_id, client_id)
);
