import { registerCustomer } from './support/fixtures';
import { startTestServer, type TestServer } from './support/server';
import { subscribe } from './support/subscription';

/** Credentials as the clients out there send them, over HTTP and over WebSocket. */
describe('authentication', () => {
  let server: TestServer;
  let customer: { token: string; userId: string };
  beforeAll(async () => {
    server = await startTestServer();
    customer = await registerCustomer(server);
  });
  afterAll(() => server.stop());

  /** `{ me { id } }` over graphql-ws with these connectionParams: its first message. */
  const meOverWebSocket = async (connectionParams: Record<string, unknown>) => {
    const me = subscribe<{ me: { id: string } | null }>(
      server.ws(connectionParams),
      '{ me { id } }',
    );
    await me.until(1);
    return me.messages[0];
  };

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
    expect(await meOverWebSocket(params(customer.token))).toEqual({
      data: { me: { id: customer.userId } },
    });
  });
});
