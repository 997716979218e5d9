import { readFileSync } from 'node:fs';
import { schemaFilePath } from '../../../src/graphql/emit-schema';
import { printChronocartSchema } from '../../../src/graphql/schema';

describe('schema.graphql', () => {
  it('is the schema printed from code (regenerate with node dist/src/graphql/emit-schema.js)', async () => {
    expect(readFileSync(schemaFilePath(), 'utf8')).toBe(await printChronocartSchema());
  });
});
