-- Up Migration

-- R23, R28: one performance per service instance, so exactly one row.
create table performance (
  singleton     boolean primary key default true check (singleton),
  title         text not null,
  description   text not null default '',
  performers    text[] not null default '{}',
  venue         text not null,
  starts_at     timestamptz not null,
  ends_at       timestamptz not null,
  sale_opens_at timestamptz,
  currency      text not null,
  version       integer not null default 1,
  updated_at    timestamptz not null default now(),
  check (ends_at > starts_at)
);

-- R29–R31: seats are rows; a hold is a conditional update of state, never check-then-write.
create table seats (
  id              text primary key,
  section         text not null,
  row_label       text not null,
  number          integer not null check (number > 0),
  grade           text not null,
  price           integer not null check (price >= 0),
  state           text not null default 'available' check (state in ('available', 'held', 'sold')),
  hold_id         uuid,
  hold_expires_at timestamptz,
  order_id        uuid,
  check ((state = 'held') = (hold_id is not null and hold_expires_at is not null)),
  check ((state = 'sold') = (order_id is not null))
);
create index seats_hold_idx on seats (hold_id) where hold_id is not null;
create index seats_held_expiry_idx on seats (hold_expires_at) where state = 'held';

create table holds (
  id         uuid primary key,
  buyer_id   uuid not null,
  seat_ids   text[] not null,
  expires_at timestamptz not null,
  status     text not null check (status in ('active', 'released', 'expired', 'converted')),
  created_at timestamptz not null default now()
);
-- R30: one active hold per buyer.
create unique index holds_one_active_per_buyer on holds (buyer_id) where status = 'active';

create table orders (
  id              uuid primary key,
  buyer_id        uuid not null,
  hold_id         uuid not null unique references holds (id),
  amount          integer not null check (amount >= 0),
  refunded_amount integer not null default 0 check (refunded_amount between 0 and amount),
  currency        text not null,
  status          text not null check (status in ('paid', 'partially_refunded', 'refunded')),
  payment_id      text not null,
  paid_at         timestamptz not null default now()
);
create index orders_buyer_idx on orders (buyer_id);
create index orders_paid_at_idx on orders (paid_at);

create table tickets (
  id          uuid primary key,
  order_id    uuid not null references orders (id),
  seat_id     text not null references seats (id),
  buyer_id    uuid not null,
  price       integer not null,
  code        text not null unique,
  state       text not null check (state in ('valid', 'refunding', 'refunded')),
  created_at  timestamptz not null default now(),
  refund_requested_at timestamptz,
  refunded_at timestamptz
);
-- N4: whatever the code does, the database refuses a seat in two live tickets.
create unique index tickets_one_live_per_seat on tickets (seat_id) where state <> 'refunded';
create index tickets_buyer_idx on tickets (buyer_id);
create index tickets_order_idx on tickets (order_id);
create index tickets_refunding_idx on tickets (refund_requested_at) where state = 'refunding';

-- R32: Idempotency-Key of POST /buyticket/orders. order_id is fixed per key, so a retry
-- reaches the payments service with the same reference and the same key.
create table order_requests (
  buyer_id        uuid not null,
  idempotency_key text not null,
  request_hash    text not null,
  order_id        uuid not null unique,
  hold_id         uuid not null,
  status          text not null check (status in ('pending', 'retryable', 'done', 'abandoned')),
  response_status integer,
  response_body   jsonb,
  updated_at      timestamptz not null default now(),
  primary key (buyer_id, idempotency_key)
);
create index order_requests_unsettled_idx on order_requests (updated_at) where status in ('pending', 'retryable');

-- R39: facts for other services, written in the same transaction as the change.
create table outbox (
  seq          bigserial primary key,
  id           uuid not null unique,
  type         text not null,
  payload      jsonb not null,
  created_at   timestamptz not null default now(),
  delivered_at timestamptz
);
create index outbox_pending_idx on outbox (seq) where delivered_at is null;
