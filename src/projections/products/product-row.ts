import { oneValuePerName, withoutTag, withTag } from '../../aggregates/product/product-tags';
import { type ProductEvent, type Tag } from '../../aggregates/product/product.events';
import { type RecordedEvent } from '../../infrastructure/event-store/event-store';
import { type StockLevel } from '../inventory/stock-level';

/** A product as the read side serves it: catalog data with its stock levels. */
export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  /** Minor units. */
  price: number;
  category: string | null;
  tags: Tag[];
  onHand: number;
  reserved: number;
  available: number;
  /** Revision of the product stream this row reflects. */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Folds one catalog event into the product's row. @throws when the event does not fit */
export function evolveProduct(
  row: ProductRow | null,
  event: ProductEvent,
  recorded: RecordedEvent,
  stock: StockLevel,
): ProductRow {
  if (event.type === 'ProductCreated') {
    if (row) throw new Error(`product ${row.id} already exists`);
    const { productId, sku, name, description, price, category, tags } = event.data;
    return {
      id: productId,
      sku,
      name,
      description,
      price,
      category,
      tags: oneValuePerName(tags),
      ...withStock(stock),
      version: recorded.version,
      createdAt: recorded.occurredAt,
      updatedAt: recorded.occurredAt,
    };
  }
  if (!row) throw new Error(`product ${event.data.productId} does not exist`);
  const next = { ...row, version: recorded.version, updatedAt: recorded.occurredAt };
  switch (event.type) {
    case 'ProductUpdated': {
      const { name, description, category } = event.data;
      if (name !== undefined) next.name = name;
      if (description !== undefined) next.description = description;
      if (category !== undefined) next.category = category;
      return next;
    }
    case 'PriceChanged':
      return { ...next, price: event.data.price };
    case 'ProductTagAdded':
      return { ...next, tags: withTag(row.tags, event.data.tag) };
    case 'ProductTagRemoved':
      return { ...next, tags: withoutTag(row.tags, event.data.name) };
    default: {
      const unknown: never = event;
      throw new Error(`not a product event: ${(unknown as { type: string }).type}`);
    }
  }
}

export const withStock = (stock: StockLevel) => ({
  onHand: stock.onHand,
  reserved: stock.reserved,
  available: stock.onHand - stock.reserved,
});
