-- Up Migration
-- The PostgreSQL cart store of the embedded setup (Redis keeps carts when REDIS_URL is set).
-- Ids are text, not uuid, so that this store accepts exactly what the Redis one does.
CREATE TABLE carts (
  user_id text PRIMARY KEY,
  -- Slides forward on every write; a cart at or past it reads as empty.
  expires_at timestamptz NOT NULL
);

-- Cleanup of expired carts scans by expiry.
CREATE INDEX carts_expires_at ON carts (expires_at);

CREATE TABLE cart_items (
  user_id text NOT NULL REFERENCES carts (user_id) ON DELETE CASCADE,
  product_id text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  -- Minor units, as the catalogue priced it when the line was last written.
  unit_price bigint NOT NULL CHECK (unit_price >= 0),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, product_id)
);
