import { type Queryable } from '../shared/queryable';

/**
 * Up to `first` products for each source product, bought together with it in paid orders: most
 * such orders first, then by id. Only products still in the catalogue, never the product itself
 * (a pair is never recorded with itself). Nothing bought together yet means no recommendations:
 * the contract promises "bought together with this product", not a filler.
 */
const RECOMMENDATIONS = `
SELECT src.id AS source_id, pick.id AS product_id
FROM unnest($1::text[]) AS src(id)
CROSS JOIN LATERAL (
  SELECT cp.other_product_id AS id, cp.orders
  FROM rm.co_purchases cp JOIN rm.products p ON p.id = cp.other_product_id
  WHERE cp.product_id = src.id
  ORDER BY cp.orders DESC, cp.other_product_id
  LIMIT $2
) pick
ORDER BY src.id, pick.orders DESC, pick.id`;

/** Recommendations of many products in one query (for a DataLoader). */
export async function recommendedProductIdsByProduct(
  db: Queryable,
  productIds: readonly string[],
  first: number,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0 || first <= 0) return result;
  const { rows } = await db.query<{ source_id: string; product_id: string }>(RECOMMENDATIONS, [
    productIds,
    first,
  ]);
  for (const row of rows) result.get(row.source_id)?.push(row.product_id);
  return result;
}
