-- Background jobs (long imports now; data exports and bulk mailings later). The row is the job's public state:
-- any process serving the platform can answer "how far is it?"; the process that runs it keeps a heartbeat, so a
-- job whose process died is reported as interrupted rather than running forever.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
  account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
  params jsonb NOT NULL DEFAULT '{}',
  progress jsonb NOT NULL DEFAULT '{}',
  result jsonb,
  error jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  cancel_requested boolean NOT NULL DEFAULT false
);
CREATE INDEX jobs_account_idx ON jobs (account_id, created_at DESC);
CREATE INDEX jobs_running_idx ON jobs (heartbeat_at) WHERE status = 'running';
