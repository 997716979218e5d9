import { MaxLength, MinLength } from 'class-validator';

/** 1..200 characters: the same key from the same user returns the first result. */
export function IsIdempotencyKey(): PropertyDecorator {
  return (target, property) => {
    MinLength(1)(target, property);
    MaxLength(200)(target, property);
  };
}
