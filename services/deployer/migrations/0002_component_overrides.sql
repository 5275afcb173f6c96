-- Up Migration

-- R21–R22: an admin's (or the autoscaler's) replica count and node for a component, kept across
-- restarts and revisions until changed again.
create table component_overrides (
  deployment_id uuid not null references deployments (id) on delete cascade,
  component     text not null,
  replicas      integer check (replicas >= 0),
  node          text,
  updated_at    timestamptz not null default now(),
  primary key (deployment_id, component)
);
