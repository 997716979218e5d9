export const createOrderTables = `
CREATE TABLE IF NOT EXISTS orders (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  status text NOT NULL,
  status_reason text,
  items jsonb NOT NULL,
  total integer NOT NULL,
  payment_id text,
  payment_status text,
  payment_amount integer,
  payment_provider text,
  payment_transaction_id text,
  reservation_expires_at timestamptz,
  refund_requested boolean NOT NULL DEFAULT false,
  version integer NOT NULL,
  last_position text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- Pages newest first: everyone's, a user's, by status.
CREATE INDEX IF NOT EXISTS orders_created ON orders (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS orders_user_created ON orders (user_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS orders_status_created ON orders (status, created_at DESC, id DESC);
-- The checkout saga's sweeps: small partial indexes over the few orders in those states.
CREATE INDEX IF NOT EXISTS orders_pending ON orders (updated_at) WHERE status = 'PENDING';
CREATE INDEX IF NOT EXISTS orders_paid_not_marked ON orders (updated_at)
  WHERE payment_status = 'SUCCEEDED' AND status IN ('AWAITING_PAYMENT', 'CANCELLED')
    AND NOT refund_requested;

CREATE TABLE IF NOT EXISTS order_status_history (
  order_id text NOT NULL,
  user_id text NOT NULL,
  version integer NOT NULL,
  position text NOT NULL,
  status text NOT NULL,
  reason text,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (order_id, version)
);
-- Replay of a user's updates after a global position.
CREATE INDEX IF NOT EXISTS order_status_history_user ON order_status_history (user_id, position);
`;

export const upsertOrders = `
INSERT INTO orders (id, user_id, status, status_reason, items, total, payment_id, payment_status,
  payment_amount, payment_provider, payment_transaction_id, reservation_expires_at,
  refund_requested, version, last_position, created_at, updated_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::int[],
  $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::timestamptz[], $13::bool[],
  $14::int[], $15::text[], $16::timestamptz[], $17::timestamptz[])
ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, status = excluded.status,
  status_reason = excluded.status_reason, items = excluded.items, total = excluded.total,
  payment_id = excluded.payment_id, payment_status = excluded.payment_status,
  payment_amount = excluded.payment_amount, payment_provider = excluded.payment_provider,
  payment_transaction_id = excluded.payment_transaction_id,
  reservation_expires_at = excluded.reservation_expires_at,
  refund_requested = excluded.refund_requested, version = excluded.version,
  last_position = excluded.last_position, created_at = excluded.created_at,
  updated_at = excluded.updated_at`;

export const insertHistory = `
INSERT INTO order_status_history (order_id, user_id, version, position, status, reason,
  occurred_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[],
  $7::timestamptz[])`;
