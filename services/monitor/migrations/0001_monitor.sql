-- Up Migration

-- R11, R19: what the sampler read of each managed replica, as taken (kept RAW_RETENTION_HOURS).
create table samples (
  at            timestamptz not null,
  namespace     text not null,
  deployment_id uuid,
  component     text not null,
  replica       text not null,
  node          text not null,
  cpu_cores     double precision,
  memory_bytes  bigint,
  cpu_limit     double precision,
  memory_limit  bigint,
  ready         boolean not null,
  restarts      integer not null
);
create index samples_deployment_at_idx on samples (deployment_id, at);
create index samples_at_idx on samples (at);

-- One-minute averages of the same, for long windows (kept ROLLUP_RETENTION_DAYS).
create table samples_minute (
  minute        timestamptz not null,
  namespace     text not null,
  deployment_id uuid,
  component     text not null,
  replica       text not null,
  cpu_cores     double precision,
  memory_bytes  bigint,
  primary key (replica, namespace, minute)
);
create index samples_minute_deployment_idx on samples_minute (deployment_id, minute);

-- R20: rules, and the alerts they raise (history kept).
create table alert_rules (
  name             text primary key check (name ~ '^[a-z][a-z0-9-]{0,62}$'),
  metric           text not null check (metric in ('cpu', 'memory', 'restarts', 'ready')),
  comparison       text not null check (comparison in ('>', '>=', '<', '<=')),
  threshold        double precision not null,
  duration_seconds integer not null check (duration_seconds >= 0),
  severity         text not null check (severity in ('info', 'warning', 'critical')),
  enabled          boolean not null default true
);
insert into alert_rules (name, metric, comparison, threshold, duration_seconds, severity) values
  ('cpu-over-limit', 'cpu', '>', 0.8, 60, 'warning'),
  ('memory-over-limit', 'memory', '>', 0.9, 0, 'critical'),
  ('restarting', 'restarts', '>', 3, 0, 'warning'),
  ('not-ready', 'ready', '<', 1, 30, 'critical');

create table alerts (
  id            uuid primary key,
  rule          text not null,
  metric        text not null,
  severity      text not null,
  namespace     text not null,
  deployment_id uuid,
  component     text not null,
  replica       text not null,
  value         double precision not null,
  message       text not null,
  opened_at     timestamptz not null default now(),
  resolved_at   timestamptz
);
create unique index alerts_one_open_idx on alerts (rule, namespace, replica) where resolved_at is null;
create index alerts_opened_idx on alerts (opened_at desc);

-- R21: autoscaling policies per component, and every decision with its reason.
create table autoscale_policies (
  deployment_id    uuid not null,
  component        text not null,
  min_replicas     integer not null check (min_replicas >= 0),
  max_replicas     integer not null check (max_replicas >= min_replicas),
  target_cpu       double precision not null check (target_cpu > 0 and target_cpu <= 1),
  cooldown_seconds integer not null check (cooldown_seconds >= 0),
  enabled          boolean not null default true,
  updated_at       timestamptz not null default now(),
  primary key (deployment_id, component)
);

create table autoscale_decisions (
  id            uuid primary key,
  deployment_id uuid not null,
  component     text not null,
  at            timestamptz not null default now(),
  from_replicas integer not null,
  to_replicas   integer not null,
  utilization   double precision,
  reason        text not null,
  outcome       text not null
);
create index autoscale_decisions_idx on autoscale_decisions (deployment_id, component, at desc);
