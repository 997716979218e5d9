import { validate } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { VALIDATOR_OPTIONS } from './validator-options';

const OPTIONS = { ...VALIDATOR_OPTIONS, skipMissingProperties: true };

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * The check type-graphql runs on every argument object (its `validateFn`). Its built-in one
 * imports class-validator anew on each call, which shows on a hot mutation's profile.
 * @throws ArgumentValidationError with the violations, as type-graphql's own check does
 */
export async function validateArgument(value: unknown): Promise<void> {
  if (!isObject(value)) return;
  const targets = Array.isArray(value) ? value.filter(isObject) : [value];
  for (const target of targets) {
    const errors = await validate(target, OPTIONS);
    if (errors.length > 0) throw new ArgumentValidationError(errors);
  }
}

/**
 * type-graphql validates arguments before a resolver but not before a subscription's `subscribe`,
 * which is where they are used; this does the same check there.
 */
export async function validArgs<T extends object>(type: new () => T, raw: unknown): Promise<T> {
  const args = Object.assign(new type(), raw);
  await validateArgument(args);
  return args;
}
