-- Up Migration

-- R24: a seller may reprice seats after the sale began. A sold seat takes the new price at once
-- (its ticket keeps the price paid, and a refund returns that). A seat under a live hold takes it
-- too, for everyone else, but its holder pays the price the seat had when they held it, or a
-- lower one set since: the seat-map change writes that price here, keyed by the hold
-- (performance.service.ts). The table
-- is written only by repricing, so holding stays as it was; an order reads it by key.
create table held_prices (
  hold_id uuid not null,
  seat_id text not null,
  price   integer not null check (price >= 0),
  primary key (hold_id, seat_id)
);

create or replace function begin_order(p_buyer uuid, p_key text, p_hash text, p_hold uuid, p_order uuid)
returns jsonb language plpgsql as $$
declare
  v_request order_requests%rowtype;
  v_hold holds%rowtype;
  v_seats jsonb;
begin
  insert into order_requests (buyer_id, idempotency_key, request_hash, order_id, hold_id, status)
  values (p_buyer, p_key, p_hash, p_order, p_hold, 'pending') on conflict do nothing;
  if not found then
    select * into v_request from order_requests where buyer_id = p_buyer and idempotency_key = p_key for update;
    if v_request.request_hash <> p_hash then return jsonb_build_object('outcome', 'reused'); end if;
    if v_request.status = 'done' then
      return jsonb_build_object('outcome', 'replay', 'status', v_request.response_status, 'body', v_request.response_body);
    end if;
    if v_request.status = 'pending' then return jsonb_build_object('outcome', 'in_progress'); end if;
    if v_request.status = 'abandoned' then return jsonb_build_object('outcome', 'abandoned'); end if;
    update order_requests set status = 'pending', updated_at = now() where buyer_id = p_buyer and idempotency_key = p_key;
    p_order := v_request.order_id;
  end if;

  select * into v_hold from holds where id = p_hold;
  if not found then return jsonb_build_object('outcome', 'hold_not_found', 'orderId', p_order); end if;
  if v_hold.buyer_id <> p_buyer then return jsonb_build_object('outcome', 'not_your_hold', 'orderId', p_order); end if;
  select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'section', s.section, 'row', s.row_label, 'number', s.number,
                                               'grade', s.grade, 'price', coalesce(hp.price, s.price)) order by s.id), '[]')
    into v_seats
    from seats s left join held_prices hp on hp.hold_id = p_hold and hp.seat_id = s.id
    where s.hold_id = p_hold;
  if v_hold.status <> 'active' or v_hold.expires_at <= now() or jsonb_array_length(v_seats) <> cardinality(v_hold.seat_ids) then
    return jsonb_build_object('outcome', 'hold_expired', 'orderId', p_order);
  end if;
  return jsonb_build_object('outcome', 'charge', 'orderId', p_order, 'seats', v_seats);
end;
$$;

create or replace function begin_orders(p_requests jsonb)
returns setof jsonb language plpgsql
set plan_cache_mode = force_generic_plan
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
      select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'section', s.section, 'row', s.row_label, 'number', s.number,
                                                   'grade', s.grade, 'price', coalesce(hp.price, s.price)) order by s.id), '[]') as seats
      from seats s left join held_prices hp on hp.hold_id = r.hold and hp.seat_id = s.id
      where s.hold_id = r.hold) as s
    order by r.n;
end;
$$;
