/**
 * A position in the PostgreSQL log is (transaction id, global position). Both parts are padded
 * so that plain string comparison follows log order.
 */
export interface LogPosition {
  transactionId: string;
  globalPosition: string;
}

const WIDTH = 20;
const PATTERN = /^(\d{20})-(\d{20})$/;

export const encodePosition = (p: LogPosition): string =>
  `${p.transactionId.padStart(WIDTH, '0')}-${p.globalPosition.padStart(WIDTH, '0')}`;

/** @throws Error when the string is not a position of this store */
export function decodePosition(position: string | null | undefined): LogPosition {
  if (position === null || position === undefined || position === '') {
    return { transactionId: '0', globalPosition: '0' };
  }
  const match = PATTERN.exec(position);
  if (!match) throw new InvalidPosition(position);
  return {
    transactionId: BigInt(match[1]!).toString(),
    globalPosition: BigInt(match[2]!).toString(),
  };
}

export class InvalidPosition extends Error {
  override readonly name = 'InvalidPosition';
  constructor(readonly position: string) {
    super(`Not a log position: ${position}`);
  }
}
