/** A cursor that this server did not hand out, or that belongs to another sort or list. */
export class InvalidCursor extends Error {
  override readonly name = 'InvalidCursor';
  /** The contract's code for it. */
  readonly code = 'BAD_USER_INPUT';
  constructor(readonly cursor: string) {
    super('Invalid cursor');
  }
}

/**
 * Opaque page cursors: base64url of a JSON array whose first element names the list (and sort)
 * it belongs to, followed by the sort key and the row id that resume after the row.
 */
export const encodeCursor = (kind: string, key: readonly string[]): string =>
  Buffer.from(JSON.stringify([kind, ...key]), 'utf8').toString('base64url');

/** @throws InvalidCursor unless the cursor is of `kind` with `keyLength` string parts */
export function decodeCursor(cursor: string, kind: string, keyLength: number): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor(cursor);
  }
  if (!Array.isArray(parsed) || parsed.length !== keyLength + 1 || parsed[0] !== kind) {
    throw new InvalidCursor(cursor);
  }
  const parts: string[] = [];
  for (const part of (parsed as unknown[]).slice(1)) {
    if (typeof part !== 'string') throw new InvalidCursor(cursor);
    parts.push(part);
  }
  return parts;
}

/** Checks a decoded sort-key part so that a forged cursor is refused rather than an SQL error. */
export function checkCursorPart(cursor: string, part: string | undefined, pattern: RegExp): string {
  if (part === undefined || !pattern.test(part)) throw new InvalidCursor(cursor);
  return part;
}

/** How timestamps travel in cursors: PostgreSQL's text form, exact to the microsecond. */
export const TIMESTAMP_PATTERN =
  /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
export const INTEGER_PATTERN = /^-?\d{1,18}$/;
export const REAL_PATTERN = /^-?(\d+(\.\d+)?(e[+-]?\d+)?|NaN|Infinity)$/i;
export const ANY_PATTERN = /^[\s\S]{1,1000}$/;
