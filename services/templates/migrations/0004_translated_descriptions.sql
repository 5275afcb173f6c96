-- Up Migration

-- A template's description in other languages (the deploy form shows it on a Korean page).
alter table template_revisions add column translations jsonb not null default '{}';
