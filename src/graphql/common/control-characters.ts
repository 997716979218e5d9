import { ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * C0 control characters other than tab and line breaks. PostgreSQL refuses NUL in text and
 * jsonb, so such input would fail half-way through a command (after an SKU was claimed, say)
 * as an internal error; the others have no place in names, keys or search text either.
 */
function controlCharacterIn(text: string): number | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== TAB && code !== LINE_FEED && code !== CARRIAGE_RETURN) return code;
  }
  return null;
}

const codePoint = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Each string in `value` that holds a control character, by its path (`input.tags.0.name`). */
function findControlCharacters(
  value: unknown,
  path: string,
  found: { path: string; code: number }[],
): void {
  if (typeof value === 'string') {
    const code = controlCharacterIn(value);
    if (code !== null) found.push({ path, code });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      findControlCharacters(child, path === '' ? key : `${path}.${key}`, found);
    }
  }
}

/**
 * Refuses arguments with a control character in any string, however deep, naming each one.
 * Type-independent on purpose: String, ID and custom scalars all end up in SQL or the log.
 * @throws ArgumentValidationError (BAD_USER_INPUT), carrying the paths but never the values
 */
export function rejectControlCharacters(args: object): void {
  const found: { path: string; code: number }[] = [];
  findControlCharacters(args, '', found);
  if (found.length === 0) return;
  throw new ArgumentValidationError(
    found.map(({ path, code }) => {
      const error = new ValidationError();
      error.property = path;
      error.constraints = {
        noControlCharacters: `${path} must not contain control characters (found ${codePoint(code)})`,
      };
      error.children = [];
      return error;
    }),
  );
}
