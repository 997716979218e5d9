import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type NewEvent } from '../../../src/infrastructure/event-store/event-store';
import {
  InvalidCursor,
  productsByIds,
  productsBySkus,
  searchProducts,
  type ProductRow,
  type ProductSearchQuery,
  type ProductSort,
} from '../../../src/projections/products/product.queries';
import { type Queryable } from '../../../src/projections/shared/queryable';
import { createHarness, type Harness } from './support/harness';

interface Spec {
  name: string;
  description: string;
  category: string;
  price: number;
  tags: { name: string; value: string }[];
  stock: number;
}

const COLORS = ['red', 'blue', 'green'];
const CATEGORIES = ['camping', 'garden', 'kitchen'];

/** 40 products; prices and names repeat so that every sort has ties to break. */
const specs: Spec[] = Array.from({ length: 40 }, (_, i) => ({
  name: i % 7 === 0 ? 'Same Name' : `Item ${String.fromCharCode(65 + (i % 26))}${i}`,
  description: `Plain description number ${i}`,
  category: CATEGORIES[i % 3]!,
  price: 1000 + (i % 5) * 250,
  tags: [
    { name: 'color', value: COLORS[i % 3]! },
    ...(i % 4 === 0 ? [{ name: 'size', value: i % 8 === 0 ? 'L' : 'M' }] : []),
  ],
  stock: i % 6 === 0 ? 0 : 10,
}));
specs.push(
  {
    name: 'Storm Lantern',
    description: 'Bright and sturdy',
    category: 'camping',
    price: 4200,
    tags: [{ name: 'color', value: 'red' }],
    stock: 3,
  },
  {
    name: 'Camp Stove',
    description: 'Pairs well with a lantern at night',
    category: 'camping',
    price: 5200,
    tags: [{ name: 'color', value: 'blue' }],
    stock: 3,
  },
);

describe('product search', () => {
  let h: Harness;
  const products: (Spec & { id: string; sku: string })[] = [];

  beforeAll(async () => {
    h = await createHarness();
    const live = await h.runtime();
    let head = '';
    for (const [i, spec] of specs.entries()) {
      const id = randomUUID();
      const sku = `SEARCH-${i}`;
      products.push({ ...spec, id, sku });
      const created: NewEvent = {
        type: 'ProductCreated',
        data: {
          productId: id,
          sku,
          name: spec.name,
          description: spec.description,
          price: spec.price,
          category: spec.category,
          tags: spec.tags,
        },
      };
      head = (await h.store.appendToStream(`product-${id}`, [created], 'no_stream')).position;
      if (spec.stock > 0) {
        const received = { type: 'StockReceived', data: { productId: id, quantity: spec.stock } };
        head = (await h.store.appendToStream(`inventory-${id}`, [received], 'no_stream')).position;
      }
    }
    expect(await live.runtime.waitForPosition(head, 30_000)).toBe(true);
  });
  afterAll(() => h.close());

  const search = (query: Partial<ProductSearchQuery>) =>
    searchProducts(h.db.pool, { first: 100, ...query });
  const names = (rows: { node: ProductRow }[]) => rows.map((r) => r.node.name);
  const idsOf = (rows: { node: ProductRow }[]) => rows.map((r) => r.node.id);

  it('ranks a match in the name above one in the description, and stems', async () => {
    const page = await search({ search: 'lanterns' });
    expect(names(page.rows)).toEqual(['Storm Lantern', 'Camp Stove']);
    expect(page.totalCount).toBe(2);
    const phrase = await search({ search: '"storm lantern" -stove' });
    expect(names(phrase.rows)).toEqual(['Storm Lantern']);
  });

  it('applies each filter', async () => {
    const byCategory = await search({ filter: { category: 'garden' } });
    expect(byCategory.rows.every((r) => r.node.category === 'garden')).toBe(true);
    expect(byCategory.totalCount).toBe(products.filter((p) => p.category === 'garden').length);

    const tags = [
      { name: 'color', value: 'red' },
      { name: 'size', value: 'L' },
    ];
    const byTags = await search({ filter: { tags } });
    const carriesAll = products.filter((p) =>
      tags.every((t) => p.tags.some((x) => x.name === t.name && x.value === t.value)),
    );
    expect(idsOf(byTags.rows).sort()).toEqual(carriesAll.map((p) => p.id).sort());
    expect(carriesAll.length).toBeGreaterThan(0);

    const byPrice = await search({ filter: { minPrice: 1250, maxPrice: 1500 } });
    expect(idsOf(byPrice.rows).sort()).toEqual(
      products
        .filter((p) => p.price >= 1250 && p.price <= 1500)
        .map((p) => p.id)
        .sort(),
    );

    const inStock = await search({ filter: { inStock: true } });
    expect(idsOf(inStock.rows).sort()).toEqual(
      products
        .filter((p) => p.stock > 0)
        .map((p) => p.id)
        .sort(),
    );
    expect(inStock.rows.every((r) => r.node.available > 0)).toBe(true);
    const outOfStock = await search({ filter: { inStock: false } });
    expect(outOfStock.totalCount).toBe(products.filter((p) => p.stock === 0).length);
  });

  it('sorts by each key, ties broken by id', async () => {
    const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    const all = await productsByIds(
      h.db.pool,
      products.map((p) => p.id),
    );
    const expected: Record<Exclude<ProductSort, 'RELEVANCE'>, string[]> = {
      NEWEST: [...all]
        .sort((a, b) => cmp(b.createdAt.getTime(), a.createdAt.getTime()) || cmp(b.id, a.id))
        .map((p) => p.id),
      PRICE_ASC: [...all].sort((a, b) => cmp(a.price, b.price) || cmp(a.id, b.id)).map((p) => p.id),
      PRICE_DESC: [...all]
        .sort((a, b) => cmp(b.price, a.price) || cmp(b.id, a.id))
        .map((p) => p.id),
      NAME: (
        await h.db.pool.query<{ id: string }>('SELECT id FROM rm.products ORDER BY name, id')
      ).rows.map((r) => r.id),
    };
    for (const [sort, ids] of Object.entries(expected)) {
      expect([sort, idsOf((await search({ sort: sort as ProductSort })).rows)]).toEqual([
        sort,
        ids,
      ]);
    }
    // Relevance needs a search; without one it is the newest first.
    expect(idsOf((await search({ sort: 'RELEVANCE' })).rows)).toEqual(expected.NEWEST);
  });

  it('pages through every sort with cursors, never repeating or dropping a row', async () => {
    const cases: Partial<ProductSearchQuery>[] = [
      ...(['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'NAME', 'RELEVANCE'] as const).map((sort) => ({
        sort,
      })),
      { sort: 'RELEVANCE', search: 'description' },
      { sort: 'PRICE_ASC', filter: { category: 'camping' } },
    ];
    for (const query of cases) {
      const whole = await search({ ...query, first: 1000 });
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const page = await search({ ...query, first: 3, after });
        expect(page.totalCount).toBe(whole.totalCount);
        seen.push(...idsOf(page.rows));
        if (!page.hasNextPage) break;
        expect(page.endCursor).toBe(page.rows.at(-1)!.cursor);
        after = page.endCursor;
      }
      expect([query, seen]).toEqual([query, idsOf(whole.rows)]);
      expect(new Set(seen).size).toBe(whole.totalCount);
    }
  });

  it('refuses a cursor it did not hand out or of another sort', async () => {
    await expect(search({ after: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursor);
    const forged = Buffer.from(JSON.stringify(['products:NEWEST', 'yesterday', 'x'])).toString(
      'base64url',
    );
    await expect(search({ sort: 'NEWEST', after: forged })).rejects.toBeInstanceOf(InvalidCursor);
    const priceCursor = (await search({ sort: 'PRICE_ASC', first: 2 })).endCursor!;
    await expect(search({ sort: 'NAME', after: priceCursor })).rejects.toBeInstanceOf(
      InvalidCursor,
    );
  });

  it('counts facets over the filtered set', async () => {
    const filter = { minPrice: 1250 };
    const page = await search({ filter, first: 2 });
    const set = products.filter((p) => p.price >= 1250);
    expect(page.totalCount).toBe(set.length);
    const categories = new Map<string, number>();
    for (const p of set) categories.set(p.category, (categories.get(p.category) ?? 0) + 1);
    expect(new Map(page.facets.categories.map((c) => [c.value, c.count]))).toEqual(categories);
    const counts = page.facets.categories.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const colors = new Map<string, number>();
    for (const p of set)
      for (const t of p.tags.filter((x) => x.name === 'color'))
        colors.set(t.value, (colors.get(t.value) ?? 0) + 1);
    const colorFacet = page.facets.tags.find((t) => t.name === 'color')!;
    expect(new Map(colorFacet.values.map((v) => [v.value, v.count]))).toEqual(colors);
    expect(page.facets.tags.map((t) => t.name)).toEqual(['color', 'size']);
  });

  it('finds products by id and by sku, with their stock', async () => {
    const [a, b] = products;
    const byId = await productsByIds(h.db.pool, [a!.id, b!.id, randomUUID()]);
    expect(byId.map((p) => p.sku).sort()).toEqual([a!.sku, b!.sku].sort());
    const [bySku] = await productsBySkus(h.db.pool, [b!.sku]);
    expect(bySku).toMatchObject({
      id: b!.id,
      name: b!.name,
      onHand: b!.stock,
      reserved: 0,
      available: b!.stock,
      version: 0,
      tags: b!.tags,
    });
  });

  it('finds a product by its SKU in any case and with spaces around, through an index', async () => {
    const b = products[1]!;
    const statements: { text: string; values: unknown[] }[] = [];
    const recording: Queryable = {
      query: <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
        statements.push({ text, values });
        return h.db.pool.query<R>(text, values);
      },
    };
    const found = await productsBySkus(recording, [` ${b.sku.toLowerCase()} `]);
    expect(found.map((p) => p.id)).toEqual([b.id]);
    expect(b.sku).not.toBe(b.sku.toLowerCase());

    // Forty rows are a sequential scan's anyway: forbid it to see whether an index serves.
    const client = await h.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const { text, values } = statements[0]!;
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values);
      expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(
        /Index Scan using products_sku_lower|Bitmap Index Scan on products_sku_lower/,
      );
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
