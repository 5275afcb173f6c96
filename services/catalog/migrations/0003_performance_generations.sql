-- Up Migration

-- A slug can be taken by one performance after another (a deployment deleted, the slug deployed
-- again), each with its own database and so its own sequences starting at 1. The generation
-- names the performance a row and its events belong to; null for rows written before events
-- carried one.
alter table performances add column generation uuid;
-- Set when the performance's deployment was deleted: the row stays for its orders, unlisted.
alter table performances add column withdrawn_at timestamptz;
alter table orders add column generation uuid;

-- Generations replaced by a newer one of their slug, or withdrawn: their late events still
-- record the orders they carry (the buyers paid) and change the listing no more.
create table retired_generations (
  generation uuid primary key,
  slug       text not null,
  retired_at timestamptz not null default now()
);
