-- Up Migration

-- R10, R27: a deleted deployment's performance leaves the catalog's listing. Set once the
-- catalog has withdrawn it; a deleted deployment without it is withdrawn again until it is.
alter table deployments add column listing_withdrawn_at timestamptz;
-- Deleted before deletions reached the catalog: nothing to catch up on.
update deployments set listing_withdrawn_at = now() where status = 'deleted';
