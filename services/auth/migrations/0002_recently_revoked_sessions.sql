-- Up Migration

-- R4: every service learns, within a second, which sessions ended while their access tokens may
-- still be live (GET /revoked-sessions reads the sessions revoked in the last minutes).
create index sessions_revoked_at_idx on sessions (revoked_at) where revoked_at is not null;
