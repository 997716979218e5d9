import { type ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import { type GraphQLContext } from '../graphql/context';
import { type ReadModel } from './read-model';

/**
 * Read-your-writes for the writes answered without waiting (purchases, see ReadModel.noteAnswered):
 * a query over HTTP first lets the read side reach every such write this process answered before
 * it started. Costs nothing once the projections have been heard to pass it.
 */
export function readYourWritesPlugin(
  readModel: Pick<ReadModel, 'catchUpWithAnswered'>,
  timeoutMs: number,
): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ operation }) {
          if (operation?.operation === OperationTypeNode.QUERY) {
            await readModel.catchUpWithAnswered(timeoutMs);
          }
        },
      });
    },
  };
}
