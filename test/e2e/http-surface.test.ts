import { startTestServer, type TestServer } from './support/server';

/**
 * POST /graphql is served by Apollo on node:http and every other request by Express; a client
 * must not be able to tell which: same headers, same CORS, same errors, same client address.
 */
describe('the HTTP surface of /graphql', () => {
  let server: TestServer;
  const ALLOWED = 'https://shop.example';
  beforeAll(async () => {
    server = await startTestServer({ CORS_ORIGINS: ALLOWED });
  });
  afterAll(() => server.stop());

  const post = (url: string, headers: Record<string, string> = {}, body?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body ?? JSON.stringify({ query: '{ __typename }' }),
    });
  const base = () => server.url.replace(/\/graphql$/, '');

  it('answers a POST, with or without a query string, as Express-served routes do', async () => {
    for (const url of [server.url, `${server.url}?op=typename`, `${base()}/GraphQL`]) {
      const res = await post(url, { 'x-request-id': 'trace-123' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
      expect(res.headers.get('x-request-id')).toBe('trace-123');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
    const health = await fetch(`${base()}/healthz`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('replaces an unsafe request id rather than echoing it', async () => {
    const res = await post(server.url, { 'x-request-id': 'bad id <script>' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows the configured origin only, on the preflight and on the POST', async () => {
    const allowed = await post(server.url, { origin: ALLOWED });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const foreign = await post(server.url, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(server.url, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('answers a body that is not a GraphQL request with a GraphQL-shaped 4xx', async () => {
    const notJson = await post(server.url, {}, '{"query": ');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({
      errors: [{ message: 'Malformed JSON body', extensions: { code: 'BAD_USER_INPUT' } }],
    });
    for (const res of [
      await post(server.url, {}, JSON.stringify({ variables: {} })),
      // Not JSON at all (what a cross-site form can send): never parsed.
      await post(server.url, { 'content-type': 'text/plain' }, '{ __typename }'),
    ]) {
      expect(res.status).toBe(400);
      expect(await res.text()).not.toMatch(/at .*\.js|node_modules|stack/);
    }
  });

  it('answers a plain GET query, with no preflight header, but never a mutation', async () => {
    const get = (query: string) =>
      fetch(`${server.url}?query=${encodeURIComponent(query)}`, {
        headers: { accept: 'application/json' },
      });
    const query = await get('{ products(first: 1) { totalCount } }');
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({
      data: { products: { totalCount: expect.any(Number) as number } },
    });
    const register =
      'mutation { register(input: { email: "get@http.test", password: "long-enough-pw" }) { token } }';
    const mutation = await get(register);
    expect(mutation.status).toBe(405);
    expect(await mutation.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT' } }],
    });
    // The refused mutation created nothing: the same registration still goes through over POST.
    const posted = await post(server.url, {}, JSON.stringify({ query: register }));
    expect(await posted.json()).toMatchObject({
      data: { register: { token: expect.any(String) as string } },
    });
  });

  it('serves GraphiQL with only scripts that its CSP lets a browser run, over plain HTTP', async () => {
    const page = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const scripts = [...(await page.text()).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    const sources: string[] = [];
    for (const [, attributes, inline] of scripts) {
      expect(inline!.trim()).toBe('');
      const src = /\bsrc="([^"]*)"/.exec(attributes!)?.[1];
      // A path on this origin ('self'): not another host, nor a protocol-relative URL.
      expect(src).toMatch(/^\/(?!\/)/);
      const asset = await fetch(new URL(src!, server.url));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      sources.push(await asset.text());
    }
    expect(sources.some((source) => source.includes("getElementById('graphiql')"))).toBe(true);
  });

  it('counts the requests it served under the /graphql route', async () => {
    await post(server.url);
    const metrics = await (await fetch(`${base()}/metrics`)).text();
    expect(metrics).toMatch(
      /chronocart_http_request_duration_seconds_count\{[^}]*route="\/graphql"[^}]*status="200"[^}]*\} [1-9]/,
    );
  });

  it('takes the client address from a proxy on the same host, as Express does', async () => {
    const viaProxy = (forwardedFor: string, i: number) =>
      post(
        server.url,
        { 'x-forwarded-for': forwardedFor },
        JSON.stringify({
          query:
            'mutation($e: String!) { login(email: $e, password: "not-the-password") { token } }',
          variables: { e: `nobody-${i}@http.test` },
        }),
      ).then(async (r) => (await r.json()) as { errors?: { extensions?: { code?: string } }[] });
    const codeOf = (r: { errors?: { extensions?: { code?: string } }[] }) =>
      r.errors?.[0]?.extensions?.code;
    // The per-address budget is 50 failures (src/application/users/login-throttle.ts).
    for (let i = 0; i < 50; i++)
      expect(codeOf(await viaProxy('203.0.113.7', i))).toBe('UNAUTHENTICATED');
    expect(codeOf(await viaProxy('203.0.113.7', 50))).toBe('RATE_LIMITED');
    // Said in HTTP too, as every RATE_LIMITED answer is: 429 with Retry-After.
    const refused = await post(
      server.url,
      { 'x-forwarded-for': '203.0.113.7' },
      JSON.stringify({
        query: 'mutation { login(email: "x@http.test", password: "pw-pw-pw-pw") { token } }',
      }),
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(codeOf(await viaProxy('198.51.100.9', 51))).toBe('UNAUTHENTICATED');
    // Without a proxy in front, the caller is the loopback address itself.
    const direct = await server.gql(
      'mutation { login(email: "nobody-52@http.test", password: "not-the-password") { token } }',
    );
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
