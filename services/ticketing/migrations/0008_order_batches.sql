-- Up Migration

-- R32 under load: the begin_order calls that arrive together run in one call, one transaction
-- and one commit, and so do the finish_order calls (orders/order-batcher.ts). Each order is
-- still begin_order or finish_order, unchanged, in arrival order. Each runs in its own
-- subtransaction: an order that fails (or deadlocks with another replica's call) is rolled back
-- alone and answered as {"error": sqlstate, "message": ...}; the others go on. Orders touch
-- rows of their own (their request, their hold, its seats), so they do not wait on each other.

-- p_requests: [{"buyer": uuid, "key": text, "hash": text, "hold": uuid, "order": uuid}, ...]
create function begin_order_batch(p_requests jsonb)
returns setof jsonb language plpgsql
set plan_cache_mode = force_generic_plan as $$
declare
  v_request jsonb;
begin
  for v_request in select r from jsonb_array_elements(p_requests) as r loop
    begin
      return next begin_order(
        (v_request ->> 'buyer')::uuid, v_request ->> 'key', v_request ->> 'hash',
        (v_request ->> 'hold')::uuid, (v_request ->> 'order')::uuid);
    exception when others then
      return next jsonb_build_object('error', sqlstate, 'message', sqlerrm);
    end;
  end loop;
end;
$$;

-- p_orders: [{"buyer", "key", "order", "hold", "payment", "amount", "currency", "ticketIds": [],
--             "seatIds": [], "prices": [], "codes": [], "response": {}, "eventId", "event": {}}, ...]
-- Answers finish_order's result per order as a JSON string ("paid", "expired", "abandoned").
create function finish_order_batch(p_orders jsonb)
returns setof jsonb language plpgsql
set plan_cache_mode = force_generic_plan as $$
declare
  v_order jsonb;
begin
  for v_order in select o from jsonb_array_elements(p_orders) as o loop
    begin
      return next to_jsonb(finish_order(
        (v_order ->> 'buyer')::uuid, v_order ->> 'key', (v_order ->> 'order')::uuid, (v_order ->> 'hold')::uuid,
        v_order ->> 'payment', (v_order ->> 'amount')::integer, v_order ->> 'currency',
        array(select jsonb_array_elements_text(v_order -> 'ticketIds'))::uuid[],
        array(select jsonb_array_elements_text(v_order -> 'seatIds')),
        array(select jsonb_array_elements_text(v_order -> 'prices'))::integer[],
        array(select jsonb_array_elements_text(v_order -> 'codes')),
        v_order -> 'response', (v_order ->> 'eventId')::uuid, v_order -> 'event'));
    exception when others then
      return next jsonb_build_object('error', sqlstate, 'message', sqlerrm);
    end;
  end loop;
end;
$$;
