import type pg from 'pg';
import {
  inventoryEventTypes,
  type InventoryEvent,
} from '../../aggregates/inventory/inventory.events';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { type Notification, type Projection } from '../runtime/projection';
import { asDomainEvent, stringField } from '../shared/domain-event';
import { evolveStockLevel, type StockLevel } from './stock-level';

interface InventoryLevel extends StockLevel {
  /** Revision of the inventory stream. */
  version: number;
}

const createTables = `
CREATE TABLE IF NOT EXISTS inventory (
  product_id text COLLATE "C" PRIMARY KEY,
  on_hand integer NOT NULL,
  reserved integer NOT NULL,
  available integer GENERATED ALWAYS AS (on_hand - reserved) STORED,
  version integer NOT NULL
);
`;

const upsert = `
INSERT INTO inventory (product_id, on_hand, reserved, version)
SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[])
ON CONFLICT (product_id) DO UPDATE SET on_hand = excluded.on_hand,
  reserved = excluded.reserved, version = excluded.version`;

/** Stock levels per product, with the inventory stream's revision they reflect. */
export const inventoryProjection: Projection = {
  name: 'inventory',
  version: 1,
  eventTypes: inventoryEventTypes,
  tables: ['inventory'],
  createTables,
  partitionOf: (event) => stringField(event, 'productId'),
  applyBatch: applyInventory,
};

async function applyInventory(
  client: pg.PoolClient,
  events: RecordedEvent[],
): Promise<Notification[]> {
  const ids = [...new Set(events.map((e) => stringField(e, 'productId')))];
  const { rows } = await client.query<{
    product_id: string;
    on_hand: number;
    reserved: number;
    version: number;
  }>('SELECT product_id, on_hand, reserved, version FROM inventory WHERE product_id = ANY($1)', [
    ids,
  ]);
  const levels = new Map<string, InventoryLevel>(
    rows.map((r) => [
      r.product_id,
      { onHand: r.on_hand, reserved: r.reserved, version: r.version },
    ]),
  );
  for (const event of events) {
    const productId = stringField(event, 'productId');
    const level = levels.get(productId) ?? { onHand: 0, reserved: 0, version: -1 };
    const next = evolveStockLevel(level, asDomainEvent<InventoryEvent>(event));
    levels.set(productId, { ...next, version: event.version });
  }
  const changed = ids.map((id) => [id, levels.get(id)!] as const);
  await client.query(upsert, [
    changed.map(([id]) => id),
    changed.map(([, l]) => l.onHand),
    changed.map(([, l]) => l.reserved),
    changed.map(([, l]) => l.version),
  ]);
  return changed.map(([productId, level]) => ({
    topic: 'inventoryChanged',
    key: productId,
    message: {
      productId,
      onHand: level.onHand,
      reserved: level.reserved,
      available: level.onHand - level.reserved,
      version: level.version,
    },
  }));
}
