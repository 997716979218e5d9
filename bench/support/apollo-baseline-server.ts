import { ApolloServer } from '@apollo/server';
import express from 'express';
import { GraphQLError } from 'graphql';
import http from 'node:http';
import { graphqlPostHandler } from '../../src/infrastructure/http/graphql-post';
import {
  type BaselineServer,
  listenBaseline,
  type PurchaseArgs,
  type PurchaseStrategy,
  SDL,
  subjectOf,
} from './baseline-server';

/**
 * A baseline behind the HTTP and GraphQL stack our app serves POST /graphql with (Apollo Server
 * on node:http through src/infrastructure/http/graphql-post.ts, the JSON body parser), without
 * our resolvers, validation, limits, plugins, security headers and request ids: what the
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
  const handler = graphqlPostHandler({
    apollo,
    middlewares: [express.json()],
    context: (req) => Promise.resolve({ userId: subjectOf(req.headers.authorization) }),
    onError: (_error, res) => {
      res.statusCode = 400;
      res.end();
    },
  });
  return listenBaseline(
    http.createServer(handler),
    (next) => (strategy = next),
    () => apollo.stop(),
  );
}
