-- Up Migration

-- R4: a session ending wakes every auth replica that holds a waiting GET /revoked-sessions, so
-- the services hear of it at once. NOTIFY goes out on commit; notices of one transaction are
-- sent once however many sessions it ended (account deletion, a reused refresh token).
create function notify_session_revoked() returns trigger language plpgsql as $$
begin
  perform pg_notify('clove_sessions_revoked', '');
  return null;
end $$;

create trigger sessions_revoked_notice
  after update of revoked_at on sessions
  for each row when (old.revoked_at is null and new.revoked_at is not null)
  execute function notify_session_revoked();
