import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import http from 'node:http';
import {
  type BaselineServer,
  listenBaseline,
  type PurchaseArgs,
  type PurchaseStrategy,
  SDL,
  subjectOf,
} from './baseline-server';

/**
 * A baseline behind the HTTP and GraphQL stack our app uses (Express 5, Apollo Server, the
 * express5 integration), without our resolvers, validation, limits and plugins: what the
 * row-lock write path does when it pays for the same kind of server ours does.
 */
export async function startApolloBaselineServer(): Promise<BaselineServer> {
  let strategy: PurchaseStrategy | null = null;
  const apollo = new ApolloServer<{ userId: string }>({
    typeDefs: SDL,
    resolvers: {
      Mutation: {
        purchase: (_root: unknown, args: PurchaseArgs, context: { userId: string }) => {
          if (!strategy) throw new GraphQLError('no strategy');
          return strategy(
            context.userId,
            args.productId,
            args.quantity,
            args.idempotencyKey.trim(),
          );
        },
      },
    },
  });
  await apollo.start();
  const app = express();
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(apollo, {
      context: ({ req }) => Promise.resolve({ userId: subjectOf(req.headers.authorization) }),
    }),
  );
  return listenBaseline(
    http.createServer(app),
    (next) => (strategy = next),
    () => apollo.stop(),
  );
}
