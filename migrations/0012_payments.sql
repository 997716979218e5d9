-- Up Migration
-- The built-in mock gateway's own records: it stands for an external system, so nothing of the
-- application reads this table; the application learns outcomes only through the signed webhook.
CREATE TABLE mock_gateway_payments (
  payment_id text PRIMARY KEY,
  order_id text NOT NULL UNIQUE,
  amount bigint NOT NULL CHECK (amount >= 0),
  status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
  idempotency_key text NOT NULL,
  transaction_id text,
  failure_reason text,
  -- Fixed when the payment settles, so that every redelivery carries the same event id.
  webhook_event_id text UNIQUE,
  webhook_delivered_at timestamptz,
  created_at timestamptz NOT NULL,
  settled_at timestamptz,
  CHECK ((status = 'PENDING') = (settled_at IS NULL)),
  CHECK ((status = 'PENDING') = (webhook_event_id IS NULL))
);

-- Deliveries that a crash or an unreachable receiver left undone, resumed at start.
CREATE INDEX mock_gateway_payments_undelivered ON mock_gateway_payments (settled_at)
  WHERE webhook_event_id IS NOT NULL AND webhook_delivered_at IS NULL;

-- The application's side: webhook event ids already acted upon, for idempotent receipt.
CREATE TABLE webhook_events (
  event_id text PRIMARY KEY,
  event_type text NOT NULL,
  payment_id text NOT NULL,
  received_at timestamptz NOT NULL
);
