import { validate } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { VALIDATOR_OPTIONS } from './validator-options';

/**
 * type-graphql validates arguments before a resolver but not before a subscription's `subscribe`,
 * which is where they are used; this does the same check there.
 */
export async function validArgs<T extends object>(type: new () => T, raw: unknown): Promise<T> {
  const args = Object.assign(new type(), raw);
  const errors = await validate(args, { ...VALIDATOR_OPTIONS, skipMissingProperties: true });
  if (errors.length > 0) throw new ArgumentValidationError(errors);
  return args;
}
