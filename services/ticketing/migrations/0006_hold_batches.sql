-- Up Migration

-- R30, R31 under load: the holds that arrive together run in one call, one transaction and one
-- commit (holds/hold-batcher.ts). Each hold is still hold_seats, unchanged: the seats are
-- taken by its one conditional UPDATE, and a refused hold changes nothing.
--
-- Before any hold runs, the batch locks, in seat-id order, every requested seat that looks
-- free. Statements that lock several seats all lock them in id order, so two batches (of two
-- replicas) that want the same seats wait for each other instead of deadlocking; hold_seats
-- then finds those seats already locked by its own transaction. (A seat freed after these first
-- locks, or one of a buyer's previous hold, is locked when hold_seats gets to it; the service
-- runs a batch that deadlocks over one again, hold by hold.)
--
-- p_requests: [{"buyer": uuid, "seats": [seat id, ...], "hold": uuid, "expires": timestamptz, "max": n}, ...]
-- Answers one hold_seats result per request, in the requests' order.
create function hold_seats_batch(p_requests jsonb)
returns setof jsonb language plpgsql
set plan_cache_mode = force_generic_plan as $$
declare
  v_request jsonb;
begin
  perform 1 from seats
    where id = any(array(select jsonb_array_elements_text(r -> 'seats') from jsonb_array_elements(p_requests) as r))
      and (state = 'available' or (state = 'held' and hold_expires_at <= now()))
    order by id
    for update;
  for v_request in select r from jsonb_array_elements(p_requests) as r loop
    return next hold_seats(
      (v_request ->> 'buyer')::uuid,
      array(select jsonb_array_elements_text(v_request -> 'seats')),
      (v_request ->> 'hold')::uuid,
      (v_request ->> 'expires')::timestamptz,
      (v_request ->> 'max')::integer);
  end loop;
end;
$$;
