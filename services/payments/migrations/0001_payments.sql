-- Up Migration

-- A charge, captured or declined. Only the last four digits of the card are ever kept.
create table payments (
  id              uuid primary key default gen_random_uuid(),
  status          text not null check (status in ('captured', 'failed')),
  decline_code    text check (decline_code in ('generic_decline', 'insufficient_funds', 'live_card_in_test_mode')),
  amount          integer not null check (amount between 1 and 100000000),
  currency        text not null check (currency ~ '^[A-Z]{3}$'),
  card_last4      text not null check (card_last4 ~ '^[0-9]{4}$'),
  card_brand      text not null check (card_brand in ('visa', 'mastercard', 'amex', 'unknown')),
  reference       text check (length(reference) <= 200),
  description     text check (length(description) <= 500),
  refunded_amount integer not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
  created_at      timestamptz not null default now(),
  check ((status = 'failed') = (decline_code is not null)),
  check (status = 'captured' or refunded_amount = 0)
);
create index payments_reference_idx on payments (reference, created_at) where reference is not null;

create table refunds (
  id         uuid primary key default gen_random_uuid(),
  payment_id uuid not null references payments (id),
  amount     integer not null check (amount >= 1),
  created_at timestamptz not null default now()
);
create index refunds_payment_idx on refunds (payment_id);

-- One row per (API key, Idempotency-Key). A request claims its key by inserting the row as
-- 'processing' (lock_id names the claimant); its answer is stored with 'completed', in the
-- same transaction as the charge or refund. api_key_id is a SHA-256 of the key, never the key.
create table idempotency_keys (
  api_key_id      text not null,
  key             text not null check (length(key) between 1 and 200),
  fingerprint     text not null,
  status          text not null check (status in ('processing', 'completed')),
  lock_id         uuid not null,
  locked_at       timestamptz not null default now(),
  response_status integer check (response_status between 200 and 499),
  response_body   jsonb,
  completed_at    timestamptz,
  primary key (api_key_id, key),
  check ((status = 'completed') = (response_status is not null and response_body is not null and completed_at is not null))
);
