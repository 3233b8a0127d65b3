-- The privacy officer's requests tracker (GDPR art. 12(3)): every access, export, rectification or erasure request
-- with the date it was received, the one-month deadline, an extension by up to two further months with its reason
-- (shown to the member), its status and the answer or the reason for a refusal. The officers are the administrators
-- of the co-ops listed in `cooperative_ids` (the member's co-ops when the request arrived) and the platform's
-- administrators. An erasure's receipt (what was deleted, pseudonymised and kept, and why) is kept in `result`,
-- readable by the member or, once the account is gone, with the receipt token given when the request was made.
CREATE TABLE privacy_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('access', 'export', 'rectification', 'erasure')),
  account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  person_id uuid REFERENCES people (id) ON DELETE SET NULL,
  cooperative_ids uuid[] NOT NULL DEFAULT '{}',
  message text CHECK (message IS NULL OR length(message) <= 4000),
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'in_progress', 'answered', 'refused')),
  received_at timestamptz NOT NULL DEFAULT now(),
  due_at timestamptz NOT NULL,
  extended_due_at timestamptz,
  extension_reason text CHECK (extension_reason IS NULL OR length(extension_reason) BETWEEN 1 AND 2000),
  extended_at timestamptz,
  extended_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  answer text CHECK (answer IS NULL OR length(answer) <= 4000),
  refusal_reason text CHECK (refusal_reason IS NULL OR length(refusal_reason) BETWEEN 1 AND 4000),
  closed_at timestamptz,
  closed_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  result jsonb,
  receipt_token_hash text UNIQUE,
  -- art. 12(3): one month, extendable once by at most two further months
  CHECK (extended_due_at IS NULL OR (extension_reason IS NOT NULL AND extended_due_at <= received_at + interval '3 months')),
  CHECK (status <> 'refused' OR refusal_reason IS NOT NULL),
  CHECK ((status IN ('answered', 'refused')) = (closed_at IS NOT NULL))
);
CREATE INDEX privacy_requests_account_idx ON privacy_requests (account_id, received_at DESC);
CREATE INDEX privacy_requests_coops_idx ON privacy_requests USING gin (cooperative_ids);
CREATE INDEX privacy_requests_open_idx ON privacy_requests (due_at) WHERE status IN ('received', 'in_progress');
-- one open erasure request per account (a double click makes one)
CREATE UNIQUE INDEX privacy_requests_open_erasure_idx ON privacy_requests (account_id) WHERE kind = 'erasure' AND status IN ('received', 'in_progress');
