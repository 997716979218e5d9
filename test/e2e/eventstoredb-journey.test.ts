import { startEsdbTestServer, type EsdbTestServer } from '../support/esdb-test-server/server';
import { adminToken } from './support/fixtures';
import { checkoutJourney } from './support/journey';
import { startTestServer, type TestServer } from './support/server';

/** The same journey with the app's event log on EventStoreDB (the wire-level test server). */
describe('the checkout journey with the event log on EventStoreDB', () => {
  let esdb: EsdbTestServer;
  let server: TestServer;
  beforeAll(async () => {
    esdb = await startEsdbTestServer({ host: '127.0.0.1', port: 0 });
    server = await startTestServer({ EVENTSTORE_URL: esdb.connectionString });
  });
  afterAll(async () => {
    await server.stop();
    await esdb.close();
  });

  it('register → browse → cart → checkout → subscribe → pay → PAID arrives live', async () => {
    await checkoutJourney(server, await adminToken(server));
  });
});
