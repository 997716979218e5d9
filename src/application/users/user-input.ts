import { AppError } from '../app-error';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
export const NAME_MAX_LENGTH = 100;
/** RFC 5321's limit on a forward path. */
export const EMAIL_MAX_LENGTH = 254;

// Deliberately loose: one @, something on each side, a dot in the domain, no spaces or controls.
// Whether the address works is for a confirmation mail to find out, not for a regex.
const EMAIL_SHAPE = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;

/** Trimmed and lower-cased: the form emails are stored and compared in. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function validEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (normalized.length > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.test(normalized)) {
    throw new AppError('BAD_USER_INPUT', 'Enter a valid email address', { field: 'email' });
  }
  return normalized;
}

/** Counted in code points, so that a password of emoji is measured as a person would. */
export function validPassword(password: string): string {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new AppError(
      'BAD_USER_INPUT',
      `Password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
      { field: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH },
    );
  }
  return password;
}

/** Blank names are stored as no name. */
export function validName(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (trimmed === '') return null;
  if ([...trimmed].length > NAME_MAX_LENGTH) {
    throw new AppError('BAD_USER_INPUT', `Name must be at most ${NAME_MAX_LENGTH} characters`, {
      field: 'name',
      maxLength: NAME_MAX_LENGTH,
    });
  }
  return trimmed;
}
