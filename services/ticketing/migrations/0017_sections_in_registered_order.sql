-- Up Migration

-- "Best first" is the seller's call: sections are listed in the order the seat map registers
-- them (R23, R24), not by name, where "Balcony" came before "Floor" and "S10" before "S2". Each
-- seat carries its section's position, so the quick list still reads straight from one
-- partial index. Seats registered before this keep the order they had: by section name.
alter table seats add column section_position integer;
update seats s set section_position = p.position
  from (select section, (dense_rank() over (order by section) - 1)::int as position from (select distinct section from seats) d) p
  where s.section = p.section;
alter table seats alter column section_position set not null;

drop index seats_available_order_idx;
create index seats_available_order_idx on seats (section_position, length(row_label), row_label, number) where state = 'available';
