-- Up Migration

-- A key's row is written twice: claimed (small), then completed with the stored answer (about
-- five times larger). With room left on the page, the completion is a heap-only update: no new
-- entry in the primary key, and less to write. The answer's size sets how much room.
alter table idempotency_keys set (fillfactor = 20);
