-- Identity: indexes for pruning expired sessions and old sign-in attempts (any process does it now and then).
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX sign_in_attempts_at_idx ON sign_in_attempts (at);
