-- Up Migration

-- The templates Clove ships are marked, so that clients need not guess them by name (a template
-- can be renamed). Before this column the built-ins were the templates with these names.
alter table templates add column builtin boolean not null default false;
update templates set builtin = true where name in ('standard', 'flash-sale');
