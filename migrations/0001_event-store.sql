-- Up Migration
CREATE TABLE es_streams (
  stream_id text PRIMARY KEY,
  version bigint NOT NULL
);

CREATE TABLE es_events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text NOT NULL,
  stream_version bigint NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  type text NOT NULL,
  schema_version integer NOT NULL DEFAULT 1,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (stream_id, stream_version)
);

-- Readers of the global log go in (transaction_id, global_position) order; see PostgresEventStore.
CREATE INDEX es_events_log_order ON es_events (transaction_id, global_position);
-- Rebuilds of projections that read only a few event types.
CREATE INDEX es_events_type_log_order ON es_events (type, transaction_id, global_position);

-- Nothing ever rewrites history.
CREATE FUNCTION es_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'es_events is append-only';
END $$;
CREATE TRIGGER es_events_no_update BEFORE UPDATE OR DELETE ON es_events
  FOR EACH ROW EXECUTE FUNCTION es_events_append_only();
