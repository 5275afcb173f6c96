-- Up Migration

-- R7–R10: a deployment is one performance's namespace; it lives from `deploying` to `deleted`.
create table deployments (
  id               uuid primary key,
  slug             text not null check (slug ~ '^[a-z0-9][a-z0-9-]{1,57}$'),
  namespace        text not null,
  owner_id         uuid not null,
  template_id      uuid not null,
  template_name    text not null,
  status           text not null check (status in ('deploying', 'running', 'updating', 'failed', 'deleting', 'deleted')),
  reason           text,
  current_revision integer,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
-- A slug belongs to one live deployment; failed and deleted ones free it.
create unique index deployments_live_slug on deployments (slug) where status not in ('failed', 'deleted');
create index deployments_owner_idx on deployments (owner_id);

-- R8, R18: each set of values is a revision, with the template revision it was made from.
create table revisions (
  deployment_id     uuid not null references deployments (id) on delete cascade,
  number            integer not null check (number >= 1),
  status            text not null check (status in ('deploying', 'active', 'failed', 'retired')),
  reason            text,
  values            jsonb not null,
  template_revision integer not null,
  template          jsonb not null,
  progress          jsonb not null default '[]',
  created_at        timestamptz not null default now(),
  ready_at          timestamptz,
  retired_at        timestamptz,
  primary key (deployment_id, number)
);

-- R12: sellers with access to one deployment, besides its owner.
create table members (
  deployment_id uuid not null references deployments (id) on delete cascade,
  user_id       uuid not null,
  email         text not null,
  added_by      uuid not null,
  added_at      timestamptz not null default now(),
  primary key (deployment_id, user_id)
);
create index members_user_idx on members (user_id);

-- What a deployment's workloads are given: its database role's password, its credential, the
-- key that signs its tickets. Readable only by the deployer's own role.
create table deployment_secrets (
  deployment_id      uuid primary key references deployments (id) on delete cascade,
  database_password  text not null,
  ticket_code_secret text not null,
  credential         text,
  credential_expires_at timestamptz
);
