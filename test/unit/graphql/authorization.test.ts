import type { GraphQLSchema } from 'graphql';
import { buildChronocartSchema } from '../../../src/graphql/schema';
import { fakeServices } from './fake-services';
import { admin, codesOf, customer, runOperation } from './run-operation';

describe('authorization at the GraphQL edge', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildChronocartSchema();
  });

  it('refuses the cart to an anonymous caller with UNAUTHENTICATED', async () => {
    const cart = jest.fn();
    const services = fakeServices({ cart: { cart } });

    const result = await runOperation(schema, {
      services,
      actor: null,
      source: '{ cart { total } }',
    });

    expect(codesOf(result)).toEqual(['UNAUTHENTICATED']);
    expect(cart).not.toHaveBeenCalled();
  });

  it('refuses projections to a customer with FORBIDDEN', async () => {
    const projectionStatuses = jest.fn();
    const services = fakeServices({ projections: { projectionStatuses } });

    const result = await runOperation(schema, {
      services,
      actor: customer,
      source: '{ projections { name } }',
    });

    expect(codesOf(result)).toEqual(['FORBIDDEN']);
    expect(projectionStatuses).not.toHaveBeenCalled();
  });

  it('shows projections to an admin', async () => {
    const services = fakeServices({
      projections: {
        projectionStatuses: () =>
          Promise.resolve([
            {
              name: 'orders',
              position: '42',
              lagEvents: 0,
              lagMs: null,
              state: 'RUNNING' as const,
            },
          ]),
      },
    });

    const result = await runOperation(schema, {
      services,
      actor: admin,
      source: '{ projections { name lagMs state } }',
    });

    expect(result).toEqual({
      data: { projections: [{ name: 'orders', lagMs: null, state: 'RUNNING' }] },
      errors: [],
    });
  });

  it('refuses an admin mutation to a customer', async () => {
    const result = await runOperation(schema, {
      services: fakeServices(),
      actor: customer,
      source: 'mutation { receiveStock(productId: "p1", quantity: 5) { available } }',
    });

    expect(codesOf(result)).toEqual(['FORBIDDEN']);
  });

  it('answers me with null for an anonymous caller', async () => {
    const result = await runOperation(schema, {
      services: fakeServices(),
      actor: null,
      source: '{ me { id } }',
    });

    expect(result).toEqual({ data: { me: null }, errors: [] });
  });

  it("scopes orders to the caller's own, and to everyone's for an admin", async () => {
    const ordersPage = jest.fn(() =>
      Promise.resolve({ rows: [], hasNextPage: false, endCursor: null, totalCount: 0 }),
    );
    const services = fakeServices({ orders: { ordersPage } });
    const source = '{ orders(status: PAID) { totalCount } }';

    await runOperation(schema, { services, actor: customer, source });
    await runOperation(schema, { services, actor: admin, source });

    expect(ordersPage.mock.calls).toEqual([
      [{ userId: 'u1', status: 'PAID', first: 20, after: null }],
      [{ userId: null, status: 'PAID', first: 20, after: null }],
    ]);
  });
});
