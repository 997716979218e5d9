import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function toMoney(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new GraphQLError(
      `Money must be a non-negative integer amount in minor units, got: ${String(value)}`,
    );
  }
  return value;
}

/** An amount in minor units (cents) of the store's single currency, never fractional. */
export const MoneyScalar = new GraphQLScalarType<number, number>({
  name: 'Money',
  description:
    'An integer amount in minor units (cents) of the store currency: a non-negative safe integer.',
  serialize: toMoney,
  parseValue: toMoney,
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) {
      throw new GraphQLError('Money must be an integer literal', { nodes: ast });
    }
    return toMoney(Number(ast.value));
  },
});
