import { randomUUID } from 'node:crypto';
import { ADMIN, type TestServer } from './server';

export async function adminToken(server: TestServer): Promise<string> {
  const data = await server.ok<{ login: { token: string } }>(
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
    { e: ADMIN.email, p: ADMIN.password },
  );
  return data.login.token;
}

export async function registerCustomer(
  server: TestServer,
): Promise<{ token: string; userId: string; email: string }> {
  const email = `shopper-${randomUUID()}@e2e.test`;
  const data = await server.ok<{ register: { token: string; user: { id: string } } }>(
    'mutation($i: RegisterInput!) { register(input: $i) { token user { id } } }',
    { i: { email, password: 'a-long-password', name: 'Shopper' } },
  );
  return { token: data.register.token, userId: data.register.user.id, email };
}

export async function createProduct(
  server: TestServer,
  admin: string,
  input: {
    price?: number;
    initialStock?: number;
    name?: string;
    category?: string;
    tags?: { name: string; value: string }[];
    description?: string;
  } = {},
): Promise<{ id: string; sku: string }> {
  const sku = `SKU-${randomUUID().slice(0, 8)}`;
  const data = await server.ok<{ createProduct: { id: string; sku: string } }>(
    'mutation($i: CreateProductInput!) { createProduct(input: $i) { id sku } }',
    {
      i: {
        sku,
        name: input.name ?? `Product ${sku}`,
        description: input.description ?? 'A test product',
        price: input.price ?? 1000,
        category: input.category ?? 'tests',
        tags: input.tags ?? [],
        initialStock: input.initialStock ?? 10,
      },
    },
    admin,
  );
  return data.createProduct;
}
