-- Up Migration

-- R39: the id of every event applied. Its primary key decides "new or duplicate" in one
-- conditional insert, so an at-least-once delivery is applied exactly once.
create table processed_events (
  id          uuid primary key,
  type        text not null,
  slug        text not null,
  sequence    bigint not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now()
);

-- R27: one row per performance. The descriptive fields and the remaining-seat count each keep
-- the sequence of the event that set them, so an older delivery never overwrites a newer one.
-- A row created by an order event before any event.updated has no title yet and is not listed.
create table performances (
  slug               text primary key,
  title              text,
  venue              text,
  starts_at          timestamptz,
  ends_at            timestamptz,
  sale_opens_at      timestamptz,
  lowest_price       bigint,
  currency           text,
  total_seats        integer,
  url                text,
  info_sequence      bigint,
  remaining          integer,
  remaining_sequence bigint not null default 0,
  check ((info_sequence is null) = (title is null))
);
create index performances_listing_idx on performances (starts_at, slug) where info_sequence is not null;

-- R34: a buyer's orders; title, venue and start are the performance as it was at payment
-- (sequence), shown until a newer event.updated of the performance arrives.
create table orders (
  id              uuid primary key,
  slug            text not null,
  buyer_id        uuid not null,
  sequence        bigint not null,
  title           text not null,
  venue           text not null,
  starts_at       timestamptz not null,
  amount          bigint not null,
  currency        text not null,
  paid_at         timestamptz not null,
  status          text not null check (status in ('paid', 'partially_refunded', 'refunded')),
  refunded_amount bigint not null default 0
);
create index orders_buyer_idx on orders (buyer_id, paid_at desc, id desc);

-- R35: row and number are kept as sent (a number or a label such as "AA").
create table tickets (
  id          uuid primary key,
  order_id    uuid not null references orders (id),
  buyer_id    uuid not null,
  slug        text not null,
  seat_id     text not null,
  section     text not null,
  seat_row    jsonb not null,
  seat_number jsonb not null,
  grade       text not null,
  price       bigint not null,
  code        text not null,
  state       text not null check (state in ('valid', 'refunded'))
);
create index tickets_order_idx on tickets (order_id);
create index tickets_buyer_valid_idx on tickets (buyer_id) where state = 'valid';

-- Refunds are kept apart from the orders they change: one that arrives before its order.paid
-- still counts once the order is in. Order status and refunded amount are derived from these.
create table order_refunds (
  event_id     uuid primary key references processed_events (id),
  order_id     uuid not null,
  sequence     bigint not null,
  amount       bigint not null,
  order_status text not null check (order_status in ('refunded', 'partially_refunded')),
  refunded_at  timestamptz not null
);
create index order_refunds_order_idx on order_refunds (order_id);

create table refunded_tickets (
  ticket_id   uuid primary key,
  order_id    uuid not null,
  refunded_at timestamptz not null
);
