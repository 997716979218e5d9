import { adminToken, createProduct, registerCustomer } from './support/fixtures';
import { startTestServer, type TestServer } from './support/server';

/** Every failure a client can cause: a 4xx or a GraphQL error with a contract code; never a leak. */
describe('bad input over HTTP', () => {
  let server: TestServer;
  let admin: string;
  let shopper: { token: string };
  let product: { id: string; sku: string };
  beforeAll(async () => {
    server = await startTestServer();
    admin = await adminToken(server);
    shopper = await registerCustomer(server);
    product = await createProduct(server, admin, { initialStock: 5, price: 700 });
  });
  afterAll(() => server.stop());

  const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) =>
    result.errors?.[0]?.extensions?.code;
  const noLeak = (body: unknown) => {
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/stacktrace|at \w+ \(|SELECT |INSERT |node_modules|\.ts:\d+/i);
  };
  const level = async () =>
    (
      await server.ok<{ inventory: { onHand: number; reserved: number } }>(
        'query($p: ID!) { inventory(productId: $p) { onHand reserved } }',
        { p: product.id },
      )
    ).inventory;
  const eventCount = async () =>
    Number(
      (await server.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0]!.n,
    );

  it.each([
    ['a wrong type', 'mutation { addToCart(productId: "x", quantity: "two") { total } }'],
    ['an unknown field', '{ products { edges { node { nope } } } }'],
    ['a page that is too large', '{ products(first: 1000) { totalCount } }'],
    ['a negative page size', '{ products(first: -1) { totalCount } }'],
    ['a garbage cursor', '{ products(after: "definitely-not-a-cursor") { totalCount } }'],
    ['a syntax error', '{ products( '],
    [
      'too deep a query',
      `{ products { edges { node { ${'recommendations { '.repeat(20)}id${' }'.repeat(20)} } } } }`,
    ],
  ])('%s is BAD_USER_INPUT with no leak', async (_what, query) => {
    const result = await server.gql(query, {}, shopper.token);
    expect(result.status).toBeLessThan(500);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    noLeak(result);
  });

  it.each<[string, string, Record<string, unknown>, boolean]>([
    [
      'a product name',
      'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
      { i: { sku: 'NUL-1', name: 'a\u0000b', price: 100 } },
      true,
    ],
    [
      'a search',
      'query($s: String) { products(search: $s) { totalCount } }',
      { s: 'a\u0000b' },
      false,
    ],
    [
      'a category filter',
      'query($f: ProductFilter) { products(filter: $f) { totalCount } }',
      { f: { category: 'a\u0000b' } },
      false,
    ],
    [
      'a tag filter',
      'query($f: ProductFilter) { products(filter: $f) { totalCount } }',
      { f: { tags: [{ name: 'origin', value: 'a\u0000b' }] } },
      false,
    ],
    [
      'a user name',
      'mutation($i: RegisterInput!) { register(input: $i) { token } }',
      { i: { email: 'nul@e2e.test', password: 'a-long-password', name: 'x\u0000y' } },
      false,
    ],
  ])(
    'a NUL character in %s is BAD_USER_INPUT and changes nothing',
    async (_what, query, variables, asAdmin) => {
      const before = await eventCount();
      const result = await server.gql(query, variables, asAdmin ? admin : undefined);
      expect(result.status).toBeLessThan(500);
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/must not contain control characters/);
      noLeak(result);
      expect(await eventCount()).toBe(before);
    },
  );

  it('a createProduct refused for a NUL character leaves its SKU free', async () => {
    const create = (name: string) =>
      server.gql<{ createProduct: { sku: string } }>(
        'mutation($i: CreateProductInput!) { createProduct(input: $i) { sku } }',
        { i: { sku: 'NUL-2', name, price: 100 } },
        admin,
      );
    expect(codeOf(await create('a\u0000b'))).toBe('BAD_USER_INPUT');
    const created = await create('ab');
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProduct.sku).toBe('NUL-2');
  });

  it('absurd numbers and oversized strings are refused and change nothing', async () => {
    const before = await eventCount();
    for (const quantity of [0, -3, 2_000_000_000]) {
      const r = await server.gql(
        'mutation($p: ID!, $q: Int!) { placeOrder(input: { items: [{ productId: $p, quantity: $q }], idempotencyKey: "absurd" }) { id } }',
        { p: product.id, q: quantity },
        shopper.token,
      );
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
    }
    const huge = await server.gql(
      'mutation($k: String!, $p: ID!) { placeOrder(input: { items: [{ productId: $p, quantity: 1 }], idempotencyKey: $k }) { id } }',
      { k: 'k'.repeat(5000), p: product.id },
      shopper.token,
    );
    expect(codeOf(huge)).toBe('BAD_USER_INPUT');
    const price = await server.gql(
      'mutation { createProduct(input: { sku: "NEG-1", name: "Negative", price: -5 }) { id } }',
      {},
      admin,
    );
    expect(codeOf(price)).toBe('BAD_USER_INPUT');
    expect(await eventCount()).toBe(before);
    expect(await level()).toEqual({ onHand: 5, reserved: 0 });
  });

  it('unknown products, duplicate SKUs and other people\u2019s orders are clear errors that append nothing', async () => {
    const before = await eventCount();
    const unknown = await server.gql(
      'mutation { placeOrder(input: { items: [{ productId: "00000000-0000-4000-8000-000000000000", quantity: 1 }], idempotencyKey: "u1" }) { id } }',
      {},
      shopper.token,
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    const notAnId = await server.gql(
      'mutation { addToCart(productId: "not-an-id", quantity: 1) { total } }',
      {},
      shopper.token,
    );
    expect(codeOf(notAnId)).toBe('NOT_FOUND');
    for (const field of ['purchase', 'purchaseAsync']) {
      for (const productId of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
        const bought = await server.gql(
          `mutation($p: ID!) { ${field}(productId: $p, idempotencyKey: "unknown-${field}-${productId}") { outcome } }`,
          { p: productId },
          shopper.token,
        );
        expect([field, productId, codeOf(bought)]).toEqual([field, productId, 'NOT_FOUND']);
      }
    }
    // Nothing waits to be settled for a product that does not exist.
    const queued = await server.db.pool.query(
      "SELECT 1 FROM purchase_tickets WHERE outcome = 'QUEUED'",
    );
    expect(queued.rowCount).toBe(0);
    const duplicate = await server.gql(
      'mutation($s: String!) { createProduct(input: { sku: $s, name: "Again", price: 1 }) { id } }',
      { s: product.sku },
      admin,
    );
    expect(codeOf(duplicate)).toBe('CONFLICT');
    expect(await eventCount()).toBe(before);
  });

  it('taking stock below what is reserved is refused', async () => {
    const r = await server.gql(
      'mutation($p: ID!) { adjustStock(productId: $p, delta: -6, reason: "shrinkage") { onHand } }',
      { p: product.id },
      admin,
    );
    expect(codeOf(r)).toBe('INVALID_STATE');
    expect(await level()).toEqual({ onHand: 5, reserved: 0 });
  });

  it('customers cannot do admin work; anonymous callers must sign in', async () => {
    const asCustomer = await server.gql(
      'mutation($p: ID!) { receiveStock(productId: $p, quantity: 5) { onHand } }',
      { p: product.id },
      shopper.token,
    );
    expect(codeOf(asCustomer)).toBe('FORBIDDEN');
    const projections = await server.gql('{ projections { name } }', {}, shopper.token);
    expect(codeOf(projections)).toBe('FORBIDDEN');
    const anonymous = await server.gql('{ cart { total } }');
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(await level()).toEqual({ onHand: 5, reserved: 0 });
  });

  it('tampered tokens are refused, even for a query anyone may make', async () => {
    const [header, payload] = shopper.token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'x', role: 'ADMIN', exp: 9_999_999_999 }),
    ).toString('base64url');
    for (const token of [
      `${header}.${forged}.${shopper.token.split('.')[2]}`,
      `${header}.${payload}.AAAA`,
      'garbage',
    ]) {
      const r = await server.gql('{ products(first: 1) { totalCount } }', {}, token);
      expect(r.status).toBe(401);
      expect(codeOf(r)).toBe('UNAUTHENTICATED');
    }
  });

  it('malformed JSON, batches and oversized bodies are 4xx without internals', async () => {
    const post = (body: string) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const malformed = await post('{"query": ');
    expect(malformed.status).toBe(400);
    noLeak(await malformed.json());
    const batch = await post(
      JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    );
    expect(batch.status).toBe(400);
    const huge = await post(
      JSON.stringify({ query: `{ __typename }`, variables: { x: 'y'.repeat(200_000) } }),
    );
    expect(huge.status).toBe(413);
  });

  it('register and login refuse bad input clearly', async () => {
    const badEmail = await server.gql(
      'mutation { register(input: { email: "nope", password: "long-enough-pw" }) { token } }',
    );
    expect(codeOf(badEmail)).toBe('BAD_USER_INPUT');
    const shortPassword = await server.gql(
      'mutation { register(input: { email: "short@e2e.test", password: "short" }) { token } }',
    );
    expect(codeOf(shortPassword)).toBe('BAD_USER_INPUT');
    const wrong = await server.gql(
      'mutation { login(email: "admin@e2e.test", password: "wrong-password") { token } }',
    );
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
  });
});
