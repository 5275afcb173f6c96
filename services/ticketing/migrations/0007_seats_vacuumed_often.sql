-- Up Migration

-- A sale rewrites seat rows all the time, and the best seats go first: the front of the index of
-- available seats fills with entries of rows that are no longer available, which every read of
-- the quick list then walks through (0.07 ms per read early in a sale, 0.55 ms after 16,000
-- purchases). Vacuum seats after every 2,000 changed rows, not after a fifth of the table, so
-- the index stays short during the sale. (How often autovacuum looks is the server's setting;
-- the embedded server looks every 10 s.)
alter table seats set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
                       autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 2000);
