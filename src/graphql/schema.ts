import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth-checker';
import { validateArgument } from './common/validate-args';
import { noTopicsPubSub } from './no-topics-pub-sub';
import { chronocartResolvers } from './resolvers';
import { DateTimeScalar } from './scalars/date-time.scalar';

/**
 * The executable schema. Subscriptions take their events from the services' own async iterables
 * (replay then live), so the PubSub type-graphql requires is one that refuses topics.
 */
export function buildChronocartSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: chronocartResolvers,
    authChecker,
    authMode: 'error',
    pubSub: noTopicsPubSub,
    validateFn: validateArgument,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
}

/** The SDL of the schema, types and fields in alphabetical order so that the file diffs well. */
export async function printChronocartSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildChronocartSchema()))}\n`;
}
