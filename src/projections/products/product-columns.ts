import { type Tag } from '../../aggregates/product/product.events';
import { type ProductRow } from './product-row';

/** A row of rm.products as pg returns it (integer columns arrive as numbers). */
export interface ProductDbRow {
  id: string;
  sku: string;
  name: string;
  description: string | null;
  price: number;
  category: string | null;
  tags: Tag[];
  on_hand: number;
  reserved: number;
  available: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The columns of `ProductDbRow`, for a products table aliased `p`. */
export const PRODUCT_COLUMNS = `p.id, p.sku, p.name, p.description, p.price, p.category, p.tags,
  p.on_hand, p.reserved, p.available, p.version, p.created_at, p.updated_at`;

export const toProductRow = (row: ProductDbRow): ProductRow => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  description: row.description,
  price: row.price,
  category: row.category,
  tags: row.tags,
  onHand: row.on_hand,
  reserved: row.reserved,
  available: row.available,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
