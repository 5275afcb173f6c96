-- Up Migration

-- A charge's key is now written once, complete with its answer, in the statement that writes
-- its payment; only refunds still claim a key and complete it later. The room left on every
-- page for that second write (fillfactor 20, 0002) would now make the table five times larger
-- than its rows for nothing: pages are filled again (new pages; old ones as they are rewritten).
alter table idempotency_keys reset (fillfactor);
