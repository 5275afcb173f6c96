-- Up Migration

-- A ticket's code embeds its id (tickets/ticket-code.ts), and codes are verified by that id, so
-- the primary key already makes codes unique. The unique index on the long code text was only
-- written to: one index entry less for every ticket sold.
alter table tickets drop constraint tickets_code_key;
