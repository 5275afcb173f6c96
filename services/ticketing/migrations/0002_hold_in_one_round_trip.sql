-- Up Migration

-- R30, R31 in one round trip: the whole hold runs inside the database. The seat UPDATE stays a
-- single conditional write; the inner block is a savepoint, so when a seat is taken the release
-- of the buyer's previous hold is undone with it and the answer names the seats.
create or replace function hold_seats(p_buyer uuid, p_seats text[], p_hold uuid, p_expires timestamptz, p_max integer)
returns jsonb language plpgsql as $$
declare
  v_owned integer;
  v_previous uuid;
  v_released text[] := '{}';
  v_taken text[] := '{}';
  v_unknown text[];
begin
  -- One buyer's holds run one at a time.
  perform pg_advisory_xact_lock(hashtextextended(p_buyer::text, 0));
  select count(*) into v_owned from tickets where buyer_id = p_buyer and state <> 'refunded';
  if v_owned + cardinality(p_seats) > p_max then
    return jsonb_build_object('outcome', 'limit', 'owned', v_owned);
  end if;
  begin
    update holds set status = 'released' where buyer_id = p_buyer and status = 'active' returning id into v_previous;
    if v_previous is not null then
      -- Every statement that locks several seats locks them in id order: no deadlocks.
      with locked as (select id from seats where hold_id = v_previous and state = 'held' order by id for update),
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
    if cardinality(v_released) > 0 then
      perform pg_notify('clove_seats', '{"state":"available","ids":' || to_json(v_released)::text || '}');
    end if;
    -- The same compact JSON as notifySeats in seats/seat-events.ts.
    perform pg_notify('clove_seats', '{"state":"held","ids":' || to_json(p_seats)::text || '}');
    return jsonb_build_object('outcome', 'held');
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

-- The quick list of available seats (GET /seats?state=available) reads seats best first.
create index seats_available_order_idx on seats (section, length(row_label), row_label, number) where state = 'available';
