import { randomUUID } from 'node:crypto';
import { adminToken, createProduct } from './support/fixtures';
import { startTestServer, type TestServer } from './support/server';

interface Tag {
  name: string;
  value: string;
}

/** What an admin changes in the catalog is what every query shows afterwards. */
describe('catalog administration over HTTP', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await adminToken(server);
  });
  afterAll(() => server.stop());

  const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) =>
    result.errors?.[0]?.extensions?.code;

  const tagsOf = async (id: string): Promise<Tag[]> =>
    (
      await server.ok<{ product: { tags: Tag[] } }>(
        'query($id: ID!) { product(id: $id) { tags { name value } } }',
        { id },
      )
    ).product.tags;

  const idsTagged = async (category: string, tag: Tag): Promise<string[]> => {
    const data = await server.ok<{ products: { edges: { node: { id: string } }[] } }>(
      'query($f: ProductFilter) { products(filter: $f, first: 50) { edges { node { id } } } }',
      { f: { category, tags: [tag] } },
    );
    return data.products.edges.map((edge) => edge.node.id);
  };

  it('a tag name holds one value: setting it back after a replacement shows everywhere', async () => {
    const category = `tags-${randomUUID().slice(0, 8)}`;
    const { id } = await createProduct(server, admin, {
      category,
      tags: [{ name: 'origin', value: 'japan' }],
    });
    const addTag = (value: string) =>
      server.ok<{ addProductTag: { tags: Tag[] } }>(
        'mutation($p: ID!, $t: TagInput!) { addProductTag(productId: $p, tag: $t) { tags { name value } } }',
        { p: id, t: { name: 'origin', value } },
        admin,
      );

    expect((await addTag('china')).addProductTag.tags).toEqual([
      { name: 'origin', value: 'china' },
    ]);
    expect((await addTag('japan')).addProductTag.tags).toEqual([
      { name: 'origin', value: 'japan' },
    ]);

    expect(await tagsOf(id)).toEqual([{ name: 'origin', value: 'japan' }]);
    expect(await idsTagged(category, { name: 'origin', value: 'japan' })).toEqual([id]);
    expect(await idsTagged(category, { name: 'origin', value: 'china' })).toEqual([]);
    const facets = await server.ok<{
      products: {
        facets: { tags: { name: string; values: { value: string; count: number }[] }[] };
      };
    }>(
      'query($f: ProductFilter) { products(filter: $f) { facets { tags { name values { value count } } } } }',
      {
        f: { category },
      },
    );
    expect(facets.products.facets.tags).toEqual([
      { name: 'origin', values: [{ value: 'japan', count: 1 }] },
    ]);

    const removed = await server.ok<{ removeProductTag: { tags: Tag[] } }>(
      'mutation($p: ID!) { removeProductTag(productId: $p, name: "origin") { tags { name value } } }',
      { p: id },
      admin,
    );
    expect(removed.removeProductTag.tags).toEqual([]);
    expect(await idsTagged(category, { name: 'origin', value: 'japan' })).toEqual([]);
  });

  it('refuses one tag name given twice at creation, and leaves the SKU free', async () => {
    const sku = `TWICE-${randomUUID().slice(0, 8)}`;
    const create = (tags: Tag[]) =>
      server.gql<{ createProduct: { id: string; tags: Tag[] } }>(
        'mutation($i: CreateProductInput!) { createProduct(input: $i) { id tags { name value } } }',
        { i: { sku, name: 'Twice tagged', price: 100, tags } },
        admin,
      );

    const refused = await create([
      { name: 'origin', value: 'japan' },
      { name: 'origin', value: 'china' },
    ]);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/tag "origin" is given twice/);
    const bySku = await server.ok<{ productBySku: unknown }>(
      'query($s: String!) { productBySku(sku: $s) { id } }',
      { s: sku },
    );
    expect(bySku.productBySku).toBeNull();

    const created = await create([{ name: 'origin', value: 'japan' }]);
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProduct.tags).toEqual([{ name: 'origin', value: 'japan' }]);
  });

  it('inventory is null for a product that does not exist, zeros for one never stocked', async () => {
    const level = async (productId: string) =>
      (
        await server.ok<{ inventory: unknown }>(
          'query($p: ID!) { inventory(productId: $p) { productId onHand reserved available } }',
          { p: productId },
        )
      ).inventory;
    expect(await level(randomUUID())).toBeNull();
    expect(await level('not-a-product-id')).toBeNull();

    const { id } = await createProduct(server, admin, { initialStock: 0 });
    const zeros = { productId: id, onHand: 0, reserved: 0, available: 0 };
    expect(await level(id)).toEqual(zeros);
    const product = await server.ok<{ product: { inventory: unknown } }>(
      'query($id: ID!) { product(id: $id) { inventory { productId onHand reserved available } } }',
      { id },
    );
    expect(product.product.inventory).toEqual(zeros);
  });

  it('productBySku finds a product whatever the case of the SKU, as SKU uniqueness does', async () => {
    const { id, sku } = await createProduct(server, admin);
    const bySku = async (asTyped: string) =>
      (
        await server.ok<{ productBySku: { id: string; sku: string } | null }>(
          'query($s: String!) { productBySku(sku: $s) { id sku } }',
          { s: asTyped },
        )
      ).productBySku;

    for (const asTyped of [sku, sku.toLowerCase(), ` ${sku.toLowerCase()}  `]) {
      expect(await bySku(asTyped)).toEqual({ id, sku });
    }
    const taken = await server.gql(
      'mutation($s: String!) { createProduct(input: { sku: $s, name: "Again", price: 1 }) { id } }',
      { s: sku.toLowerCase() },
      admin,
    );
    expect(codeOf(taken)).toBe('CONFLICT');
    expect(await bySku(`${sku}-not`)).toBeNull();
  });

  it('the same search, asked again, shows every change the moment its mutation returned', async () => {
    const word = `zephyr${randomUUID().slice(0, 8).replace(/-/g, '')}`;
    const search = async (inStock: boolean | null) =>
      (
        await server.ok<{
          products: {
            totalCount: number;
            edges: { node: { name: string; price: number } }[];
          };
        }>(
          'query($s: String, $f: ProductFilter) { products(search: $s, filter: $f) { totalCount edges { node { name price } } } }',
          { s: word, f: inStock === null ? null : { inStock } },
        )
      ).products;
    expect((await search(null)).totalCount).toBe(0);
    expect((await search(null)).totalCount).toBe(0);

    const product = await createProduct(server, admin, {
      name: `Lamp ${word}`,
      price: 1000,
      initialStock: 2,
    });
    expect((await search(null)).edges).toEqual([{ node: { name: `Lamp ${word}`, price: 1000 } }]);

    await server.ok(
      'mutation($id: ID!) { updateProduct(id: $id, input: { price: 1250 }) { id } }',
      { id: product.id },
      admin,
    );
    expect((await search(null)).edges).toEqual([{ node: { name: `Lamp ${word}`, price: 1250 } }]);
    expect((await search(true)).totalCount).toBe(1);

    await server.ok(
      'mutation($id: ID!) { adjustStock(productId: $id, delta: -2, reason: "broken") { available } }',
      { id: product.id },
      admin,
    );
    expect((await search(true)).totalCount).toBe(0);
    expect((await search(false)).totalCount).toBe(1);
  });
});
