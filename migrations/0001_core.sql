-- Core: the audit log every module appends to.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_account_id uuid,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  organisation_id uuid,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_account_id, at DESC);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, at DESC);
CREATE INDEX audit_log_org_idx ON audit_log (organisation_id, at DESC);
