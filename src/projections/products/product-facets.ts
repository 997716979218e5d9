import { type Queryable } from '../shared/queryable';

export interface FacetValue {
  value: string;
  count: number;
}

export interface ProductFacets {
  /** Most frequent first. */
  categories: FacetValue[];
  /** By tag name; values most frequent first. */
  tags: { name: string; values: FacetValue[] }[];
}

/** One facet count: a category's (name null; value null for products without one) or a tag's. */
interface FacetRow {
  tag: boolean;
  name: string | null;
  value: string | null;
  n: number;
}

/**
 * The filtered set's size and facet counts, in one statement over one scan of the set. Counts come
 * back as rows, grouped straight from the set: building them as JSON in SQL cost twice as much.
 */
export async function countFacets(
  db: Queryable,
  where: readonly string[],
  params: readonly unknown[],
): Promise<{ totalCount: number; facets: ProductFacets }> {
  const { rows } = await db.query<FacetRow>(
    `WITH filtered AS MATERIALIZED (
       SELECT p.category, p.tags FROM rm.products p
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''})
     SELECT * FROM (
       SELECT false AS tag, NULL AS name, category AS value, count(*)::int AS n
       FROM filtered GROUP BY category
       UNION ALL
       SELECT true, t->>'name', t->>'value', count(*)::int
       FROM filtered, jsonb_array_elements(filtered.tags) AS t GROUP BY 2, 3
     ) counts
     ORDER BY tag, name, n DESC, value`,
    [...params],
  );
  let totalCount = 0;
  const categories: FacetValue[] = [];
  const tags = new Map<string, FacetValue[]>();
  for (const row of rows) {
    if (!row.tag) {
      totalCount += row.n;
      if (row.value !== null) categories.push({ value: row.value, count: row.n });
      continue;
    }
    if (row.name === null || row.value === null) continue;
    const values = tags.get(row.name) ?? [];
    values.push({ value: row.value, count: row.n });
    tags.set(row.name, values);
  }
  return {
    totalCount,
    facets: { categories, tags: [...tags].map(([name, values]) => ({ name, values })) },
  };
}
