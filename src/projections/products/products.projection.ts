import type pg from 'pg';
import { type InventoryEvent } from '../../aggregates/inventory/inventory.events';
import { productEventTypes, type ProductEvent } from '../../aggregates/product/product.events';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import {
  emptyStockLevel,
  evolveStockLevel,
  inventoryEventTypeSet,
  type StockLevel,
} from '../inventory/stock-level';
import { type Notification, type Projection } from '../runtime/projection';
import { asDomainEvent, stringField } from '../shared/domain-event';
import { PRODUCT_COLUMNS, toProductRow, type ProductDbRow } from './product-columns';
import { evolveProduct, withStock, type ProductRow } from './product-row';
import {
  createProductIndexes,
  createProductTables,
  upsertProductStock,
  upsertProducts,
} from './products.sql';

/** The catalogue with stock levels and a search document: one row per product. */
export const productsProjection: Projection = {
  name: 'products',
  version: 3,
  eventTypes: [...productEventTypes, ...inventoryEventTypeSet],
  tables: ['products', 'product_stock'],
  createTables: createProductTables,
  createIndexes: createProductIndexes,
  partitionOf: (event) => stringField(event, 'productId'),
  applyBatch: applyProducts,
};

async function applyProducts(
  client: pg.PoolClient,
  events: RecordedEvent[],
): Promise<Notification[]> {
  const ids = [...new Set(events.map((e) => stringField(e, 'productId')))];
  const products = await loadProducts(client, ids);
  const stock = await loadStock(client, ids);
  const changedProducts = new Map<string, string>();
  const changedStock = new Set<string>();

  for (const event of events) {
    const productId = stringField(event, 'productId');
    const level = stock.get(productId) ?? emptyStockLevel();
    if (inventoryEventTypeSet.has(event.type)) {
      const next = evolveStockLevel(level, asDomainEvent<InventoryEvent>(event));
      stock.set(productId, next);
      changedStock.add(productId);
      const row = products.get(productId);
      if (!row) continue;
      products.set(productId, { ...row, ...withStock(next) });
    } else {
      const row = products.get(productId) ?? null;
      products.set(productId, evolveProduct(row, asDomainEvent<ProductEvent>(event), event, level));
    }
    changedProducts.set(productId, event.position);
  }

  await writeProducts(
    client,
    [...changedProducts.keys()].map((id) => products.get(id)!),
  );
  await writeStock(
    client,
    [...changedStock].map((id) => [id, stock.get(id)!] as const),
  );
  return [...changedProducts].map(([productId, position]) => ({
    topic: 'productChanged',
    key: productId,
    message: { productId, position },
  }));
}

async function loadProducts(
  client: pg.PoolClient,
  ids: string[],
): Promise<Map<string, ProductRow>> {
  const { rows } = await client.query<ProductDbRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p.id = ANY($1)`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, toProductRow(row)]));
}

async function loadStock(client: pg.PoolClient, ids: string[]): Promise<Map<string, StockLevel>> {
  const { rows } = await client.query<{ product_id: string; on_hand: number; reserved: number }>(
    'SELECT product_id, on_hand, reserved FROM product_stock WHERE product_id = ANY($1)',
    [ids],
  );
  return new Map(
    rows.map((row) => [row.product_id, { onHand: row.on_hand, reserved: row.reserved }]),
  );
}

async function writeProducts(client: pg.PoolClient, rows: ProductRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(upsertProducts, [
    rows.map((r) => r.id),
    rows.map((r) => r.sku),
    rows.map((r) => r.name),
    rows.map((r) => r.description),
    rows.map((r) => r.price),
    rows.map((r) => r.category),
    rows.map((r) => JSON.stringify(r.tags)),
    rows.map((r) => r.onHand),
    rows.map((r) => r.reserved),
    rows.map((r) => r.createdAt),
    rows.map((r) => r.updatedAt),
    rows.map((r) => r.version),
  ]);
}

async function writeStock(
  client: pg.PoolClient,
  levels: (readonly [string, StockLevel])[],
): Promise<void> {
  if (levels.length === 0) return;
  await client.query(upsertProductStock, [
    levels.map(([id]) => id),
    levels.map(([, level]) => level.onHand),
    levels.map(([, level]) => level.reserved),
  ]);
}
