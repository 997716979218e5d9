import type { GraphQLSchema } from 'graphql';
import { buildChronocartSchema } from '../../../src/graphql/schema';
import { fakeServices } from './fake-services';
import { codesOf, customer, runOperation } from './run-operation';

describe('input validation', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildChronocartSchema();
  });

  it('rejects a page of 1000 products with BAD_USER_INPUT before searching', async () => {
    const searchProducts = jest.fn();
    const services = fakeServices({ catalog: { searchProducts } });

    const result = await runOperation(schema, {
      services,
      actor: null,
      source: '{ products(first: 1000) { totalCount } }',
    });

    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(searchProducts).not.toHaveBeenCalled();
  });

  it('rejects a malformed email on register, without echoing the password', async () => {
    const register = jest.fn();
    const services = fakeServices({ auth: { register } });

    const result = await runOperation(schema, {
      services,
      actor: null,
      source: 'mutation($input: RegisterInput!) { register(input: $input) { token } }',
      variables: { input: { email: 'not-an-email', password: 'correct horse battery' } },
    });

    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors[0]?.extensions?.['invalidFields']).toEqual([
      { field: 'email', constraints: { isEmail: 'email must be an email' } },
    ]);
    expect(JSON.stringify(result)).not.toContain('correct horse');
    expect(register).not.toHaveBeenCalled();
  });

  it('rejects a short password on register', async () => {
    const result = await runOperation(schema, {
      services: fakeServices(),
      actor: null,
      source:
        'mutation { register(input: { email: "a@example.com", password: "short" }) { token } }',
    });

    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('validates nested order lines and the idempotency key', async () => {
    const placeOrder = jest.fn();
    const result = await runOperation(schema, {
      services: fakeServices({ orders: { placeOrder } }),
      actor: customer,
      source: `mutation {
        placeOrder(input: { items: [{ productId: "p1", quantity: 0 }], idempotencyKey: "" }) { id }
      }`,
    });

    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    const fields = result.errors[0]?.extensions?.['invalidFields'] as { field: string }[];
    expect(fields.map(({ field }) => field).sort()).toEqual(['idempotencyKey', 'items.0.quantity']);
    expect(placeOrder).not.toHaveBeenCalled();
  });

  it('rejects a fractional Money value', async () => {
    const result = await runOperation(schema, {
      services: fakeServices(),
      actor: null,
      source: 'query($min: Money) { products(filter: { minPrice: $min }) { totalCount } }',
      variables: { min: 12.5 },
    });

    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('rejects a query for a field that does not exist', async () => {
    const result = await runOperation(schema, {
      services: fakeServices(),
      actor: null,
      source: '{ nope }',
    });

    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('rejects asking for an order both as of a time and at a version', async () => {
    const result = await runOperation(schema, {
      services: fakeServices(),
      actor: customer,
      source: '{ order(id: "o1", asOf: "2025-01-01T00:00:00Z", atVersion: 2) { id } }',
    });

    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
  });
});
