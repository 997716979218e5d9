import type { GraphQLSchema } from 'graphql';
import { buildChronocartSchema } from '../../../src/graphql/schema';
import { aProduct, fakeServices } from './fake-services';
import { admin, codesOf, customer, runOperation } from './run-operation';

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

  describe('control characters in strings', () => {
    const search = (variables: Record<string, unknown>, source: string) => {
      const searchProducts = jest.fn();
      return {
        searchProducts,
        result: runOperation(schema, {
          services: fakeServices({ catalog: { searchProducts } }),
          actor: null,
          source,
          variables,
        }),
      };
    };

    it.each<[string, string, Record<string, unknown>, string]>([
      [
        'a search in the document',
        '{ products(search: "a\\u0000b") { totalCount } }',
        {},
        'search',
      ],
      [
        'a search in a variable',
        'query($s: String) { products(search: $s) { totalCount } }',
        { s: 'a\u0000b' },
        'search',
      ],
      [
        'a filter category',
        'query($f: ProductFilter) { products(filter: $f) { totalCount } }',
        { f: { category: 'x\u0000' } },
        'filter.category',
      ],
      [
        'a tag value in the filter',
        'query($f: ProductFilter) { products(filter: $f) { totalCount } }',
        { f: { tags: [{ name: 'origin', value: 'ja\u001bpan' }] } },
        'filter.tags.0.value',
      ],
    ])('refuses %s, naming the argument', async (_what, source, variables, field) => {
      const { searchProducts, result } = search(variables, source);
      const { errors } = await result;

      expect(errors.map((error) => error.extensions?.['code'])).toEqual(['BAD_USER_INPUT']);
      expect(errors[0]?.message).toMatch(`${field} must not contain control characters`);
      expect(errors[0]?.extensions?.['invalidFields']).toEqual([
        { field, constraints: { noControlCharacters: expect.stringContaining(field) as unknown } },
      ]);
      expect(searchProducts).not.toHaveBeenCalled();
    });

    it('refuses a scalar argument, such as productBySku(sku:)', async () => {
      const productBySku = jest.fn();
      const result = await runOperation(schema, {
        services: fakeServices({ catalog: { productBySku } }),
        actor: null,
        source: 'query($s: String!) { productBySku(sku: $s) { id } }',
        variables: { s: 'COF\u00001' },
      });

      expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors[0]?.message).toMatch(
        /sku must not contain control characters \(found U\+0000\)/,
      );
      expect(productBySku).not.toHaveBeenCalled();
    });

    it('refuses a product name and a user name, without echoing them', async () => {
      const createProduct = jest.fn();
      const register = jest.fn();
      const services = fakeServices({ catalogAdmin: { createProduct }, auth: { register } });

      const product = await runOperation(schema, {
        services,
        actor: admin,
        source: 'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
        variables: { i: { sku: 'COF-1', name: 'secret\u0000name', price: 100 } },
      });
      const user = await runOperation(schema, {
        services,
        actor: null,
        source: 'mutation($i: RegisterInput!) { register(input: $i) { token } }',
        variables: { i: { email: 'a@example.com', password: 'long enough', name: 'x\u0000y' } },
      });

      expect([...codesOf(product), ...codesOf(user)]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
      expect(product.errors[0]?.message).toMatch('input.name must not contain control characters');
      expect(user.errors[0]?.message).toMatch('input.name must not contain control characters');
      expect(JSON.stringify([product, user])).not.toMatch(/secret|x\\u0000y/);
      expect(createProduct).not.toHaveBeenCalled();
      expect(register).not.toHaveBeenCalled();
    });

    it('accepts tabs and line breaks in free text', async () => {
      const createProduct = jest.fn().mockResolvedValue(aProduct('p1'));
      const result = await runOperation(schema, {
        services: fakeServices({ catalogAdmin: { createProduct } }),
        actor: admin,
        source: 'mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }',
        variables: { i: { sku: 'COF-1', name: 'Mug', description: 'a\tb\r\nc', price: 100 } },
      });

      expect(result.errors).toEqual([]);
      expect(createProduct).toHaveBeenCalledTimes(1);
    });
  });
});
