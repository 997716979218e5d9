import { ApolloServer } from '@apollo/server';
import { type Redis } from 'ioredis';
import {
  mutationLimit,
  mutationRateLimitPlugin,
} from '../../../src/composition/mutation-rate-limit';
import { type GraphQLContext } from '../../../src/graphql/context';
import { formatGraphQLError } from '../../../src/graphql/format-error';
import { createRedisRateLimiter } from '../../../src/infrastructure/rate-limit/redis-rate-limiter';
import {
  closeRedis,
  connectRedis,
  whenReady,
} from '../../../src/infrastructure/redis/redis-connection';
import { describeWithRedis } from './support/redis-test-env';

const POLICY = { keyPrefix: 'mutations-test', points: 2, durationSeconds: 60 };

describeWithRedis('the mutation rate limit plugin', (env) => {
  const connections: Redis[] = [];
  /** One instance's Apollo Server with the plugin over its own Redis connection. */
  async function instance(): Promise<ApolloServer<GraphQLContext>> {
    const redis = connectRedis({ url: env.baseUrl, keyPrefix: env.keyPrefix }, 'commands');
    connections.push(redis);
    await whenReady(redis, 5_000);
    const limiter = createRedisRateLimiter(redis, POLICY, env.keyPrefix);
    const server = new ApolloServer<GraphQLContext>({
      typeDefs: 'type Query { ok: Boolean } type Mutation { poke: Boolean }',
      resolvers: { Query: { ok: () => true }, Mutation: { poke: () => true } },
      plugins: [mutationRateLimitPlugin(mutationLimit(limiter))],
      formatError: (_formatted, error) =>
        formatGraphQLError(error, { log: () => undefined, correlationId: 'test' }),
    });
    await server.start();
    return server;
  }
  afterAll(async () => {
    await Promise.all(connections.map((c) => closeRedis(c)));
  });

  const as = (userId: string | null) =>
    ({
      contextValue: {
        actor: userId === null ? null : { userId, role: 'CUSTOMER' },
      } as GraphQLContext,
    }) as const;

  it('counts every mutation of a user across instances; queries and anonymous calls are free', async () => {
    const [a, b] = await Promise.all([instance(), instance()]);
    const poke = (server: ApolloServer<GraphQLContext>, userId: string | null) =>
      server.executeOperation({ query: 'mutation { poke }' }, as(userId));

    for (const server of [a, b]) {
      const response = await poke(server, 'u-1');
      expect(response.body).toMatchObject({ singleResult: { data: { poke: true } } });
    }
    const refused = await poke(a, 'u-1');
    expect(refused.http.status).toBe(429);
    expect(Number(refused.http.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({
      singleResult: {
        errors: [
          {
            extensions: {
              code: 'RATE_LIMITED',
              details: { retryAfterSeconds: expect.any(Number) as number },
            },
          },
        ],
      },
    });

    const query = await b.executeOperation({ query: '{ ok }' }, as('u-1'));
    expect(query.body).toMatchObject({ singleResult: { data: { ok: true } } });
    const anonymous = await poke(b, null);
    expect(anonymous.body).toMatchObject({ singleResult: { data: { poke: true } } });
    const otherUser = await poke(b, 'u-2');
    expect(otherUser.body).toMatchObject({ singleResult: { data: { poke: true } } });
    await Promise.all([a.stop(), b.stop()]);
  });
});
