import { type Queryable } from '../shared/queryable';

/**
 * Up to `first` products for each source product, best first: bought together with it in paid
 * orders (most orders first), then best sellers of its category, then the newest of its
 * category. Never the product itself, never twice. Each tier is cut at `first` before the
 * merge, which is enough: a later tier only has to fill what the earlier ones left.
 */
const RECOMMENDATIONS = `
SELECT src.id AS source_id, pick.id AS product_id
FROM unnest($1::text[]) AS src(id)
LEFT JOIN rm.products me ON me.id = src.id
CROSS JOIN LATERAL (
  SELECT c.id, c.tier, c.rank FROM (
    SELECT DISTINCT ON (t.id) t.id, t.tier, t.rank FROM (
      (SELECT cp.other_product_id AS id, 0 AS tier,
              row_number() OVER (ORDER BY cp.orders DESC, cp.other_product_id) AS rank
       FROM rm.co_purchases cp JOIN rm.products p ON p.id = cp.other_product_id
       WHERE cp.product_id = src.id
       ORDER BY cp.orders DESC, cp.other_product_id LIMIT $2)
      UNION ALL
      (SELECT s.product_id, 1, row_number() OVER (ORDER BY s.units DESC, s.product_id)
       FROM rm.product_sales s JOIN rm.products p ON p.id = s.product_id
       WHERE p.category = me.category AND s.product_id <> src.id
       ORDER BY s.units DESC, s.product_id LIMIT $2)
      UNION ALL
      (SELECT p.id, 2, row_number() OVER (ORDER BY p.created_at DESC, p.id)
       FROM rm.products p
       WHERE p.category = me.category AND p.id <> src.id
       ORDER BY p.created_at DESC, p.id LIMIT $2)
    ) t
    ORDER BY t.id, t.tier, t.rank
  ) c
  ORDER BY c.tier, c.rank
  LIMIT $2
) pick
ORDER BY src.id, pick.tier, pick.rank`;

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
