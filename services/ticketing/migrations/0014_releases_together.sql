-- Up Migration

-- R30 under load: the releases of holds that arrive together run in one call
-- (holds/release-batcher.ts), one statement per step for all of them. Per request the answer is
-- release_hold's: {"outcome": "released", "seats": [...]} for the buyer's active hold, else
-- "not_found", "not_yours" or "not_active". Holds are locked in id order, then their seats in
-- id order. A batch that names one hold twice is refused (the service releases its holds one by
-- one), as is any batch that fails.
--
-- p_requests: [{"buyer": uuid, "hold": uuid}, ...]. Answers one result per request, in order.
create function release_holds(p_requests jsonb)
returns setof jsonb language plpgsql
set plan_cache_mode = force_generic_plan
-- Every table is reached through an index by key (see finish_orders, migration 0011).
set enable_bitmapscan = off
set enable_seqscan = off as $$
declare
  v_holds uuid[];
  v_buyers uuid[];
  v_distinct boolean;
  v_released uuid[];
  v_seats text[];
  v_seat_holds uuid[];
begin
  select array_agg(r.hold order by r.n), array_agg(r.buyer order by r.n), count(distinct r.hold) = count(*)
    into v_holds, v_buyers, v_distinct
    from rows from (jsonb_to_recordset(p_requests) as (buyer uuid, hold uuid)) with ordinality as r(buyer, hold, n);
  if not v_distinct then
    raise exception using errcode = 'P0001', message = 'clove: one hold released twice in one batch';
  end if;

  with released as (
    update holds h set status = 'released'
    where h.id = any(v_holds) and h.status = 'active' and h.buyer_id = v_buyers[array_position(v_holds, h.id)]
    returning h.id)
  select coalesce(array_agg(id), '{}') into v_released from released;

  if cardinality(v_released) > 0 then
    select coalesce(array_agg(id order by id), '{}'), coalesce(array_agg(hold_id order by id), '{}')
      into v_seats, v_seat_holds
      from (select id, hold_id from seats where hold_id = any(v_released) order by id for update) as locked;
    update seats set state = 'available', hold_id = null, hold_expires_at = null where id = any(v_seats);
  end if;

  return query
    select case
             when r.hold = any(v_released) then jsonb_build_object('outcome', 'released', 'seats',
               to_jsonb(array(select s from unnest(v_seats, v_seat_holds) as x(s, h) where x.h = r.hold order by s)))
             when h.id is null then jsonb_build_object('outcome', 'not_found')
             when h.buyer_id <> r.buyer then jsonb_build_object('outcome', 'not_yours')
             else jsonb_build_object('outcome', 'not_active')
           end
    from rows from (jsonb_to_recordset(p_requests) as (buyer uuid, hold uuid)) with ordinality as r(buyer, hold, n)
    left join holds as h on h.id = r.hold
    order by r.n;
end;
$$;
