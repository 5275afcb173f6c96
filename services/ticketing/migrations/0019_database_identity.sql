-- Up Migration

-- R39: the outbox's sequences are this database's own and start at 1 in any other. The
-- catalog tells performances under one slug apart by a generation: the deployment's id when
-- deployed, this id for a performance the launcher runs itself. Made once, it stays with the
-- database across restarts and revisions.
create table database_identity (
  id   uuid not null default gen_random_uuid(),
  only_row boolean primary key default true check (only_row)
);
insert into database_identity default values;
