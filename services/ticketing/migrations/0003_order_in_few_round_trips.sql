-- Up Migration

-- R32 in two database calls around the payment: begin_order claims the Idempotency-Key (one
-- conditional write) and reads the hold; finish_order turns the hold into an order, tickets and
-- the outbox event in one transaction. The logic is the same as statement by statement.

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
    into v_seats from seats where hold_id = p_hold and state = 'held';
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
  with locked as (select id from seats where hold_id = p_hold and state = 'held' order by id for update),
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
  perform pg_notify('clove_outbox', '');
  perform pg_notify('clove_seats', '{"state":"sold","ids":' || to_json(p_seat_ids)::text || '}');
  update order_requests set status = 'done', response_status = 201, response_body = p_response, updated_at = now()
  where buyer_id = p_buyer and idempotency_key = p_key;
  return 'paid';
end;
$$;
