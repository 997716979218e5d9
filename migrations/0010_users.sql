-- Up Migration
-- Users are plain state, not event-sourced: password hashes must never reach the event log.
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stored lower-cased so that the unique constraint is case-insensitive without citext.
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  name text,
  password_hash text NOT NULL,
  role text NOT NULL DEFAULT 'CUSTOMER' CHECK (role IN ('CUSTOMER', 'ADMIN')),
  created_at timestamptz NOT NULL DEFAULT now()
);
