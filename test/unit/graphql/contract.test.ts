import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  DangerousChangeType,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
} from 'graphql';
import { buildChronocartSchema } from '../../../src/graphql/schema';

const contractFile = path.resolve(__dirname, '../../contract/api.graphql');

describe('the schema built from code', () => {
  let contract: GraphQLSchema;
  let ours: GraphQLSchema;

  beforeAll(async () => {
    contract = buildSchema(readFileSync(contractFile, 'utf8'));
    ours = await buildChronocartSchema();
  });

  it('contains the whole public contract: nothing removed, renamed or retyped', () => {
    expect(findBreakingChanges(contract, ours)).toEqual([]);
  });

  it('keeps every argument default of the contract', () => {
    const defaultChanges = findDangerousChanges(contract, ours).filter(
      (change) => change.type === DangerousChangeType.ARG_DEFAULT_VALUE_CHANGE,
    );
    expect(defaultChanges).toEqual([]);
  });

  it('adds no enum value and no argument the contract does not have', () => {
    const additions = findDangerousChanges(contract, ours).filter(
      (change) =>
        change.type === DangerousChangeType.VALUE_ADDED_TO_ENUM ||
        change.type === DangerousChangeType.OPTIONAL_ARG_ADDED,
    );
    expect(additions).toEqual([]);
  });
});
