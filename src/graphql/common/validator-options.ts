import type { ValidatorOptions } from 'class-validator';

/** Errors never carry the validated object or value: they could echo a password back. */
export const VALIDATOR_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
};
