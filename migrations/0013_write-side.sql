-- Up Migration
-- SKUs are unique across the catalog; the claim is taken before ProductCreated is appended.
CREATE TABLE sku_claims (
  sku_key text PRIMARY KEY,
  product_id uuid NOT NULL UNIQUE,
  claimed_at timestamptz NOT NULL DEFAULT now()
);

-- Flash-sale purchases: the durable queue of purchaseAsync and every ticket's outcome.
CREATE TABLE purchase_tickets (
  ticket_id uuid PRIMARY KEY,
  user_id uuid NOT NULL,
  product_id uuid NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  outcome text NOT NULL CHECK (outcome IN ('QUEUED', 'RESERVED', 'SOLD_OUT', 'REJECTED')),
  order_id uuid,
  claimed_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz
);
CREATE INDEX purchase_tickets_queued ON purchase_tickets (created_at) WHERE outcome = 'QUEUED';
