-- Up Migration

-- R30, R31 under load: the holds of one batch are decided together and written together, one
-- statement per step for all of them (holds/hold-batcher.ts), where hold_seats_batch runs
-- hold_seats' six to eight statements once per hold. Per hold the outcome is hold_seats':
--   "limit"   the buyer's live tickets and these seats would pass the maximum;
--   "unknown" a seat does not exist;
--   "taken"   a seat is sold, or held by someone else's live hold, or taken by an earlier hold
--             of this batch (holds are decided in arrival order);
--   "held"    otherwise: the buyer's previous hold is released and the seats are held.
-- Seats a buyer's previous hold gives back are free again after the batch; a later hold of the
-- same batch finds them still taken, as if it had come just before the release.
--
-- Locks: the buyers' advisory locks (one buyer's holds run one at a time, as in hold_seats), in
-- key order; then, in id order, the requested seats that look free, the seats of the previous
-- holds being released, and the seats being taken. Seats are only ever granted by the
-- conditional UPDATE, and if it grants fewer than were decided (a seat changed hands in between)
-- the whole call rolls back and the service runs the batch with hold_seats_batch, hold by hold.
-- So does a batch in which one buyer holds twice (this function refuses it).
--
-- p_requests: as hold_seats_batch. Answers one hold_seats result per request, in order.
create function hold_seats_together(p_requests jsonb)
returns setof jsonb language plpgsql
set plan_cache_mode = force_generic_plan
-- Every table is reached through an index by key; a generic plan guesses ten rows per array and
-- would otherwise rather scan a whole table or a partial index full of settled rows.
set enable_bitmapscan = off
set enable_seqscan = off as $$
declare
  v_buyers uuid[];
  v_distinct boolean;
  v_results jsonb[];
  v_holds uuid[];
  v_previous uuid[];
  v_take_seats text[];
  v_take_holds uuid[];
  v_take_expires timestamptz[];
  v_freeing text[];
  v_taken integer;
begin
  select array_agg(r.buyer), count(distinct r.buyer) = count(*)
    into v_buyers, v_distinct
    from jsonb_to_recordset(p_requests) as r(buyer uuid);
  if not v_distinct then
    raise exception using errcode = 'P0001', message = 'clove: one buyer holds twice in one batch';
  end if;

  perform pg_advisory_xact_lock(k)
    from (select distinct hashtextextended(b::text, 0) as k from unnest(v_buyers) as b order by 1) as keys;
  perform 1 from seats
    where id = any(array(select jsonb_array_elements_text(r -> 'seats') from jsonb_array_elements(p_requests) as r))
      and (state = 'available' or (state = 'held' and hold_expires_at <= now()))
    order by id
    for update;

  with recursive request as materialized (
         select r.n, r.buyer, r.hold, r.expires, r.max, array(select jsonb_array_elements_text(r.seats)) as seats
         from rows from (jsonb_to_recordset(p_requests) as (buyer uuid, seats jsonb, hold uuid, expires timestamptz, max integer))
              with ordinality as r(buyer, seats, hold, expires, max, n)),
       judged as materialized (
         select q.*, b.owned, b.previous,
                coalesce(array(select id from seats where hold_id = b.previous order by id), '{}') as previous_seats,
                c.unknown, c.busy
         from request as q
         cross join lateral (
           select (select count(*) from tickets t where t.buyer_id = q.buyer and t.state <> 'refunded')::integer as owned,
                  (select h.id from holds h where h.buyer_id = q.buyer and h.status = 'active') as previous) as b
         cross join lateral (
           select coalesce(array_agg(x order by x) filter (where s.id is null), '{}') as unknown,
                  coalesce(array_agg(x order by x) filter (
                    where s.id is not null
                      and not (s.state = 'available'
                               or (s.state = 'held' and (s.hold_expires_at <= now() or s.hold_id is not distinct from b.previous))))
                  , '{}') as busy
           from unnest(q.seats) as x left join seats s on s.id = x) as c),
       walk as (
         select 0::bigint as n, '{}'::text[] as taken, null::jsonb as result, null::uuid as hold, null::uuid as previous
         union all
         select j.n, case when v.verdict = 'held' then w.taken || j.seats else w.taken end,
                case v.verdict
                  when 'limit' then jsonb_build_object('outcome', 'limit', 'owned', j.owned)
                  when 'unknown' then jsonb_build_object('outcome', 'unknown', 'seats', to_jsonb(j.unknown))
                  when 'taken' then jsonb_build_object('outcome', 'taken', 'seats',
                    to_jsonb(array(select x from unnest(j.seats) as x where x = any(j.busy) or x = any(w.taken) order by x)))
                  else jsonb_build_object('outcome', 'held', 'released',
                    to_jsonb(array(select x from unnest(j.previous_seats) as x
                                   where not (x = any(j.seats)) and not (x = any(w.taken)) order by x)))
                end,
                case when v.verdict = 'held' then j.hold end,
                case when v.verdict = 'held' then j.previous end
         from walk as w
         join judged as j on j.n = w.n + 1
         cross join lateral (
           select case
                    when j.owned + cardinality(j.seats) > j.max then 'limit'
                    when cardinality(j.unknown) > 0 then 'unknown'
                    when cardinality(j.busy) > 0 or j.seats && w.taken then 'taken'
                    else 'held'
                  end as verdict) as v)
  select array_agg(w.result order by w.n) filter (where w.n > 0),
         coalesce(array_agg(w.hold) filter (where w.hold is not null), '{}'),
         coalesce(array_agg(w.previous) filter (where w.previous is not null), '{}')
    into v_results, v_holds, v_previous
    from walk as w;

  if cardinality(v_holds) > 0 then
    update holds set status = 'released' where id = any(v_previous);
    select coalesce(array_agg(id), '{}') into v_freeing
      from (select id from seats where hold_id = any(v_previous) order by id for update) as locked;
    update seats set state = 'available', hold_id = null, hold_expires_at = null where id = any(v_freeing);

    select array_agg(t.seat), array_agg(t.hold), array_agg(t.expires)
      into v_take_seats, v_take_holds, v_take_expires
      from (select x as seat, r.hold, r.expires
            from jsonb_to_recordset(p_requests) as r(hold uuid, expires timestamptz, seats jsonb)
            cross join lateral jsonb_array_elements_text(r.seats) as x
            where r.hold = any(v_holds)) as t;
    with taken as (
      update seats s
      set state = 'held', hold_id = v_take_holds[array_position(v_take_seats, s.id)],
          hold_expires_at = v_take_expires[array_position(v_take_seats, s.id)]
      where s.id = any(v_take_seats) and (s.state = 'available' or (s.state = 'held' and s.hold_expires_at <= now()))
      returning 1)
    select count(*) into v_taken from taken;
    if v_taken <> cardinality(v_take_seats) then
      raise exception using errcode = 'P0001', message = 'clove: a seat changed hands while its hold was decided';
    end if;

    insert into holds (id, buyer_id, seat_ids, expires_at, status)
    select r.hold, r.buyer, array(select jsonb_array_elements_text(r.seats)), r.expires, 'active'
    from jsonb_to_recordset(p_requests) as r(buyer uuid, hold uuid, expires timestamptz, seats jsonb)
    where r.hold = any(v_holds);
  end if;

  return query select x.result from unnest(v_results) with ordinality as x(result, n) order by x.n;
end;
$$;
