-- Up Migration

-- R32 under load: the orders of one finish batch are written together, one statement per step
-- for all of them (orders/order-batcher.ts), where finish_order_batch runs finish_order's seven
-- statements once per order, each order in a subtransaction. Per order the outcome is
-- finish_order's:
--   "abandoned" when its request is no longer pending (the reconciler gave it up);
--   "expired"   when its hold is no longer active or has run out: nothing is written;
--   "paid"      otherwise: the hold is converted, its seats sold, the order, its tickets and its
--               order.paid event written, and the request's answer stored.
-- Locks are taken step by step for the whole batch: the requests in key order, then the holds,
-- then the seats in id order (as every statement that locks several seats does).
--
-- Any error rolls the whole call back, and the service then runs the batch with
-- finish_order_batch, where each order fails or succeeds alone. That is also the way for a batch
-- whose orders share a request, an order id or a hold (this function refuses it), and for a hold
-- whose seats are not those the order names.
--
-- p_orders: [{"buyer": uuid, "key": text, "order": uuid, "hold": uuid, "payment": text,
--             "amount": n, "currency": text, "tickets": [{"id": uuid, "seat": text, "price": n,
--             "code": text}, ...], "response": {}, "eventId": uuid, "event": {}}, ...]
-- Answers one JSON string per order, in the orders' order.
create function finish_orders(p_orders jsonb)
returns setof jsonb language plpgsql
set plan_cache_mode = force_generic_plan
set enable_bitmapscan = off
set enable_seqscan = off as $$
declare
  v_orders uuid[];
  v_buyers uuid[];
  v_keys text[];
  v_holds uuid[];
  v_responses jsonb[];
  v_distinct boolean;
  v_pending uuid[];
  v_paid_holds uuid[];
  v_paid uuid[];
  v_seats text[];
  v_mismatch boolean;
begin
  -- Every table is reached through an index by "= any(array)", so each statement reads only the
  -- batch's rows, however large the sale has grown. The function's settings say so: a generic
  -- plan guesses ten rows per array, and then PostgreSQL would rather scan a whole table, or AND
  -- the key with a partial index on status (pending requests, active holds) whose entries for
  -- rows long since settled stay until vacuum.
  select array_agg(o."order" order by o.n), array_agg(o.buyer order by o.n), array_agg(o.key order by o.n),
         array_agg(o.hold order by o.n), array_agg(o.response order by o.n),
         count(distinct o."order") = count(*) and count(distinct o.hold) = count(*) and count(distinct (o.buyer, o.key)) = count(*)
    into v_orders, v_buyers, v_keys, v_holds, v_responses, v_distinct
    from rows from (jsonb_to_recordset(p_orders) as (buyer uuid, key text, "order" uuid, hold uuid, response jsonb))
         with ordinality as o(buyer, key, "order", hold, response, n);
  if not v_distinct then
    raise exception using errcode = 'P0001', message = 'clove: orders of one batch share a request, an order or a hold';
  end if;

  -- The requests still pending, locked (in key order) until commit, so the reconciler cannot
  -- give one up half-way. A request's order id is fixed when it is first made (begin_order).
  select coalesce(array_agg(p.order_id), '{}') into v_pending from (
    select r.order_id from order_requests r
    where r.order_id = any(v_orders) and r.status = 'pending'
      and r.buyer_id = v_buyers[array_position(v_orders, r.order_id)]
      and r.idempotency_key = v_keys[array_position(v_orders, r.order_id)]
    order by r.buyer_id, r.idempotency_key
    for update) as p;

  with converted as (
    update holds h set status = 'converted'
    where h.id = any(array(select v_holds[array_position(v_orders, x)] from unnest(v_pending) as x))
      and h.status = 'active' and h.expires_at > now()
    returning h.id)
  select coalesce(array_agg(id), '{}') into v_paid_holds from converted;
  v_paid := array(select v_orders[array_position(v_holds, h)] from unnest(v_paid_holds) as h);

  if cardinality(v_paid) > 0 then
    select coalesce(array_agg(id), '{}') into v_seats
      from (select id from seats where hold_id = any(v_paid_holds) order by id for update) as locked;
    with sold as (
           update seats s set state = 'sold', order_id = v_orders[array_position(v_holds, s.hold_id)],
                              hold_id = null, hold_expires_at = null
           where s.id = any(v_seats)
           returning s.id, s.order_id),
         bought as (
           select o."order", t.seat
           from jsonb_to_recordset(p_orders) as o("order" uuid, tickets jsonb)
           cross join lateral jsonb_to_recordset(o.tickets) as t(seat text)
           where o."order" = any(v_paid))
    select exists (
             select 1 from sold full join bought on bought.seat = sold.id and bought."order" = sold.order_id
             where sold.id is null or bought.seat is null)
      into v_mismatch;
    if v_mismatch then
      raise exception using errcode = 'P0001', message = 'clove: a hold''s seats are not those its order names';
    end if;

    insert into orders (id, buyer_id, hold_id, amount, currency, status, payment_id)
    select o."order", o.buyer, o.hold, o.amount, o.currency, 'paid', o.payment
    from jsonb_to_recordset(p_orders) as o("order" uuid, buyer uuid, hold uuid, amount integer, currency text, payment text)
    where o."order" = any(v_paid);

    insert into tickets (id, order_id, seat_id, buyer_id, price, code, state)
    select t.id, o."order", t.seat, o.buyer, t.price, t.code, 'valid'
    from jsonb_to_recordset(p_orders) as o("order" uuid, buyer uuid, tickets jsonb)
    cross join lateral jsonb_to_recordset(o.tickets) as t(id uuid, seat text, price integer, code text)
    where o."order" = any(v_paid);

    insert into outbox (id, type, payload)
    select o."eventId", 'order.paid', o.event
    from jsonb_to_recordset(p_orders) as o("order" uuid, "eventId" uuid, event jsonb)
    where o."order" = any(v_paid);

    update order_requests r
    set status = 'done', response_status = 201, response_body = v_responses[array_position(v_orders, r.order_id)], updated_at = now()
    where r.order_id = any(v_paid);
  end if;

  return query
    select to_jsonb(case when x.id = any(v_paid) then 'paid' when x.id = any(v_pending) then 'expired' else 'abandoned' end)
    from unnest(v_orders) with ordinality as x(id, n)
    order by x.n;
end;
$$;
