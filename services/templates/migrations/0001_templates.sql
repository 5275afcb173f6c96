-- Up Migration

-- R17: the admin's templates that sellers deploy a performance from. A template's content is
-- kept per revision: an update adds a revision, and earlier revisions stay readable.
create table templates (
  id         uuid primary key,
  name       text not null unique,
  revision   integer not null check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The parameters, components and generated documents are read and written whole, never queried into.
create table template_revisions (
  template_id uuid not null references templates (id) on delete cascade,
  revision    integer not null check (revision >= 1),
  name        text not null,
  description text not null,
  parameters  jsonb not null,
  components  jsonb not null,
  documents   jsonb not null,
  created_at  timestamptz not null default now(),
  primary key (template_id, revision)
);
