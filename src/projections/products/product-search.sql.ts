import {
  checkCursorPart,
  decodeCursor,
  encodeCursor,
  INTEGER_PATTERN,
  REAL_PATTERN,
  TIMESTAMP_PATTERN,
  ANY_PATTERN,
} from '../shared/cursor';

export type ProductSort = 'RELEVANCE' | 'NEWEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME';

export interface ProductFilter {
  category?: string | null;
  /** A product must carry every tag given. */
  tags?: readonly { name: string; value: string }[] | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  inStock?: boolean | null;
}

/** Text-search configuration of the search document and of queries (stemming, stop words). */
const TS_CONFIG = 'english';

/** Collects parameters and hands out their placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/** WHERE conditions of the filtered set (search and filter, no cursor) on products `p`. */
export function filterConditions(
  params: SqlParams,
  search: string | null,
  filter: ProductFilter,
): string[] {
  const where: string[] = [];
  if (search !== null) where.push(`p.search @@ ${tsQuery(params, search)}`);
  if (filter.category != null) where.push(`p.category = ${params.add(filter.category)}`);
  if (filter.tags && filter.tags.length > 0) {
    const pairs = filter.tags.map((tag) => `${tag.name}=${tag.value}`);
    where.push(`p.tag_pairs @> ${params.add(pairs)}::text[]`);
  }
  if (filter.minPrice != null) where.push(`p.price >= ${params.add(filter.minPrice)}`);
  if (filter.maxPrice != null) where.push(`p.price <= ${params.add(filter.maxPrice)}`);
  if (filter.inStock != null) where.push(filter.inStock ? 'p.available > 0' : 'p.available <= 0');
  return where;
}

export const tsQuery = (params: SqlParams, search: string): string =>
  `websearch_to_tsquery('${TS_CONFIG}', ${params.add(search)})`;

/** How one sort orders rows, what its cursor carries and how a page resumes after it. */
export interface SortPlan {
  /** The SQL value of the sort key, as text for the cursor. */
  keyText: string;
  orderBy: string;
  /** Condition for rows after the cursor's (key, id). */
  after(params: SqlParams, key: string, id: string): string;
  keyPattern: RegExp;
}

export function sortPlan(sort: Exclude<ProductSort, 'RELEVANCE'> | { rank: string }): SortPlan {
  if (typeof sort === 'object') {
    return {
      keyText: `${sort.rank}::text`,
      orderBy: `${sort.rank} DESC, p.id ASC`,
      after: (params, key, id) => {
        const rank = params.add(key);
        return `(${sort.rank} < ${rank}::real OR (${sort.rank} = ${rank}::real AND p.id > ${params.add(id)}))`;
      },
      keyPattern: REAL_PATTERN,
    };
  }
  switch (sort) {
    case 'NEWEST':
      return {
        keyText: 'p.created_at::text',
        orderBy: 'p.created_at DESC, p.id DESC',
        after: (params, key, id) =>
          `(p.created_at, p.id) < (${params.add(key)}::timestamptz, ${params.add(id)})`,
        keyPattern: TIMESTAMP_PATTERN,
      };
    case 'PRICE_ASC':
      return {
        keyText: 'p.price::text',
        orderBy: 'p.price ASC, p.id ASC',
        after: (params, key, id) =>
          `(p.price, p.id) > (${params.add(key)}::int, ${params.add(id)})`,
        keyPattern: INTEGER_PATTERN,
      };
    case 'PRICE_DESC':
      return {
        keyText: 'p.price::text',
        orderBy: 'p.price DESC, p.id DESC',
        after: (params, key, id) =>
          `(p.price, p.id) < (${params.add(key)}::int, ${params.add(id)})`,
        keyPattern: INTEGER_PATTERN,
      };
    case 'NAME':
      return {
        keyText: 'p.name',
        orderBy: 'p.name ASC, p.id ASC',
        after: (params, key, id) => `(p.name, p.id) > (${params.add(key)}, ${params.add(id)})`,
        keyPattern: ANY_PATTERN,
      };
    default: {
      const unknown: never = sort;
      throw new Error(`unknown sort ${String(unknown)}`);
    }
  }
}

/** Cursors name their sort, so a cursor of another sort is refused instead of misread. */
export const productCursor = (sort: ProductSort, key: string, id: string): string =>
  encodeCursor(`products:${sort}`, [key, id]);

/** @throws InvalidCursor */
export function readProductCursor(
  cursor: string,
  sort: ProductSort,
  plan: SortPlan,
): { key: string; id: string } {
  const [key, id] = decodeCursor(cursor, `products:${sort}`, 2);
  return {
    key: checkCursorPart(cursor, key, plan.keyPattern),
    id: checkCursorPart(cursor, id, ANY_PATTERN),
  };
}
