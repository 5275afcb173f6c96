-- Up Migration

-- A hold's seats are found by hold_id alone. The check constraint on seats makes hold_id set
-- exactly when a seat is held, so "and state = 'held'" added nothing but a second index: once
-- PostgreSQL switched these functions to generic plans, it combined seats_hold_idx with the
-- index of every held seat (seats_held_expiry_idx) in a bitmap AND, reading the whole held
-- set on each hold, order and release -- the busier the sale, the slower. Otherwise the
-- functions are those of migrations 0003 and 0004.
--
-- They also keep generic plans (end of file). Left to choose, PostgreSQL kept planning most of
-- their statements again on every call: a fifth of the database's CPU during a sale. Every
-- statement in them is a look-up by key or by one of the seat indexes, which a generic plan
-- serves as well as a custom one.

create or replace function hold_seats(p_buyer uuid, p_seats text[], p_hold uuid, p_expires timestamptz, p_max integer)
returns jsonb language plpgsql as $$
declare
  v_owned integer;
  v_previous uuid;
  v_released text[] := '{}';
  v_taken text[] := '{}';
  v_unknown text[];
  v_busy text[];
begin
  -- One buyer's holds run one at a time.
  perform pg_advisory_xact_lock(hashtextextended(p_buyer::text, 0));
  select count(*) into v_owned from tickets where buyer_id = p_buyer and state <> 'refunded';
  if v_owned + cardinality(p_seats) > p_max then
    return jsonb_build_object('outcome', 'limit', 'owned', v_owned);
  end if;
  -- A quick refusal, without locks or writes, of seats that do not exist or that someone else's
  -- committed hold or sale already has (the buyer's own hold is about to be replaced). Seats are
  -- only ever granted by the conditional UPDATE below.
  select id into v_previous from holds where buyer_id = p_buyer and status = 'active';
  select coalesce(array_agg(x order by x) filter (where s.id is null), '{}'),
         coalesce(array_agg(x order by x) filter (
           where s.id is not null
             and not (s.state = 'available' or (s.state = 'held' and (s.hold_expires_at <= now() or s.hold_id is not distinct from v_previous)))), '{}')
    into v_unknown, v_busy
    from unnest(p_seats) as x left join seats s on s.id = x;
  if cardinality(v_unknown) > 0 then return jsonb_build_object('outcome', 'unknown', 'seats', to_jsonb(v_unknown)); end if;
  if cardinality(v_busy) > 0 then return jsonb_build_object('outcome', 'taken', 'seats', to_jsonb(v_busy)); end if;
  begin
    if v_previous is not null then
      -- The buyer's active hold, read above under the buyer's lock.
      update holds set status = 'released' where id = v_previous;
      -- Every statement that locks several seats locks them in id order: no deadlocks.
      with locked as (select id from seats where hold_id = v_previous order by id for update),
           freed as (
        update seats s set state = 'available', hold_id = null, hold_expires_at = null
        from locked where s.id = locked.id returning s.id)
      select coalesce(array_agg(id), '{}') into v_released from freed;
    end if;
    with locked as (select id from seats where id = any(p_seats) order by id for update),
         taken as (
           update seats s set state = 'held', hold_id = p_hold, hold_expires_at = p_expires
           from locked
           where s.id = locked.id and (s.state = 'available' or (s.state = 'held' and s.hold_expires_at <= now()))
           returning s.id)
    select coalesce(array_agg(id), '{}') into v_taken from taken;
    if cardinality(v_taken) < cardinality(p_seats) then
      raise exception using errcode = 'P0001', message = 'clove: seats taken';
    end if;
    insert into holds (id, buyer_id, seat_ids, expires_at, status) values (p_hold, p_buyer, p_seats, p_expires, 'active');
    v_released := array(select unnest(v_released) except select unnest(p_seats));
    return jsonb_build_object('outcome', 'held', 'released', to_jsonb(v_released));
  exception when sqlstate 'P0001' then
    select coalesce(array_agg(x order by x), '{}') into v_unknown
      from unnest(p_seats) as x where not exists (select 1 from seats where id = x);
    return jsonb_build_object(
      'outcome', case when cardinality(v_unknown) > 0 then 'unknown' else 'taken' end,
      'seats', case when cardinality(v_unknown) > 0 then to_jsonb(v_unknown)
                    else to_jsonb(array(select x from unnest(p_seats) as x where not (x = any(v_taken)) order by x)) end);
  end;
end;
$$;

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
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'section', section, 'row', row_label, 'number', number,
                                               'grade', grade, 'price', price) order by id), '[]')
    into v_seats from seats where hold_id = p_hold;
  if v_hold.status <> 'active' or v_hold.expires_at <= now() or jsonb_array_length(v_seats) <> cardinality(v_hold.seat_ids) then
    return jsonb_build_object('outcome', 'hold_expired', 'orderId', p_order);
  end if;
  return jsonb_build_object('outcome', 'charge', 'orderId', p_order, 'seats', v_seats);
end;
$$;

create or replace function finish_order(
  p_buyer uuid, p_key text, p_order uuid, p_hold uuid, p_payment text, p_amount integer, p_currency text,
  p_ticket_ids uuid[], p_seat_ids text[], p_prices integer[], p_codes text[],
  p_response jsonb, p_event_id uuid, p_event jsonb)
returns text language plpgsql as $$
declare
  v_status text;
  v_sold integer;
begin
  -- The request row stays locked until commit, so the reconciler cannot give it up half-way.
  select status into v_status from order_requests where buyer_id = p_buyer and idempotency_key = p_key for update;
  if v_status is distinct from 'pending' then return 'abandoned'; end if;
  update holds set status = 'converted' where id = p_hold and status = 'active' and expires_at > now();
  if not found then return 'expired'; end if;
  with locked as (select id from seats where hold_id = p_hold order by id for update),
       sold as (
         update seats s set state = 'sold', order_id = p_order, hold_id = null, hold_expires_at = null
         from locked where s.id = locked.id returning s.id)
  select count(*) into v_sold from sold;
  if v_sold <> cardinality(p_seat_ids) then
    raise exception 'hold % had % seats, expected %', p_hold, v_sold, cardinality(p_seat_ids);
  end if;
  insert into orders (id, buyer_id, hold_id, amount, currency, status, payment_id)
  values (p_order, p_buyer, p_hold, p_amount, p_currency, 'paid', p_payment);
  insert into tickets (id, order_id, seat_id, buyer_id, price, code, state)
  select t.id, p_order, t.seat_id, p_buyer, t.price, t.code, 'valid'
  from unnest(p_ticket_ids, p_seat_ids, p_prices, p_codes) as t(id, seat_id, price, code);
  insert into outbox (id, type, payload) values (p_event_id, 'order.paid', p_event);
  update order_requests set status = 'done', response_status = 201, response_body = p_response, updated_at = now()
  where buyer_id = p_buyer and idempotency_key = p_key;
  return 'paid';
end;
$$;

-- Statements inside these functions are planned once per connection, not once per call.
alter function hold_seats(uuid, text[], uuid, timestamptz, integer) set plan_cache_mode = force_generic_plan;
alter function begin_order(uuid, text, text, uuid, uuid) set plan_cache_mode = force_generic_plan;
alter function finish_order(uuid, text, uuid, uuid, text, integer, text, uuid[], text[], integer[], text[], jsonb, uuid, jsonb)
  set plan_cache_mode = force_generic_plan;
