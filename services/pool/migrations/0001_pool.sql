-- Up Migration

-- R13: the admin's registry of microservice images that templates are made from. The source
-- and the spec are kept as documents: they are read and written whole, never queried into.
create table images (
  id            uuid primary key,
  name          text not null unique,
  source        jsonb not null,
  spec          jsonb not null,
  status        text not null check (status in ('building', 'ready', 'failed')),
  status_reason text,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now()
);
create index images_created_at on images (created_at desc, id desc);
create index images_building on images (id) where status = 'building';

-- R14: the output of a git source's build steps, capped at 1 MiB; apart from images so that
-- listing images never reads logs.
create table build_logs (
  image_id   uuid primary key references images (id) on delete cascade,
  log        text not null,
  updated_at timestamptz not null default now()
);

-- R16: which templates use an image. The foreign key without cascade, with the delete's row
-- lock, keeps an image in use from being deleted while a usage is recorded.
create table image_usages (
  image_id    uuid not null references images (id),
  template_id uuid not null,
  created_at  timestamptz not null default now(),
  primary key (image_id, template_id)
);
