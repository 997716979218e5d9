/** The products projection's tables. `product_stock` is private: stock that arrived first. */
export const createProductTables = `
CREATE TABLE IF NOT EXISTS products (
  id text COLLATE "C" PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  name text NOT NULL,
  description text,
  price integer NOT NULL,
  category text,
  tags jsonb NOT NULL DEFAULT '[]',
  -- 'name=value' per tag: a GIN index answers "carries every one of these tags" with @>.
  tag_pairs text[] NOT NULL DEFAULT '{}',
  on_hand integer NOT NULL DEFAULT 0,
  reserved integer NOT NULL DEFAULT 0,
  available integer GENERATED ALWAYS AS (on_hand - reserved) STORED,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL,
  search tsvector NOT NULL
);

-- Inventory events may precede ProductCreated in the log; their totals wait here.
CREATE TABLE IF NOT EXISTS product_stock (
  product_id text COLLATE "C" PRIMARY KEY,
  on_hand integer NOT NULL,
  reserved integer NOT NULL
);
`;

/** For filters, sorts and search; every sort ends with the id (cursor pagination). */
export const createProductIndexes = `
CREATE INDEX IF NOT EXISTS products_search ON products USING gin (search);
CREATE INDEX IF NOT EXISTS products_tag_pairs ON products USING gin (tag_pairs);
CREATE INDEX IF NOT EXISTS products_category ON products (category, id);
CREATE INDEX IF NOT EXISTS products_price ON products (price, id);
CREATE INDEX IF NOT EXISTS products_created_at ON products (created_at, id);
CREATE INDEX IF NOT EXISTS products_name ON products (name, id);
-- productBySku ignores case, as SKU uniqueness does (sku_claims).
CREATE INDEX IF NOT EXISTS products_sku_lower ON products (lower(sku));
`;

const TAG_ELEMENTS = `jsonb_array_elements(r.tags) AS t`;

/** Full-text document: name weighs most, then category and tags, then the description. */
const SEARCH_VECTOR = `
  setweight(to_tsvector('english', r.name), 'A') ||
  setweight(to_tsvector('english', coalesce(r.category, '') || ' ' || coalesce(
    (SELECT string_agg((t->>'name') || ' ' || (t->>'value'), ' ') FROM ${TAG_ELEMENTS}), '')), 'B') ||
  setweight(to_tsvector('english', coalesce(r.description, '')), 'C')`;

export const upsertProducts = `
INSERT INTO products (id, sku, name, description, price, category, tags, tag_pairs, on_hand,
  reserved, created_at, updated_at, version, search)
SELECT r.id, r.sku, r.name, r.description, r.price, r.category, r.tags,
  ARRAY(SELECT (t->>'name') || '=' || (t->>'value') FROM ${TAG_ELEMENTS}),
  r.on_hand, r.reserved, r.created_at, r.updated_at, r.version, ${SEARCH_VECTOR}
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::jsonb[],
  $8::int[], $9::int[], $10::timestamptz[], $11::timestamptz[], $12::int[])
  AS r(id, sku, name, description, price, category, tags, on_hand, reserved, created_at,
    updated_at, version)
ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, name = excluded.name,
  description = excluded.description, price = excluded.price, category = excluded.category,
  tags = excluded.tags, tag_pairs = excluded.tag_pairs, on_hand = excluded.on_hand,
  reserved = excluded.reserved, created_at = excluded.created_at,
  updated_at = excluded.updated_at, version = excluded.version, search = excluded.search`;

export const upsertProductStock = `
INSERT INTO product_stock (product_id, on_hand, reserved)
SELECT * FROM unnest($1::text[], $2::int[], $3::int[])
ON CONFLICT (product_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved`;
