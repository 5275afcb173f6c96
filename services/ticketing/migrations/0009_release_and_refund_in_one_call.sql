-- Up Migration

-- Releasing a hold (R30) and the two steps of a refund (R33) each become one database call,
-- one round trip and one commit, instead of a transaction of four to six statements sent one
-- by one. What each does is unchanged.

-- Lets go of a buyer's active hold: {"outcome": "released", "seats": [...]} or
-- "not_found" | "not_yours" | "not_active".
create function release_hold(p_buyer uuid, p_hold uuid)
returns jsonb language plpgsql
set plan_cache_mode = force_generic_plan as $$
declare
  v_hold holds%rowtype;
  v_seats jsonb;
begin
  select * into v_hold from holds where id = p_hold for update;
  if not found then return jsonb_build_object('outcome', 'not_found'); end if;
  if v_hold.buyer_id <> p_buyer then return jsonb_build_object('outcome', 'not_yours'); end if;
  if v_hold.status <> 'active' then return jsonb_build_object('outcome', 'not_active'); end if;
  update holds set status = 'released' where id = p_hold;
  -- hold_id alone (set exactly while a seat is held) keeps the plan on seats_hold_idx.
  with locked as (select id from seats where hold_id = p_hold order by id for update),
       freed as (
         update seats s set state = 'available', hold_id = null, hold_expires_at = null
         from locked where s.id = locked.id returning s.id)
  select coalesce(jsonb_agg(id), '[]') into v_seats from freed;
  return jsonb_build_object('outcome', 'released', 'seats', v_seats);
end;
$$;

-- Marks a buyer's ticket 'refunding' before the money goes back:
-- {"outcome": "refunding", "price", "seatId", "paymentId"} or
-- "not_found" | "not_yours" | "already_refunded" | "in_progress" | "started".
create function begin_refund(p_buyer uuid, p_ticket uuid)
returns jsonb language plpgsql
set plan_cache_mode = force_generic_plan as $$
declare
  v_ticket record;
begin
  select t.buyer_id, t.state, t.price, t.seat_id, o.payment_id, p.starts_at <= now() as started into v_ticket
  from tickets t join orders o on o.id = t.order_id cross join performance p
  where t.id = p_ticket for update of t;
  if not found then return jsonb_build_object('outcome', 'not_found'); end if;
  if v_ticket.buyer_id <> p_buyer then return jsonb_build_object('outcome', 'not_yours'); end if;
  if v_ticket.state = 'refunded' then return jsonb_build_object('outcome', 'already_refunded'); end if;
  if v_ticket.state = 'refunding' then return jsonb_build_object('outcome', 'in_progress'); end if;
  if v_ticket.started then return jsonb_build_object('outcome', 'started'); end if;
  update tickets set state = 'refunding', refund_requested_at = now() where id = p_ticket;
  return jsonb_build_object('outcome', 'refunding', 'price', v_ticket.price, 'seatId', v_ticket.seat_id, 'paymentId', v_ticket.payment_id);
end;
$$;

-- Once the money is back: the ticket is refunded, its seat for sale again, the order's refunded
-- amount and status follow, and order.refunded goes to the outbox. Answers the seat's id, or
-- null when the ticket was not 'refunding' (done already).
create function complete_refund(p_ticket uuid, p_event uuid)
returns text language plpgsql
set plan_cache_mode = force_generic_plan as $$
declare
  v_ticket record;
  v_status text;
begin
  update tickets set state = 'refunded', refunded_at = now() where id = p_ticket and state = 'refunding'
  returning order_id, buyer_id, seat_id, price into v_ticket;
  if not found then return null; end if;
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
