import { validate } from 'class-validator';
import { ArgumentValidationError, type ResolverData } from 'type-graphql';
import { rejectControlCharacters } from './control-characters';
import { VALIDATOR_OPTIONS } from './validator-options';

const OPTIONS = { ...VALIDATOR_OPTIONS, skipMissingProperties: true };

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

async function validateObject(value: unknown): Promise<void> {
  if (!isObject(value)) return;
  const targets = Array.isArray(value) ? value.filter(isObject) : [value];
  for (const target of targets) {
    const errors = await validate(target, OPTIONS);
    if (errors.length > 0) throw new ArgumentValidationError(errors);
  }
}

/**
 * The check type-graphql runs on every argument (its `validateFn`), before the resolver: no
 * control characters in any string, then the argument's class-validator rules. Its built-in
 * one imports class-validator anew on each call, which shows on a hot mutation's profile.
 * @throws ArgumentValidationError with the violations, as type-graphql's own check does
 */
export async function validateArgument(
  value: unknown,
  _type: unknown,
  { args }: Pick<ResolverData, 'args'>,
): Promise<void> {
  // All of the field's arguments by name: a scalar argument arrives here without its own.
  rejectControlCharacters(args);
  await validateObject(value);
}

/**
 * type-graphql validates arguments before a resolver but not before a subscription's `subscribe`,
 * which is where they are used; this does the same check there.
 */
export async function validArgs<T extends object>(type: new () => T, raw: unknown): Promise<T> {
  const args = Object.assign(new type(), raw);
  rejectControlCharacters(args);
  await validateObject(args);
  return args;
}
