import { type Queryable } from '../shared/queryable';

export interface InventoryRow {
  productId: string;
  onHand: number;
  reserved: number;
  available: number;
  /** Revision of the inventory stream this level reflects. */
  version: number;
}

/** Levels of the products that have an inventory stream; others are simply missing. */
export async function inventoryByProductIds(
  db: Queryable,
  productIds: readonly string[],
): Promise<InventoryRow[]> {
  const { rows } = await db.query<{
    product_id: string;
    on_hand: number;
    reserved: number;
    available: number;
    version: number;
  }>(
    `SELECT product_id, on_hand, reserved, available, version FROM rm.inventory
     WHERE product_id = ANY($1)`,
    [productIds],
  );
  return rows.map((row) => ({
    productId: row.product_id,
    onHand: row.on_hand,
    reserved: row.reserved,
    available: row.available,
    version: row.version,
  }));
}
