import fc from 'fast-check';
import { adminToken, createProduct, registerCustomer } from './support/fixtures';
import { startTestServer, type TestServer } from './support/server';
import { subscribe } from './support/subscription';
import { postWebhook, webhookSignature } from './support/webhook';

const LEAK =
  /stacktrace|\bat \w+ \(|SELECT |INSERT |UPDATE |node_modules|\.ts:\d+|\/work\/|pg_|syntax error at or near/i;

const VALID = [
  '{ products(first: 5) { edges { node { id name price tags { name value } } } } }',
  'query($s: String, $f: Int) { products(search: $s, first: $f) { totalCount } }',
  'query($id: ID!) { product(id: $id) { id inventory { available } recommendations { id } } }',
  'mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { total } }',
  'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id status } }',
  'query($id: ID!, $v: Int) { order(id: $id, atVersion: $v) { id history { type } } }',
  'mutation($p: ID!, $k: String!) { purchase(productId: $p, idempotencyKey: $k) { outcome } }',
  '{ cart { items { quantity } total } me { id email } }',
];

const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE es_events; --',
    '<script>alert(1)</script>',
    '${7*7}',
    '\u0000',
    '../../etc/passwd',
    '💥'.repeat(50),
  ),
  fc.string({ minLength: 10_000, maxLength: 20_000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 5 }),
);

/** Documents: valid ones mutated, nested too deep, alias bombs, garbage. */
const documents = fc.oneof(
  fc.constantFrom(...VALID),
  fc
    .tuple(fc.constantFrom(...VALID), fc.nat(200), fc.string({ maxLength: 5 }))
    .map(([q, at, ins]) => q.slice(0, at) + ins + q.slice(at)),
  fc
    .tuple(fc.constantFrom(...VALID), fc.nat(200), fc.nat(20))
    .map(([q, at, n]) => q.slice(0, at) + q.slice(at + n)),
  fc
    .integer({ min: 10, max: 60 })
    .map(
      (n) =>
        `{ products { edges { node { ${'recommendations { '.repeat(n)}id${' }'.repeat(n)} } } } }`,
    ),
  fc
    .integer({ min: 50, max: 500 })
    .map(
      (n) =>
        `{ ${Array.from({ length: n }, (_, i) => `a${i}: products { totalCount }`).join(' ')} }`,
    ),
  fc.integer({ min: 1, max: 30 }).map((n) => `{ me { id ${'__typename '.repeat(n * 50)} } }`),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    '{ nope }',
    '{ products { edges { node { password } } } }',
    'subscription { orderUpdated(orderId: "x") { status } }',
    'mutation { register(input: { email: "a@b.co", password: "long-enough-pw", role: ADMIN }) { token } }',
  ),
);

const variables = fc.dictionary(fc.constantFrom('s', 'f', 'id', 'p', 'q', 'i', 'v', 'k'), nasty, {
  maxKeys: 4,
});

describe('abuse', () => {
  let server: TestServer;
  let customer: { token: string; userId: string };
  let admin: string;
  let productId: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await adminToken(server);
    customer = await registerCustomer(server);
    productId = (await createProduct(server, admin, { initialStock: 3 })).id;
  });
  afterAll(() => server.stop());

  it('thousands of random and mutated documents: no 5xx, no leaks, the server stays healthy', async () => {
    const samples = fc.sample(fc.tuple(documents, variables, fc.boolean(), fc.boolean()), {
      numRuns: 2000,
      seed: 42,
    });
    const failures: string[] = [];
    const send = async ([query, vars, signedIn, batched]: (typeof samples)[number]) => {
      const payload = batched
        ? [
            { query, variables: vars },
            { query, variables: vars },
          ]
        : { query, variables: vars };
      const res = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(signedIn ? { authorization: `Bearer ${customer.token}` } : {}),
        },
        body: JSON.stringify(payload),
      });
      const text = await res.text();
      if (res.status >= 500)
        failures.push(`${res.status} for ${query.slice(0, 120)}: ${text.slice(0, 300)}`);
      if (LEAK.test(text)) failures.push(`leak for ${query.slice(0, 120)}: ${text.slice(0, 300)}`);
    };
    for (let i = 0; i < samples.length; i += 20)
      await Promise.all(samples.slice(i, i + 20).map(send));
    expect(failures).toEqual([]);
    expect((await fetch(server.url.replace('/graphql', '/healthz'))).status).toBe(200);
    expect((await fetch(server.url.replace('/graphql', '/readyz'))).status).toBe(200);
    const level = await server.ok<{ inventory: { onHand: number } }>(
      'query($p: ID!) { inventory(productId: $p) { onHand } }',
      { p: productId },
    );
    expect(level.inventory.onHand).toBe(3);
  });

  it('IDOR: another customer’s tickets and their subscriptions are not found', async () => {
    const owner = await registerCustomer(server);
    const bought = await server.ok<{ purchase: { ticketId: string; outcome: string } }>(
      'mutation($p: ID!) { purchase(productId: $p, idempotencyKey: "mine") { ticketId outcome } }',
      { p: productId },
      owner.token,
    );
    const peek = await server.ok<{ purchase: unknown }>(
      'query($t: ID!) { purchase(ticketId: $t) { outcome } }',
      { t: bought.purchase.ticketId },
      customer.token,
    );
    expect(peek.purchase).toBeNull();
    const sub = subscribe(
      server.ws(customer.token),
      'subscription($t: ID!) { purchaseSettled(ticketId: $t) { outcome } }',
      { t: bought.purchase.ticketId },
    );
    await sub.until(1);
    expect(sub.messages[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const mine = await server.ok<{ purchase: { outcome: string } }>(
      'query($t: ID!) { purchase(ticketId: $t) { outcome } }',
      { t: bought.purchase.ticketId },
      owner.token,
    );
    expect(mine.purchase.outcome).toBe('RESERVED');
  });

  it('forged and replayed payment webhooks are refused and change nothing', async () => {
    const body = JSON.stringify({
      id: 'evt_forged',
      type: 'payment.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: {
        paymentId: 'pay_x',
        orderId: '00000000-0000-4000-8000-000000000000',
        amount: 1,
        transactionId: 't',
        reason: null,
      },
    });
    const t = Math.floor(Date.now() / 1000);
    for (const signature of [undefined, webhookSignature(body, t, 'not-the-secret'), 'garbage']) {
      expect((await postWebhook(server, body, signature)).status).toBe(401);
    }
    const replay = await postWebhook(server, body, webhookSignature(body, t - 3600));
    expect(replay.status).toBe(401);
    const recorded = await server.db.pool.query('SELECT 1 FROM webhook_events');
    expect(recorded.rowCount).toBe(0);
  });
});
