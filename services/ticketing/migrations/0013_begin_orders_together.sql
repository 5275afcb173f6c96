-- Up Migration

-- R32 under load: the begin_order calls of one batch run together (orders/order-batcher.ts).
-- Every new request (its Idempotency-Key not seen before) is claimed by one INSERT for the whole
-- batch, and its hold and the hold's seats are read by one SELECT; per request the answer is
-- begin_order's ("hold_not_found", "not_your_hold", "hold_expired" or "charge" with the seats).
-- A request whose key was seen before (a retry, a replay, a key used again) is begin_order's
-- own, called for it alone. Any error rolls the whole call back, and the service then runs the
-- batch with begin_order_batch, where each request fails or succeeds alone.
--
-- p_requests: as begin_order_batch. Answers one begin_order result per request, in order.
create function begin_orders(p_requests jsonb)
returns setof jsonb language plpgsql
set plan_cache_mode = force_generic_plan
-- Every table is reached through an index by key (see finish_orders, migration 0011).
set enable_bitmapscan = off
set enable_seqscan = off as $$
declare
  v_new uuid[];
begin
  with claimed as (
    insert into order_requests (buyer_id, idempotency_key, request_hash, order_id, hold_id, status)
    select r.buyer, r.key, r.hash, r."order", r.hold, 'pending'
    from rows from (jsonb_to_recordset(p_requests) as (buyer uuid, key text, hash text, hold uuid, "order" uuid))
         with ordinality as r(buyer, key, hash, hold, "order", n)
    -- Keys in one order (two batches wait instead of deadlocking); of two requests with one key,
    -- the first to arrive claims it.
    order by r.buyer, r.key, r.n
    on conflict do nothing
    returning order_id)
  select coalesce(array_agg(order_id), '{}') into v_new from claimed;

  return query
    select case
             when not (r."order" = any(v_new)) then begin_order(r.buyer, r.key, r.hash, r.hold, r."order")
             when h.id is null then jsonb_build_object('outcome', 'hold_not_found', 'orderId', r."order")
             when h.buyer_id <> r.buyer then jsonb_build_object('outcome', 'not_your_hold', 'orderId', r."order")
             when h.status <> 'active' or h.expires_at <= now() or jsonb_array_length(s.seats) <> cardinality(h.seat_ids)
               then jsonb_build_object('outcome', 'hold_expired', 'orderId', r."order")
             else jsonb_build_object('outcome', 'charge', 'orderId', r."order", 'seats', s.seats)
           end
    from rows from (jsonb_to_recordset(p_requests) as (buyer uuid, key text, hash text, hold uuid, "order" uuid))
         with ordinality as r(buyer, key, hash, hold, "order", n)
    left join holds as h on h.id = r.hold
    cross join lateral (
      select coalesce(jsonb_agg(jsonb_build_object('id', id, 'section', section, 'row', row_label, 'number', number,
                                                   'grade', grade, 'price', price) order by id), '[]') as seats
      from seats where hold_id = r.hold) as s
    order by r.n;
end;
$$;
