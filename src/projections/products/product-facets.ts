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

interface FacetRow {
  total: number;
  categories: FacetValue[];
  tags: { name: string; value: string; count: number }[];
}

/** The filtered set's size and facet counts, in one statement over one scan of the set. */
export async function countFacets(
  db: Queryable,
  where: readonly string[],
  params: readonly unknown[],
): Promise<{ totalCount: number; facets: ProductFacets }> {
  const { rows } = await db.query<FacetRow>(
    `WITH filtered AS MATERIALIZED (
       SELECT p.category, p.tags FROM rm.products p
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''})
     SELECT
       (SELECT count(*)::int FROM filtered) AS total,
       (SELECT coalesce(json_agg(json_build_object('value', c.category, 'count', c.n)
                 ORDER BY c.n DESC, c.category), '[]')
        FROM (SELECT category, count(*)::int AS n FROM filtered
              WHERE category IS NOT NULL GROUP BY category) c) AS categories,
       (SELECT coalesce(json_agg(json_build_object('name', g.name, 'value', g.value, 'count', g.n)
                 ORDER BY g.name, g.n DESC, g.value), '[]')
        FROM (SELECT t->>'name' AS name, t->>'value' AS value, count(*)::int AS n
              FROM filtered, jsonb_array_elements(filtered.tags) AS t
              GROUP BY 1, 2) g) AS tags`,
    [...params],
  );
  const row = rows[0];
  const tags = new Map<string, FacetValue[]>();
  for (const tag of row?.tags ?? []) {
    const values = tags.get(tag.name) ?? [];
    values.push({ value: tag.value, count: tag.count });
    tags.set(tag.name, values);
  }
  return {
    totalCount: row?.total ?? 0,
    facets: {
      categories: row?.categories ?? [],
      tags: [...tags].map(([name, values]) => ({ name, values })),
    },
  };
}
