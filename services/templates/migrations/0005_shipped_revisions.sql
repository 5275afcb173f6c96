-- Up Migration

-- A built-in template's revision written by Clove itself (at start-up) is "shipped"; one an
-- admin saved is not. A release that ships a new definition adds it as a new revision where the
-- latest one is still shipped, and leaves templates an admin changed as they are
-- (templates/builtin.seed.ts). Before this column, built-ins were only ever created, so their
-- first revision is the shipped one.
alter table template_revisions add column shipped boolean not null default false;
update template_revisions r set shipped = true
  from templates t
  where t.id = r.template_id and t.builtin and r.revision = 1;
