-- Up Migration
-- appendToStreams in one round trip, as Marten appends through mt_append_event: a flash-sale
-- batch writes hundreds of streams, and under load every round trip waits a whole turn of the
-- application's event loop. Locks the existing streams in id order (batches sharing streams
-- cannot deadlock), checks every expected revision before writing anything, claims the versions
-- and inserts the events in the order given. A wrong revision raises ES409 with the stream id as
-- DETAIL and its actual version (or no_stream) as HINT; the statement then writes nothing.
CREATE FUNCTION es_append_streams(
  p_stream_ids text[],
  -- 'any', 'no_stream', 'stream_exists' or the exact version, per stream
  p_expected text[],
  p_counts integer[],
  -- per event: 1-based index of its stream in p_stream_ids, and its 0-based offset in that stream
  p_event_streams integer[],
  p_event_offsets integer[],
  p_ids uuid[],
  p_types text[],
  p_schema_versions integer[],
  p_data jsonb[],
  p_metadata jsonb[],
  p_notify boolean
) RETURNS TABLE (
  global_position bigint,
  transaction_id text,
  stream_version bigint,
  event_id uuid,
  created_at timestamptz
) LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_count integer := cardinality(p_stream_ids);
  v_actual bigint[];
  v_first bigint[];
  v_created text[];
  v_expected text;
  v_current bigint;
BEGIN
  PERFORM 1 FROM es_streams s WHERE s.stream_id = ANY (p_stream_ids) ORDER BY s.stream_id FOR UPDATE;
  SELECT array_agg(s.version ORDER BY i.ord) INTO v_actual
  FROM unnest(p_stream_ids) WITH ORDINALITY AS i(stream_id, ord)
  LEFT JOIN es_streams s ON s.stream_id = i.stream_id;

  FOR k IN 1..v_count LOOP
    v_expected := p_expected[k];
    v_current := v_actual[k];
    IF NOT (v_expected = 'any'
        OR (v_expected = 'no_stream' AND v_current IS NULL)
        OR (v_expected = 'stream_exists' AND v_current IS NOT NULL)
        OR (v_expected NOT IN ('any', 'no_stream', 'stream_exists') AND v_current = v_expected::bigint)) THEN
      RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'ES409', DETAIL = p_stream_ids[k],
        HINT = coalesce(v_current::text, 'no_stream');
    END IF;
  END LOOP;

  UPDATE es_streams s SET version = s.version + c.n
  FROM unnest(p_stream_ids, p_counts, v_actual) AS c(stream_id, n, actual)
  WHERE c.actual IS NOT NULL AND s.stream_id = c.stream_id;

  WITH created AS (
    INSERT INTO es_streams (stream_id, version)
    SELECT c.stream_id, c.n - 1
    FROM unnest(p_stream_ids, p_counts, v_actual) AS c(stream_id, n, actual)
    WHERE c.actual IS NULL ORDER BY c.stream_id
    ON CONFLICT (stream_id) DO NOTHING
    RETURNING stream_id)
  SELECT coalesce(array_agg(stream_id), '{}') INTO v_created FROM created;

  v_first := array_fill(0::bigint, ARRAY[v_count]);
  FOR k IN 1..v_count LOOP
    IF v_actual[k] IS NOT NULL THEN
      v_first[k] := v_actual[k] + 1;
    ELSIF NOT (p_stream_ids[k] = ANY (v_created)) THEN
      -- Another transaction created the stream after the lock: 'any' goes after its events.
      IF p_expected[k] <> 'any' THEN
        SELECT s.version INTO v_current FROM es_streams s WHERE s.stream_id = p_stream_ids[k];
        RAISE EXCEPTION 'wrong expected version' USING ERRCODE = 'ES409',
          DETAIL = p_stream_ids[k], HINT = coalesce(v_current::text, 'no_stream');
      END IF;
      UPDATE es_streams s SET version = s.version + p_counts[k]
      WHERE s.stream_id = p_stream_ids[k] RETURNING s.version - p_counts[k] + 1 INTO v_current;
      v_first[k] := v_current;
    END IF;
  END LOOP;

  IF p_notify THEN
    PERFORM pg_notify('chronocart_events', '');
  END IF;
  RETURN QUERY
  WITH inserted AS (
    INSERT INTO es_events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
    SELECT p_stream_ids[e.s], v_first[e.s] + e.off, e.id, e.type, e.schema_version, e.data, e.metadata
    FROM unnest(p_event_streams, p_event_offsets, p_ids, p_types, p_schema_versions, p_data, p_metadata)
      WITH ORDINALITY AS e(s, off, id, type, schema_version, data, metadata, ord)
    ORDER BY e.ord
    RETURNING global_position, transaction_id::text AS transaction_id, stream_version, event_id, created_at)
  SELECT * FROM inserted ORDER BY global_position;
END $$;
