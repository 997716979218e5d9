import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../infrastructure/postgres/project-root';
import { printChronocartSchema } from './schema';

/** Where the schema emitted from code is kept, at the package root. */
export function schemaFilePath(): string {
  return path.join(projectRoot(), 'schema.graphql');
}

/** Writes schema.graphql; with `check`, writes nothing and reports whether the file is current. */
export async function emitSchema(check: boolean): Promise<boolean> {
  const file = schemaFilePath();
  const printed = await printChronocartSchema();
  if (check) return existsSync(file) && readFileSync(file, 'utf8') === printed;
  writeFileSync(file, printed);
  return true;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  emitSchema(check).then(
    (current) => {
      if (!current) {
        process.stderr.write(
          'schema.graphql is stale: run `node dist/src/graphql/emit-schema.js`\n',
        );
        process.exitCode = 1;
      } else if (check) {
        process.stdout.write('schema.graphql is current\n');
      }
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
