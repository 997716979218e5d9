import { InvalidCursor } from '../shared/cursor';
import { type Queryable } from '../shared/queryable';
import { type Page } from '../orders/order.queries';
import { PRODUCT_COLUMNS, toProductRow, type ProductDbRow } from './product-columns';
import { countFacets, type ProductFacets } from './product-facets';
import { type ProductRow } from './product-row';
import {
  filterConditions,
  productCursor,
  readProductCursor,
  sortPlan,
  SqlParams,
  tsQuery,
  type ProductFilter,
  type ProductSort,
} from './product-search.sql';

export { InvalidCursor };
export type { FacetValue, ProductFacets } from './product-facets';
export type { ProductRow } from './product-row';
export type { ProductFilter, ProductSort } from './product-search.sql';

export interface ProductSearchQuery {
  /** Web-search syntax ("quoted phrase", -excluded, or); blank means no search. */
  search?: string | null;
  filter?: ProductFilter | null;
  /** RELEVANCE (the default) without a search sorts as NEWEST. */
  sort?: ProductSort;
  first: number;
  /** `endCursor` of the previous page. @throws InvalidCursor when it is not one of this sort */
  after?: string | null;
}

export interface ProductPage extends Page<ProductRow> {
  /** Counts over the whole filtered set (search and filter, not the page). */
  facets: ProductFacets;
}

export async function productsByIds(db: Queryable, ids: readonly string[]): Promise<ProductRow[]> {
  const { rows } = await db.query<ProductDbRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM rm.products p WHERE p.id = ANY($1)`,
    [ids],
  );
  return rows.map(toProductRow);
}

/**
 * Products by SKU as a person types it: trimmed, in any case, the way createProduct claims a
 * SKU (so one that is refused as taken is also found). Served by the index on lower(sku).
 */
export async function productsBySkus(
  db: Queryable,
  skus: readonly string[],
): Promise<ProductRow[]> {
  const { rows } = await db.query<ProductDbRow>(
    `SELECT ${PRODUCT_COLUMNS} FROM rm.products p
     WHERE lower(p.sku) = ANY(ARRAY(SELECT lower(s) FROM unnest($1::text[]) AS s))`,
    [skus.map((sku) => sku.trim())],
  );
  return rows.map(toProductRow);
}

/**
 * Full-text search with filters, five sorts, cursor pagination and facet counts. Every sort
 * ends with the id, and the cursor carries the sort key and id, so paging never repeats or
 * skips a row however many share a key.
 */
export async function searchProducts(
  db: Queryable,
  query: ProductSearchQuery,
): Promise<ProductPage> {
  const search = query.search?.trim() ? query.search.trim() : null;
  const params = new SqlParams();
  const where = filterConditions(params, search, query.filter ?? {});
  const filterParams = [...params.values];

  const relevance = (query.sort ?? 'RELEVANCE') === 'RELEVANCE' && search !== null;
  const sort: ProductSort = relevance ? 'RELEVANCE' : nonRelevance(query.sort);
  const plan = relevance
    ? sortPlan({ rank: `ts_rank_cd(p.search, ${tsQuery(params, search)})` })
    : sortPlan(sort as Exclude<ProductSort, 'RELEVANCE'>);
  const pageWhere = [...where];
  if (query.after) {
    const { key, id } = readProductCursor(query.after, sort, plan);
    pageWhere.push(plan.after(params, key, id));
  }
  const limit = params.add(query.first + 1);
  const pageSql = `SELECT ${PRODUCT_COLUMNS}, ${plan.keyText} AS sort_key FROM rm.products p
    ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''}
    ORDER BY ${plan.orderBy} LIMIT ${limit}`;

  const [page, counts] = await Promise.all([
    db.query<ProductDbRow & { sort_key: string }>(pageSql, params.values),
    countFacets(db, where, filterParams),
  ]);
  const rows = page.rows.slice(0, query.first).map((row) => ({
    cursor: productCursor(sort, row.sort_key, row.id),
    node: toProductRow(row),
  }));
  return {
    rows,
    totalCount: counts.totalCount,
    hasNextPage: page.rows.length > query.first,
    endCursor: rows[rows.length - 1]?.cursor ?? null,
    facets: counts.facets,
  };
}

const nonRelevance = (sort: ProductSort | undefined): ProductSort =>
  sort === undefined || sort === 'RELEVANCE' ? 'NEWEST' : sort;
