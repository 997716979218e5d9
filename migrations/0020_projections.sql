-- Up Migration
-- Live read tables live in schema rm; each projection creates its own tables there (its DDL is
-- part of the projection, so a rebuild can create the same tables in a side schema).
CREATE SCHEMA IF NOT EXISTS rm;

-- One row per projection. The position is written in the same transaction as the projection's
-- effects and guarded by its previous value, so an effect is never lost or applied twice.
CREATE TABLE projection_checkpoints (
  name text PRIMARY KEY,
  version integer NOT NULL,
  -- Opaque global log position of the last event applied; NULL before the first.
  position text,
  state text NOT NULL DEFAULT 'STOPPED'
    CHECK (state IN ('RUNNING', 'REBUILDING', 'STOPPED', 'FAILED')),
  error text,
  -- A rebuild asks the live owner to let go of the projection's advisory lock for the swap;
  -- the request lapses at paused_until so a rebuild that died cannot stall the projection.
  paused_by text,
  paused_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
