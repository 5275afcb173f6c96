-- Up Migration

-- Routes added at run time (performances deployed by the deployer). Static routes of the
-- platform services come from configuration and are not stored.
create table routes (
  prefix       text primary key check (prefix ~ '^/[A-Za-z0-9._~/-]*$'),
  upstreams    text[] not null check (cardinality(upstreams) > 0),
  strip_prefix boolean not null default true,
  max_body_bytes integer check (max_body_bytes >= 0),
  owner        text,
  updated_at   timestamptz not null default now()
);
