import type { GraphQLSchema } from 'graphql';
import { AppError } from '../../../src/application/app-error';
import { buildChronocartSchema } from '../../../src/graphql/schema';
import { aLevel, anOrder, aProduct, aUser, fakeServices } from './fake-services';
import { codesOf, customer, runOperation } from './run-operation';

describe('resolvers', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildChronocartSchema();
  });

  it('pages products with one batched read each for inventory and recommendations', async () => {
    const levelsByProductIds = jest.fn((ids: readonly string[]) =>
      Promise.resolve(ids.map((id) => aLevel(id))),
    );
    const recommendations = jest.fn((ids: readonly string[]) =>
      Promise.resolve(new Map(ids.map((id) => [id, [aProduct(`${id}-mate`)]]))),
    );
    const services = fakeServices({
      catalog: {
        recommendations,
        searchProducts: () =>
          Promise.resolve({
            rows: [
              { cursor: 'c1', node: aProduct('p1') },
              { cursor: 'c2', node: aProduct('p2') },
            ],
            hasNextPage: true,
            endCursor: 'c2',
            totalCount: 7,
            facets: { categories: [{ value: 'books', count: 7 }], tags: [] },
          }),
      },
      inventory: { levelsByProductIds },
    });

    const result = await runOperation(schema, {
      services,
      actor: null,
      source: `{ products(first: 2, sort: PRICE_ASC) {
        totalCount pageInfo { hasNextPage endCursor } facets { categories { value count } }
        edges { cursor node { id price createdAt inventory { available } recommendations(first: 1) { id } } }
      } }`,
    });

    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({
      products: {
        totalCount: 7,
        pageInfo: { hasNextPage: true, endCursor: 'c2' },
        facets: { categories: [{ value: 'books', count: 7 }] },
        edges: ['p1', 'p2'].map((id, index) => ({
          cursor: `c${index + 1}`,
          node: {
            id,
            price: 1250,
            createdAt: '2025-01-02T03:04:05.000Z',
            inventory: { available: 3 },
            recommendations: [{ id: `${id}-mate` }],
          },
        })),
      },
    });
    expect(levelsByProductIds.mock.calls).toEqual([[['p1', 'p2']]]);
    expect(recommendations.mock.calls).toEqual([[['p1', 'p2'], 1]]);
  });

  it('resolves a page of orders with users and products in one read each', async () => {
    const usersByIds = jest.fn((ids: readonly string[]) => Promise.resolve(ids.map(aUser)));
    const productsByIds = jest.fn((ids: readonly string[]) =>
      Promise.resolve(ids.map((id) => aProduct(id))),
    );
    const orders = ['o1', 'o2', 'o3'].map((id) => anOrder(id));
    const services = fakeServices({
      users: { usersByIds },
      catalog: { productsByIds },
      orders: {
        ordersPage: () =>
          Promise.resolve({
            rows: orders.map((order) => ({ cursor: order.id, node: order })),
            hasNextPage: false,
            endCursor: 'o3',
            totalCount: 3,
          }),
      },
    });

    const result = await runOperation(schema, {
      services,
      actor: customer,
      source:
        '{ orders { edges { node { id user { email } items { subtotal product { sku } } } } } }',
    });

    expect(result.errors).toEqual([]);
    expect(usersByIds).toHaveBeenCalledTimes(1);
    expect(productsByIds).toHaveBeenCalledTimes(1);
    expect(result.data).toMatchObject({
      orders: {
        edges: [
          {
            node: {
              id: 'o1',
              user: { email: 'u1@example.com' },
              items: [{ subtotal: 2500, product: { sku: 'SKU-p1' } }],
            },
          },
          {},
          {},
        ],
      },
    });
  });

  it('shows an order seen at a past version with its history up to that version', async () => {
    const orderAsOf = jest.fn(() => Promise.resolve(anOrder('o1', { version: 1 })));
    const event = (version: number) => ({
      type: version === 0 ? 'OrderPlaced' : 'OrderStockReserved',
      streamId: 'order-o1',
      version,
      position: String(100 + version),
      occurredAt: new Date('2025-01-02T03:04:05.000Z'),
      data: { orderId: 'o1' },
    });
    const services = fakeServices({
      orders: {
        orderAsOf,
        orderHistories: () => Promise.resolve(new Map([['o1', [0, 1, 2].map(event)]])),
      },
    });

    const result = await runOperation(schema, {
      services,
      actor: customer,
      source: '{ order(id: "o1", atVersion: 1) { version history { type version data } } }',
    });

    expect(orderAsOf).toHaveBeenCalledWith(customer, 'o1', { atVersion: 1 });
    expect(result).toEqual({
      data: {
        order: {
          version: 1,
          history: [
            { type: 'OrderPlaced', version: 0, data: { orderId: 'o1' } },
            { type: 'OrderStockReserved', version: 1, data: { orderId: 'o1' } },
          ],
        },
      },
      errors: [],
    });
  });

  it("passes a service's refusal to the client with its code", async () => {
    const services = fakeServices({
      orders: {
        placeOrder: () => Promise.reject(new AppError('OUT_OF_STOCK', 'Only 1 left of SKU-p1')),
      },
    });

    const result = await runOperation(schema, {
      services,
      actor: customer,
      source: `mutation { placeOrder(input: { items: [{ productId: "p1", quantity: 2 }], idempotencyKey: "k1" }) { id } }`,
    });

    expect(result.errors).toEqual([
      expect.objectContaining({
        message: 'Only 1 left of SKU-p1',
        extensions: { code: 'OUT_OF_STOCK' },
      }),
    ]);
  });

  it('hides a crash in a service behind INTERNAL_SERVER_ERROR', async () => {
    const log = jest.fn();
    const services = fakeServices({
      cart: { cart: () => Promise.reject(new Error('relation "carts" does not exist')) },
    });

    const result = await runOperation(schema, {
      services,
      actor: customer,
      source: '{ cart { total } }',
      log,
    });

    expect(result.errors).toEqual([
      {
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: 'test-corr' },
      },
    ]);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('applies the contract defaults to purchase and passes the caller', async () => {
    const purchase = jest.fn(() =>
      Promise.resolve({
        ticketId: 't1',
        outcome: 'RESERVED' as const,
        orderId: 'o1',
        userId: 'u1',
      }),
    );
    const services = fakeServices({
      purchases: { purchase },
      orders: { ordersByIds: (ids) => Promise.resolve(ids.map((id) => anOrder(id))) },
    });

    const result = await runOperation(schema, {
      services,
      actor: customer,
      source:
        'mutation { purchase(productId: "p1", idempotencyKey: "k1") { ticketId outcome order { status } } }',
    });

    expect(purchase).toHaveBeenCalledWith(customer, {
      productId: 'p1',
      quantity: 1,
      idempotencyKey: 'k1',
    });
    expect(result).toEqual({
      data: {
        purchase: { ticketId: 't1', outcome: 'RESERVED', order: { status: 'AWAITING_PAYMENT' } },
      },
      errors: [],
    });
  });

  it('builds an update patch that tells omitted fields from cleared ones', async () => {
    const updateProduct = jest.fn(() => Promise.resolve(aProduct('p1')));
    const services = fakeServices({ catalogAdmin: { updateProduct } });

    await runOperation(schema, {
      services,
      actor: { userId: 'a1', role: 'ADMIN' },
      source: 'mutation { updateProduct(id: "p1", input: { price: 999, category: null }) { id } }',
    });

    expect(updateProduct).toHaveBeenCalledWith({ userId: 'a1', role: 'ADMIN' }, 'p1', {
      price: 999,
      category: null,
    });
  });

  it('asks the cart service for the signed-in caller and computes subtotals', async () => {
    const cart = jest.fn(() =>
      Promise.resolve({
        items: [{ productId: 'p1', quantity: 3, unitPrice: 400 }],
        total: 1200,
        itemCount: 3,
        expiresAt: null,
      }),
    );
    const services = fakeServices({
      cart: { cart },
      catalog: { productsByIds: (ids) => Promise.resolve(ids.map((id) => aProduct(id))) },
    });

    const result = await runOperation(schema, {
      services,
      actor: customer,
      source: '{ cart { total itemCount expiresAt items { quantity subtotal product { id } } } }',
    });

    expect(cart).toHaveBeenCalledWith(customer);
    expect(codesOf(result)).toEqual([]);
    expect(result.data).toEqual({
      cart: {
        total: 1200,
        itemCount: 3,
        expiresAt: null,
        items: [{ quantity: 3, subtotal: 1200, product: { id: 'p1' } }],
      },
    });
  });
});
