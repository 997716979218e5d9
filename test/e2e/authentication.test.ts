import { JwtTokenService } from '../../src/infrastructure/auth/jwt-token-service';
import { registerCustomer } from './support/fixtures';
import { JWT_SECRET, startTestServer, type TestServer } from './support/server';
import { subscribe } from './support/subscription';

const DAY_MS = 24 * 60 * 60 * 1000;
const ME = '{ me { id } }';

/** Credentials as the clients out there send them, over HTTP and over WebSocket. */
describe('authentication', () => {
  let server: TestServer;
  let customer: { token: string; userId: string };
  beforeAll(async () => {
    server = await startTestServer();
    customer = await registerCustomer(server);
  });
  afterAll(() => server.stop());

  /** The operation over graphql-ws with these connectionParams: its messages, or why it failed. */
  const overWebSocket = async (connectionParams: Record<string, unknown>, query = ME) => {
    const operation = subscribe<{ me: { id: string } | null }>(server.ws(connectionParams), query);
    await operation.until(1);
    return { messages: operation.messages, failure: operation.failure };
  };
  const overHttp = (method: 'GET' | 'POST', authorization?: string) =>
    fetch(method === 'GET' ? `${server.url}?query=${encodeURIComponent(ME)}` : server.url, {
      method,
      headers: {
        accept: 'application/json',
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        ...(authorization === undefined ? {} : { authorization }),
      },
      ...(method === 'POST' ? { body: JSON.stringify({ query: ME }) } : {}),
    });

  it.each([
    ['authorization', (token: string) => ({ authorization: `Bearer ${token}` })],
    ['Authorization', (token: string) => ({ Authorization: `Bearer ${token}` })],
    ['AUTHORIZATION, without "Bearer "', (token: string) => ({ AUTHORIZATION: token })],
    [
      'headers.authorization',
      (token: string) => ({ headers: { authorization: `Bearer ${token}` } }),
    ],
    ['headers.Authorization', (token: string) => ({ headers: { Authorization: token } })],
  ])('reads the token from connectionParams %s', async (_key, params) => {
    const { messages } = await overWebSocket(params(customer.token));
    expect(messages).toEqual([{ data: { me: { id: customer.userId } } }]);
  });

  it('serves a caller without credentials, or with an empty header, as anonymous', async () => {
    for (const authorization of [undefined, '', 'Bearer ']) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await overHttp(method, authorization);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ data: { me: null } });
      }
    }
    for (const params of [{}, { authorization: '' }]) {
      const { messages } = await overWebSocket(params);
      expect(messages).toEqual([{ data: { me: null } }]);
    }
  });

  const actor = () => ({ userId: customer.userId, role: 'CUSTOMER' as const });
  const refusedTokens: [string, () => Promise<string>][] = [
    ['a garbage token', () => Promise.resolve('garbage')],
    [
      'a token signed with another key',
      () =>
        new JwtTokenService({ secret: 'another-secret-that-is-long-enough-for-hs256' }).issue(
          actor(),
        ),
    ],
    [
      'an expired token',
      () =>
        new JwtTokenService({
          secret: JWT_SECRET,
          now: () => new Date(Date.now() - 2 * DAY_MS),
        }).issue(actor()),
    ],
  ];

  it.each(refusedTokens)('over HTTP, answers %s with 401 UNAUTHENTICATED', async (_, token) => {
    const authorization = `Bearer ${await token()}`;
    for (const method of ['GET', 'POST'] as const) {
      const res = await overHttp(method, authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await res.json()).toEqual({
        errors: [{ message: 'Invalid or expired token', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
  });

  it.each(refusedTokens)('over WebSocket, refuses the connection for %s', async (_, token) => {
    const { messages, failure } = await overWebSocket({ authorization: `Bearer ${await token()}` });
    expect(messages).toEqual([]);
    const { code, reason } = failure as { code: number; reason: string };
    expect({ code, reason }).toEqual({ code: 4403, reason: 'Invalid or expired token' });
  });
});
