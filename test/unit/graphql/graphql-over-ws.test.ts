import { createClient, type Client } from 'graphql-ws';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { createFormatError } from '../../../src/graphql/format-error';
import { buildChronocartSchema } from '../../../src/graphql/schema';
import { attachGraphQLWebSocket } from '../../../src/infrastructure/http/graphql-over-ws';
import { Metrics } from '../../../src/infrastructure/metrics/metrics';
import { subscribe } from '../../e2e/support/subscription';
import { aUser, fakeServices } from './fake-services';
import { customer } from './run-operation';

describe('GraphQL over WebSocket', () => {
  let expired = false;
  const services = fakeServices({
    auth: { verifyToken: () => Promise.resolve(expired ? null : customer) },
    users: { usersByIds: (ids) => Promise.resolve(ids.map(aUser)) },
  });
  const server = http.createServer();
  const metrics = new Metrics();
  let ws: { dispose(): Promise<void> };
  let client: Client;
  beforeAll(async () => {
    ws = attachGraphQLWebSocket(
      server,
      await buildChronocartSchema(),
      services,
      [],
      createFormatError({ log: () => undefined }),
      metrics,
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = createClient({
      url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: 'Bearer token' },
      retryAttempts: 0,
    });
  });
  afterAll(async () => {
    await client.dispose();
    await ws.dispose();
    server.close();
  });

  it('counts no operation as live once it has ended, whether it ran or was refused', async () => {
    const live = async () => (await metrics.subscriptions.get()).values[0]?.value ?? 0;
    const ran = subscribe(client, '{ me { id } }');
    await ran.until(2); // one result, then the completion
    const refused = subscribe(client, '{ me { nope } }');
    await refused.until(1);
    expect(refused.failure).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/nope/) as unknown }),
    ]);
    expect(await live()).toBe(0);
  });

  it('refuses operations with UNAUTHENTICATED once the connection’s token has expired', async () => {
    const before = subscribe(client, '{ me { id } }');
    await before.until(1);
    expect(before.messages).toEqual([{ data: { me: { id: customer.userId } } }]);

    expired = true;
    const after = subscribe(client, '{ me { id } }');
    await after.until(1);
    expect(after.messages).toEqual([]);
    expect(after.failure).toEqual([
      { message: 'Invalid or expired token', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
  });
});
