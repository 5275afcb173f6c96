-- Up Migration

-- R29, R39 under load: seats left per grade without counting every seat. The quick list's
-- counts (once a second) and the outbox relay's count (once per delivery) each read the whole
-- seat map: at 50,000 seats, 25 and 12 ms of the database's time, a tenth of it during a sale,
-- and more the larger the hall.
--
-- Seats left = seats − sold − held under a hold still running.
--   grade_seats:  per grade, its seats and lowest price, set from the seats by tally_grades()
--                 whenever the seat map is written (performance.service.ts, in the seat map's
--                 own transaction);
--   sold_changes: seats sold (+) and given back (−) per grade, written by the functions that
--                 sell and give back seats (finish_order, finish_orders, complete_refund,
--                 restated below with that one statement more), folded into one row per grade
--                 every few seconds and recounted from the seats once a minute
--                 (settle_sold_changes, performance/sold-tally.ts);
--   the seats under running holds are few, and are counted through the partial index of hold
--   expiries (performance.repository.ts).
-- Changes are only ever inserted: sales and refunds never wait for each other's rows (a running
-- total per grade would make every sale of the hall wait for the one before to commit).
-- Statement triggers on tickets were tried first: they cost a finish batch 0.65 ms, nearly all
-- that the counts saved.
create table grade_seats (
  grade text primary key,
  price integer not null,
  total integer not null
);

create table sold_changes (
  grade text not null,
  delta integer not null
);

-- Every grade's seats, lowest price and sold seats, counted from the seats; run where nothing
-- can be sold or given back meanwhile (the seat map's transaction holds every seat).
create function tally_grades() returns void language sql as $$
  select pg_advisory_xact_lock(hashtextextended('clove:sold_changes', 0));
  delete from grade_seats;
  delete from sold_changes;
  insert into grade_seats (grade, price, total) select grade, min(price), count(*) from seats group by grade;
  insert into sold_changes (grade, delta)
  select grade, count(*) from seats where state = 'sold' group by grade;
$$;

select tally_grades();

-- Settles the tally, one instance at a time: folds the changes so far into one row per grade or,
-- with p_recount, replaces them with a count of the sold seats. Changes that commit meanwhile are
-- neither deleted nor counted (one snapshot for both), and stay. The recount, once a minute
-- (performance/sold-tally.ts), corrects what no function tallied: a sale made by the previous
-- version's functions while this migration ran, or a seat changed by hand.
create function settle_sold_changes(p_recount boolean) returns void language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('clove:sold_changes', 0));
  if p_recount then
    with gone as (delete from sold_changes)
    insert into sold_changes (grade, delta)
    select grade, count(*) from seats where state = 'sold' group by grade;
  else
    with folded as (delete from sold_changes returning grade, delta)
    insert into sold_changes (grade, delta)
    select grade, sum(delta) from folded group by grade having sum(delta) <> 0;
  end if;
end;
$$;

-- Emptying the seats or the tickets (tests do) empties their tally.
create function tally_emptied() returns trigger language plpgsql as $$
begin
  delete from sold_changes;
  if tg_table_name = 'seats' then
    delete from grade_seats;
  end if;
  return null;
end;
$$;

create trigger tickets_tally_emptied after truncate on tickets for each statement execute function tally_emptied();
create trigger seats_tally_emptied after truncate on seats for each statement execute function tally_emptied();

-- The functions that sell and give back seats, as in migrations 0005, 0009 and 0011, each with
-- the statement that tallies the change.

create or replace function finish_order(
  p_buyer uuid, p_key text, p_order uuid, p_hold uuid, p_payment text, p_amount integer, p_currency text,
  p_ticket_ids uuid[], p_seat_ids text[], p_prices integer[], p_codes text[],
  p_response jsonb, p_event_id uuid, p_event jsonb)
returns text language plpgsql
set plan_cache_mode = force_generic_plan as $$
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
         from locked where s.id = locked.id returning s.id, s.grade),
       tallied as (
         insert into sold_changes (grade, delta) select grade, count(*) from sold group by grade)
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

create or replace function complete_refund(p_ticket uuid, p_event uuid)
returns text language plpgsql
set plan_cache_mode = force_generic_plan as $$
declare
  v_ticket record;
  v_status text;
begin
  update tickets set state = 'refunded', refunded_at = now() where id = p_ticket and state = 'refunding'
  returning order_id, buyer_id, seat_id, price into v_ticket;
  if not found then return null; end if;
  insert into sold_changes (grade, delta)
  select grade, -1 from seats where id = v_ticket.seat_id and order_id = v_ticket.order_id;
  update seats set state = 'available', order_id = null where id = v_ticket.seat_id and order_id = v_ticket.order_id;
  update orders set refunded_amount = refunded_amount + v_ticket.price,
    status = case when refunded_amount + v_ticket.price >= amount then 'refunded' else 'partially_refunded' end
  where id = v_ticket.order_id returning status into v_status;
  insert into outbox (id, type, payload) values (p_event, 'order.refunded', jsonb_build_object(
    'orderId', v_ticket.order_id,
    'buyerId', v_ticket.buyer_id,
    'ticketIds', jsonb_build_array(p_ticket),
    'refundAmount', v_ticket.price,
    'refundedAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'orderStatus', v_status));
  return v_ticket.seat_id;
end;
$$;

create or replace function finish_orders(p_orders jsonb)
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
           returning s.id, s.order_id, s.grade),
         tallied as (
           insert into sold_changes (grade, delta) select grade, count(*) from sold group by grade),
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
