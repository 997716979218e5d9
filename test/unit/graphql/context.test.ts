import { bearerToken, createGraphQLContext } from '../../../src/graphql/context';
import { fakeServices } from './fake-services';

describe('createGraphQLContext', () => {
  const verifyToken = jest.fn((token: string) =>
    Promise.resolve(token === 'good' ? { userId: 'u1', role: 'CUSTOMER' as const } : null),
  );
  const services = fakeServices({ auth: { verifyToken } });

  it('reads the actor from an HTTP Authorization header', async () => {
    const context = await createGraphQLContext(services, { authorization: 'Bearer good' });

    expect(context.actor).toEqual({ userId: 'u1', role: 'CUSTOMER' });
  });

  it('reads the actor from graphql-ws connectionParams.authorization', async () => {
    const connectionParams: Record<string, unknown> = { authorization: 'Bearer good' };

    const context = await createGraphQLContext(services, {
      authorization: connectionParams['authorization'],
    });

    expect(context.actor).toEqual({ userId: 'u1', role: 'CUSTOMER' });
  });

  it.each([undefined, null, '', '  ', 'Bearer', 'Bearer '])(
    'makes an anonymous caller from no credentials: %p',
    async (authorization) => {
      expect((await createGraphQLContext(services, { authorization })).actor).toBeNull();
    },
  );

  it.each(['Bearer bad', 'bad', 'Basic dXNlcjpwYXNz', 42, { token: 'good' }])(
    'refuses credentials that do not verify, rather than serve an anonymous caller: %p',
    async (authorization) => {
      await expect(createGraphQLContext(services, { authorization })).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'Invalid or expired token',
      });
    },
  );

  it('keeps a safe correlation id and replaces an unsafe one', async () => {
    const kept = await createGraphQLContext(services, { correlationId: 'req-42' });
    const replaced = await createGraphQLContext(services, { correlationId: 'x\n{"level":60}' });

    expect(kept.correlationId).toBe('req-42');
    expect(replaced.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def', 'abc.def'],
    ['bearer abc', 'abc'],
    ['abc', 'abc'],
    ['Bearer', null],
    ['Basic a b', null],
    [undefined, null],
    [42, null],
  ])('reads %p as %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
