-- Up Migration

-- ANALYZE samples every column of a table, and the stored answers, outbox events, ticket codes
-- and hold seat lists are most of what it reads: halving or better the time of each analyze
-- (order_requests 180 → 80 ms, outbox 170 → 50 ms at 27,000 rows), which autovacuum repeats as
-- a sale fills the tables. No query filters, joins or sorts on these columns, so the planner
-- has no use for their statistics.
alter table order_requests alter column response_body set statistics 0;
alter table outbox alter column payload set statistics 0;
alter table tickets alter column code set statistics 0;
alter table holds alter column seat_ids set statistics 0;
