-- Up Migration

-- R1, R4: a user row outlives its personal data. Deleting an account erases email, name and
-- password hash and keeps the id, so sellers' records of sold tickets stay consistent.
create table users (
  id            uuid primary key default gen_random_uuid(),
  email         text,
  name          text,
  role          text not null check (role in ('admin', 'seller', 'buyer')),
  password_hash text,
  created_at    timestamptz not null default now(),
  deleted_at    timestamptz,
  check ((deleted_at is null) = (email is not null and password_hash is not null))
);
create unique index users_email_key on users (lower(email)) where email is not null;

-- R2, R3, R5: a session is one refresh-token family; revoking it kills every token in it.
create table sessions (
  id             uuid primary key,
  user_id        uuid not null references users (id),
  created_at     timestamptz not null default now(),
  revoked_at     timestamptz,
  revoked_reason text
);
create index sessions_user_idx on sessions (user_id);

-- Only a hash of each refresh token is stored. used_at marks a rotated token: presenting it
-- again is reuse and revokes the family.
create table refresh_tokens (
  token_hash bytea primary key,
  session_id uuid not null references sessions (id) on delete cascade,
  issued_at  timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at    timestamptz
);
create index refresh_tokens_session_idx on refresh_tokens (session_id);

-- R5: signing keys with ids; the newest active key signs, every unretired key verifies.
create table signing_keys (
  kid         text primary key,
  alg         text not null,
  public_jwk  jsonb not null,
  private_jwk jsonb not null,
  created_at  timestamptz not null default now(),
  retired_at  timestamptz
);
