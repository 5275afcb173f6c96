-- Up Migration

-- Members added by email per seller, counted here so that every deployer replica shares one
-- limit (the kit's SharedRateLimit; the shape rate-limiter-flexible reads). Keys are hashed.
create table rate_limits (
  key    varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
