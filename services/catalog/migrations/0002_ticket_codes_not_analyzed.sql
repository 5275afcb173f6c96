-- Up Migration

-- Ticket codes are read with their tickets, never searched: ANALYZE need not sample them.
alter table tickets alter column code set statistics 0;
