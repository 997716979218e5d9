export const createOrderTables = `
-- Ids and log positions compare byte by byte (COLLATE "C"): the order JavaScript and the
-- cursors expect, and faster than a linguistic collation.
CREATE TABLE IF NOT EXISTS orders (
  id text COLLATE "C" PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL,
  status text NOT NULL,
  status_reason text,
  items jsonb NOT NULL,
  -- bigint: a total of up to 100 lines of 1,000 units at any price must fit, or one order
  -- would stop this projection for everybody.
  total bigint NOT NULL,
  payment_id text,
  payment_status text,
  payment_amount bigint,
  payment_provider text,
  payment_transaction_id text,
  reservation_expires_at timestamptz,
  refund_requested boolean NOT NULL DEFAULT false,
  version integer NOT NULL,
  last_position text COLLATE "C" NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
-- Every event of an order rewrites its row: room on the page lets the rewrite stay there.
) WITH (fillfactor = 70);

CREATE TABLE IF NOT EXISTS order_status_history (
  order_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  position text COLLATE "C" NOT NULL,
  status text NOT NULL,
  reason text,
  occurred_at timestamptz NOT NULL
);
`;

export const createOrderIndexes = `
-- Pages newest first: everyone's, a user's, by status.
CREATE INDEX IF NOT EXISTS orders_created ON orders (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS orders_user_created ON orders (user_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS orders_status_created ON orders (status, created_at DESC, id DESC);
-- The checkout saga's sweeps: small partial indexes over the few orders in those states.
CREATE INDEX IF NOT EXISTS orders_pending ON orders (updated_at) WHERE status = 'PENDING';
CREATE INDEX IF NOT EXISTS orders_paid_not_marked ON orders (updated_at)
  WHERE payment_status = 'SUCCEEDED' AND status IN ('AWAITING_PAYMENT', 'CANCELLED')
    AND NOT refund_requested;
-- One row per order event (the primary key, as an index a rebuild builds after the load).
CREATE UNIQUE INDEX IF NOT EXISTS order_status_history_pkey
  ON order_status_history (order_id, version);
-- Replay of a user's updates after a global position.
CREATE INDEX IF NOT EXISTS order_status_history_user ON order_status_history (user_id, position);
`;

/** New orders, one JSON array of rows (one parameter parses faster than 17 arrays). */
export const insertOrders = `
INSERT INTO orders SELECT * FROM json_populate_recordset(NULL::orders, $1::json)`;

/** What an event after OrderPlaced can change; lines, user and total never do. */
export const updateOrders = `
UPDATE orders o SET status = u.status, status_reason = u.status_reason,
  payment_id = u.payment_id, payment_status = u.payment_status,
  payment_amount = u.payment_amount, payment_provider = u.payment_provider,
  payment_transaction_id = u.payment_transaction_id,
  reservation_expires_at = u.reservation_expires_at, refund_requested = u.refund_requested,
  version = u.version, last_position = u.last_position, updated_at = u.updated_at
FROM json_populate_recordset(NULL::orders, $1::json) AS u
WHERE o.id = u.id`;

export const insertHistory = `
INSERT INTO order_status_history
SELECT * FROM json_populate_recordset(NULL::order_status_history, $1::json)`;
